// The console's single page: hash routes (#/topics/payments) map to one module per page. A page's
// render(container, params) may return a cleanup function (timers, live streams) that runs when
// the user leaves it.
import { h, clear } from './ui.js';
import { get } from './api.js';
import * as overview from './pages/overview.js';
import * as topics from './pages/topics.js';
import * as topic from './pages/topic.js';
import * as groups from './pages/groups.js';
import * as group from './pages/group.js';
import * as connectors from './pages/connectors.js';
import * as sql from './pages/sql.js';
import * as charts from './pages/charts.js';

const routes = [
  [/^\/?$/, overview, 'overview'],
  [/^\/overview$/, overview, 'overview'],
  [/^\/topics$/, topics, 'topics'],
  [/^\/topics\/([^/]+)(?:\/(\w+))?$/, topic, 'topics', m => ({ name: decodeURIComponent(m[1]), tab: m[2] })],
  [/^\/groups$/, groups, 'groups'],
  [/^\/groups\/([^/]+)$/, group, 'groups', m => ({ id: decodeURIComponent(m[1]) })],
  [/^\/connectors$/, connectors, 'connectors'],
  [/^\/sql$/, sql, 'sql'],
  [/^\/charts$/, charts, 'charts'],
];

let cleanup = null;

async function show() {
  const hash = location.hash.replace(/^#/, '');
  const [path, query] = hash.split('?');
  if (cleanup) {
    try { cleanup(); } catch (e) { console.warn(e); }
    cleanup = null;
  }
  const page = document.getElementById('page');
  clear(page);
  const match = routes.map(([re, mod, nav, params]) => [path.match(re), mod, nav, params]).find(([m]) => m);
  if (!match) {
    page.append(h('div', { class: 'empty' }, 'No such page: ', h('code', {}, hash), '. ', h('a', { href: '#/overview' }, 'Overview')));
    return;
  }
  const [m, mod, nav, params] = match;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.route === nav);
  const args = { ...(params ? params(m) : {}), query: new URLSearchParams(query || '') };
  const container = h('div', { class: 'page page-' + nav, 'data-page': nav });
  page.append(container);
  try {
    const result = await mod.render(container, args);
    if (typeof result === 'function') cleanup = result;
  } catch (e) {
    container.append(h('div', { class: 'alert error' }, 'This page failed to load: ' + e.message));
  }
}

async function showClusterId() {
  try {
    const o = await get('/api/overview');
    const el = document.getElementById('cluster-id');
    el.textContent = (o.cluster && o.cluster.bootstrap) ? 'bootstrap ' + o.cluster.bootstrap : '';
  } catch { /* the overview page shows the error */ }
}

window.addEventListener('hashchange', show);
show();
showClusterId();
