"use client";

import { clear, createStore, get, set, type UseStore } from "idb-keyval";
import { keptHistory, type PastPlan } from "@/lib/habits";

// What this browser remembers of the plans it posted, per account, in its IndexedDB only — never sent
// to the server, and not in the export (the server does not have it):
// - the history suggestions are made from (lib/habits.ts): each plan's activity and window;
// - the usual area: the cell of the last plan or standing plan posted with an area, offered by the
//   composer as "Use my usual area" (it is what was sent then, nothing more precise).
// Both cleared by "Delete my location data" and whenever a signed-out page loads (after signing out
// or deleting the account).

let store: UseStore | null = null;
const habits = () => (store ??= createStore("overlap-habits", "history"));
const key = (userId: string) => `plans:${userId}`;
const areaKey = (userId: string) => `area:${userId}`;
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

/** The cell of this account's last area on this device, or null. */
export async function readUsualArea(userId: string): Promise<string | null> {
  if (!available()) return null;
  try {
    return (await get<string>(areaKey(userId), habits())) ?? null;
  } catch {
    return null;
  }
}

/** Keeps the cell a plan was just posted with as this account's usual area (best effort). */
export async function rememberArea(userId: string, cell: FormDataEntryValue | null): Promise<void> {
  if (!available() || typeof cell !== "string" || cell === "") return;
  try {
    await set(areaKey(userId), cell, habits());
  } catch {
    // Storage full or blocked: no usual area offered, nothing else changes.
  }
}

/** Forgets every account's history and usual area on this device. */
export async function forgetHistory(): Promise<void> {
  if (!available()) return;
  try {
    await clear(habits());
  } catch {
    // Nothing stored, or storage blocked.
  }
}
