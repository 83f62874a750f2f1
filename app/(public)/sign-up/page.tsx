import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUser } from "@/lib/server/auth/auth";
import { nextPathField } from "@/lib/validation/auth";
import { signUpAction } from "../actions";

export const metadata: Metadata = { title: "Create your account" };

type Props = { searchParams: Promise<{ next?: string }> };

export default async function SignUpPage({ searchParams }: Props) {
  const next = nextPathField.parse((await searchParams).next);
  if (await currentUser()) redirect(next ?? "/plans");
  return (
    <AuthCard
      title="Create your account"
      intro="It takes a minute. No contact upload, no location until you choose to share one."
      footer={
        <>
          Already have an account?{" "}
          <Link href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"} className="font-medium text-brand-700 underline underline-offset-2">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm action={signUpAction} next={next} />
    </AuthCard>
  );
}
