// A map of 1,000 steps: only the columns in view are in the page, and
// scrolling, keyboard moves, edits and the curve work across the whole map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, screenshot, drawn, frames, exact, clickTool } from './lib.mjs';
import { makeMap } from '../../bench/gen.mjs';

const env = useServerAndBrowser();

/** Opens a generated map of `steps` steps in the editor. */
async function openLarge(steps) {
  const map = makeMap(steps, { id: 'large' });
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.evaluate((text) => localStorage.setItem('journeymap:map:large', text), JSON.stringify(map));
  await page.goto(`${env.server.url}#/map/large`);
  await page.locator('td.cell[data-lane="l1"][data-step="t1"]').waitFor();
  return { page, errors, map };
}

const grid = (page) => page.locator('.grid-scroll');

test('a 1,000-step map draws only what is in view, and the rest as the user scrolls', async () => {
  const { page, errors, map } = await openLarge(1000);
  const cells = await page.locator('td.cell').count();
  // 8 list and text lanes × a window of some 16 columns, not 8 × 1,000.
  assert.ok(cells > 0 && cells < 8 * 40, `${cells} cells in the page`);
  assert.ok((await page.locator('th.step').count()) < 40);
  // The scroll area is as wide as the whole map.
  const width = await grid(page).evaluate((e) => e.scrollWidth);
  assert.ok(width >= 220 + 190 * 1000, `scroll width ${width}`);

  // Scroll to the middle: those steps are drawn, with their text.
  await grid(page).evaluate((e) => { e.scrollLeft = 190 * 500; });
  const middle = page.locator('td.cell[data-lane="l1"][data-step="t503"]');
  await middle.waitFor();
  assert.equal(await middle.innerText(), map.lanes[0].cells.t503);
  assert.equal(await page.locator('td.cell[data-step="t1"]').count(), 0, 'the start is gone');
  await page.locator('th.step input.step-name[data-id="t503"]').waitFor();
  // The curves cover the columns in view: their points sit where the steps are.
  const point = page.locator('[data-point][data-lane="l4"][data-step="t503"]');
  await point.waitFor();
  const plot = page.locator('tr.kind-emotion').first().locator('.plot').nth(2);
  const [p, box] = [await point.boundingBox(), await plot.boundingBox()];
  assert.ok(p.x >= box.x && p.x + p.width <= box.x + box.width, 'the point is over its curve');
  assert.ok(await plot.locator('polyline').count() > 0, 'the curve is drawn here');
  await screenshot(page, 'large-middle');

  // The end of the map, and its last stage header.
  await grid(page).evaluate((e) => { e.scrollLeft = e.scrollWidth; });
  await page.locator('td.cell[data-lane="l9"][data-step="t1000"]').waitFor();
  await page.locator('th.stage input.stage-name[data-id="s100"]').waitFor();
  assert.deepEqual(errors, []);
});

test('a map opens with the columns in view, and draws the ones beyond them right after', async () => {
  const map = makeMap(1000, { id: 'large' });
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.evaluate((text) => localStorage.setItem('journeymap:map:large', text), JSON.stringify(map));
  // Count the steps in the first grid the page shows.
  await page.addInitScript(() => {
    const mo = new MutationObserver(() => {
      const n = document.querySelectorAll('td.cell[data-lane="l1"]').length;
      if (n > 0) {
        window.__firstColumns = n;
        window.__firstBusy = document.querySelector('table.grid')?.getAttribute('aria-busy');
        mo.disconnect();
      }
    });
    mo.observe(document, { childList: true, subtree: true });
  });
  // A new document (not a change of the fragment), so that the script runs.
  await page.goto(`${env.server.url}?open#/map/large`);
  await page.waitForFunction(() => window.__firstColumns);
  const width = await grid(page).evaluate((e) => e.clientWidth);
  const inView = Math.ceil((width - 220) / 190);
  const first = await page.evaluate(() => window.__firstColumns);
  assert.ok(first >= inView && first < inView + 4, `${first} columns at first for ${inView} in view`);
  assert.equal(await page.evaluate(() => window.__firstBusy), 'true', 'the grid says it is not complete yet');
  // Without a scroll, the columns beyond the view follow, so that a
  // scroll or an arrow key finds them drawn.
  await page.locator(`td.cell[data-lane="l1"][data-step="t${inView + 5}"]`).waitFor();
  await drawn(page);
  assert.deepEqual(errors, []);
});

