import fc from "fast-check";

// What a hostile or broken client can put in a field, a header or a query string.

/** A big value as a recipe, so that a counterexample stays readable; see `materialize`. */
export type Big = { repeat: string; times: number };
export type Value = string | Big;

export function materialize(value: Value): string {
  return typeof value === "string" ? value : value.repeat.repeat(value.times);
}

const INT64_MAX = 2n ** 63n - 1n;

/** Numbers around the edges of what JavaScript, Postgres and zod each accept. */
export const hugeNumber: fc.Arbitrary<string> = fc.oneof(
  // 19 digits: they look like a bigint id and are not one.
  { weight: 3, arbitrary: fc.bigInt({ min: INT64_MAX + 1n, max: 10n ** 19n - 1n }).map(String) },
  fc.bigInt({ min: 10n ** 19n, max: 10n ** 60n }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: -1n }).map(String),
  fc.constantFrom(
    String(INT64_MAX),
    String(INT64_MAX + 1n),
    "18446744073709551616",
    "9007199254740993",
    "1e309",
    "-0",
    "NaN",
    "Infinity",
    "0x7fffffffffffffff",
    "1".repeat(400),
    "0".repeat(30) + "1",
  ),
  fc.double().map(String),
  fc.integer().map(String),
);

/** Strings that other types turn into, and ones parsers treat specially. */
const confusable = fc.constantFrom(
  "true",
  "false",
  "null",
  "undefined",
  "[]",
  "{}",
  "[object Object]",
  '{"$gt":""}',
  "__proto__",
  "constructor",
  "$undefined",
  "$K1",
  "$@0",
  "%00",
  "%",
  "../../etc/passwd",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
);

const unicode = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }), // lone surrogates included
  fc.constantFrom("\u0000", "\u202e", "\u200b", "\ufeff", "\ud800", "\u1160", "é".normalize("NFD"), "a\u0301\u0301\u0301\u0301", "😀", "👩‍👩‍👧‍👦", "\r\n", "\t"),
);

const oversized: fc.Arbitrary<Big> = fc.record({
  repeat: fc.constantFrom("x", "é", "😀", "\u0000", "1", " "),
  // Bodies near the 1 MB limit are family D's (tests/e2e/fuzz/action-requests.ts); a few fields of
  // these stay well under it.
  times: fc.oneof(fc.integer({ min: 101, max: 2_000 }), fc.integer({ min: 2_000, max: 40_000 })),
});

/** Values that look like the right type but are someone else's or nobody's. */
const plausible = fc.oneof(
  fc.uuid(),
  fc.emailAddress(),
  fc.webUrl(),
  fc.ipV4(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

export const fieldValue: fc.Arbitrary<Value> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: unicode },
  { weight: 2, arbitrary: fc.constant("") },
  { weight: 3, arbitrary: hugeNumber },
  { weight: 2, arbitrary: confusable },
  { weight: 2, arbitrary: plausible },
  { weight: 1, arbitrary: oversized },
);

/** Values tried first for every field of every action: each edge once, deterministically. */
export const EDGE_VALUES: Value[] = [
  "",
  " ",
  String(INT64_MAX + 1n),
  "9999999999999999999",
  "-1",
  "1e309",
  "true",
  "\u0000",
  "00000000-0000-0000-0000-000000000000",
  "😀".repeat(300),
  { repeat: "x", times: 100_000 },
];

/** A field name: mostly the form's own, some random, some that mean something to parsers. */
export function fieldName(realNames: string[]): fc.Arbitrary<string> {
  const special = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "0", "$ACTION_KEY", "a[b]", "", 'name"x', "x\r\ny");
  return fc.oneof(
    ...(realNames.length ? [{ weight: 4, arbitrary: fc.constantFrom(...realNames) }] : []),
    { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: special },
    { weight: 1, arbitrary: fc.constantFrom("lat", "lng", "latitude", "longitude", "userId", "id", "role", "admin") },
  );
}

/** Text in a URL as an encoder writes it (lone surrogates, which UTF-8 cannot carry, become U+FFFD). */
export function urlEncoded(text: string): string {
  return encodeURIComponent(text.toWellFormed());
}

/** Text as a raw HTTP client sends it: a header value carries UTF-8 bytes as Latin-1 characters. */
export function headerSafe(text: string): string {
  return Buffer.from(text, "utf8")
    .toString("latin1")
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "");
}

/** A X-Forwarded-For value: a random address, so per-address limits do not refuse the fuzz early. */
export const clientAddress = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `198.18.${a}.${b}`);
