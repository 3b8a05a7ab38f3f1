#!/usr/bin/env node
// End-to-end test of the dashboard in headless Chromium (Debian's), driven by
// playwright-core from web/node_modules.
//
//   node tests/e2e/dashboard.test.mjs CRONISTA ARTEFACT_DIR
//   node tests/e2e/dashboard.test.mjs --url http://127.0.0.1:8080 ARTEFACT_DIR   (a running server)
//
// With a binary it ingests examples/ into a temporary SQLite file
// (`cronista ingest examples --db TMP.db`), serves it with
// `cronista serve --db TMP.db --listen 127.0.0.1:PORT` on a free port, waits for
// /api/health, then checks the dashboard as a reader would use it, taking
// screenshots into ARTEFACT_DIR. Any console error or page error fails the test.
// The server is always stopped at the end.
//
// Exit status: 0 passed, 1 failed, 77 skipped (no Chromium, or web/node_modules
// missing: run scripts/web_assets.sh). Environment: CHROMIUM (default
// /usr/bin/chromium), E2E_TIMEOUT_MS (whole run, default 180000).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SKIP = 77;

function usage(message) {
  if (message) console.error(`dashboard.test: ${message}`);
  console.error('usage: node tests/e2e/dashboard.test.mjs CRONISTA ARTEFACT_DIR\n'
    + '       node tests/e2e/dashboard.test.mjs --url http://HOST:PORT ARTEFACT_DIR');
  process.exit(2);
}

const argv = process.argv.slice(2);
let baseUrl = null;
let cronista = null;
let outDir = null;
for (let i = 0; i < argv.length; i += 1) {
  if (argv[i] === '--url') baseUrl = argv[++i];
  else if (argv[i] === '-h' || argv[i] === '--help') usage();
  else if (!baseUrl && !cronista) cronista = argv[i];
  else if (!outDir) outDir = argv[i];
  else usage(`unexpected argument ${argv[i]}`);
}
if (!outDir || (!baseUrl && !cronista)) usage('missing arguments');
outDir = path.resolve(outDir);

// ------------------------------------------------------------- skip checks

const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  console.log(`SKIP: no Chromium at ${chromiumPath} (apt-get install chromium, or scripts/setup.sh)`);
  process.exit(SKIP);
}
let chromium;
try {
  const require = createRequire(path.join(root, 'web', 'package.json'));
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.log(`SKIP: playwright-core is not installed in web/node_modules (run scripts/web_assets.sh): ${e.message}`);
  process.exit(SKIP);
}
if (cronista) {
  cronista = path.resolve(cronista);
  if (!fs.existsSync(cronista)) usage(`no cronista binary at ${cronista}`);
}

fs.mkdirSync(outDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cronista-e2e-'));
const log = (line) => console.log(line);

// --------------------------------------------------------------- clean-up

let server = null;
let context = null;
let finished = false;

function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    try { server.kill('SIGTERM'); } catch (e) { /* already gone */ }
    const pid = server.pid;
    setTimeout(() => { try { process.kill(pid, 'SIGKILL'); } catch (e) { /* gone */ } }, 3000).unref();
  }
}

async function cleanUp() {
  if (context) {
    try { await context.close(); } catch (e) { /* browser gone */ }
    context = null;
  }
  stopServer();
  if (server && server.exitCode === null && server.signalCode === null) {
    await new Promise((resolve) => {
      const t = setTimeout(resolve, 4000);
      server.once('exit', () => { clearTimeout(t); resolve(); });
    });
  }
  try { fs.rmSync(tmp, { recursive: true, force: true }); } catch (e) { /* best effort */ }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopServer();
    process.exit(1);
  });
}
process.on('exit', stopServer);

const watchdog = setTimeout(async () => {
  console.log(`not ok - the test did not finish within ${process.env.E2E_TIMEOUT_MS || 180000} ms`);
  stopServer();
  process.exit(1);
}, Number(process.env.E2E_TIMEOUT_MS) || 180000);
watchdog.unref();

