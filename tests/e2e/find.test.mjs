// The Find bar (Ctrl+F): it searches the whole map, also the steps that are
// not drawn (which the browser's own find cannot see), brings each match
// into view and marks it, and hands the focus back on Escape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, screenshot, drawn, frames, exact } from './lib.mjs';
import { makeMap } from '../../bench/gen.mjs';

const env = useServerAndBrowser();

/** A 200-step map with a word found in two far places: a cell and a step's name. */
async function openMap() {
  const map = makeMap(200, { id: 'find' });
  map.lanes[0].cells.t150 = 'Looks for the Zebra crossing';
  map.stages[17].steps[9].name = 'Zebra stripes'; // t180
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.evaluate((text) => localStorage.setItem('journeymap:map:find', text), JSON.stringify(map));
  await page.goto(`${env.server.url}#/map/find`);
  await drawn(page);
  return { page, errors };
}

/**
 * True when `locator` is wholly in the grid's view: right of the lane
 * titles and below the stage and step headers, which stay in view over it.
 * A lane title is checked down only, a stage or step name across only.
 */
async function inView(page, locator, { across = true, down = true } = {}) {
  const [box, grid] = [await locator.boundingBox(), await page.locator('.grid-scroll').boundingBox()];
  if (!box) return false;
  const lanes = await page.locator('th.lane-title').first().boundingBox();
  // The header cells stick, not the table's head.
  const head = await page.locator('tr.step-row th').first().boundingBox();
  const window = page.viewportSize();
  const acrossOk = box.x >= lanes.x + lanes.width - 1 && box.x + box.width <= grid.x + grid.width + 1;
  const downOk = box.y >= head.y + head.height - 1 && box.y + box.height <= Math.min(grid.y + grid.height, window.height) + 1;
  return (!across || acrossOk) && (!down || downOk);
}

/** True when `locator` is drawn and marked as the match shown. */
const marked = async (locator) =>
  (await locator.count()) > 0 &&
  locator.evaluate((e) => {
    const s = getComputedStyle(e);
    return s.outlineStyle === 'solid' && s.outlineWidth === '3px';
  });
const focusedId = (page) => page.evaluate(() => document.activeElement?.id);
const cell150 = (page) => page.locator('td.cell[data-lane="l1"][data-step="t150"]');
const step180 = (page) => page.locator('input.step-name[data-id="t180"]');

test('Ctrl+F finds text in steps that are not drawn, and Enter goes from match to match', async () => {
  const { page, errors } = await openMap();
  assert.equal(await cell150(page).count(), 0, 'step 150 is not drawn yet');
  await page.locator('td.cell[data-lane="l1"][data-step="t1"]').click();
  await page.keyboard.press('Control+f');
  await page.locator('#find-input:focus').waitFor();
  const bar = page.getByRole('search');
  await page.keyboard.type('zebra');
  const status = bar.locator('.find-status');
  await page.waitForFunction(() => document.querySelector('.find-status')?.textContent === '1 of 2');
  await cell150(page).waitFor();
  await frames(page);
  assert.ok(await inView(page, cell150(page)), 'the first match is scrolled into view');
  assert.ok(await marked(cell150(page)), 'and marked');
  await screenshot(page, 'find-first-match');

  await page.keyboard.press('Enter');
  assert.equal(await status.textContent(), '2 of 2');
  await step180(page).waitFor();
  await frames(page);
  assert.ok(await inView(page, step180(page), { down: false }), 'the step name is in view');
  assert.ok(await marked(step180(page)));
  assert.ok(!(await marked(cell150(page))), 'only the match shown is marked');
  assert.equal(await focusedId(page), 'find-input', 'the focus stays in the field');

  await page.keyboard.press('Enter');
  assert.equal(await status.textContent(), '1 of 2', 'Enter wraps round to the first');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await status.textContent(), '2 of 2', 'Shift+Enter goes back');
  await bar.getByRole('button', exact('Previous match')).click();
  assert.equal(await status.textContent(), '1 of 2');

  // Escape closes the bar and puts the focus on the match, ready to edit.
  await page.locator('#find-input').focus();
  await page.keyboard.press('Escape');
  await page.locator('td.cell[data-lane="l1"][data-step="t150"]:focus').waitFor();
  assert.equal(await bar.count(), 0);
  assert.ok(!(await marked(cell150(page))), 'no mark once the bar is closed');

  // Opening it again keeps the text, selected so that typing replaces it.
  await page.keyboard.press('Control+f');
  await page.locator('#find-input:focus').waitFor();
  assert.equal(await page.locator('#find-input').inputValue(), 'zebra');
  assert.deepEqual(
    await page.locator('#find-input').evaluate((i) => [i.selectionStart, i.selectionEnd]),
    [0, 5],
  );
  await page.keyboard.type('no such words');
  assert.equal(await page.locator('#find-input').inputValue(), 'no such words', 'typing replaced it');
  await page.waitForFunction(() => document.querySelector('.find-status')?.textContent === 'No matches');
  assert.ok(await bar.getByRole('button', exact('Next match')).isDisabled());
  // Closing with no match puts the focus back where it was.
  await bar.getByRole('button', exact('Close find')).click();
  await page.locator('td.cell[data-lane="l1"][data-step="t150"]:focus').waitFor();
  assert.deepEqual(errors, []);
});

