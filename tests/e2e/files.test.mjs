// Files in and out: export a map, import it back, backups, and bad files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { useServerAndBrowser, newPage, screenshot, artifacts, exact, drawn, root } from './lib.mjs';

const env = useServerAndBrowser();


async function storedMaps(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('journeymap:map:'))
      .sort()
      .map((k) => localStorage.getItem(k)),
  );
}

async function importFile(page, path) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', exact('Import')).click();
  await (await chooser).setFiles(path);
}

test('a map exported as a file imports back as the same map', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').fill('Checkout study');
  await page.getByLabel('Map title').press('Enter');
  const download = page.waitForEvent('download');
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Download .journey.json')).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'Checkout study.journey.json');
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, 'exported.journey.json');
  await file.saveAs(path);
  const text = await readFile(path, 'utf8');
  const doc = JSON.parse(text);
  assert.equal(doc.format, 'journeymap');
  assert.equal(doc.version, 1);
  assert.ok(text.includes('\n  "title"'), 'pretty-printed');

  // In a fresh browser the file opens as the same map.
  const fresh = await newPage(env.browser, env.server.url);
  await importFile(fresh.page, path);
  await fresh.page.getByLabel('Map title').waitFor();
  assert.equal(await fresh.page.getByLabel('Map title').inputValue(), 'Checkout study');
  await fresh.page.locator('th.step').nth(11).waitFor();
  assert.equal(await fresh.page.locator('th.step').count(), 12);
  const stored = JSON.parse((await storedMaps(fresh.page))[0]);
  assert.equal(stored.id, doc.id);
  assert.deepEqual(stored.lanes, doc.lanes);

  // Importing it again asks: keep both makes a second map.
  await fresh.page.getByRole('button', { name: 'Back to maps' }).click();
  await importFile(fresh.page, path);
  const dialog = fresh.page.getByRole('alertdialog');
  await assert.doesNotReject(dialog.getByText(/same id/).waitFor());
  await dialog.getByRole('button', exact('Keep both')).click();
  await fresh.page.getByLabel('Map title').waitFor();
  assert.equal(await fresh.page.getByLabel('Map title').inputValue(), 'Checkout study (imported)');
  assert.equal((await storedMaps(fresh.page)).length, 2);
  // Replace overwrites the map here (renamed meanwhile), says where the
  // map as it was went, and its Undo puts that back.
  await fresh.page.getByRole('button', { name: 'Back to maps' }).click();
  await fresh.page.evaluate((id) => {
    const key = `journeymap:map:${id}`;
    const m = JSON.parse(localStorage.getItem(key));
    m.title = 'Checkout study, renamed here';
    localStorage.setItem(key, JSON.stringify(m));
  }, doc.id);
  await importFile(fresh.page, path);
  await fresh.page.getByRole('alertdialog').getByRole('button', exact('Replace')).click();
  const replaced = fresh.page.locator('.notice', { hasText: 'Replaced with "Checkout study". The map as it was is in History, to restore.' });
  await replaced.waitFor();
  await fresh.page.waitForFunction(() => document.querySelector('input[aria-label="Map title"]')?.value === 'Checkout study');
  assert.equal((await storedMaps(fresh.page)).length, 2);
  await replaced.getByRole('button', exact('Undo')).click();
  await fresh.page.locator('.notice', { hasText: 'Put back "Checkout study, renamed here" as it was before the import.' }).waitFor();
  await fresh.page.waitForFunction(() => document.querySelector('input[aria-label="Map title"]')?.value === 'Checkout study, renamed here');
  const back = await fresh.page.evaluate((id) => JSON.parse(localStorage.getItem(`journeymap:map:${id}`)).title, doc.id);
  assert.equal(back, 'Checkout study, renamed here');
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
  await page.context().close();
});

test('export all and import all move every map as one backup', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', exact('New map')).click();
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', exact('Download backup')).click();
  const path = join(artifacts, 'backup.json');
  await (await download).saveAs(path);

  const fresh = await newPage(env.browser, env.server.url);
  const chooser = fresh.page.waitForEvent('filechooser');
  await fresh.page.getByRole('button', exact('Restore backup')).click();
  await (await chooser).setFiles(path);
  await assert.doesNotReject(fresh.page.getByText('Restored 2 maps.').waitFor());
  assert.equal(await fresh.page.locator('.map-item').count(), 2);
  assert.deepEqual((await storedMaps(fresh.page)).map((m) => JSON.parse(m).id), (await storedMaps(page)).map((m) => JSON.parse(m).id));
  assert.deepEqual(errors, []);
  await fresh.context.close();
  await page.context().close();
});

