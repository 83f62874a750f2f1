import fc from "fast-check";
import type { ServerAction } from "./actions";
import type { Outgoing } from "./http";
import { EDGE_VALUES, fieldName, fieldValue, materialize, type Big, type Value } from "../../support/fuzz-values";
import { MAX_BODY_BYTES } from "@/scripts/lib/request-shape.mjs";

// Server action requests of every shape. React's client sends an action's arguments as multipart
// form data: a FormData argument's fields under a numbered prefix ("_1_handle") and a root part "0"
// holding the argument list as JSON ("$K1" names that FormData) — see tests/e2e/action-replay.ts.

export type Part = { name: string; value: Value; file?: boolean };

export type ActionBody =
  /** React's encoding of (previousState, formData), with these fields in the form. */
  | { kind: "form"; previous: string; parts: Part[] }
  /** React's encoding of arguments that are not a form, as multipart or as the plain-text reply. */
  | { kind: "args"; args: unknown[]; as: "multipart" | "text" }
  /** The no-JavaScript form post: no Next-Action header, the action named in a field. */
  | { kind: "no-js"; parts: Part[] }
  /** Anything else a client may send (parts: multipart without React's meaning). */
  | { kind: "raw"; contentType: string | null; body: Value | Part[] };

/**
 * The largest body the server reads (scripts/lib/request-shape.mjs; next.config.js gives server
 * actions the same). A body over it is answered 413 as soon as its headers arrive, and the
 * connection closed: a client still writing may then fail to write before it reads that answer.
 */
export const BODY_LIMIT = MAX_BODY_BYTES;

const BOUNDARY = "----fuzzBoundary7MA4YWxkTrZu0gW";

function multipart(parts: Part[]): Buffer {
  // As browsers write names: quotes and line breaks percent-encoded.
  const escape = (name: string) => name.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const chunks = parts.map(
    (part) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${escape(part.name)}"` +
      (part.file ? `; filename="fuzz.bin"\r\nContent-Type: application/octet-stream` : "") +
      `\r\n\r\n${materialize(part.value)}\r\n`,
  );
  return Buffer.from(`${chunks.join("")}--${BOUNDARY}--\r\n`, "utf8");
}

function formParts(body: Extract<ActionBody, { kind: "form" }>): Part[] {
  const prefixed = body.parts.map((part) => ({ ...part, name: `_1_${part.name}` }));
  return [...prefixed, { name: "0", value: `[${body.previous},"$K1"]` }];
}

export type Sender = { cookie?: string; origin?: string; address: string };

export function actionRequest(action: ServerAction, body: ActionBody, sender: Sender): Outgoing {
  const headers: Record<string, string> = { "x-forwarded-for": sender.address, accept: "text/x-component" };
  if (sender.cookie) headers.cookie = sender.cookie;
  if (sender.origin !== undefined) headers.origin = sender.origin;
  if (body.kind !== "no-js") headers["next-action"] = action.id;
  const withMultipart = (parts: Part[]) => {
    headers["content-type"] = `multipart/form-data; boundary=${BOUNDARY}`;
    return multipart(parts);
  };
  let payload: Buffer;
  switch (body.kind) {
    case "form":
      payload = withMultipart(formParts(body));
      break;
    case "args":
      if (body.as === "multipart") payload = withMultipart([{ name: "0", value: JSON.stringify(body.args) }]);
      else {
        headers["content-type"] = "text/plain;charset=UTF-8";
        payload = Buffer.from(JSON.stringify(body.args), "utf8");
      }
      break;
    case "no-js":
      payload = withMultipart([{ name: `$ACTION_ID_${action.id}`, value: "" }, ...body.parts]);
      break;
    case "raw":
      if (Array.isArray(body.body)) payload = withMultipart(body.body);
      else {
        payload = Buffer.from(materialize(body.body), "utf8");
        if (body.contentType !== null) headers["content-type"] = body.contentType;
      }
      break;
  }
  return { method: "POST", path: action.path, headers, body: payload };
}

/** The form fields an action may read from `body`, for telling whether it was a valid form. */
export function formSeen(body: ActionBody): [string, string][] | null {
  if (body.kind !== "form" && body.kind !== "no-js") return null;
  return body.parts.map((part) => [part.name, part.file ? "[file]" : materialize(part.value)]);
}

const part = (names: string[]): fc.Arbitrary<Part> =>
  fc.record(
    { name: fieldName(names), value: fieldValue, file: fc.option(fc.constant(true), { freq: 10, nil: undefined }) },
    { requiredKeys: ["name", "value"] },
  );

const previousState = fc.constantFrom('{"ok":false}', '"$undefined"', "null", '{"ok":true,"values":{"x":"$K1"}}');

