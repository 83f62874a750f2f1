// The statistics of the timing measurement: medians and means, and the Mann–Whitney U test, which
// asks whether one group's times tend to be larger than the other's without assuming any shape of
// distribution (request times are skewed, with a long tail of GC pauses and scheduling hiccups).

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Mann–Whitney U of `a` against `b`. `z`: the normal approximation with the correction for ties
 * (equal times share their average rank); positive when `a` tends to be the larger. `share`: U over
 * all (a, b) pairs, the chance that a random `a` is larger than a random `b` (ties counting half) —
 * how often a single guess from one pair of times is right, however sure z is.
 */
export function mannWhitney(a, b) {
  const all = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))].sort((x, y) => x.value - y.value);
  const n = all.length;
  let rankSumA = 0;
  let tieTerm = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && all[end + 1].value === all[start].value) end++;
    const ties = end - start + 1;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) if (all[k].first) rankSumA += rank;
    tieTerm += ties ** 3 - ties;
    start = end + 1;
  }
  const [n1, n2] = [a.length, b.length];
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  return { z: sigma === 0 ? 0 : (u - (n1 * n2) / 2) / sigma, share: u / (n1 * n2) };
}
