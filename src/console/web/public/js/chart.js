// Thin wrapper over uPlot (embedded from npm, global `uPlot`): a time-series line chart that follows
// its container's width and can be fed new data without being rebuilt while its series stay the same.
import { h } from './ui.js';

export const PALETTE = ['#1f6feb', '#2da44e', '#bf8700', '#cf222e', '#8250df', '#0598bc', '#e16f24',
  '#57606a', '#bf3989', '#116329'];

export class TimeChart {
  // yLabel: the unit shown on the axis; bars: draw bars instead of lines (for categories).
  constructor(container, { height = 240, yLabel = '', testid } = {}) {
    this.container = container;
    this.height = height;
    this.yLabel = yLabel;
    this.el = h('div', { class: 'chart', 'data-testid': testid });
    container.append(this.el);
    this.plot = null;
    this.names = null;
    this.resize = new ResizeObserver(() => {
      if (this.plot) this.plot.setSize({ width: this.width(), height: this.height });
    });
    this.resize.observe(this.el);
  }

  width() {
    return Math.max(200, this.el.clientWidth || this.container.clientWidth || 600);
  }

  // xs: seconds since the epoch; series: [{name, values}] with values aligned to xs.
  update(xs, series) {
    if (typeof uPlot === 'undefined') {
      this.el.textContent = 'The chart library did not load.';
      return;
    }
    const names = series.map(s => s.name).join('\u0000');
    const data = [xs, ...series.map(s => s.values)];
    if (this.plot && names === this.names) {
      this.plot.setData(data);
      return;
    }
    if (this.plot) this.plot.destroy();
    this.names = names;
    this.plot = new uPlot({
      width: this.width(),
      height: this.height,
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { stroke: '#57606a', grid: { stroke: '#eaeef2' }, ticks: { stroke: '#d0d7de' } },
        { stroke: '#57606a', grid: { stroke: '#eaeef2' }, ticks: { stroke: '#d0d7de' }, label: this.yLabel,
          size: 60 },
      ],
      series: [{}, ...series.map((s, i) => ({
        label: s.name,
        stroke: PALETTE[i % PALETTE.length],
        width: 2,
        fill: series.length === 1 ? PALETTE[0] + '22' : undefined,
        points: { show: false },
        value: (u, v) => (v === null || v === undefined ? '–' : Number(v).toFixed(v % 1 ? 1 : 0)),
      }))],
    }, data, this.el);
  }

  destroy() {
    this.resize.disconnect();
    if (this.plot) this.plot.destroy();
    this.plot = null;
  }
}

// Horizontal bars for categories (payments per gateway): plain DOM, no chart library needed.
export function barList(items, { format = v => String(v), testid } = {}) {
  const max = Math.max(1, ...items.map(i => Math.abs(i.value) || 0));
  return h('div', { class: 'bars', 'data-testid': testid }, items.map((item, i) =>
    h('div', { class: 'bar-row' },
      h('span', { class: 'bar-label', title: item.label }, item.label),
      h('span', { class: 'bar-track' },
        h('span', { class: 'bar-fill', style: { width: (100 * Math.abs(item.value) / max) + '%', background: PALETTE[i % PALETTE.length] } })),
      h('span', { class: 'bar-value' }, format(item.value)))));
}
