import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";

export default function InviteNotFound() {
  return (
    <AuthCard
      title="This invite link can’t be used"
      intro="It may have expired, been withdrawn or already been used."
      footer={
        <Link href="/" className="underline underline-offset-2">
          Go to the start page
        </Link>
      }
    >
      <p className="text-stone-700">Ask your friend to make a new link for you — it only takes them a tap.</p>
    </AuthCard>
  );
}
