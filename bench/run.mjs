// Journeymap's benchmarks in headless Chromium, side by side with Mermaid's
// journey renderer, against the release build in dist/.
//
//   node bench/run.mjs            full run: every figure 5 times (--reps N)
//   node bench/run.mjs --smoke    one of each, smaller maps: checks that the
//                                 harness works; never fails on a time
//   node bench/run.mjs --only transfer,render,large,edit,storage,mermaid
//   node bench/run.mjs --only edit --edit-steps 12   edit latency on another size
//   node bench/run.mjs --only edit --edit-panel Insights   ... with a panel open
//
// Prints the tables and writes bench/out/results.json and results.md.
// Build first: trunk build --release --offline. Install: cd bench && npm ci.
import { createServer } from 'node:http';
import { readFile, access, writeFile, mkdir, stat } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { makeMap, toMermaid, shareCode } from './gen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dist = resolve(process.env.JOURNEYMAP_DIST ?? join(root, 'dist'));
const outDir = join(here, 'out');
const mermaidDist = join(here, 'node_modules', 'mermaid', 'dist');

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const reps = Number(opt('reps', smoke ? 1 : 5));
const only = opt('only', '')
  .split(',')
  .filter(Boolean);
const wants = (part) => only.length === 0 || only.includes(part);
// Smoke runs use small maps so they finish in well under two minutes.
const SIZES = smoke
  ? { small: 12, medium: 60, large: [60, 120], edit: 120, mermaid: [12, 60], save: 200, importSteps: 200, mmdTasks: 200 }
  : { small: 12, medium: 200, large: [200, 1000, 2000], edit: Number(opt('edit-steps', 1000)), mermaid: [12, 200, 1000], save: 2000, importSteps: 4000, mmdTasks: 2000 };

// --- Static server --------------------------------------------------------------
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serves dist/ at /, Mermaid's dist/ at /mermaid/, bench/pages/ at /bench/ and
 * the generated map of N steps at /bench-data/N.journey.json (for the embed's ?src=). */
async function startServer() {
  await access(join(dist, 'index.html')).catch(() => {
    throw new Error(`${dist}/index.html is missing: build first (trunk build --release --offline)`);
  });
  const mounts = [
    ['/mermaid/', mermaidDist],
    ['/bench/', join(here, 'pages')],
    ['/', dist],
  ];
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const data = path.match(/^\/bench-data\/(\d+)\.journey\.json$/);
    if (data) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(makeMap(Number(data[1]))));
      return;
    }
    const [prefix, dir] = mounts.find(([p]) => path.startsWith(p));
    const rel = path.slice(prefix.length);
    const file = normalize(join(dir, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--enable-precise-memory-info',
    ],
  });
}

// --- Statistics and output ---------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, samples: xs } : null);
const ms = (v) => (v == null ? 'n/a' : v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);
const kb = (b) => (b == null ? 'n/a' : `${(b / 1024).toFixed(1)} KB`);
const mb = (b) => (b == null ? 'n/a' : `${(b / 1024 / 1024).toFixed(1)} MB`);
const fmt = (s, unit = ms) => (s ? `${unit(s.median)} (${unit(s.min)}–${unit(s.max)})` : 'n/a');
const ratio = (a, b) => (a != null && b ? `${(a / b).toFixed(2)}×` : 'n/a');

const results = { started: new Date().toISOString(), smoke, reps, machine: {}, transfer: {}, render: {}, large: {}, edit: {}, storage: {}, targets: [] };
const rows = []; // [section, what, value, target, verdict]
function row(section, what, value, target = '', verdict = '') {
  rows.push([section, what, value, target, verdict]);
  console.log(`  ${what.padEnd(58)} ${value}${target ? `   target ${target}: ${verdict}` : ''}`);
}
// The embed's own page, when the build has one (it is new: absent builds say n/a).
const embedPage = ['embed.html', 'embed/index.html'].find((p) => existsSync(join(dist, p)));
const verdict = (ok) => (smoke ? 'not judged (smoke)' : ok == null ? 'n/a' : ok ? 'pass' : 'MISS');

// --- Page helpers -------------------------------------------------------------------
/**
 * Installed before any page script: waits until every selector in `ready`
 * matches (and `count`, [selector, n], has n matches), then marks the first
 * frame after it: __bench.seen (the DOM holds the map), .raf (the frame's
 * animation callbacks), .done (a task after that frame: painted).
 */
function readyProbe({ ready, count, path, host }) {
  if (path && !location.pathname.endsWith(path)) return;
  const b = (window.__bench = {});
  addEventListener('TrunkApplicationStarted', (e) => {
    b.started = performance.now();
    b.memory = e.detail && e.detail.wasm && e.detail.wasm.memory;
  });
  // `host`: the map is drawn in that element's shadow root (the embed).
  const q = (s) => document.querySelector(s) ?? (host && document.querySelector(host)?.shadowRoot?.querySelector(s));
  const check = () =>
    ready.every(q) && (!count || document.querySelectorAll(count[0]).length >= count[1]);
  const hit = () => {
    if (b.seen || !check()) return false;
    b.seen = performance.now();
    requestAnimationFrame(() => {
      b.raf = performance.now();
      setTimeout(() => (b.done = performance.now()), 0);
    });
    return true;
  };
  const mo = new MutationObserver(() => hit() && mo.disconnect());
  mo.observe(document, { childList: true, subtree: true });
  if (host) {
    // Mutations in a shadow root are not seen from the document's observer:
    // observe each shadow root as it is attached, so the map is seen in the
    // same task as in the document (polling each frame would add a frame).
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      mo.observe(root, { childList: true, subtree: true });
      return root;
    };
  }
}

