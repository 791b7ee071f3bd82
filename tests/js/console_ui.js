// Drives the web console in headless Chromium (Debian's /usr/bin/chromium through playwright-core)
// and checks what a user sees: the topic list, the message browser with headers, a push query
// streaming rows as they arrive, a RUNNING connector. Writes a screenshot of every page.
//
//   node console_ui.js <console url> '<json: {topic, key, headerKey, headerValue, stream, connector, shots}>'
//
// Exits non-zero on the first failed check (the Python test then fails).
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

const base = process.argv[2].replace(/\/$/, '');
const opts = JSON.parse(process.argv[3]);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 20000;

function check(cond, what) {
  if (!cond) throw new Error('check failed: ' + what);
  console.log('ok: ' + what);
}

async function shot(page, name) {
  const file = path.join(opts.shots, `console-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log('screenshot: ' + file);
}

async function topicList(page) {
  await page.goto(base + '/#/topics');
  const row = page.locator(`[data-testid=topic-row][data-topic="${opts.topic}"]`);
  await row.waitFor();
  check((await row.locator('[data-testid=topic-link]').innerText()).trim() === opts.topic, `topic list shows ${opts.topic}`);
  await shot(page, 'topics');
}

async function messageBrowser(page) {
  await page.locator(`[data-testid=topic-row][data-topic="${opts.topic}"] [data-testid=topic-link]`).click();
  await page.locator('[data-testid=topic-name]').waitFor();
  check(page.url().includes('#/topics/' + opts.topic), 'the topic link opens the topic page');
  // The record the Python side produced, read from the start of the topic.
  await page.selectOption('[data-testid=browse-from]', 'beginning');
  const row = page.locator('[data-testid=message-row]', { has: page.locator('[data-testid=message-key]', { hasText: opts.key }) });
  await row.first().waitFor();
  const headers = await row.first().locator('[data-testid=message-headers]').innerText();
  check(headers.includes(opts.headerKey) && headers.includes(opts.headerValue),
    `the message browser shows the record ${opts.key} with header ${opts.headerKey}: ${opts.headerValue} (saw "${headers}")`);
  check((await row.first().locator('[data-testid=message-value]').innerText()).includes(opts.valueText), 'the record value is shown');
  // Opening the record pretty-prints its JSON value and lists every header.
  await row.first().click();
  const detail = page.locator('[data-testid=message-detail]');
  await detail.waitFor();
  const pretty = await detail.locator('pre.json').first().innerText();
  check(pretty.includes('\n') && pretty.includes(`"${opts.valueField}"`), 'the opened record shows its value as pretty-printed JSON');
  const table = await detail.locator('[data-testid=message-header-table]').innerText();
  check(table.includes(opts.headerKey) && table.includes(opts.headerValue), 'the opened record lists its headers');
  await shot(page, 'messages');
  // Search in headers: only the matching record stays.
  await page.fill('[data-testid=browse-search]', opts.headerValue);
  await page.click('[data-testid=browse-fetch]');
  await page.waitForFunction(() => /matching/.test(document.querySelector('[data-testid=browse-status]').textContent));
  const keys = await page.locator('[data-testid=message-key]').allInnerTexts();
  check(keys.length >= 1 && keys.every(k => k.includes(opts.key)), `a search for the header value finds only ${opts.key} (saw ${keys})`);

  // Live tail: a record produced from the page's form after the tail started shows up on top.
  await page.fill('[data-testid=browse-search]', '');
  await page.click('[data-testid=tail-toggle]');
  await page.waitForFunction(() => /live/.test(document.querySelector('[data-testid=browse-status]').textContent));
  let tailed = false;
  for (let i = 0; !tailed && i < 5; i++) {
    await produceFromForm(page, `tail-${i}`, JSON.stringify({ gateway: 'tail-gateway', amount: i }));
    try {
      await page.locator('[data-testid=message-key]', { hasText: /^tail-\d+$/ }).first().waitFor({ timeout: 4000 });
      tailed = true;
    } catch { /* produce another one */ }
  }
  check(tailed, 'the live tail shows a record produced after it started');
  await page.click('[data-testid=tail-toggle]');
}

// Produces one record through the page's own "Produce message" form.
async function produceFromForm(page, key, value) {
  await page.click('[data-testid=produce-open]');
  await page.fill('[data-testid=produce-key]', key);
  await page.fill('[data-testid=produce-value]', value);
  await page.click('[data-testid=produce-submit]');
  await page.locator('[data-testid=produce]').waitFor({ state: 'detached' });
}

async function pushQuery(context, page) {
  await page.goto(base + '/#/sql');
  const editor = page.locator('[data-testid=sql-editor]');
  await editor.fill(`SELECT * FROM ${opts.stream} EMIT CHANGES;`);
  await editor.press('Control+Enter');
  await page.locator('[data-testid=sql-result-table]').waitFor();
  await page.waitForFunction(() => /streaming/.test(document.querySelector('.result-head').textContent));
  check(await page.locator('[data-testid=sql-row]').count() === 0, 'the push query starts with no rows (latest)');

  // Rows produced after the query started, from a second tab's produce form, must show up live.
  const producer = await context.newPage();
  producer.setDefaultTimeout(TIMEOUT);
  await producer.goto(`${base}/#/topics/${encodeURIComponent(opts.topic)}`);
  await producer.locator('[data-testid=produce-open]').waitFor();
  const deadline = Date.now() + 40000;
  let seen = null;
  for (let i = 0; !seen && Date.now() < deadline; i++) {
    const id = `live-${i}`;
    await produceFromForm(producer, id, JSON.stringify({ gateway: 'ui-gateway', amount: 10 + i }));
    try {
      await page.locator('[data-testid=sql-row]', { hasText: 'ui-gateway' }).first().waitFor({ timeout: 3000 });
      seen = await page.locator('[data-testid=sql-row]').allInnerTexts();
    } catch { /* not yet: produce another one */ }
  }
  check(seen && seen.some(r => /live-\d+/.test(r) && r.includes('ui-gateway')),
    `the push query shows rows produced after it started (saw ${JSON.stringify(seen)})`);
  await producer.close();
  await shot(page, 'sql');
  await page.click('[data-testid=sql-stop]');
  await page.waitForFunction(() => /stopped|complete/.test(document.querySelector('.result-head').textContent));
  check(true, 'Stop ends the push query');
}

async function connectors(page) {
  await page.goto(base + '/#/connectors');
  const card = page.locator(`[data-testid=connector-card][data-name="${opts.connector}"]`);
  await card.waitFor();
  await page.waitForFunction(name => {
    const el = document.querySelector(`[data-testid=connector-card][data-name="${name}"] [data-testid=connector-state]`);
    return el && el.textContent.trim() === 'RUNNING';
  }, opts.connector);
  check((await card.locator('[data-testid=connector-state]').innerText()).trim() === 'RUNNING', `connector ${opts.connector} shows RUNNING`);
  const tasks = await card.locator('[data-testid=task-state]').allInnerTexts();
  check(tasks.length >= 1 && tasks.every(t => t.trim() === 'RUNNING'), `its tasks show RUNNING (${tasks})`);
  await shot(page, 'connectors');
}

async function overviewAndCharts(page) {
  await page.goto(base + '/#/overview');
  await page.locator('[data-testid=overview-topics]').waitFor();
  const topics = Number((await page.locator('[data-testid=overview-topics]').innerText()).replace(/\D/g, ''));
  check(topics >= 1, `the overview counts topics (${topics})`);
  await page.waitForTimeout(2500);  // two samples, so the throughput chart has a line
  await shot(page, 'overview');
  await page.goto(base + '/#/charts');
  await page.locator('[data-testid=throughput-chart] canvas').waitFor();
  check(true, 'the charts page draws the throughput chart');
  await page.waitForTimeout(1500);
  await shot(page, 'charts');
}

(async () => {
  fs.mkdirSync(opts.shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const errors = [];
  let page = null;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', e => errors.push(e.message));
    await topicList(page);
    await messageBrowser(page);
    await pushQuery(context, page);
    await connectors(page);
    await overviewAndCharts(page);
    check(errors.length === 0, `no script errors on the pages (${errors.join('; ')})`);
  } catch (e) {
    // What the page looked like when the check failed is the most useful artifact.
    if (page) await shot(page, 'failure').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
})().then(() => console.log('console ui: all checks passed'), e => {
  console.error(e.stack || String(e));
  process.exit(1);
});
