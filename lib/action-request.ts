// Whether a POST to a page is a server action request Next.js can decode. Next decodes an action's
// arguments before any of the app's code runs, and answers a body it cannot decode with a 500 (a
// stack trace in the log, too). proxy.ts refuses those with 400 first. Pure: it reads a copy.
//
// The app's actions all take (previous form state, FormData). React encodes those as JSON in which
// a string starting with "$" is either a value of its own (undefined, NaN, ±Infinity, -0, a date
// "$D…", a bigint "$n<digits>", an escaped "$$…") or a reference to another part of the body: the
// FormData ("$K<id>", whose fields may be absent) or, only in a form posted without JavaScript, its
// action's parts ("$@<id>", "$<id>"), which must be there and decode too. Any other reference (a Map, Set,
// stream, blob, server function) is not one React sends to these actions.

const VALUE = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$|K[0-9a-f]+$)/;
const PART_REFERENCE = /^\$@?([0-9a-f]+)$/;

function holdsOnlyValues(value: unknown, parts: ReadonlySet<string>): boolean {
  if (typeof value === "string") {
    if (!value.startsWith("$") || VALUE.test(value)) return true;
    const part = PART_REFERENCE.exec(value)?.[1];
    return part !== undefined && parts.has(String(parseInt(part, 16)));
  }
  if (Array.isArray(value)) return value.every((item) => holdsOnlyValues(item, parts));
  if (value && typeof value === "object") return Object.values(value).every((item) => holdsOnlyValues(item, parts));
  return true;
}

function parsesTo(text: string, parts: ReadonlySet<string>, list: boolean): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (!list || Array.isArray(value)) && holdsOnlyValues(value, parts);
  } catch {
    return false;
  }
}

// Next's multipart parser honours a part's charset; every browser sends UTF-8.
const FOREIGN_CHARSET = /\r\ncontent-type:[^\r\n]*charset\s*=\s*"?(?!utf-?8\b)/i;

/** The multipart body, if it is one both parsers read alike; null if not. */
async function readMultipart(request: Request): Promise<FormData | null> {
  try {
    // The body is read once: its text for the charset test, its bytes again for the form.
    const body = await request.clone().arrayBuffer();
    if (FOREIGN_CHARSET.test(new TextDecoder().decode(body))) return null;
    const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
    // Next's parser hands a part without a name on as no name at all, which its decoder trips over.
    return [...form.keys()].some((name) => name === "") ? null : form;
  } catch {
    return null;
  }
}

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : null);

/** A form posted without JavaScript: each bound action's parts must decode ("$ACTION_<n>:<k>"). */
function formActionDecodes(form: FormData): boolean {
  const bound = new Map<string, Map<string, string>>();
  for (const [name, value] of form) {
    const part = /^\$ACTION_(.+):(\d+)$/.exec(name);
    if (!part) continue;
    if (typeof value !== "string") return false;
    const parts = bound.get(part[1]!) ?? new Map<string, string>();
    if (parts.has(part[2]!)) return false;
    bound.set(part[1]!, parts.set(part[2]!, value));
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

export async function isUndecodableAction(request: Request): Promise<boolean> {
  if (request.method !== "POST") return false;
  // A fetch from React names the action in a header; a form posted without JavaScript, in a field.
  const fromReact = request.headers.has("next-action");
  // As Next tells them apart: case-sensitively (anything else is read as the plain-text encoding).
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const form = await readMultipart(request);
    if (form === null) return true;
    if (!fromReact) return !formActionDecodes(form);
    // React's encoding: the argument list is the one part named "0"; (state, FormData) refers to no
    // other part but the FormData's fields.
    const roots = form.getAll("0");
    return roots.length !== 1 || !parsesTo(text(roots[0]!) ?? "", new Set(), true);
  }
  return fromReact && !parsesTo(await request.clone().text(), new Set(), true);
}
