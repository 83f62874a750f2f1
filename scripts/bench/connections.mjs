// P3: what an idle live connection costs the server. Holds thousands of server-sent-event streams open
// on the app's /api/events, reads the server process's resident memory before and after, and does the
// same against a bare node:http SSE server (sse-baseline-server.mjs) for comparison.
//
// The connections are opened by a child Node process (this file, run with --client): it gets its own
// file descriptors and event loop, so it neither shares the measured server's limits nor slows it down,
// and its own memory is never counted.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HEARTBEAT_MS = 15_000; // lib/server/live/live-stream.ts and the baseline server both use 15 s
const HOLD_SLACK_MS = 2_000; // past the last stream's first heartbeat
const LATE_HEARTBEAT_MS = 10_000; // extra grace for heartbeats delayed by a busy server
export const IN_FLIGHT = 200; // requests waiting for their response headers at any time
const HEADERS_TIMEOUT_MS = 60_000;
export const WARM_UP = 20; // streams opened and closed first, so loading the route code is not counted
const FD_LIMIT = 65_536;
const here = fileURLToPath(import.meta.url);

/**
 * Opens up to `max` server-sent-event connections to `${url}/api/events`, each with one of `cookies`
 * (Cookie header strings, cycled), holds them through at least one heartbeat, and measures the server
 * process's RSS before and after; then the same against a bare node:http SSE server.
 * Each side: { attempted, held, rssBeforeMb, rssAfterMb, kbPerConnection, failures: { reason: count } }.
 * RSS is read with the streams still open and without forcing a garbage collection, so it includes
 * request garbage not yet collected (measured at 10,000 streams: ~15% for the app, ~30% for the baseline).
 */
export async function measureIdleConnections({ url, pid, cookies, max = 10_000, log = console.log }) {
  const app = await measureOne({ name: "app", target: new URL("/api/events", url), pid, cookies, max, log });
  const server = await startBaseline();
  try {
    const baseline = await measureOne({ name: "baseline", target: new URL("/", server.url), pid: server.pid, cookies, max, log });
    return { app, baseline };
  } finally {
    await stop(server.child);
  }
}

async function measureOne({ name, target, pid, cookies, max, log }) {
  const started = Date.now();
  const serverFds = fdLimit(pid);
  if (serverFds < max + 100) log(`P3 ${name}: the server may open only ${serverFds} files; expect fewer than ${max} streams held.`);
  const client = await startClient(log);
  if (client.fdLimit < max + 100) log(`P3 ${name}: the connection client may open only ${client.fdLimit} files.`);
  try {
    await client.ask({ type: "open", target: target.href, cookies, max: WARM_UP, inFlight: WARM_UP, hold: false });
    await client.ask({ type: "close" });
    await sleep(2_000);
    const before = rssKb(pid);
    const opened = { type: "open", target: target.href, cookies, max, inFlight: IN_FLIGHT, hold: true, name: `P3 ${name}` };
    const { held, attempted, failures } = await client.ask(opened);
    const after = rssKb(pid); // while the streams are still open
    const result = {
      attempted,
      held,
      rssBeforeMb: round(before / 1024),
      rssAfterMb: round(after / 1024),
      kbPerConnection: held ? round((after - before) / held) : null,
      failures,
    };
    log(`P3 ${name}: held ${held}/${attempted} streams, ${result.kbPerConnection} KB each, in ${round((Date.now() - started) / 1000)} s.`);
    return result;
  } finally {
    await stop(client.child);
  }
}

// ——— processes ———

// Runs `node args…` with a higher open-files limit: root with CAP_SYS_RESOURCE may raise the hard limit,
// anyone else gets as far as the current hard limit allows (enough for one side of 10,000 streams at
// 20,000). `exec` keeps the pid: it is node's, not the shell's.
function spawnNode(args, options) {
  const script = `ulimit -n ${FD_LIMIT} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`;
  return spawn("sh", ["-c", script, process.execPath, ...args], options);
}

export async function startClient(log) {
  const child = spawnNode([here, "--client"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const [{ fdLimit }] = await once(child, "message");
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const onMessage = (reply) => {
        if (reply.type === "progress") return log(reply.text);
        child.off("exit", onExit).off("message", onMessage);
        resolve(reply);
      };
      const onExit = (code) => {
        child.off("message", onMessage);
        reject(new Error(`The SSE connection client exited (${code}) before answering.`));
      };
      child.on("message", onMessage).once("exit", onExit);
      child.send(message);
    });
  return { child, ask, fdLimit };
}

async function startBaseline() {
  const child = spawnNode([join(dirname(here), "sse-baseline-server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (data) => {
      output += data;
      const match = output.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`The SSE baseline server exited (${code}) before it was ready.`)));
  });
  child.stdout.resume();
  return { child, url, pid: child.pid };
}

export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// ——— /proc ———

export function rssKb(pid) {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  if (!match) throw new Error(`No VmRSS for process ${pid}.`);
  return Number(match[1]);
}