async function newContext(browser) {
  return browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
}

/** Puts entries into the origin's local storage from a blank page. */
async function seed(page, server, entries) {
  await page.goto(`${server.url}bench/blank.html`);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of e) localStorage.setItem(k, v);
  }, entries);
}

async function waitDone(page, timeout = smoke ? 60000 : 120000) {
  await page.waitForFunction(() => window.__bench?.done || window.__benchError, null, { timeout, polling: 50 });
  const b = await page.evaluate(() => ({ ...window.__bench, memory: undefined, error: window.__benchError }));
  if (b.error) throw new Error(b.error);
  return b;
}

const pageErrors = [];
function watch(page, label) {
  page.on('pageerror', (e) => pageErrors.push(`${label}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) pageErrors.push(`${label}: console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) pageErrors.push(`${label}: ${r.status()} ${r.url()}`);
  });
}

/**
 * Selectors that say a Journeymap map of `steps` steps is on screen: the
 * last lane's cell at the right edge of the 1,400 px view (the 7th step;
 * the editor draws the columns in view first and the ones beyond a little
 * later, see src/ui/viewport.rs) and a curve.
 */
const mapReady = (steps) => ({
  ready: [`td.cell[data-lane="l9"][data-step="t${Math.min(steps, 7)}"]`, '.curve .plot:nth-child(3) svg polyline'],
});

/** Scrolls the editor's grid to step `n` (1-based) and waits for its cell. */
async function scrollToStep(page, n) {
  await page.locator('.grid-scroll').evaluate((e, x) => { e.scrollLeft = x; }, 190 * (n - 3));
  await page.locator(`td.cell[data-lane="l1"][data-step="t${n}"]`).waitFor();
}

/**
 * Opens a map and measures navigation → first frame showing it. `how` is
 * 'editor' (seeded into local storage, #/map/<id>) or 'viewer' (#map=<code>).
 */
async function openMap(browser, server, map, how, { heap = false } = {}) {
  const context = await newContext(browser);
  const page = await context.newPage();
  watch(page, `${how} ${map.id}`);
  const steps = map.stages.reduce((n, s) => n + s.steps.length, 0);
  // Every timed load starts from a page of the same origin (as the seeded
  // editor and Mermaid's pages do), so none pays for a new renderer process.
  if (how !== 'editor') await page.goto(`${server.url}bench/blank.html`);
  let url;
  if (how === 'embed') {
    // The embed's viewer page (docs/embedding.md), with the map in its fragment.
    await context.addInitScript(readyProbe, { ready: ['.jm-grid'], path: embedPage, host: '#map' });
    // Beyond what a link carries (64 KB), the map comes as a file, as a wiki page would give it.
    url = steps > 200 ? `${server.url}${embedPage}?src=/bench-data/${steps}.journey.json` : `${server.url}${embedPage}#map=${shareCode(map)}`;
  } else if (how === 'editor') {
    await context.addInitScript(readyProbe, { ...mapReady(steps), path: '/' });
    await seed(page, server, [[`journeymap:map:${map.id}`, JSON.stringify(map)]]);
    url = `${server.url}#/map/${map.id}`;
  } else {
    await context.addInitScript(readyProbe, { ...mapReady(steps), path: '/' });
    url = `${server.url}#map=${shareCode(map)}`;
  }
  await page.goto(url, { waitUntil: 'commit' });
  // The embed is optional here: a broken one must not hold the smoke run up.
  const b = await waitDone(page, how === 'embed' ? 20000 : undefined);
  const out = { ms: b.done, seen: b.seen, started: b.started };
  if (heap) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    out.jsHeap = m.JSHeapUsedSize;
    out.nodes = m.Nodes;
    out.wasm = await page.evaluate(() => window.__bench.memory?.buffer.byteLength ?? null);
  }
  return { out, page, context };
}

/** Renders Mermaid text with Mermaid's ESM build or its whole bundle. */
async function openMermaid(browser, server, text, build) {
  const context = await newContext(browser);
  const page = await context.newPage();
  watch(page, `mermaid ${build}`);
  await context.addInitScript(readyProbe, { ready: ['#out svg'], path: `mermaid-${build}.html` });
  await seed(page, server, [['bench:mmd', text]]);
  await page.goto(`${server.url}bench/mermaid-${build}.html`, { waitUntil: 'commit' });
  const b = await waitDone(page);
  await context.close();
  return b.done;
}

/** The floor: a page that draws one <svg> from an inline script, no library. */
async function openFloor(browser, server) {
  const context = await newContext(browser);
  const page = await context.newPage();
  watch(page, 'floor');
  await context.addInitScript(readyProbe, { ready: ['#out svg'], path: 'floor.html' });
  await page.goto(`${server.url}bench/blank.html`);
  await page.goto(`${server.url}bench/floor.html`, { waitUntil: 'commit' });
  const b = await waitDone(page);
  await context.close();
  return b.done;
}

