// The request a browser sends when someone posts a plan from the composer: a server action call
// (POST with the action's id in `Next-Action`, the form encoded by React's own encodeReply).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "../lib/paths.mjs";

const require = createRequire(join(ROOT, "package.json"));
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node.js");

/** The id the production build gave an exported server action (ids change with every build). */
export function actionId(exportedName, file) {
  const manifest = JSON.parse(readFileSync(join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8"));
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === exportedName && entry.filename === file) return id;
  }
  throw new Error(`No server action ${exportedName} in ${file} in the build`);
}

/**
 * The composer's fields for "I want to do `activity` now, around `cell`". `postKey` is the form's
 * idempotency key: a retry of the same post with the same key stores one plan.
 */
function planFields({ activity, cell, travelKm = 10, audience = "friends", postKey = randomUUID() }) {
  return { activity, cell, when: "now", travelKm: String(travelKm), audience, note: "", postKey };
}

/** Body and content type of a server action call with (previous state, form data), as the browser encodes it. */
async function actionBody(fields) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const encoded = await encodeReply([{ ok: false }, form]);
  const response = new Response(encoded);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get("content-type") };
}

export const POST_PLAN = { exportedName: "postPlanAction", file: "app/(app)/plans/actions.ts", path: "/plans" };

/**
 * The composer's post of `plan` (planFields' arguments) by the holder of `cookie`, to the app at
 * `origin` whose build gave the action `id`: { headers, body }.
 */
export async function planPost({ id, origin, cookie, plan }) {
  const { body, contentType } = await actionBody(planFields(plan));
  return { headers: { "next-action": id, accept: "text/x-component", origin, cookie, "content-type": contentType }, body };
}
