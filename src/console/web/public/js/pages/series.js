// Shared by the overview and charts pages: /api/series samples turned into aligned chart columns.

// Kafka's, Connect's and the SQL engine's own topics, hidden from throughput charts by default.
export function isInternal(name) {
  return name.startsWith('_') || name.startsWith('connect-');
}

// s: {"topics": {name: [[ts_ms, rate], ...]}}. Returns {xs (seconds), series: [{name, values}]},
// one series per topic that passes `keep`, or one summed series named opts.sum.
export function seriesToChart(s, keep, opts = {}) {
  const topics = Object.entries((s && s.topics) || {}).filter(([name]) => keep(name));
  const stamps = new Set();
  for (const [, points] of topics) for (const [ts] of points) stamps.add(ts);
  const xsMs = [...stamps].sort((a, b) => a - b);
  const index = new Map(xsMs.map((ts, i) => [ts, i]));
  const xs = xsMs.map(ts => ts / 1000);
  if (opts.sum) {
    const values = xs.map(() => 0);
    for (const [, points] of topics) for (const [ts, v] of points) values[index.get(ts)] += v;
    return { xs, series: [{ name: opts.sum, values }] };
  }
  const series = topics.sort(([a], [b]) => a.localeCompare(b)).map(([name, points]) => {
    const values = xs.map(() => null);
    for (const [ts, v] of points) values[index.get(ts)] = v;
    return { name, values };
  });
  return { xs, series };
}