async function repeat(n, f) {
  const xs = [];
  for (let i = 0; i < n; i++) xs.push(await f(i));
  return stats(xs.filter((x) => x != null));
}

// --- 1. Transfer size ------------------------------------------------------------------
/**
 * Loads `url` and sums what it fetched (HTML, JS, wasm, CSS), each gzipped
 * (level 9). `entries`: local storage to seed first (the editor's map).
 */
async function transfer(browser, url, ready, entries) {
  const context = await newContext(browser);
  const page = await context.newPage();
  watch(page, `transfer ${url}`);
  if (entries) await seed(page, { url: new URL('/', url).href }, entries);
  const bodies = [];
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (/\.(html|m?js|wasm|css)$/.test(u.pathname) || u.pathname.endsWith('/')) bodies.push(r.body().then((b) => [u.pathname, b]).catch(() => null));
  });
  if (ready) await context.addInitScript(readyProbe, ready);
  await page.goto(url);
  if (ready) await waitDone(page);
  await page.waitForLoadState('networkidle');
  const files = (await Promise.all(bodies)).filter(Boolean).map(([path, body]) => ({ path, raw: body.length, gz: gzipSync(body, { level: 9 }).length }));
  await context.close();
  return { files, raw: files.reduce((n, f) => n + f.raw, 0), gz: files.reduce((n, f) => n + f.gz, 0) };
}

