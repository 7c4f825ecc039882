// Pictures out and back in: SVG and PNG exports carry the map and re-open
// it; an image without a map says so; the print view gives clean pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { useServerAndBrowser, newPage, screenshot, artifacts, exact, drawn } from './lib.mjs';

const env = useServerAndBrowser();

async function importFile(page, path) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', exact('Import')).click();
  await (await chooser).setFiles(path);
}

async function exportAs(page, item, path) {
  const download = page.waitForEvent('download', { timeout: 15000 });
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact(item)).click();
  const file = await download;
  await file.saveAs(path);
  return file.suggestedFilename();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The chunk types of a PNG, in order. */
function pngChunks(bytes) {
  const kinds = [];
  let at = 8;
  while (at + 8 <= bytes.length) {
    const len = bytes.readUInt32BE(at);
    kinds.push(bytes.subarray(at + 4, at + 8).toString('latin1'));
    at += 12 + len;
  }
  return kinds;
}

const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

async function makeMap(page, title) {
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').fill(title);
  await page.getByLabel('Map title').press('Enter');
}

test('SVG and PNG exports carry the map and re-open it in a fresh browser', async () => {
  await mkdir(artifacts, { recursive: true });
  const { page, errors } = await newPage(env.browser, env.server.url);
  await makeMap(page, 'Checkout <study> & "co"');
  await drawn(page);
  const steps = await page.locator('th.step input.name').evaluateAll((els) => els.map((e) => e.value));
  assert.equal(steps.length, 12);

  const svgPath = join(artifacts, 'export.journey.svg');
  assert.equal(await exportAs(page, 'Download SVG', svgPath), 'Checkout _study_ & _co_.journey.svg');
  const svg = await readFile(svgPath, 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<metadata><journeymap xmlns="https:\/\/journeymap.invalid\/ns" version="1">/);
  assert.ok(svg.includes('Checkout &lt;study&gt; &amp; &quot;co&quot;'), 'the title is escaped');
  for (const s of steps) for (const w of s.split(' ')) assert.ok(svg.includes(esc(w)), w);
  const [, w, h] = svg.match(/^<svg[^>]* width="([\d.]+)" height="([\d.]+)"/);

  const pngPath = join(artifacts, 'export.journey.png');
  assert.equal(await exportAs(page, 'Download PNG', pngPath), 'Checkout _study_ & _co_.journey.png');
  const png = await readFile(pngPath);
  const size = pngSize(png);
  assert.equal(size.width, Math.ceil(Number(w) * 2), '2× wide');
  assert.equal(size.height, Math.ceil(Number(h) * 2), '2× high');
  const kinds = pngChunks(png);
  assert.equal(kinds.at(-1), 'IEND');
  assert.equal(kinds.at(-2), 'iTXt');
  assert.ok(png.includes(Buffer.from('journeymap\0\0\0\0\0{"format":"journeymap"')));

  // The SVG as the browser draws it on its own.
  const viewer = await newPage(env.browser, null, { viewport: { width: Math.ceil(Number(w)), height: Math.ceil(Number(h)) } });
  await viewer.page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  await screenshot(viewer.page, 'export-svg', { timeout: 30000 });
  assert.ok((await viewer.page.locator('svg text').count()) > 100, 'text stays text');
  await viewer.context.close();

  for (const path of [svgPath, pngPath]) {
    const fresh = await newPage(env.browser, env.server.url);
    await importFile(fresh.page, path);
    await fresh.page.getByLabel('Map title').waitFor();
    assert.equal(await fresh.page.getByLabel('Map title').inputValue(), 'Checkout <study> & "co"');
    await drawn(fresh.page);
    const back = await fresh.page.locator('th.step input.name').evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(back, steps, path);
    assert.deepEqual(fresh.errors, []);
    await fresh.context.close();
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('an image without a map inside gets a clear message and changes nothing', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  const dir = join(artifacts, 'bad');
  await mkdir(dir, { recursive: true });
  const plainPng = join(dir, 'photo.png');
  await page.screenshot({ path: plainPng });
  const plainSvg = join(dir, 'drawing.svg');
  await writeFile(plainSvg, '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  const damaged = join(dir, 'damaged.journey.png');
  const png = await readFile(join(artifacts, 'export.journey.png'));
  png[png.length - 20] ^= 0xff; // inside the iTXt text: the CRC catches it
  await writeFile(damaged, png);
  for (const [path, expected] of [
    [plainPng, /This image has no Journeymap map inside; export it from Journeymap with SVG or PNG to re-open it/],
    [plainSvg, /This image has no Journeymap map inside/],
    [damaged, /damaged/],
  ]) {
    await importFile(page, path);
    const name = path.split('/').at(-1);
    const notice = page.locator('.notice.error').filter({ hasText: name });
    await assert.doesNotReject(notice.waitFor(), name);
    assert.match(await notice.innerText(), expected);
    assert.match(await notice.innerText(), /Nothing was changed/);
    if (path === plainPng) await screenshot(page, 'import-image-without-map');
    await notice.getByRole('button', { name: 'Dismiss message' }).click();
  }
  assert.equal(await page.locator('.map-item').count(), 0);

  // A dropped SVG opens like a picked one.
  const svg = await readFile(join(artifacts, 'export.journey.svg'), 'utf8');
  const dataTransfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.journey.svg', { type: 'image/svg+xml' }));
    return dt;
  }, svg);
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await page.getByLabel('Map title').waitFor();
  assert.equal(await page.getByLabel('Map title').inputValue(), 'Checkout <study> & "co"');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('printing shows the map in pages with headers and no editor chrome', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await makeMap(page, 'Print study');
  // Export → Print… fills the print view, then asks the browser to print
  // (stubbed here: headless Chromium has no print dialog).
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => { window.printed += 1; };
  });
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Print…')).click();
  assert.equal(await page.evaluate(() => window.printed), 1);
  assert.equal(await page.locator('.print-page').count(), 2);
  assert.equal(await page.locator('.print-view').isVisible(), false, 'hidden on screen');
  // beforeprint refills it with the map as it is now.
  await page.getByLabel('Map title').fill('Print study, v2');
  await page.getByLabel('Map title').press('Enter');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.match(await page.locator('.print-page').first().innerHTML(), /Print study, v2/);
  await page.getByLabel('Map title').fill('Print study');
  await page.getByLabel('Map title').press('Enter');
  // Chromium fires the print media query's change on emulation; the
  // view fills itself then (and on beforeprint when really printing).
  await page.emulateMedia({ media: 'print' });
  await page.locator('.print-page').first().waitFor();
  assert.equal(await page.locator('.print-page').count(), 2, '12 steps, 6 per page');
  assert.equal(await page.locator('.toolbar').isVisible(), false);
  assert.equal(await page.locator('.grid-scroll').isVisible(), false);
  for (const p of await page.locator('.print-page').all()) {
    const text = await p.locator('svg > text, svg g text').allTextContents();
    assert.ok(text.includes('Print study'), 'the title on every page');
    assert.ok(text.includes('Doing'), 'lane titles on every page');
  }
  await screenshot(page, 'print-emulated', { fullPage: true });

  const pdf = await page.pdf({ path: join(artifacts, 'print.pdf'), landscape: true, preferCSSPageSize: true });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  assert.equal(pages.length, 2, 'two pages');

  // Back on screen the editor is as it was.
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('.toolbar').isVisible(), true);
  assert.equal(await page.locator('.print-view').isVisible(), false);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the picture exports are reachable from the keyboard, and a map too wide for a PNG says so', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await makeMap(page, 'Keyboard study');
  await page.getByRole('button', exact('Export')).focus();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 12; i += 1) {
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (focused === 'Download SVG') break;
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Download SVG');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  assert.equal((await download).suggestedFilename(), 'Keyboard study.journey.svg');

  // 62 steps at 2× are wider than the canvas limit: the PNG is refused
  // with advice, and nothing is downloaded.
  const doc = JSON.parse(await readFile(join(artifacts, 'export.journey.svg'), 'utf8').then((t) => {
    const m = t.match(/<journeymap[^>]*>([^<]*)<\/journeymap>/);
    return m[1].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }));
  doc.id = 'wide';
  doc.title = 'Very wide';
  doc.stages[0].steps.push(...Array.from({ length: 50 }, (_, i) => ({ id: `w${i}`, name: `Step ${i}` })));
  const path = join(artifacts, 'bad', 'wide.journey.json');
  await writeFile(path, JSON.stringify(doc));
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await importFile(page, path);
  await page.getByLabel('Map title').waitFor();
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Download PNG')).click();
  const notice = page.locator('.notice.error').filter({ hasText: 'PNG export failed' });
  await assert.doesNotReject(notice.waitFor());
  assert.match(await notice.innerText(), /too large for a PNG .* download the SVG instead/);
  assert.deepEqual(errors, []);
  await page.context().close();
});
