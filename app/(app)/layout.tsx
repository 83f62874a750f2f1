import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { currentUser } from "@/lib/server/auth";
import { signOutAction } from "./actions";

// Display only: every page in this group checks the session itself with requireUser().
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <div className="flex min-h-dvh flex-col">
      {user && <AppHeader user={user} signOutAction={signOutAction} />}
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}