async function measureTransfer(browser, server) {
  console.log('\n1. Transfer size (gzip -9 of every HTML, JS, wasm and CSS response)');
  const small = makeMap(SIZES.small);
  // The editor on a stored map, and the editor's read-only view of a map
  // (index.html#map=…, where an embed's "Open in Journeymap" leads): with
  // the wasm in parts (src/ui/lazy.rs) they load different chunks.
  const editor = await transfer(browser, `${server.url}#/map/${small.id}`, { ...mapReady(SIZES.small), path: '/' }, [
    [`journeymap:map:${small.id}`, JSON.stringify(small)],
  ]);
  results.transfer.editor = editor;
  const viewer = await transfer(browser, `${server.url}#map=${shareCode(small)}`, { ...mapReady(SIZES.small), path: '/' });
  results.transfer.viewer = viewer;
  // What the page loads only when a part is first used (start screen, panels, import).
  const later = readdirSync(dist)
    .filter((f) => /^journeymap-(split|chunk)-.*\.wasm$/.test(f))
    .map((f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length);
  results.transfer.chunks = { count: later.length, gz: later.reduce((a, b) => a + b, 0) };
  // The viewer page (embed.html): embeds, and where share links lead.
  let embed = null;
  if (embedPage) {
    try {
      embed = await transfer(browser, `${server.url}${embedPage}#map=${shareCode(small)}`);
    } catch (e) {
      console.log(`  (embed page ${embedPage} did not load: ${e.message})`);
    }
  }
  results.transfer.embed = embed && { ...embed, page: embedPage };
  const esm = await transfer(browser, `${server.url}bench/mermaid-esm.html`, { ready: ['#out svg'], path: 'mermaid-esm.html' });
  const umd = await transfer(browser, `${server.url}bench/mermaid-umd.html`, { ready: ['#out svg'], path: 'mermaid-umd.html' });
  results.transfer.mermaidEsm = esm;
  results.transfer.mermaidUmd = umd;
  const journeyChunk = esm.files.filter((f) => /journeyDiagram/.test(f.path)).reduce((n, f) => n + f.gz, 0);
  for (const f of editor.files) console.log(`    ${kb(f.gz).padStart(10)} gz ${kb(f.raw).padStart(10)}  ${f.path}`);
  row('Transfer', 'Editor (index.html, JS, wasm, CSS), gzipped', kb(editor.gz), '≤ 250 KB', verdict(editor.gz <= 250 * 1024));
  if (later.length) row('Transfer', `  chunks loaded on first use (${later.length}: start screen, panels, import…), gzipped`, kb(results.transfer.chunks.gz));
  row(
    'Transfer',
    `Viewer page: share links and embeds (${embedPage ?? 'no embed page in dist/ yet'}), gzipped`,
    embed ? kb(embed.gz) : 'n/a',
    '≤ 150 KB',
    embed ? verdict(embed.gz <= 150 * 1024) : 'n/a',
  );
  row('Transfer', 'Read-only map in the editor (index.html#map=…, Open in Journeymap), gzipped', kb(viewer.gz));
  row('Transfer', `Mermaid journey path (ESM build, ${esm.files.length} files), gzipped`, kb(esm.gz));
  row('Transfer', '  of which the journey diagram chunk', kb(journeyChunk));
  row('Transfer', 'Mermaid whole bundle (mermaid.min.js), gzipped', kb(umd.gz));
  row('Transfer', 'Ratio: editor / Mermaid journey path', ratio(editor.gz, esm.gz));
  row('Transfer', 'Ratio: editor / Mermaid whole bundle', ratio(editor.gz, umd.gz));
}

// --- 2. First render, and Mermaid side by side ----------------------------------------------
async function measureRender(browser, server) {
  console.log(`\n2. First render: navigation → first frame with the map (median (min–max) of ${reps})`);
  const r = (results.render = {});
  // One untimed load of each page first, so that no figure pays for the
  // browser's own start-up.
  await openMap(browser, server, makeMap(SIZES.small), 'viewer').then(({ context }) => context.close());
  await openMermaid(browser, server, toMermaid(makeMap(SIZES.small)), 'esm');
  for (const steps of [SIZES.small, SIZES.medium]) {
    const map = makeMap(steps);
    for (const how of ['viewer', 'editor', ...(embedPage ? ['embed'] : [])]) {
      try {
        r[`${how}-${steps}`] = await repeat(reps, async () => {
          const { out, context } = await openMap(browser, server, map, how);
          await context.close();
          return out.ms;
        });
      } catch (e) {
        // The embed is built in parallel; its absence or failure is reported, not fatal.
        if (how !== 'embed') throw e;
        console.log(`  (embed did not render ${steps} steps: ${e.message.split('\n')[0]})`);
        r[`${how}-${steps}`] = null;
      }
      const label = how === 'embed' ? `share link / embed (${embedPage}#map=…)` : how === 'viewer' ? 'read-only in the editor (index.html#map=…)' : 'editor (#/map/<id>)';
      row('First render', `Journeymap ${label}, ${steps} steps × 10 lanes`, fmt(r[`${how}-${steps}`]));
    }
  }
  for (const tasks of SIZES.mermaid) {
    const text = toMermaid(makeMap(tasks));
    for (const build of ['esm', 'umd']) {
      r[`mermaid-${build}-${tasks}`] = await repeat(reps, () => openMermaid(browser, server, text, build));
      row('First render', `Mermaid ${build === 'esm' ? 'ESM build' : 'mermaid.min.js'}, ${tasks} tasks`, fmt(r[`mermaid-${build}-${tasks}`]));
    }
  }
  // What any page pays in this browser before it draws: the part of every
  // figure above that no code can remove.
  r.floor = await repeat(reps, () => openFloor(browser, server));
  row('First render', 'Floor: a page drawing one <svg> from an inline script', fmt(r.floor));
  for (const steps of [SIZES.small, SIZES.medium]) {
    const best = Math.min(r[`mermaid-esm-${steps}`]?.median ?? Infinity, r[`mermaid-umd-${steps}`]?.median ?? Infinity);
    for (const how of ['viewer', 'editor', ...(embedPage ? ['embed'] : [])]) {
      const ours = r[`${how}-${steps}`]?.median;
      const target = steps === 12 ? '≤ 0.5×' : '';
      row(
        'First render',
        `Ratio: ${how} / Mermaid (faster build), ${steps} steps`,
        ratio(ours, best),
        target,
        target ? verdict(ours == null ? null : ours / best <= 0.5) : '',
      );
    }
    const floor = r.floor?.median ?? 0;
    const editor = r[`editor-${steps}`]?.median;
    row('First render', `  above the floor: (editor − floor) / (Mermaid − floor), ${steps} steps`, ratio(editor - floor, best - floor));
  }
}

// --- 3. Large maps -----------------------------------------------------------------------------
async function measureLarge(browser, server) {
  console.log(`\n3. Large maps in the editor and the embed: navigation → first frame, and memory after opening`);
  for (const steps of SIZES.large) {
    const map = makeMap(steps);
    const heaps = [];
    const s = await repeat(reps, async () => {
      const { out, context } = await openMap(browser, server, map, 'editor', { heap: true });
      heaps.push(out);
      await context.close();
      return out.ms;
    });
    const last = heaps.at(-1);
    results.large[steps] = { open: s, jsHeap: median(heaps.map((h) => h.jsHeap)), wasm: median(heaps.map((h) => h.wasm ?? 0)), nodes: median(heaps.map((h) => h.nodes)), json: JSON.stringify(map).length };
    const target = steps === 1000 ? '< 1 s' : '';
    row('Large maps', `Open ${steps} steps × 10 lanes (${kb(results.large[steps].json)} JSON)`, fmt(s), target, target ? verdict(s.median < 1000) : '');
    row('Large maps', `  JS heap after GC / wasm memory / DOM nodes`, `${mb(last.jsHeap)} / ${mb(last.wasm)} / ${Math.round(last.nodes).toLocaleString('en')}`);
  }
  // The embed (a wiki page showing a long map), fetching the map file.
  if (!embedPage) return;
  for (const steps of SIZES.large) {
    const map = makeMap(steps);
    const s = await repeat(reps, async () => {
      const { out, context } = await openMap(browser, server, map, 'embed');
      await context.close();
      return out.ms;
    });
    results.large[`embed-${steps}`] = { open: s };
    row('Large maps', `Embed (${embedPage}${steps > 200 ? '?src=' : '#map='}…), ${steps} steps × 10 lanes`, fmt(s));
  }
}

// --- 4. Edit latency -------------------------------------------------------------------------------
/** Records, for every keydown: its timestamp, the end of its task, the next frame, and a task after that frame. */
function installKeyProbe() {
  window.__keys = [];
  const probe = (ev) => {
      const rec = { key: ev.key, ts: ev.timeStamp, t0: performance.now() };
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (rec.task = performance.now());
      ch.port2.postMessage(0);
      requestAnimationFrame(() => {
        rec.raf = performance.now();
        setTimeout(() => {
          rec.paint = performance.now();
          window.__keys.push(rec);
        }, 0);
      });
  };
  addEventListener('keydown', probe, true);
  addEventListener('click', probe, true);
}

async function lastKey(page, n) {
  await page.waitForFunction((k) => window.__keys.length >= k, n, { polling: 20 });
  return page.evaluate(() => window.__keys.at(-1));
}

async function measureEdit(browser, server) {
  const steps = SIZES.edit;
  console.log(`\n4. Edit latency on ${steps} steps × 10 lanes: key event → next paint (median (min–max))`);
  const map = makeMap(steps);
  const { page, context } = await openMap(browser, server, map, 'editor');
  // With a panel open beside the grid (Personas, History, Insights): it
  // follows every edit.
  const panel = opt('edit-panel', '');
  if (panel) {
    await page.getByRole('button', { name: panel, exact: true }).click();
    await page.getByRole('region', { name: panel }).waitFor();
    console.log(`  with the ${panel} panel open`);
  }
  await page.evaluate(installKeyProbe);
  const n = Math.max(reps * 4, smoke ? 2 : 20);
  const mid = Math.ceil(steps / 2);
  const collect = { slider: [], sliderWork: [], open: [], openWork: [], type: [], typeWork: [], typeFrame: [], commit: [], commitWork: [] };
  // Emotion point with the keyboard: up and down in turn, so it stays in range.
  await scrollToStep(page, mid);
  const slider = page.locator(`[data-point][data-lane="l4"][data-step="t${mid}"]`);
  await slider.scrollIntoViewIfNeeded();
  await slider.focus();
  let count = 0;
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(i % 2 ? 'ArrowDown' : 'ArrowUp');
    const k = await lastKey(page, ++count);
    collect.slider.push(k.paint - k.ts);
    collect.sliderWork.push(k.task - k.t0);
    await page.waitForTimeout(150); // the save after the frame
  }
  // Typing into a cell: open its editor (not timed), type one character
  // (timed), then Enter to commit it (timed: the model edit and the repaint).
  for (let i = 0; i < Math.max(reps, smoke ? 1 : 10); i++) {
    const at = ((mid + i - 1) % steps) + 1;
    await scrollToStep(page, at);
    const cell = page.locator(`td.cell[data-lane="l1"][data-step="t${at}"]`);
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    let k = await lastKey(page, ++count);
    collect.open.push(k.paint - k.ts);
    collect.openWork.push(k.task - k.t0);
    await page.locator('.cell-editor textarea').waitFor();
    await page.waitForTimeout(150);
    await page.keyboard.press('x');
    k = await lastKey(page, ++count);
    collect.type.push(k.paint - k.ts);
    collect.typeWork.push(k.task - k.t0);
    collect.typeFrame.push(k.paint - k.raf);
    await page.keyboard.press('Enter');
    k = await lastKey(page, ++count);
    collect.commit.push(k.paint - k.ts);
    collect.commitWork.push(k.task - k.t0);
    await page.locator('.cell-editor').waitFor({ state: 'detached' });
    await page.waitForTimeout(150);
  }
  await scrollToStep(page, mid);
  const text = await page.locator(`td.cell[data-lane="l1"][data-step="t${mid}"]`).innerText();
  if (!text.includes('x')) throw new Error(`the typed character is not in the cell: ${text}`);
  await context.close();
  // The floor: the same probe, typing into a page with nothing but a
  // <textarea>. What the browser and the key's trip through the harness
  // cost before any page work.
  {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}bench/blank.html`);
    await page.setContent('<textarea rows=3 aria-label="Floor"></textarea>');
    await page.evaluate(installKeyProbe);
    await page.locator('textarea').focus();
    for (let i = 0; i < Math.max(reps * 2, smoke ? 1 : 10); i++) {
      await page.keyboard.press('x');
      const k = await lastKey(page, i + 1);
      collect.floor ??= [];
      collect.floor.push(k.paint - k.ts);
      await page.waitForTimeout(150);
    }
    await context.close();
  }
  const e = (results.edit = Object.fromEntries(Object.entries(collect).map(([k, v]) => [k, stats(v)])));
  row('Edit latency', `Move an emotion point (ArrowUp), ${steps} steps`, fmt(e.slider), '< 16 ms', verdict(e.slider.median < 16));
  row('Edit latency', '  of which the key handler and its effects (one task)', fmt(e.sliderWork));
  row('Edit latency', `Open a cell's editor (click) → painted, ${steps} steps`, fmt(e.open));
  row('Edit latency', '  of which the click handler and its effects (one task)', fmt(e.openWork));
  row('Edit latency', `Type one character in an open cell, ${steps} steps`, fmt(e.type), '< 16 ms', verdict(e.type.median < 16));
  row('Edit latency', '  of which its handlers (one task)', fmt(e.typeWork));
  row('Edit latency', '  of which the frame: style, layout, paint (rAF → after paint)', fmt(e.typeFrame));
  row('Edit latency', `Commit the cell (Enter) → repainted, ${steps} steps`, fmt(e.commit));
  row('Edit latency', '  of which the key handler and its effects (one task)', fmt(e.commitWork));
  row('Edit latency', 'Floor: type one character in a page with only a <textarea>', fmt(e.floor));
}

