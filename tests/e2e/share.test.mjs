// Share links: the whole map in the URL fragment, opened read-only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useServerAndBrowser, newPage, screenshot, exact, drawn } from './lib.mjs';
import { makeMap, shareCode } from '../../bench/gen.mjs';

const env = useServerAndBrowser();

/** Makes the E-commerce template, titled "Shared journey", and copies its share link. */
async function sharedTemplate() {
  const { page, context, errors } = await newPage(env.browser, env.server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').fill('Shared journey');
  await page.getByLabel('Map title').press('Enter');
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Copy share link')).click();
  await assert.doesNotReject(page.getByText('Copied the share link to the clipboard.').waitFor());
  const link = await page.evaluate(() => navigator.clipboard.readText());
  return { page, context, errors, link };
}

/** The keys of the maps stored in `page`'s browser. */
const storedMaps = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journeymap:map:')));

test('a share link opens the map read-only in the small viewer page, and a copy can be saved', async () => {
  const { context, errors, link } = await sharedTemplate();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/embed\.html#map=1[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 32 * 1024);

  // Another browser profile: nothing stored there. The link loads the
  // embed's viewer, not the editor.
  const fresh = await newPage(env.browser);
  const wasm = [];
  fresh.page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
  await fresh.page.goto(link);
  // The map is the page: its title is the page's heading.
  await assert.doesNotReject(fresh.page.getByRole('heading', { name: 'Shared journey', level: 1 }).waitFor());
  await assert.doesNotReject(fresh.page.getByText('Read-only').waitFor());
  assert.equal(await fresh.page.title(), 'Shared journey · Journeymap');
  // The steps in view come first; the rest of a 12-step map follows at once.
  await fresh.page.locator('table.jm-grid:not([aria-busy])').waitFor();
  assert.equal(await fresh.page.locator('th.jm-step').count(), 12);
  assert.equal(await fresh.page.locator('.jm-plot svg').count(), 1);
  assert.deepEqual(wasm, ['/embed/journeymap_embed_bg.wasm']);
  // Nothing there edits, and nothing was stored.
  assert.equal(await fresh.page.locator('input, textarea, [contenteditable]').count(), 0);
  assert.equal(await fresh.page.getByRole('link', { name: 'Open in Journeymap' }).count(), 0);
  assert.deepEqual(await fresh.page.evaluate(() => Object.keys(localStorage)), []);
  await screenshot(fresh.page, 'shared-view');
  // A reader with a dark system theme gets the map in dark colours.
  await fresh.page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(
    await fresh.page.evaluate(() => getComputedStyle(document.body).backgroundColor),
    'rgb(17, 24, 39)',
  );
  assert.equal(await fresh.page.locator('.jm.theme-auto').count(), 1);
  await screenshot(fresh.page, 'shared-view-dark');
  await fresh.page.emulateMedia({ colorScheme: 'light' });

  // "Save a copy" keeps the map in this browser and opens it in the editor,
  // in the same tab; Back returns to the shared map without a second copy.
  const save = fresh.page.getByRole('link', { name: 'Save a copy' });
  await save.focus();
  await fresh.page.keyboard.press('Enter');
  await fresh.page.getByLabel('Map title').waitFor();
  assert.equal(await fresh.page.getByLabel('Map title').inputValue(), 'Shared journey');
  await assert.doesNotReject(fresh.page.getByText('Saved a copy of "Shared journey" in this browser.').waitFor());
  assert.match(fresh.page.url(), /\/index\.html#\/map\/[A-Za-z0-9_-]+$/);
  // The editor opened on #copy=…, so the start screen's chunks were not preloaded.
  assert.equal(await fresh.page.locator('link[rel=preload][href*="split-library"]').count(), 0);
  const stored = () => storedMaps(fresh.page);
  assert.equal((await stored()).length, 1);
  await fresh.page.goBack();
  await fresh.page.waitForURL(/embed\.html#map=/);
  await fresh.page.getByRole('heading', { name: 'Shared journey' }).waitFor();
  assert.equal((await stored()).length, 1);
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
  await context.close();
});

test('a read-only map offers no step to add to a stage without steps', async () => {
  const map = makeMap(12, { id: 'gap' });
  map.stages.splice(2, 0, { id: 'empty', name: 'Nothing here yet', color: '#e9c46a', steps: [] });
  const { page, errors } = await newPage(env.browser, `${env.server.url}#map=${shareCode(map)}`);
  await drawn(page);
  await page.locator('th.stage input.stage-name[data-id="empty"]').waitFor();
  assert.equal(await page.locator('th.step.empty-stage').count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Add step' }).count(), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the editor shows a #map= link read-only, and saves a copy from it or from a #copy= link', async () => {
  const { context, errors, link } = await sharedTemplate();
  const code = link.split('#map=')[1];

  // "Open in Journeymap" on an embedded map leads to index.html#map=….
  const fresh = await newPage(env.browser, `${env.server.url}#map=${code}`);
  await assert.doesNotReject(fresh.page.getByRole('heading', { name: 'Shared journey' }).waitFor());
  await assert.doesNotReject(fresh.page.getByText('Read-only').waitFor());
  await drawn(fresh.page);
  assert.equal(await fresh.page.locator('th.step').count(), 12);
  assert.equal(await fresh.page.getByRole('slider').first().getAttribute('aria-readonly'), 'true');
  // It cannot be edited, and nothing was stored.
  await fresh.page.locator('td.cell').first().click();
  assert.equal(await fresh.page.locator('.cell-editor').count(), 0);
  assert.equal(await fresh.page.locator('input.stage-name').first().getAttribute('readonly'), '');
  assert.deepEqual(await fresh.page.evaluate(() => Object.keys(localStorage)), []);
  await screenshot(fresh.page, 'shared-view-editor');
  await fresh.page.getByRole('button', exact('Save a copy')).click();
  await fresh.page.getByLabel('Map title').waitFor();
  assert.equal(await fresh.page.getByLabel('Map title').inputValue(), 'Shared journey');
  const stored = () => storedMaps(fresh.page);
  assert.equal((await stored()).length, 1);

  // #copy=… saves at once; a damaged one saves nothing and says why.
  await fresh.page.goto(`${env.server.url}#copy=${code}`);
  await fresh.page.waitForURL(/#\/map\/[A-Za-z0-9_-]+$/);
  await fresh.page.getByLabel('Map title').waitFor();
  assert.equal((await stored()).length, 2);
  await fresh.page.goto(`${env.server.url}#copy=1abc$`);
  await fresh.page.reload();
  await assert.doesNotReject(fresh.page.getByRole('heading', { name: 'This share link cannot be opened' }).waitFor());
  assert.equal((await stored()).length, 2);
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
  await context.close();
});

test('a damaged share link says so and leaves stored maps alone', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New map')).click();
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  for (const [fragment, expected] of [
    ['#map=1abc$', /does not belong in a link/],
    ['#map=9xyz', /not made by this version/],
    ['#map=', /carries no map/],
  ]) {
    await page.goto(env.server.url + fragment);
    await page.reload();
    await assert.doesNotReject(page.getByRole('heading', { name: 'This share link cannot be opened' }).waitFor());
    assert.match(await page.locator('main').innerText(), expected);
  }
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
  await page.getByRole('button', exact('Show my maps')).click();
  await page.locator('.map-item').first().waitFor();
  assert.equal(await page.locator('.map-item').count(), 1);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a map too large for a link is refused with advice to send the file', async () => {
  const { page, context, errors } = await newPage(env.browser, env.server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').waitFor();
  // Text that does not compress, in two cells (one cell holds at most 20,000 characters).
  const noise = () => randomBytes(14250).toString('base64url');
  for (const step of ['t1', 't2']) {
    await page.locator(`td.cell[data-lane="l1"][data-step="${step}"]`).click();
    await page.locator('.cell-editor textarea').fill(noise());
    await page.keyboard.press('Enter');
  }
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Copy share link')).click();
  const notice = page.locator('.notice.error').filter({ hasText: 'No share link' });
  await assert.doesNotReject(notice.waitFor());
  assert.match(await notice.innerText(), /too large for a link, which can practically carry 32 KB\. Export it as a \.journey\.json file/);
  assert.deepEqual(errors, []);
  await context.close();
});
