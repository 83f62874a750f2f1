import Link from "next/link";
import type { ReactNode } from "react";
import { Brand } from "@/components/brand";
import { ForgetHistory } from "@/components/plans/forget-history";
import { buttonClasses } from "@/components/ui/button";
import { currentUser } from "@/lib/server/auth/auth";

export default async function PublicLayout({ children }: { children: ReactNode }) {
  const signedIn = (await currentUser()) !== null;
  return (
    <div className="flex min-h-dvh flex-col">
      {!signedIn && <ForgetHistory />}
      <header className="border-b border-stone-200 bg-white/80 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-4 px-4">
          <Brand href="/" />
          <nav aria-label="Account" className="flex items-center gap-1 sm:gap-2">
            {signedIn ? (
              <Link href="/plans" className={buttonClasses("secondary", "px-3 text-sm sm:text-base")}>
                Open Overlap
              </Link>
            ) : (
              <>
                <Link href="/sign-in" className={buttonClasses("ghost", "px-3 text-sm sm:text-base")}>
                  Sign in
                </Link>
                <Link href="/sign-up" className={buttonClasses("primary", "px-3 text-sm sm:text-base")}>
                  Create account
                </Link>
              </>
            )}
          </nav>
        </div>
      </header>
      <main id="main" className="flex-1 px-4 py-10 sm:py-16">
        {children}
      </main>
      <footer className="border-t border-stone-200 px-4 py-6 text-center text-sm text-stone-600">
        Overlap keeps only what it needs to match you with friends, for as long as you choose.
      </footer>
    </div>
  );
}