// --- 5. Storage and formats ---------------------------------------------------------------------------
/** Times every task that writes a map to local storage (the editor's save after an edit). */
function installSaveProbe() {
  window.__saves = [];
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    const t0 = performance.now();
    const r = set.call(this, k, v);
    if (String(k).startsWith('journeymap:map:')) window.__inSave = { setItem: performance.now() - t0, bytes: String(v).length };
    return r;
  };
  const st = window.setTimeout;
  window.setTimeout = function (fn, delay, ...rest) {
    if (typeof fn !== 'function') return st.call(this, fn, delay, ...rest);
    return st.call(
      this,
      function (...a) {
        const t0 = performance.now();
        window.__inSave = null;
        try {
          return fn.apply(this, a);
        } finally {
          if (window.__inSave) window.__saves.push({ task: performance.now() - t0, ...window.__inSave });
          window.__inSave = null;
        }
      },
      delay,
      ...rest,
    );
  };
  const url = URL.createObjectURL;
  window.__blobs = [];
  URL.createObjectURL = function (b) {
    window.__blobs.push({ t: performance.now(), size: b.size });
    return url.call(this, b);
  };
  window.__clicks = [];
  addEventListener('click', (ev) => window.__clicks.push({ t: performance.now(), ts: ev.timeStamp, text: ev.target?.textContent }), true);
  addEventListener('change', (ev) => (window.__change = performance.now()), true);
}

