// Where the time goes: Chromium's CPU profiler (CDP `Profiler`) and its
// main-thread totals (CDP `Performance.getMetrics`) around opening a large
// map and around edits, with wasm function names.
//
//   node bench/profile.mjs --build     builds dist with names kept (no
//                                      wasm-opt) into bench/out/dist-profile
//   node bench/profile.mjs [--steps 1000] [--dist DIR] [--top 25]
//
// Prints, per scenario: script, style and layout time, and the functions
// with the most self time and the most total time. Timings under the
// profiler are slower than bench/run.mjs's; read them as shares.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize, sep } from 'node:path';
import { makeMap } from './gen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const profileDist = join(here, 'out', 'dist-profile');
const dist = opt('dist', existsSync(profileDist) ? profileDist : join(root, 'dist'));
const steps = Number(opt('steps', 1000));
const top = Number(opt('top', 25));

if (argv.includes('--build')) {
  // index.html without wasm-opt, so that the wasm keeps its function names.
  execFileSync('trunk', ['build', '--release', '--offline', '--dist', profileDist, join(here, 'pages', 'profile.html')], {
    cwd: root,
    stdio: 'inherit',
    // scripts/split-wasm: keep the names and skip wasm-opt for the split modules too.
    env: { ...process.env, JOURNEYMAP_KEEP_NAMES: '1' },
  });
  console.log(`built ${profileDist}`);
  process.exit(0);
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const base = path.startsWith('/bench/') ? join(here, 'pages') : dist;
  const rel = path.startsWith('/bench/') ? path.slice(7) : path;
  const file = normalize(join(base, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel));
  if (!file.startsWith(base + sep) && file !== base) return res.writeHead(403).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});

/** Self and total time per function from a CDP profile. */
function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  const label = (n) => {
    const f = n.callFrame;
    const name = f.functionName || '(anonymous)';
    const where = f.url ? f.url.split('/').pop().replace(/-[0-9a-f]{16}/, '') : '';
    return where && !name.startsWith('(') ? `${name}  [${where}]` : name;
  };
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    const l = label(node);
    if (l === '(idle)') return;
    all += dt;
    self.set(l, (self.get(l) ?? 0) + dt);
    const seen = new Set();
    for (let n = node; n; n = byId.get(parent.get(n.id))) {
      const k = label(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  return { self, total, all };
}

function print(title, metrics, s) {
  console.log(`\n== ${title}`);
  console.log(
    `   main thread: script ${metrics.ScriptDuration.toFixed(0)} ms, style ${metrics.RecalcStyleDuration.toFixed(0)} ms, ` +
      `layout ${metrics.LayoutDuration.toFixed(0)} ms, all tasks ${metrics.TaskDuration.toFixed(0)} ms; profiled (not idle) ${s.all.toFixed(0)} ms`,
  );
  const list = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `   ${v.toFixed(1).padStart(8)} ms ${((100 * v) / s.all).toFixed(1).padStart(5)}%  ${k.slice(0, 160)}`)
      .join('\n');
  console.log(`   -- most self time\n${list(s.self, top)}`);
  const ours = new Map([...s.total].filter(([k]) => /^(<[^>]* as )?journeymap::/.test(k) && !/journeymap::main::/.test(k)));
  console.log(`   -- most total time, Journeymap's own functions (callees included)\n${list(ours, top)}`);
  const lib = new Map([...s.total].filter(([k]) => /serde|plotters|core::fmt|indexmap|shift_remove|clear_sources|inner_html|set_attribute|decodeText|passStringToWasm/.test(k)));
  console.log(`   -- most total time, selected library functions\n${list(lib, Math.min(top, 12))}`);
}

