"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

// Shown when a page outside the signed-in app fails unexpectedly.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main">
      <ErrorPanel reset={reset} />
    </main>
  );
}