/** Words per cell that make a map of `steps` steps about `bytes` of compact JSON. */
function mapOfSize(steps, bytes, pretty = false) {
  let words = 6;
  for (let i = 0; i < 8; i++) {
    const m = makeMap(steps, { words });
    const len = (pretty ? JSON.stringify(m, null, 2) : JSON.stringify(m)).length;
    words = Math.max(1, Math.round(words * (bytes / len) ** 1.15));
    if (Math.abs(len - bytes) / bytes < 0.04) return m;
  }
  return makeMap(steps, { words });
}

async function measureStorage(browser, server) {
  console.log('\n5. Storage and formats, in the browser');
  await mkdir(outDir, { recursive: true });
  const st = results.storage;

  // Saving a 2 MB map: the editor's save task after an edit (read the stored
  // edit time, serialize, setItem), and setItem alone.
  const big = mapOfSize(SIZES.save, smoke ? 200 * 1024 : 2 * 1024 * 1024);
  const bigSize = JSON.stringify(big).length;
  {
    const context = await newContext(browser);
    await context.addInitScript(installSaveProbe);
    await context.addInitScript(readyProbe, { ...mapReady(SIZES.save), path: '/' });
    const page = await context.newPage();
    watch(page, 'save');
    await seed(page, server, [[`journeymap:map:${big.id}`, JSON.stringify(big)]]);
    await page.goto(`${server.url}#/map/${big.id}`, { waitUntil: 'commit' });
    await waitDone(page);
    const slider = page.locator('.curve [role=slider]').nth(3);
    await slider.focus();
    const saves = [];
    for (let i = 0; i < reps; i++) {
      await page.keyboard.press(i % 2 ? 'ArrowDown' : 'ArrowUp');
      await page.waitForFunction((k) => window.__saves.length >= k, i + 1, { polling: 20 });
      saves.push(await page.evaluate(() => window.__saves.at(-1)));
      await page.waitForTimeout(200);
    }
    const raw = await page.evaluate(
      ({ key, n }) => {
        const text = localStorage.getItem(key);
        const xs = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          localStorage.setItem(key, text.replace(/"updated":\d+/, `"updated":${Date.now() + i}`));
          xs.push(performance.now() - t0);
        }
        return xs;
      },
      { key: `journeymap:map:${big.id}`, n: reps },
    );
    // Serializing the JS object, for scale: what JSON.stringify costs on the same map.
    const stringify = await page.evaluate((n) => {
      const m = JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:'))));
      const xs = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        JSON.stringify(m);
        xs.push(performance.now() - t0);
      }
      return xs;
    }, reps);
    await context.close();
    st.saveTask = stats(saves.map((s) => s.task));
    st.saveSetItem = stats(saves.map((s) => s.setItem));
    st.rawSetItem = stats(raw);
    st.jsStringify = stats(stringify);
    st.saveBytes = saves[0]?.bytes;
    row('Storage', `Save after an edit, ${mb(bigSize)} map (${SIZES.save} steps): whole save task`, fmt(st.saveTask), '< 30 ms', verdict(st.saveTask.median < 30));
    row('Storage', '  of which localStorage.setItem', fmt(st.saveSetItem));
    row('Storage', '  localStorage.setItem of the same text from JS, for scale', fmt(st.rawSetItem));
    row('Storage', '  JSON.stringify of the same map in JS, for scale', fmt(st.jsStringify));
  }

  // A save that keeps a version: the first save after a minute's rest (and
  // one every 10 minutes of editing) also keeps the stored copy in the
  // map's saved versions. `Date.now` runs a minute ahead before each edit,
  // so every save keeps one; once 20 are kept, each new one thins one out.
  {
    const steps = SIZES.edit;
    const map = makeMap(steps);
    const context = await newContext(browser);
    await context.addInitScript(() => {
      const now = Date.now;
      window.__ahead = 0;
      Date.now = () => now() + window.__ahead;
    });
    await context.addInitScript(installSaveProbe);
    // The version itself is kept when the browser is idle after the save:
    // time the idle callbacks that write the versions.
    await context.addInitScript(() => {
      window.__keeps = [];
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (String(k).startsWith('journeymap:history:')) window.__keeping = true;
        return set.call(this, k, v);
      };
      const ric = window.requestIdleCallback;
      window.requestIdleCallback = function (fn, ...rest) {
        return ric.call(
          this,
          function (...a) {
            const t0 = performance.now();
            window.__keeping = false;
            try {
              return fn.apply(this, a);
            } finally {
              if (window.__keeping) window.__keeps.push(performance.now() - t0);
            }
          },
          ...rest,
        );
      };
    });
    await context.addInitScript(readyProbe, { ...mapReady(steps), path: '/' });
    const page = await context.newPage();
    watch(page, 'version');
    await seed(page, server, [[`journeymap:map:${map.id}`, JSON.stringify(map)]]);
    await page.goto(`${server.url}#/map/${map.id}`, { waitUntil: 'commit' });
    await waitDone(page);
    // The columns beside the view come a moment after the first frame.
    await page.locator('table.grid:not([aria-busy])').waitFor();
    // Each save moves a point not moved before, step by step from the left
    // (a copy the same as a kept version is not kept again: six points
    // moved to and fro in turn came back to a kept state and kept none).
    // Points are found by lane and step each time: moving the focus
    // scrolls the grid, which redraws the points in view.
    const points = await page.locator('.curve [role=slider]').evaluateAll((ps) =>
      ps.map((p) => [p.dataset.lane, p.dataset.step, Number(p.dataset.step.slice(1))]).sort((a, b) => a[2] - b[2] || a[0].localeCompare(b[0])));
    const keep = smoke ? 3 : 20;
    if (points.length < keep + reps) throw new Error(`only ${points.length} points in view for ${keep + reps} saves`);
    const tasks = [];
    const keeps = [];
    for (let i = 0; i < keep + reps; i++) {
      await page.evaluate(() => (window.__ahead += 61000));
      const k = await page.evaluate(() => [window.__saves.length, window.__keeps.length]);
      const [lane, step] = points[i];
      const slider = page.locator(`.curve [role=slider][data-lane="${lane}"][data-step="${step}"]`);
      const atTop = await slider.evaluate((e) => Number(e.getAttribute('aria-valuenow')) >= Number(e.getAttribute('aria-valuemax')));
      await slider.press(atTop ? 'ArrowDown' : 'ArrowUp');
      await page.waitForFunction((k) => window.__saves.length > k[0] && window.__keeps.length > k[1], k, { polling: 20 });
      if (i >= keep) {
        tasks.push((await page.evaluate(() => window.__saves.at(-1))).task);
        keeps.push(await page.evaluate(() => window.__keeps.at(-1)));
      }
      await page.waitForTimeout(150);
    }
    const stored = await page.evaluate((id) => localStorage.getItem(`journeymap:history:${id}`)?.length ?? 0, map.id);
    const kept = await page.evaluate((id) => JSON.parse(localStorage.getItem(`journeymap:history:${id}`) ?? '{"versions":[]}').versions.length, map.id);
    const mapChars = await page.evaluate((id) => localStorage.getItem(`journeymap:map:${id}`).length, map.id);
    await context.close();
    st.versionSave = stats(tasks);
    st.versionKeep = stats(keeps);
    st.versionsStored = { versions: kept, chars: stored, mapChars };
    row('Storage', `Save that keeps a version, ${steps} steps, ${kept} versions kept: whole save task`, fmt(st.versionSave));
    row('Storage', '  then the version, kept in an idle task of its own', fmt(st.versionKeep));
    const chars = (n) => `${(n / 1000).toFixed(0)}K characters`;
    row('Storage', `  the ${kept} versions in local storage, against the map's ${chars(mapChars)}`, chars(stored));
  }

  // Importing a 5 MB .journey.json (pretty, as Export writes it) through the
  // Import file picker: the change event → the first frame with the map.
  const huge = mapOfSize(SIZES.importSteps, smoke ? 300 * 1024 : 5 * 1024 * 1024, true);
  huge.id = 'bench-import';
  const hugeText = JSON.stringify(huge, null, 2);
  const hugePath = join(outDir, 'import.journey.json');
  await writeFile(hugePath, hugeText);
  st.importBytes = hugeText.length;
  st.importSteps = SIZES.importSteps;
  st.import = await repeat(reps, () => importFile(browser, server, hugePath, { ...mapReady(SIZES.importSteps), path: '/' }));
  row('Formats', `Import a ${mb(hugeText.length)} .journey.json (${SIZES.importSteps} steps): file → drawn`, fmt(st.import));

  // Mermaid import: a .mmd of 2,000 tasks through the same picker.
  const mmd = toMermaid(makeMap(SIZES.mmdTasks));
  const mmdPath = join(outDir, `${SIZES.mmdTasks}.mmd`);
  await writeFile(mmdPath, mmd);
  st.mermaidImport = await repeat(reps, () =>
    // The editor draws the steps in view: 12 of them are on screen.
    importFile(browser, server, mmdPath, { ready: ['.curve .plot:nth-child(3) svg polyline'], count: ['th.step', Math.min(SIZES.mmdTasks, 12)], path: '/' }),
  );
  row('Formats', `Import Mermaid, ${SIZES.mmdTasks} tasks (${kb(mmd.length)}): file → drawn`, fmt(st.mermaidImport));

  // Mermaid export: Export → Download .mmd, from the click to the file's blob.
  {
    const map = makeMap(SIZES.mmdTasks);
    const context = await newContext(browser);
    await context.addInitScript(installSaveProbe);
    await context.addInitScript(readyProbe, { ...mapReady(SIZES.mmdTasks), path: '/' });
    const page = await context.newPage();
    watch(page, 'mermaid export');
    await seed(page, server, [[`journeymap:map:${map.id}`, JSON.stringify(map)]]);
    await page.goto(`${server.url}#/map/${map.id}`, { waitUntil: 'commit' });
    await waitDone(page);
    const xs = [];
    for (let i = 0; i < reps; i++) {
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: 'Download .mmd', exact: true }).click();
      const file = await download;
      const blob = await page.evaluate(() => window.__blobs.at(-1));
      const click = await page.evaluate(() => window.__clicks.filter((c) => /Download \.mmd/.test(c.text ?? '')).at(-1));
      xs.push(blob.t - click.ts);
      if (i === 0) {
        const text = await readFile(await file.path(), 'utf8');
        if (!text.startsWith('journey')) throw new Error('the export is not a Mermaid journey');
      }
      await page.waitForTimeout(100);
    }
    await context.close();
    st.mermaidExport = stats(xs);
    row('Formats', `Export Mermaid, ${SIZES.mmdTasks} tasks: click → file ready`, fmt(st.mermaidExport));
  }
}

