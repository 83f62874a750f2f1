// Suggestions for an activity being typed, from the presets and the person's own past activities:
// "volleyball" finds "beach volleyball", "BoardGames" finds "board games". Pure and client-safe.

/** An activity as the server stores it: trimmed, single spaces, lower case (lib/validation/plans.ts). */
export function tidyActivity(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** For comparing only: no case, no spaces, no accents ("Café  au lait" ~ "cafeaulait"). */
function squash(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, "");
}

/**
 * Up to `limit` known activities that contain what was typed, ignoring case, spaces and accents —
 * those starting with it first, then in the order given (past activities before presets, say). What
 * was typed is not suggested back to itself once tidied.
 */
export function suggestActivities(typed: string, known: readonly string[], limit = 4): string[] {
  const wanted = squash(typed);
  if (wanted.length < 2) return [];
  const seen = new Set<string>();
  const found: { activity: string; starts: boolean; order: number }[] = [];
  known.forEach((candidate, order) => {
    const activity = tidyActivity(candidate);
    const key = squash(activity);
    if (!activity || seen.has(key) || !key.includes(wanted)) return;
    seen.add(key);
    if (activity === tidyActivity(typed)) return;
    found.push({ activity, starts: key.startsWith(wanted), order });
  });
  return found
    .sort((a, b) => Number(b.starts) - Number(a.starts) || a.order - b.order)
    .slice(0, limit)
    .map((entry) => entry.activity);
}
