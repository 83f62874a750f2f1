"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

// A signed-in page that fails unexpectedly is replaced inside the app: the header and the tabs stay.
export default function AppErrorPage({ reset }: { error: Error; reset: () => void }) {
  return <ErrorPanel reset={reset} />;
}
