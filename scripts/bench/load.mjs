// Drives a server with autocannon: prepared requests (one per signed-in user, taken in turn), every
// response's latency recorded (autocannon's own summary has no p95), non-2xx counted.
import autocannon from "autocannon";

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/**
 * POSTs `requests` ({ headers, body }) in turn to `url` for `seconds`, over `connections` connections,
 * at most `rate` requests a second in all when given — or until `until` settles, if that is sooner.
 * Returns req/s and latency percentiles (ms); with `keepLatencies`, every latency too (to pool rounds).
 */
export async function load({ url, requests, connections, seconds, rate, until, keepLatencies = false }) {
  let next = 0;
  const latencies = [];
  let failed = 0;
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    timeout: 30,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const prepared = requests[next++ % requests.length];
          return { ...request, headers: prepared.headers, body: prepared.body };
        },
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
    else failed++;
  });
  until?.finally(() => instance.stop());
  const result = await instance;
  const ok = latencies.length;
  return {
    ...summarize(latencies),
    failed: failed + result.errors + result.timeouts,
    rps: ok / result.duration,
    sent: next,
    seconds: result.duration,
    ...(keepLatencies ? { latencies } : {}),
  };
}