/** Family A: the action's own form, its fields missing, repeated, extra or with wrong values. */
export function formBodies(action: ServerAction): fc.Arbitrary<ActionBody> {
  const own = fc.subarray(action.fields).chain((names) => fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), value: fieldValue }))));
  const extra = fc.oneof({ weight: 2, arbitrary: fc.constant([] as Part[]) }, fc.array(part(action.fields), { minLength: 1, maxLength: 4 }));
  return fc
    .record({ previous: previousState, own, extra })
    .map(({ previous, own: ownParts, extra: extraParts }) => ({ kind: "form" as const, previous, parts: [...ownParts, ...extraParts] }));
}

/**
 * Family A, deterministic part: every field of the form at once at each edge value. A long value is
 * cut so that the whole form stays under the server's body limit: past it the server answers 413 and
 * closes, and a client still writing may see the connection reset instead (oversize bodies are their
 * own family, below).
 */
export function edgeBodies(action: ServerAction): ActionBody[] {
  const fits = (value: Value): Value =>
    typeof value === "string" ? value : { ...value, times: Math.min(value.times, Math.floor((BODY_LIMIT - 16_000) / Math.max(1, action.fields.length))) };
  return EDGE_VALUES.map((value) => ({ kind: "form", previous: '{"ok":false}', parts: action.fields.map((name) => ({ name, value: fits(value) })) }));
}

// JSON without strings that start with "$": those are React's references, fuzzed as encodings below.
const json = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value).replace(/"\$/g, '"_')) as unknown);

/** Family B: well-formed React encodings of arguments that are not (previousState, FormData). */
export function argumentBodies(action: ServerAction): fc.Arbitrary<ActionBody> {
  return fc.oneof(
    fc.record({ kind: fc.constant("args" as const), args: fc.array(json, { maxLength: 3 }), as: fc.constantFrom("multipart" as const, "text" as const) }),
    fc.record({ kind: fc.constant("args" as const), args: fc.constant<unknown[]>([1, "x", {}]), as: fc.constantFrom("multipart" as const, "text" as const) }),
    fc.record({ kind: fc.constant("no-js" as const), parts: fc.array(part(action.fields), { maxLength: 4 }) }),
  );
}

const contentTypes = fc.oneof(
  fc.constantFrom(
    "application/json",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    `multipart/form-data; boundary=${BOUNDARY}`,
    "application/octet-stream",
    "text/x-component",
    "",
  ),
  fc.string({ maxLength: 30 }),
  fc.constant(null),
);

const raw = (body: fc.Arbitrary<Value>): fc.Arbitrary<ActionBody> => fc.record({ kind: fc.constant("raw" as const), contentType: contentTypes, body });

/**
 * Family C: bodies that are not React's encoding, each kind its own property: Next decodes a body
 * before the app's code runs, and each kind goes wrong at a different step.
 */
export const OTHER_BODIES: Record<string, (action: ServerAction) => fc.Arbitrary<ActionBody>> = {
  "C1. no body, or text that is not JSON": () =>
    fc.oneof(raw(fc.constant("")), raw(fc.string({ unit: "grapheme", maxLength: 60 }).filter((text) => !isJson(text)))),
  "C2. a JSON object of the form's fields": (action) =>
    raw(fc.array(fc.tuple(fieldName(action.fields), fc.string({ maxLength: 20 })), { maxLength: 4 }).map((pairs) => JSON.stringify(Object.fromEntries(pairs)))),
  "C3. JSON that is neither an object nor a list (a number, a string, true, null)": () =>
    raw(fc.jsonValue({ maxDepth: 0 }).map((value) => JSON.stringify(value))),
  "C4. multipart without React's root part, or with one that is not an argument list": (action) =>
    fc.record({
      kind: fc.constant("raw" as const),
      contentType: fc.constant(null),
      body: fc.oneof(
        fc.array(part(action.fields), { maxLength: 4 }),
        fc
          .tuple(
            fc.array(part(action.fields), { maxLength: 3 }),
            fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('["$K9"]', '["$Q1"]', '["$@7"]', "5", '"x"', "null")),
          )
          .map(([fields, root]) => [...fields, { name: "0", value: root }]),
      ),
    }),
};

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Family D: big bodies, under the limit (answered) and over it (413). */
export function sizedBody(bytes: number, as: "form" | "text"): ActionBody {
  const filler: Big = { repeat: "x", times: bytes };
  if (as === "text") return { kind: "raw", contentType: "text/plain;charset=UTF-8", body: filler };
  return { kind: "form", previous: '{"ok":false}', parts: [{ name: "filler", value: filler }] };
}

/** Family E: Origin headers a browser, a proxy or an attacker may send with an action. */
export const origins: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl().map((url) => new URL(url).origin),
  fc.constantFrom("null", "http://127.0.0.1", "https://evil.example", "file://", "http://[::1]:1", "not a url", ""),
  fc.string({ maxLength: 30 }),
);
