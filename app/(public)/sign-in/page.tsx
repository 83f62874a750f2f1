import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { FormAlert } from "@/components/ui/form-alert";
import { currentUser } from "@/lib/server/auth/auth";
import { nextPathField } from "@/lib/validation/auth";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ created?: string; next?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = nextPathField.parse(params.next);
  if (await currentUser()) redirect(next ?? "/plans");
  return (
    <AuthCard
      title="Welcome back"
      intro={next?.startsWith("/invite/") ? "Sign in to answer your invite." : "Sign in to see what your friends feel like doing."}
      footer={
        <>
          New here?{" "}
          <Link href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"} className="font-medium text-brand-700 underline underline-offset-2">
            Create an account
          </Link>
        </>
      }
    >
      {params.created === "1" && (
        <div className="mb-5">
          <FormAlert tone="info" message="Your account is ready. Sign in to continue." />
        </div>
      )}
      <SignInForm action={signInAction} next={next} />
    </AuthCard>
  );
}