export function fdLimit(pid) {
  const match = readFileSync(`/proc/${pid}/limits`, "utf8").match(/^Max open files\s+(\d+|unlimited)/m);
  return match?.[1] === "unlimited" ? Infinity : Number(match?.[1] ?? Infinity);
}

const round = (value) => Math.round(value * 10) / 10;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Epoch milliseconds, comparable with other processes' (the bench's wake-ups are timed across them). */
const now = () => performance.timeOrigin + performance.now();

// ——— the client process ———

// Raw sockets rather than an HTTP client: the least memory and no agent, pooling or parsing in the way.
// Only the status line, the heartbeat comments and notification events matter; the chunked body is
// searched as plain text (only what a chunk adds counts: the tail kept from before was seen already).
function openStream(target, cookie) {
  return new Promise((resolve) => {
    const stream = { socket: undefined, ok: false, open: true, heartbeat: false, notifiedAt: undefined, reason: undefined };
    let head = "";
    let tail = "";
    let settled = false;
    const settle = (reason) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (reason) {
        stream.reason = reason;
        stream.socket.destroy();
      }
      resolve(stream);
    };
    const timer = setTimeout(() => settle("no response headers in time"), HEADERS_TIMEOUT_MS);
    const socket = (stream.socket = connect({ host: target.hostname, port: Number(target.port) }));
    socket.setEncoding("latin1");
    socket.on("connect", () => {
      socket.write(
        `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nAccept: text/event-stream\r\nCookie: ${cookie}\r\n\r\n`,
      );
    });
    socket.on("data", (text) => {
      if (!stream.ok) {
        head += text;
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        const status = head.match(/^HTTP\/1\.[01] (\d{3})/)?.[1];
        if (status !== "200") return settle(`HTTP ${status ?? "?"}`);
        stream.ok = true;
        text = head.slice(end + 4);
        head = "";
        settle();
      }
      const seen = tail + text;
      const fresh = (marker) => seen.indexOf(marker, Math.max(0, tail.length - marker.length + 1)) >= 0;
      if (fresh(": heartbeat")) stream.heartbeat = true;
      if (fresh("event: notification")) stream.notifiedAt = now();
      tail = seen.slice(-64);
    });
    socket.on("error", (error) => settle(error.code ?? error.message));
    socket.on("close", () => {
      stream.open = false;
      settle("closed before the response");
    });
  });
}

function runClient() {
  let streams = [];
  const count = (list) => list.reduce((counts, key) => ({ ...counts, [key]: (counts[key] ?? 0) + 1 }), {});

  async function openAll({ target, cookies, max, inFlight, hold, name }) {
    const url = new URL(target);
    // Streams already open must show a heartbeat again: that they still arrive is part of what is held.
    if (hold) for (const stream of streams) stream.heartbeat = false;
    let next = 0;
    let lastOpened = Date.now();
    // Each stream keeps its place in the order asked for (they finish opening in any order): "tally" names them by it.
    const first = streams.length;
    let opened = 0;
    const worker = async () => {
      while (next < max) {
        const index = next++;
        streams[first + index] = await openStream(url, cookies[index % cookies.length]);
        lastOpened = Date.now();
        if (name && ++opened % 2_000 === 0) {
          const ok = streams.filter((stream) => stream.ok).length;
          process.send({ type: "progress", text: `${name}: ${first + opened} opened (${ok} with a 200).` });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, max) }, worker));
    if (!hold) return { type: "opened" };
    // Every stream has had its first heartbeat 15 s after it opened; a busy server gets some grace.
    await sleep(lastOpened + HEARTBEAT_MS + HOLD_SLACK_MS - Date.now());
    const waiting = () => streams.some((stream) => stream.ok && stream.open && !stream.heartbeat);
    for (const deadline = Date.now() + LATE_HEARTBEAT_MS; waiting() && Date.now() < deadline; ) await sleep(500);
    const reasons = streams.map((stream) => {
      if (!stream.ok) return stream.reason;
      if (!stream.open) return "closed while held";
      if (!stream.heartbeat) return "no heartbeat";
      return "held";
    });
    const { held = 0, ...failures } = count(reasons);
    return { type: "opened", attempted: max, held, failures };
  }

  process.on("message", async (message) => {
    if (message.type === "open") process.send(await openAll(message));
    // When each of these streams (by the order they were opened in) last received a notification event.
    if (message.type === "tally") process.send({ type: "tally", notifiedAt: message.indexes.map((index) => streams[index]?.notifiedAt ?? null) });
    if (message.type === "close") {
      for (const stream of streams) stream.socket.destroy();
      streams = [];
      process.send({ type: "closed" });
    }
  });
  // Stopped by the bench, or orphaned by a crashed one: either way, let go of everything.
  for (const event of ["SIGTERM", "disconnect"]) process.on(event, () => process.exit(0));
  process.send({ type: "ready", fdLimit: fdLimit("self") });
}

if (process.argv[1] === here && process.argv[2] === "--client" && process.send) runClient();
