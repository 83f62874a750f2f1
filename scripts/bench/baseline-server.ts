// The bench's baseline for plan posts: a bare node:http server that answers the same request the
// composer sends, with none of the framework — no Next.js, no server-action protocol, no encrypted
// session cookie (the session id comes in plain). It calls the app's own hot path, which is plain SQL on a pg pool
// (lib/server/sql.ts): the session lookup, the same zod schema, the rate-limit upsert, the area
// budget, the insert, the matcher's candidate query and match transaction. So the statements are
// the same by construction, and app/baseline measures what the framework costs.
// Run by scripts/bench through tsx with the react-server condition (lib/server is server-only).
import { createServer, type IncomingMessage } from "node:http";
import { pool } from "@/lib/server/db";
import { ExpectedError } from "@/lib/server/errors";
import { createPlan } from "@/lib/server/plans/plans";
import { getSessionUser } from "@/lib/server/auth/sessions";
import { planFormSchema, resolveWindow } from "@/lib/validation/plans";

const port = Number(process.argv[2]);

async function formOf(request: IncomingMessage): Promise<FormData> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = new Uint8Array(Buffer.concat(chunks));
  return new Request("http://baseline/", { method: "POST", headers: { "content-type": request.headers["content-type"] ?? "" }, body }).formData();
}

type Answer = { status: number; body: object; after?: () => Promise<unknown> };

async function postPlan(request: IncomingMessage): Promise<Answer> {
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
  const user = sid ? await getSessionUser(sid) : null;
  if (!user) return { status: 401, body: { ok: false } };
  // The fields of React's server-action encoding ("_1_activity": the second argument's "activity").
  const form = await formOf(request);
  const fields = Object.fromEntries([...form].filter(([key]) => key.startsWith("_1_")).map(([key, value]) => [key.slice(3), value]));
  const parsed = planFormSchema.safeParse(fields);
  if (!parsed.success) return { status: 200, body: { ok: false, message: "Please fix the highlighted fields." } };
  const resolved = resolveWindow(parsed.data, new Date());
  if ("errors" in resolved) return { status: 200, body: { ok: false, fieldErrors: resolved.errors } };
  const { activity, cell, travelKm, audience, note } = parsed.data;
  try {
    // Answers what the app's action answers: the new plan as its owner sees it.
    const { plan, match } = await createPlan(user.id, { activity, cell, travelKm, audience, note, ...resolved.window });
    // Matched once the answer is sent, as the app's action does with `after`.
    return { status: 200, body: { ok: true, data: { plan, postedAt: Date.now() } }, after: match };
  } catch (error) {
    if (error instanceof ExpectedError) return { status: 200, body: { ok: false, message: error.message } };
    throw error;
  }
}

const server = createServer((request, response) => {
  postPlan(request).then(
    ({ status, body, after }) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body), () => void after?.()),
    (error: unknown) => {
      console.error(error);
      response.writeHead(500).end();
    },
  );
});
server.listen(port, "127.0.0.1", () => console.log(`Baseline is ready on ${port}`));
process.on("SIGTERM", () => server.close(() => void pool().end().then(() => process.exit(0))));
