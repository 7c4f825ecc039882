// Focus, undo and numbers around everyday edits, in Chromium, against the
// release build: the cases a browser audit found off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, screenshot, exact } from './lib.mjs';

const env = useServerAndBrowser();

/** A new map from the E-commerce template, every column drawn. */
async function template() {
  const opened = await newPage(env.browser, env.server.url);
  await opened.page.getByRole('button', exact('New from template')).click();
  await opened.page.locator('th.step').nth(11).waitFor();
  await opened.page.locator('input.step-name').nth(11).waitFor();
  return opened;
}

/** The map as stored, once the save has happened. */
async function stored(page) {
  await page.waitForTimeout(400);
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:'));
    return JSON.parse(localStorage.getItem(key));
  });
}

const focusedLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
const stageOf = (map, step) => map.stages.find((s) => s.steps.some((t) => t.id === step))?.name;

test('the stage picker and the move buttons keep the focus on the step they moved', async () => {
  const { page, errors, context } = await template();
  // Picking a stage moves the step there; the focus stays on its picker.
  const picker = page.getByLabel('Stage of step Compares prices');
  // It lists every stage once it is used.
  await picker.focus();
  await picker.selectOption({ label: 'Retention' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Stage of step Compares prices');
  assert.equal(stageOf(await stored(page), 't3'), 'Retention');
  // ↓ on a closed picker moves the step on, and the focus stays for the next.
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Stage of step Compares prices');
  assert.equal(stageOf(await stored(page), 't3'), 'Advocacy');

  // ▶ pressed twice moves a step twice: the focus stays on the button.
  await page.getByRole('button', exact('Move step Reads reviews right')).focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(150);
  assert.equal(await focusedLabel(page), 'Move step Reads reviews right');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(150);
  assert.equal(await focusedLabel(page), 'Move step Reads reviews right');
  // Past Adds to cart, then over the stage's edge to the start of Purchase.
  const moved = await stored(page);
  assert.deepEqual(moved.stages.find((s) => s.name === 'Purchase').steps.map((t) => t.name).slice(0, 2), ['Reads reviews', 'Checks out']);
  // At the end of the map the button is disabled: the focus goes to the name.
  await page.getByRole('button', exact('Move stage Advocacy right')).waitFor({ state: 'attached' });
  await page.getByRole('button', exact('Move stage Retention right')).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Stage name: Retention');
  await screenshot(page, 'editing-moved');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Ctrl+Z in an editor with nothing typed undoes the map, not another field', async () => {
  const { page, errors, context } = await template();
  const name = page.getByLabel('Stage name: Awareness');
  await name.fill('Aware!');
  await name.press('Enter');
  await page.getByLabel('Stage name: Aware!').waitFor();
  // A cell's editor opens with nothing typed: Ctrl+Z is the map's undo.
  await page.locator('td.cell[data-lane="l1"][data-step="t3"]').click();
  await page.locator('.cell-editor textarea').waitFor();
  await page.keyboard.press('Control+z');
  await page.getByLabel('Stage name: Awareness').waitFor();
  assert.equal((await stored(page)).stages[0].name, 'Awareness', 'the rename is undone in the map');
  assert.equal(await page.locator('#redo-button').isEnabled(), true);
  await page.keyboard.press('Control+Shift+z');
  await page.getByLabel('Stage name: Aware!').waitFor();
  assert.equal(await page.locator('input.stage-name').first().inputValue(), 'Aware!');
  assert.equal((await stored(page)).stages[0].name, 'Aware!');

  // Typed text is the field's own to undo first; then the map's.
  await page.locator('td.cell[data-lane="l1"][data-step="t3"]').click();
  const box = page.locator('.cell-editor textarea');
  const before = await box.inputValue();
  await page.keyboard.type(' more');
  await page.keyboard.press('Control+z');
  assert.equal(await box.inputValue(), before, 'the typing is undone');
  assert.equal((await stored(page)).stages[0].name, 'Aware!', 'the map is not');
  await page.keyboard.press('Control+z');
  await page.getByLabel('Stage name: Awareness').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the browser's own Undo (a field's context menu) is the map's when nothing is typed", async () => {
  const { page, errors, context } = await template();
  // The context menu's Undo runs the browser's editing command, as a key
  // with `commands` does through the DevTools protocol (no Ctrl here, so
  // only the command can act).
  const cdp = await context.newCDPSession(page);
  const command = async (name) => {
    for (const type of ['rawKeyDown', 'keyUp']) {
      await cdp.send('Input.dispatchKeyEvent', { type, key: 'F24', code: 'F24', windowsVirtualKeyCode: 135, commands: type === 'rawKeyDown' ? [name] : [] });
    }
  };
  const name = page.getByLabel('Stage name: Awareness');
  await name.fill('Aware!');
  await name.press('Enter');
  await page.getByLabel('Stage name: Aware!').waitFor();
  // In a cell's editor with nothing typed, Undo takes back the rename and
  // leaves the stage name's field as the map says (before, the browser's
  // page-wide undo changed that field's text, and the map kept "Aware!").
  await page.locator('td.cell[data-lane="l1"][data-step="t3"]').click();
  const box = page.locator('.cell-editor textarea');
  await box.waitFor();
  const before = await box.inputValue();
  await command('undo');
  await page.getByLabel('Stage name: Awareness').waitFor();
  assert.equal((await stored(page)).stages[0].name, 'Awareness', 'the rename is undone in the map');
  // (The browser offers Redo only for its own undo, so the map's redo is
  // the toolbar's and the keys'.)
  await page.locator('#redo-button').click();
  await page.getByLabel('Stage name: Aware!').waitFor();
  assert.equal((await stored(page)).stages[0].name, 'Aware!');
  // Typed text is the field's own to undo first.
  await page.locator('td.cell[data-lane="l1"][data-step="t3"]').click();
  await box.waitFor();
  await page.keyboard.type(' more');
  await command('undo');
  assert.equal(await box.inputValue(), before, 'the typing is undone');
  assert.equal((await stored(page)).stages[0].name, 'Aware!', 'the map is not');
  assert.deepEqual(errors, []);
  await context.close();
});

test('undo in a cell form and after Enter in a name undoes what was done there, and redo brings typing back', async () => {
  const { page, errors, context } = await template();
  // An earlier edit elsewhere on the map.
  await page.locator('td.cell[data-lane="l1"][data-step="t5"]').click();
  await page.locator('.cell-editor textarea').fill('Earlier edit');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('td.cell[data-lane="l1"][data-step="t5"]').innerText.includes('Earlier edit'));
  const earlier = async () => (await stored(page)).lanes.find((l) => l.id === 'l1').cells.t5;

  // A metric's value typed, then Tab to the next field: Ctrl+Z undoes the
  // value in the form, which stays open; the earlier edit stays.
  await page.locator('td.cell[data-lane="l7"][data-step="t1"]').click();
  const value = page.getByLabel('Value').first();
  await value.fill('1.9');
  await value.press('Tab');
  await page.keyboard.press('Control+z');
  assert.equal(await value.inputValue(), '1.2', 'the typed value is undone in the form');
  assert.equal(await page.locator('.cell-editor').count(), 1, 'the form stays open');
  assert.equal(await earlier(), 'Earlier edit');
  await page.keyboard.press('Escape');

  // A channel picked (not typing): Ctrl+Z saves the form's change and
  // takes it back as one edit, leaving the earlier edit; Redo brings it.
  await page.locator('td.cell[data-lane="l2"][data-step="t3"]').click();
  await page.getByRole('button', exact('Add touchpoint')).click();
  await page.locator('.cell-editor select').last().selectOption('email');
  await page.keyboard.press('Control+z');
  await page.locator('.cell-editor').waitFor({ state: 'detached' });
  assert.equal((await stored(page)).lanes.find((l) => l.id === 'l2').cells.t3.length, 1, 'the new touchpoint is taken back');
  assert.equal(await earlier(), 'Earlier edit', 'nothing else is undone');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelector('td.cell[data-lane="l2"][data-step="t3"]').innerText.includes('Email'));
  assert.equal((await stored(page)).lanes.find((l) => l.id === 'l2').cells.t3.length, 2, 'Redo brings it back');

  // Enter in a name saves it: Ctrl+Z then undoes the rename in the map (the
  // field shows the map's name), and the next Ctrl+Z the change before it.
  const name = page.getByLabel('Stage name: Awareness');
  await name.fill('Discover');
  await name.press('Enter');
  await page.keyboard.press('Control+z');
  await page.getByLabel('Stage name: Awareness').waitFor();
  assert.equal((await stored(page)).stages[0].name, 'Awareness');
  assert.equal(await page.locator('input.stage-name').first().inputValue(), 'Awareness');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !document.querySelector('td.cell[data-lane="l2"][data-step="t3"]').innerText.includes('Email'));

  // Typing undone in a field is redone there first, not the map's redo.
  await page.locator('td.cell[data-lane="l3"][data-step="t2"]').click();
  const box = page.locator('.cell-editor textarea');
  const before = await box.inputValue();
  await page.keyboard.type(' hello');
  await page.keyboard.press('Control+z');
  assert.equal(await box.inputValue(), before);
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await box.inputValue(), `${before} hello`, 'the typing comes back');
  assert.equal(await page.locator('.cell-editor').count(), 1, 'the editor stays open');
  assert.equal((await stored(page)).stages[0].name, 'Awareness', "the map's redo did not run");
  assert.deepEqual(errors, []);
  await context.close();
});

