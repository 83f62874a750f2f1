import type { APIRequestContext, Page } from "@playwright/test";

// An attacker does not need our UI: a server action is an HTTP POST anyone can replay with other ids.
// These helpers capture the POST a real button sends (aborting it, so it has no effect) and replay it
// with some values swapped, as a given user. The page is reloaded after each capture.

export type CapturedAction = { url: string; headers: Record<string, string>; body: string };

export async function captureAction(page: Page, trigger: () => Promise<void>): Promise<CapturedAction> {
  // A click before React has hydrated the page submits the form the no-JavaScript way (a plain form
  // POST, no Next-Action header): wait until every form and button is React's (on a slow machine the
  // scripts can run a few seconds after "load").
  await page.waitForFunction(() =>
    [...document.querySelectorAll("form, button")].every((element) => Object.keys(element).some((key) => key.startsWith("__reactProps"))),
  );
  let captured: CapturedAction | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = { url: request.url(), headers: request.headers(), body: request.postData() ?? "" };
      await route.abort();
    } else {
      await route.fallback();
    }
  });
  await trigger();
  await page.waitForTimeout(200);
  for (let i = 0; !captured && i < 50; i++) await page.waitForTimeout(100);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  if (!captured) throw new Error("no server action was sent");
  // The aborted request leaves the form in its error state: start the page afresh.
  await page.reload();
  return captured;
}

/**
 * Replays `action` through `request` (whose cookies decide who is asking), swapping values in the
 * body and optionally adding form fields the real form does not have.
 */
export async function replayAction(request: APIRequestContext, action: CapturedAction, swap: Record<string, string>, extraFields: Record<string, string> = {}) {
  let body = action.body;
  for (const [from, to] of Object.entries(swap)) {
    if (!body.includes(from)) throw new Error(`the captured action does not carry ${from}`);
    body = body.split(from).join(to);
  }
  const boundary = /boundary=(.+)$/.exec(action.headers["content-type"] ?? "")?.[1];
  // React sends a FormData argument's fields under a numbered prefix ("_1_friendId"); reuse it.
  const prefix = /name="(_\d+_)/.exec(body)?.[1];
  for (const [name, value] of Object.entries(extraFields)) {
    if (!boundary || !prefix) throw new Error("the captured action carries no form fields");
    // Before the root part ("0"): the server decodes as the body streams in, and builds the FormData
    // argument from the fields that arrived before the root.
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="${prefix}${name}"\r\n\r\n${value}\r\n`;
    const root = `--${boundary}\r\nContent-Disposition: form-data; name="0"`;
    if (!body.includes(root)) throw new Error("the captured action has no root part");
    body = body.replace(root, `${part}${root}`);
  }
  const headers = { ...action.headers };
  delete headers["content-length"];
  delete headers["cookie"];
  const response = await request.post(action.url, { headers, data: body });
  return { status: response.status(), text: await response.text() };
}