async function importFile(browser, server, path, ready) {
  const context = await newContext(browser);
  await context.addInitScript(installSaveProbe);
  const page = await context.newPage();
  watch(page, `import ${path}`);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Import', exact: true }).waitFor();
  await page.evaluate(readyProbe, ready);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles(path);
  const b = await waitDone(page);
  const t0 = await page.evaluate(() => window.__change);
  await context.close();
  return b.done - t0;
}

// --- Main ------------------------------------------------------------------------------------------------
async function main() {
  const t0 = Date.now();
  if (!existsSync(mermaidDist)) throw new Error('bench/node_modules is missing: cd bench && npm ci');
  const chromiumVersion = (() => {
    try {
      return execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { stderr: 'ignore' }).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  const mermaidVersion = JSON.parse(await readFile(join(here, 'node_modules', 'mermaid', 'package.json'), 'utf8')).version;
  results.machine = { nproc: os.availableParallelism?.() ?? os.cpus().length, cpu: os.cpus()[0]?.model, memory: mb(os.totalmem()), chromium: chromiumVersion, node: process.version, mermaid: mermaidVersion };
  results.machine.loadStart = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`Journeymap benchmarks${smoke ? ' (smoke: one run each, small maps, no targets judged)' : ''}: ${reps} run(s) per figure`);
  console.log(`  ${results.machine.nproc} CPUs (${results.machine.cpu}), ${chromiumVersion}, mermaid ${mermaidVersion}, dist: ${dist}`);
  const server = await startServer();
  const browser = await launch();
  results.machine.browser = browser.version();
  try {
    if (wants('transfer')) await measureTransfer(browser, server);
    if (wants('render')) await measureRender(browser, server);
    if (wants('large')) await measureLarge(browser, server);
    if (wants('edit')) await measureEdit(browser, server);
    if (wants('storage')) await measureStorage(browser, server);
  } finally {
    await browser.close();
    await server.close();
  }
  results.machine.loadEnd = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`\nLoad average: ${results.machine.loadStart} at the start, ${results.machine.loadEnd} at the end (${results.machine.nproc} CPUs)`);
  results.rows = rows;
  results.pageErrors = pageErrors;
  results.seconds = (Date.now() - t0) / 1000;
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'results.json'), JSON.stringify(results, null, 2));
  const md = [
    `| Section | Measure | Median (min–max) | Target | Verdict |`,
    `| --- | --- | --- | --- | --- |`,
    ...rows.map((r) => `| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`),
  ].join('\n');
  await writeFile(join(outDir, 'results.md'), `${md}\n`);
  console.log(`\nSummary (${smoke ? 'smoke run: times are not judged' : `${reps} runs each`}), ${results.seconds.toFixed(0)} s:`);
  console.log(md.replace(/\|/g, ' ').replace(/ +/g, ' '));
  if (pageErrors.length) {
    console.log(`\nPage errors (${pageErrors.length}):`);
    for (const e of pageErrors.slice(0, 20)) console.log(`  ${e}`);
  }
  console.log(`\nWrote ${join(outDir, 'results.json')} and results.md`);
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
