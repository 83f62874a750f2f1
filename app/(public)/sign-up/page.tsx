import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUser } from "@/lib/server/auth";
import { signUpAction } from "../actions";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage() {
  if (await currentUser()) redirect("/now");
  return (
    <AuthCard
      title="Create your account"
      intro="It takes a minute. No contact upload, no location until you choose to share one."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 underline underline-offset-2">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm action={signUpAction} />
    </AuthCard>
  );
}
