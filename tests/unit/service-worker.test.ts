import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";

// public/sw.js runs in the browser as a plain script. Here it runs in a bare context with a stand-in
// `self`, so its push and click handling can be tried with inputs a real push service would not send.
// (tests/e2e/pwa.spec.ts runs it for real in Chromium.)
const source = readFileSync("public/sw.js", "utf8");
const ORIGIN = "https://overlap.example";

type Handler = (event: Record<string, unknown>) => void;

function loadWorker({ cacheNames = [] as string[] } = {}) {
  const handlers = new Map<string, Handler>();
  const deleted: string[] = [];
  const caches = {
    keys: async () => cacheNames,
    delete: async (name: string) => void deleted.push(name),
  };
  const shown: { title: string; options: Record<string, unknown> }[] = [];
  const opened: string[] = [];
  const navigated: string[] = [];
  let windows: Record<string, unknown>[] = [];
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type: string, handler: Handler) => handlers.set(type, handler),
    registration: {
      showNotification: async (title: string, options: Record<string, unknown>) => void shown.push({ title, options }),
    },
    clients: {
      claim: async () => {},
      matchAll: async () => windows,
      openWindow: async (url: string) => void opened.push(url),
    },
  };
  runInNewContext(source, { self, caches, URL });

  async function dispatch(type: string, event: Record<string, unknown>) {
    let pending: Promise<unknown> = Promise.resolve();
    handlers.get(type)!({ ...event, waitUntil: (promise: Promise<unknown>) => (pending = promise) });
    await pending;
  }
  return {
    deleted,
    activate: () => dispatch("activate", {}),
    shown,
    opened,
    navigated,
    openWindows(list: Record<string, unknown>[]) {
      windows = list;
    },
    push: (data: unknown) => dispatch("push", { data }),
    click: (url: unknown) => dispatch("notificationclick", { notification: { close() {}, data: { url } } }),
  };
}

const payload = (value: unknown) => ({
  json: () => (typeof value === "string" ? JSON.parse(value) : value),
});

describe("service worker: push", () => {
  it("shows the notification the server sent, tagged so a retry replaces it", async () => {
    const worker = loadWorker();
    await worker.push(payload({ title: "Robin is up for surfing too", body: "In your area, 17:00–19:00", url: "/notifications", tag: "n-42" }));
    expect(worker.shown).toEqual([
      {
        title: "Robin is up for surfing too",
        options: {
          body: "In your area, 17:00–19:00",
          tag: "n-42",
          data: { url: "/notifications" },
          icon: "/icons/icon-192.png",
          badge: "/icons/badge-96.png",
        },
      },
    ]);
  });

  it.each([
    ["no payload", null],
    ["not JSON", payload("{not json")],
    ["a JSON string", payload('"hello"')],
    ["no title", payload({ body: "b", url: "/x", tag: "t" })],
    ["an empty title", payload({ title: "", body: "b", url: "/x", tag: "t" })],
    ["a title that is not text", payload({ title: 42, body: "b", url: "/x", tag: "t" })],
    ["no tag", payload({ title: "t", body: "b", url: "/x" })],
  ])("still shows a generic notification for %s", async (_, data) => {
    const worker = loadWorker();
    await worker.push(data);
    expect(worker.shown).toHaveLength(1);
    expect(worker.shown[0]).toMatchObject({
      title: "Overlap",
      options: { body: "Something new for you", data: { url: "/notifications" }, tag: "overlap" },
    });
  });
});

describe("service worker: notification click", () => {
  it.each([
    ["/friends", "/friends"],
    ["/notifications?since=4#n-42", "/notifications?since=4#n-42"],
    ["https://evil.example/phish", "/notifications"],
    ["//evil.example/phish", "/notifications"],
    ["/\\evil.example/phish", "/notifications"],
    ["javascript:alert(1)", "/notifications"],
    [`${ORIGIN}/friends`, "/notifications"],
    [undefined, "/notifications"],
    [{ href: "/friends" }, "/notifications"],
  ])("opens %j at %s, never another site", async (url, expected) => {
    const worker = loadWorker();
    await worker.click(url);
    expect(worker.opened).toEqual([expected]);
  });

  it("brings an open window forward and navigates it, preferring the focused one", async () => {
    const worker = loadWorker();
    const calls: string[] = [];
    const window = (name: string, focused: boolean) => ({
      focused,
      focus: async () => void calls.push(`focus ${name}`),
      navigate: async (url: string) => void calls.push(`navigate ${name} ${url}`),
    });
    worker.openWindows([window("background", false), window("front", true)]);
    await worker.click("/friends");
    expect(calls).toEqual(["focus front", "navigate front /friends"]);
    expect(worker.opened).toEqual([]);
  });

  it("opens a new window when the open one cannot be navigated", async () => {
    const worker = loadWorker();
    worker.openWindows([
      {
        focused: true,
        focus: async () => {},
        navigate: async () => {
          throw new TypeError("not controlled");
        },
      },
    ]);
    await worker.click("/friends");
    expect(worker.opened).toEqual(["/friends"]);
  });
});

describe("service worker: offline page", () => {
  it("drops earlier versions' copies of the offline page when a new version activates, and nothing else", async () => {
    const current = source.match(/const CACHE = "([^"]+)"/)?.[1];
    const worker = loadWorker({ cacheNames: ["overlap-offline-0badc0de", current!, "someone-elses-cache"] });
    await worker.activate();
    expect(worker.deleted).toEqual(["overlap-offline-0badc0de"]);
  });

  it("names its cache after the offline page, so a changed page replaces the cached copy", () => {
    const page = readFileSync("public/offline.html", "utf8").replace(/\r\n/g, "\n"); // as checked out anywhere
    const hash = createHash("sha256").update(page).digest("hex").slice(0, 8);
    const expected = `overlap-offline-${hash}`;
    expect(source.match(/const CACHE = "([^"]+)"/)?.[1], `set CACHE in public/sw.js to "${expected}"`).toBe(expected);
  });
});
