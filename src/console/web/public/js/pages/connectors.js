// Connectors: the state of every connector and task with its error trace; create from a form or
// JSON; pause, resume, restart, delete. Everything goes to Kafka Connect's REST API via /api/connect.
import { h, clear, fill, badge, pageHeader, toast, confirmDanger } from '../ui.js';
import { poll, connect } from '../api.js';
import { createConnectorDialog } from './connector_form.js';

// data-key lets an open <details> stay open across the 3-second refresh.
function trace(text, key, label = 'error trace') {
  if (!text) return null;
  return h('details', { class: 'trace', 'data-key': key }, h('summary', {}, label), h('pre', { 'data-testid': 'connector-trace' }, text));
}

function card(name, entry, refresh) {
  const status = entry.status || {};
  const info = entry.info || {};
  const config = info.config || {};
  const state = (status.connector && status.connector.state) || 'UNKNOWN';
  const tasks = status.tasks || [];
  const act = (label, fn, cls) => h('button', {
    class: 'small ' + (cls || ''), 'data-testid': 'connector-' + label.toLowerCase(),
    onclick: async () => {
      try { await fn(); toast(`${label}: ${name}`, 'ok'); refresh(); } catch (e) { toast(e.message, 'error'); }
    },
  }, label);
  const cls = (config['connector.class'] || '').split('.').pop();
  const topics = config['kafka.topic'] || config.topic || config.topics || config['topics.regex'] || '';
  return h('article', { class: 'connector', 'data-testid': 'connector-card', 'data-name': name },
    h('header', {},
      h('div', {},
        h('h3', { 'data-testid': 'connector-name' }, name),
        h('div', { class: 'muted small' }, [status.type || info.type, cls, topics ? 'topic ' + topics : null,
          status.connector && status.connector.worker_id ? 'worker ' + status.connector.worker_id : null].filter(Boolean).join(' · '))),
      badge(state, 'connector-state')),
    trace(status.connector && status.connector.trace, name + '/trace'),
    h('div', { class: 'tasks' }, tasks.length
      ? tasks.map(t => h('div', { class: 'task', 'data-testid': 'connector-task' },
        h('span', { class: 'muted' }, `task ${t.id}`), badge(t.state, 'task-state'),
        t.trace ? trace(t.trace, `${name}/task-${t.id}`, 'task error trace') : null))
      : h('span', { class: 'muted small' }, 'no tasks')),
    h('details', { class: 'config', 'data-key': name + '/config' }, h('summary', {}, 'config'),
      h('table', { class: 'grid compact' }, h('tbody', {}, Object.entries(config).sort().map(([k, v]) =>
        h('tr', {}, h('td', { class: 'mono' }, k), h('td', { class: 'mono' }, v)))))),
    h('footer', {},
      state === 'PAUSED' || state === 'STOPPED'
        ? act('Resume', () => connect.resume(name))
        : act('Pause', () => connect.pause(name)),
      act('Restart', () => connect.restart(name)),
      h('button', { class: 'small danger-text', 'data-testid': 'connector-delete',
        onclick: () => confirmDanger('Delete connector', `Delete connector ${name}? Its offsets stay in the offsets topic.`,
          async () => { await connect.remove(name); toast(`Deleted ${name}`, 'ok'); refresh(); }) }, 'Delete')));
}

export async function render(root) {
  let refresh = () => {};
  root.append(pageHeader('Connectors', 'Kafka Connect: every connector and task; refreshed every 3 seconds.',
    h('button', { class: 'primary', 'data-testid': 'connector-create-open', onclick: () => createConnectorDialog(() => refresh()) }, 'New connector')));
  const summary = h('div', { class: 'summary-badges' });
  const list = h('div', { class: 'connector-list', 'data-testid': 'connector-list' });
  root.append(summary, list);
  refresh = async () => {
    let all;
    try {
      all = await connect.list();
    } catch (e) {
      fill(list, h('div', { class: 'alert error' }, e.status === 503 ? 'The Connect service is not running.' : 'Cannot list connectors: ' + e.message));
      return;
    }
    const names = Object.keys(all || {}).sort();
    const counts = {};
    for (const n of names) {
      const s = ((all[n].status || {}).connector || {}).state || 'UNKNOWN';
      counts[s] = (counts[s] || 0) + 1;
    }
    fill(summary, Object.entries(counts).map(([s, c]) => h('span', {}, badge(s), ' ', c)));
    const open = new Set([...list.querySelectorAll('details[open]')].map(d => d.dataset.key));
    fill(list, names.length ? names.map(n => card(n, all[n], refresh))
      : h('div', { class: 'empty' }, 'No connectors yet. Create one with “New connector”.'));
    for (const d of list.querySelectorAll('details')) if (open.has(d.dataset.key)) d.open = true;
  };
  return poll(refresh, 3000);
}
