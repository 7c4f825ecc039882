// Every template opens from the start screen with its content, and looks
// right: one screenshot each under tests/e2e/artifacts/template-<key>.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, screenshot, drawn, exact } from './lib.mjs';

const env = useServerAndBrowser();

// key, title, stages, steps, and a cell's lane title, step name and text.
const templates = [
  ['ecommerce', 'E-commerce purchase', 5, 12, 'Quotes', 'Pays', 'The bank app popped up'],
  ['b2b_saas', 'B2B SaaS buying journey', 6, 12, 'Doing', 'Security review', '240-question questionnaire'],
  ['day_in_life', 'Day in the life: community nurse', 5, 11, 'Pain points', 'Notes in the car', 'No offline mode'],
  ['blueprint', 'Service blueprint: hotel stay', 5, 10, 'Backstage actions', 'Checks in at 23:30', 'Night manager reassigns rooms'],
  ['onboarding', 'Customer onboarding: banking app', 4, 10, 'KPIs', 'Manual review wait', 'Review turnaround'],
  ['support', 'Support and complaint resolution', 5, 11, 'Opportunities', 'Calls the helpline', 'Offer a callback slot'],
];

test('the start screen offers every template', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  // The start screen comes in its own chunk (src/ui/lazy.rs): wait for it.
  await page.getByLabel('Template').locator('option').first().waitFor({ state: 'attached' });
  const options = await page.getByLabel('Template').locator('option').allTextContents();
  assert.deepEqual(options, templates.map((t) => t[1]));
  assert.deepEqual(errors, []);
  await page.context().close();
});

