// One topic: the message browser (by partition, from an offset, a timestamp, the start or the end;
// search; live tail; export; produce), its partitions and its configs.
import { h, clear, fill, fmtNum, fmtBytes, fmtTime, fmtDuration, table, pageHeader, toast, download } from '../ui.js';
import { get, enc } from '../api.js';
import { deleteTopic } from './topics.js';
import { messageTable, messageRow } from './messages.js';
import { produceDialog } from './produce.js';

const TABS = [['messages', 'Messages'], ['partitions', 'Partitions'], ['configs', 'Configs']];

export async function render(root, { name, tab = 'messages' }) {
  const detail = await get('/api/topics/' + enc(name));
  const parts = detail.partitions || [];
  const configs = detail.configs || [];
  const config = key => (configs.find(c => c.name === key) || {}).value;
  const messages = parts.reduce((n, p) => n + (p.end_offset - p.start_offset), 0);
  const size = parts.some(p => p.size_bytes < 0) ? -1 : parts.reduce((n, p) => n + p.size_bytes, 0);
  const retention = config('retention.ms');

  root.append(pageHeader(
    [h('a', { href: '#/topics', class: 'crumb' }, 'Topics'), ' / ', h('span', { 'data-testid': 'topic-name' }, name)],
    [`${parts.length} partitions`, `${fmtNum(messages)} messages`, size >= 0 ? fmtBytes(size) : null,
      `cleanup ${config('cleanup.policy') || 'delete'}`,
      retention !== undefined ? `retention ${Number(retention) < 0 ? 'forever' : fmtDuration(Number(retention))}` : null]
      .filter(Boolean).join(' · '),
    h('button', { 'data-testid': 'produce-open', onclick: () => produceDialog(name, parts.length, () => browser && browser.afterProduce()) }, 'Produce message'),
    h('button', { class: 'danger-outline', onclick: () => deleteTopic(name, () => { location.hash = '#/topics'; }) }, 'Delete topic')));

  root.append(h('div', { class: 'tabs' }, TABS.map(([id, label]) =>
    h('a', { href: `#/topics/${enc(name)}/${id}`, class: id === tab ? 'active' : '', 'data-testid': 'tab-' + id }, label))));

  let browser = null;
  if (tab === 'partitions') {
    root.append(h('div', { class: 'panel flush' }, table([
      { title: 'Partition', class: 'num', render: p => String(p.partition) },
      { title: 'Leader', class: 'num', render: p => String(p.leader) },
      { title: 'Start offset', class: 'num', render: p => fmtNum(p.start_offset) },
      { title: 'End offset', class: 'num', render: p => fmtNum(p.end_offset) },
      { title: 'Messages', class: 'num', render: p => fmtNum(p.end_offset - p.start_offset) },
      size >= 0 ? { title: 'Size', class: 'num', render: p => fmtBytes(p.size_bytes) } : null,
      { title: '', render: p => h('a', { href: `#/topics/${enc(name)}/messages?partition=${p.partition}` }, 'browse') },
    ].filter(Boolean), parts, { testid: 'partition-table' })));
    return undefined;
  }
  if (tab === 'configs') {
    // Settings made on the topic first, then the inherited ones.
    const source = c => c.source || (c.default ? 'default' : 'topic');
    const sorted = [...configs].sort((a, b) => ((source(a) !== 'topic') - (source(b) !== 'topic')) || a.name.localeCompare(b.name));
    root.append(h('div', { class: 'panel flush' }, table([
      { title: 'Config', render: c => h('code', {}, c.name) },
      { title: 'Value', render: c => h('span', { class: 'mono' }, c.value === null ? (c.sensitive ? '(sensitive)' : '(null)') : c.value) },
      { title: 'Source', render: c => h('span', { class: 'tag' + (source(c) === 'topic' ? ' strong' : '') }, source(c) === 'topic' ? 'topic override' : source(c)) },
      { title: '', render: c => (c.read_only ? h('span', { class: 'tag' }, 'read-only') : '') },
    ], sorted, { testid: 'config-table', empty: 'No configs reported.' })));
    return undefined;
  }
  browser = new MessageBrowser(root, name, parts.length);
  return () => browser.stopTail();
}