test('a file\'s map with no title takes the file\'s name; a map with none is "Untitled journey" everywhere; a dropped duplicate cancelled leaves the focus in use', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  // A map file whose title is empty.
  await mkdir(artifacts, { recursive: true });
  const doc = JSON.parse(await readFile(join(root, 'tests/fixtures/format/v1/ecommerce.journey.json'), 'utf8'));
  doc.title = '';
  const path = join(artifacts, 'interview_notes.journey.json');
  await writeFile(path, JSON.stringify(doc));
  await importFile(page, path);
  const title = page.getByLabel('Map title');
  await title.waitFor();
  assert.equal(await title.inputValue(), 'interview notes');
  await assert.doesNotReject(page.locator('.notice', { hasText: 'Imported "interview notes".' }).waitFor());
  // Its title cleared, it is "Untitled journey" wherever it is named.
  await title.fill('');
  await title.press('Enter');
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const item = page.locator('.map-item');
  assert.equal(await item.locator('button.map-title').innerText(), 'Untitled journey');
  await page.getByRole('button', exact('Delete Untitled journey')).click();
  await page.getByRole('alertdialog').getByRole('button', exact('Delete')).click();
  await assert.doesNotReject(page.locator('.notice', { hasText: 'Moved "Untitled journey" to the Trash.' }).waitFor());
  await page.getByRole('button', exact('Trash (1)')).click();
  const trash = page.getByRole('region', { name: 'Trash' });
  assert.equal(await trash.locator('.map-title').innerText(), 'Untitled journey');
  await trash.getByRole('button', exact('Restore Untitled journey')).click();
  await assert.doesNotReject(page.locator('.notice', { hasText: 'Restored "Untitled journey".' }).waitFor());

  // The same file again, given to the page with nothing focused (as a
  // drop is): the question names the map, and Cancel leaves the focus on
  // the list, not on the page's body.
  await page.evaluate(() => document.activeElement?.blur());
  await page.locator('input[type=file]').first().setInputFiles(path);
  const dialog = page.getByRole('alertdialog');
  await assert.doesNotReject(dialog.getByText('same id as "Untitled journey"').waitFor());
  await page.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement !== document.body);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'map-title link');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('broken and hostile files are refused with a located message and change nothing', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  await page.getByRole('button', exact('New from template')).click();
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const before = await storedMaps(page);
  const good = JSON.parse(before[0]);
  const dir = join(artifacts, 'bad');
  await mkdir(dir, { recursive: true });
  const dup = structuredClone(good);
  dup.id = 'other';
  dup.stages[2].steps[0].id = 't3';
  const dangling = structuredClone(good);
  dangling.id = 'other2';
  dangling.lanes[1].cells.t99 = [{ channel: 'web', note: '' }];
  const cases = [
    ['empty.journey.json', '', /empty/],
    ['syntax.journey.json', '{\n  "format": "journeymap",\n  "version": 1,\n  oops\n}', /line 4, column 3/],
    ['wrong-format.journey.json', '{"format":"excalidraw","version":2}', /format: expected "journeymap"/],
    ['newer.journey.json', JSON.stringify({ ...good, version: 99 }), /newer Journeymap/],
    ['duplicate.journey.json', JSON.stringify(dup), /stages\[2\]\.steps\[0\]\.id: duplicate id "t3"/],
    ['dangling.journey.json', JSON.stringify(dangling), /step "t99" does not exist/],
    ['text.txt', 'just some words', /neither a Journeymap file/],
    ['nested.journey.json', '['.repeat(100000), /./],
    ['types.journey.json', JSON.stringify({ ...good, id: 'types', stages: 'Awareness' }), /stages/],
    ['nan.journey.json', JSON.stringify({ ...good, id: 'nan', lanes: good.lanes.map((l) => (l.kind === 'emotion' ? { ...l, cells: { t1: 'NaN' } } : l)) }), /cells\.t1/],
    ['unknown-kind.journey.json', JSON.stringify({ ...good, id: 'kind', lanes: [{ id: 'x', kind: 'feelings', title: 'X', cells: {} }] }), /lanes\[0\]\.kind/],
    ['missing.journey.json', JSON.stringify({ format: 'journeymap', version: 1, title: 'No stages' , stages: [{ name: 'S' }] }), /stages\[0\]/],
    ['broken.mmd', 'journey\n  title T\n  section S\n    Task without score\n', /line 4/],
  ];
  for (const [name, text, expected] of cases) {
    const path = join(dir, name);
    await writeFile(path, text);
    await importFile(page, path);
    const notice = page.locator('.notice.error').filter({ hasText: name });
    await assert.doesNotReject(notice.waitFor(), `a message for ${name}`);
    const message = await notice.innerText();
    assert.match(message, expected, `${name}: ${message}`);
    assert.match(message, /Nothing was changed/);
    await notice.getByRole('button', { name: 'Dismiss message' }).click();
  }
  assert.deepEqual(await storedMaps(page), before, 'stored maps are unchanged');

  // A file over 10 MB is refused before it is read.
  const huge = join(dir, 'huge.journey.json');
  await writeFile(huge, Buffer.alloc(10 * 1024 * 1024 + 1, 32));
  await importFile(page, huge);
  const tooBig = page.locator('.notice.error').filter({ hasText: 'huge.journey.json' });
  await assert.doesNotReject(tooBig.waitFor());
  assert.match(await tooBig.innerText(), /the limit is 10 MB/);
  assert.deepEqual(await storedMaps(page), before);

  // Values outside the scale are kept and flagged, not dropped.
  const wide = structuredClone(good);
  wide.id = 'wide';
  wide.title = 'Off the scale';
  wide.lanes.find((l) => l.kind === 'emotion').cells.t1 = 7;
  const widePath = join(dir, 'wide.journey.json');
  await writeFile(widePath, JSON.stringify(wide));
  await importFile(page, widePath);
  await page.getByLabel('Map title').waitFor();
  await assert.doesNotReject(page.locator('.notice').filter({ hasText: /outside the scale/ }).first().waitFor());
  const kept = JSON.parse((await storedMaps(page)).find((m) => JSON.parse(m).id === 'wide'));
  assert.equal(kept.lanes.find((l) => l.kind === 'emotion').cells.t1, 7);
  await page.getByRole('button', { name: 'Back to maps' }).click();

  // Markup and javascript: URLs in a file are kept, and shown as text.
  const hostile = structuredClone(good);
  hostile.id = 'hostile';
  hostile.title = '<img src=x onerror=alert(1)>';
  hostile.lanes[0].cells.t1 = '<a href="javascript:alert(2)">click</a>';
  const path = join(dir, 'hostile.journey.json');
  await writeFile(path, JSON.stringify(hostile));
  await importFile(page, path);
  await page.getByLabel('Map title').waitFor();
  assert.equal(await page.getByLabel('Map title').inputValue(), hostile.title);
  assert.equal(await page.locator('td.cell[data-lane="l1"][data-step="t1"]').innerText(), hostile.lanes[0].cells.t1);
  assert.equal(await page.locator('.grid a, .grid img').count(), 0);
  assert.equal(dialogs, 0);
  await screenshot(page, 'imported-hostile');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a file dropped on the page and pasted text are imported', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  const doc = JSON.parse(await readFile(join(artifacts, 'exported.journey.json'), 'utf8'));
  doc.id = 'dropped';
  doc.title = 'Dropped map';
  const text = JSON.stringify(doc);
  // Two files dropped together: the first is imported, and the message
  // names the one left.
  const dataTransfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.journey.json', { type: 'application/json' }));
    dt.items.add(new File(['journey\n  section A\n    Step: 3: Me\n'], 'second.mmd', { type: 'text/plain' }));
    return dt;
  }, text);
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await page.getByLabel('Map title').waitFor();
  assert.equal(await page.getByLabel('Map title').inputValue(), 'Dropped map');
  await assert.doesNotReject(
    page.getByText('One file at a time: importing "dropped.journey.json" only. Drop "second.mmd" again to import it too.').waitFor(),
  );

  await page.getByRole('button', { name: 'Back to maps' }).click();
  doc.id = 'pasted';
  doc.title = 'Pasted map';
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, JSON.stringify(doc));
  await page.getByLabel('Map title').waitFor();
  assert.equal(await page.getByLabel('Map title').inputValue(), 'Pasted map');

  // An empty paste says so and changes nothing.
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const before = await storedMaps(page);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  });
  await assert.doesNotReject(page.getByText(/clipboard holds no text/).waitFor());
  assert.deepEqual(await storedMaps(page), before);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a Mermaid journey imports as a map and exports back the same', async () => {
  const { page, context, errors } = await newPage(env.browser, env.server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  const source = [
    'journey',
    '    title My working day',
    '    section Go to work',
    '      Make tea: 5: Me',
    '      Go upstairs: 3: Me',
    '      Do work: 1: Me, Cat',
    '    section Go home',
    '      Go downstairs: 5: Me',
    '      Sit down: 5: Me',
  ].join('\n');
  const path = join(artifacts, 'working-day.mmd');
  await writeFile(path, source);
  await importFile(page, path);
  await page.getByLabel('Map title').waitFor();
  assert.equal(await page.getByLabel('Map title').inputValue(), 'My working day');
  await drawn(page);
  assert.deepEqual(await page.locator('input.stage-name').evaluateAll((es) => es.map((e) => e.value)), ['Go to work', 'Go home']);
  assert.equal(await page.locator('th.step').count(), 5);
  const scores = await page.getByRole('slider').evaluateAll((es) => es.map((e) => e.getAttribute('aria-valuenow')));
  assert.deepEqual(scores, ['5', '3', '1', '5', '5']);
  assert.equal(await page.getByRole('slider').first().getAttribute('aria-valuemin'), '1');
  assert.match(await page.locator('tr.kind-owners').innerText(), /Cat/);
  await screenshot(page, 'mermaid-imported');

  const download = page.waitForEvent('download');
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Download .mmd')).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'My working day.mmd');
  const out = join(artifacts, 'working-day-out.mmd');
  await file.saveAs(out);
  const lines = (t) => t.split('\n').map((l) => l.trim()).filter(Boolean);
  assert.deepEqual(lines(await readFile(out, 'utf8')), lines(source));

  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Copy Mermaid')).click();
  await assert.doesNotReject(page.getByText('Copied the Mermaid journey to the clipboard.').waitFor());
  assert.deepEqual(lines(await page.evaluate(() => navigator.clipboard.readText())), lines(source));
  assert.deepEqual(errors, []);
  await context.close();
});