test('the first frame has the names as text, then the fields, tools and faint curves come without moving anything', async () => {
  const map = makeMap(12, { id: 'small' });
  const { page, errors } = await newPage(env.browser, env.server.url);
  await page.evaluate((text) => localStorage.setItem('journeymap:map:small', text), JSON.stringify(map));
  // Hold the work put off until the browser is idle (src/idle.rs), so that
  // the first frame stays on screen until the test lets it go.
  await page.addInitScript(() => {
    const held = [];
    const idle = window.requestIdleCallback;
    window.requestIdleCallback = (f) => { held.push(f); return 0; };
    window.__release = () => {
      window.requestIdleCallback = idle;
      for (const f of held.splice(0)) f({ didTimeout: true, timeRemaining: () => 0 });
    };
  });
  await page.goto(`${env.server.url}?open#/map/small`);
  await page.locator('td.cell[data-lane="l9"]').first().waitFor();
  await frames(page);
  const look = () => page.evaluate(() => ({
    tools: document.querySelectorAll('th.step .tools > *, .lane-title .tools > *').length,
    fields: document.querySelectorAll('.head input.name').length,
    names: [...document.querySelectorAll('.head .name')].map((e) => e.textContent || e.value),
    faint: document.querySelectorAll('.curve .plot:nth-child(2) polyline').length,
    // Where the headers, names and cells are, by what they show.
    boxes: Object.fromEntries([...document.querySelectorAll('.head .name, th, td.cell')].map((e) => {
      const r = e.getBoundingClientRect();
      const name = (n) => n && (n.value ?? n.textContent);
      const key = e.matches('td') ? `cell ${e.dataset.lane} ${e.dataset.step}` : `${e.className} ${name(e.matches('.name') ? e : e.querySelector('.name'))}`;
      // A stage's header widens as more of its columns are drawn.
      const width = e.matches('th.stage') ? '' : r.width.toFixed(1);
      return [key, `${r.x.toFixed(1)},${r.y.toFixed(1)} ${width}×${r.height.toFixed(1)}`];
    })),
  }));
  const first = await look();
  assert.equal(first.tools, 0, 'no step or lane tools in the first frame');
  assert.equal(first.fields, 0, 'the names are text in the first frame');
  assert.equal(first.faint, 0, "the other personas' curves come later");
  assert.ok(first.names.includes(map.stages[0].steps[0].name), 'the names are there at once');
  await page.evaluate(() => window.__release());
  await page.getByRole('button', exact(`Move step ${map.stages[0].steps[0].name} right`)).waitFor({ state: 'attached' });
  await page.locator('.curve .plot:nth-child(2) polyline').first().waitFor({ state: 'attached' });
  await drawn(page);
  const after = await look();
  assert.ok(after.fields > 0 && after.faint > 0);
  assert.deepEqual(first.names.filter((n) => !after.names.includes(n)), [], 'the same names');
  // Nothing moved: the fields sit where the names were, the rows kept their height.
  const moved = Object.keys(first.boxes).filter((k) => after.boxes[k] !== first.boxes[k]);
  assert.deepEqual(moved.map((k) => `${k}: ${first.boxes[k]} → ${after.boxes[k]}`), []);
  assert.ok(Object.keys(first.boxes).length > 80);
  // Every header has its tools: Tab from a step's name reaches its move buttons.
  const name = page.getByRole('textbox', exact('Step name: ' + map.stages[0].steps[0].name));
  await name.focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  assert.match(focused ?? '', /^Move step .* (left|right)$/);
  assert.deepEqual(errors, []);
});

