// A phone's touch screen: a tap on a header's blank space hits no hidden
// tool, and a swipe on an emotion lane scrolls the map, while a point still
// drags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, exact } from './lib.mjs';

const env = useServerAndBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function phone() {
  const context = await env.browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.server.url);
  await page.getByRole('button', exact('New from template')).tap();
  await page.locator('table.grid:not([aria-busy])').waitFor();
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y })) });
  /** A finger from (x0, y0) to (x1, y1) in ten moves. */
  const swipe = async (x0, y0, x1, y1) => {
    await touch('touchStart', [[x0, y0]]);
    for (let i = 1; i <= 10; i++) {
      await touch('touchMove', [[x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10]]);
      await page.waitForTimeout(16);
    }
    await touch('touchEnd', []);
    await page.waitForTimeout(300);
  };
  return { context, page, errors, swipe };
}

const centre = (b) => [b.x + b.width / 2, b.y + b.height / 2];

test("a tap on a header's blank space deletes nothing; its tools work once its name is tapped", async () => {
  const { context, page, errors } = await phone();
  // The map as stored: the grid draws only the steps in view.
  const stored = () => page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:'));
    const m = JSON.parse(localStorage.getItem(key));
    return { steps: m.stages.flatMap((s) => s.steps.map((t) => t.name)), lanes: m.lanes.map((l) => l.title) };
  });
  const before = await stored();
  assert.ok(before.steps.includes('Sees a social ad') && before.lanes.includes('Doing'));
  // Where the hidden ✕ of the first step is, and of the first lane.
  const del = page.getByRole('button', exact('Delete step Sees a social ad'));
  await page.touchscreen.tap(...centre(await del.boundingBox()));
  await page.touchscreen.tap(...centre(await page.getByRole('button', exact('Delete lane Doing')).boundingBox()));
  await page.waitForTimeout(300);
  assert.deepEqual(await stored(), before, 'nothing was deleted');
  // Tapped, the name takes the focus and its tools show and take taps.
  await page.getByRole('textbox', exact('Step name: Sees a social ad')).tap();
  await page.touchscreen.tap(...centre(await del.boundingBox()));
  await page.waitForFunction(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:'));
    return !localStorage.getItem(key).includes('"Sees a social ad"');
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a swipe on an emotion lane scrolls the map; a point dragged changes its value and scrolls nothing', async () => {
  const { context, page, errors, swipe } = await phone();
  const left = () => page.locator('.grid-scroll').evaluate((g) => g.scrollLeft);
  const row = await page.locator('td.curve-cell').first().boundingBox();
  const y = row.y + row.height - 12;
  await swipe(330, y, 190, y);
  assert.ok((await left()) > 60, `scrolled ${await left()} px`);
  await page.locator('.grid-scroll').evaluate((g) => { g.scrollLeft = 0; });
  await page.waitForTimeout(200);
  const point = page.getByRole('slider').first();
  const was = await point.getAttribute('aria-valuenow');
  const [x, py] = centre(await point.boundingBox());
  await swipe(x, py, x, py + 70);
  assert.notEqual(await point.getAttribute('aria-valuenow'), was);
  assert.equal(await left(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone, Enter in a text cell starts a new line and Done saves', async () => {
  const { context, page, errors } = await phone();
  await page.locator('td.cell[data-lane="l1"][data-step="t1"]').tap();
  const box = page.getByRole('textbox', { name: /^Doing at / });
  await box.fill('First line');
  await box.press('Enter');
  await page.keyboard.type('second line');
  assert.equal(await box.inputValue(), 'First line\nsecond line');
  assert.match(await page.locator('#cell-hint').innerText(), /Done to save/);
  await page.getByRole('button', exact('Done')).tap();
  await page.waitForFunction(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:'));
    return localStorage.getItem(key).includes('First line\\nsecond line');
  });
  assert.deepEqual(errors, []);
  await context.close();
});
