// Never lose a map: saved versions, the trash, backups with versions,
// broken storage seeded before the app loads, and the crash banner after a
// real (test-only) panic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile, access } from 'node:fs/promises';
import { useServerAndBrowser, newPage, screenshot, exact, startServer, root } from './lib.mjs';

const env = useServerAndBrowser();

async function newFromTemplate(page) {
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').waitFor();
}

/**
 * A new map from the template in a page whose clock the test moves ahead
 * (`window.__ahead`, in ms), as if the user paused between edits.
 */
async function withMovableClock() {
  const { page, context, errors } = await newPage(env.browser);
  await context.addInitScript(() => {
    const now = Date.now;
    window.__ahead = 0;
    Date.now = () => now() + window.__ahead;
  });
  await page.goto(env.server.url);
  await newFromTemplate(page);
  return { page, context, errors };
}

test('a saved version is restored from the History panel, and the restore is undoable', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await newFromTemplate(page);
  const title = page.getByLabel('Map title');
  assert.equal(await title.inputValue(), 'E-commerce purchase');
  await title.fill('Checkout redesign');
  await title.press('Enter');
  await page.getByRole('button', exact('History')).click();
  const panel = page.getByRole('region', { name: 'History' });
  // The copy before the first edit is kept as a version.
  await assert.doesNotReject(panel.getByText('Earliest saved version').waitFor());
  await screenshot(page, 'history-panel');
  // Each version's button names its time and what it holds.
  assert.match(
    await panel.getByRole('button', { name: /^Restore the version from/ }).first().getAttribute('aria-label'),
    /^Restore the version from .* \(\d{4}-\d\d-\d\d \d\d:\d\d\): Earliest saved version/,
  );
  await panel.getByRole('button', { name: /^Restore the version from/ }).first().focus();
  await page.keyboard.press('Enter');
  assert.equal(await title.inputValue(), 'E-commerce purchase');
  // The focus waits on the panel's heading: a second Enter restores nothing.
  await page.waitForFunction(() => document.activeElement?.matches('.history-panel h2'));
  // The map as it was before the restore is a version now too.
  await assert.doesNotReject(panel.getByText(/Checkout redesign/).first().waitFor());
  await page.locator('.notice').getByRole('button', exact('Undo')).click();
  assert.equal(await title.inputValue(), 'Checkout redesign');
  // Escape closes the panel and gives focus back to its button.
  await panel.getByRole('button', { name: /^Restore/ }).first().focus();
  await page.keyboard.press('Escape');
  assert.equal(await panel.count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'history-button');
  await page.reload();
  assert.equal(await page.getByLabel('Map title').inputValue(), 'Checkout redesign');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('restoring a version from before the future state keeps the link to it', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await newFromTemplate(page);
  const id = await page.evaluate(() => location.hash.slice('#/map/'.length));
  await page.getByRole('button', exact('Create future state')).click();
  await page.waitForFunction((id) => !location.hash.endsWith(id), id);
  await page.goto(`${env.server.url}#/map/${id}`);
  await page.locator('#compare-button').waitFor();
  await page.getByRole('button', exact('History')).click();
  const panel = page.getByRole('region', { name: 'History' });
  await panel.getByRole('button', { name: /^Restore the version from/ }).first().click();
  await page.waitForFunction(() => document.activeElement?.matches('.history-panel h2'));
  // The version has no link; the map keeps the one it has, as the future
  // state keeps its own back to it.
  assert.equal(await page.locator('#compare-button').count(), 1, 'Compare is still offered');
  await page.reload();
  await page.locator('#compare-button').waitFor();
  const twin = await page.evaluate((id) => JSON.parse(localStorage.getItem(`journeymap:map:${id}`)).twin, id);
  assert.ok(twin, 'the stored map keeps its twin');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('what is being typed in a cell is kept when the page is reloaded or closed', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await newFromTemplate(page);
  await page.locator('td.cell[data-lane="l1"][data-step="t2"]').click();
  await page.keyboard.type('Typed, never confirmed');
  await page.reload();
  await page.locator('td.cell[data-lane="l1"][data-step="t2"]').waitFor();
  assert.match(await page.locator('td.cell[data-lane="l1"][data-step="t2"]').innerText(), /Typed, never confirmed/);
  // A name being typed, too.
  await page.getByLabel('Stage name: Awareness').fill('Aware of us');
  await page.reload();
  await page.getByLabel('Stage name: Aware of us').waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('versions kept while editing say what changed once History lists them, and keep it', async () => {
  // The clock runs a minute ahead before each edit below, as if the user
  // paused: the save after it keeps the copy before it as a version.
  const { page, context, errors } = await withMovableClock();
  const title = page.getByLabel('Map title');
  for (const name of ['First', 'Second', 'Third']) {
    await page.evaluate(() => (window.__ahead += 61000));
    await title.fill(name);
    await title.press('Enter');
    await page.waitForFunction((name) => Object.entries(localStorage).some(([k, v]) => k.startsWith('journeymap:map:') && v.includes(`"title":"${name}"`)), name);
  }
  const id = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:')).slice(15));
  const stored = () => page.evaluate((id) => JSON.parse(localStorage.getItem(`journeymap:history:${id}`) ?? '{"versions":[]}').versions, id);
  // Each is kept when the browser is idle after its save.
  await page.waitForFunction((id) => JSON.parse(localStorage.getItem(`journeymap:history:${id}`) ?? '{"versions":[]}').versions.length === 3, id);
  // Kept without reading the maps through: the summaries come later.
  assert.deepEqual((await stored()).map((v) => v.summary), ['', '', '']);
  // Idle callbacks wait for the test, so that the list can be seen, and
  // used, before the summaries are made.
  await page.evaluate(() => {
    const held = [];
    window.requestIdleCallback = (f) => held.push(f);
    window.__idle = () => {
      held.shift()?.({ didTimeout: false, timeRemaining: () => 10 });
      return held.length;
    };
  });
  await page.getByRole('button', exact('History')).click();
  const panel = page.getByRole('region', { name: 'History' });
  await panel.waitFor();
  assert.deepEqual(await panel.locator('.summary').allInnerTexts(), ['Reading what changed…', 'Reading what changed…', 'Reading what changed…']);
  // A keyboard user on the list keeps their place as the summaries come.
  await panel.getByRole('button', { name: /^Restore/ }).first().focus();
  await page.evaluate(() => (window.__focused = document.activeElement));
  for (let i = 0; i < 10 && (await page.evaluate(() => window.__idle())) > 0; i++);
  const expected = ['Renamed the map to \u201cSecond\u201d', 'Renamed the map to \u201cFirst\u201d', 'Earliest saved version'];
  assert.deepEqual(await panel.locator('.summary').allInnerTexts(), expected);
  assert.ok(await page.evaluate(() => document.activeElement === window.__focused && window.__focused.isConnected), 'the focus stayed on its button');
  assert.match(await panel.getByRole('button', { name: /^Restore/ }).first().getAttribute('aria-label'), /: Renamed the map to “Second”$/);
  // They are stored, so the next look needs no reading.
  await page.waitForFunction((id) => !localStorage.getItem(`journeymap:history:${id}`).includes('"summary":""'), id);
  assert.deepEqual((await stored()).map((v) => v.summary).reverse(), expected);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a save that keeps a version leaves it to a task of its own, and leaving keeps it at once', async () => {
  // The clock runs a minute ahead before each edit, as if the user paused,
  // and idle callbacks wait for the test.
  const { page, context, errors } = await withMovableClock();
  await page.evaluate(() => {
    // A headless page can be hidden and shown by the browser at any time,
    // which (rightly) keeps a waiting version at once: not in this test.
    window.addEventListener('visibilitychange', (e) => e.stopImmediatePropagation(), true);
    const held = [];
    window.requestIdleCallback = (f) => held.push(f);
    window.__idle = () => {
      while (held.length) held.shift()({ didTimeout: false, timeRemaining: () => 10 });
    };
  });
  const id = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:')).slice(15));
  const titles = () =>
    page.evaluate((id) => {
      const raw = localStorage.getItem(`journeymap:history:${id}`);
      return raw === null ? 0 : JSON.parse(raw).versions.length;
    }, id);
  const edit = async (name) => {
    await page.evaluate(() => (window.__ahead += 61000));
    const title = page.getByLabel('Map title');
    await title.fill(name);
    await title.press('Enter');
    await page.waitForFunction((name) => Object.entries(localStorage).some(([k, v]) => k.startsWith('journeymap:map:') && v.includes(`"title":"${name}"`)), name);
  };
  // The map is saved at once; its copy before the edit is kept when the
  // browser is next idle.
  await edit('First');
  assert.equal(await titles(), 0, 'not in the save\'s task');
  await page.evaluate(() => window.__idle());
  assert.equal(await titles(), 1);
  // Hiding the page keeps a waiting version at once.
  await edit('Second');
  assert.equal(await titles(), 1);
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  assert.equal(await titles(), 2);
  // So does going back to the maps.
  await edit('Third');
  assert.equal(await titles(), 2);
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', exact('Open Third')).waitFor();
  assert.equal(await titles(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deleted map waits in the Trash, is restored, and the trash can be emptied', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await newFromTemplate(page);
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', exact('Delete E-commerce purchase')).click();
  await page.getByRole('alertdialog').getByRole('button', exact('Delete')).click();
  assert.equal(await page.locator('.map-item').count(), 0);
  await page.getByRole('button', exact('Trash (1)')).click();
  const trash = page.getByRole('region', { name: 'Trash' });
  await screenshot(page, 'trash');
  const moved = page.locator('.notice', { hasText: 'Moved "E-commerce purchase" to the Trash.' });
  assert.equal(await moved.count(), 1);
  await trash.getByRole('button', exact('Restore E-commerce purchase')).click();
  await assert.doesNotReject(page.getByRole('button', exact('Open E-commerce purchase')).waitFor());
  // Its Undo has nothing left to undo, so it goes.
  assert.equal(await moved.count(), 0);
  // The map brought back takes focus.
  await assert.doesNotReject(page.locator('button.map-title:focus').waitFor());
  await assert.doesNotReject(page.getByRole('button', exact('Trash (0)')).waitFor());

  // Delete again, then empty the trash: asked first, then gone for good.
  await page.getByRole('button', exact('Delete E-commerce purchase')).click();
  await page.getByRole('alertdialog').getByRole('button', exact('Delete')).click();
  await trash.getByRole('button', exact('Empty trash')).click();
  // Cancel has the focus, so Enter alone deletes nothing.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
  await page.keyboard.press('Enter');
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  await assert.doesNotReject(page.getByRole('button', exact('Trash (1)')).waitFor());
  await trash.getByRole('button', exact('Empty trash')).click();
  assert.match(await page.getByRole('alertdialog').innerText(), /1 map and its saved versions will be gone/);
  await page.getByRole('alertdialog').getByRole('button', exact('Delete forever')).click();
  await assert.doesNotReject(page.getByRole('button', exact('Trash (0)')).waitFor());
  // The focus goes to the trash's button, not to the page.
  await assert.doesNotReject(page.locator('button.trash-toggle:focus').waitFor());
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journeymap:')));
  assert.deepEqual(keys, [], 'the map and its versions are gone');
  // The Undo of that delete, still on show, says why it cannot help now.
  await page.locator('.notice', { hasText: 'Moved "E-commerce purchase" to the Trash.' }).getByRole('button', exact('Undo')).click();
  await assert.doesNotReject(page.getByText('"E-commerce purchase" is no longer in the Trash, so it cannot be brought back.').waitFor());
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a backup carries the saved versions into a fresh browser', async () => {
  const { page } = await newPage(env.browser, env.server.url);
  await newFromTemplate(page);
  await page.getByLabel('Map title').fill('Versioned');
  await page.getByLabel('Map title').press('Enter');
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', exact('Download backup')).click();
  const file = join(root, 'target', 'e2e-backup.json');
  await (await download).saveAs(file);
  const backup = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(backup.maps.length, 1);
  const versions = Object.values(backup.history)[0];
  assert.equal(versions[0].map.title, 'E-commerce purchase');
  await page.context().close();

  const fresh = await newPage(env.browser, env.server.url);
  const chooser = fresh.page.waitForEvent('filechooser');
  await fresh.page.getByRole('button', exact('Restore backup')).click();
  await (await chooser).setFiles(file);
  await fresh.page.getByRole('button', exact('Open Versioned')).click();
  await fresh.page.getByRole('button', exact('History')).click();
  await assert.doesNotReject(fresh.page.getByText('Earliest saved version').waitFor());

  // Restored again beside itself: the copy kept next to the map has the
  // versions too.
  await fresh.page.getByRole('button', { name: 'Back to maps' }).click();
  const again = fresh.page.waitForEvent('filechooser');
  await fresh.page.getByRole('button', exact('Restore backup')).click();
  await (await again).setFiles(file);
  await fresh.page.getByRole('alertdialog').getByRole('button', exact('Keep both')).click();
  await fresh.page.getByRole('button', exact('Open Versioned (imported)')).click();
  await fresh.page.getByRole('button', exact('History')).click();
  await assert.doesNotReject(fresh.page.getByText('Earliest saved version').waitFor());
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
});

test('broken, half-written, future and foreign entries seeded before load leave the rest working', async () => {
  const { page, context } = await newPage(env.browser);
  await context.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('journeymap:map:bad', '{"format":"journeymap","version":1,"id":"bad","title":');
    localStorage.setItem('journeymap:map:half', '{"format":"journeymap","vers');
    localStorage.setItem('journeymap:map:future', '{"format":"journeymap","version":9,"id":"future","title":"Next year"}');
    for (let i = 0; i < 4; i++) localStorage.setItem(`journeymap:map:b${i}`, '[1, 2');
    localStorage.setItem('other-app:state', '{"keep":"me"}');
    localStorage.setItem(
      'journeymap:map:good',
      JSON.stringify({ format: 'journeymap', version: 1, id: 'good', title: 'Still here', stages: [], lanes: [] }),
    );
  });
  await page.goto(env.server.url);
  await assert.doesNotReject(page.getByRole('button', exact('Open Still here')).waitFor());
  const state = await page.evaluate(() => ({ ...localStorage }));
  assert.equal(state['other-app:state'], '{"keep":"me"}', 'another app’s key is untouched');
  assert.match(state['journeymap:broken:bad'], /"title":$/, 'a broken entry is kept aside intact');
  assert.equal(state['journeymap:broken:half'], '{"format":"journeymap","vers');
  assert.match(state['journeymap:map:future'], /Next year/, 'a newer build’s map stays where it was');
  // Every entry is named, in one notice, however many there are.
  const notice = page.locator('.notice', { hasText: 'saved maps could not be read' });
  assert.equal(await notice.count(), 1);
  const text = await notice.innerText();
  for (const key of ['journeymap:broken:bad', 'journeymap:broken:half', 'newer', 'b0', 'b1', 'b2', 'b3']) {
    assert.ok(text.includes(key), `${key} in: ${text}`);
  }
  assert.match(text, /^7 saved maps could not be read \(the other maps are fine\):/);
  await screenshot(page, 'broken-storage');

  // Once the notice is gone, the start screen still lists what was set
  // aside, to download as it was found, or to delete.
  await page.reload();
  await page.getByRole('button', exact('Open Still here')).waitFor();
  const aside = page.getByRole('region', { name: 'Could not be read' });
  await aside.waitFor();
  assert.equal(await aside.getByRole('listitem').count(), 6, 'the newer map is not among them');
  await aside.scrollIntoViewIfNeeded();
  await screenshot(page, 'set-aside');
  const download = page.waitForEvent('download');
  await aside.getByRole('button', exact('Download journeymap:broken:half')).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'half.broken.json');
  assert.equal(await readFile(await file.path(), 'utf8'), '{"format":"journeymap","vers');
  await aside.getByRole('button', exact('Delete journeymap:broken:half')).click();
  await page.getByRole('alertdialog').getByRole('button', exact('Delete for good')).click();
  await page.waitForFunction(() => localStorage.getItem('journeymap:broken:half') === null);
  assert.equal(await aside.getByRole('listitem').count(), 5);
  assert.match(await page.evaluate(() => localStorage.getItem('journeymap:broken:bad')), /"title":$/);
  await page.locator('.set-aside button:focus').waitFor();
  await context.close();
});

test('a real panic shows the rescue banner with every map to download', async () => {
  const dir = join(root, 'target', 'dist-test');
  try {
    await access(join(dir, 'index.html'));
  } catch {
    assert.fail(`${dir} is missing: scripts/test builds it with --features test-hooks`);
  }
  const server = await startServer(dir);
  try {
    const { page, context } = await newPage(env.browser, server.url);
    await newFromTemplate(page);
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('journeymap:map:')));
    await page.evaluate(() => {
      try {
        window.wasmBindings.journeymap_test_panic();
      } catch {
        // The panic ends the call; the hook has run by then.
      }
    });
    const banner = page.locator('#jm-rescue');
    await assert.doesNotReject(banner.waitFor());
    assert.match(await banner.textContent(), /hit a bug/);
    await screenshot(page, 'rescue-banner');
    const download = page.waitForEvent('download');
    await banner.getByRole('link', { name: /Download/ }).click();
    const text = await readFile(await (await download).path(), 'utf8');
    assert.equal(JSON.parse(text).maps[0].title, 'E-commerce purchase');
    // A bug that comes back on every load of this map does not lock the
    // user out: the banner leads back to the list of maps, in a new page.
    await banner.getByRole('link', { name: 'Back to the list of maps' }).click();
    await assert.doesNotReject(page.getByRole('button', { name: 'Open E-commerce purchase' }).waitFor());
    assert.equal(await page.locator('#jm-rescue').count(), 0);
    await context.close();
  } finally {
    await server.close();
  }
});