async function metricsDelta(cdp, f) {
  const get = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const a = await get();
  await f();
  const b = await get();
  const d = {};
  for (const k of ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration']) d[k] = (b[k] - a[k]) * 1000;
  return d;
}

async function scenario(title, setup, action) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await setup?.(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const metrics = await metricsDelta(cdp, () => action(page));
  const { profile } = await cdp.send('Profiler.stop');
  print(title, metrics, summarize(profile));
  return { page, context };
}

const map = makeMap(steps);
const seed = async (page) => {
  await page.goto(`${url}bench/blank.html`);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`journeymap:map:${map.id}`, JSON.stringify(map)]);
};
const opened = (page) => page.locator(`td.cell[data-lane="l9"][data-step="t${Math.min(steps, 12)}"]`).waitFor({ timeout: 120000 });
/** Scrolls the grid to step `n` (1-based); only the columns in view are drawn. */
const scrollToStep = async (page, n) => {
  await page.locator('.grid-scroll').evaluate((e, x) => { e.scrollLeft = x; }, 190 * (n - 3));
  await page.locator(`td.cell[data-lane="l1"][data-step="t${n}"]`).waitFor();
};

console.log(`Profiling ${dist} with a map of ${steps} steps × 10 lanes`);
{
  const { context } = await scenario(`Open the editor on ${steps} steps`, seed, async (page) => {
    await page.goto(`${url}#/map/${map.id}`);
    await opened(page);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
  });
  await context.close();
}
{
  let slider;
  const { context } = await scenario(
    `Move one emotion point 10 times (ArrowUp/ArrowDown), ${steps} steps`,
    async (page) => {
      await seed(page);
      await page.goto(`${url}#/map/${map.id}`);
      await opened(page);
      await scrollToStep(page, Math.floor(steps / 2) + 1);
      slider = page.locator(`[data-point][data-lane="l4"][data-step="t${Math.floor(steps / 2) + 1}"]`);
      await slider.focus();
    },
    async (page) => {
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press(i % 2 ? 'ArrowDown' : 'ArrowUp');
        await page.waitForTimeout(200);
      }
    },
  );
  await context.close();
}
{
  const { context } = await scenario(
    `Edit one text cell 5 times (click, type, Enter), ${steps} steps`,
    async (page) => {
      await seed(page);
      await page.goto(`${url}#/map/${map.id}`);
      await opened(page);
    },
    async (page) => {
      for (let i = 0; i < 5; i++) {
        await scrollToStep(page, Math.floor(steps / 2) + i);
        const cell = page.locator(`td.cell[data-lane="l1"][data-step="t${Math.floor(steps / 2) + i}"]`);
        await cell.click();
        await page.keyboard.press('x');
        await page.keyboard.press('Enter');
        await page.waitForTimeout(200);
      }
    },
  );
  await context.close();
}
{
  const { context } = await scenario(
    `Open a cell's editor and close it (Escape) 5 times, ${steps} steps`,
    async (page) => {
      await seed(page);
      await page.goto(`${url}#/map/${map.id}`);
      await opened(page);
      await scrollToStep(page, Math.floor(steps / 2));
    },
    async (page) => {
      for (let i = 0; i < 5; i++) {
        const at = Math.floor(steps / 2) + (i % 2);
        await page.locator(`td.cell[data-lane="l1"][data-step="t${at}"]`).click();
        await page.locator('.cell-editor textarea').waitFor();
        await page.keyboard.press('Escape');
        await page.locator('.cell-editor').waitFor({ state: 'detached' });
        await page.waitForTimeout(200);
      }
    },
  );
  await context.close();
}
{
  const { context } = await scenario(
    `Type 5 characters into an open cell editor, ${steps} steps`,
    async (page) => {
      await seed(page);
      await page.goto(`${url}#/map/${map.id}`);
      await opened(page);
      await scrollToStep(page, Math.floor(steps / 2));
      await page.locator(`td.cell[data-lane="l1"][data-step="t${Math.floor(steps / 2)}"]`).click();
      await page.locator('.cell-editor textarea').waitFor();
      await page.waitForTimeout(1000);
    },
    async (page) => {
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('x');
        await page.waitForTimeout(200);
      }
    },
  );
  await context.close();
}
await browser.close();
server.close();
