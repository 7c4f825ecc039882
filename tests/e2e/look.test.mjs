// Look and accessibility: dark mode follows the system and the toggle, and
// every visible text meets WCAG AA contrast in both themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, screenshot, exact, drawn, frames, contrastOnBand } from './lib.mjs';

const env = useServerAndBrowser();

/**
 * Every visible element with its own text, whose contrast against the
 * colour behind it is below WCAG AA (4.5:1, or 3:1 for large text).
 * Disabled controls are exempt, as WCAG allows.
 */
function contrastFailures() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0) layers.push(bg);
      if (bg && bg.a === 1) break;
    }
    let c = { r: 255, g: 255, b: 255, a: 1 };
    for (const l of layers.reverse()) c = over(l, c);
    return c;
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || el.closest('[disabled]') || el.closest('[aria-hidden=true]')) continue;
    // Text nodes, and the text typed in a field.
    const own =
      [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) ||
      (['INPUT', 'TEXTAREA'].includes(el.tagName) && el.type !== 'color' && el.value?.trim());
    if (!own) continue;
    const s = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (s.visibility === 'hidden' || s.display === 'none' || rect.width === 0 || parseFloat(s.opacity) < 0.1) continue;
    const fg = parse(s.color);
    if (!fg || fg.a === 0) continue;
    const bg = background(el);
    const l1 = lum(over(fg, bg));
    const l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.value ?? el.textContent).trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
    }
  }
  return [...new Set(out)];
}

async function openEverything(page) {
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').waitFor();
  await page.getByRole('button', exact('Insights')).click();
  await page.getByRole('button', exact('History')).click();
}

for (const scheme of ['light', 'dark']) {
  test(`every text meets WCAG AA contrast in the ${scheme} theme`, async () => {
    const { page, context, errors } = await newPage(env.browser);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(env.server.url);
    assert.deepEqual(await page.evaluate(contrastFailures), [], 'start screen');
    await openEverything(page);
    assert.deepEqual(await page.evaluate(contrastFailures), [], 'editor with panels');
    await screenshot(page, `theme-${scheme}`);
    // Names and cells while they are edited: a stage's name sits on the
    // stage's own light colour in both themes.
    for (const field of ['input.stage-name', 'input.step-name', 'input.lane-name']) {
      await page.locator(field).first().focus();
      assert.deepEqual(await page.evaluate(contrastFailures), [], `${field} focused`);
    }
    await page.locator('td.cell').first().click();
    await page.locator('.cell-editor textarea').waitFor();
    assert.deepEqual(await page.evaluate(contrastFailures), [], 'a cell being edited');
    await page.keyboard.press('Escape');
    await page.getByRole('button', exact('Table view')).click();
    assert.deepEqual(await page.evaluate(contrastFailures), [], 'table view');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the theme follows the system, and the toggle overrides it and is remembered', async () => {
  const { page, context } = await newPage(env.browser);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(env.server.url);
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await bg();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await bg();
  assert.notEqual(light, dark, 'auto follows prefers-color-scheme');
  const toggle = page.getByRole('button', { name: /^Theme:/ });
  assert.equal(await toggle.innerText(), 'Theme: system');
  await page.emulateMedia({ colorScheme: 'light' });
  await toggle.click();
  assert.equal(await toggle.innerText(), 'Theme: dark');
  assert.equal(await bg(), dark, 'dark on a light system');
  await page.reload();
  assert.equal(await bg(), dark, 'remembered after a reload');
  await page.getByRole('button', { name: /^Theme:/ }).click();
  assert.equal(await bg(), light, 'light');
  await page.getByRole('button', { name: /^Theme:/ }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? 'none'), 'none');
  await context.close();
});

