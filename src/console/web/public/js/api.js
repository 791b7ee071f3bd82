// The console's JSON API (docs/console-api.md) and the proxied Connect and ksqlDB REST APIs.

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

function errorMessage(status, body, text) {
  if (body && typeof body === 'object' && body.message) return body.message;
  return text ? `HTTP ${status}: ${text.slice(0, 300)}` : `HTTP ${status}`;
}

// api('GET', '/api/topics') -> parsed JSON (null for an empty body); throws ApiError on 4xx/5xx.
export async function api(method, path, body, { signal, headers } = {}) {
  const init = { method, signal, headers: { Accept: 'application/json', ...(headers || {}) } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let parsed = null;
  if (text) {
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  }
  if (!res.ok) throw new ApiError(res.status, errorMessage(res.status, parsed, text), parsed);
  return parsed === undefined ? text : parsed;
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const enc = encodeURIComponent;

// Calls fn every `ms` while the page lives, skipping a beat when the previous call is still
// running (a slow server must not pile up requests). Returns a stop function.
export function poll(fn, ms) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    if (stopped) return;
    try { await fn(); } catch (e) { console.warn('poll', e); }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  tick();
  return () => { stopped = true; clearTimeout(timer); };
}

// ---- SQL (ksqlDB REST through /api/sql) ----

// POST /ksql: the list of entities; throws ApiError with ksqlDB's message.
export function ksql(statement, properties = {}) {
  return api('POST', '/api/sql/ksql', { ksql: statement, streamsProperties: properties },
    { headers: { Accept: 'application/vnd.ksql.v1+json' } });
}

// Runs a query through POST /query-stream with the delimited framing: one JSON value per line,
// the header object first, then one array per row. Rows are handed over as they arrive, so a push
// query's rows show live. Returns {done: Promise, close()}; close() ends the query on the server
// (POST /close-query) and stops reading.
export function queryStream(sql, properties, { onHeader, onRow, onError, onEnd }) {
  const abort = new AbortController();
  let queryId = null;
  let closed = false;

  const done = (async () => {
    let res;
    try {
      res = await fetch('/api/sql/query-stream', {
        method: 'POST',
        signal: abort.signal,
        headers: { 'Content-Type': 'application/json', Accept: 'application/vnd.ksqlapi.delimited.v1' },
        body: JSON.stringify({ sql, properties: properties || {} }),
      });
      if (!res.ok) {
        const text = await res.text();
        let body = null;
        try { body = JSON.parse(text); } catch { /* not JSON */ }
        throw new ApiError(res.status, errorMessage(res.status, body, text), body);
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += decoder.decode(value, { stream: true });
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          handleLine(buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
        }
      }
      handleLine(buffer + decoder.decode());
      onEnd && onEnd({ closed });
    } catch (e) {
      if (closed || e.name === 'AbortError') onEnd && onEnd({ closed: true });
      else if (onError) onError(e);
      else throw e;
    }
  })();

  function handleLine(line) {
    line = line.trim();
    if (!line) return;
    let v;
    try { v = JSON.parse(line); } catch { return; }
    if (Array.isArray(v)) onRow && onRow(v);
    else if (v && v.queryId !== undefined) { queryId = v.queryId; onHeader && onHeader(v); }
    else if (v && (v['@type'] || v.message)) onError && onError(new ApiError(200, v.message || JSON.stringify(v), v));
  }

  return {
    done,
    get queryId() { return queryId; },
    async close() {
      if (closed) return;
      closed = true;
      if (queryId) {
        try { await api('POST', '/api/sql/close-query', { queryId }); } catch { /* already gone */ }
      }
      abort.abort();
    },
  };
}

// A pull query's {columns, rows} (header and every row) through /query-stream.
export async function pullQuery(sql) {
  const out = { columns: [], types: [], rows: [] };
  let failure = null;
  const q = queryStream(sql, {}, {
    onHeader: hd => { out.columns = hd.columnNames || []; out.types = hd.columnTypes || []; },
    onRow: r => out.rows.push(r),
    onError: e => { failure = e; },
  });
  await q.done;
  if (failure) throw failure;
  return out;
}

// ---- Connect (Kafka Connect REST through /api/connect) ----
export const connect = {
  list: () => get('/api/connect/connectors?expand=status&expand=info'),
  plugins: () => get('/api/connect/connector-plugins'),
  pluginConfig: cls => get('/api/connect/connector-plugins/' + enc(cls) + '/config'),
  create: (name, config) => api('POST', '/api/connect/connectors', { name, config }),
  pause: name => api('PUT', `/api/connect/connectors/${enc(name)}/pause`),
  resume: name => api('PUT', `/api/connect/connectors/${enc(name)}/resume`),
  restart: name => api('POST', `/api/connect/connectors/${enc(name)}/restart?includeTasks=true&onlyFailed=false`),
  remove: name => api('DELETE', `/api/connect/connectors/${enc(name)}`),
};
