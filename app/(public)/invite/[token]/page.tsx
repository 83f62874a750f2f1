import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInviteForm } from "@/components/invite/accept-invite-form";
import { Avatar } from "@/components/ui/avatar";
import { buttonClasses } from "@/components/ui/button";
import { currentUser } from "@/lib/server/auth/auth";
import { getInviteLanding } from "@/lib/server/social/invites";
import { acceptInviteAction } from "../actions";

export const metadata: Metadata = { title: "Invitation", robots: { index: false, follow: false } };

type Props = { params: Promise<{ token: string }> };

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const user = await currentUser();
  const landing = await getInviteLanding(token, user?.id ?? null);
  const next = encodeURIComponent(`/invite/${token}`);

  // A dead link answers 404, like anything else that does not exist (see not-found.tsx beside this page).
  if (landing.status === "invalid") notFound();
  if (landing.status === "own") {
    return (
      <AuthCard
        title="This is your own invite link"
        intro="Send it to a friend: when they open it, they can accept."
        footer={
          <Link href="/friends#invite" className="underline underline-offset-2">
            Your invite links
          </Link>
        }
      >
        <p className="text-stone-700">You can withdraw it from your Friends page at any time.</p>
      </AuthCard>
    );
  }

  const { inviter } = landing;
  return (
    <AuthCard
      title={landing.status === "already-friends" ? "You’re already friends" : "You’re invited"}
      intro="Overlap tells friends when they want to do the same thing nearby — and nobody else."
      footer={
        <Link href="/" className="underline underline-offset-2">
          What is Overlap?
        </Link>
      }
    >
      <div className="mb-6 flex items-center gap-3 rounded-xl bg-stone-50 p-4">
        <Avatar name={inviter.displayName} handle={inviter.handle} />
        <p>
          <span className="font-semibold">{inviter.displayName}</span> <span className="text-stone-600">@{inviter.handle}</span>
          <span className="block text-stone-700">{landing.status === "already-friends" ? "is already your friend." : "invited you to be friends."}</span>
        </p>
      </div>
      {landing.status === "already-friends" ? (
        <Link href="/friends" className={buttonClasses("primary", "w-full")}>
          Go to your friends
        </Link>
      ) : user ? (
        <AcceptInviteForm action={acceptInviteAction} token={token} inviterName={inviter.displayName} />
      ) : (
        <div className="flex flex-col gap-3">
          <Link href={`/sign-up?next=${next}`} className={buttonClasses("primary")}>
            Create an account to accept
          </Link>
          <Link href={`/sign-in?next=${next}`} className={buttonClasses("secondary")}>
            I already have an account
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
