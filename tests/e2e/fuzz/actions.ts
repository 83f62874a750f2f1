import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { z } from "zod";
import { ACTION_SCHEMAS, fieldsOf } from "../../support/action-schemas";

// Every server action, as the production build knows it: the server reference manifest maps each
// action id to the file and export it came from, and to the pages that can run it.

export type ServerAction = {
  id: string;
  name: string;
  file: string;
  /** A page the action is served on (POSTs go to a page path). */
  path: string;
  /** What the action parses its form with; null for an action that reads no input (sign out). */
  schema: z.ZodType | null;
  /** The form's own field names: the fuzz sends them with wrong values, and leaves some out. */
  fields: string[];
};

/** "app/(public)/invite/[token]/page" → "/invite/fuzz" */
function pathOf(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[.*\]$/.test(segment) ? "fuzz" : segment));
  return `/${segments.join("/")}`;
}

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

export function actionsInBuild(): { actions: ServerAction[]; unlisted: string[] } {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const actions: ServerAction[] = [];
  const unlisted: string[] = [];
  for (const [id, entry] of Object.entries(manifest.node)) {
    const name = entry.exportedName ?? "?";
    const worker = Object.keys(entry.workers).sort()[0];
    if (!(name in ACTION_SCHEMAS) || !worker) {
      unlisted.push(`${entry.filename}#${name}`);
      continue;
    }
    const schema = ACTION_SCHEMAS[name]!;
    actions.push({ id, name, file: entry.filename ?? "?", path: pathOf(worker), schema, fields: fieldsOf(schema) });
  }
  return { actions: actions.sort((a, b) => a.name.localeCompare(b.name)), unlisted };
}

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesNamed(join(dir, entry.name), name) : entry.name === name ? [join(dir, entry.name)] : [],
  );
}

/** "file#export" of every export of app/**\/actions.ts files that start with "use server". */
export function actionsInSource(): string[] {
  const root = process.cwd();
  return filesNamed(join(root, "app"), "actions.ts").flatMap((file) => {
    const source = readFileSync(file, "utf8");
    if (!/^\s*["']use server["']/.test(source)) return [];
    return [...source.matchAll(/^export\s+(?:async\s+function|const|function)\s+(\w+)/gm)].map((match) => `${relative(root, file)}#${match[1]}`);
  });
}

/**
 * Actions that read no field: any request is a valid one and may really sign out, create an invite,
 * resume sharing or delete location data. Their runs check answers, not rows.
 */
export function takesNoInput(action: ServerAction): boolean {
  return action.fields.length === 0;
}

/**
 * Actions whose valid form creates something from the form alone (an account, a plan, a push
 * device): runs that check rows send them only forms their schema refuses. Every other action's
 * valid forms name things the fuzz cannot know (an id, a handle, an invite token, a password) and
 * must store nothing.
 */
const CREATE_FROM_FORM = new Set(["signUpAction", "postPlanAction", "saveDeviceAction"]);

/** Whether `fields` is a form `action` may store a row for by right. */
export function mayStoreFor(action: ServerAction, fields: [string, string][]): boolean {
  if (!CREATE_FROM_FORM.has(action.name) || action.schema === null) return false;
  const form: Record<string, string> = {};
  // As lib/validation/form.ts reads a FormData: the last of repeated names wins, React's own skipped.
  for (const [name, value] of fields) if (!name.startsWith("$ACTION")) form[name] = value;
  return action.schema.safeParse(form).success;
}
