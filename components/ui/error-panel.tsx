"use client";

import { Button } from "@/components/ui/button";

/** What a page that failed unexpectedly shows in its place, with a way to try again. */
export function ErrorPanel({ reset }: { reset: () => void }) {
  return (
    <div role="alert" className="mx-auto flex min-h-[50dvh] max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-stone-600">Check your connection and try again. If it keeps happening, reload the page.</p>
      <Button type="button" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
