// Live connections one app process holds, stepped up: at each step every stream open so far must
// show a heartbeat again (connections.mjs's client holds them, in a process of its own), the app's
// RSS is read, and a sample of the streams' users get a notification written through the app's own
// notify() (ceiling-realtime.ts): how many of those streams receive it, and how soon.
import { fdLimit, IN_FLIGHT, rssKb, startClient, stop, WARM_UP } from "./connections.mjs";
import { summarize } from "./load.mjs";

const WAKE_SAMPLE = 100;
const WAKE_WAIT_MS = 5_000;

/** `count` indexes spread evenly over [0, total). */
const spread = (total, count) => Array.from({ length: Math.min(total, count) }, (_, n) => Math.floor((n * total) / Math.min(total, count)));

/**
 * Opens streams to `app` up to each of `steps` (cumulative), stream n as the user of `sessions[n]`
 * ({ userId, cookie }); `writer` is a ceiling-realtime.ts child. Needs a session per stream, and one
 * more (the notifications' actor).
 */
export async function measureLiveCeiling({ app, sessions, steps, writer, log }) {
  const target = new URL("/api/events", app.url).href;
  const client = await startClient(log);
  const fds = { app: fdLimit(app.pid), client: client.fdLimit };
  const most = steps.at(-1);
  if (Math.min(fds.app, fds.client) < most + 100) log(`  open files allowed: app ${fds.app}, client ${fds.client} — fewer than ${most} streams may be held`);
  const points = [];
  let before;
  try {
    const cookies = sessions.map((session) => session.cookie);
    await client.ask({ type: "open", target, cookies: cookies.slice(-WARM_UP), max: WARM_UP, inFlight: WARM_UP, hold: false });
    await client.ask({ type: "close" });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    before = rssKb(app.pid);
    let open = 0;
    for (const step of steps) {
      const started = Date.now();
      const opened = await client.ask({ type: "open", target, cookies: cookies.slice(open, step), max: step - open, inFlight: IN_FLIGHT, hold: true, name: `  ${step}` });
      open = step;
      const rss = rssKb(app.pid);
      const sample = spread(step, WAKE_SAMPLE);
      const written = await writer.ask({ write: true, ids: sample.map((n) => sessions[n].userId), actorId: sessions.at(-1).userId });
      await new Promise((resolve) => setTimeout(resolve, WAKE_WAIT_MS));
      const { notifiedAt } = await client.ask({ type: "tally", indexes: sample });
      const arrived = notifiedAt.filter((at) => at !== null && at >= written.started).map((at) => Math.max(0, at - written.committed));
      const point = {
        connections: step,
        held: opened.held,
        failures: opened.failures,
        rssMb: rss / 1024,
        kbPerConnection: opened.held ? (rss - before) / opened.held : null,
        wakes: { sent: sample.length, ...summarize(arrived) },
        seconds: (Date.now() - started) / 1000,
      };
      points.push(point);
      log(
        `  ${step}: ${point.held} held with heartbeats · RSS ${point.rssMb.toFixed(0)} MB (${point.kbPerConnection?.toFixed(1)} KB each) · ${point.wakes.count}/${point.wakes.sent} woken, p95 ${point.wakes.p95.toFixed(0)} ms`,
      );
    }
  } finally {
    await stop(client.child);
  }
  return { fdLimits: fds, rssBeforeMb: before / 1024, points };
}
