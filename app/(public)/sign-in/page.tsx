import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { FormAlert } from "@/components/ui/form-alert";
import { currentUser } from "@/lib/server/auth";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ created?: string }> }) {
  if (await currentUser()) redirect("/now");
  const { created } = await searchParams;
  return (
    <AuthCard
      title="Welcome back"
      intro="Sign in to see what your friends feel like doing."
      footer={
        <>
          New here?{" "}
          <Link href="/sign-up" className="font-medium text-brand-700 underline underline-offset-2">
            Create an account
          </Link>
        </>
      }
    >
      {created === "1" && (
        <div className="mb-5">
          <FormAlert tone="info" message="Your account is ready. Sign in to continue." />
        </div>
      )}
      <SignInForm action={signInAction} />
    </AuthCard>
  );
}
