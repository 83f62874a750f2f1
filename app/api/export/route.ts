// GET /api/export – everything stored about the signed-in user, as one JSON file (GDPR Art. 15 and 20)
import { currentUser } from "@/lib/server/auth/auth";
import { collectUserData } from "@/lib/server/privacy/my-data";
import { consume, EXPORTS_PER_USER, retryMessage } from "@/lib/server/rate-limit";

export const dynamic = "force-dynamic";

const EXPORT_FORMAT = "overlap-export/1";

// Personal data: never kept by a browser or proxy cache.
const PRIVATE = { "Cache-Control": "no-store" };

/** What a GET would answer, without building the file or counting a download (Next would run GET for a HEAD). */
export async function HEAD(): Promise<Response> {
  const user = await currentUser();
  return new Response(null, { status: user ? 200 : 401, headers: user ? { ...PRIVATE, "Content-Type": "application/json; charset=utf-8" } : PRIVATE });
}

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in to download your data." }, { status: 401, headers: PRIVATE });
  // A link on another site could otherwise start downloads in a visitor's name (the session cookie
  // goes along with a top-level navigation) and use up the hour's downloads. Browsers say where a
  // request came from; typed or bookmarked addresses say "none".
  const from = request.headers.get("sec-fetch-site");
  if (from === "cross-site" || from === "same-site") {
    return Response.json({ error: "Download your data from your data page on Overlap." }, { status: 403, headers: PRIVATE });
  }
  const decision = await consume(EXPORTS_PER_USER, user.id);
  if (!decision.allowed) {
    const retryAfter = String(decision.retryAfterSeconds);
    return Response.json({ error: retryMessage(decision.retryAfterSeconds) }, { status: 429, headers: { ...PRIVATE, "Retry-After": retryAfter } });
  }

  const now = new Date();
  const data = { exportedAt: now.toISOString(), format: EXPORT_FORMAT, ...(await collectUserData(user.id, now)) };
  // collectUserData already turns ids into strings; the replacer keeps a future BigInt from breaking the file.
  const body = JSON.stringify(data, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2);
  return new Response(body, {
    headers: {
      ...PRIVATE,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="overlap-export-${now.toISOString().slice(0, 10)}.json"`,
    },
  });
}
