// The user path through the editor, in Chromium, against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useServerAndBrowser, newPage, screenshot, exact, drawn, clickTool } from './lib.mjs';

const env = useServerAndBrowser();


/** The slider of the emotion lane at the step named `step`. */
function point(page, step) {
  return page.getByRole('slider', { name: new RegExp(` at ${step}$`) });
}

test('build a map from the template, edit it, and find it again after a reload', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await assert.doesNotReject(page.getByLabel('Map title').waitFor());
  assert.equal(await page.getByLabel('Map title').inputValue(), 'E-commerce purchase');
  // The steps beyond the view are drawn just after the first frame.
  await page.locator('th.step').nth(11).waitFor();
  assert.equal(await page.locator('th.stage').count(), 5);
  assert.equal(await page.locator('th.step').count(), 12);

  // Add a stage: its name field takes focus.
  await page.getByRole('button', exact('Add stage')).click();
  // It takes focus after the next frame; type once it has.
  await page.locator('input.stage-name:focus').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Loyalty');
  await page.keyboard.press('Enter');
  // Add a step to the last stage, and name it.
  await page.getByRole('button', exact('Add step')).click();
  await page.locator('input.step-name:focus').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Writes a review');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('th.stage').count(), 6);
  assert.equal(await page.locator('input.stage-name').last().inputValue(), 'Loyalty');
  assert.equal(await page.locator('th.step').count(), 14);

  // Type into a cell: click starts editing, Enter saves.
  const cell = page.locator('td.cell[data-lane="l1"]').last();
  await cell.scrollIntoViewIfNeeded();
  await cell.click();
  await page.keyboard.type('Posts five stars');
  await page.keyboard.press('Enter');
  await assert.doesNotReject(cell.getByText('Posts five stars').waitFor());

  // Enter on a focused cell edits too, and Escape cancels.
  const thinking = page.locator('td.cell[data-lane="l3"][data-step="t1"]');
  await thinking.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type(' (draft)');
  await page.keyboard.press('Escape');
  assert.equal(await thinking.innerText(), 'Those look light. Are they any good for long runs?');

  // Drag an emotion point up by two levels.
  const compares = point(page, 'Compares prices');
  await compares.scrollIntoViewIfNeeded();
  assert.equal(await compares.getAttribute('aria-valuenow'), '-1');
  const box = await compares.boundingBox();
  const levels = await page.evaluate(() => {
    const labels = [...document.querySelectorAll('.scale-label')].map((e) => e.getBoundingClientRect().top);
    return Math.abs(labels[1] - labels[0]);
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 2 * levels, { steps: 6 });
  await page.mouse.up();
  assert.equal(await compares.getAttribute('aria-valuenow'), '1');

  // Change another with the keyboard.
  const pays = point(page, 'Pays');
  await pays.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await pays.getAttribute('aria-valuenow'), '1');
  // Delete clears it: a gap, not a zero.
  const confirmation = point(page, 'Gets confirmation');
  await confirmation.focus();
  await page.keyboard.press('Delete');
  assert.equal(await confirmation.getAttribute('aria-valuenow'), null);
  assert.equal(await confirmation.getAttribute('aria-valuetext'), 'no value');

  // Undo and redo from the keyboard and the toolbar.
  const toolbar = page.locator('.toolbar');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Z');
  assert.equal(await confirmation.getAttribute('aria-valuenow'), '1');
  await page.keyboard.press('Control+Shift+Z');
  assert.equal(await confirmation.getAttribute('aria-valuenow'), null);
  await toolbar.getByRole('button', exact('Undo')).click();
  assert.equal(await confirmation.getAttribute('aria-valuenow'), '1');
  await toolbar.getByRole('button', exact('Redo')).click();

  await screenshot(page, 'editor-edited');

  // Everything is still there after a reload.
  await page.reload();
  await assert.doesNotReject(page.getByLabel('Map title').waitFor());
  await drawn(page);
  assert.equal(await page.locator('input.stage-name').last().inputValue(), 'Loyalty');
  assert.equal(await page.locator('input.step-name').last().inputValue(), 'Writes a review');
  await assert.doesNotReject(page.getByText('Posts five stars').waitFor());
  assert.equal(await point(page, 'Compares prices').getAttribute('aria-valuenow'), '1');
  assert.equal(await point(page, 'Pays').getAttribute('aria-valuenow'), '1');
  assert.equal(await point(page, 'Gets confirmation').getAttribute('aria-valuenow'), null);

  // And in the library, with its step count.
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await assert.doesNotReject(page.getByText('14 steps').waitFor());
  await screenshot(page, 'library');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the arrow keys pass over the emotion curve; Enter adjusts a point, Escape passes again', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return `${el.getAttribute('data-lane')}/${el.getAttribute('data-step')}`;
    });
  const compares = point(page, 'Compares prices');
  assert.equal(await compares.getAttribute('aria-valuenow'), '-1');

  // Down from Thinking lands on the point, and the next Down moves on to
  // Pain points without touching its value.
  await page.locator('td.cell[data-lane="l3"][data-step="t3"]').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'l4/t3');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'l5/t3');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'l4/t3');
  // Along the curve it still passes: Right, then Up leaves for Thinking.
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'l4/t4');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'l3/t4');
  assert.equal(await compares.getAttribute('aria-valuenow'), '-1');
  assert.equal(await point(page, 'Reads reviews').getAttribute('aria-valuenow'), '1');

  // Enter starts adjusting: Up and Down change the value and stay.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'l4/t3');
  assert.equal(await compares.getAttribute('aria-valuenow'), '1');
  // Escape passes again.
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'l5/t3');
  assert.equal(await compares.getAttribute('aria-valuenow'), '1');

  // A point focused directly (Tab, click) adjusts at once, as a slider does.
  await compares.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await compares.getAttribute('aria-valuenow'), '0');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('Escape closes the Personas, History and Insights panels and returns focus to their buttons', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const focusedId = () => page.evaluate(() => document.activeElement.id);
  // From the toolbar button that opened it.
  await page.getByRole('button', exact('Insights')).click();
  await page.locator('.insights-panel').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.insights-panel').waitFor({ state: 'detached' });
  assert.equal(await focusedId(), 'insights-button');
  // From inside the panel; a name being typed is kept.
  await page.getByRole('button', exact('Personas')).click();
  const name = page.locator('input.persona-name').first();
  await name.click();
  await name.fill('Sam, returning shopper');
  await page.keyboard.press('Escape');
  await page.locator('.personas-panel').waitFor({ state: 'detached' });
  assert.equal(await focusedId(), 'personas-button');
  await page.getByRole('button', exact('Personas')).click();
  assert.equal(await page.locator('input.persona-name').first().inputValue(), 'Sam, returning shopper');
  await page.keyboard.press('Escape');
  await page.getByRole('button', exact('History')).click();
  await page.locator('.history-panel').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.history-panel').waitFor({ state: 'detached' });
  assert.equal(await focusedId(), 'history-button');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a cell half under the lane titles scrolls into view when it opens', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url, { viewport: { width: 700, height: 800 } });
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const scroll = page.locator('.grid-scroll');
  await scroll.evaluate((e) => (e.scrollLeft = 120));
  const cell = page.locator('td.cell[data-lane="l1"][data-step="t1"]');
  const box = await cell.boundingBox();
  // Click its part still in view, right of the lane titles.
  await page.mouse.click(box.x + box.width - 20, box.y + 10);
  await page.locator('.cell-editor').waitFor();
  const titles = await page.locator('th.lane-title').first().boundingBox();
  const editor = await page.locator('.cell-editor').boundingBox();
  assert.ok(editor.x >= titles.x + titles.width - 1, `the editor starts at ${editor.x}, under the titles ending at ${titles.x + titles.width}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('text past a cell\'s 20,000 characters is not cut without a word', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  await page.locator('td.cell[data-lane="l1"][data-step="t3"]').click();
  const area = page.locator('.cell-editor textarea');
  await area.fill('x'.repeat(25000));
  assert.equal((await area.inputValue()).length, 20000);
  await assert.doesNotReject(page.getByText('A cell holds at most 20,000 characters: the text past that was left out.').waitFor());
  await page.keyboard.press('Escape');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the browser\'s Back and Forward leave the editor and the list cleanly, with the focus in a menu or a rename', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  // The focus is on the Export button after its menu closes.
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menu').waitFor();
  await page.keyboard.press('Escape');
  await page.goBack();
  const open = page.getByRole('button', exact('Open E-commerce purchase'));
  await open.waitFor();
  // A rename in progress on the start screen, then Forward to the map.
  await page.getByRole('button', { name: /^Rename / }).click();
  await page.getByLabel(/title/i).first().waitFor();
  await page.goForward();
  await drawn(page);
  await page.locator('td.cell[data-lane="l1"][data-step="t1"]').click();
  await page.locator('.cell-editor textarea').waitFor();
  assert.equal(await page.locator('#jm-rescue').count(), 0, 'no crash banner');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a cell being edited is saved by a click elsewhere, and the click keeps its focus', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const cell = (lane, step) => page.locator(`td.cell[data-lane="${lane}"][data-step="${step}"]`);
  // A click on a stage name: the cell is saved and typing goes to the name.
  await cell('l1', 't2').click();
  await page.locator('.cell-editor textarea').fill('Edited');
  await page.locator('input.stage-name').nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' ZZ');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('input.stage-name').nth(1).inputValue(), 'Consideration ZZ');
  assert.equal(await cell('l1', 't2').locator('p.text').textContent(), 'Edited');
  // A click on another cell opens that one at once.
  await cell('l1', 't3').click();
  await page.locator('.cell-editor textarea').fill('First');
  await cell('l9', 't4').click();
  await page.waitForTimeout(100);
  const open = page.locator('td.cell.editing');
  assert.equal(await open.count(), 1);
  assert.equal(await open.getAttribute('data-lane'), 'l9');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA');
  assert.equal(await cell('l1', 't3').locator('p.text').textContent(), 'First');
  // A click on a toolbar button keeps the focus there.
  await page.keyboard.press('Escape');
  await cell('l1', 't1').click();
  await page.getByRole('button', exact('Personas')).click();
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Personas');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the focus stays somewhere useful: after New map, Duplicate and Enter in a new name', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  const active = () => page.evaluate(() => {
    const a = document.activeElement;
    return a === document.body ? 'body' : `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}.${a.className}`;
  });
  await page.getByRole('button', exact('New map')).click();
  await drawn(page);
  await page.waitForFunction(() => document.activeElement?.id === 'map-heading');
  // Enter in a new stage's name saves it and keeps the focus there.
  await page.getByRole('button', exact('Add stage')).click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('stage-name'));
  await page.keyboard.type('Onboarding');
  await page.keyboard.press('Enter');
  const names = await page.locator('input.stage-name').evaluateAll((es) => es.map((e) => e.value));
  assert.equal(names.at(-1), 'Onboarding');
  assert.match(await active(), /^input\..*stage-name/);
  // Duplicate on the start screen puts the focus on the copy.
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', { name: /^Duplicate / }).first().click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('map-title'));
  assert.equal(await page.locator('.map-item').count(), 2);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the keyboard keeps its place: deleting, Enter in the title, undoing a move, adding a touchpoint, going back', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return a === document.body ? 'body' : a.getAttribute('aria-label') ?? a.textContent.trim();
  });
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  // Deleting a step, a lane or a stage hands the focus to the next one.
  await page.getByRole('button', exact('Delete step Compares prices')).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement !== document.body);
  assert.equal(await focused(), 'Step name: Reads reviews');
  await page.getByRole('button', exact('Delete lane Doing')).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement !== document.body);
  assert.equal(await focused(), 'Lane title: Touchpoints');
  await page.getByRole('button', exact('Delete stage Advocacy')).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement !== document.body);
  assert.equal(await focused(), 'Stage name: Retention', 'the last stage hands it to the one before');

  // Enter in the map's title saves it and stays there.
  await page.getByLabel('Map title').fill('Shoes online');
  await page.getByLabel('Map title').press('Enter');
  assert.equal(await page.locator('#map-heading').innerText(), 'Shoes online');
  assert.equal(await focused(), 'Map title');
  // Escape puts back what was typed, and stays.
  await page.keyboard.type(' EDIT');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByLabel('Map title').inputValue(), 'Shoes online');
  const step = page.getByLabel('Step name: Reads reviews');
  await step.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' EDIT');
  await page.keyboard.press('Escape');
  assert.equal(await step.inputValue(), 'Reads reviews');
  await page.keyboard.press('Tab');
  assert.deepEqual(await page.locator('input.step-name').evaluateAll((es) => es.filter((e) => e.value.includes('EDIT')).length), 0);
  assert.equal(await page.locator('#map-heading').innerText(), 'Shoes online');

  // Undoing a move made from a name field leaves the focus in that field.
  await page.getByLabel('Step name: Reads reviews').focus();
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(100);
  assert.equal(await focused(), 'Step name: Reads reviews');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForTimeout(100);
  assert.equal(await focused(), 'Step name: Reads reviews');

  // Add touchpoint: the new row's channel takes the focus; a text cell's
  // box is named by its lane and step.
  await page.locator('td.cell[data-lane="l2"][data-step="t1"]').click();
  await page.getByRole('button', exact('Add touchpoint')).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Channel');
  assert.equal(await page.locator('.tp-row').count(), 3);
  assert.equal(await page.evaluate(() => document.activeElement === [...document.querySelectorAll('.tp-row select')].at(-1)), true);
  await page.keyboard.press('Escape');
  await page.locator('td.cell[data-lane="l3"][data-step="t1"]').click();
  assert.equal(await page.locator('.cell-editor textarea').getAttribute('aria-label'), 'Thinking at Sees a social ad');
  await page.keyboard.press('Escape');

  // Back to maps: the focus is on the map just left.
  await page.getByRole('button', { name: 'Back to maps' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('map-title'));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Shoes online');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the toolbar\'s Undo and Redo keep the focus on a button you can see when either runs out', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  // One change: clear a cell.
  await page.locator('td.cell').first().focus();
  await page.keyboard.press('Delete');
  const undo = page.getByRole('button', exact('Undo'));
  const redo = page.getByRole('button', exact('Redo'));
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  // Undo from the keyboard undoes the only change: Undo is disabled, and
  // the focus moves to Redo, not to the hidden heading or the body.
  await undo.focus();
  await page.keyboard.press('Enter');
  await assert.doesNotReject(page.waitForFunction(() => document.activeElement?.id === 'redo-button'));
  assert.ok(await undo.isDisabled());
  // And back: Redo runs out, the focus goes to Undo.
  await page.keyboard.press('Enter');
  await assert.doesNotReject(page.waitForFunction(() => document.activeElement?.id === 'undo-button'));
  assert.ok(await redo.isDisabled());
  assert.equal(await focused(), 'undo-button');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the Undo of a deletion undoes that deletion only, and goes once other changes follow', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const steps = () => page.locator('input.step-name').evaluateAll((es) => es.map((e) => e.value));
  await clickTool(page.getByRole('button', { name: 'Delete step Compares prices' }));
  const notice = page.locator('.notice', { hasText: 'Deleted step "Compares prices".' });
  await notice.waitFor();
  // Its Undo brings the step back while it is the latest change.
  await notice.getByRole('button', exact('Undo')).click();
  assert.ok((await steps()).includes('Compares prices'));
  // Deleted again, then another change: the notice goes, and the rename
  // is not what a stale Undo would take back.
  await clickTool(page.getByRole('button', { name: 'Delete step Compares prices' }));
  await notice.waitFor();
  await page.getByLabel('Map title').fill('Renamed after delete');
  await page.getByLabel('Map title').press('Enter');
  await assert.doesNotReject(notice.waitFor({ state: 'detached' }));
  assert.equal(await page.getByLabel('Map title').inputValue(), 'Renamed after delete');
  assert.ok(!(await steps()).includes('Compares prices'));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('dialogs keep Tab inside; deleting a persona and adding from the Table view leave the focus in use', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  // A confirmation: Tab and Shift+Tab go round its buttons.
  await page.getByRole('button', exact('Delete map')).click();
  const dialog = page.getByRole('alertdialog');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
  const inside = () => page.evaluate(() => !!document.activeElement?.closest('[role=alertdialog]'));
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inside(), `Tab ${i + 1} stays in the dialog`);
  }
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.ok(await inside());
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // Deleting a persona puts the focus on Add persona.
  await page.getByRole('button', exact('Personas')).click();
  const panel = page.getByRole('region', { name: 'Personas' });
  await panel.getByRole('button', { name: /^Delete persona / }).first().focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('add-persona'));
  // Ctrl+Z brings the persona back, and the focus stays on the page.
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(50);
  assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), 'BODY');
  // Add step from the Table view goes back to the grid, on the new name.
  await page.getByRole('button', exact('Table view')).click();
  await page.locator('table.table-view, .table-view table').first().waitFor();
  await page.getByRole('button', exact('Add step')).click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('step-name'));
  assert.equal(await page.evaluate(() => document.activeElement.value), 'New step');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a long cell keeps its row to about twelve lines, and its text scrolls inside', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const cell = page.locator('td.cell[data-lane="l1"][data-step="t3"]');
  await cell.click();
  await page.locator('.cell-editor textarea').fill('A long note. '.repeat(400));
  await page.keyboard.press('Enter');
  const text = cell.locator('p.text');
  await text.waitFor();
  const row = await cell.boundingBox();
  assert.ok(row.height <= 270, `the row is ${row.height} px tall`);
  const { scroll, client } = await text.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
  assert.ok(scroll > client * 3, `the text (${scroll} px) scrolls in ${client} px`);
  // It fades at the bottom while there is more below, and not at the end.
  const mask = (locator) => locator.evaluate((e) => getComputedStyle(e).maskImage);
  assert.match(await mask(text), /linear-gradient/);
  assert.equal(await mask(page.locator('td.cell[data-lane="l1"][data-step="t1"] p.text')), 'none', 'a short cell is not faded');
  await text.evaluate((e) => (e.scrollTop = e.scrollHeight));
  await page.waitForFunction(() => getComputedStyle(document.querySelector('td.cell[data-lane="l1"][data-step="t3"] p.text')).maskImage === 'none');
  await screenshot(page, 'long-cell');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('stages, steps and lanes are reordered, moved and deleted from the keyboard, with undo', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const stages = () => page.locator('input.stage-name').evaluateAll((es) => es.map((e) => e.value));
  const steps = () => page.locator('input.step-name').evaluateAll((es) => es.map((e) => e.value));
  const lanes = () => page.locator('input.lane-name').evaluateAll((es) => es.map((e) => e.value));

  // Alt+Arrow moves a stage, and focus follows it.
  await page.locator('input.stage-name').first().focus();
  await page.keyboard.press('Alt+ArrowRight');
  assert.deepEqual((await stages()).slice(0, 2), ['Consideration', 'Awareness']);
  await page.keyboard.press('Alt+ArrowLeft');
  assert.deepEqual((await stages()).slice(0, 2), ['Awareness', 'Consideration']);

  // A step moves across a stage boundary with Alt+Arrow.
  await page.getByLabel('Step name: Searches for the product').focus();
  await page.keyboard.press('Alt+ArrowRight');
  assert.equal(
    await page.getByLabel('Stage of step Searches for the product').inputValue(),
    's2',
    'the step joined the next stage',
  );
  // ...and to any stage with its stage picker, which lists the stages once used.
  const picker = page.getByLabel('Stage of step Searches for the product');
  await picker.focus();
  await picker.selectOption({ label: 'Advocacy' });
  assert.equal((await steps()).at(-1), 'Searches for the product');

  // Lanes move with Alt+Up/Down.
  await page.getByLabel('Lane title: Thinking').focus();
  await page.keyboard.press('Alt+ArrowUp');
  assert.deepEqual((await lanes()).slice(0, 3), ['Doing', 'Thinking', 'Touchpoints']);
  // Ctrl+Z from the same field undoes the move (nothing was typed in it),
  // and Ctrl+Shift+Z does it again.
  await page.keyboard.press('Control+z');
  assert.deepEqual((await lanes()).slice(0, 3), ['Doing', 'Touchpoints', 'Thinking']);
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual((await lanes()).slice(0, 3), ['Doing', 'Thinking', 'Touchpoints']);

  // Delete a lane with its button, then undo from the notice.
  await clickTool(page.getByRole('button', { name: 'Delete lane Quotes' }));
  assert.ok(!(await lanes()).includes('Quotes'));
  await page.locator('.notice').getByRole('button', exact('Undo')).click();
  assert.ok((await lanes()).includes('Quotes'));

  // Delete every step of a stage: the stage stays and offers a new step.
  await clickTool(page.getByRole('button', { name: 'Delete step Joins the loyalty programme' }));
  await clickTool(page.getByRole('button', { name: 'Delete step Refers a friend' }));
  await clickTool(page.getByRole('button', { name: 'Delete step Searches for the product' }));
  assert.ok((await stages()).includes('Advocacy'));
  await page.locator('th.empty-stage').getByRole('button', exact('Add step')).click();
  assert.equal((await steps()).at(-1), 'New step');

  // Recolour a stage.
  await page.getByLabel('Colour of stage Awareness').fill('#ff0000');
  assert.match(await page.locator('th.stage').first().getAttribute('style'), /#ff0000/);
  // ...and a lane.
  await page.getByLabel('Colour of lane Doing').fill('#00aa00');
  assert.match(await page.locator('tr.lane').first().getAttribute('style'), /#00aa00/);

  // A new lane of each kind can be added from the menu.
  await page.getByRole('button', exact('Add lane')).click();
  await page.getByRole('menuitem', exact('Metrics')).click();
  assert.equal((await lanes()).at(-1), 'Metrics');
  // The menu works from the keyboard: the first item takes focus, arrows
  // move, Enter chooses, Escape closes and returns to the button.
  await page.getByRole('button', exact('Add lane')).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Touchpoints');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('menu').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '+ Add lane');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  assert.equal((await lanes()).at(-1), 'Support processes', 'ArrowUp wraps to the last kind');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('touchpoints and metrics are edited with their own forms', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New map')).click();
  await page.getByLabel('Map title').waitFor();
  const tp = page.locator('td.cell[data-lane="l2"][data-step="t1"]');
  await tp.click();
  await page.getByLabel('Channel').selectOption('email');
  // The note has the form's whole width, on a line of its own.
  const note = await page.getByLabel('Note').boundingBox();
  const form = await page.locator('.cell-editor').boundingBox();
  assert.ok(note.width >= form.width - 20, `the note is ${note.width} px of ${form.width}`);
  await screenshot(page, 'touchpoint-form');
  await page.getByLabel('Note').fill('Welcome mail');
  await page.getByRole('button', exact('Done')).click();
  await assert.doesNotReject(tp.getByText('Welcome mail').waitFor());
  assert.match(await tp.innerText(), /Email/);

  await page.getByRole('button', exact('Add lane')).click();
  await page.getByRole('menuitem', exact('Metrics')).click();
  const metric = page.locator('tr.kind-metrics td.cell').first();
  await metric.click();
  await page.getByLabel('Metric name').fill('Conversion rate');
  await page.getByLabel('Value', { exact: true }).fill('2.5');
  await page.getByLabel('Target', { exact: true }).fill('3');
  await page.getByLabel('Unit').fill('%');
  await page.keyboard.press('Enter');
  await assert.doesNotReject(metric.getByText('2.5%').waitFor());
  assert.match(await metric.innerText(), /target 3%/);
  // A target that is not a number shows as wrong while typed, and saving
  // says it was left out.
  await metric.click();
  await page.getByLabel('Target', { exact: true }).fill('abc');
  assert.equal(await page.getByLabel('Target', { exact: true }).getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Value', { exact: true }).fill('2,75');
  assert.equal(await page.getByLabel('Value', { exact: true }).getAttribute('aria-invalid'), null);
  await page.keyboard.press('Enter');
  await assert.doesNotReject(page.getByText('Not a number, so left out: Target "abc". Write numbers as 2.5 or 2,5.').waitFor());
  await assert.doesNotReject(metric.getByText('2.75%').waitFor());
  assert.doesNotMatch(await metric.innerText(), /target/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the library creates, renames, duplicates and deletes maps, and delete can be undone', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New map')).click();
  await page.getByLabel('Map title').fill('Onboarding');
  await page.getByLabel('Map title').press('Enter');
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', { name: /^Rename / }).click();
  // The title field takes focus with the title selected: typing replaces it.
  await page.locator('input.rename:focus').waitFor();
  await page.keyboard.type('Onboarding v2');
  await page.keyboard.press('Enter');
  await assert.doesNotReject(page.getByRole('button', exact('Open Onboarding v2')).waitFor());
  // Focus returns to the renamed map, not to the page.
  await assert.doesNotReject(page.locator('button.map-title:focus', { hasText: 'Onboarding v2' }).waitFor());
  await page.getByRole('button', { name: /^Duplicate / }).click();
  await assert.doesNotReject(page.getByRole('button', exact('Open Onboarding v2 (copy)')).waitFor());

  // Delete asks first; Cancel keeps the map.
  await page.getByRole('button', exact('Delete Onboarding v2 (copy)')).click();
  await page.getByRole('alertdialog').getByRole('button', exact('Cancel')).click();
  assert.equal(await page.locator('.map-item').count(), 2);
  await page.getByRole('button', exact('Delete Onboarding v2 (copy)')).click();
  await page.getByRole('alertdialog').getByRole('button', exact('Delete')).click();
  assert.equal(await page.locator('.map-item').count(), 1);
  // Focus moves to the map left in the list, not to the page.
  await assert.doesNotReject(page.locator('button.map-title:focus', { hasText: 'Onboarding v2' }).waitFor());
  await page.locator('.notice').getByRole('button', exact('Undo')).click();
  await assert.doesNotReject(page.getByRole('button', exact('Open Onboarding v2 (copy)')).waitFor());
  // The map brought back takes focus.
  await assert.doesNotReject(page.locator('button.map-title:focus', { hasText: 'Onboarding v2 (copy)' }).waitFor());

  // "Delete map" in the editor asks too, and returns to the library.
  await page.getByRole('button', exact('Open Onboarding v2')).click();
  await page.getByRole('button', exact('Delete map')).click();
  await page.getByRole('alertdialog').getByRole('button', exact('Delete')).click();
  await assert.doesNotReject(page.getByRole('heading', { name: 'Your maps' }).waitFor());
  assert.equal(await page.locator('.map-item').count(), 1);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a hostile title is shown as text and runs nothing', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  const hostile = '<img src=x onerror=alert(1)>';
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').fill(hostile);
  await page.getByLabel('Map title').press('Enter');
  const cell = page.locator('td.cell[data-lane="l1"][data-step="t1"]');
  await cell.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('<script>alert(2)</script><b>bold</b>');
  await page.keyboard.press('Enter');
  const stage = page.locator('input.stage-name').first();
  await stage.fill('<svg onload=alert(3)>');
  await stage.press('Enter');
  await page.reload();
  await page.getByLabel('Map title').waitFor();
  assert.equal(await page.getByLabel('Map title').inputValue(), hostile);
  assert.equal(await cell.innerText(), '<script>alert(2)</script><b>bold</b>');
  assert.equal(await stage.inputValue(), '<svg onload=alert(3)>');
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await assert.doesNotReject(page.getByText(hostile).first().waitFor());
  await page.waitForTimeout(300);
  assert.equal(dialogs, 0, 'no script ran');
  assert.equal(await page.locator('img, b, script:not([src]):not([type])').count(), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('without local storage the app works in memory and says so', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.server.url);
  await assert.doesNotReject(page.getByText(/Maps will not be kept/).waitFor());
  await page.getByRole('button', exact('New map')).click();
  await page.getByLabel('Map title').fill('Scratch');
  await page.getByLabel('Map title').press('Enter');
  await assert.doesNotReject(page.getByText('Not kept: storage unavailable').waitFor());
  assert.deepEqual(errors, []);
  await context.close();
});

test('a full storage quota keeps the edit in memory and the saved copy intact', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New map')).click();
  await page.getByLabel('Map title').fill('Before the quota');
  await page.getByLabel('Map title').press('Enter');
  // Fill local storage to the brink.
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let i = 0;
    while (chunk.length > 16) {
      try {
        localStorage.setItem(`filler:${i++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
  });
  const cell = page.locator('td.cell[data-lane="l1"][data-step="t1"]');
  await cell.click();
  // Longer than what the map's own saved versions can free (they make
  // room first), so the save fails.
  await page.keyboard.type('A long note that does not fit any more ');
  await page.keyboard.insertText('x'.repeat(4000));
  await page.keyboard.press('Enter');
  await assert.doesNotReject(page.getByText(/Not saved: the browser's storage is full/).waitFor());
  assert.equal(await page.getByText('Not saved', { exact: true }).count(), 1);
  assert.match(await cell.innerText(), /A long note/, 'the edit stays on screen');
  const stored = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:'));
    return JSON.parse(localStorage.getItem(key));
  });
  assert.equal(stored.title, 'Before the quota', 'the earlier copy is intact');
  await screenshot(page, 'quota');
  // A later edit, refused too, is in the file offered on the spot.
  await page.getByLabel('Map title').fill('After the quota');
  await page.getByLabel('Map title').press('Enter');
  const download = page.waitForEvent('download');
  await page.getByRole('button', exact('Download the map')).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'After the quota.journey.json');
  const saved = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.match(saved.lanes[0].cells.t1, /A long note/);
  // Leaving asks first, and Cancel stays.
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const ask = page.getByRole('alertdialog');
  assert.match(await ask.innerText(), /latest changes are not saved: the browser's storage is full/);
  await ask.getByRole('button', exact('Cancel')).click();
  assert.equal(await page.getByLabel('Map title').inputValue(), 'After the quota');
  // Closing the tab asks too (before leaving, below, which ends the question).
  let asked = false;
  page.on('dialog', async (d) => {
    asked = d.type() === 'beforeunload';
    await d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(asked, 'closing the tab asked first');

  // Opened while storage is full, the start screen lists the maps it holds
  // and says storage is full: nothing is shown as lost.
  const again = await page.context().newPage();
  await again.goto(env.server.url);
  await assert.doesNotReject(again.getByRole('button', exact('Open Before the quota')).waitFor());
  assert.match(await again.locator('.usage').innerText(), /storage is full/);
  await assert.doesNotReject(again.locator('.notice', { hasText: 'your maps are all here' }).waitFor());

  // Leaving without saving is an answer: the message that offered the
  // unsaved changes goes with them.
  await again.getByRole('button', exact('Open Before the quota')).click();
  await again.getByLabel('Map title').fill(`Left behind ${'y'.repeat(8000)}`);
  await again.getByLabel('Map title').press('Enter');
  await again.getByText(/Not saved: the browser's storage is full/).waitFor();
  await again.getByRole('button', { name: 'Back to maps' }).click();
  await again.getByRole('alertdialog').getByRole('button', exact('Leave without saving')).click();
  await again.getByRole('button', exact('Open Before the quota')).waitFor();
  assert.equal(await again.getByText(/Not saved/).count(), 0, 'no offer of the changes left behind');
  assert.deepEqual(errors, []);
  await again.context().close();
});

test('several personas each get an emotion curve in their own colour, with a legend', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await page.getByRole('button', exact('Personas')).click();
  const panel = page.getByRole('region', { name: 'Personas' });
  await panel.getByRole('button', exact('Add persona')).click();
  // The new persona's name field takes focus after the next frame.
  await panel.locator('input[data-persona-name]:focus').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Gift buyer');
  await page.keyboard.press('Enter');

  await page.getByRole('button', exact('Add lane')).click();
  await page.getByRole('menuitem', exact('Emotion')).click();
  // The new curve belongs to the persona that had none.
  assert.equal(
    await page.getByLabel('Persona of lane Emotion').locator('option:checked').innerText(),
    'Gift buyer',
  );
  // Its whole name shows on hover, where the picker is too narrow for it.
  assert.equal(await page.getByLabel('Persona of lane Emotion').getAttribute('title'), 'Gift buyer');
  const legend = page.locator('tr.kind-emotion').last().getByRole('list', { name: 'Curves' });
  assert.deepEqual(await legend.locator('li').allInnerTexts(), ['Sam, online shopper', 'Gift buyer']);
  // Two curves in two colours: the lane's own is drawn strong, the other faint.
  const strokes = await page.locator('tr.kind-emotion').last().locator('.plot polyline').evaluateAll((ps) =>
    [...new Set(ps.map((p) => p.getAttribute('stroke')))],
  );
  assert.ok(strokes.length >= 2, `two curve colours, got ${strokes}`);

  // Values in the new lane; a step without one leaves a gap.
  const sliders = page.getByRole('slider', { name: /^Emotion at / });
  // On a step without a value the first key places the point mid-scale.
  await sliders.nth(0).focus();
  await page.keyboard.press('ArrowUp');
  assert.equal(await sliders.nth(0).getAttribute('aria-valuenow'), '0');
  await page.keyboard.press('ArrowUp');
  await sliders.nth(2).focus();
  await page.keyboard.press('End');
  assert.equal(await sliders.nth(0).getAttribute('aria-valuenow'), '1');
  assert.equal(await sliders.nth(1).getAttribute('aria-valuenow'), null);
  assert.equal(await sliders.nth(2).getAttribute('aria-valuenow'), '2');
  assert.match(await sliders.nth(2).getAttribute('aria-valuetext'), /^2 \(Delighted\), highest moment$/);
  assert.equal(await sliders.nth(2).getAttribute('aria-valuemax'), '2');
  assert.equal(await sliders.nth(2).getAttribute('aria-valuemin'), '-2');
  await screenshot(page, 'two-personas');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the library shows how much storage the maps use and warns near the limit', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await assert.doesNotReject(page.getByText(/^Maps use \d+ KB of this browser's storage/).waitFor());
  // A large kept-aside entry brings the total past 80% of 5 MB.
  await page.evaluate(() => localStorage.setItem('journeymap:broken:big', 'x'.repeat(2.1 * 1024 * 1024)));
  await page.reload();
  await assert.doesNotReject(page.getByText(/Local storage is \d+% full/).waitFor());
  assert.match(await page.locator('.usage').innerText(), /about (8\d|9\d)%/);
  assert.deepEqual(errors, []);
  await page.context().close();
});
