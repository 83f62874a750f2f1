import { describe, expect, it } from "vitest";
import { isUndecodableAction } from "@/lib/action-request";

// What proxy.ts refuses with 400 before Next.js tries to decode a server action's arguments.

const URL_ = "http://localhost/plans";

function multipart(parts: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) form.append(name, value);
  return form;
}

function twoRoots(): FormData {
  const form = multipart({ "0": '["$K1"]' });
  form.append("0", '"x"');
  return form;
}

const noJs = (parts: Record<string, string>) => new Request(URL_, { method: "POST", body: multipart(parts) });

const action = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(URL_, { method: "POST", body, headers: { "next-action": "7f00", ...headers } });

describe("isUndecodableAction", () => {
  it("lets through what React sends: (previous state, FormData), with values of its own", async () => {
    for (const root of [
      '["$undefined","$K1"]',
      '[{"ok":false,"values":{"name":"$$5 off"}},"$K1"]',
      '[{"at":"$D2026-12-03T10:00:00.000Z","n":"$n12"},"$K1f"]',
      "[]",
    ]) {
      expect(await isUndecodableAction(action(multipart({ "1_name": "Ana", "0": root }))), root).toBe(false);
    }
    expect(await isUndecodableAction(action('[1,"x",{}]', { "content-type": "text/plain;charset=UTF-8" }))).toBe(false);
    // A form posted without JavaScript names its action in a field, not a header.
    expect(await isUndecodableAction(noJs({ $ACTION_ID_7f00: "" }))).toBe(false);
    // As React writes a form's action with its bound (state) argument.
    expect(
      await isUndecodableAction(
        noJs({ $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"7f00","bound":"$@1"}', "$ACTION_1:1": '[{"ok":false}]', $ACTION_KEY: "k0", name: "Ana" }),
      ),
    ).toBe(false);
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
      ["a bigint that is not one", action('["$nabc"]', { "content-type": "text/plain" })],
      ["a nested bigint that is not one", action(multipart({ "0": '[{"a":["$n-"]},"$K1"]' }))],
      ["multipart spelled in capitals (Next reads it as text)", action(multipart({ "0": '["$K1"]' }), { "content-type": "MULTIPART/FORM-DATA; boundary=b" })],
      ["two root parts", action(twoRoots())],
      [
        "a part in another charset",
        action(`--b\r\nContent-Disposition: form-data; name="0"\r\nContent-Type: text/plain; charset=utf-16le\r\n\r\n["$K1"]\r\n--b--\r\n`, {
          "content-type": "multipart/form-data; boundary=b",
        }),
      ],
      ["a form without JavaScript whose bound arguments are missing", noJs({ $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"7f00","bound":"$@1"}' })],
      ["a form without JavaScript with a bad bigint", noJs({ $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"7f00","bound":["$nxyz"]}' })],
      ["a form without JavaScript naming a part it lacks", noJs({ $ACTION_REF_1: "" })],
      ["multipart that does not parse", action("--x\r\nnonsense", { "content-type": "multipart/form-data; boundary=x" })],
      [
        "no-JavaScript multipart that does not parse",
        new Request(URL_, { method: "POST", body: "", headers: { "content-type": "multipart/form-data; boundary=x" } }),
      ],
    ];
    for (const [what, request] of refused) expect(await isUndecodableAction(request), what).toBe(true);
  });
});
