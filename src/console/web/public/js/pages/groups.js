// Consumer groups: state, members and total lag of each.
import { h, clear, fill, fmtNum, table, badge, pageHeader } from '../ui.js';
import { get, poll, enc } from '../api.js';

export async function render(root) {
  const filter = h('input', { type: 'search', placeholder: 'Filter groups', class: 'filter', 'data-testid': 'group-filter' });
  root.append(pageHeader('Consumer groups', 'Committed offsets and lag; refreshed every 3 seconds.'),
    h('div', { class: 'toolbar' }, filter));
  const list = h('div', { class: 'panel flush' });
  root.append(list);
  let groups = [];
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const rows = groups.filter(g => !q || g.group_id.toLowerCase().includes(q))
      .sort((a, b) => a.group_id.localeCompare(b.group_id));
    fill(list, table([
      { title: 'Group', render: g => h('a', { href: '#/groups/' + enc(g.group_id), 'data-testid': 'group-link' }, g.group_id) },
      { title: 'State', render: g => badge(g.state || 'Unknown', 'group-state') },
      { title: 'Protocol', render: g => g.protocol_type || '–' },
      { title: 'Members', class: 'num', render: g => fmtNum(g.members) },
      { title: 'Lag', class: 'num', render: g => h('span', { class: g.lag > 0 ? 'lag' : '' }, fmtNum(g.lag)) },
    ], rows, { testid: 'group-table', empty: 'No consumer groups.',
      rowAttrs: g => ({ 'data-testid': 'group-row', 'data-group': g.group_id }) }));
  };
  filter.addEventListener('input', draw);
  return poll(async () => {
    try {
      groups = (await get('/api/groups')).groups || [];
      draw();
    } catch (e) {
      fill(list, h('div', { class: 'alert error' }, 'Cannot list groups: ' + e.message));
    }
  }, 3000);
}
