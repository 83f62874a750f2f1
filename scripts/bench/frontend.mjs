// P4: how much JavaScript a first visit downloads, read from the production build (`next build`
// with Turbopack). Next 16 no longer prints "First Load JS", so it is worked out from .next:
//
// - Every App Router page loads the framework runtime: build-manifest.json `rootMainFiles`.
// - Then the client chunks of each segment of its route, as listed in the page's
//   server/app/<entry>_client-reference-manifest.js (`entryJSFiles`, keyed by segment module). For a
//   page that includes, besides its layouts and itself, the root's error and not-found boundaries and
//   the global error page: Next renders those around every page, so every page loads their chunks.
// - `polyfillFiles` are left out: the HTML loads them with `nomodule`, which no browser that runs
//   ES modules fetches (Chromium does not). CSS is left out too.
//
// "Empty route" = what any page loads whatever it contains: the framework plus the chunks of the
// root-level segments (app/layout, app/error, app/not-found, Next's built-in global error), i.e. what
// a page with no client code of its own would load. "Home" = all of it for "/".
// Sizes are gzip at zlib's default level (6), the level Next's own compression uses when it serves
// these files, so the numbers are close to the bytes on the wire.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { gzipSync } from "node:zlib";

/**
 * The gzip size of the JavaScript the browser loads on a first visit to "/" vs an empty route.
 * Returns { homeKb, emptyKb, deltaKb, homeFiles, emptyFiles } (files relative to .next, sorted).
 */
export async function measureFrontEnd({ root }) {
  const dir = join(root, ".next");
  const { rootMainFiles } = readJson(join(dir, "build-manifest.json"));
  const segments = entryJSFiles(dir, "/");
  // A module directly in app/ (no folder between) or one of Next's built-ins belongs to the root.
  const isRoot = (segment) =>
    (/^\[project\]\/app\/[^/]+$/.test(segment) && !segment.endsWith("/page")) || segment.startsWith("[project]/node_modules/next/");
  const homeFiles = javascript([...rootMainFiles, ...Object.values(segments).flat()]);
  const emptyFiles = javascript([...rootMainFiles, ...Object.entries(segments).filter(([key]) => isRoot(key)).flatMap(([, files]) => files)]);
  const kb = (files) => Math.round(files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file))).length, 0) / 102.4) / 10;
  const homeKb = kb(homeFiles);
  const emptyKb = kb(emptyFiles);
  return { homeKb, emptyKb, deltaKb: Math.round((homeKb - emptyKb) * 10) / 10, homeFiles, emptyFiles };
}

// The client chunks per segment of the page serving `route`, e.g. "/" → the entry "/(public)/page".
function entryJSFiles(dir, route) {
  const routes = readJson(join(dir, "app-path-routes-manifest.json"));
  const entry = Object.keys(routes).find((key) => routes[key] === route && key.endsWith("/page"));
  if (!entry) throw new Error(`No App Router page for ${route} in ${dir}: run next build first.`);
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[entry]: run it in an empty context.
  const context = createContext({});
  runInContext(readFileSync(join(dir, "server/app", `${entry}_client-reference-manifest.js`), "utf8"), context);
  return context.__RSC_MANIFEST[entry].entryJSFiles;
}

const javascript = (files) => [...new Set(files)].filter((file) => file.endsWith(".js")).sort();
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
