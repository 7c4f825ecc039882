// Presenting a map: insights, the table view, a future state and the
// compare view, each looked at in a screenshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { useServerAndBrowser, newPage, screenshot, exact, root } from './lib.mjs';

const env = useServerAndBrowser();

async function template(page) {
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').waitFor();
}

test('the Insights panel reads the map: moods per stage, moments of truth, pain, targets', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await template(page);
  await page.getByRole('button', exact('Insights')).click();
  const panel = page.getByRole('region', { name: 'Insights' });
  await assert.doesNotReject(panel.getByText(/Average emotion per stage/).waitFor());
  const text = await panel.innerText();
  assert.match(text, /Lowest:/);
  assert.match(text, /Highest:/);
  assert.match(text, /Most pain points/);
  assert.match(text, /Metrics against targets/);
  assert.match(text, /(met|missed)/);
  await screenshot(page, 'insights');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the Table view gives the whole map as a plain table with emotion values', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await template(page);
  await page.getByRole('button', exact('Table view')).click();
  const table = page.getByRole('table', { name: 'E-commerce purchase (current state)' });
  await table.waitFor();
  const steps = await table.locator('tbody th[scope=row]').count();
  assert.equal(steps, 12, 'one row per step');
  const headers = await table.locator('thead th').allInnerTexts();
  assert.deepEqual(headers.slice(0, 2), ['Stage', 'Step']);
  // Emotion values are numbers with the scale's words.
  assert.match(await table.innerText(), /-2 \(Frustrated\)/);
  await screenshot(page, 'table-view');
  // Back to the grid.
  await page.getByRole('button', exact('Table view')).click();
  await assert.doesNotReject(table.waitFor({ state: 'detached' }));
  await assert.doesNotReject(page.locator('.grid').first().waitFor());
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a future state is created, changed, and compared with the current state', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await template(page);
  await page.getByRole('button', exact('Create future state')).click();
  const title = page.getByLabel('Map title');
  await assert.doesNotReject(page.waitForFunction(() =>
    document.querySelector('input[aria-label="Map title"]')?.value === 'E-commerce purchase (future state)'));
  assert.equal(await page.getByLabel('State').inputValue(), 'future');
  // Improve the lowest moment: move the "Checks out" point up twice.
  const point = page.getByRole('slider', { name: /Checks out/ }).first();
  await point.focus();
  await point.press('ArrowUp');
  await point.press('ArrowUp');
  await page.getByRole('button', exact('Compare')).click();
  const panel = page.getByRole('region', { name: 'Compare' });
  await assert.doesNotReject(panel.getByText(/“Feeling” at “Checks out”: -2 → 0/).waitFor());
  // Only that change, from what to what: the twin's own title and state are not listed.
  assert.deepEqual(await panel.locator('.change-list li').allInnerTexts(), ['“Feeling” at “Checks out”: -2 → 0']);
  assert.equal(await panel.getByText(/Renamed the map|current\/future/).count(), 0);
  assert.equal(await panel.locator('.overlay-chart svg').count(), 1);
  // The scale's words stand beside the chart, at their levels.
  const words = await panel.locator('.overlay-scale .scale-label').evaluateAll((ls) => ls.map((l) => [l.textContent, l.getBoundingClientRect().top]));
  assert.deepEqual(words.map(([w]) => w).sort(), ['Delighted', 'Frustrated', 'Neutral', 'Satisfied', 'Unhappy']);
  const top = (w) => words.find(([x]) => x === w)[1];
  assert.ok(top('Delighted') < top('Neutral') && top('Neutral') < top('Frustrated'));
  await screenshot(page, 'compare');
  const download = page.waitForEvent('download');
  await panel.getByRole('button', exact('Download SVG')).click();
  const file = join(root, 'target', 'e2e-compare.svg');
  await (await download).saveAs(file);
  const svg = await readFile(file, 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /“Feeling” at “Checks out”: -2 → 0/);
  assert.match(svg, />Delighted<\/text>/);
  assert.doesNotMatch(svg, /Renamed the map|current\/future/, 'as in the panel');
  // The exported SVG renders.
  const view = await page.context().newPage();
  await view.goto(`file://${file}`);
  await screenshot(view, 'compare-export');
  await view.close();
  // With the panel open, edits show in it a moment later, and a long list
  // of changes shows its first 12 and the rest on request.
  const names = page.locator('input.step-name');
  for (let i = 0; i < 13; i++) {
    await names.nth(i % 12).fill(`Step renamed ${i}`);
    await names.nth(i % 12).press('Enter');
  }
  await assert.doesNotReject(panel.getByText(/Renamed step .* to “Step renamed 12”/).waitFor());
  assert.equal(await panel.locator('.change-list li').count(), 12);
  const all = panel.getByRole('button', { name: /^Show all \d+$/ });
  const total = Number((await all.innerText()).match(/\d+/)[0]);
  assert.ok(total > 12, `${total} changes`);
  await all.click();
  assert.equal(await panel.locator('.change-list li').count(), total);
  assert.equal(await panel.getByRole('button', exact('Show fewer')).getAttribute('aria-expanded'), 'true');
  // The current state links back and compares too.
  await panel.getByRole('button', { name: /^Open “E-commerce purchase”/ }).click();
  await assert.doesNotReject(page.waitForFunction(() =>
    document.querySelector('input[aria-label="Map title"]')?.value === 'E-commerce purchase'));
  await page.getByRole('button', exact('Compare')).click();
  const back = page.getByRole('region', { name: 'Compare' });
  await back.getByRole('button', { name: /^Show all/ }).click();
  await assert.doesNotReject(back.getByText(/“Feeling” at “[^”]+”: -2 → 0/).waitFor());
  assert.equal(await title.count(), 1);
  // With the future state in the Trash, Compare says where it is.
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', exact('Delete E-commerce purchase (future state)')).click();
  await page.getByRole('alertdialog').getByRole('button', exact('Delete')).click();
  await page.getByRole('button', exact('Open E-commerce purchase')).click();
  await page.getByRole('button', exact('Compare')).click();
  await assert.doesNotReject(page.getByRole('region', { name: 'Compare' })
    .getByText('The linked map “E-commerce purchase (future state)” is in the Trash. Restore it from the Trash on the start screen to compare again.').waitFor());
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('twins both marked future state compare the same way from each, and say so', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await template(page);
  await page.getByRole('button', exact('Create future state')).click();
  await page.waitForFunction(() => document.querySelector('input[aria-label="Map title"]')?.value.endsWith('(future state)'));
  // A step added in the future state.
  await page.getByRole('button', exact('Add step')).click();
  await page.locator('input.step-name:focus').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Writes a review');
  await page.keyboard.press('Enter');
  await page.getByRole('button', exact('Compare')).click();
  const panel = page.getByRole('region', { name: 'Compare' });
  await panel.getByText(/Added step “Writes a review”/).waitFor();
  const fromFuture = await panel.locator('.change-list li').allInnerTexts();
  // The current state switched to "Future state" by hand.
  await panel.getByRole('button', { name: /^Open “E-commerce purchase”/ }).click();
  await page.waitForFunction(() => document.querySelector('input[aria-label="Map title"]')?.value === 'E-commerce purchase');
  await page.getByLabel('State').selectOption('future');
  await page.getByRole('button', exact('Compare')).click();
  const back = page.getByRole('region', { name: 'Compare' });
  await back.getByRole('note').getByText(/Both maps are marked “Future state”/).waitFor();
  await back.locator('.change-list li').first().waitFor();
  const fromCurrent = await back.locator('.change-list li').allInnerTexts();
  assert.deepEqual(fromCurrent, fromFuture, 'the same list from both maps');
  await screenshot(page, 'compare-both-future');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a persona has a profile card: initials, demographics, goals, pains, channels and a quote', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await template(page);
  await page.getByRole('button', exact('Personas')).click();
  const panel = page.getByRole('region', { name: 'Personas' });
  const card = panel.locator('.persona-card').first();
  assert.equal(await card.locator('.avatar.initials').innerText(), 'S');
  const shown = await card.innerText();
  for (const part of ['34 years old', 'GOALS', 'PAINS', 'Mobile app', 'I just won']) {
    if (part === 'I just won') continue;
    assert.ok(shown.includes(part), `${part} in ${shown}`);
  }
  await card.getByRole('button', exact('Edit profile')).click();
  await card.getByLabel('Quote, in their words').fill('Two clicks, or I am gone.');
  await card.getByLabel(/Phone/).check();
  // A script address is refused with a message; the picture stays initials.
  await card.getByLabel(/^Picture/).fill('javascript:alert(1)');
  await card.getByLabel(/^Picture/).press('Tab');
  await assert.doesNotReject(page.getByText(/must be an https:, http: or data:image\/ address/).waitFor());
  assert.equal(await card.getByLabel(/^Picture/).inputValue(), '', 'the field shows the picture kept: none');
  // A picture that does not load shows the initials, not a broken image.
  await card.getByLabel(/^Picture/).fill('https://pictures.invalid/sam.png');
  await card.getByLabel(/^Picture/).press('Tab');
  await card.locator('.avatar.initials').waitFor();
  assert.equal(await card.locator('img.avatar').count(), 0);
  await card.getByRole('button', exact('Done')).click();
  const after = await card.innerText();
  assert.match(after, /Two clicks, or I am gone\./);
  assert.match(after, /Phone/);
  await screenshot(page, 'personas');
  // Undo takes back one profile change at a time: the picture, then Phone.
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.match(await card.innerText(), /Phone/);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.doesNotMatch(await card.innerText(), /Phone/);
  // The picture's failed load is the browser's own report, and expected.
  assert.deepEqual(errors.filter((e) => !e.includes('ERR_NAME_NOT_RESOLVED')), []);
  await page.context().close();
});

