// @ts-check
// Whether a POST to a page is a server action request Next.js can decode. Next decodes an action's
// arguments before any of the app's code runs, and answers a body it cannot decode with a 500 (a
// stack trace in the log, too). Such requests are refused with 400 first: those React sends with a
// `Next-Action` header by scripts/server.mjs (it reads the body once and hands it on to Next), forms
// posted without JavaScript by proxy.ts. Pure; plain JavaScript, so the plain-node server imports it
// as is.
//
// The app's actions all take (previous form state, FormData). React encodes those as JSON in which
// a string starting with "$" is either a value of its own (undefined, NaN, ±Infinity, -0, a date
// "$D…", a bigint "$n<digits>", an escaped "$$…") or a reference to another part of the body: the
// FormData ("$K<id>", whose fields may be absent) or, only in a form posted without JavaScript, its
// action's parts ("$@<id>", "$<id>"), which must be there and decode too. Any other reference (a Map, Set,
// stream, blob, server function) is not one React sends to these actions.

const VALUE = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$|K[0-9a-f]+$)/;
const PART_REFERENCE = /^\$@?([0-9a-f]+)$/;

/**
 * @param {unknown} value
 * @param {ReadonlySet<string>} parts
 * @returns {boolean}
 */
function holdsOnlyValues(value, parts) {
  if (typeof value === "string") {
    if (!value.startsWith("$") || VALUE.test(value)) return true;
    const part = PART_REFERENCE.exec(value)?.[1];
    return part !== undefined && parts.has(String(parseInt(part, 16)));
  }
  if (Array.isArray(value)) return value.every((item) => holdsOnlyValues(item, parts));
  if (value && typeof value === "object") return Object.values(value).every((item) => holdsOnlyValues(item, parts));
  return true;
}

/**
 * @param {string} text
 * @param {ReadonlySet<string>} parts
 * @param {boolean} list
 */
function parsesTo(text, parts, list) {
  try {
    const value = JSON.parse(text);
    return (!list || Array.isArray(value)) && holdsOnlyValues(value, parts);
  } catch {
    return false;
  }
}

// Next's multipart parser honours a part's charset; every browser sends UTF-8.
const FOREIGN_CHARSET = /\r\ncontent-type:[^\r\n]*charset\s*=\s*"?(?!utf-?8\b)/i;

/**
 * The multipart body, if it is one both parsers read alike; null if not.
 * @param {Uint8Array} body
 * @param {string} contentType
 * @returns {Promise<FormData | null>}
 */
async function readMultipart(body, contentType) {
  try {
    if (FOREIGN_CHARSET.test(new TextDecoder().decode(body))) return null;
    const form = await new Response(/** @type {BodyInit} */ (/** @type {unknown} */ (body)), { headers: { "content-type": contentType } }).formData();
    // Next's parser hands a part without a name on as no name at all, which its decoder trips over.
    return [...form.keys()].some((name) => name === "") ? null : form;
  } catch {
    return null;
  }
}

/** @param {FormDataEntryValue | null} value */
const text = (value) => (typeof value === "string" ? value : null);

/**
 * A form posted without JavaScript: each bound action's parts must decode ("$ACTION_<n>:<k>").
 * @param {FormData} form
 */
function formActionDecodes(form) {
  /** @type {Map<string, Map<string, string>>} */
  const bound = new Map();
  for (const [name, value] of form) {
    const [, id = "", index = ""] = /^\$ACTION_(.+):(\d+)$/.exec(name) ?? [];
    if (!id) continue;
    if (typeof value !== "string") return false;
    const parts = bound.get(id) ?? new Map();
    if (parts.has(index)) return false;
    bound.set(id, parts.set(index, value));
  }
  for (const [name] of form) {
    const ref = /^\$ACTION_REF_(.+)$/.exec(name)?.[1];
    if (ref !== undefined && !bound.get(ref)?.has("0")) return false;
  }
  for (const parts of bound.values()) {
    const names = new Set(parts.keys());
    for (const value of parts.values()) if (!parsesTo(value, names, false)) return false;
  }
  return true;
}

/**
 * Whether a POST with this body is an action Next could not decode. `fromReact`: it named its
 * action in a `Next-Action` header (a fetch from React), not in a field (a form posted without
 * JavaScript).
 * @param {{ contentType: string | null | undefined; fromReact: boolean; body: Uint8Array }} post
 * @returns {Promise<boolean>}
 */
export async function isUndecodableActionBody({ contentType, fromReact, body }) {
  // As Next tells them apart: case-sensitively (anything else is read as the plain-text encoding).
  if ((contentType ?? "").startsWith("multipart/form-data")) {
    const form = await readMultipart(body, /** @type {string} */ (contentType));
    if (form === null) return true;
    if (!fromReact) return !formActionDecodes(form);
    // React's encoding: the argument list is the one part named "0"; (state, FormData) refers to no
    // other part but the FormData's fields.
    const roots = form.getAll("0");
    return roots.length !== 1 || !parsesTo(text(roots[0] ?? null) ?? "", new Set(), true);
  }
  return fromReact && !parsesTo(new TextDecoder().decode(body), new Set(), true);
}

/**
 * The same for a Fetch API request (proxy.ts); reads a copy of its body.
 * @param {Request} request
 * @returns {Promise<boolean>}
 */
export async function isUndecodableAction(request) {
  if (request.method !== "POST") return false;
  const fromReact = request.headers.has("next-action");
  const contentType = request.headers.get("content-type");
  // A form posted without JavaScript is always multipart: anything else is not an action to check.
  if (!fromReact && !(contentType ?? "").startsWith("multipart/form-data")) return false;
  const body = new Uint8Array(await request.clone().arrayBuffer());
  return isUndecodableActionBody({ contentType, fromReact, body });
}
