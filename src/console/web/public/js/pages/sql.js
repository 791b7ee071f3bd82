// SQL: an editor that runs statements (Ctrl+Enter), streams push query rows as they arrive, and
// lists the streams, tables and queries. Statements go to ksqlDB's REST API through /api/sql.
import { h, clear, fill, badge, pageHeader, jsonView, toast, fmtNum } from '../ui.js';
import { ksql, queryStream, poll } from '../api.js';
import { splitStatements, isQuery } from './sql_split.js';

const MAX_ROWS = 5000;
const rows = n => `${fmtNum(n)} row${n === 1 ? '' : 's'}`;
const STORAGE_KEY = 'tributary.sql.editor';

function cell(v) {
  if (v === null || v === undefined) return h('span', { class: 'null' }, 'null');
  if (typeof v === 'object') return h('span', { class: 'mono' }, JSON.stringify(v));
  return String(v);
}

// One /ksql entity as a readable block.
function entityView(e) {
  const type = e['@type'];
  if (type === 'streams' || type === 'tables') {
    const list = e.streams || e.tables || [];
    return simpleTable(['Name', 'Topic', 'Key format', 'Value format', 'Windowed'],
      list.map(s => [s.name, s.topic, s.keyFormat, s.valueFormat, s.isWindowed ? 'yes' : '']));
  }
  if (type === 'queries') {
    return simpleTable(['Id', 'Type', 'State', 'Sinks', 'SQL'],
      (e.queries || []).map(q => [q.id, q.queryType, badge(q.state || ''), (q.sinks || []).join(', '), h('code', {}, q.queryString)]));
  }
  if (type === 'currentStatus') {
    const s = e.commandStatus || {};
    return h('div', { class: 'alert ok' }, badge(s.status || 'SUCCESS'), ' ', s.message || 'Done');
  }
  if (type === 'sourceDescription' && e.sourceDescription) {
    const d = e.sourceDescription;
    return h('div', {}, h('p', {}, h('b', {}, d.name), ` ${d.type} · topic ${d.topic} · ${d.keyFormat}/${d.valueFormat}`),
      simpleTable(['Column', 'Type'], (d.fields || []).map(f => [f.name, (f.schema && f.schema.type) || ''])));
  }
  const rest = { ...e };
  delete rest.statementText;
  delete rest.warnings;
  return jsonView(rest);
}

function simpleTable(titles, rows) {
  if (!rows.length) return h('div', { class: 'empty small' }, 'None.');
  return h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {}, titles.map(t => h('th', {}, t)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c instanceof Node ? c : cell(c)))))));
}

