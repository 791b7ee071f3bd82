// Throughput in and out from the broker's Prometheus counters at /metrics (present when the
// console runs inside `tributary serve`; against another cluster they are simply absent).
import { get } from './api.js';

const COUNTERS = ['tributary_broker_topic_records_in_total', 'tributary_broker_topic_bytes_in_total',
  'tributary_broker_topic_records_out_total', 'tributary_broker_topic_bytes_out_total'];

// Sums each wanted counter over its label sets, e.g. {"..._records_out_total": 1234}.
export function sumCounters(text, names = COUNTERS) {
  const out = {};
  for (const line of text.split('\n')) {
    if (!line || line[0] === '#') continue;
    const name = line.match(/^[a-zA-Z_:][a-zA-Z0-9_:]*/);
    if (!name || !names.includes(name[0])) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) out[name[0]] = (out[name[0]] || 0) + value;
  }
  return out;
}

// Per-second rates between two successive samples; null until two samples were taken.
export class BrokerRates {
  constructor() { this.prev = null; }

  async sample() {
    let text;
    try { text = await get('/metrics', { headers: { Accept: 'text/plain' } }); } catch { return null; }
    if (typeof text !== 'string') return null;
    const now = { at: performance.now(), values: sumCounters(text) };
    const prev = this.prev;
    this.prev = now;
    if (!prev || !Object.keys(now.values).length) return null;
    const secs = (now.at - prev.at) / 1000;
    const rate = name => (name in now.values && name in prev.values
      ? Math.max(0, (now.values[name] - prev.values[name]) / secs) : undefined);
    return {
      records_in_per_sec: rate(COUNTERS[0]), bytes_in_per_sec: rate(COUNTERS[1]),
      records_out_per_sec: rate(COUNTERS[2]), bytes_out_per_sec: rate(COUNTERS[3]),
    };
  }
}