test('Ctrl+F in the bar, or with the Table view open, is the browser\'s own find', async () => {
  const { page, errors } = await openMap();
  // Whether the page kept Ctrl+F from the browser.
  await page.evaluate(() => {
    window.kept = [];
    addEventListener('keydown', (e) => e.key === 'f' && window.kept.push(e.defaultPrevented));
  });
  await page.getByRole('button', exact('Find')).click();
  await page.locator('#find-input:focus').waitFor();
  assert.equal(await page.getByRole('button', exact('Find')).getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Control+f');
  await page.getByRole('button', exact('Table view')).click();
  assert.equal(await page.getByRole('search').count(), 0, 'the bar gives way to the Table view');
  await page.keyboard.press('Control+f');
  assert.deepEqual(await page.evaluate(() => window.kept), [false, false]);
  assert.equal(await page.getByRole('search').count(), 0);
  assert.deepEqual(errors, []);
});

test('Ctrl+F while editing a cell keeps what was typed', async () => {
  const { page, errors } = await openMap();
  await page.locator('td.cell[data-lane="l1"][data-step="t2"]').click();
  const editor = page.locator('.cell-editor textarea');
  await editor.waitFor();
  await editor.fill('Typed before looking something up');
  await page.keyboard.press('Control+f');
  await page.locator('#find-input:focus').waitFor();
  await page.keyboard.type('typed before');
  await page.waitForFunction(() => document.querySelector('.find-status')?.textContent === '1 of 1');
  assert.equal(
    await page.locator('td.cell[data-lane="l1"][data-step="t2"]').innerText(),
    'Typed before looking something up',
  );
  // And Undo takes the edit back: it was saved as any other.
  await page.keyboard.press('Escape');
  await page.locator('td.cell[data-lane="l1"][data-step="t2"]:focus').waitFor();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(
    () => !document.querySelector('td.cell[data-lane="l1"][data-step="t2"]').innerText.startsWith('Typed before'),
  );
  assert.deepEqual(errors, []);
});

test('what is typed right after Ctrl+F goes into the bar, however long it takes to arrive', async () => {
  const { page, errors } = await openMap();
  // The bar's code comes as a chunk on first use: make it slow.
  await page.route(/split-find/, async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await page.locator('td.cell[data-lane="l1"][data-step="t1"]').focus();
  await page.keyboard.press('Control+f');
  await page.keyboard.type('zebrx');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('a');
  await page.locator('#find-input:focus').waitFor();
  assert.equal(await page.locator('#find-input').inputValue(), 'zebra');
  await page.waitForFunction(() => document.querySelector('.find-status')?.textContent === '1 of 2');
  await cell150(page).waitFor();
  // Typing goes on at the end of it.
  await page.keyboard.type(' crossing');
  await page.waitForFunction(() => document.querySelector('.find-status')?.textContent === '1 of 1');
  assert.deepEqual(errors, []);
});

test('each match shows below the sticky headers, also in a small or zoomed window', async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 640, height: 400 }]) {
    const { page, errors } = await newPage(env.browser, env.server.url, { viewport });
    await page.getByRole('button', exact('New from template')).click();
    await drawn(page);
    await page.keyboard.press('Control+f');
    await page.locator('#find-input:focus').waitFor();
    await page.keyboard.type('e');
    await page.waitForFunction(() => / of /.test(document.querySelector('.find-status')?.textContent));
    const total = Number((await page.locator('.find-status').textContent()).split(' of ')[1]);
    for (let i = 1; i <= Math.min(total, 40); i++) {
      await frames(page);
      await frames(page);
      const selector = await page.evaluate(() => document.querySelector('.find-bar style').textContent.split(' {')[0]);
      const match = page.locator(selector);
      const where = { across: !selector.includes('lane-name'), down: !/stage-name|step-name/.test(selector) };
      assert.ok(await inView(page, match, where), `${viewport.width}: match ${i} (${selector}) is in view`);
      await page.keyboard.press('Enter');
    }
    await frames(page);
    await screenshot(page, `find-small-${viewport.width}`);
    // The bar and its count stay in view (a short window scrolls the page).
    const bar = await page.locator('.find-bar').boundingBox();
    assert.ok(bar.y >= -1 && bar.y + bar.height <= viewport.height + 1, `bar at ${bar.y}`);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test('Find from the Table view goes back to the grid to search', async () => {
  const { page, errors } = await openMap();
  await page.getByRole('button', exact('Table view')).click();
  await page.getByRole('button', exact('Find')).click();
  await page.locator('#find-input:focus').waitFor();
  assert.equal(await page.getByRole('button', exact('Table view')).getAttribute('aria-pressed'), 'false');
  await drawn(page);
  assert.deepEqual(errors, []);
});
