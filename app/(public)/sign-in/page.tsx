import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/lib/server/auth";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentUser()) redirect("/now");
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
      <SignInForm action={signInAction} />
    </AuthCard>
  );
}