test('the headers keep their height as stages scroll in and out of the drawn window', async () => {
  const map = makeMap(200, { id: 'long-names' });
  for (const s of map.stages) s.name += ' with a rather long name';
  // The second stage is one step wide.
  map.stages[2].steps.unshift(...map.stages[1].steps.splice(1));
  for (const width of [1400, 390]) {
    const { page, errors } = await newPage(env.browser, env.server.url, { viewport: { width, height: 800 } });
    await page.evaluate((text) => localStorage.setItem('journeymap:map:long-names', text), JSON.stringify(map));
    await page.goto(`${env.server.url}#/map/long-names`);
    await drawn(page);
    const headHeight = () => page.locator('thead').evaluate((e) => e.getBoundingClientRect().height);
    const heights = new Set();
    // Step by half a column: stages are cut at either edge of the window in turn.
    for (let x = 0; x <= 190 * 40; x += 95) {
      await grid(page).evaluate((e, x) => { e.scrollLeft = x; }, x);
      await frames(page);
      heights.add(await headHeight());
    }
    assert.deepEqual([...heights], [[...heights][0]], `the headers' heights at ${width} px`);
    // A stage's tools, from the mouse and from the keyboard, in the same
    // height: beside its name, or below a stage one step wide or on a
    // phone (over the step's header), and not covered there.
    for (const [i, narrow] of [[0, false], [1, true]]) {
      const x = 190 * map.stages.slice(0, i).reduce((n, s) => n + s.steps.length, 0);
      await grid(page).evaluate((e, x) => { e.scrollLeft = x; }, x);
      const stage = page.locator(`th.stage${narrow ? '.narrow' : ':not(.narrow)'}`).first();
      await stage.hover();
      await stage.getByRole('button', { name: /^Delete stage/ }).waitFor();
      assert.equal(await headHeight(), [...heights][0]);
      await page.mouse.move(0, 0);
      const nameWidth = () => stage.locator('input.stage-name').evaluate((e) => e.getBoundingClientRect().width);
      const unfocused = await nameWidth();
      await stage.locator('input.stage-name').focus();
      // On a phone the name being edited keeps its room.
      if (width < 600) assert.equal(await nameWidth(), unfocused, `stage ${i}: the name keeps its width when focused`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const e = document.activeElement;
        const [r, th] = [e.getBoundingClientRect(), e.closest('th').getBoundingClientRect()];
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { label: e.getAttribute('aria-label'), below: r.top >= th.bottom - 1, seen: !!hit && (hit === e || e.contains(hit) || hit.contains(e)), at: `${r.left},${r.top} in ${innerWidth}` };
      });
      assert.match(focused.label ?? '', /^Colour of stage /);
      // Below on a phone, for every stage.
      const below = narrow || width < 600;
      assert.equal(focused.below, below, `stage ${i} at ${width} px: its tools are ${below ? 'below' : 'beside'} its name`);
      assert.ok(focused.seen, `stage ${i} at ${width} px: the focused tool is in view and not covered (${focused.at})`);
      assert.equal(await headHeight(), [...heights][0]);
      // A click on the name edits it, wherever the tools are.
      await stage.locator('input.stage-name').click();
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('stage-name')), true);
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test('arrow keys walk across the drawn window, bringing the next steps in', async () => {
  const { page, errors } = await openLarge(1000);
  await page.locator('td.cell[data-lane="l1"][data-step="t1"]').focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.step);
  await page.waitForFunction(() => document.activeElement?.dataset?.step === 't31');
  assert.equal(await focused(), 't31');
  const left = await grid(page).evaluate((e) => e.scrollLeft);
  assert.ok(left > 190 * 15, `scrolled to ${left}`);
  // The emotion points follow too.
  await page.locator('[data-point][data-lane="l4"][data-step="t31"]').focus();
  for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.activeElement?.dataset?.step === 't56');
  await page.keyboard.press('ArrowUp');
  // Back to the start with the keyboard.
  await page.locator('[data-point][data-lane="l4"][data-step="t56"]').waitFor();
  assert.deepEqual(errors, []);
});

