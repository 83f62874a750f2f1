"use client";

import { clear, createStore, get, set, type UseStore } from "idb-keyval";
import { keptHistory, type PastPlan } from "@/lib/habits";

// The history suggestions are made from (lib/habits.ts): the activity and window of each plan posted
// from this browser, per account, in this browser's IndexedDB only — never sent to the server, and not
// in the export (the server does not have it). Cleared by "Delete my location data" and whenever a
// signed-out page loads (after signing out or deleting the account).

let store: UseStore | null = null;
const habits = () => (store ??= createStore("overlap-habits", "history"));
const key = (userId: string) => `plans:${userId}`;
const available = () => typeof indexedDB !== "undefined";

/** This account's history on this device (empty where IndexedDB is unavailable, e.g. some private modes). */
export async function readHistory(userId: string): Promise<PastPlan[]> {
  if (!available()) return [];
  try {
    return (await get<PastPlan[]>(key(userId), habits())) ?? [];
  } catch {
    return [];
  }
}

/** Adds a plan just posted to this account's history (best effort: a suggestion is not worth an error). */
export async function rememberPlan(userId: string, plan: PastPlan): Promise<void> {
  if (!available()) return;
  try {
    const history = await readHistory(userId);
    await set(key(userId), keptHistory([{ activity: plan.activity, startsAt: plan.startsAt, endsAt: plan.endsAt }, ...history], new Date()), habits());
  } catch {
    // Storage full or blocked: no suggestions, nothing else changes.
  }
}

/** Forgets every account's history on this device. */
export async function forgetHistory(): Promise<void> {
  if (!available()) return;
  try {
    await clear(habits());
  } catch {
    // Nothing stored, or storage blocked.
  }
}