class MessageBrowser {
  constructor(root, topic, partitions) {
    this.topic = topic;
    this.messages = [];
    this.source = null;
    const q = new URLSearchParams(location.hash.split('?')[1] || '');
    this.partition = h('select', { 'data-testid': 'browse-partition' },
      h('option', { value: 'all' }, 'All partitions'),
      Array.from({ length: partitions }, (_, i) => h('option', { value: String(i) }, 'Partition ' + i)));
    if (q.get('partition')) this.partition.value = q.get('partition');
    this.from = h('select', { 'data-testid': 'browse-from' },
      h('option', { value: 'end' }, 'Newest'), h('option', { value: 'beginning' }, 'Oldest'),
      h('option', { value: 'offset' }, 'From offset'), h('option', { value: 'timestamp' }, 'From time'));
    this.offset = h('input', { type: 'number', min: 0, value: 0, class: 'narrow', 'data-testid': 'browse-offset' });
    this.timestamp = h('input', { type: 'datetime-local', step: 1, 'data-testid': 'browse-timestamp' });
    this.limit = h('select', {}, [20, 50, 100, 500, 1000].map(n => h('option', { value: n, selected: n === 50 }, n + ' records')));
    this.search = h('input', { type: 'search', placeholder: 'Search key, value and headers', class: 'grow', 'data-testid': 'browse-search' });
    this.tailButton = h('button', { 'data-testid': 'tail-toggle', onclick: () => (this.source ? this.stopTail() : this.startTail()) }, 'Live tail');
    this.status = h('span', { class: 'muted small', 'data-testid': 'browse-status' });
    const offsetBox = h('span', {}, this.offset);
    const timeBox = h('span', {}, this.timestamp);
    const showInputs = () => {
      offsetBox.hidden = this.from.value !== 'offset';
      timeBox.hidden = this.from.value !== 'timestamp';
    };
    this.from.addEventListener('change', () => { showInputs(); this.fetch(); });
    this.partition.addEventListener('change', () => (this.source ? this.startTail() : this.fetch()));
    this.limit.addEventListener('change', () => this.fetch());
    this.search.addEventListener('keydown', e => { if (e.key === 'Enter') (this.source ? this.startTail() : this.fetch()); });
    showInputs();

    const toolbar = h('div', { class: 'toolbar browse' },
      this.partition, this.from, offsetBox, timeBox, this.limit, this.search,
      h('button', { class: 'primary', 'data-testid': 'browse-fetch', onclick: () => this.fetch() }, 'Fetch'),
      this.tailButton,
      h('button', { 'data-testid': 'export-json', onclick: () => this.exportJson() }, 'Export JSON'));
    this.list = h('div', { class: 'panel flush messages' });
    root.append(toolbar, h('div', { class: 'status-line' }, this.status), this.list);
    this.fetch();
  }

  params() {
    const p = new URLSearchParams({ partition: this.partition.value, limit: this.limit.value });
    if (this.search.value.trim()) p.set('search', this.search.value.trim());
    return p;
  }

  // A live tail shows the new record by itself; a static list is read again.
  afterProduce() {
    if (!this.source) this.fetch();
  }

  async fetch() {
    this.stopTail();
    const p = this.params();
    p.set('from', this.from.value);
    if (this.from.value === 'offset') p.set('offset', this.offset.value || '0');
    if (this.from.value === 'timestamp') {
      const ts = this.timestamp.value ? new Date(this.timestamp.value).getTime() : Date.now() - 3600e3;
      p.set('timestamp', String(ts));
    }
    this.status.textContent = 'Loading…';
    try {
      const out = await get(`/api/topics/${enc(this.topic)}/messages?${p}`);
      this.messages = out.messages || [];
      this.status.textContent = `${this.messages.length} records` +
        (p.get('search') ? ` matching “${p.get('search')}” (${fmtNum(out.scanned)} scanned)` : '') +
        (out.timed_out ? ' · the read timed out: showing what was read' : '') +
        ` · fetched ${fmtTime(Date.now()).slice(11, 19)}`;
      this.draw();
    } catch (e) {
      this.status.textContent = '';
      fill(this.list, h('div', { class: 'alert error' }, 'Cannot read messages: ' + e.message));
    }
  }

  draw() {
    fill(this.list, messageTable(this.messages, {
      empty: this.source ? 'Waiting for new records…' : 'No records here. Try “Oldest”, another partition or another search.',
    }));
  }

  startTail() {
    this.stopTail();
    this.messages = [];
    this.draw();
    const url = `/api/topics/${enc(this.topic)}/tail?${this.params()}`;
    this.source = new EventSource(url);
    this.tailButton.textContent = 'Stop tail';
    this.tailButton.classList.add('live');
    this.status.replaceChildren(h('span', { class: 'dot ok pulse' }), ' live: newest records first');
    this.source.onmessage = ev => {
      let m;
      try { m = JSON.parse(ev.data); } catch { return; }
      this.messages.unshift(m);
      const body = this.list.querySelector('tbody');
      if (!body) { this.draw(); return; }
      // Newest first; rows already shown (and any the user opened) stay as they are.
      const row = messageRow(m);
      row.classList.add('fresh');
      body.prepend(row);
      if (this.messages.length > 1000) {
        this.messages.length = 1000;
        const rows = body.querySelectorAll('tr.message-row');
        const last = rows[rows.length - 1];
        if (last.nextSibling && last.nextSibling.classList.contains('detail-row')) last.nextSibling.remove();
        last.remove();
      }
    };
    this.source.onerror = ev => {
      // The server names a failure in an "error" event with data; a dropped connection has none.
      if (ev.data) {
        let message = ev.data;
        try { message = JSON.parse(ev.data).message; } catch { /* plain text */ }
        this.stopTail();
        toast('Live tail: ' + message, 'error');
        return;
      }
      if (this.source && this.source.readyState === EventSource.CLOSED) {
        this.stopTail();
        toast('The live tail ended', 'error');
      }
    };
  }

  stopTail() {
    if (!this.source) return;
    this.source.close();
    this.source = null;
    this.tailButton.textContent = 'Live tail';
    this.tailButton.classList.remove('live');
    this.status.textContent = `${this.messages.length} records (tail stopped)`;
  }

  exportJson() {
    download(`${this.topic}-messages.json`, JSON.stringify(this.messages, null, 2));
    toast(`Exported ${this.messages.length} records`, 'ok');
  }
}
