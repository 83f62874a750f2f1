import Link from "next/link";
import { connection } from "next/server";
import { buttonClasses } from "@/components/ui/button";

export default async function NotFound() {
  // Rendered per request, not once at build time: a prebuilt page has no nonce on its scripts, and
  // the page's CSP (proxy.ts) would refuse them all.
  await connection();
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-stone-600">This page doesn’t exist, or you don’t have access to it.</p>
      <Link href="/" className={buttonClasses("primary")}>
        Go to the start page
      </Link>
    </main>
  );
}