export async function render(root) {
  const editor = h('textarea', {
    class: 'editor mono', spellcheck: 'false', 'data-testid': 'sql-editor', rows: 9,
    placeholder: 'SELECT * FROM PAYMENTS EMIT CHANGES;\n\nCtrl+Enter runs the statements.',
  });
  editor.value = localStorage.getItem(STORAGE_KEY) || '';
  editor.addEventListener('input', () => localStorage.setItem(STORAGE_KEY, editor.value));
  const offsetReset = h('select', { 'data-testid': 'sql-offset-reset', title: 'auto.offset.reset for queries' },
    h('option', { value: 'latest' }, 'new rows only (latest)'), h('option', { value: 'earliest' }, 'from the start (earliest)'));
  const runBtn = h('button', { class: 'primary', 'data-testid': 'sql-run' }, 'Run ', h('kbd', {}, 'Ctrl+Enter'));
  const stopBtn = h('button', { 'data-testid': 'sql-stop', disabled: true }, 'Stop');
  const status = h('span', { class: 'sql-status', 'data-testid': 'sql-status' });
  const results = h('div', { class: 'sql-results', 'data-testid': 'sql-results' });
  const sidebar = h('aside', { class: 'sql-side' });

  root.append(pageHeader('SQL', 'Streaming SQL in ksqlDB’s dialect: push queries (EMIT CHANGES) stream rows as they arrive.'),
    h('div', { class: 'sql-layout' },
      h('div', { class: 'sql-main' },
        h('div', { class: 'panel editor-panel' }, editor,
          h('div', { class: 'toolbar' }, runBtn, stopBtn, offsetReset, status)),
        results),
      sidebar));

  let running = null;  // the open push/pull query stream
  const stop = async () => {
    if (running) await running.close();
  };

  const runQuery = (sql, box) => new Promise(resolve => {
    const props = { 'auto.offset.reset': offsetReset.value };
    const head = h('div', { class: 'result-head' });
    const tableBox = h('div', { class: 'result-table-wrap' });
    box.append(head, tableBox);
    let tbody = null;
    let count = 0;
    let queryId = null;
    const streaming = () => head.replaceChildren(h('span', { class: 'dot ok pulse' }), ` streaming · ${rows(count)}`,
      queryId ? h('span', { class: 'muted small' }, ` · ${queryId}`) : null);
    const q = queryStream(sql, props, {
      onHeader: hd => {
        queryId = hd.queryId;
        tbody = h('tbody');
        tableBox.append(h('table', { class: 'grid compact', 'data-testid': 'sql-result-table' },
          h('thead', {}, h('tr', {}, (hd.columnNames || []).map((c, i) => h('th', { title: (hd.columnTypes || [])[i] }, c)))),
          tbody));
        streaming();
      },
      onRow: row => {
        count++;
        if (tbody) {
          const nearBottom = tableBox.scrollTop + tableBox.clientHeight >= tableBox.scrollHeight - 30;
          tbody.append(h('tr', { 'data-testid': 'sql-row', class: 'fresh' }, row.map(v => h('td', {}, cell(v)))));
          if (tbody.children.length > MAX_ROWS) tbody.firstChild.remove();
          if (nearBottom) tableBox.scrollTop = tableBox.scrollHeight;
        }
        streaming();
      },
      onError: e => {
        box.append(h('div', { class: 'alert error', 'data-testid': 'sql-error' }, e.message));
        resolve(false);
      },
      onEnd: ({ closed }) => {
        head.replaceChildren(rows(count), closed ? ' · stopped' : ' · complete',
          queryId ? h('span', { class: 'muted small' }, ` · ${queryId}`) : null);
        resolve(true);
      },
    });
    running = q;
  });

  const run = async () => {
    const statements = splitStatements(editor.value);
    if (!statements.length) return;
    await stop();
    clear(results);
    runBtn.disabled = true;
    stopBtn.disabled = false;
    status.textContent = 'Running…';
    try {
      for (const sql of statements) {
        const box = h('section', { class: 'panel result', 'data-testid': 'sql-result' }, h('pre', { class: 'statement' }, sql));
        results.append(box);
        if (isQuery(sql)) {
          const ok = await runQuery(sql, box);
          running = null;
          if (!ok) break;
        } else {
          try {
            const entities = await ksql(sql, { 'auto.offset.reset': offsetReset.value });
            for (const e of entities || []) box.append(entityView(e));
          } catch (e) {
            box.append(h('div', { class: 'alert error', 'data-testid': 'sql-error' }, e.message));
            break;
          }
        }
      }
    } finally {
      running = null;
      runBtn.disabled = false;
      stopBtn.disabled = true;
      status.textContent = '';
      refreshSide();
    }
  };
  runBtn.addEventListener('click', run);
  stopBtn.addEventListener('click', stop);
  editor.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });

  const insert = text => { editor.value = text; localStorage.setItem(STORAGE_KEY, text); editor.focus(); };
  const refreshSide = async () => {
    let entities;
    try {
      entities = await ksql('SHOW STREAMS; SHOW TABLES; SHOW QUERIES;');
    } catch (e) {
      fill(sidebar, h('div', { class: 'alert error' }, e.status === 503 ? 'The SQL service is not running.' : e.message));
      return;
    }
    const find = t => (entities || []).find(e => e['@type'] === t) || {};
    const sources = (list, kind) => h('section', { class: 'panel side-list' }, h('h2', {}, kind, h('span', { class: 'count' }, list.length)),
      list.length ? h('ul', {}, list.map(s => h('li', {},
        h('a', { href: '#/sql', 'data-testid': 'sql-source', title: 'Query it', onclick: e => {
          e.preventDefault();
          insert(kind === 'Streams' ? `SELECT * FROM ${s.name} EMIT CHANGES;` : `SELECT * FROM ${s.name};`);
        } }, s.name),
        h('a', { class: 'muted small', href: '#/topics/' + encodeURIComponent(s.topic) }, s.topic))))
        : h('p', { class: 'muted small' }, 'None.'));
    const queries = find('queries').queries || [];
    fill(sidebar, 
      sources(find('streams').streams || [], 'Streams'),
      sources(find('tables').tables || [], 'Tables'),
      h('section', { class: 'panel side-list' }, h('h2', {}, 'Queries', h('span', { class: 'count' }, queries.length)),
        queries.length ? h('ul', {}, queries.map(q => h('li', { title: q.queryString },
          h('div', {}, h('code', {}, q.id), ' ', badge(q.state || ''), ' ',
            h('button', { class: 'link danger-text', onclick: async () => {
              try { await ksql(`TERMINATE ${q.id};`); toast(`Terminated ${q.id}`, 'ok'); refreshSide(); } catch (e) { toast(e.message, 'error'); }
            } }, 'terminate')),
          h('div', { class: 'muted small ellipsis' }, q.queryString))))
          : h('p', { class: 'muted small' }, 'None.')));
  };
  const stopSide = poll(refreshSide, 5000);
  return () => { stopSide(); stop(); };
}