// ------------------------------------------------------------------ server

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, proc, ms) {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    if (proc && (proc.exitCode !== null || proc.signalCode !== null)) {
      throw new Error(`cronista serve exited (${proc.exitCode ?? proc.signalCode}) before answering`);
    }
    try {
      const r = await fetch(`${url}/api/health`);
      const body = await r.json();
      if (r.ok && body.status === 'ok') return body;
      last = `${r.status} ${JSON.stringify(body)}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`${url}/api/health did not answer ok within ${ms} ms (last: ${last})`);
}

async function startServer() {
  const db = path.join(tmp, 'e2e.db');
  const ingest = spawnSync(cronista, ['ingest', path.join(root, 'examples'), '--db', db], {
    cwd: root, encoding: 'utf8', timeout: 120000,
  });
  fs.writeFileSync(path.join(outDir, 'ingest.log'), `${ingest.stdout || ''}${ingest.stderr || ''}`);
  if (ingest.status !== 0) {
    throw new Error(`cronista ingest failed (${ingest.status ?? ingest.error}): ${(ingest.stderr || '').slice(-2000)}`);
  }
  log(`ok - cronista ingest examples --db ${db}`);
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const logFile = fs.openSync(path.join(outDir, 'serve.log'), 'w');
    server = spawn(cronista, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
      cwd: root, stdio: ['ignore', logFile, logFile],
    });
    fs.closeSync(logFile);
    const url = `http://127.0.0.1:${port}`;
    try {
      const health = await waitForHealth(url, server, 30000);
      log(`ok - cronista serve on ${url}: ${JSON.stringify(health)}`);
      return url;
    } catch (e) {
      stopServer();
      const serveLog = fs.readFileSync(path.join(outDir, 'serve.log'), 'utf8');
      // The port may have been taken between probing and binding: try another.
      if (attempt < 3 && /address|in use|bind/i.test(serveLog)) continue;
      throw new Error(`${e.message}\n--- serve.log ---\n${serveLog.slice(-3000)}`);
    }
  }
}

// ------------------------------------------------------------------- steps

let passed = 0;
let failed = 0;
let page = null;
const problems = []; // console and page errors
let allowedConsole = null; // RegExp of console errors a step expects

async function step(name, fn) {
  const before = problems.length;
  try {
    const detail = await fn();
    const fresh = problems.slice(before);
    if (fresh.length) throw new Error(`console/page errors: ${fresh.join(' | ')}`);
    passed += 1;
    log(`ok - ${name}${detail ? `: ${detail}` : ''}`);
    return true;
  } catch (e) {
    failed += 1;
    log(`not ok - ${name}: ${String(e && e.stack ? e.stack : e).split('\n').slice(0, 4).join('\n    ')}`);
    if (page) {
      const file = path.join(outDir, `failure-${passed + failed}.png`);
      try { await page.screenshot({ path: file, fullPage: true }); log(`    screenshot: ${file}`); } catch (err) { /* page gone */ }
    }
    return false;
  }
}