test('every note of an import shows, in one notice, and the imported map leads the list', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New map')).click();
  await page.getByLabel('Map title').waitFor();
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const source = ['journey', 'title Scores', 'section S', 'a: 0', 'b: 6', 'c: 0', 'd: 6', 'e: 3'].join('\n');
  const path = join(artifacts, 'many-notes.mmd');
  await writeFile(path, source);
  await importFile(page, path);
  await page.getByLabel('Map title').waitFor();
  const notice = page.locator('.notice').filter({ hasText: 'many-notes.mmd' });
  await notice.waitFor();
  assert.equal(await notice.count(), 1);
  const text = await notice.innerText();
  for (const line of [4, 5, 6, 7]) assert.match(text, new RegExp(`line ${line}: the score`), text);
  // Notes stay until dismissed (info notices fade after 8 s).
  assert.match(await notice.getAttribute('class'), /\bwarn\b/);
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const titles = await page.locator('li.map-item button.map-title').allTextContents();
  assert.match(titles[0], /Scores/, titles.join(' | '));
  assert.match(await page.locator('li.map-item').first().innerText(), /edited just now/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('exporting a full map to Mermaid says what it rescaled and left out', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', exact('Export')).click();
  await page.getByRole('menuitem', exact('Download .mmd')).click();
  const text = await readFile(await (await download).path(), 'utf8');
  assert.match(text, /^journey/m);
  assert.match(text, /section Awareness/);
  const notice = page.locator('.notice').filter({ hasText: 'Mermaid export' });
  await assert.doesNotReject(notice.waitFor());
  assert.match(await notice.innerText(), /Pain points/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a name with line breaks (Mermaid <br>) shows them as spaces and an edit does not glue its words', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  const path = join(artifacts, 'breaks.mmd');
  await writeFile(path, ['journey', '  title Breaks', '  section Stage<br>two', '    Step<br>two: 3: Me'].join('\n'));
  await importFile(page, path);
  await page.getByLabel('Map title').waitFor();
  const step = page.locator('input.step-name').first();
  assert.equal(await page.locator('input.stage-name').first().inputValue(), 'Stage two');
  assert.equal(await step.inputValue(), 'Step two');
  // Untouched, the break is kept; edited, the words stay apart.
  const stepName = async () => JSON.parse((await storedMaps(page))[0]).stages[0].steps[0].name;
  assert.equal(await stepName(), 'Step\ntwo');
  await step.click();
  await page.keyboard.press('End');
  await page.keyboard.type('!');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    Object.keys(localStorage).some((k) => k.startsWith('journeymap:map:') && localStorage.getItem(k).includes('Step two!')),
  );
  assert.equal(await stepName(), 'Step two!');
  assert.deepEqual(errors, []);
  await page.context().close();
});
