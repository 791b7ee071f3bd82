// "New connector": a form (name, class from the installed plugins, config rows with the plugin's
// keys suggested) or the raw JSON that POST /connectors takes.
import { h, modal, field, keyValueRows, toast } from '../ui.js';
import { connect } from '../api.js';

const CONVERTERS = [
  ['key.converter', 'org.apache.kafka.connect.storage.StringConverter'],
  ['value.converter', 'org.apache.kafka.connect.json.JsonConverter'],
  ['value.converter.schemas.enable', 'false'],
];

export async function createConnectorDialog(onCreated) {
  let plugins = [];
  try { plugins = (await connect.plugins()).filter(p => p.type === 'source' || p.type === 'sink'); } catch (e) {
    toast('Cannot list connector plugins: ' + e.message, 'error');
  }
  const name = h('input', { placeholder: 'payments-gen', 'data-testid': 'connector-form-name' });
  const cls = h('select', { 'data-testid': 'connector-form-class' },
    plugins.map(p => h('option', { value: p.class }, `${p.class.split('.').pop()} (${p.type})`)));
  const keys = h('datalist', { id: 'connector-config-keys' });
  const rows = keyValueRows(CONVERTERS, { keyPlaceholder: 'config key', datalist: 'connector-config-keys' });
  const docs = h('div', { class: 'muted small plugin-docs' });
  const loadKeys = async () => {
    keys.replaceChildren();
    docs.textContent = '';
    if (!cls.value) return;
    try {
      const defs = await connect.pluginConfig(cls.value);
      keys.append(...defs.map(d => h('option', { value: d.name }, d.documentation || '')));
      const required = defs.filter(d => d.required);
      if (required.length) docs.textContent = 'Required: ' + required.map(d => d.name).join(', ');
      for (const d of required) if (!rows.values().some(([k]) => k === d.name)) rows.add(d.name, d.default_value || '');
    } catch { /* suggestions are optional */ }
  };
  cls.addEventListener('change', loadKeys);
  loadKeys();

  const raw = h('textarea', { rows: 16, class: 'mono', 'data-testid': 'connector-form-json' });
  const formPane = h('div', { class: 'form' }, field('Name', name), field('Connector class', cls), field('Config', rows.el), docs, keys);
  const jsonPane = h('div', { class: 'form', hidden: true },
    field('POST /connectors body', raw, '{"name": "...", "config": {"connector.class": "...", ...}}'));
  const current = () => ({ name: name.value.trim(), config: { 'connector.class': cls.value, ...Object.fromEntries(rows.values()) } });
  const modeForm = h('button', { class: 'seg active' }, 'Form');
  const modeJson = h('button', { class: 'seg', 'data-testid': 'connector-form-json-mode' }, 'JSON');
  modeForm.addEventListener('click', () => { jsonPane.hidden = true; formPane.hidden = false; modeForm.classList.add('active'); modeJson.classList.remove('active'); });
  modeJson.addEventListener('click', () => {
    raw.value = JSON.stringify(current(), null, 2);
    jsonPane.hidden = false; formPane.hidden = true; modeJson.classList.add('active'); modeForm.classList.remove('active');
  });

  modal('New connector', h('div', {}, h('div', { class: 'segmented' }, modeForm, modeJson), formPane, jsonPane), {
    submitLabel: 'Create', testid: 'connector-form', wide: true,
    onSubmit: async close => {
      let body = current();
      if (!jsonPane.hidden) {
        try { body = JSON.parse(raw.value); } catch (e) { throw new Error('The JSON does not parse: ' + e.message); }
      }
      if (!body.name) throw new Error('A connector needs a name.');
      await connect.create(body.name, body.config || {});
      close();
      toast(`Connector ${body.name} created`, 'ok');
      onCreated && onCreated();
    },
  });
}