test('a future state whose current state is not in this browser says to import it, and can be unlinked (with Undo)', async () => {
  const { makeMap } = await import('../../bench/gen.mjs');
  const map = Object.assign(makeMap(12, { id: 'alone' }), { state: 'future', twin: 'not-here' });
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.evaluate((text) => localStorage.setItem('journeymap:map:alone', text), JSON.stringify(map));
  await page.goto(`${env.server.url}#/map/alone`);
  await page.getByRole('button', exact('Compare')).click();
  const panel = page.getByRole('region', { name: 'Compare' });
  await assert.doesNotReject(panel.getByText("This map's current state, which it is linked to, is not in this browser. Import its .journey.json file to compare the two, or unlink this map.").waitFor());
  await panel.getByRole('button', exact('Unlink')).click();
  await panel.waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('button', exact('Compare')).count(), 0);
  await page.waitForFunction(() => document.activeElement?.id === 'undo-button');
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('journeymap:map:alone')).twin ?? null);
  await page.waitForFunction(() => !JSON.parse(localStorage.getItem('journeymap:map:alone')).twin);
  await page.keyboard.press('Enter');
  await page.getByRole('button', exact('Compare')).waitFor();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('journeymap:map:alone')).twin === 'not-here');
  assert.equal(await stored(), 'not-here');
  assert.deepEqual(errors, []);
  await page.context().close();
});
