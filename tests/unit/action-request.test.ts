import { describe, expect, it } from "vitest";
import { isUndecodableAction } from "@/lib/action-request";

// What proxy.ts refuses with 400 before Next.js tries to decode a server action's arguments.

const URL_ = "http://localhost/now";

function multipart(parts: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) form.append(name, value);
  return form;
}

const action = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(URL_, { method: "POST", body, headers: { "next-action": "7f00", ...headers } });

describe("isUndecodableAction", () => {
  it("lets through what React sends: (previous state, FormData), with values of its own", async () => {
    for (const root of ['["$undefined","$K1"]', '[{"ok":false,"values":{"name":"$$5 off"}},"$K1"]', '[{"at":"$D2026-12-03T10:00:00.000Z","n":"$n12"},"$K1f"]', "[]"]) {
      expect(await isUndecodableAction(action(multipart({ "1_name": "Ana", "0": root }))), root).toBe(false);
    }
    expect(await isUndecodableAction(action('[1,"x",{}]', { "content-type": "text/plain;charset=UTF-8" }))).toBe(false);
    // A form posted without JavaScript names its action in a field, not a header.
    expect(await isUndecodableAction(new Request(URL_, { method: "POST", body: multipart({ $ACTION_ID_7f00: "" }) }))).toBe(false);
    expect(await isUndecodableAction(new Request(URL_))).toBe(false);
  });

  it("refuses what Next could not decode", async () => {
    const refused: [string, Request][] = [
      ["empty text", action("", { "content-type": "text/plain" })],
      ["text that is not JSON", action("hello", { "content-type": "text/plain" })],
      ["a JSON scalar", action("0", { "content-type": "text/plain" })],
      ["a JSON object", action('{"handle":"x"}', { "content-type": "application/json" })],
      ["multipart without the root part", action(multipart({ "1_name": "Ana" }))],
      ["a root that is not a list", action(multipart({ "0": '"x"' }))],
      ["a reference to a part that is not there", action(multipart({ "0": '["$Q1"]' }))],
      ["a promise reference", action(multipart({ "0": '[{"a":"$@7"}]' }))],
      ["an outlined part", action(multipart({ "0": '["$1"]', "1": "{}" }))],
      ["a part without a name", action(multipart({ "": "", "0": '["$K9"]' }))],
      ["multipart that does not parse", action("--x\r\nnonsense", { "content-type": "multipart/form-data; boundary=x" })],
      ["no-JavaScript multipart that does not parse", new Request(URL_, { method: "POST", body: "", headers: { "content-type": "multipart/form-data; boundary=x" } })],
    ];
    for (const [what, request] of refused) expect(await isUndecodableAction(request), what).toBe(true);
  });
});
