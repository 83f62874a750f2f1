"use client";

import { createContext, use, useState, type ReactNode } from "react";

// A suggestion made on this device (suggestions.tsx) filling in the composer or the standing-plan
// form: handed over in the page, never through a URL or a request.

export type Prefill =
  { kind: "post"; activity: string; key: number } | { kind: "standing"; activity: string; days: number[]; from: number; to: number; key: number };

/** A prefill as a suggestion hands it over (each kind without its key). */
type Filling = Prefill extends infer P ? (P extends Prefill ? Omit<P, "key"> : never) : never;
type PrefillState = { prefill: Prefill | null; fill: (prefill: Filling) => void };

const PrefillContext = createContext<PrefillState>({ prefill: null, fill: () => undefined });

export function PrefillProvider({ children }: { children: ReactNode }) {
  const [prefill, setPrefill] = useState<Prefill | null>(null);
  return <PrefillContext value={{ prefill, fill: (next) => setPrefill({ ...next, key: Date.now() } as Prefill) }}>{children}</PrefillContext>;
}

export function usePrefill(): PrefillState {
  return use(PrefillContext);
}
