// "Produce message": a test record with a key, a value and headers, sent through the console API.
import { h, modal, field, keyValueRows, toast, parseJsonish } from '../ui.js';
import { api, enc } from '../api.js';

export function produceDialog(topic, partitions, onProduced) {
  const partition = h('select', { 'data-testid': 'produce-partition' },
    h('option', { value: '' }, 'By key (default partitioner)'),
    Array.from({ length: partitions }, (_, i) => h('option', { value: String(i) }, 'Partition ' + i)));
  const key = h('input', { placeholder: 'key (empty for null)', 'data-testid': 'produce-key' });
  const value = h('textarea', { rows: 8, class: 'mono', placeholder: '{"hello": "world"}', 'data-testid': 'produce-value' });
  const headers = keyValueRows([], { keyPlaceholder: 'header' });
  const format = h('button', { class: 'link', onclick: () => {
    const parsed = parseJsonish(value.value);
    if (parsed === undefined) toast('The value is not JSON', 'error');
    else value.value = JSON.stringify(parsed, null, 2);
  } }, 'format JSON');
  const body = h('div', { class: 'form' },
    field('Partition', partition),
    field('Key', key),
    h('label', { class: 'field' }, h('span', {}, 'Value ', format), value),
    field('Headers', headers.el));
  modal(`Produce to ${topic}`, body, {
    submitLabel: 'Produce', testid: 'produce', wide: true,
    onSubmit: async close => {
      const record = {
        key: key.value === '' ? null : key.value,
        value: value.value,
        headers: headers.values().map(([k, v]) => ({ key: k, value: v })),
      };
      if (partition.value !== '') record.partition = Number(partition.value);
      const out = await api('POST', `/api/topics/${enc(topic)}/messages`, record);
      close();
      toast(`Produced to partition ${out.partition} at offset ${out.offset}`, 'ok');
      onProduced && onProduced(out);
    },
  });
}