test('a cell being edited saves when its column scrolls out of the page', async () => {
  const { page, errors } = await openLarge(1000);
  const cell = page.locator('td.cell[data-lane="l1"][data-step="t2"]');
  await cell.click();
  await page.locator('td.cell.editing textarea').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Typed before scrolling away');
  await grid(page).evaluate((e) => { e.scrollLeft = 190 * 300; });
  await page.locator('td.cell[data-lane="l1"][data-step="t303"]').waitFor();
  await grid(page).evaluate((e) => { e.scrollLeft = 0; });
  await assert.doesNotReject(cell.getByText('Typed before scrolling away').waitFor());
  assert.equal(await page.locator('td.cell.editing').count(), 0);
  // And it is saved, and undoable.
  await page.waitForFunction(() => localStorage.getItem('journeymap:map:large').includes('Typed before scrolling away'));
  await page.keyboard.press('Control+z');
  await assert.doesNotReject(page.waitForFunction(() => !document.body.innerText.includes('Typed before scrolling away')));
  assert.deepEqual(errors, []);
});

test('adding a step at the end of a long map scrolls to its name', async () => {
  const { page, errors } = await openLarge(400);
  await page.getByRole('button', { name: 'Add step', exact: true }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('The very last step');
  await page.keyboard.press('Enter');
  const last = page.locator('input.step-name').last();
  assert.equal(await last.inputValue(), 'The very last step');
  assert.ok(await last.isVisible());
  assert.deepEqual(errors, []);
});

test('deleting the last stage while scrolled to the end leaves the new end drawn', async () => {
  const { page, errors } = await openLarge(400);
  await grid(page).evaluate((e) => { e.scrollLeft = e.scrollWidth; });
  await page.locator('th.stage input.stage-name[data-id="s40"]').waitFor();
  await clickTool(page.locator('th.stage').last().getByRole('button', { name: /^Delete stage/ }));
  // Steps 391–400 are gone; 390 and its neighbours are drawn, not a blank grid.
  await page.locator('td.cell[data-lane="l1"][data-step="t390"]').waitFor();
  assert.equal(await page.locator('td.cell[data-step="t400"]').count(), 0);
  assert.ok((await page.locator('td.cell[data-lane="l1"]').count()) >= 7);
  assert.deepEqual(errors, []);
});

test('a small new map is not left busy when the browser reports no idle time', async () => {
  // At this size headless Chromium gave the page no idle period after the
  // first frame, and the table stayed aria-busy (its margin undrawn).
  const { page, errors, context } = await newPage(env.browser, env.server.url, { viewport: { width: 1000, height: 500 } });
  await page.getByRole('button', exact('New map')).click();
  await page.locator('table.grid').waitFor();
  await assert.doesNotReject(page.locator('table.grid:not([aria-busy])').waitFor({ timeout: 3000 }));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Insights on a 200-step map shows the first rows of each long list, all on request, and follows edits', async () => {
  const { page, errors } = await openLarge(200);
  await page.getByRole('button', exact('Insights')).click();
  const panel = page.getByRole('region', { name: 'Insights' });
  const moods = panel.locator('.insight', { hasText: 'Average emotion per stage — Feeling (Shopper)' });
  await moods.waitFor();
  // 20 stages: 12 bars, and a button for the rest.
  assert.equal(await moods.locator('.bar-row').count(), 12);
  const more = moods.getByRole('button', exact('Show all 20'));
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  const targets = panel.locator('.insight', { hasText: 'Metrics against targets' });
  assert.equal(await targets.locator('li').count(), 12);
  await screenshot(page, 'insights-large');
  await more.click();
  assert.equal(await moods.locator('.bar-row').count(), 20);
  // The button stays where the focus is, and says what it does now.
  const fewer = moods.getByRole('button', exact('Show fewer'));
  assert.equal(await fewer.getAttribute('aria-expanded'), 'true');
  assert.ok(await fewer.evaluate((b) => b === document.activeElement), 'the focus stays on the button');
  assert.equal(await targets.locator('li').count(), 12, 'the other lists stay short');
  // An edit shows up once the browser is idle.
  const first = moods.locator('.bar-value').first();
  const before = await first.innerText();
  const point = page.locator('[data-point][data-lane="l4"][data-step="t1"]');
  await point.focus();
  await page.keyboard.press(before === '2' ? 'ArrowDown' : 'ArrowUp');
  await page.waitForFunction(([el, was]) => el.textContent !== was, [await first.elementHandle(), before]);
  await fewer.click();
  assert.equal(await moods.locator('.bar-row').count(), 12);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('Compare on a 200-step map draws the columns in view of each curve, and the rest as it scrolls', async () => {
  const { page, errors, map } = await openLarge(200);
  await page.getByRole('button', exact('Create future state')).click();
  await page.getByRole('button', exact('Compare')).click();
  const figure = page.getByRole('region', { name: 'Compare' }).locator('figure.overlay').first();
  await figure.locator('.overlay-chart svg').waitFor();
  const look = () => figure.evaluate((f) => ({
    names: [...f.querySelectorAll('.overlay-steps li')].map((li) => li.textContent),
    svg: f.querySelector('.overlay-chart svg').getBoundingClientRect().width,
    full: f.querySelector('.overlay-chart').getBoundingClientRect().width,
  }));
  const steps = map.stages.flatMap((s) => s.steps.map((t) => t.name));
  let now = await look();
  assert.equal(now.full, 200 * 190, 'the scroll area is as wide as every step');
  assert.ok(now.names.length < 40 && now.svg < 40 * 190, `${now.names.length} names, ${now.svg} px of curve`);
  assert.deepEqual(now.names, steps.slice(0, now.names.length));
  // Scrolled to the end: the last steps are drawn, under their curve.
  await figure.locator('.overlay-scroll').evaluate((e) => { e.scrollLeft = e.scrollWidth; });
  await page.waitForFunction(([f, last]) => [...f.querySelectorAll('.overlay-steps li')].at(-1)?.textContent === last, [await figure.elementHandle(), steps.at(-1)]);
  now = await look();
  const names = await figure.locator('.overlay-steps li').evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().left)));
  const svg = await figure.locator('.overlay-chart svg').evaluate((s) => Math.round(s.getBoundingClientRect().left));
  assert.equal(names[0], svg, 'the first name drawn sits under the start of the curve drawn');
  assert.deepEqual(now.names, steps.slice(200 - now.names.length));
  await screenshot(page, 'compare-large-end');
  assert.deepEqual(errors, []);
  await page.context().close();
});

