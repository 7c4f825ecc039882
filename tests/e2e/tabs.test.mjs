// Two tabs of one browser: no edit is ever silently lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, screenshot, exact } from './lib.mjs';

const env = useServerAndBrowser();


async function twoTabs() {
  const context = await env.browser.newContext({ viewport: { width: 1300, height: 800 } });
  const errors = [];
  const open = async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  };
  const a = await open();
  await a.goto(env.server.url);
  await a.getByRole('button', exact('New from template')).click();
  await a.getByLabel('Map title').waitFor();
  const url = a.url();
  const b = await open();
  await b.goto(url);
  await b.getByLabel('Map title').waitFor();
  return { context, a, b, errors };
}

async function rename(page, title) {
  await page.getByLabel('Map title').fill(title);
  await page.getByLabel('Map title').press('Enter');
}

/** Stores a newer version of the open map without `page` hearing of it. */
async function saveBehindTheBack(page, title) {
  await page.evaluate((title) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:'));
    const map = JSON.parse(localStorage.getItem(key));
    map.title = title;
    map.updated += 1000;
    localStorage.setItem(key, JSON.stringify(map));
  }, title);
}

async function stored(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('journeymap:map:'))
      .map((k) => JSON.parse(localStorage.getItem(k))),
  );
}

test('a change saved in one tab shows up in the other', async () => {
  const { context, a, b, errors } = await twoTabs();
  await rename(a, 'Renamed in A');
  await assert.doesNotReject(b.getByText('Updated with changes saved in another tab.').waitFor());
  assert.equal(await b.getByLabel('Map title').inputValue(), 'Renamed in A');
  // B goes on editing from there, and A sees that in turn.
  const cell = b.locator('td.cell[data-lane="l1"][data-step="t1"]');
  await cell.click();
  await b.keyboard.press('Control+A');
  await b.keyboard.type('Edited in B');
  await b.keyboard.press('Enter');
  await assert.doesNotReject(a.locator('td.cell[data-lane="l1"][data-step="t1"]').getByText('Edited in B').waitFor());
  const [map] = await stored(a);
  assert.equal(map.title, 'Renamed in A');
  assert.equal(map.lanes[0].cells.t1, 'Edited in B');
  // Taking the other tab's change is itself undoable.
  await b.locator('.toolbar').getByRole('button', exact('Undo')).click();
  assert.equal(await b.locator('td.cell[data-lane="l1"][data-step="t1"]').innerText(), 'Scrolls Instagram and stops at a video ad for running shoes');
  assert.deepEqual(errors, []);
  await context.close();
});

test('edits made in two tabs at once ask which to keep, and keep both', async () => {
  const { context, a, b, errors } = await twoTabs();
  // A saves a version B has not heard of yet, as if both were edited at the
  // same moment. (A write in B itself fires no storage event in B.)
  await saveBehindTheBack(b, 'Version A');
  await rename(b, 'Version B');
  const banner = b.getByRole('alert').filter({ hasText: 'changed in another tab' });
  await assert.doesNotReject(banner.waitFor());
  assert.equal((await stored(b))[0].title, 'Version A', "A's save was not overwritten");
  await screenshot(b, 'tab-conflict');
  await banner.getByRole('button', exact('Keep both')).click();
  assert.equal(await b.getByLabel('Map title').inputValue(), 'Version A');
  const titles = (await stored(b)).map((m) => m.title).sort();
  assert.deepEqual(titles, ['Version A', 'Version B (my copy)']);
  // Undo cannot go back past the other tab's version and lose it.
  assert.equal(await b.locator('.toolbar').getByRole('button', exact('Undo')).isDisabled(), true);
  await b.locator('body').click({ position: { x: 5, y: 5 } });
  await b.keyboard.press('Control+Z');
  assert.equal(await b.getByLabel('Map title').inputValue(), 'Version A');
  assert.deepEqual((await stored(b)).map((m) => m.title).sort(), ['Version A', 'Version B (my copy)']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keep mine overwrites the other tab’s save only when asked', async () => {
  const { context, a, b, errors } = await twoTabs();
  await saveBehindTheBack(b, 'Version A');
  await rename(b, 'Version B');
  const banner = b.getByRole('alert').filter({ hasText: 'changed in another tab' });
  await banner.getByRole('button', exact('Keep mine')).click();
  await assert.doesNotReject(banner.waitFor({ state: 'detached' }));
  assert.deepEqual((await stored(b)).map((m) => m.title), ['Version B']);
  await assert.doesNotReject(a.getByText('Updated with changes saved in another tab.').waitFor());
  assert.equal(await a.getByLabel('Map title').inputValue(), 'Version B');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a map deleted in another tab is not recreated unless asked, and the tab says what happened', async () => {
  const { context, a, b, errors } = await twoTabs();
  await a.getByRole('button', exact('Delete map')).click();
  await a.getByRole('alertdialog').getByRole('button', exact('Delete')).click();
  const banner = b.getByRole('alert').filter({ hasText: 'deleted in another tab' });
  await banner.waitFor();
  // Nothing was being edited here: no talk of unsaved changes.
  assert.doesNotMatch(await banner.innerText(), /not saved/);
  assert.equal(await b.locator('.save-state').innerText(), 'Deleted in another tab');
  assert.deepEqual(await stored(b), []);
  await banner.getByRole('button', exact('Keep mine')).click();
  await assert.doesNotReject(banner.waitFor({ state: 'detached' }));
  assert.deepEqual((await stored(b)).map((m) => m.title), ['E-commerce purchase']);
  assert.equal(await b.locator('.save-state').innerText(), 'Saved');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs editing different maps both keep every change', async () => {
  const context = await env.browser.newContext();
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto(env.server.url);
  await a.getByRole('button', exact('New map')).click();
  await b.goto(env.server.url);
  await b.getByRole('button', exact('New from template')).click();
  await rename(a, 'Map of A');
  await rename(b, 'Map of B');
  await rename(a, 'Map of A, again');
  await a.reload();
  await b.reload();
  assert.equal(await a.getByLabel('Map title').inputValue(), 'Map of A, again');
  assert.equal(await b.getByLabel('Map title').inputValue(), 'Map of B');
  assert.deepEqual((await stored(a)).map((m) => m.title).sort(), ['Map of A, again', 'Map of B']);
  await context.close();
});

test('the start screen follows maps made and renamed in another tab', async () => {
  const { context, a, b, errors } = await twoTabs();
  await a.getByRole('button', { name: 'Back to maps' }).click();
  await a.getByRole('button', { name: /^Open / }).first().waitFor();
  const titles = () => a.locator('.map-item button.map-title').allInnerTexts();
  const before = await titles();
  assert.equal(before.length, 1);
  // Renamed there: the list here says so, without a reload.
  await rename(b, 'Renamed in the other tab');
  await a.getByRole('button', exact('Open Renamed in the other tab')).waitFor();
  // A map made there shows up here.
  await b.getByRole('button', { name: 'Back to maps' }).click();
  await b.getByRole('button', exact('New map')).click();
  await b.getByLabel('Map title').waitFor();
  await a.waitForFunction(() => document.querySelectorAll('.map-item').length === 2);
  // A rename from here now starts from the other tab's name.
  assert.ok((await titles()).includes('Renamed in the other tab'));
  assert.deepEqual(errors, []);
  await context.close();
});
