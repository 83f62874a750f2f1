import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { ACTION_SCHEMAS, fieldsOf } from "../support/action-schemas";
import { fieldName, fieldValue, hugeNumber, materialize } from "../support/fuzz-values";

// The schemas every server action parses with, fed any form a client can send: each answer is a
// parse or field errors, never an exception, and what a parse lets through fits the columns it is
// written to (the e2e fuzz, tests/e2e/fuzz.spec.ts, sends the same values over HTTP).

const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** Values of a parsed form that no Postgres column could take. */
function unstorable(value: unknown, path = "input"): string[] {
  if (typeof value === "bigint") return value < INT64.min || value > INT64.max ? [`${path} = ${value} is outside a bigint column`] : [];
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? [`${path} is an invalid date`] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorable(item, `${path}[${index}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => unstorable(item, `${path}.${key}`));
  return [];
}

const schemas = Object.entries(ACTION_SCHEMAS).filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== null);

describe("every server action's schema, fed any form", () => {
  for (const [action, schema] of schemas) {
    const fields = fieldsOf(schema);
    const forms = fc.oneof(
      fc.dictionary(fieldName(fields), fieldValue.map(materialize), { maxKeys: 6 }),
      // Every field present: the forms that reach the handler most often.
      fc
        .tuple(...fields.map(() => fc.oneof(fieldValue.map(materialize), hugeNumber)))
        .map((values) => Object.fromEntries(fields.map((name, i) => [name, values[i]]))),
    );
    it(`${action}: a parse that fits the database, or field errors`, () => {
      fc.assert(
        fc.property(forms, (form) => {
          const parsed = schema.safeParse(form);
          if (parsed.success) {
            expect(unstorable(parsed.data)).toEqual([]);
            return;
          }
          const { fieldErrors } = fieldErrorsOf(parsed.error);
          // Errors name the form's own fields (or none, for the whole form): a form can show them.
          expect(Object.keys(fieldErrors ?? {}).filter((name) => !fields.includes(name))).toEqual([]);
        }),
        { numRuns: 300, examples: [[Object.fromEntries(fields.map((name) => [name, String(INT64.max + 1n)]))]] },
      );
    });
  }
});
