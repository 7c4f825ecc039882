// Embedding read-only maps in other pages (issue 4, docs/embedding.md):
// the script embed (embed.js) and the viewer page (embed.html), with the
// host page on one origin and the Journeymap build on another.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, readFile, copyFile, symlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, screenshot, dist, root, frames, contrastOnBand } from './lib.mjs';

const fixtures = join(root, 'tests', 'e2e', 'fixtures', 'embed');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser;
let app; // the build, on its own origin, readable from any origin (CORS)
let host; // the host pages and their maps, on another origin
let same; // host pages and the build together, under the strict CSP
let hostDir;

/** A share-link code for `doc`: literal runs only, which the decoder reads. */
function shareCode(doc) {
  const bytes = Buffer.from(JSON.stringify(doc));
  const out = [];
  for (let i = 0; i < bytes.length; i += 128) {
    const run = bytes.subarray(i, i + 128);
    out.push(run.length - 1, ...run);
  }
  return '1' + Buffer.from(out).toString('base64url');
}

const page = (body, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${head}</head><body>${body}</body></html>`;

before(async () => {
  hostDir = await mkdtemp(join(tmpdir(), 'jm-host-'));
  for (const f of ['onboarding', 'support', 'newer', 'broken']) {
    await copyFile(join(fixtures, `${f}.journey.json`), join(hostDir, `${f}.journey.json`));
  }
  await writeFile(join(hostDir, 'index.html'), page('<p>Host</p>'));
  // Browsers ask every origin for one.
  await copyFile(join(root, 'favicon.svg'), join(hostDir, 'favicon.ico'));
  // The build under /jm/ of the same origin, for the CSP test.
  await symlink(dist, join(hostDir, 'jm'));
  app = await startServer(dist, {
    // /nocors/ answers without CORS headers, like a server that does not allow embedding.
    headers: (path) => (path.startsWith('/nocors/') ? {} : { 'access-control-allow-origin': '*' }),
  });
  host = await startServer(hostDir, { headers: { 'access-control-allow-origin': '*' } });
  same = await startServer(hostDir, { headers: { 'content-security-policy': CSP } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([app?.close(), host?.close(), same?.close()]);
  await rm(hostDir, { recursive: true, force: true });
});

const inlineMap = {
  format: 'journeymap',
  version: 1,
  title: 'Inline <b>map</b> & <img src=x onerror=alert(1)>',
  stages: [{ id: 's1', name: 'Only stage', steps: [{ id: 't1', name: '<i>Step</i> one' }, { id: 't2', name: 'Step two' }] }],
  lanes: [{ id: 'l1', kind: 'text', title: 'Doing', cells: { t1: '<script>alert(1)</script>' } }],
};
// Inside <script type="application/json">, "</" must not appear literally.
const inlineJson = JSON.stringify(inlineMap).replaceAll('</', '<\\/');

/** Writes a host page and returns its URL on `server`. */
async function hostPage(server, name, html) {
  await writeFile(join(hostDir, name), html);
  return server.url + name;
}

/** Text of every map box on the page (through the open shadow roots). */
const boxes = (p) => p.locator('[data-journey-map] >> .jm');

test('two script-embedded maps and an iframe-embedded map render, cross-origin', async () => {
  const url = await hostPage(
    host,
    'two.html',
    page(
      `<h1>Our journeys</h1>
       <div id="a" data-journey-map data-src="onboarding.journey.json" data-heading="3"></div>
       <p>Between the maps.</p>
       <div id="b" data-journey-map data-theme="dark"><script type="application/json">${inlineJson}</script></div>
       <iframe id="f" title="Support call" width="900" height="420"
         src="${app.url}embed.html?src=${encodeURIComponent(host.url + 'support.journey.json')}&lanes=emotion,quotes"></iframe>`,
      `<script type="module" src="${app.url}embed.js"></script>`,
    ),
  );
  const { page: p, errors, context } = await newPage(browser, url);
  const a = p.locator('#a');
  // data-heading sets the title's level in the page's outline.
  await a.getByRole('heading', { name: 'Team onboarding', level: 3 }).waitFor();
  for (const step of ['Signs the offer', 'Gets a laptop', 'Meets the team', 'Sets up accounts', 'Ships a first fix', 'Joins on-call']) {
    assert.equal(await a.getByRole('columnheader', { name: step, exact: true }).count(), 1, step);
  }
  for (const stage of ['Before day one', 'First week', 'Second week']) {
    assert.equal(await a.getByRole('columnheader', { name: stage, exact: true }).count(), 1, stage);
  }
  assert.equal(await a.getByRole('rowheader').count(), 6);
  await a.getByText('Twelve accounts to request').waitFor();
  await a.getByText('Coffee with the buddy').waitFor();
  // A pain point's "!" is decoration, not read out: its lane says what it is.
  assert.equal(await a.getByRole('listitem').filter({ hasText: 'Twelve accounts to request' }).ariaSnapshot(), '- listitem: Twelve accounts to request');
  // Both curves are drawn, each described point by point.
  assert.equal(await a.locator('.jm-plot svg').count(), 2);
  assert.match(await a.getByRole('img').first().getAttribute('aria-label'), /^Feeling: Signs the offer 2 \(Delighted\); .*Sets up accounts -2 \(Frustrated\)/);
  // The link opens this map in the editor, on the build's origin.
  const open = a.getByRole('link', { name: 'Open in Journeymap' });
  assert.match(await open.getAttribute('href'), new RegExp(`^${app.url}index\\.html#map=1[A-Za-z0-9_-]+$`));
  const editor = await newPage(browser, await open.getAttribute('href'));
  await editor.page.getByRole('heading', { name: 'Team onboarding' }).waitFor();
  await editor.page.getByText('Read-only').waitFor();
  assert.equal(await editor.page.locator('th.step').count(), 6);
  assert.deepEqual(editor.errors, []);
  await editor.context.close();

  // The inline map: its text is text, never HTML.
  const b = p.locator('#b');
  await b.getByRole('heading', { name: inlineMap.title, level: 2 }).waitFor();
  assert.equal(await b.getByRole('columnheader', { name: '<i>Step</i> one' }).count(), 1);
  await b.getByText('<script>alert(1)</script>').waitFor();
  assert.equal(await b.locator('.jm').locator('img, i, b, script').count(), 0);
  assert.equal(await b.locator('.jm.theme-dark').count(), 1);

  // The viewer in the iframe: only the lanes asked for.
  const f = p.frameLocator('#f');
  await f.getByRole('heading', { name: 'Support call' }).waitFor();
  await f.getByText('Future state').waitFor();
  await f.getByText('Twenty minutes of hold music.').waitFor();
  assert.deepEqual(await f.locator('.jm-lane-name').allInnerTexts(), ['Quotes', 'Feeling']);
  assert.equal(await f.getByText('Wait time').count(), 0);

  // A map added after load renders too (MutationObserver), and mount() works.
  await p.evaluate(() => {
    const d = document.createElement('div');
    d.id = 'late';
    d.dataset.journeyMap = '';
    d.dataset.src = 'support.journey.json';
    d.dataset.lanes = 'metrics';
    document.body.append(d);
  });
  await p.locator('#late').getByText('Wait time').waitFor();
  assert.deepEqual(await p.locator('#late').locator('.jm-lane-name').allInnerTexts(), ['Metrics']);
  const mounted = await p.evaluate(async (src) => {
    const { mount } = await import(src);
    const d = document.createElement('section');
    d.id = 'api';
    document.body.append(d);
    return mount(d, { map: { format: 'journeymap', version: 1, title: 'From the API', stages: [], lanes: [] }, theme: 'auto' });
  }, app.url + 'embed.js');
  assert.equal(mounted, true);
  await p.locator('#api').getByRole('heading', { name: 'From the API' }).waitFor();
  // Called wrongly, mount() says how.
  const wrong = await p.evaluate(async (src) => {
    const { mount } = await import(src);
    const d = document.createElement('section');
    d.id = 'api-empty';
    document.body.append(d);
    const empty = await mount(d, {});
    const thrown = await mount(null, {}).then(() => 'resolved', (e) => e.message);
    return { empty, text: d.shadowRoot?.textContent ?? d.textContent, thrown };
  }, app.url + 'embed.js');
  assert.equal(wrong.empty, false);
  assert.match(wrong.text, /No map was given: pass mount\(\) one of src, map or code\./);
  assert.equal(wrong.thrown, 'journeymap mount(): the first argument must be an element of the page, not null');

  await p.setViewportSize({ width: 1200, height: 1500 });
  await screenshot(p, 'embed-cross-origin', { fullPage: true });
  // Nothing was stored by the embed, on either origin.
  assert.deepEqual(await p.evaluate(() => Object.keys(localStorage)), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a stage's name reads on a dark stage colour, a refused colour gets the neutral band, and a long scale word ends in an ellipsis", async () => {
  const doc = {
    format: 'journeymap',
    version: 1,
    id: 'colours',
    title: 'Colours',
    stages: ['navy', '#12345', '#fde68a'].map((color, i) => ({ id: `s${i}`, name: `Stage ${i}`, color, steps: [{ id: `t${i}`, name: `Step ${i}` }] })),
    scale: { min: -2, max: 2, labels: ['Frustrated', 'Unhappy', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Delighted'] },
    lanes: [{ id: 'l1', kind: 'text', title: 'Doing', cells: {} }, { id: 'l2', kind: 'emotion', title: 'Feeling', cells: { t0: 1 } }],
  };
  const p = await browser.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${app.url}embed.html#map=${shareCode(doc)}`);
  const names = p.locator('.jm-stage-name');
  await names.nth(2).waitFor();
  const ratios = await names.evaluateAll(contrastOnBand);
  ratios.forEach((r, i) => assert.ok(r >= 4.5, `stage ${i}: ${r.toFixed(2)}`));
  // A long scale word ends in "…" inside its lane's title, not cut at its start.
  const word = await p.locator('.jm-scale-label', { hasText: 'Neither' }).evaluate((l) => {
    const title = l.closest('th').getBoundingClientRect();
    return { left: l.getBoundingClientRect().left - title.left, cut: l.scrollWidth > l.clientWidth };
  });
  assert.ok(word.left >= 0 && word.cut, JSON.stringify(word));
  assert.deepEqual(errors, []);
  await p.close();
});

test('a wide map scrolls inside its box with the lane titles kept in view', async () => {
  const url = await hostPage(
    host,
    'narrow.html',
    page(`<div id="a" data-journey-map data-src="onboarding.journey.json" data-height="320"></div>`, `<script type="module" src="${app.url}embed.js"></script>`),
  );
  const { page: p, errors, context } = await newPage(browser, url, { viewport: { width: 700, height: 600 } });
  const a = p.locator('#a');
  await a.getByRole('heading', { name: 'Team onboarding' }).waitFor();
  const box = await a.locator('.jm').boundingBox();
  assert.equal(Math.round(box.height), 320);
  assert.ok(box.width <= 700);
  // The embed draws its table again when the columns around the view are
  // added (after the first frame) and when its window moves: each box is
  // read once its element is on the page again.
  const settled = async (locator) => {
    for (let i = 0; i < 40; i++) {
      const b = await locator.boundingBox();
      if (b) return b;
      await p.waitForTimeout(25);
    }
    return locator.boundingBox();
  };
  const scroller = a.locator('.jm-scroll');
  const title = a.getByRole('rowheader', { name: /^Doing/ });
  const before = await settled(title);
  const header = a.getByRole('columnheader', { name: 'Sets up accounts' });
  const headerBefore = await settled(header);
  await scroller.evaluate((s) => {
    s.scrollLeft = 600;
    s.scrollTop = 200;
  });
  assert.ok((await scroller.evaluate((s) => s.scrollLeft)) > 0, 'it scrolls sideways');
  // The scroll event comes with the next frame, and may draw other columns.
  await frames(p);
  const after = await settled(a.getByRole('rowheader', { name: /^Pain points/ }));
  assert.equal(Math.round(after.x), Math.round(before.x), 'lane titles stay at the left');
  const headerAfter = await settled(header);
  assert.equal(Math.round(headerAfter.y), Math.round(headerBefore.y), 'the step headers stay at the top');
  assert.ok(headerAfter.x < headerBefore.x, 'and move sideways with the columns');
  // Reached with Tab, the scroll area shows its focus ring on all four
  // sides: it is the area's border, which the sticky headers cannot cover.
  for (let i = 0; i < 6 && !(await scroller.evaluate((s) => s.matches(':focus'))); i++) await p.keyboard.press('Tab');
  const ring = await scroller.evaluate((s) => {
    const c = getComputedStyle(s);
    return s.matches(':focus-visible') && [c.borderTopColor, c.borderLeftColor].every((b) => b !== 'rgba(0, 0, 0, 0)') && c.borderTopWidth;
  });
  assert.equal(ring, '2px', 'the focused scroll area shows a ring');
  await screenshot(p, 'embed-scrolled');
  assert.deepEqual(errors, []);
  await context.close();
});

test('in a narrow column the lane titles narrow so that a whole step shows beside them', async () => {
  const url = await hostPage(
    host,
    'column.html',
    page(
      `<div style="width: 360px"><div id="n" data-journey-map data-src="onboarding.journey.json" data-height="420"></div></div>
       <div id="w" data-journey-map data-src="onboarding.journey.json" data-height="420"></div>`,
      `<script type="module" src="${app.url}embed.js"></script>`,
    ),
  );
  const { page: p, errors, context } = await newPage(browser, url, { viewport: { width: 1000, height: 1000 } });
  for (const [id, widest] of [['#n', 160], ['#w', 230]]) {
    const box = p.locator(id);
    await box.getByRole('heading', { name: 'Team onboarding' }).waitFor();
    const lanes = await box.locator('th.jm-lane').first().boundingBox();
    assert.ok(lanes.width <= widest && lanes.width >= widest - 20, `${id}: lane titles ${lanes.width} px`);
  }
  const n = p.locator('#n');
  const first = await n.locator('th.jm-step').first().boundingBox();
  const frame = await n.locator('.jm-scroll').boundingBox();
  assert.ok(first.x + first.width <= frame.x + frame.width, 'the first step shows whole in the narrow column');
  // An emotion lane's title keeps room beside its scale: a word such as
  // "Manager's" stays whole (it broke as "Manager'" / "s view").
  const wordLines = await n
    .locator('th.jm-lane .jm-lane-name', { hasText: "Manager's view" })
    .evaluate((el) => {
      const text = el.firstChild;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, "Manager's".length);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
  assert.equal(wordLines, 1, "the word Manager's is on one line");
  await screenshot(p, 'embed-column');
  // A window made narrow after the map was drawn (a phone turned, a
  // window resized) narrows the lane titles of the wide one too, and
  // widening it brings them back.
  const laneWidth = async () => (await p.locator('#w th.jm-lane').first().boundingBox()).width;
  await p.setViewportSize({ width: 390, height: 800 });
  await p.locator('#w .jm-scroll.jm-narrow').waitFor();
  assert.ok((await laneWidth()) <= 160, `narrowed: ${await laneWidth()} px`);
  const step = await p.locator('#w th.jm-step').first().boundingBox();
  const frame2 = await p.locator('#w .jm-scroll').boundingBox();
  assert.ok(step.x + step.width <= frame2.x + frame2.width, 'the first step shows whole once narrowed');
  await p.setViewportSize({ width: 1000, height: 1000 });
  await p.locator('#w .jm-scroll.jm-narrow').waitFor({ state: 'detached' });
  assert.ok((await laneWidth()) >= 210, `widened: ${await laneWidth()} px`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken src shows an error box naming the URL while the other maps render', async () => {
  const nocors = `${app.url}nocors/onboarding.journey.json`;
  const url = await hostPage(
    host,
    'broken.html',
    page(
      `<div id="ok" data-journey-map data-src="onboarding.journey.json"></div>
       <div id="missing" data-journey-map data-src="maps/missing.journey.json"></div>
       <div id="invalid" data-journey-map data-src="broken.journey.json"></div>
       <div id="newer" data-journey-map data-src="newer.journey.json"></div>
       <div id="cors" data-journey-map data-src="${nocors}"></div>
       <div id="empty" data-journey-map></div>
       <button id="still">Still works</button>`,
      `<script type="module" src="${app.url}embed.js"></script>`,
    ),
  );
  const { page: p, errors, context } = await newPage(browser, url);
  await p.locator('#ok').getByRole('heading', { name: 'Team onboarding' }).waitFor();
  const expect = {
    missing: [/not found \(HTTP 404/, `${host.url}maps/missing.journey.json`],
    invalid: [/not a map Journeymap can read: line 1, column 58: the document ends too early/, `${host.url}broken.journey.json`],
    newer: [/made by a newer Journeymap/, `${host.url}newer.journey.json`],
    cors: [/could not be fetched.*CORS/, nocors],
    empty: [/No map was given/, null],
  };
  for (const [id, [message, source]] of Object.entries(expect)) {
    const alert = p.locator(`#${id}`).getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /This journey map cannot be shown/, id);
    assert.match(text, message, id);
    if (source) assert.ok(text.includes(`Source: ${source}`), `${id}: ${text}`);
  }
  // The page itself keeps working.
  await p.locator('#still').click();
  await screenshot(p, 'embed-errors', { fullPage: true });
  // The browser reports the failed requests itself; the embed adds nothing else.
  assert.deepEqual(
    errors.filter((e) => !/Failed to load resource|blocked by CORS policy/.test(e)),
    [],
  );
  // The viewer page with no map says what its own address needs.
  await p.goto(`${app.url}embed.html`);
  const alert = p.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /add \?src=.* or #map=/);
  await context.close();
});

// Computed styles of the host's own elements, to compare with and without the embed.
const PROPS = ['display', 'color', 'font-size', 'font-family', 'margin-top', 'padding-left', 'background-color', 'border-top-width', 'list-style-type', 'box-sizing', 'line-height', 'width'];
function hostStyles(props) {
  return [...document.querySelectorAll('body *:not([data-journey-map]):not(script)')].map((e) => {
    const s = getComputedStyle(e);
    return `${e.tagName}.${e.className}: ${props.map((p) => s.getPropertyValue(p)).join(' ')}`;
  });
}

test("the widget's CSS changes nothing in the host page", async () => {
  // Host elements that share the widget's tags and class names.
  const body = `<h2 class="jm-title">Host heading</h2><div class="jm theme-dark"><p class="text">Host text</p>
    <table class="jm-grid"><tr><th class="jm-lane">A</th><td class="jm-cell">B</td></tr></table>
    <ul class="items pain_points"><li>Host item</li></ul><a class="jm-open" href="#">Host link</a></div>
    <div data-journey-map data-src="onboarding.journey.json"></div>`;
  const url = await hostPage(host, 'leak.html', page(body));
  const { page: p, errors, context } = await newPage(browser, url);
  const before = await p.evaluate(hostStyles, PROPS);
  const sheets = await p.evaluate(() => document.styleSheets.length);
  await p.evaluate((src) => import(src), app.url + 'embed.js');
  await p.locator('[data-journey-map]').getByRole('heading', { name: 'Team onboarding' }).waitFor();
  assert.deepEqual(await p.evaluate(hostStyles, PROPS), before);
  assert.equal(await p.evaluate(() => document.styleSheets.length), sheets);
  assert.equal(await p.evaluate(() => document.adoptedStyleSheets.length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hostile host stylesheet does not break the widget', async () => {
  const hostile = `<style>
    * { all: unset; }
    div { display: none; }
    svg, table, h2, ul { display: none !important; }
    [data-journey-map] { visibility: hidden; height: 0; overflow: hidden; opacity: 0; font-size: 40px; color: red; }
    .jm, .jm-title, .jm-grid { display: none !important; }
    li::before { content: "X"; }
  </style>`;
  const body = `<div id="a" data-journey-map data-src="onboarding.journey.json"></div>`;
  const plain = await hostPage(host, 'plain.html', page(body, `<script type="module" src="${app.url}embed.js"></script>`));
  const evil = await hostPage(host, 'hostile.html', page(body, `${hostile}<script type="module" src="${app.url}embed.js"></script>`));
  const measure = async (url) => {
    const { page: p, errors, context } = await newPage(browser, url);
    const a = p.locator('#a');
    await a.getByRole('heading', { name: 'Team onboarding' }).waitFor();
    const m = {
      host: await a.evaluate((e) => [getComputedStyle(e).display, getComputedStyle(e).visibility, getComputedStyle(e).opacity]),
      heading: await a.getByRole('heading').evaluate((e) => [getComputedStyle(e).fontSize, getComputedStyle(e).color]),
      box: await a.locator('.jm').boundingBox(),
      svg: await a.locator('.jm-plot svg').first().boundingBox(),
      visible: await a.getByText('Twelve accounts to request').isVisible(),
      painBefore: await a.locator('ul.pain_points li').first().evaluate((e) => getComputedStyle(e, '::before').content),
    };
    return { m, p, errors, context };
  };
  const good = await measure(plain);
  const bad = await measure(evil);
  assert.deepEqual(bad.m.host, ['block', 'visible', '1']);
  assert.deepEqual(bad.m.heading, good.m.heading);
  assert.equal(bad.m.visible, true);
  assert.equal(bad.m.painBefore, good.m.painBefore);
  // (The box is 16 px wider on the hostile page: its body lost its margin.)
  assert.equal(Math.round(bad.m.box.height), Math.round(good.m.box.height));
  for (const k of ['width', 'height']) {
    assert.equal(Math.round(bad.m.svg[k]), Math.round(good.m.svg[k]), `svg ${k}`);
  }
  await screenshot(bad.p, 'embed-hostile');
  assert.deepEqual(good.errors, []);
  assert.deepEqual(bad.errors, []);
  await good.context.close();
  await bad.context.close();
});

/** Opens `url`, recording CSP violations in every frame. */
async function openRecordingViolations(url) {
  const opened = await newPage(browser);
  await opened.context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await opened.page.goto(url);
  return opened;
}
const violations = async (p) => (await Promise.all(p.frames().map((f) => f.evaluate(() => window.__violations ?? []).catch(() => [])))).flat();

test('the embed and the viewer run under the strict CSP with no violation', async () => {
  const code = shareCode(JSON.parse(await readFile(join(fixtures, 'support.journey.json'), 'utf8')));
  const url = await hostPage(
    same,
    'csp.html',
    page(
      `<div id="a" data-journey-map data-src="onboarding.journey.json"></div>
       <div id="b" data-journey-map data-theme="dark"><script type="application/json">${inlineJson}</script></div>
       <div id="bad" data-journey-map data-src="newer.journey.json"></div>
       <iframe id="f" title="Support call" width="900" height="380" src="jm/embed.html?theme=auto#map=${code}"></iframe>`,
      `<script type="module" src="jm/embed.js"></script>`,
    ),
  );
  const { page: p, errors, context } = await openRecordingViolations(url);
  assert.equal((await p.context().request.get(url)).headers()['content-security-policy'], CSP);
  await p.locator('#a').getByRole('heading', { name: 'Team onboarding' }).waitFor();
  await p.locator('#b').getByRole('heading', { name: inlineMap.title }).waitFor();
  await p.locator('#bad').getByRole('alert').waitFor();
  await p.frameLocator('#f').getByRole('heading', { name: 'Support call' }).waitFor();
  // Styles applied: the stylesheet was not refused.
  assert.equal(await p.locator('#a').locator('.jm-title').evaluate((e) => getComputedStyle(e).fontSize), '17px');
  assert.equal(await p.frameLocator('#f').locator('.jm-title').evaluate((e) => getComputedStyle(e).fontSize), '17px');
  // theme=auto follows the reader's colour scheme.
  const ground = () => p.frameLocator('#f').locator('.jm').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(await ground(), 'rgb(255, 255, 255)');
  await p.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await ground(), 'rgb(17, 24, 39)');
  await screenshot(p, 'embed-csp', { fullPage: true });
  assert.deepEqual(await violations(p), []);
  assert.deepEqual(errors, []);
  await context.close();

  // The check itself works: an inline style on such a page is reported.
  const control = await hostPage(same, 'csp-control.html', page('<p style="color: red">x</p>'));
  const c = await openRecordingViolations(control);
  await c.page.waitForFunction(() => window.__violations.length > 0);
  assert.match((await violations(c.page))[0], /^style-src/);
  await c.context.close();
});

test('the viewer in a sandboxed iframe without allow-same-origin renders a map from #map=', async () => {
  const code = shareCode(JSON.parse(await readFile(join(fixtures, 'onboarding.journey.json'), 'utf8')));
  const url = await hostPage(
    host,
    'sandbox.html',
    page(`<iframe id="f" sandbox="allow-scripts" title="Onboarding" width="1000" height="520" src="${app.url}embed.html#map=${code}&lanes=l1,l2&theme=dark"></iframe>`),
  );
  const { page: p, errors, context } = await newPage(browser, url);
  const f = p.frameLocator('#f');
  await f.getByRole('heading', { name: 'Team onboarding' }).waitFor();
  assert.deepEqual(await f.locator('.jm-lane-name').allInnerTexts(), ['Doing', 'Feeling']);
  assert.equal(await f.locator('.jm-plot svg').count(), 1);
  // In a frame, a #map= viewer links to the editor; only a share link opened
  // in a tab of its own offers "Save a copy" (share.test.mjs).
  await f.getByRole('link', { name: 'Open in Journeymap' }).waitFor();
  assert.equal(await f.getByRole('link', { name: 'Save a copy' }).count(), 0);
  // The frame really has an opaque origin: storage is off limits there.
  const frame = p.frames().find((x) => x.url().includes('embed.html'));
  assert.equal(await frame.evaluate(() => origin), 'null');
  assert.match(await frame.evaluate(() => { try { localStorage.length; return 'ok'; } catch (e) { return e.name; } }), /SecurityError/);
  await screenshot(p, 'embed-sandboxed');
  assert.deepEqual(errors, []);
  await context.close();
});

/** A map of `n` steps in two stages, with a text lane and a curve. */
function longMap(n) {
  const steps = Array.from({ length: n }, (_, i) => ({ id: `s${i + 1}`, name: `Step ${i + 1}` }));
  return {
    format: 'journeymap',
    version: 1,
    id: 'long',
    title: 'Three hundred steps',
    stages: [
      { id: 'a', name: 'First half', steps: steps.slice(0, n / 2) },
      { id: 'b', name: 'Second half', steps: steps.slice(n / 2) },
    ],
    lanes: [
      { id: 'l1', kind: 'text', title: 'Doing', cells: Object.fromEntries(steps.map((s, i) => [s.id, `Does ${i + 1}`])) },
      { id: 'l2', kind: 'emotion', title: 'Feeling', cells: Object.fromEntries(steps.map((s, i) => [s.id, (i % 5) - 2])) },
    ],
  };
}

test('a long map shows the steps in view at once, and draws the others as it scrolls', async () => {
  const n = 300;
  const long = longMap(n);
  const { page: p, errors, context } = await newPage(browser, `${app.url}embed.html#map=${shareCode(long)}`, { viewport: { width: 1000, height: 600 } });
  const grid = p.locator('table.jm-grid:not([aria-busy])');
  await grid.waitFor();
  const headers = () => p.locator('th.jm-step').allInnerTexts();
  const first = await headers();
  assert.equal(first[0], 'Step 1');
  assert.ok(first.length >= 4 && first.length <= 20, `only the steps in view and a margin: ${first.length}`);
  // The curve spans the columns drawn; its description covers every step.
  assert.equal(Number(await p.locator('td.jm-curve').getAttribute('colspan')), first.length);
  assert.match(await p.getByRole('img').getAttribute('aria-label'), /Step 300 2 /);
  // The table keeps the width of every step, so the scroll bar is true.
  const scroll = p.locator('.jm-scroll');
  assert.equal(await scroll.evaluate((s) => s.scrollWidth), 220 + 190 * n);

  // To the end: the last steps are drawn, the first ones are not.
  await scroll.evaluate((s) => (s.scrollLeft = s.scrollWidth));
  await p.locator('th.jm-step', { hasText: /^Step 300$/ }).waitFor();
  await p.getByText('Does 300', { exact: true }).waitFor();
  assert.equal(await p.locator('th.jm-step', { hasText: /^Step 1$/ }).count(), 0);
  assert.deepEqual(await p.locator('th.jm-stage').allInnerTexts(), ['Second half']);
  await screenshot(p, 'embed-long-end');
  // Back to the middle: the stage that the view straddles is split.
  await scroll.evaluate((s) => (s.scrollLeft = 190 * 147));
  await p.locator('th.jm-step', { hasText: /^Step 150$/ }).waitFor();
  assert.deepEqual(await p.locator('th.jm-stage').allInnerTexts(), ['First half', 'Second half']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a map taken out of the page and put back, as wikis swap content, still scrolls to its end', async () => {
  const long = JSON.stringify(longMap(300));
  const marked = (id) => `<div id="${id}" data-journey-map data-height="300"><script type="application/json">${long}</script></div>`;
  const url = await hostPage(host, 'swap.html', page(`<main>${marked('a')}</main>`, `<script type="module" src="${app.url}embed.js"></script>`));
  const { page: p, errors, context } = await newPage(browser, url, { viewport: { width: 900, height: 700 } });
  await p.locator('#a table.jm-grid:not([aria-busy])').waitFor();
  // The page swaps #a out for #b (the embed lets #a's map go when it draws
  // #b), then puts #a back.
  await p.evaluate((html) => {
    const a = document.getElementById('a');
    a.remove();
    document.querySelector('main').insertAdjacentHTML('beforeend', html);
    window.__a = a;
  }, marked('b'));
  await p.locator('#b table.jm-grid:not([aria-busy])').waitFor();
  await p.waitForFunction(() => !document.getElementById('a'));
  await p.evaluate(() => document.querySelector('main').append(window.__a));
  const scroll = p.locator('#a .jm-scroll[data-jm]');
  await scroll.waitFor();
  await scroll.evaluate((s) => (s.scrollLeft = s.scrollWidth));
  await p.locator('#a th.jm-step', { hasText: /^Step 300$/ }).waitFor();
  await p.locator('#a').getByText('Does 300', { exact: true }).waitFor();
  // The other map scrolls too.
  await p.locator('#b .jm-scroll').evaluate((s) => (s.scrollLeft = s.scrollWidth));
  await p.locator('#b th.jm-step', { hasText: /^Step 300$/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long cell scrolls inside its row and fades at the bottom while there is more', async () => {
  const map = longMap(4);
  map.lanes[0].cells.s2 = 'A long note. '.repeat(400);
  const { page: p, errors, context } = await newPage(browser, `${app.url}embed.html#map=${shareCode(map)}`);
  const long = p.locator('td.jm-cell .text', { hasText: 'A long note.' });
  // After the first frame the table is drawn again with its margin.
  await p.locator('table.jm-grid:not([aria-busy])').waitFor();
  await long.waitFor();
  const { scroll, client } = await long.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
  assert.ok(client <= 240 && scroll > client * 3, `the text (${scroll} px) scrolls in ${client} px`);
  assert.match(await long.evaluate((e) => getComputedStyle(e).maskImage), /linear-gradient/);
  assert.equal(await p.locator('td.jm-cell .text', { hasText: 'Does 1' }).evaluate((e) => getComputedStyle(e).maskImage), 'none');
  // At its end (the viewer draws in a shadow root: read through the locator).
  const atEnd = await long.evaluate(async (e) => {
    e.scrollTop = e.scrollHeight;
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    return getComputedStyle(e).maskImage;
  });
  assert.equal(atEnd, 'none');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a theme or height the viewer cannot read is named in the notes above the map', async () => {
  const { page: p, errors, context } = await newPage(browser, `${app.url}embed.html?theme=purple&height=abc#map=${shareCode(longMap(4))}`);
  const notes = p.locator('.jm-notes');
  await notes.waitFor();
  const text = await notes.innerText();
  assert.match(text, /theme "purple" is not light, dark or auto, so the light theme is shown/);
  assert.match(text, /height "abc" is not a length such as 480px, 30em or 60vh, so the map takes the height it needs/);
  assert.deepEqual(errors, []);
  await context.close();
});
