// Accessibility, from an audit with axe and the keyboard: landmarks, the
// grid's roles and header names, a message that waits for the person
// reaching its Undo, the emotion point passed over, reflow at 320 px, target
// sizes, and words beside the red edge of a field that is not a number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, exact } from './lib.mjs';

const env = useServerAndBrowser();

async function template(viewport) {
  const opened = await newPage(env.browser, env.server.url, viewport ? { viewport } : undefined);
  await opened.page.getByRole('button', exact('New from template')).click();
  await opened.page.locator('td.cell[data-lane="l1"][data-step="t1"]').waitFor();
  return opened;
}

test('the editor has a banner with its heading, one main landmark, and a grid whose headers are named by their names', async () => {
  const { page, errors, context } = await template();
  assert.equal(await page.getByRole('main').count(), 1);
  assert.equal(await page.getByRole('banner').getByRole('heading', { level: 1 }).count(), 1);
  const grid = page.getByRole('main').getByRole('grid');
  assert.equal(await grid.count(), 1);
  // A step's header is its name, not its name and its buttons' names.
  assert.equal(await grid.getByRole('columnheader', exact('Sees a social ad')).count(), 1);
  assert.equal(await grid.getByRole('columnheader', exact('Awareness')).count(), 1);
  assert.equal(await grid.getByRole('rowheader', exact('Doing')).count(), 1);
  assert.equal(await grid.getByRole('gridcell').first().getAttribute('data-lane'), 'l1');
  assert.deepEqual(errors, []);
  await context.close();
});

test("a message's Undo waits while the focus is on it, and once dismissed the focus goes to the heading", async () => {
  const { page, errors, context } = await template();
  const header = page.locator('th.step').first();
  await header.hover();
  await header.getByRole('button', { name: /^Delete step/ }).click();
  const undo = page.locator('.notice').getByRole('button', exact('Undo'));
  await undo.focus();
  // Info messages go after 8 s; this one is held by the focus.
  await page.waitForTimeout(9500);
  assert.equal(await undo.count(), 1, 'still there while focused');
  await page.locator('.notice').getByRole('button', exact('Dismiss message')).click();
  await page.locator('#map-heading:focus').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an emotion point reached with ↓ says it is passed over until Enter', async () => {
  const { page, errors, context } = await template();
  // The lane above the first emotion lane.
  const above = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('tr.lane')];
    const k = rows.findIndex((r) => r.classList.contains('kind-emotion'));
    return rows[k - 1].querySelector('td.cell').getAttribute('data-lane');
  });
  await page.locator(`td.cell[data-lane="${above}"][data-step="t1"]`).focus();
  await page.keyboard.press('ArrowDown');
  const point = page.locator('[data-point]:focus');
  await point.waitFor();
  assert.equal(await point.getAttribute('aria-description'), 'passing over: Enter to adjust');
  await page.keyboard.press('Enter');
  assert.equal(await point.getAttribute('aria-description'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 320 px wide (400 % zoom) the editor does not scroll sideways', async () => {
  const { page, errors, context } = await template({ width: 320, height: 700 });
  await page.getByRole('button', exact('Table view')).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
  const button = await page.getByRole('button', exact('Table view')).boundingBox();
  assert.ok(button.x + button.width <= 320, `Table view ends at ${button.x + button.width}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the move buttons beside a name are at least 24 px wide', async () => {
  const { page, errors, context } = await template();
  const header = page.locator('th.step').nth(1);
  await header.hover();
  for (const name of [/^Move step .* left$/, /^Move step .* right$/]) {
    const box = await header.getByRole('button', { name }).boundingBox();
    assert.ok(box.width >= 24, `${name}: ${box.width} px`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a metric field that is not a number says so in words while it is typed', async () => {
  const { page, errors, context } = await template();
  await page.locator('td.cell[data-lane="l7"][data-step="t1"]').click();
  const words = page.getByText('Not a number: write numbers as 2.5 or 2,5');
  assert.equal(await words.isVisible(), false);
  await page.getByRole('textbox', exact('Value')).first().fill('12 percent');
  await words.waitFor();
  await page.getByRole('textbox', exact('Value')).first().fill('12');
  await words.waitFor({ state: 'hidden' });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the Trash's Delete forever is named by its words first", async () => {
  const { page, errors, context } = await template();
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', exact('Delete E-commerce purchase')).click();
  await page.getByRole('alertdialog').getByRole('button', exact('Delete')).click();
  await page.getByRole('button', exact('Trash (1)')).click();
  assert.equal(await page.getByRole('button', exact('Delete forever: E-commerce purchase')).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the embed's corner header is named, and its link says it opens a new tab", async () => {
  const { page, errors, context } = await newPage(env.browser, `${env.server.url}embed.html?src=templates/ecommerce.journey.json`);
  await page.getByRole('columnheader', exact('Lanes')).waitFor();
  await page.getByRole('link', exact('Open in Journeymap (opens in a new tab)')).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('undo and redo are said to screen readers', async () => {
  const { page, errors, context } = await template();
  const name = page.locator('input.step-name').first();
  await name.fill('Renamed');
  await name.press('Enter');
  await page.locator('td.cell[data-lane="l1"][data-step="t2"]').focus();
  await page.keyboard.press('Control+z');
  const said = page.locator('#announce[aria-live="polite"]');
  await page.waitForFunction(() => document.querySelector('#announce')?.textContent === 'Undone');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelector('#announce')?.textContent === 'Redone');
  assert.equal(await said.count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the map's cells and points are one tab stop, the last one focused; the arrow keys move among them", async () => {
  const { page, errors, context } = await template();
  const stops = () => page.locator('table.grid :is(td.cell, [data-point])[tabindex="0"]');
  assert.equal(await stops().count(), 1);
  assert.equal(await stops().getAttribute('data-step'), 't1');
  const cell = page.locator('td.cell[data-lane="l1"][data-step="t3"]');
  await cell.focus();
  await page.keyboard.press('ArrowRight');
  await page.locator('td.cell[data-lane="l1"][data-step="t4"]:focus').waitFor();
  assert.equal(await stops().count(), 1);
  assert.equal(await stops().getAttribute('data-step'), 't4');
  // Tab leaves the cells: the next stop is not another cell of the row.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement?.matches('td.cell')), false);
  await page.keyboard.press('Shift+Tab');
  await page.locator('td.cell[data-lane="l1"][data-step="t4"]:focus').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
