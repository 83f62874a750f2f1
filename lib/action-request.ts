// Whether a POST to a page is a server action request Next.js can decode. Next decodes an action's
// arguments before any of the app's code runs, and answers a body it cannot decode with a 500 (a
// stack trace in the log, too): an empty or non-JSON body, JSON that is not an argument list,
// multipart without React's root part, or multipart that does not parse. proxy.ts refuses those
// with 400 first. Pure: it only reads a copy of the request.

// The app's actions all take (previous form state, FormData). React encodes those as JSON in which a
// string starting with "$" is either a value of its own (undefined, NaN, ±Infinity, -0, a date "$D…",
// a bigint "$n…", an escaped "$$…") or a reference to another part of the body; the only reference
// such arguments hold is the FormData ("$K<id>", whose fields may be absent). Any other reference
// (a Map, Set, promise, stream, blob, server function, or an outlined part) is not one React would
// send to these actions, and one naming a part that is not there fails inside Next's decoder.
const VALUE_OR_FORM = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n|K[0-9a-f]+$)/;

function holdsOnlyValues(value: unknown): boolean {
  if (typeof value === "string") return !value.startsWith("$") || VALUE_OR_FORM.test(value);
  if (Array.isArray(value)) return value.every(holdsOnlyValues);
  if (value && typeof value === "object") return Object.values(value).every(holdsOnlyValues);
  return true;
}

function isArgumentList(text: string): boolean {
  try {
    const args: unknown = JSON.parse(text);
    return Array.isArray(args) && holdsOnlyValues(args);
  } catch {
    return false;
  }
}

export async function isUndecodableAction(request: Request): Promise<boolean> {
  if (request.method !== "POST") return false;
  // A fetch from React names the action in a header; a form posted without JavaScript, in a field.
  const fromReact = request.headers.has("next-action");
  const type = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    let form: FormData;
    try {
      form = await request.clone().formData();
    } catch {
      return true;
    }
    // Next's parser hands a part without a name on as no name at all, which its decoder trips over.
    if ([...form.keys()].some((name) => name === "")) return true;
    if (!fromReact) return false;
    // React's encoding: the argument list is the part named "0", the rest are what it refers to.
    const root = form.get("0");
    return typeof root !== "string" || !isArgumentList(root);
  }
  return fromReact && !isArgumentList(await request.clone().text());
}