/**
 * Opens a 200-step map with Compare, against a future state that `change`
 * makes from a copy of it; returns the page and the first curve's scroller.
 */
async function compareTwins(change, { viewport } = {}) {
  const current = makeMap(200, { id: 'large' });
  current.twin = 'large-future';
  const future = structuredClone(current);
  Object.assign(future, { id: 'large-future', title: `${current.title} (future state)`, state: 'future', twin: 'large' });
  change(future);
  const { page, errors } = await newPage(env.browser, env.server.url, viewport ? { viewport } : {});
  await page.evaluate(([a, b]) => {
    localStorage.setItem('journeymap:map:large', a);
    localStorage.setItem('journeymap:map:large-future', b);
  }, [JSON.stringify(current), JSON.stringify(future)]);
  await page.goto(`${env.server.url}#/map/large`);
  await page.locator('td.cell[data-lane="l1"][data-step="t1"]').waitFor();
  await page.getByRole('button', exact('Compare')).click();
  const overlays = page.getByRole('region', { name: 'Compare' }).locator('.overlay-scroll');
  await overlays.first().locator('svg').waitFor();
  return { page, errors, current, overlays };
}

test("Compare's curves scroll with the grid, step for step, though the maps' steps differ", async () => {
  // The future state dropped the first three steps, so its columns are
  // three to the left of the same steps in the grid.
  const { page, errors, current, overlays } = await compareTwins((future) => {
    future.stages[0].steps.splice(0, 3);
    for (const lane of future.lanes) for (const t of ['t1', 't2', 't3']) delete lane.cells[t];
  });
  assert.ok((await overlays.count()) >= 2, 'a curve per persona');
  const settle = (want) => page.waitForFunction(([w]) => [...document.querySelectorAll('.overlay-scroll')].every((o) => Math.abs(o.scrollLeft - w) <= 1), [want]);
  // The grid scrolled to step t101, 40 px in: every curve shows t101 (the
  // future's 98th step), 40 px in.
  await grid(page).evaluate((e) => { e.scrollLeft = 190 * 100 + 40; });
  await settle(190 * 97 + 40);
  // One curve scrolled: the others and the grid follow, to the same step.
  await overlays.first().evaluate((o) => { o.scrollLeft = 190 * 47 + 10; });
  await settle(190 * 47 + 10);
  await page.waitForFunction(() => Math.abs(document.querySelector('.grid-scroll').scrollLeft - (190 * 50 + 10)) <= 1);
  // The step names under the curve and the grid's headers agree.
  await page.locator('input.step-name[data-id="t51"]').waitFor();
  const shownInGrid = await page.evaluate(() => {
    const lanes = document.querySelector('th.corner').getBoundingClientRect().right;
    return [...document.querySelectorAll('input.step-name')].find((i) => i.getBoundingClientRect().right > lanes + 20)?.value;
  });
  const shownInCurve = await overlays.first().evaluate((o) => {
    const left = o.getBoundingClientRect().left;
    return [...o.querySelectorAll('.overlay-steps li')].find((li) => li.getBoundingClientRect().right > left + 20)?.textContent;
  });
  assert.equal(shownInGrid, current.stages.flatMap((s) => s.steps).find((t) => t.id === 't51').name);
  assert.equal(shownInCurve, shownInGrid);
  // And each step's point is over its column: the curve's gutter is as wide
  // as the grid's lane titles.
  const name = shownInGrid;
  const column = await page.locator('th.step', { has: page.locator('input.step-name[data-id="t51"]') }).boundingBox();
  const under = await overlays.first().locator('.overlay-steps li', { hasText: name }).boundingBox();
  assert.ok(Math.abs(column.x - under.x) <= 2 && Math.abs(column.width - under.width) <= 2, `column at ${column.x} (${column.width} px), curve's step at ${under.x} (${under.width} px)`);
  await screenshot(page, 'compare-follows-grid');
  // Back to the curve's start: the grid goes to its own start, where the
  // three steps only it has are.
  await overlays.first().evaluate((o) => { o.scrollLeft = 0; });
  await page.waitForFunction(() => document.querySelector('.grid-scroll').scrollLeft === 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a curve scrolled past the steps the grid has stays there: the grid goes to its end and does not pull it back', async () => {
  // The future state has 30 steps more at the end.
  const { page, errors, overlays } = await compareTwins((future) => {
    future.stages.at(-1).steps.push(...Array.from({ length: 30 }, (_, i) => ({ id: `n${i + 1}`, name: `New step ${i + 1}` })));
  });
  const curve = overlays.first();
  await curve.evaluate((o) => { o.scrollLeft = o.scrollWidth; });
  await page.waitForFunction(() => { const g = document.querySelector('.grid-scroll'); return g.scrollLeft >= g.scrollWidth - g.clientWidth - 1; });
  await page.waitForTimeout(300);
  const end = await curve.evaluate((o) => o.scrollWidth - o.clientWidth - o.scrollLeft);
  assert.ok(end <= 1, `the curve was pulled back ${end} px from its end`);
  await page.locator('.overlay-steps li', { hasText: 'New step 30' }).first().waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** The names of the first step shown whole-ish in the grid and under the first curve. */
function firstShown(page) {
  return page.evaluate(() => {
    const lanes = document.querySelector('th.corner').getBoundingClientRect().right;
    const grid = [...document.querySelectorAll('th.step')].find((t) => t.getBoundingClientRect().right > lanes + 20);
    const o = document.querySelector('.overlay-scroll');
    const left = o.getBoundingClientRect().left;
    const curve = [...o.querySelectorAll('.overlay-steps li')].find((li) => li.getBoundingClientRect().right > left + 20);
    return [grid?.querySelector('input.step-name')?.value ?? grid?.textContent, curve?.textContent];
  });
}

test('after a step is deleted, and the delete undone, the curves still show the step the grid shows', async () => {
  const { page, errors, current } = await compareTwins(() => {});
  const name = (id) => current.stages.flatMap((s) => s.steps).find((t) => t.id === id).name;
  await grid(page).evaluate((e) => { e.scrollLeft = 190 * 10 + 40; });
  await page.waitForFunction(() => Math.abs(document.querySelector('.overlay-scroll').scrollLeft - (190 * 10 + 40)) <= 1);
  await page.locator('input.step-name[data-id="t11"]').waitFor();
  const same = async (want) => {
    let shown;
    for (let i = 0; i < 40; i++) {
      shown = await firstShown(page);
      if (shown[0] === want && shown[1] === want) return;
      await page.waitForTimeout(50);
    }
    assert.fail(`grid and curve show ${JSON.stringify(shown)}, not ${want}`);
  };
  await same(name('t11'));
  await clickTool(page.getByRole('button', exact(`Delete step ${name('t11')}`)));
  await same(name('t12'));
  await page.keyboard.press('Control+z');
  await page.locator('input.step-name[data-id="t11"]').waitFor();
  await same(name('t11'));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("on a phone, and with long scale words, the curves' columns line up with the grid's, at both ends", async () => {
  const { page, errors, overlays } = await compareTwins((future) => {
    future.scale.labels = ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'];
  }, { viewport: { width: 390, height: 844 } });
  const lined = async (which) => {
    const [column, under] = await page.evaluate((which) => {
      const lanes = document.querySelector('th.corner').getBoundingClientRect().right;
      const heads = [...document.querySelectorAll('th.step')].filter((t) => t.getBoundingClientRect().right > lanes + 20);
      const head = which === 'first' ? heads[0] : heads.at(-1);
      const id = head.querySelector('input.step-name')?.dataset.id;
      const lis = [...document.querySelector('.overlay-steps').children];
      const li = lis.find((l) => l.textContent === head.querySelector('input.step-name')?.value);
      return [head.getBoundingClientRect().x, li?.getBoundingClientRect().x, id];
    }, which);
    assert.ok(Math.abs(column - under) <= 2, `${which}: the grid's column at ${column}, the curve's at ${under}`);
  };
  await page.locator('input.step-name[data-id="t1"]').waitFor();
  await lined('first');
  // The words end in "…" in the narrow gutter, and show whole on hover.
  const word = overlays.first().locator('xpath=..').locator('.overlay-scale .scale-label', { hasText: 'Neither' });
  assert.equal(await word.getAttribute('title'), 'Neither satisfied nor dissatisfied');
  assert.ok(await word.evaluate((e) => e.scrollWidth > e.clientWidth), 'the long word is cut with an ellipsis');
  await grid(page).evaluate((e) => { e.scrollLeft = e.scrollWidth; });
  await page.waitForFunction(() => { const o = document.querySelector('.overlay-scroll'); return o.scrollLeft >= o.scrollWidth - o.clientWidth - 1; });
  await page.locator('input.step-name[data-id="t200"]').waitFor();
  await page.waitForTimeout(200);
  await lined('last');
  await screenshot(page, 'compare-phone-end');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("with a step the other map lacks at the grid's left edge, the next shared step is over its own column", async () => {
  const { page, errors, current } = await compareTwins((future) => {
    const gone = ['t50', 't51', 't52'];
    for (const s of future.stages) s.steps = s.steps.filter((t) => !gone.includes(t.id));
    for (const lane of future.lanes) for (const t of gone) delete lane.cells[t];
  });
  const name = current.stages.flatMap((s) => s.steps).find((t) => t.id === 't53').name;
  // t50, which the future state lacks, 20 px in at the left edge.
  await grid(page).evaluate((e) => { e.scrollLeft = 190 * 49 + 20; });
  await page.locator('input.step-name[data-id="t53"]').waitFor();
  const curve = page.locator('.overlay-steps').first().locator('li', { hasText: name });
  await curve.waitFor();
  await page.waitForTimeout(200);
  const column = await page.locator('th.step', { has: page.locator('input.step-name[data-id="t53"]') }).boundingBox();
  const under = await curve.boundingBox();
  assert.ok(Math.abs(column.x - under.x) <= 2, `t53's column at ${column.x}, under the curve at ${under.x}`);
  await screenshot(page, 'compare-unshared-edge');
  assert.deepEqual(errors, []);
  await page.context().close();
});
