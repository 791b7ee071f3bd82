// Charts: live throughput per topic (/api/series) and the values of the SQL service's tables
// (payments per gateway, bookings per second...) from pull queries refreshed every few seconds.
import { h, clear, fill, pageHeader, fmtNum } from '../ui.js';
import { get, poll, ksql, pullQuery } from '../api.js';
import { TimeChart, barList } from '../chart.js';
import { isInternal, seriesToChart } from './series.js';

const NUMERIC = /^(INT|INTEGER|BIGINT|DOUBLE|DECIMAL|FLOAT|REAL)/i;

// A table's pull query result as chart input: the value column, the category (key) column and,
// for windowed tables, WINDOWSTART.
function shape(result, valueColumn) {
  const cols = result.columns.map(c => c.toUpperCase());
  const numeric = result.columns.filter((c, i) => NUMERIC.test(result.types[i] || '') && !/^WINDOW(START|END)$/i.test(c));
  const value = numeric.includes(valueColumn) ? valueColumn : numeric[0];
  const ws = cols.indexOf('WINDOWSTART');
  const category = result.columns.findIndex((c, i) => !NUMERIC.test(result.types[i] || '') && !/^WINDOW(START|END)$/i.test(c));
  return { numeric, value, vi: result.columns.indexOf(value), ws, category };
}

class TableChart {
  constructor(container, name) {
    this.name = name;
    this.valueSelect = h('select', { class: 'small' });
    this.body = h('div');
    this.note = h('div', { class: 'muted small' });
    this.chart = null;
    this.box = h('section', { class: 'panel', 'data-testid': 'table-chart', 'data-table': name },
      h('div', { class: 'panel-head' }, h('h2', {}, name), this.valueSelect), this.body, this.note);
    container.append(this.box);
    this.valueSelect.addEventListener('change', () => this.refresh());
  }

  async refresh() {
    let result;
    try {
      result = await pullQuery(`SELECT * FROM ${this.name};`);
    } catch (e) {
      fill(this.body, h('div', { class: 'alert error' }, e.message));
      return;
    }
    const s = shape(result, this.valueSelect.value);
    if (!s.value) {
      fill(this.body, h('div', { class: 'empty small' }, 'This table has no numeric column to draw.'));
      return;
    }
    if (this.valueSelect.options.length !== s.numeric.length) {
      this.valueSelect.replaceChildren(...s.numeric.map(c => h('option', { value: c }, c)));
      this.valueSelect.value = s.value;
    }
    const label = r => (s.category >= 0 ? String(r[s.category]) : 'value');
    if (s.ws >= 0) {
      // Windowed: one line per key over the window starts (e.g. bookings per second).
      const keys = [...new Set(result.rows.map(label))].sort();
      const starts = [...new Set(result.rows.map(r => r[s.ws]))].sort((a, b) => a - b).slice(-300);
      const index = new Map(starts.map((t, i) => [t, i]));
      const series = keys.map(k => ({ name: k, values: starts.map(() => null) }));
      const byKey = new Map(series.map(x => [x.name, x]));
      for (const r of result.rows) {
        const i = index.get(r[s.ws]);
        if (i !== undefined) byKey.get(label(r)).values[i] = r[s.vi];
      }
      if (!this.chart) { clear(this.body); this.chart = new TimeChart(this.body, { height: 220, yLabel: s.value }); }
      this.chart.update(starts.map(t => t / 1000), series);
      this.note.textContent = `${fmtNum(result.rows.length)} windows · ${s.value} per window`;
    } else {
      if (this.chart) { this.chart.destroy(); this.chart = null; }
      const items = result.rows.map(r => ({ label: label(r), value: Number(r[s.vi]) || 0 }))
        .sort((a, b) => b.value - a.value).slice(0, 30);
      fill(this.body, barList(items, { format: fmtNum }));
      this.note.textContent = `${fmtNum(result.rows.length)} rows · ${s.value} by ${s.category >= 0 ? result.columns[s.category] : 'row'}`;
    }
  }

  destroy() {
    if (this.chart) this.chart.destroy();
  }
}

export async function render(root) {
  const internal = h('input', { type: 'checkbox' });
  root.append(pageHeader('Charts', 'Live throughput per topic and the SQL tables’ values, refreshed every few seconds.'));
  const tp = h('section', { class: 'panel' },
    h('div', { class: 'panel-head' }, h('h2', {}, 'Records in per second, per topic'),
      h('label', { class: 'check small' }, internal, ' internal topics')));
  root.append(tp);
  const chart = new TimeChart(tp, { height: 260, yLabel: 'records/s', testid: 'throughput-chart' });
  const stopSeries = poll(async () => {
    const s = await get('/api/series?minutes=5');
    const { xs, series } = seriesToChart(s, n => internal.checked || !isInternal(n));
    chart.update(xs, series);
  }, 2000);

  const tablesBox = h('div', { class: 'chart-grid' });
  root.append(h('h2', { class: 'section' }, 'SQL tables'), tablesBox);
  const charts = new Map();
  const stopTables = poll(async () => {
    let tables;
    try {
      const entities = await ksql('SHOW TABLES;');
      tables = ((entities[0] || {}).tables || []).map(t => t.name).sort();
    } catch (e) {
      fill(tablesBox, h('div', { class: 'alert error' }, e.status === 503 ? 'The SQL service is not running.' : e.message));
      charts.clear();
      return;
    }
    if (!tables.length) {
      fill(tablesBox, h('div', { class: 'empty' }, 'No tables yet: create one in the SQL page, e.g. ',
        h('code', {}, 'CREATE TABLE BY_GATEWAY AS SELECT GATEWAY, COUNT(*) AS CNT FROM PAYMENTS GROUP BY GATEWAY EMIT CHANGES;')));
      charts.clear();
      return;
    }
    if (!charts.size) clear(tablesBox);
    for (const [name, c] of charts) if (!tables.includes(name)) { c.destroy(); c.box.remove(); charts.delete(name); }
    for (const name of tables) if (!charts.has(name)) charts.set(name, new TableChart(tablesBox, name));
    await Promise.all([...charts.values()].map(c => c.refresh()));
  }, 4000);

  return () => { stopSeries(); stopTables(); chart.destroy(); for (const c of charts.values()) c.destroy(); };
}