test('a form that grows past the bottom of the window is scrolled into view, its Done button too', async () => {
  const { page, errors, context } = await template();
  await page.locator('td.cell[data-lane="l7"][data-step="t1"]').click();
  for (let i = 0; i < 6; i++) await page.getByRole('button', exact('Add metric')).click();
  await page.waitForTimeout(100);
  const { done, bottom } = await page.evaluate(() => ({
    done: [...document.querySelectorAll('.cell-editor button')].find((b) => b.textContent === 'Done').getBoundingClientRect().bottom,
    bottom: document.querySelector('.grid-scroll').getBoundingClientRect().bottom,
  }));
  assert.ok(done <= bottom, `Done's bottom ${done} is within the map's ${bottom}`);
  await screenshot(page, 'editing-tall-form');
  assert.deepEqual(errors, []);
  await context.close();
});

test('removing a touchpoint or a metric is part of the edit: Escape takes it all back', async () => {
  const { page, errors, context } = await template();
  const tp = page.locator('td.cell[data-lane="l2"][data-step="t1"]');
  await tp.click();
  await page.locator('.tp-row').nth(1).getByLabel('Note').fill('Typed, not saved');
  await page.locator('.tp-row').first().getByRole('button', exact('Remove touchpoint')).click();
  assert.equal(await page.locator('.tp-row').count(), 1, 'the row goes from the form');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Channel', 'the focus stays in the form');
  await page.keyboard.press('Escape');
  await page.locator('.structured').waitFor({ state: 'detached' });
  const cell = (await stored(page)).lanes.find((l) => l.id === 'l2').cells.t1;
  assert.deepEqual(cell.map((t) => t.note), ['Instagram video ad', 'Retargeting banner']);

  // The same for a metric; Done saves the removal.
  const kpi = page.locator('td.cell[data-lane="l7"][data-step="t1"]');
  await kpi.click();
  await page.getByRole('button', exact('Remove metric')).click();
  await page.keyboard.press('Escape');
  await page.locator('.structured').waitFor({ state: 'detached' });
  assert.equal((await stored(page)).lanes.find((l) => l.id === 'l7').cells.t1.length, 1);
  await kpi.click();
  await page.getByRole('button', exact('Remove metric')).click();
  await page.getByRole('button', exact('Done')).click();
  await page.locator('.structured').waitFor({ state: 'detached' });
  assert.equal((await stored(page)).lanes.find((l) => l.id === 'l7').cells.t1, undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

test('arrow keys move an emotion point to the next level, and small numbers show', async () => {
  const { page, errors, context } = await template();
  const point = page.getByRole('slider', { name: / at Sees a social ad$/ });
  const before = await point.getAttribute('aria-valuenow');
  await point.focus();
  await page.keyboard.press('Home'); // -2
  for (let i = 0; i < 25; i++) await page.keyboard.press('Shift+ArrowUp'); // 0.5
  assert.equal(await point.getAttribute('aria-valuenow'), '0.5');
  await page.keyboard.press('ArrowUp');
  assert.equal(await point.getAttribute('aria-valuenow'), '1', '0.5 goes up to 1, not 2');
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowDown'); // 0.2
  await page.keyboard.press('ArrowDown');
  assert.equal(await point.getAttribute('aria-valuenow'), '0', '0.2 goes down to 0, not -1');
  // The keys pressed on one point are one step to undo.
  await page.keyboard.press('Control+z');
  await page.waitForFunction((v) => document.activeElement?.getAttribute('aria-valuenow') === v, before);

  // A metric of 0.004 % shows as that, not as 0 %; a typographer's minus reads.
  await page.locator('td.cell[data-lane="l7"][data-step="t1"]').click();
  await page.getByLabel('Value').fill('0.004');
  await page.getByLabel('Target').fill('\u22122');
  assert.equal(await page.getByLabel('Target').getAttribute('aria-invalid'), null);
  await page.getByRole('button', exact('Done')).click();
  const cell = page.locator('td.cell[data-lane="l7"][data-step="t1"]');
  await assert.doesNotReject(cell.getByText('0.004%').waitFor());
  await assert.doesNotReject(cell.getByText('target -2%').waitFor());
  assert.deepEqual(errors, []);
  await context.close();
});

test('what is being typed is saved when the browser goes Back to the maps', async () => {
  const { page, errors, context } = await template();
  const id = (await stored(page)).id;
  // Open the map from the start screen, so that Back leads there.
  await page.goto(`${env.server.url}#/`);
  await page.goto(`${env.server.url}#/map/${id}`);
  await page.locator('td.cell[data-lane="l1"][data-step="t1"]').click();
  await page.keyboard.type('Typed, then Back');
  await page.goBack();
  await page.getByRole('heading', { name: /maps/i }).first().waitFor();
  const map = await stored(page);
  assert.match(map.lanes.find((l) => l.id === 'l1').cells.t1, /Typed, then Back/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('plain text pasted on a selected cell goes into it; a map file pasted there is imported', async () => {
  const { page, errors, context } = await template();
  const paste = (text) =>
    page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
  const doing = page.locator('td.cell[data-lane="l1"][data-step="t2"]');
  await doing.focus();
  await paste('Pasted from a sheet');
  await assert.doesNotReject(doing.getByText('Pasted from a sheet').waitFor());
  // A list lane takes one item per line.
  const pains = page.locator('td.cell[data-lane="l5"][data-step="t2"]');
  await pains.focus();
  await paste('Too many tabs\nSlow page\n');
  await assert.doesNotReject(pains.locator('li', { hasText: 'Slow page' }).waitFor());
  assert.deepEqual((await stored(page)).lanes.find((l) => l.id === 'l5').cells.t2, ['Too many tabs', 'Slow page']);
  assert.equal(await page.getByText(/Could not import/).count(), 0, 'no import was tried');
  // One change each: Ctrl+Z takes the list back, not the text.
  await page.keyboard.press('Control+z');
  await pains.locator('li', { hasText: 'Slow page' }).waitFor({ state: 'detached' });
  assert.match(await doing.innerText(), /Pasted from a sheet/);
  // A Mermaid journey pasted on a cell is a file to import, as anywhere.
  await doing.focus();
  await paste('journey\n  title Pasted journey\n  section A\n    Go: 5: Me\n');
  await page.waitForFunction(() => document.querySelector('.map-title-input')?.value === 'Pasted journey');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an untitled map downloads as "Untitled journey" and comes back untitled', async () => {
  const { page, errors, context } = await template();
  await page.getByLabel('Map title').fill('');
  await page.getByLabel('Map title').press('Enter');
  const download = page.waitForEvent('download');
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Download .journey.json')).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'Untitled journey.journey.json');
  const buffer = await (await import('node:fs/promises')).readFile(await file.path());
  // Opened in another browser, it stays untitled rather than taking the
  // file's name.
  const other = await newPage(env.browser, env.server.url);
  const chooser = other.page.waitForEvent('filechooser');
  await other.page.getByRole('button', exact('Import')).click();
  await (await chooser).setFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer });
  await other.page.getByLabel('Map title').waitFor();
  assert.equal(await other.page.getByLabel('Map title').inputValue(), '');
  await other.context.close();
  // Kept beside the map it came from, it is "Untitled journey (imported)".
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', exact('Import')).click();
  await (await again).setFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer });
  await page.getByRole('button', exact('Keep both')).click();
  await page.getByLabel('Map title').waitFor();
  assert.equal(await page.getByLabel('Map title').inputValue(), 'Untitled journey (imported)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('deleting the map opened straight from a link puts the focus on the list', async () => {
  const { page, errors, context } = await template();
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', exact('New from template')).click();
  await page.locator('input.step-name').first().waitFor();
  // Opened by its address, as from a bookmark: the start screen was never shown.
  await page.reload();
  await page.getByRole('button', exact('Delete map')).click();
  await page.locator('.dialog').getByRole('button', exact('Delete')).click();
  await page.waitForFunction(() => document.activeElement?.matches('.map-list button.map-title'));
  assert.deepEqual(errors, []);
  await context.close();
});
