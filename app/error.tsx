"use client";

import { Button } from "@/components/ui/button";

// Shown when a page or an action fails unexpectedly (for instance the connection dropped mid-request).
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-stone-600">Check your connection and try again. If it keeps happening, reload the page.</p>
      <Button type="button" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
