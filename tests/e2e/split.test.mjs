// The editor's wasm comes in parts (src/ui/lazy.rs, scripts/split-wasm):
// opening a map loads only the main module, a panel loads its chunk on first
// use, and a chunk that cannot be loaded says so, keeps the map, and loads
// on Try again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, screenshot, exact } from './lib.mjs';

const env = useServerAndBrowser();
const chunk = /\/journeymap-(split|chunk)-[\w-]+\.wasm$/;

/** Records the wasm chunks the page fetches. */
function chunksOf(page) {
  const seen = [];
  page.on('request', (r) => {
    if (chunk.test(new URL(r.url()).pathname)) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

/** A new map from the start screen; returns once the editor shows it. */
async function newMap(page) {
  await page.getByRole('button', exact('New map')).click();
  await page.locator('table.grid').waitFor();
}

test('the page asks for the chunk loader with the glue, not once the glue has come', async () => {
  const { page, context, errors } = await newPage(env.browser, env.server.url);
  await newMap(page);
  const fresh = await context.newPage();
  const events = [];
  fresh.on('request', (r) => events.push(`asked ${new URL(r.url()).pathname}`));
  fresh.on('requestfinished', (r) => events.push(`came ${new URL(r.url()).pathname}`));
  await fresh.goto(page.url());
  await fresh.locator('table.grid').waitFor();
  const glue = events.findIndex((e) => /^came \/journeymap-[0-9a-f]+\.js$/.test(e));
  const loader = events.findIndex((e) => /^asked \/journeymap-[0-9a-f]+_split\.js$/.test(e));
  assert.ok(glue >= 0 && loader >= 0, events.join('\n'));
  assert.ok(loader < glue, events.join('\n'));
  assert.deepEqual(errors, []);
});

test('opening a map loads no chunk; a panel loads its own on first use', async () => {
  const { page, context, errors } = await newPage(env.browser, env.server.url);
  await newMap(page);
  const url = page.url();
  assert.match(url, /#\/map\//);

  // A fresh page on the map itself: the editor is in the main module.
  const fresh = await context.newPage();
  const seen = chunksOf(fresh);
  await fresh.goto(url);
  await fresh.locator('table.grid').waitFor();
  await fresh.waitForLoadState('networkidle');
  assert.deepEqual(seen, [], 'the editor needs no chunk');

  await fresh.getByRole('button', exact('Insights')).click();
  await fresh.getByRole('region', { name: 'Insights' }).waitFor();
  assert.ok(seen.some((p) => p.includes('-split-insights-')), `the Insights chunk was loaded: ${seen}`);
  const before = seen.length;
  // Closing and opening again uses the loaded chunk.
  await fresh.getByRole('button', exact('Insights')).click();
  await fresh.getByRole('button', exact('Insights')).click();
  await fresh.getByRole('region', { name: 'Insights' }).waitFor();
  assert.equal(seen.length, before, 'no second download');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a chunk that cannot be loaded says so and loads on Try again', async () => {
  const { page, context, errors } = await newPage(env.browser, env.server.url);
  await newMap(page);
  await page.getByRole('textbox', { name: 'Map title' }).fill('Offline for a moment');
  await page.keyboard.press('Enter');

  // The network goes away: every chunk request fails.
  await context.route(chunk, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', exact('Insights')).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Insights panel could not be loaded' });
  await alert.waitFor();
  await screenshot(page, 'split-chunk-failed');
  // The map is still there and still editable.
  await page.getByRole('button', exact('Add stage')).click();
  assert.equal(await page.locator('.crash, .rescue').count(), 0, 'no crash banner');

  // Back online: Try again loads the panel.
  await context.unroute(chunk);
  await alert.getByRole('button', exact('Try again')).click();
  await page.getByRole('region', { name: 'Insights' }).waitFor();
  assert.equal(await alert.count(), 0);
  assert.equal(await page.getByRole('textbox', { name: 'Map title' }).inputValue(), 'Offline for a moment');
  // The failed fetches are the only console errors.
  assert.deepEqual(
    errors.filter((e) => !/Failed to load resource|internetdisconnected|ERR_INTERNET_DISCONNECTED|TypeError: Failed to fetch/.test(e)),
    [],
  );
  await context.close();
});

test('the start screen comes back after its chunk failed to load', async () => {
  const { page, context } = await newPage(env.browser, null);
  await context.route(chunk, (route) => route.abort('internetdisconnected'));
  await page.goto(env.server.url);
  const alert = page.getByRole('alert').filter({ hasText: 'start screen could not be loaded' });
  await alert.waitFor();
  await context.unroute(chunk);
  await alert.getByRole('button', exact('Try again')).click();
  await page.getByRole('button', exact('New map')).waitFor();
  await context.close();
});

test('an import whose reader cannot be loaded changes nothing and says why', async () => {
  const { page, context } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New map')).waitFor();
  const before = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journeymap:map:')).length);
  await context.route(chunk, (route) => route.abort('internetdisconnected'));
  const paste = (text) =>
    page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
    }, text);
  await paste('journey\n  title Offline import\n  section Find\n    Search: 3: Me');
  await page.getByText(/Could not import pasted text: the importer could not be loaded/).waitFor();
  const after = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journeymap:map:')).length);
  assert.equal(after, before, 'nothing stored');
  // Back online, the same paste imports.
  await context.unroute(chunk);
  await paste('journey\n  title Offline import\n  section Find\n    Search: 3: Me');
  await page.getByLabel('Map title').waitFor();
  assert.equal(await page.getByLabel('Map title').inputValue(), 'Offline import');
  await context.close();
});

test('the start screen fetches its chunks with the main module, each once', async () => {
  const { page, context, errors } = await newPage(env.browser, null);
  const seen = chunksOf(page);
  await page.goto(env.server.url);
  await page.getByRole('button', exact('New map')).waitFor();
  await page.waitForLoadState('networkidle');
  assert.ok(seen.some((p) => p.includes('-split-library-')), `the start screen's chunk: ${seen}`);
  // index.html preloads them (scripts/split-wasm); the loader reuses those responses.
  assert.equal(new Set(seen).size, seen.length, `no chunk fetched twice: ${seen}`);
  const preloaded = await page.locator('link[rel=preload][href*="journeymap-split-library-"]').count();
  assert.equal(preloaded, 1);
  assert.deepEqual(errors, []);
  await context.close();
});
