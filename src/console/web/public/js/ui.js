// Small DOM helpers shared by the pages: element builder, tables, badges, number formats, JSON view.

// h('div', {class: 'x', onclick: fn, 'data-testid': 'y'}, child, ...): children may be strings,
// nodes, arrays or null/false (skipped).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// Replaces el's children (arrays are flattened, null/false skipped, as in h()).
export function fill(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

// A table from column definitions [{title, render(row) -> node|string, class}] and rows.
export function table(columns, rows, { rowAttrs, empty = 'Nothing here yet.', testid } = {}) {
  if (!rows.length) return h('div', { class: 'empty', 'data-testid': testid ? testid + '-empty' : null }, empty);
  return h('table', { class: 'grid', 'data-testid': testid },
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { class: c.class }, c.title)))),
    h('tbody', {}, rows.map(r => h('tr', rowAttrs ? rowAttrs(r) : {},
      columns.map(c => h('td', { class: c.class }, c.render(r)))))));
}

const STATE_CLASS = {
  running: 'ok', stable: 'ok', up: 'ok', live: 'ok', success: 'ok',
  paused: 'warn', stopped: 'warn', rebalancing: 'warn', preparingrebalance: 'warn',
  completingrebalance: 'warn', unassigned: 'warn', restarting: 'warn',
  failed: 'bad', dead: 'bad', down: 'bad', error: 'bad',
  empty: 'muted',
};

export function badge(state, testid) {
  const cls = STATE_CLASS[String(state).toLowerCase()] || 'muted';
  return h('span', { class: 'badge ' + cls, 'data-testid': testid }, state);
}

export function fmtNum(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function fmtRate(n) {
  if (n === null || n === undefined) return '–';
  if (n >= 1e6) return (n / 1e6).toFixed(1) + 'M';
  if (n >= 1e4) return (n / 1e3).toFixed(1) + 'k';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : Number(n).toFixed(n % 1 ? 1 : 0);
}

export function fmtBytes(n) {
  if (n === null || n === undefined || n < 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i ? n.toFixed(1) : n) + ' ' + units[i];
}

export function fmtTime(ms) {
  if (ms === null || ms === undefined || ms < 0) return '–';
  const d = new Date(ms);
  const pad = (x, n = 2) => String(x).padStart(n, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined) return '–';
  const s = Math.round(ms / 1000);
  if (s < 120) return s + ' s';
  if (s < 7200) return Math.round(s / 60) + ' min';
  if (s < 172800) return Math.round(s / 3600) + ' h';
  return Math.round(s / 86400) + ' d';
}

// A value as text, parsed as JSON when it is JSON (objects and arrays only: "42" stays text).
export function parseJsonish(text) {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try { return JSON.parse(t); } catch { return undefined; }
}

// Pretty-printed, syntax-coloured JSON (built from nodes, so values can never inject markup).
export function jsonView(value) {
  const pre = h('pre', { class: 'json' });
  render(pre, value, 0);
  return pre;

  function render(out, v, depth) {
    const pad = '  '.repeat(depth);
    if (v === null) return out.append(h('span', { class: 'j-null' }, 'null'));
    if (Array.isArray(v)) {
      if (!v.length) return out.append('[]');
      out.append('[\n');
      v.forEach((x, i) => {
        out.append(pad + '  ');
        render(out, x, depth + 1);
        out.append(i < v.length - 1 ? ',\n' : '\n');
      });
      return out.append(pad + ']');
    }
    if (typeof v === 'object') {
      const keys = Object.keys(v);
      if (!keys.length) return out.append('{}');
      out.append('{\n');
      keys.forEach((k, i) => {
        out.append(pad + '  ', h('span', { class: 'j-key' }, JSON.stringify(k)), ': ');
        render(out, v[k], depth + 1);
        out.append(i < keys.length - 1 ? ',\n' : '\n');
      });
      return out.append(pad + '}');
    }
    const cls = typeof v === 'string' ? 'j-str' : typeof v === 'number' ? 'j-num' : 'j-bool';
    out.append(h('span', { class: cls }, JSON.stringify(v)));
  }
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const el = h('div', { class: 'toast ' + kind, role: 'status' }, message);
  box.append(el);
  setTimeout(() => el.classList.add('gone'), kind === 'error' ? 7000 : 3500);
  setTimeout(() => el.remove(), kind === 'error' ? 7600 : 4100);
}

// A modal dialog holding `body`; returns {close}. onSubmit(close) runs on the primary button.
export function modal(title, body, { submitLabel = 'Save', onSubmit, testid, wide, danger } = {}) {
  const dialog = h('div', { class: 'modal' + (wide ? ' wide' : ''), role: 'dialog', 'data-testid': testid });
  const backdrop = h('div', { class: 'backdrop' }, dialog);
  const close = () => backdrop.remove();
  const error = h('div', { class: 'form-error' });
  const submit = h('button', { class: danger ? 'danger' : 'primary', 'data-testid': testid ? testid + '-submit' : null }, submitLabel);
  submit.addEventListener('click', async () => {
    error.textContent = '';
    submit.disabled = true;
    try { await onSubmit(close); } catch (e) { error.textContent = e.message; } finally { submit.disabled = false; }
  });
  dialog.append(
    h('header', {}, h('h2', {}, title), h('button', { class: 'icon', onclick: close, title: 'Close' }, '×')),
    h('div', { class: 'modal-body' }, body, error),
    h('footer', {}, h('button', { onclick: close }, 'Cancel'), onSubmit ? submit : null));
  backdrop.addEventListener('click', e => { if (e.target === backdrop) close(); });
  document.body.append(backdrop);
  const first = dialog.querySelector('input, textarea, select');
  if (first) first.focus();
  return { close };
}

export function confirmDanger(title, text, action, submitLabel = 'Delete') {
  modal(title, h('p', {}, text), {
    submitLabel, testid: 'confirm', danger: true,
    onSubmit: async close => { await action(); close(); },
  });
}

// Editable key/value rows (headers, configs). Returns {el, values() -> [[k, v], ...]}.
export function keyValueRows(initial = [], { keyPlaceholder = 'key', valuePlaceholder = 'value', datalist } = {}) {
  const rows = h('div', { class: 'kv-rows' });
  const add = (k = '', v = '') => {
    const row = h('div', { class: 'kv-row' },
      h('input', { class: 'kv-key', placeholder: keyPlaceholder, value: k, list: datalist || null }),
      h('input', { class: 'kv-value', placeholder: valuePlaceholder, value: v }),
      h('button', { class: 'icon', title: 'Remove', onclick: () => row.remove() }, '×'));
    rows.append(row);
  };
  initial.forEach(([k, v]) => add(k, v));
  const el = h('div', {}, rows, h('button', { class: 'link', onclick: () => add() }, '+ add'));
  return {
    el,
    add,
    values: () => [...rows.querySelectorAll('.kv-row')]
      .map(r => [r.querySelector('.kv-key').value.trim(), r.querySelector('.kv-value').value])
      .filter(([k]) => k),
  };
}

export function field(label, input, hint) {
  return h('label', { class: 'field' }, h('span', {}, label), input, hint ? h('small', {}, hint) : null);
}

export function pageHeader(title, subtitle, ...actions) {
  return h('div', { class: 'page-header' },
    h('div', {}, h('h1', {}, title), subtitle ? h('p', { class: 'subtitle' }, subtitle) : null),
    h('div', { class: 'actions' }, actions));
}

export function download(filename, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