test('every control in the editor is reached with Tab and shows where the focus is', async () => {
  const { page, context } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await page.getByLabel('Map title').waitFor();
  await page.getByRole('button', exact('Insights')).click();
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const seen = new Set();
  const invisible = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const shown =
        (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ||
        s.boxShadow !== 'none' ||
        (el.matches('input, select, textarea') && s.borderColor !== 'rgba(0, 0, 0, 0)') ||
        (el.matches('circle, [role=slider]') && s.stroke !== 'none');
      return { name: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 24)}`, shown };
    });
    if (!f) continue;
    seen.add(f.name);
    if (!f.shown) invisible.push(f.name);
  }
  for (const name of ['button Back to maps', 'input Map title', 'button Create future state', 'button History', 'button Table view', 'button Export']) {
    assert.ok(seen.has(name), `${name} is reached with Tab: ${[...seen].join(' | ')}`);
  }
  assert.deepEqual(invisible, [], 'focus is visible on each');
  await context.close();
});

test('the toolbar wraps by groups: pairs stay together, and two rows do from 1024 px up', async () => {
  const { page, context, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const bar = page.locator('.toolbar');
  const top = async (name) => Math.round((await bar.getByRole('button', exact(name)).boundingBox()).y);
  for (const [width, rows] of [[1400, 2], [1024, 2], [390, 5]]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
    await page.waitForFunction(() => document.activeElement !== null);
    // Rows of tools, by their tops.
    const tops = new Set(await bar.locator('button, select, input').evaluateAll((els) =>
      els.filter((e) => e.offsetParent).map((e) => Math.round(e.getBoundingClientRect().top / 8))));
    assert.ok(tops.size <= rows, `${tops.size} rows of tools at ${width} px`);
    assert.equal(await top('Undo'), await top('Redo'), `Undo and Redo on one row at ${width} px`);
    const views = await Promise.all(['Personas', 'History', 'Insights', 'Table view'].map(top));
    assert.equal(new Set(views).size, 1, `the view buttons on one row at ${width} px`);
    assert.equal(await top('Export'), await top('Delete map'));
  }
  // The theme is an icon here, with its name for screen readers.
  const theme = bar.getByRole('button', exact('Theme: system'));
  assert.equal(await theme.locator('.theme-icon').isVisible(), true);
  assert.ok((await theme.boundingBox()).width < 40, 'the theme button is an icon');
  await screenshot(page, 'phone-toolbar');
  assert.deepEqual(errors, []);
  await context.close();
});

test('names show whole, profile fields are visible, and open panels leave room for the map', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  const cut = (locator) => locator.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
  // A stage one step wide keeps its whole name; its tools wrap below it.
  await page.getByRole('button', exact('New map')).click();
  await drawn(page);
  assert.equal(await page.locator('input.stage-name').inputValue(), 'Awareness');
  assert.equal(await cut(page.locator('input.stage-name')), false, 'the stage name is cut');

  await page.getByRole('button', { name: 'Back to maps' }).click();
  assert.equal(await page.title(), 'Journeymap');
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  // The editor's page has a heading: the map's title.
  assert.equal(await page.getByRole('heading', { level: 1, name: 'E-commerce purchase' }).count(), 1);
  // So do the browser's tab and history.
  assert.equal(await page.title(), 'E-commerce purchase – Journeymap');
  // A step name too long for its field shows whole on hover.
  const long = page.locator('input.step-name[data-id="t2"]');
  assert.equal(await cut(long), true, 'this step name is longer than its field');
  assert.equal(await long.getAttribute('title'), 'Searches for the product');
  // With Personas, History and Insights open, the map keeps its room.
  for (const b of ['Personas', 'History', 'Insights']) await page.getByRole('button', exact(b)).click();
  await page.locator('.insights-panel').waitFor();
  await page.locator('.history-panel').waitFor();
  const height = await page.locator('.grid-scroll').evaluate((e) => e.clientHeight);
  assert.ok(height >= 300, `the map is ${height} px tall under three panels`);
  // And each panel keeps room for its heading and a few lines, the short
  // History too (its first lines show whole).
  for (const panel of ['.personas-panel', '.history-panel', '.insights-panel']) {
    const h = await page.locator(panel).evaluate((e) => e.clientHeight);
    assert.ok(h >= 90, `${panel} is ${h} px tall`);
  }
  const hint = await page.locator('.history-panel .hint').boundingBox();
  const history = await page.locator('.history-panel').boundingBox();
  assert.ok(hint.y + hint.height <= history.y + history.height, 'the History hint shows whole');
  // A persona's name and role show whole.
  for (const field of ['input.persona-name', 'input.persona-role']) {
    assert.equal(await cut(page.locator(field).first()), false, `${field} is cut`);
  }
  // Every card reads the same: ✕ on the name's line, the role under the name.
  const row = page.locator('.persona-row').first();
  const [name, role, del] = await Promise.all(['input.persona-name', 'input.persona-role', 'button'].map((s) => row.locator(s).boundingBox()));
  assert.ok(Math.abs(name.y + name.height / 2 - (del.y + del.height / 2)) < 4, 'the ✕ is on the name line');
  assert.ok(role.y >= name.y + name.height - 1 && Math.abs(role.x - name.x) < 2, 'the role is under the name');
  // The picture field of a profile can be seen and is named by its label.
  await page.getByRole('button', exact('Edit profile')).first().click();
  // The About list shows its three lines whole.
  const about = page.getByLabel(/^About/);
  assert.equal(await about.evaluate((e) => e.scrollHeight <= e.clientHeight + 1), true, 'About shows every line');
  const picture = page.getByLabel(/^Picture/);
  assert.notEqual(await picture.evaluate((e) => getComputedStyle(e).borderTopColor), 'rgba(0, 0, 0, 0)');
  await screenshot(page, 'panels-open');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('with four panels open on a small laptop, each shows whole and the one just opened is in view', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url, { viewport: { width: 1024, height: 768 } });
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  await page.getByRole('button', exact('Create future state')).click();
  await page.getByLabel('State').waitFor();
  await drawn(page);
  const inView = (panel) => page.evaluate((sel) => {
    const p = document.querySelector(sel).getBoundingClientRect();
    const all = document.querySelector('.panels').getBoundingClientRect();
    return p.top >= all.top - 1 && p.top < all.bottom - 40;
  }, panel);
  for (const [button, panel] of [['Personas', '.personas-panel'], ['History', '.history-panel'], ['Compare', '.compare-panel'], ['Insights', '.insights-panel']]) {
    await page.getByRole('button', exact(button)).click();
    await page.locator(panel).waitFor();
    // The panel just opened is scrolled into view, below the others or not.
    await page.waitForFunction((sel) => {
      const p = document.querySelector(sel).getBoundingClientRect();
      const all = document.querySelector('.panels').getBoundingClientRect();
      return p.top >= all.top - 1 && p.top < all.bottom - 40;
    }, panel);
    assert.ok(await inView(panel), `${panel} is in view`);
  }
  // Each panel has its own height (before, four shared the room and each
  // showed a 96 px sliver of itself); the panels scroll together.
  for (const panel of ['.personas-panel', '.history-panel', '.compare-panel', '.insights-panel']) {
    const [h, whole] = await page.locator(panel).evaluate((e) => [e.clientHeight, e.scrollHeight]);
    assert.ok(h >= Math.min(whole, 160), `${panel} shows ${h} px of ${whole}`);
  }
  const map = await page.locator('.grid-scroll').evaluate((e) => e.clientHeight);
  assert.ok(map >= 300, `the map is ${map} px tall`);
  await screenshot(page, 'look-four-panels');
  // A click on text in Insights (which may hold no control) keeps the focus
  // in it, so Escape closes it and the focus goes back to its button.
  await page.locator('.insights-panel h2').click();
  await page.keyboard.press('Escape');
  await page.locator('.insights-panel').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'insights-button');
  // In a short window the page scrolls, not the panels: the panel just
  // opened is scrolled into the window.
  await page.setViewportSize({ width: 1366, height: 500 });
  await page.getByRole('button', exact('Insights')).click();
  await page.locator('.insights-panel').waitFor();
  await page.waitForFunction(() => {
    const p = document.querySelector('.insights-panel').getBoundingClientRect();
    return p.top >= -1 && p.top < innerHeight - 100;
  });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('on a phone the list of maps and the start screen fit the screen', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url, { viewport: { width: 390, height: 844 } });
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  await page.getByRole('button', { name: 'Back to maps' }).click();
  const title = page.getByRole('button', exact('E-commerce purchase'));
  await title.waitFor();
  // The title reads on a line, not a letter per line, and every button is on screen.
  assert.ok((await title.boundingBox()).width > 150, 'the title has room');
  for (const name of ['Open E-commerce purchase', 'Rename E-commerce purchase', 'Duplicate E-commerce purchase', 'Delete E-commerce purchase']) {
    const box = await page.getByRole('button', exact(name)).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `${name} is on screen`);
  }
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing sticks out sideways');
  // The theme button does not cover the heading.
  const heading = await page.getByRole('heading', { name: /Journeymap/ }).boundingBox();
  const theme = await page.getByRole('button', { name: /^Theme/ }).boundingBox();
  assert.ok(theme.y >= heading.y + heading.height || theme.x >= heading.x + heading.width, 'the theme button is clear of the heading');
  await screenshot(page, 'phone-start');
  // In the editor the lane titles leave a whole step column beside them.
  await title.click();
  await drawn(page);
  const lanes = await page.locator('th.lane-title').first().boundingBox();
  const first = await page.locator('td.cell[data-lane="l1"][data-step="t1"]').boundingBox();
  assert.ok(lanes.width <= 160, `lane titles ${lanes.width} px wide`);
  assert.ok(first.x >= lanes.x + lanes.width - 1 && first.x + first.width <= 390, 'the first step shows whole');
  // The toolbar leaves most of the screen to the map, with the title whole.
  const bar = await page.locator('.toolbar').boundingBox();
  assert.ok(bar.height <= 844 / 5, `the toolbar is ${bar.height} px tall`);
  assert.equal(await page.getByLabel('Map title').evaluate((e) => e.scrollWidth <= e.clientWidth), true, 'the title shows whole');
  await screenshot(page, 'phone-editor');
  // A stage's tools, shown below it while its name has the focus, leave the
  // first step's name in view.
  await page.locator('input.stage-name').first().focus();
  const tray = await page.locator('th.stage .tools').first().boundingBox();
  const stepName = await page.locator('th.step .name').first().boundingBox();
  assert.ok(tray.y >= stepName.y + stepName.height - 1, `the tray (top ${tray.y}) is below the step's name (bottom ${stepName.y + stepName.height})`);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('th.stage .tools')).opacity === '1');
  await page.locator('input.stage-name').first().blur();
  // A title longer than the screen scrolls in its field; the page does not widen.
  await page.getByLabel('Map title').fill('Service blueprint: hotel stay (future state), second draft');
  await page.getByLabel('Map title').press('Enter');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'a long title does not widen the page');
  // In the Trash, too, a title reads on a line.
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await page.getByRole('button', exact('Delete Service blueprint: hotel stay (future state), second draft')).click();
  await page.locator('.dialog').getByRole('button', exact('Delete')).click();
  await page.getByRole('button', { name: /^Trash/ }).click();
  const gone = page.locator('.trash-item .map-title').first();
  await gone.waitFor();
  assert.ok((await gone.boundingBox()).width > 250, `the title in the Trash is ${(await gone.boundingBox()).width} px wide`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
  await screenshot(page, 'phone-trash');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a cell reached with the keyboard comes out from under the headers that stay in view', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url, { viewport: { width: 1440, height: 900 } });
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const bottom = page.locator('td.cell[data-lane="l9"][data-step="t1"]');
  await bottom.scrollIntoViewIfNeeded();
  await bottom.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowUp');
  await page.waitForTimeout(200);
  const { top, left, headers, titles, lane } = await page.evaluate(() => {
    const a = document.activeElement.getBoundingClientRect();
    return {
      top: a.top,
      left: a.left,
      headers: document.querySelector('tr.step-row th').getBoundingClientRect().bottom,
      titles: document.querySelector('th.lane-title').getBoundingClientRect().right,
      lane: document.activeElement.dataset.lane,
    };
  });
  assert.equal(lane, 'l1', 'the focus is on the top row');
  assert.ok(top >= headers - 1, `the cell's top (${top}) is below the headers (${headers})`);
  assert.ok(left >= titles - 1, `the cell's left (${left}) is right of the lane titles (${titles})`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("opening a cell's editor moves nothing: it lies over the cells below", async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const rows = () => page.evaluate(() => [...document.querySelectorAll('.grid tbody tr')].map((r) => Math.round(r.getBoundingClientRect().height)));
  const before = await rows();
  // Doing (text), Touchpoints and KPIs (metrics): each editor is taller than
  // its cell, and the rows keep their heights.
  for (const lane of ['l1', 'l2', 'l7']) {
    const cell = page.locator(`td.cell[data-lane="${lane}"][data-step="t2"]`);
    await cell.click();
    const editor = page.locator('.cell-editor');
    await editor.waitFor();
    assert.deepEqual(await rows(), before, `${lane}: the rows keep their heights`);
    // What lies at the editor's lower edge is the editor, not the cell below.
    const onTop = await page.evaluate(() => {
      const r = document.querySelector('.cell-editor').getBoundingClientRect();
      const cell = document.querySelector('td.cell.editing').getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.bottom - 3);
      return { covers: r.bottom > cell.bottom, mine: !!hit?.closest('.cell-editor') };
    });
    assert.ok(onTop.covers && onTop.mine, `${lane}: ${JSON.stringify(onTop)}`);
    if (lane === 'l1') await screenshot(page, 'look-cell-editor-over');
    await page.keyboard.press('Escape');
    await page.locator('.cell-editor').waitFor({ state: 'detached' });
  }
  // A long text's editor grows with it rather than showing three lines.
  const cell = page.locator('td.cell[data-lane="l1"][data-step="t2"]');
  await cell.click();
  const box = page.locator('.cell-editor textarea');
  const short = (await box.boundingBox()).height;
  await box.fill(Array.from({ length: 8 }, (_, i) => `Line ${i + 1}`).join('\n'));
  const tall = (await box.boundingBox()).height;
  assert.ok(tall > short * 2, `${short} px, then ${tall} px`);
  assert.deepEqual(await rows(), before, 'still nothing moves while typing');
  await page.keyboard.press('Escape');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a stage's name reads on any stage colour, a dark one or one the browser refuses, in both themes", async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  await page.waitForTimeout(400);
  const colours = ['navy', '#12345', 'bluish', '#fde68a', 'black'];
  await page.evaluate((colours) => {
    const k = Object.keys(localStorage).find((k) => k.startsWith('journeymap:map:'));
    const m = JSON.parse(localStorage.getItem(k));
    m.stages.forEach((s, i) => { s.color = colours[i]; });
    localStorage.setItem(k, JSON.stringify(m));
  }, colours);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.reload();
    await drawn(page);
    await page.locator('input.stage-name').nth(4).waitFor();
    const r = await page.locator('input.stage-name').evaluateAll(contrastOnBand);
    assert.equal(r.length, 5);
    r.forEach((x, i) => assert.ok(x >= 4.5, `${scheme}: "${colours[i]}" gives ${x.toFixed(2)}`));
  }
  await screenshot(page, 'look-stage-colours');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("in the dark theme the curve's High and Low marks are light enough to read", async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const marks = await page.evaluate(() =>
    [...document.querySelectorAll('.curve text')]
      .filter((t) => /High|Low/.test(t.textContent))
      .map((t) => [t.textContent, getComputedStyle(t).fill]),
  );
  // Both kinds are drawn (one for each point at the highest or lowest value).
  assert.ok(marks.some(([t]) => t.includes('High')) && marks.some(([t]) => t.includes('Low')), JSON.stringify(marks));
  const fills = marks.map(([, fill]) => fill);
  for (const fill of fills) {
    const [r, g, b] = fill.match(/\d+/g).map(Number);
    // Relative luminance well above the dark surface's (contrast over 4.5:1).
    const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    assert.ok((l + 0.05) / (0.0093 + 0.05) >= 4.5, `${fill} on the dark surface`);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('in a short window the toolbar scrolls away and the map takes the whole window', async () => {
  // 640 × 360: a 1280 × 720 laptop screen at 200 % zoom.
  const { page, errors } = await newPage(env.browser, env.server.url, { viewport: { width: 640, height: 360 } });
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  await page.locator('td.cell[data-lane="l1"][data-step="t1"]').focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await frames(page);
  const [top, height] = await page.locator('.grid-scroll').evaluate((e) => [e.getBoundingClientRect().top, e.clientHeight]);
  assert.ok(Math.abs(top) < 1 && height === 360, `the grid at ${top} px, ${height} px tall`);
  // Its headers stay in view inside it.
  const step = await page.locator('th.step').first().boundingBox();
  assert.ok(step.y >= 0 && step.y < 80, `step header at ${step.y}`);
  await screenshot(page, 'short-window');
  // A window of ordinary height keeps the toolbar and the map in one screen.
  await page.setViewportSize({ width: 1400, height: 900 });
  await frames(page);
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollHeight), 900);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a channel has the same line icon everywhere: in cells, the touchpoint form and persona profiles', async () => {
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.getByRole('button', exact('New from template')).click();
  await drawn(page);
  const icons = (locator) => locator.locator('svg.channel-icon path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d')));
  const names = (locator) => locator.locator('.channel').evaluateAll((cs) => cs.map((c) => c.textContent.trim()));
  // The grid's icons, by channel name.
  const cells = page.locator('td.cell .touchpoint');
  const byName = new Map();
  for (const tp of await cells.all()) {
    const [name] = await names(tp);
    const [d] = await icons(tp);
    byName.set(name, d);
  }
  assert.ok(byName.size >= 3, `${byName.size} channels in the grid`);
  // The form shows the picked channel's icon beside its name, which
  // follows the picker; the picker's options are words, not emoji.
  const cell = page.locator('td.cell', { has: page.locator('.touchpoint') }).first();
  const [first] = await names(cell);
  await cell.click();
  const row = page.locator('.tp-row').first();
  assert.deepEqual(await icons(row), [byName.get(first)]);
  const options = await row.getByLabel('Channel').locator('option').allTextContents();
  assert.ok(options.every((o) => /^[A-Za-z][A-Za-z ]+$/.test(o.trim())), `options: ${options.join(', ')}`);
  const other = [...byName.keys()].find((n) => n !== first);
  await row.getByLabel('Channel').selectOption({ label: other });
  assert.deepEqual(await icons(row), [byName.get(other)]);
  await screenshot(page, 'touchpoint-form-icon');
  await page.keyboard.press('Escape');
  // A persona's preferred channels, read and edited, with the same icons.
  await page.getByRole('button', exact('Personas')).click();
  const panel = page.locator('.personas-panel');
  const prefers = panel.locator('.profile-list', { hasText: 'Prefers' }).first();
  await prefers.waitFor();
  const preferred = await names(prefers);
  assert.ok(preferred.length > 0);
  const drawnIcons = await icons(prefers);
  assert.equal(drawnIcons.length, preferred.length);
  for (const [i, n] of preferred.entries()) if (byName.has(n)) assert.equal(drawnIcons[i], byName.get(n), n);
  assert.equal(await prefers.evaluate((e) => /\p{Extended_Pictographic}/u.test(e.textContent)), false, 'no emoji');
  await screenshot(page, 'persona-channels');
  await panel.getByRole('button', exact('Edit profile')).first().click();
  const boxes = panel.locator('.profile-channels label');
  assert.equal(await boxes.locator('svg.channel-icon').count(), await boxes.count());
  assert.equal(await panel.locator('.profile-channels').evaluate((e) => /\p{Extended_Pictographic}/u.test(e.textContent)), false, 'no emoji');
  await screenshot(page, 'persona-channels-edit');
  assert.deepEqual(errors, []);
  await page.context().close();
});
