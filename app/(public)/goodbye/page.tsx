import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";

export const metadata: Metadata = { title: "Account deleted" };

export default function GoodbyePage() {
  return (
    <AuthCard
      title="Your account is deleted"
      intro="Everything we held about you is gone: your plans and their areas, friends, notifications, the ledger, and every place you were signed in."
      footer={
        <Link href="/" className="underline underline-offset-2">
          Go to the start page
        </Link>
      }
    >
      <p className="text-stone-700">Friends no longer see you, and what their inboxes said about you has been removed too. Thank you for trying Overlap.</p>
    </AuthCard>
  );
}
