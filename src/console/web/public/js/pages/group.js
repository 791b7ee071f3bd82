// One consumer group: members and their assignments, committed offsets and lag per partition;
// reset offsets and delete (both only while the group has no active members, as Kafka requires).
import { h, clear, fill, fmtNum, table, badge, pageHeader, modal, field, toast, confirmDanger } from '../ui.js';
import { api, get, poll, enc } from '../api.js';

function resetDialog(id, topics, onDone) {
  const topic = h('select', { 'data-testid': 'reset-topic' }, h('option', { value: '' }, 'All topics of the group'),
    topics.map(t => h('option', { value: t }, t)));
  const to = h('select', { 'data-testid': 'reset-to' }, ['earliest', 'latest', 'offset', 'timestamp'].map(v => h('option', { value: v }, v)));
  const offset = h('input', { type: 'number', min: 0, value: 0 });
  const time = h('input', { type: 'datetime-local', step: 1 });
  const offsetField = field('Offset', offset);
  const timeField = field('Time', time, 'The first record at or after this time');
  const sync = () => { offsetField.hidden = to.value !== 'offset'; timeField.hidden = to.value !== 'timestamp'; };
  to.addEventListener('change', sync);
  sync();
  modal(`Reset offsets of ${id}`, h('div', { class: 'form' }, field('Topic', topic), field('Reset to', to), offsetField, timeField,
    h('p', { class: 'muted small' }, 'The group must have no active members (stop its consumers first).')), {
    submitLabel: 'Reset', testid: 'reset',
    onSubmit: async close => {
      const body = { to: to.value };
      if (topic.value) body.topic = topic.value;
      if (to.value === 'offset') body.offset = Number(offset.value);
      if (to.value === 'timestamp') body.timestamp = time.value ? new Date(time.value).getTime() : Date.now();
      const out = await api('POST', `/api/groups/${enc(id)}/reset`, body);
      close();
      toast(`Reset ${(out.offsets || []).length} partitions`, 'ok');
      onDone();
    },
  });
}

function lagBar(lag, max) {
  const pct = max > 0 ? Math.max(2, 100 * lag / max) : 0;
  return h('span', { class: 'lag-cell' }, h('span', { class: 'lag-bar' }, h('span', { style: { width: (lag > 0 ? pct : 0) + '%' } })),
    h('span', { class: lag > 0 ? 'lag' : '' }, fmtNum(lag)));
}

export async function render(root, { id }) {
  const header = h('div');
  const members = h('section', { class: 'panel' }, h('h2', {}, 'Members'));
  const offsets = h('section', { class: 'panel' }, h('h2', {}, 'Committed offsets and lag'));
  const membersBody = h('div');
  const offsetsBody = h('div');
  members.append(membersBody);
  offsets.append(offsetsBody);
  root.append(header, offsets, members);
  let g = null;

  const refresh = async () => {
    try {
      g = await get('/api/groups/' + enc(id));
    } catch (e) {
      fill(header, pageHeader([h('a', { href: '#/groups', class: 'crumb' }, 'Consumer groups'), ' / ', id]),
        h('div', { class: 'alert error' }, e.message));
      return;
    }
    const totalLag = (g.offsets || []).reduce((n, o) => n + (o.lag > 0 ? o.lag : 0), 0);
    const topics = [...new Set((g.offsets || []).map(o => o.topic))].sort();
    fill(header, pageHeader(
      [h('a', { href: '#/groups', class: 'crumb' }, 'Consumer groups'), ' / ', h('span', { 'data-testid': 'group-id' }, id)],
      [badge(g.state, 'group-state'), `  ${g.protocol_type || ''} ${g.protocol ? '· ' + g.protocol : ''} · ${(g.members || []).length} members · lag ${fmtNum(totalLag)}`],
      h('button', { 'data-testid': 'reset-open', onclick: () => resetDialog(id, topics, refresh) }, 'Reset offsets'),
      h('button', { class: 'danger-outline', onclick: () => confirmDanger('Delete group', `Delete group ${id} and its committed offsets?`,
        async () => { await api('DELETE', '/api/groups/' + enc(id)); toast(`Group ${id} deleted`, 'ok'); location.hash = '#/groups'; }) }, 'Delete group')));
    const max = Math.max(0, ...(g.offsets || []).map(o => o.lag || 0));
    const memberOf = Object.fromEntries((g.members || []).map(m => [m.member_id, m.client_id]));
    fill(offsetsBody, table([
      { title: 'Topic', render: o => h('a', { href: '#/topics/' + enc(o.topic) }, o.topic) },
      { title: 'Partition', class: 'num', render: o => String(o.partition) },
      { title: 'Committed', class: 'num', render: o => (o.committed < 0 ? '–' : fmtNum(o.committed)) },
      { title: 'End offset', class: 'num', render: o => fmtNum(o.end_offset) },
      { title: 'Lag', render: o => lagBar(o.lag || 0, max) },
      { title: 'Consumer', render: o => (o.member_id ? (memberOf[o.member_id] || o.member_id) : h('span', { class: 'muted' }, 'unassigned')) },
    ], [...(g.offsets || [])].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition),
    { testid: 'group-offsets', empty: 'No committed offsets.' }));
    fill(membersBody, table([
      { title: 'Client id', render: m => m.client_id },
      { title: 'Host', render: m => m.host },
      { title: 'Member id', render: m => h('code', { class: 'small' }, m.member_id) },
      { title: 'Assignment', render: m => (m.assignments || []).map(a => h('span', { class: 'chip' }, `${a.topic}-${a.partition}`)) },
    ], g.members || [], { testid: 'group-members', empty: 'No active members.' }));
  };
  return poll(refresh, 3000);
}