async function shot(name, selector) {
  const file = path.join(outDir, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
  return file;
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// Reads an ECharts instance's option in the page.
async function chartOption(id) {
  return page.evaluate((elId) => {
    const node = document.getElementById(elId);
    const chart = node && window.echarts && window.echarts.getInstanceByDom(node);
    if (!chart) return null;
    const o = chart.getOption();
    return {
      xAxis: (o.xAxis || []).map((a) => a.data || []),
      series: (o.series || []).map((s) => ({ type: s.type, name: s.name, data: s.data || [], links: s.links || [] })),
    };
  }, id);
}

async function waitForChart(id, predicate, what) {
  const until = Date.now() + 15000;
  let option = null;
  while (Date.now() < until) {
    option = await chartOption(id);
    if (option && predicate(option)) return option;
    await page.waitForTimeout(200);
  }
  const error = await page.locator(`#${id}-view .error`).textContent().catch(() => '');
  throw new Error(`${what} (option: ${JSON.stringify(option).slice(0, 400)}; view error: ${error || 'none'})`);
}

// Every mention, event trigger and quotation of the article shown must cover
// exactly the characters the API says: checks the UTF-16 offsets end to end.
async function checkSpans(doc) {
  return page.evaluate((d) => {
    const bad = [];
    const textOf = (kind, idx) => Array.from(document.querySelectorAll(`#article [data-kind="${kind}"]`))
      .filter((n) => n.dataset.idx.split(' ').includes(String(idx)))
      .map((n) => n.textContent).join('');
    for (const m of d.mentions || []) {
      if (m.end > m.start && textOf('mention', m.idx) !== d.text.slice(m.start, m.end)) bad.push(`mention ${m.idx}`);
      if (m.text && d.text.slice(m.start, m.end) !== m.text) bad.push(`mention ${m.idx} text '${m.text}' vs offsets '${d.text.slice(m.start, m.end)}'`);
    }
    for (const q of d.quotes || []) {
      if (q.end > q.start && textOf('quote', q.idx) !== d.text.slice(q.start, q.end)) bad.push(`quote ${q.idx}`);
    }
    for (const e of d.events || []) {
      if (e.end > e.start && textOf('event', e.idx) !== d.text.slice(e.start, e.end)) bad.push(`event ${e.idx}`);
      if (e.trigger && d.text.slice(e.start, e.end) !== e.trigger) bad.push(`event ${e.idx} trigger '${e.trigger}' vs offsets '${d.text.slice(e.start, e.end)}'`);
    }
    const shown = document.getElementById('article').textContent;
    if (!shown.startsWith(d.text)) bad.push('article text differs from the API text');
    return bad;
  }, doc);
}

// ---------------------------------------------------------------------- run

async function main() {
  if (!baseUrl) baseUrl = await startServer();
  else await waitForHealth(baseUrl, null, 10000);
  baseUrl = baseUrl.replace(/\/$/, '');

  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
  page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (allowedConsole && allowedConsole.test(text)) return;
    problems.push(`console: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    const why = req.failure() ? req.failure().errorText : '';
    // A navigation cancels the old page's pending requests: not a failure.
    if (!/ERR_ABORTED/.test(why)) problems.push(`request failed: ${req.url()} ${why}`);
  });

  await step('dashboard loads with events in the table', async () => {
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await page.waitForSelector('#events-table tbody tr[data-testid="event-row"]');
    const rows = await page.locator('#events-table tbody tr[data-testid="event-row"]').count();
    const total = await page.locator('#events-total').textContent();
    const health = await page.locator('#health').textContent();
    expect(rows > 0, 'no event rows');
    return `${rows} rows, total ${total}; ${health}`;
  });

  await step('timeline drawn with data', async () => {
    const o = await waitForChart('timeline', (opt) => opt.series.some((s) => s.data.some((v) => v !== null && Number(Array.isArray(v) ? v[1] : (v && typeof v === 'object' ? v.value : v)) > 0)),
      'the timeline has no data');
    const bars = o.series.filter((s) => s.type === 'bar');
    const line = o.series.find((s) => s.type === 'line');
    expect(bars.length > 0 && line, 'expected bars and a Goldstein line');
    return `${bars[0].data.length} periods, ${bars.length} bar series + Goldstein mean line`;
  });

  await step('timeline per week', async () => {
    await page.selectOption('#timeline-by', 'week');
    const o = await waitForChart('timeline', (opt) => {
      const line = opt.series.find((s) => s.type === 'line');
      return line && line.data.some((v) => v !== null) && /W\d\d/.test(JSON.stringify(opt));
    }, 'no weekly series');
    await page.selectOption('#timeline-by', 'month');
    await waitForChart('timeline', (opt) => !/W\d\d/.test(JSON.stringify(opt)) && opt.series.length > 0, 'back to months');
    return `${o.series[0].data.length} weeks`;
  });

  await step('network shows the RUS–PRK edge', async () => {
    const o = await waitForChart('network', (opt) => opt.series.some((s) => s.type === 'graph'
      && s.links.some((l) => (l.source === 'RUS' && l.target === 'PRK') || (l.source === 'PRK' && l.target === 'RUS'))),
    'no RUS–PRK link in the network');
    const g = o.series.find((s) => s.type === 'graph');
    return `${g.data.length} nodes, ${g.links.length} edges`;
  });

  await step('map shows event places', async () => {
    const o = await waitForChart('map', (opt) => opt.series.some((s) => s.type === 'scatter' && s.data.length > 0),
      'no points on the map');
    const s = o.series.find((x) => x.type === 'scatter');
    return `${s.data.length} places: ${s.data.slice(0, 6).map((d) => d.name).join(', ')}`;
  });

  await step('quotations grouped by speaker', async () => {
    await page.waitForSelector('#speakers [data-testid="speaker"]');
    await page.waitForSelector('#quotes [data-testid="quote"]');
    const speakers = await page.locator('#speakers [data-testid="speaker"]').count();
    const quotes = await page.locator('#quotes [data-testid="quote"]').count();
    return `${speakers} speakers, ${quotes} quotations of the first`;
  });

  await step('commitments in force on 2024-07-01 list RUS and PRK', async () => {
    await page.fill('#commitments-date', '2024-07-01');
    await page.click('#commitments-apply');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#commitments-table tbody tr[data-testid="commitment"]'))
      .some((tr) => {
        const words = Array.from(tr.cells).flatMap((td) => td.textContent.split(/\s+/));
        return words.includes('RUS') && words.includes('PRK');
      }));
    const row = await page.locator('#commitments-table tbody tr[data-testid="commitment"]').first().innerText();
    return row.replace(/\s+/g, ' ').slice(0, 120);
  });

  await step('full-page screenshot', async () => shot('dashboard'));
  for (const [name, sel] of [['timeline', '#timeline-view'], ['network', '#network-view'], ['map', '#map-view'],
    ['events', '#events-view'], ['quotes', '#quotes-view'], ['commitments', '#commitments-view']]) {
    await step(`screenshot of the ${name} view`, async () => shot(name, sel));
  }

  await step('dyad filter RUS → PRK narrows the table', async () => {
    await page.fill('#f-source', 'RUS');
    await page.fill('#f-target', 'PRK');
    await page.click('#f-apply');
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('#events-table tbody tr[data-testid="event-row"]'));
      return rows.length > 0 && rows.every((tr) => tr.cells[1].textContent.startsWith('RUS') && tr.cells[2].textContent.startsWith('PRK'));
    });
    const rows = await page.locator('#events-table tbody tr[data-testid="event-row"]').count();
    await page.click('#f-reset');
    await page.waitForFunction(() => !document.querySelector('#events-view').classList.contains('loading'));
    return `${rows} RUS → PRK events`;
  });

  let docId = null;
  await step('search "Pyongyang" finds the article', async () => {
    await page.fill('#search', 'Pyongyang');
    await page.press('#search', 'Enter');
    await page.waitForSelector('#search-results [data-testid="search-result"]');
    const titles = await page.locator('#search-results [data-testid="search-result"] .result-title').allTextContents();
    expect(titles.length > 0, 'no results');
    await shot('search', '#search-results');
    return `${titles.length} results: ${titles.join(' | ').slice(0, 160)}`;
  });

  await step('open the article from the search results: highlights and hover titles', async () => {
    const results = page.locator('#search-results [data-testid="search-result"]');
    const n = await results.count();
    let pick = results.first();
    for (let i = 0; i < n; i += 1) {
      const t = await results.nth(i).locator('.result-title').textContent();
      if (/Kim|Putin|Pyongyang/i.test(t)) { pick = results.nth(i); break; }
    }
    docId = await pick.getAttribute('data-doc');
    await pick.locator('.result-title').click();
    await page.waitForSelector('#article .hl-event');
    const counts = {};
    for (const kind of ['event', 'mention', 'quote', 'place']) counts[kind] = await page.locator(`#article .hl-${kind}`).count();
    expect(counts.event > 0 && counts.mention > 0 && counts.quote > 0, `missing highlights ${JSON.stringify(counts)}`);
    const titles = await page.locator('#article .hl-event').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('title') || ''));
    const good = titles.find((t) => /Event \d{2,4}\b/.test(t) && /rule: \S+/.test(t) && /modality: \w+/.test(t));
    expect(good, `no event title with a CAMEO code, modality and rule: ${titles[0]}`);
    const mentionTitle = await page.locator('#article .hl-mention').first().getAttribute('title');
    expect(/actor: /.test(mentionTitle) && /rule: /.test(mentionTitle), `mention title: ${mentionTitle}`);
    const quoteTitle = await page.locator('#article .hl-quote').first().getAttribute('title');
    expect(/speaker: /.test(quoteTitle) && /rule: /.test(quoteTitle), `quote title: ${quoteTitle}`);
    await page.locator('#article .hl-event').first().hover();
    await shot('article', '#article-view');
    await shot('dashboard-article');
    return `${JSON.stringify(counts)}; event title: ${good.replace(/\n/g, ' / ')}`;
  });

  await step('highlights cover exactly the API offsets (UTF-16) in every article', async () => {
    const list = await page.evaluate(() => window.cronista.api('/api/documents', { limit: 100 }));
    const checked = [];
    for (const d of list.rows) {
      await page.evaluate((id) => { location.hash = `article=${id}`; }, d.id);
      await page.waitForFunction((id) => !document.querySelector('#article-view').hidden
        && !document.querySelector('#article-view').classList.contains('loading')
        && document.querySelector('#article').textContent.length > 0
        && location.hash === `#article=${id}`, d.id);
      const doc = await page.evaluate((id) => window.cronista.api(`/api/documents/${id}`), d.id);
      const bad = await checkSpans(doc);
      expect(!bad.length, `${d.doc_id}: ${bad.slice(0, 5).join('; ')}`);
      checked.push(`${d.doc_id} (${(doc.mentions || []).length}m ${(doc.events || []).length}e ${(doc.quotes || []).length}q)`);
    }
    return checked.join(', ');
  });

  await step('clicking an event row opens its article at the trigger', async () => {
    await page.click('#article-close');
    await page.waitForSelector('#article-view', { state: 'hidden' });
    const row = page.locator('#events-table tbody tr[data-testid="event-row"]').first();
    const eventId = await row.getAttribute('data-event');
    await row.click();
    await page.waitForSelector(`#article [data-event~="${eventId}"]`);
    return `event ${eventId}`;
  });

  await step('an API error is shown as a message, not a crash', async () => {
    allowedConsole = /status of 404/;
    try {
      await page.evaluate(() => { location.hash = 'article=987654321'; });
      await page.waitForSelector('#article-view .error:not([hidden])');
      const message = await page.locator('#article-view .error').textContent();
      expect(message.length > 0, 'empty error message');
      return message;
    } finally {
      allowedConsole = null;
    }
  });

  await step('a rejected filter shows the API\'s message in the views', async () => {
    allowedConsole = /status of 400/;
    try {
      await page.click('#article-close');
      await page.fill('#f-code', 'x5');
      await page.click('#f-apply');
      await page.waitForSelector('#events-view .error:not([hidden])');
      await page.waitForSelector('#timeline-view .error:not([hidden])');
      const message = await page.locator('#events-view .error').textContent();
      expect(/code/.test(message), `message: ${message}`);
      await page.click('#f-reset');
      await page.waitForSelector('#events-view .error', { state: 'hidden' });
      await page.waitForSelector('#events-table tbody tr[data-testid="event-row"]');
      return message;
    } finally {
      allowedConsole = null;
    }
  });

  if (docId) {
    await step('article view reachable by its address', async () => {
      await page.goto(`${baseUrl}/#article=${docId}`, { waitUntil: 'load' });
      await page.waitForSelector('#article .hl-quote');
      return `#article=${docId}`;
    });
  }
}

let status = 1;
try {
  await main();
  status = failed === 0 && passed > 0 ? 0 : 1;
} catch (e) {
  failed += 1;
  log(`not ok - ${e && e.message ? e.message : e}`);
  status = 1;
} finally {
  finished = true;
  await cleanUp();
}
log(`screenshots and logs: ${outDir}`);
log(`${passed} passed, ${failed} failed`);
process.exit(finished ? status : 1);
