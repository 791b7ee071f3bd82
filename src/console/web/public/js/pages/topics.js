// Topics: the list with partitions, messages, sizes and rates; create and delete.
import { h, clear, fill, fmtNum, fmtRate, fmtBytes, table, pageHeader, modal, field, keyValueRows, toast, confirmDanger } from '../ui.js';
import { api, get, poll, enc } from '../api.js';

const COMMON_CONFIGS = ['cleanup.policy', 'retention.ms', 'retention.bytes', 'segment.bytes', 'segment.ms',
  'max.message.bytes', 'min.compaction.lag.ms', 'delete.retention.ms', 'message.timestamp.type'];

export function createTopicDialog(onCreated) {
  const name = h('input', { placeholder: 'orders', 'data-testid': 'create-topic-name' });
  const partitions = h('input', { type: 'number', min: 1, value: 3, 'data-testid': 'create-topic-partitions' });
  const replication = h('input', { type: 'number', min: 1, value: 1 });
  const configs = keyValueRows([['cleanup.policy', 'delete']], { keyPlaceholder: 'config', datalist: 'topic-config-names' });
  const body = h('div', { class: 'form' },
    field('Name', name),
    h('div', { class: 'row' }, field('Partitions', partitions), field('Replication factor', replication)),
    field('Configs', configs.el, 'Kafka topic configs, e.g. cleanup.policy=compact or retention.ms'),
    h('datalist', { id: 'topic-config-names' }, COMMON_CONFIGS.map(c => h('option', { value: c }))));
  modal('Create topic', body, {
    submitLabel: 'Create', testid: 'create-topic',
    onSubmit: async close => {
      if (!name.value.trim()) throw new Error('A topic needs a name.');
      await api('POST', '/api/topics', {
        name: name.value.trim(),
        partitions: Number(partitions.value),
        replication_factor: Number(replication.value),
        configs: Object.fromEntries(configs.values()),
      });
      close();
      toast(`Topic ${name.value.trim()} created`, 'ok');
      onCreated && onCreated(name.value.trim());
    },
  });
}

export function deleteTopic(name, onDeleted) {
  confirmDanger('Delete topic', [`Delete topic `, h('b', {}, name), ` and every record in it? This cannot be undone.`],
    async () => {
      await api('DELETE', '/api/topics/' + enc(name));
      toast(`Topic ${name} deleted`, 'ok');
      onDeleted && onDeleted();
    });
}

export async function render(root) {
  const filter = h('input', { type: 'search', placeholder: 'Filter topics', 'data-testid': 'topic-filter', class: 'filter' });
  const internal = h('input', { type: 'checkbox', 'data-testid': 'show-internal' });
  let refresh = () => {};
  root.append(pageHeader('Topics', null,
    h('button', { class: 'primary', 'data-testid': 'create-topic-open', onclick: () => createTopicDialog(() => refresh()) }, 'Create topic')));
  const toolbar = h('div', { class: 'toolbar' }, filter, h('label', { class: 'check' }, internal, ' show internal topics'));
  const list = h('div', { class: 'panel flush' });
  const summary = h('div', { class: 'muted small' });
  root.append(toolbar, list, summary);

  let topics = [];
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const rows = topics.filter(t => (internal.checked || !t.internal) && (!q || t.name.toLowerCase().includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name));
    fill(list, table([
      { title: 'Name', render: t => [h('a', { href: '#/topics/' + enc(t.name), 'data-testid': 'topic-link' }, t.name),
        t.internal ? h('span', { class: 'tag' }, 'internal') : null] },
      { title: 'Partitions', class: 'num', render: t => fmtNum(t.partitions) },
      { title: 'Replication', class: 'num', render: t => fmtNum(t.replication_factor) },
      { title: 'Messages', class: 'num', render: t => fmtNum(t.messages) },
      // Sizes are unknown (-1) when the cluster does not report them: no column then.
      rows.some(t => t.size_bytes >= 0) ? { title: 'Size', class: 'num', render: t => fmtBytes(t.size_bytes) } : null,
      { title: 'In/s', class: 'num', render: t => fmtRate(t.records_in_per_sec) },
      { title: '', class: 'actions-cell', render: t => h('button', { class: 'small ghost danger-text', title: 'Delete topic',
        'data-testid': 'topic-delete', onclick: () => deleteTopic(t.name, () => refresh()) }, 'Delete') },
    ].filter(Boolean), rows, { testid: 'topic-table', empty: q ? 'No topic matches the filter.' : 'No topics yet.',
      rowAttrs: t => ({ 'data-testid': 'topic-row', 'data-topic': t.name }) }));
    const hidden = topics.filter(t => t.internal).length;
    summary.textContent = `${rows.length} of ${topics.length} topics shown` + (!internal.checked && hidden ? ` (${hidden} internal hidden)` : '');
  };
  filter.addEventListener('input', draw);
  internal.addEventListener('change', draw);

  refresh = async () => {
    try {
      topics = (await get('/api/topics')).topics || [];
      draw();
    } catch (e) {
      fill(list, h('div', { class: 'alert error' }, 'Cannot list topics: ' + e.message));
    }
  };
  return poll(refresh, 5000);
}
