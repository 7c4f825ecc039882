// Journeymap's Mermaid export, read by Mermaid itself: the `mermaid` package
// the benchmarks install (bench/node_modules, scripts/setup). Every template
// and a map of awkward names export to text that Mermaid parses and draws
// with the same sections, tasks, scores and actors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir, access } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { useServerAndBrowser, newPage, artifacts, exact, root } from './lib.mjs';

const env = useServerAndBrowser();
const mermaidDist = join(root, 'bench', 'node_modules', 'mermaid', 'dist');

// Mermaid's page: its own origin, with the package's files from disk.
const PAGE = `<!doctype html><meta charset="utf-8"><div id="out"></div>
<script type="module">
import mermaid from '/mermaid.esm.min.mjs';
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
// Mermaid keeps #…; codes as ﬂ°°…¶ß in its data, and decodes them as it draws.
const decode = (s) => {
  const t = document.createElement('textarea');
  t.innerHTML = s.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  return t.value;
};
const words = (s) => s.replace(/\\s+/g, ' ').trim();
let n = 0;
window.read = async (text) => {
  try {
    // Mermaid's parse, and its data, read before drawing (which parses
    // again into the same store).
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    const tasks = db.getTasks().map((t) => ({ score: t.score, people: t.people.map(decode) }));
    const { svg } = await mermaid.render('d' + ++n, text);
    const box = document.createElement('div');
    box.innerHTML = svg;
    return {
      tasks,
      // What it draws: the labels' text, white space as a reader sees it.
      sections: [...box.querySelectorAll('div.journey-section div.label')].map((e) => words(e.textContent)),
      names: [...box.querySelectorAll('div.task div.label')].map((e) => words(e.textContent)),
    };
  } catch (e) {
    return { error: String((e && e.message) || e) };
  }
};
</script>`;

let reader;
after(() => reader?.close());

/** Mermaid's page, opened once: `read(text)` parses and draws `text`. */
async function mermaid() {
  if (reader) return reader;
  try {
    await access(join(mermaidDist, 'mermaid.esm.min.mjs'));
  } catch {
    throw new Error(`${mermaidDist} is missing: run scripts/setup (it installs bench/'s packages)`);
  }
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.route('http://mermaid.test/**', async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: PAGE });
    const file = normalize(join(mermaidDist, path));
    if (!file.startsWith(mermaidDist + sep)) return route.fulfill({ status: 403 });
    return route.fulfill({ contentType: 'text/javascript', body: await readFile(file) });
  });
  await page.goto('http://mermaid.test/');
  await page.waitForFunction(() => typeof window.read === 'function');
  reader = { read: (text) => page.evaluate((t) => window.read(t), text), close: () => context.close() };
  return reader;
}

/** The open map's Mermaid text, as *Download .mmd* gives it. */
async function exportMermaid(page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Download .mmd')).click();
  return readFile(await (await download).path(), 'utf8');
}

const words = (s) => s.replace(/\s+/g, ' ').trim();

for (const key of ['ecommerce', 'b2b_saas', 'day_in_life', 'blueprint', 'onboarding', 'support']) {
  test(`Mermaid draws the ${key} template as exported, with its stages and steps`, async () => {
    const { page, errors } = await newPage(env.browser, env.server.url);
    await page.getByLabel('Template').selectOption(key);
    await page.getByRole('button', exact('New from template')).click();
    await page.getByLabel('Map title').waitFor();
    const text = await exportMermaid(page);
    const map = JSON.parse(await readFile(join(root, 'templates', `${key}.journey.json`), 'utf8'));
    const got = await (await mermaid()).read(text);
    assert.equal(got.error, undefined, `${got.error}\n${text}`);
    assert.deepEqual(got.sections, map.stages.filter((s) => s.steps.length).map((s) => words(s.name)));
    assert.deepEqual(got.names, map.stages.flatMap((s) => s.steps.map((t) => words(t.name))));
    // One task per step, each score one of Mermaid's faces.
    assert.equal(got.tasks.length, got.names.length);
    assert.ok(got.tasks.every((t) => Number.isInteger(t.score) && t.score >= 1 && t.score <= 5), JSON.stringify(got.tasks));
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test('Mermaid draws awkward names, scores and actors as the map has them', async () => {
  const names = [
    'Pay: 3 #1 now; 100% {sure}',
    'Line\nbreak',
    '<br> stays text',
    'a¶ßb ﬂ°c',
    'title of the step',
    '  spaced  ',
    'Café ☕ — “quoted” `code`',
    'x'.repeat(300),
  ];
  const actors = [['Sam, online', 'Kim'], [], ['Ana: lead'], ['#1 fan;'], ['Kim'], [], ['Sam, online'], ['Zoë']];
  const scores = [1, 2.5, 5, 3, 4, 1.5, 2, 5];
  const steps = names.map((name, k) => ({ id: `t${k + 1}`, name }));
  const map = {
    format: 'journeymap',
    version: 1,
    id: 'awkward',
    title: 'Awkward: #names; 100%',
    state: 'current',
    scale: { min: 1, max: 5, labels: [] },
    personas: [],
    stages: [
      { id: 's1', name: 'First: #1; {a}', steps: steps.slice(0, 4) },
      { id: 's2', name: 'Second\nhalf', steps: steps.slice(4) },
    ],
    lanes: [
      { id: 'l1', kind: 'emotion', title: 'Score', cells: Object.fromEntries(scores.map((v, k) => [`t${k + 1}`, v])) },
      { id: 'l2', kind: 'owners', title: 'Actors', cells: Object.fromEntries(actors.map((a, k) => [`t${k + 1}`, a]).filter(([, a]) => a.length)) },
    ],
  };
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, 'awkward.journey.json');
  await writeFile(path, JSON.stringify(map));
  const { page, errors } = await newPage(env.browser, env.server.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', exact('Import')).click();
  await (await chooser).setFiles(path);
  await page.getByLabel('Map title').waitFor();
  const text = await exportMermaid(page);
  await writeFile(join(artifacts, 'awkward.mmd'), text);
  assert.doesNotMatch(text, /<br>/i, 'a line break is written as a code Mermaid shows as a space');
  const got = await (await mermaid()).read(text);
  assert.equal(got.error, undefined, `${got.error}\n${text}`);
  assert.deepEqual(got.sections, ['First: #1; {a}', 'Second half']);
  assert.deepEqual(got.names, names.map(words));
  assert.deepEqual(got.tasks.map((t) => t.score), scores);
  assert.deepEqual(got.tasks.map((t) => t.people), actors);
  assert.deepEqual(errors, []);
  await page.context().close();
});
