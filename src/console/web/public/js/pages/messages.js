// The message list of the browser: one row per record with its headers as chips; a click opens
// the record with its value pretty-printed when it is JSON and every header.
import { h, fmtTime, jsonView, parseJsonish, toast } from '../ui.js';

const PREVIEW = 160;

function text(value, encoding) {
  if (value === null || value === undefined) return h('span', { class: 'null' }, 'null');
  if (encoding === 'base64') return [h('span', { class: 'tag' }, 'base64'), ' ', value.slice(0, PREVIEW)];
  const parsed = parseJsonish(value);
  const shown = parsed !== undefined ? JSON.stringify(parsed) : value;
  return shown.length > PREVIEW ? shown.slice(0, PREVIEW) + '…' : shown;
}

function headerChips(headers, max = 4) {
  if (!headers || !headers.length) return h('span', { class: 'muted' }, '–');
  const chips = headers.slice(0, max).map(hd =>
    h('span', { class: 'chip', 'data-testid': 'message-header', title: `${hd.key}: ${hd.value}` },
      h('b', {}, hd.key), ': ', hd.encoding === 'base64' ? '(base64) ' + hd.value : hd.value));
  if (headers.length > max) chips.push(h('span', { class: 'chip more' }, `+${headers.length - max}`));
  return chips;
}

function detailView(m) {
  const value = parseJsonish(m.value);
  const copy = () => navigator.clipboard && navigator.clipboard.writeText(m.value ?? '').then(() => toast('Value copied', 'ok'));
  return h('div', { class: 'message-detail', 'data-testid': 'message-detail' },
    h('div', { class: 'detail-grid' },
      h('div', {},
        h('h3', {}, 'Value ', m.value_encoding === 'base64' ? h('span', { class: 'tag' }, 'base64') : null,
          value !== undefined ? h('span', { class: 'tag' }, 'JSON') : null,
          h('button', { class: 'link', onclick: copy }, 'copy')),
        value !== undefined ? jsonView(value) : h('pre', { class: 'json' }, m.value ?? 'null')),
      h('div', {},
        h('h3', {}, 'Key'),
        h('pre', { class: 'json' }, m.key ?? 'null'),
        h('details', { open: true },
          h('summary', {}, `Headers (${(m.headers || []).length})`),
          (m.headers || []).length
            ? h('table', { class: 'grid compact', 'data-testid': 'message-header-table' }, h('tbody', {}, m.headers.map(hd =>
              h('tr', {}, h('td', { class: 'mono' }, hd.key), h('td', { class: 'mono' }, hd.value)))))
            : h('p', { class: 'muted' }, 'No headers.')),
        h('h3', {}, 'Metadata'),
        h('table', { class: 'grid compact' }, h('tbody', {},
          [['partition', m.partition], ['offset', m.offset], ['timestamp', `${fmtTime(m.timestamp)} (${m.timestamp})`],
            ['timestamp type', m.timestamp_type], ['key encoding', m.key_encoding], ['value encoding', m.value_encoding]]
            .map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', { class: 'mono' }, String(v)))))))));
}

// One record's row; a click opens (or closes) its detail row below it.
export function messageRow(m) {
  const row = h('tr', { class: 'message-row', 'data-testid': 'message-row', 'data-partition': m.partition, 'data-offset': m.offset },
    h('td', { class: 'num' }, String(m.partition)),
    h('td', { class: 'num' }, String(m.offset)),
    h('td', { class: 'nowrap' }, fmtTime(m.timestamp)),
    h('td', { class: 'mono key', 'data-testid': 'message-key' }, text(m.key, m.key_encoding)),
    h('td', { class: 'mono value', 'data-testid': 'message-value' }, text(m.value, m.value_encoding)),
    h('td', { class: 'headers', 'data-testid': 'message-headers' }, headerChips(m.headers)));
  let open = null;
  row.addEventListener('click', () => {
    if (open) { open.remove(); open = null; row.classList.remove('open'); return; }
    open = h('tr', { class: 'detail-row' }, h('td', { colspan: 6 }, detailView(m)));
    row.after(open);
    row.classList.add('open');
  });
  return row;
}

export function messageTable(messages, { empty }) {
  if (!messages.length) return h('div', { class: 'empty', 'data-testid': 'messages-empty' }, empty);
  return h('table', { class: 'grid messages-table', 'data-testid': 'message-table' },
    h('thead', {}, h('tr', {}, ['Partition', 'Offset', 'Timestamp', 'Key', 'Value', 'Headers'].map((t, i) =>
      h('th', { class: i < 2 ? 'num' : '' }, t)))),
    h('tbody', {}, messages.map(messageRow)));
}
