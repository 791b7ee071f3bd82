// Overview: the cluster, topics, throughput, connectors and queries at a glance.
import { h, clear, fill, fmtNum, fmtRate, fmtBytes, table, badge, pageHeader } from '../ui.js';
import { get, poll, enc } from '../api.js';
import { TimeChart } from '../chart.js';
import { isInternal, seriesToChart } from './series.js';
import { BrokerRates } from '../rates.js';

function card(title, value, detail, { href, testid, tone } = {}) {
  const body = [h('div', { class: 'card-title' }, title),
    h('div', { class: 'card-value' + (tone ? ' ' + tone : ''), 'data-testid': testid }, value),
    h('div', { class: 'card-detail' }, detail)];
  return href ? h('a', { class: 'card', href }, body) : h('div', { class: 'card' }, body);
}

function serviceCards(o) {
  const c = o.connectors || {};
  const q = o.queries || {};
  const connectors = c.available === false
    ? card('Connectors', '–', 'Connect service not running', { href: '#/connectors' })
    : card('Connectors', fmtNum(c.total), [
      h('span', { class: 'dot ok' }), `${fmtNum(c.running)} running`,
      c.failed ? [' · ', h('span', { class: 'dot bad' }), `${c.failed} failed`] : null,
      c.paused ? ` · ${c.paused} paused` : null], { href: '#/connectors', testid: 'overview-connectors', tone: c.failed ? 'bad' : '' });
  const queries = q.available === false
    ? card('SQL queries', '–', 'SQL service not running', { href: '#/sql' })
    : card('SQL queries', fmtNum(q.total), `${fmtNum(q.running)} running`, { href: '#/sql', testid: 'overview-queries' });
  return [connectors, queries];
}

export async function render(root) {
  root.append(pageHeader('Overview', 'The cluster at a glance; refreshed every 2 seconds.'));
  const cards = h('div', { class: 'cards', 'data-testid': 'overview-cards' });
  const chartBox = h('section', { class: 'panel' }, h('h2', {}, 'Records in per second (all user topics)'));
  const topBox = h('section', { class: 'panel' }, h('h2', {}, 'Busiest topics'));
  const brokersBox = h('section', { class: 'panel' }, h('h2', {}, 'Brokers'));
  const topList = h('div');
  const brokerList = h('div');
  topBox.append(topList);
  brokersBox.append(brokerList);
  root.append(cards, chartBox, h('div', { class: 'two-col' }, topBox, brokersBox));
  const chart = new TimeChart(chartBox, { height: 200, yLabel: 'records/s', testid: 'overview-chart' });

  const rates = new BrokerRates();
  const refresh = async () => {
    const [o, t, s, r] = await Promise.all([
      get('/api/overview'),
      get('/api/topics'),
      get('/api/series?minutes=5').catch(() => null),
      rates.sample(),
    ]);
    // The broker's own counters when it runs in this process, else the console's end-offset deltas.
    const tp = { ...(o.throughput || {}) };
    for (const [k, v] of Object.entries(r || {})) if (v !== undefined) tp[k] = v;
    const bytes = v => (v === undefined || v < 0 ? '' : fmtBytes(v) + '/s');
    const brokers = (o.cluster && o.cluster.brokers) || [];
    fill(cards, 
      card('Brokers', fmtNum(brokers.length), o.cluster ? o.cluster.bootstrap : '', { testid: 'overview-brokers' }),
      card('Topics', fmtNum(o.topics), `${fmtNum(o.partitions)} partitions · ${fmtNum(o.internal_topics)} internal`,
        { href: '#/topics', testid: 'overview-topics' }),
      card('In', fmtRate(tp.records_in_per_sec) + ' rec/s', bytes(tp.bytes_in_per_sec) || 'produced',
        { testid: 'overview-throughput-in' }),
      card('Out', fmtRate(tp.records_out_per_sec) + ' rec/s', bytes(tp.bytes_out_per_sec) || 'fetched by consumers',
        { testid: 'overview-throughput-out' }),
      ...serviceCards(o));

    const busiest = (t.topics || []).filter(x => !x.internal)
      .sort((a, b) => (b.records_in_per_sec || 0) - (a.records_in_per_sec || 0) || b.messages - a.messages).slice(0, 8);
    fill(topList, table([
      { title: 'Topic', render: x => h('a', { href: '#/topics/' + enc(x.name) }, x.name) },
      { title: 'Partitions', class: 'num', render: x => fmtNum(x.partitions) },
      { title: 'Messages', class: 'num', render: x => fmtNum(x.messages) },
      busiest.some(x => x.size_bytes >= 0) ? { title: 'Size', class: 'num', render: x => fmtBytes(x.size_bytes) } : null,
      { title: 'In/s', class: 'num', render: x => fmtRate(x.records_in_per_sec) },
    ].filter(Boolean), busiest, { empty: 'No topics yet.' }));

    fill(brokerList, table([
      { title: 'Id', render: b => String(b.id) },
      { title: 'Host', render: b => `${b.host}:${b.port}` },
      { title: 'Role', render: b => (b.id === o.cluster.controller_id ? badge('controller') : '') },
      { title: 'State', render: () => badge('up') },
    ], brokers, { empty: 'No brokers answered.' }));

    if (s) {
      const { xs, series } = seriesToChart(s, name => !isInternal(name), { sum: 'all user topics' });
      chart.update(xs, series);
    }
  };
  const stop = poll(async () => {
    try { await refresh(); } catch (e) {
      fill(cards, h('div', { class: 'alert error' }, 'Cannot reach the console API: ' + e.message));
    }
  }, 2000);
  return () => { stop(); chart.destroy(); };
}