for (const [key, title, stages, steps, lane, step, text] of templates) {
  test(`the ${key} template opens with its content`, async () => {
    // A viewport as large as the map, so the screenshot shows all of it.
    const { page, errors } = await newPage(env.browser, env.server.url, { viewport: { width: 260 + 190 * steps, height: 2000 } });
    await page.getByLabel('Template').selectOption(key);
    await page.getByRole('button', exact('New from template')).click();
    await assert.doesNotReject(page.getByLabel('Map title').waitFor());
    assert.equal(await page.getByLabel('Map title').inputValue(), title);
    // The names are fields once the first frame is on screen.
    await drawn(page);
    assert.equal(await page.locator('th.stage').count(), stages);
    assert.equal(await page.locator('th.step').count(), steps);

    // The cell at (lane, step) holds the expected text.
    const found = await page.evaluate(([t, n]) => {
      const row = [...document.querySelectorAll('tr.lane')].find((r) => r.querySelector('th.lane-title input.name')?.value === t);
      const at = [...document.querySelectorAll('th.step input.name')].findIndex((i) => i.value === n);
      return row && at >= 0 ? row.querySelectorAll('td.cell')[at]?.innerText : null;
    }, [lane, step]);
    assert.ok(found !== null, `a lane ${lane} and a step ${step}`);
    assert.match(found, new RegExp(text));

    // Every emotion lane draws a point per step.
    const curves = await page.locator('tr.kind-emotion').count();
    assert.ok(curves >= 1);
    assert.equal(await page.getByRole('slider').count(), curves * steps);

    if (key === 'blueprint') {
      // The blueprint's three lines are named in one line each, over their lane titles.
      const lines = await page.evaluate(() => [...document.querySelectorAll('th.lane-title')]
        .map((t) => getComputedStyle(t, '::before'))
        .filter((s) => s.content !== 'none')
        .map((s) => [s.content, parseFloat(s.height), parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.3]));
      assert.equal(lines.length, 3);
      for (const [name, height, line] of lines) assert.ok(height < line * 1.5, `${name} takes ${height} px`);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    const grid = await page.locator('table.grid').boundingBox();
    const size = page.viewportSize();
    await screenshot(page, `template-${key}`, { clip: { x: 0, y: 0, width: size.width, height: Math.min(size.height, grid.y + grid.height + 16) } });
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test('the blueprint draws its lines between the staff lanes', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByLabel('Template').selectOption('blueprint');
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').waitFor();
  const lines = await page.evaluate(() =>
    ['frontstage', 'backstage', 'support'].map((k) => {
      const th = document.querySelector(`tr.kind-${k} th.lane-title`);
      return [getComputedStyle(th, '::before').content, getComputedStyle(th).borderTopStyle];
    }),
  );
  assert.deepEqual(lines, [
    ['"Line of interaction"', 'dashed'],
    ['"Line of visibility"', 'dashed'],
    ['"Line of internal interaction"', 'dashed'],
  ]);
  // The new kinds can be added like any other, and edited as lists.
  await page.getByRole('button', exact('Add lane')).click();
  await page.getByRole('menuitem', exact('Physical evidence')).click();
  const cell = page.locator('tr.kind-evidence').last().locator('td.cell').first();
  await cell.click();
  await page.keyboard.type('Parking ticket');
  await page.keyboard.press('Control+Enter');
  await assert.doesNotReject(cell.getByText('Parking ticket').waitFor());
  assert.deepEqual(errors, []);
  await page.context().close();
});

// The templates are files beside index.html (templates/<key>.journey.json),
// fetched when one is chosen; the button is busy meanwhile.
test('a template is fetched from templates/, with the button busy until it opens', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  let release;
  const held = new Promise((ok) => (release = ok));
  const asked = [];
  await page.route('**/templates/*.journey.json', async (route) => {
    asked.push(route.request().url());
    await held;
    await route.continue();
  });
  await page.getByLabel('Template').selectOption('onboarding');
  const button = page.getByRole('button', exact('New from template'));
  // By keyboard, as before: focus the button and press Enter.
  await button.focus();
  await page.keyboard.press('Enter');
  await assert.doesNotReject(page.locator('button.busy[aria-busy="true"]').waitFor());
  assert.deepEqual(asked, [`${env.server.url}templates/onboarding.journey.json`]);
  // A second press while it loads does not make a second map.
  await page.keyboard.press('Enter');
  await screenshot(page, 'template-loading', { clip: { x: 0, y: 0, width: 1400, height: 260 } });
  release();
  await assert.doesNotReject(page.getByLabel('Map title').waitFor());
  assert.equal(await page.getByLabel('Map title').inputValue(), 'Customer onboarding: banking app');
  await screenshot(page, 'template-opened', { clip: { x: 0, y: 0, width: 1400, height: 500 } });
  // One new map with a fresh id (not the file's), and nothing else.
  const ids = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journeymap:map:')));
  assert.equal(ids.length, 1, ids.join());
  assert.ok(!ids[0].endsWith(':onboarding'), ids[0]);
  assert.equal(asked.length, 1);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** Errors other than the browser's own report of the failed request. */
const notNetwork = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

for (const [name, answer, expected] of [
  ['a missing file (404)', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }), /the server answered 404/],
  ['no network', (route) => route.abort('internetdisconnected'), /cannot be reached/],
  ['a broken file', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "journeymap", "version": 1, "id": "<b>bold</b>", "title": 3}' }), /not a valid map .*title/],
]) {
  test(`a template that cannot be loaded (${name}) says so, names the file and changes nothing`, async () => {
    const { page, errors } = await newPage(env.browser, env.server.url);
    await page.route('**/templates/*.journey.json', answer);
    await page.getByLabel('Template').selectOption('support');
    const button = page.getByRole('button', exact('New from template'));
    await button.click();
    const notice = page.locator('.notice.error').filter({ hasText: 'templates/support.journey.json' });
    await assert.doesNotReject(notice.waitFor());
    const text = await notice.innerText();
    assert.match(text, /Could not load the template "Support and complaint resolution" from templates\/support\.journey\.json/);
    assert.match(text, expected);
    assert.match(text, /Nothing was changed/);
    // Text, never HTML.
    assert.equal(await notice.locator('b').count(), 0);
    if (name === 'a broken file') await screenshot(page, 'template-failed');
    // Still on the start screen, no map made, the button usable again.
    assert.equal(await page.getByLabel('Map title').count(), 0);
    assert.equal(await button.getAttribute('aria-busy'), null);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'New from template');
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journeymap:map:')).length), 0);
    // With the file back, the same button works.
    await page.unroute('**/templates/*.journey.json');
    await button.click();
    await assert.doesNotReject(page.getByLabel('Map title').waitFor());
    assert.equal(await page.getByLabel('Map title').inputValue(), 'Support and complaint resolution');
    assert.deepEqual(notNetwork(errors), []);
    await page.context().close();
  });
}
