import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signInSchema, signUpSchema } from "@/lib/validation/auth";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { formDataToObject } from "@/lib/validation/form";

const good = { displayName: "Alice Example", handle: "alice_01", email: "alice@example.com", password: "correct horse battery" };

function errorsFor(input: unknown) {
  const result = signUpSchema.safeParse(input);
  if (result.success) throw new Error("expected the input to be refused");
  return z.flattenError(result.error);
}

describe("sign-up schema", () => {
  it("normalises a valid sign-up", () => {
    const result = signUpSchema.parse({ ...good, email: "  Alice@Example.COM ", handle: "@Alice_01", displayName: "  Alice Example " });
    expect(result).toEqual({ ...good, handle: "alice_01" });
  });

  it.each([
    ["malformed email", { email: "alice@" }, "email", /valid email/],
    ["short password", { password: "short" }, "password", /at least 10/],
    ["handle with spaces", { handle: "alice smith" }, "handle", /no spaces/],
    ["too-short handle", { handle: "al" }, "handle", /at least 3/],
    ["10 kB display name", { displayName: "a".repeat(10_240) }, "displayName", /50 characters or fewer/],
    ["blank display name", { displayName: "   " }, "displayName", /Enter your name/],
    ["bidi override in a name", { displayName: "evil\u202Eeman" }, "displayName", /characters we can’t show/],
    ["zero-width space in a name", { displayName: "Al\u200Bex" }, "displayName", /characters we can’t show/],
    // Control characters: the shared rule (tests/unit/control-characters.test.ts), applied here.
    ["line separator in a name", { displayName: "Alex\u2028Admin" }, "displayName", /characters we can’t show/],
    ["Hangul filler posing as a blank name", { displayName: "\u3164" }, "displayName", /characters we can’t show/],
    ["tower of combining accents", { displayName: "a\u0301\u0301\u0301\u0301\u0301" }, "displayName", /characters we can’t show/],
    ["name of punctuation only", { displayName: "..." }, "displayName", /at least one letter/],
    ["non-string password", { password: 12345678901 }, "password", /Choose a password/],
  ])("refuses a %s with a message on that field", (_label, change, field, message) => {
    const { fieldErrors } = errorsFor({ ...good, ...change });
    expect(Object.keys(fieldErrors)).toEqual([field]);
    expect((fieldErrors as Record<string, string[]>)[field]?.[0]).toMatch(message);
  });

  it.each([
    ["Persian with a zero-width non-joiner", "علی\u200Cرضا"],
    ["an emoji built with zero-width joiners", "Ana 👩\u200D💻"],
    ["a flag emoji", "Sam 🏳️\u200D🌈"],
    ["accented letters", "Zoë Ångström"],
  ])("accepts %s", (_label, displayName) => {
    expect(signUpSchema.parse({ ...good, displayName }).displayName).toBe(displayName.normalize("NFC"));
  });

  it("reports every missing field at once", () => {
    const { fieldErrors } = errorsFor({});
    expect(Object.keys(fieldErrors).sort()).toEqual(["displayName", "email", "handle", "password"]);
  });

  it("refuses extra fields with a form-level message", () => {
    const result = signUpSchema.safeParse({ ...good, isAdmin: "true" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrorsOf(result.error).message).toMatch(/fields it does not have/);
  });
});

describe("sign-in schema", () => {
  it("accepts any non-empty password (old accounts may predate today's rules)", () => {
    expect(signInSchema.parse({ email: "A@B.CO", password: "x" })).toEqual({ email: "a@b.co", password: "x" });
  });

  it("refuses an empty password and a malformed email", () => {
    const result = signInSchema.safeParse({ email: "nope", password: "" });
    expect(result.success).toBe(false);
    if (result.success) return;
    const { fieldErrors } = fieldErrorsOf(result.error);
    expect(fieldErrors?.email?.[0]).toMatch(/valid email/);
    expect(fieldErrors?.password?.[0]).toMatch(/Enter your password/);
  });
});

describe("formDataToObject", () => {
  it("drops React's own $ACTION entries and keeps the form's fields", () => {
    const data = new FormData();
    data.set("$ACTION_ID_abc", "");
    data.set("$ACTION_REF_1", "");
    data.set("email", "a@b.co");
    expect(formDataToObject(data)).toEqual({ email: "a@b.co" });
  });
});

describe("empty fields", () => {
  it("ask for the value instead of calling it invalid", () => {
    const { fieldErrors } = errorsFor({ displayName: "", handle: "", email: "  ", password: "" });
    expect(fieldErrors).toEqual({
      displayName: ["Enter your name"],
      handle: ["Choose a handle"],
      email: ["Enter your email address"],
      password: ["Choose a password"],
    });
  });
});

describe("the after-sign-in path", () => {
  it.each(["/invite/abc_DEF-123", "/plans", "/"])("keeps a path on this site: %s", (next) => {
    expect(signInSchema.parse({ email: "a@b.co", password: "x", next }).next).toBe(next);
  });

  it.each(["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "/plans?x=1", "now", "/a b"])(
    "drops anything that could leave the site or smuggle a query: %s",
    (next) => {
      expect(signInSchema.parse({ email: "a@b.co", password: "x", next }).next).toBeUndefined();
    },
  );
});
