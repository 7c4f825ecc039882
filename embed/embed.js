// Journeymap embed: read-only journey maps in any page.
//
//   <script type="module" src="https://docs.example.com/journeymap/embed.js"></script>
//   <div data-journey-map data-src="maps/onboarding.journey.json"></div>
//   <div data-journey-map><script type="application/json">{ "format": "journeymap", ... }</script></div>
//
// Every element with `data-journey-map` renders, including ones added later.
// Options as attributes: data-src, data-theme (light|dark|auto), data-lanes,
// data-height, data-heading (the title's heading level, 1–6; 2 by default).
// JavaScript: `import { mount } from '.../embed.js'` and
// `mount(element, { src | map | code, theme, lanes, height, heading })`.
//
// Each map lives in its own shadow root with a constructed stylesheet: the
// page's CSS does not reach it and its CSS does not reach the page. The wasm
// that draws it (embed/journeymap_embed*.{js,wasm}) is loaded from next to
// this file (import.meta.url), so the build can live under any path. Nothing
// here needs inline script or inline style (see docs/embedding.md for the CSP).

const SELECTOR = '[data-journey-map]';
const OPTIONS = ['src', 'theme', 'lanes', 'height', 'heading'];
const here = import.meta.url;
// The editor, for "Open in Journeymap": index.html next to this file.
const EDITOR = new URL('index.html', here).href;

let engine;
/** Loads the wasm once, on the first map. */
function load() {
  engine ??= import(new URL('embed/journeymap_embed.js', here).href).then(async (m) => {
    await m.default({ module_or_path: new URL('embed/journeymap_embed_bg.wasm', here) });
    return m;
  });
  return engine;
}

const CSS = `
:host { all: initial !important; display: block !important; }
:host([hidden]) { display: none !important; }
.jm {
  --surface: #ffffff; --ink: #1f2933; --ink-soft: #52606d; --line: #d9dee5; --line-soft: #eceff3;
  --lane-bg: #fafbfc; --accent: #0f766e; --band: #f8fafc; --grid: #e2e8f0; --ring: #ffffff;
  --high: #15803d; --low: #b91c1c; --error-bg: #fdecea; --error-ink: #7a1a12; --error-line: #f2a8a0;
  display: flex; flex-direction: column; box-sizing: border-box; max-width: 100%; min-height: 0;
  margin: 0; border: 1px solid var(--line); border-radius: 8px; overflow: hidden;
  background: var(--surface); color: var(--ink); text-align: left;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
}
.jm.theme-dark {
  --surface: #111827; --ink: #e5e7eb; --ink-soft: #9ca3af; --line: #374151; --line-soft: #1f2937;
  --lane-bg: #172033; --accent: #5eead4; --band: #172033; --grid: #273244; --ring: #111827;
  --high: #4ade80; --low: #f87171; --error-bg: #3b1212; --error-ink: #fecaca; --error-line: #7f1d1d;
}
@media (prefers-color-scheme: dark) {
  .jm.theme-auto {
    --surface: #111827; --ink: #e5e7eb; --ink-soft: #9ca3af; --line: #374151; --line-soft: #1f2937;
    --lane-bg: #172033; --accent: #5eead4; --band: #172033; --grid: #273244; --ring: #111827;
    --high: #4ade80; --low: #f87171; --error-bg: #3b1212; --error-ink: #fecaca; --error-line: #7f1d1d;
  }
}
.jm *, .jm *::before, .jm *::after { box-sizing: border-box; }
:where(.jm) :where(p, h2, ul, blockquote) { margin: 0; padding: 0; }
.jm-loading { padding: 16px; color: var(--ink-soft); }
.jm-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; padding: 10px 12px; border-bottom: 1px solid var(--line); }
.jm-title { font-size: 17px; font-weight: 650; overflow-wrap: anywhere; }
.jm-badge { font-size: 12px; color: var(--ink-soft); background: var(--line-soft); border-radius: 10px; padding: 1px 8px; }
.jm-open { margin-left: auto; font-size: 12.5px; color: var(--accent); text-decoration: underline; white-space: nowrap; }
.jm-save { margin-left: auto; font-size: 13.5px; font-weight: 600; color: #ffffff; background: #0f766e; border-radius: 6px; padding: 5px 12px; text-decoration: none; white-space: nowrap; align-self: center; }
.jm-save:hover { background: #115e59; }
.jm-save:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.jm-open:focus-visible { outline: 2px solid #2563eb; outline-offset: -2px; }
/* The scroll area's focus ring is its border: an outline would be drawn
   under the sticky stage headers and lane titles, which cover its edges. */
.jm-scroll:focus-visible { outline: none; border-color: #2563eb; }
.jm-description { padding: 8px 12px 0; color: var(--ink-soft); white-space: pre-wrap; overflow-wrap: anywhere; }
.jm-notes { list-style: none; padding: 6px 12px 0; font-size: 12.5px; color: var(--ink-soft); }
.jm-scroll { flex: 1 1 auto; min-height: 0; overflow: auto; border: 2px solid transparent; --jm-lane: 220px; }
.jm-empty { padding: 24px; color: var(--ink-soft); }
table.jm-grid { border-collapse: separate; border-spacing: 0; table-layout: fixed; background: var(--surface); }
.jm-scroll.jm-narrow { --jm-lane: 150px; }
.jm-lane-col { width: var(--jm-lane); }
.jm-step-col { width: 190px; }
.jm-grid th, .jm-grid td { border-right: 1px solid var(--line-soft); border-bottom: 1px solid var(--line-soft); vertical-align: top; text-align: left; padding: 0; font-weight: normal; }
.jm-grid thead th { position: sticky; z-index: 3; background: var(--surface); }
.jm-stage-row th { top: 0; height: 38px; }
.jm-step-row th { top: 38px; }
.jm-grid th.jm-corner { left: 0; z-index: 5; border-right: 1px solid var(--line); }
.jm-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.jm-grid th.jm-stage[style*="--stage"] { color: lch(from var(--stage) calc((62 - l) * infinity) 0 0); }
.jm-grid th.jm-stage { background-color: #e5e7eb; background-image: linear-gradient(var(--stage), var(--stage)); color: #1f2933; padding: 0 10px; border-right: 2px solid var(--surface); font-weight: 600; font-size: 15px; line-height: 20px; vertical-align: middle; white-space: nowrap; }
.jm-stage-name { position: sticky; left: calc(var(--jm-lane) + 10px); display: inline-block; max-width: 100%; overflow: hidden; text-overflow: ellipsis; vertical-align: middle; }
th.jm-step { padding: 6px 10px; border-bottom: 1px solid var(--line); font-weight: 600; overflow-wrap: anywhere; }
th.jm-empty-stage { color: var(--ink-soft); font-weight: normal; font-style: italic; }
th.jm-lane { position: sticky; left: 0; z-index: 2; background: var(--lane-bg); border-right: 1px solid var(--line); padding: 8px 10px; box-shadow: inset 4px 0 0 var(--lane, transparent); }
.jm-lane-name { display: block; font-weight: 600; overflow-wrap: anywhere; }
.jm-kind { display: inline-block; font-size: 11px; color: var(--ink-soft); background: var(--line-soft); border-radius: 10px; padding: 1px 7px; margin-top: 2px; }
tr.jm-kind-emotion th.jm-lane { padding-right: 88px; }
tr.jm-kind-emotion .jm-kind { display: none; }
.jm-legend { list-style: none; margin-top: 6px; font-size: 11.5px; color: var(--ink-soft); }
.jm-legend li { display: flex; align-items: center; gap: 5px; }
.jm-legend li.jm-own { color: var(--ink); font-weight: 600; }
.jm-legend-line { display: inline-block; width: 14px; height: 3px; border-radius: 2px; flex: none; }
.jm-scale { position: absolute; top: 0; right: 0; bottom: 0; width: 84px; pointer-events: none; }
.jm-scale-label { position: absolute; right: 8px; transform: translateY(-50%); font-size: 11px; color: var(--ink-soft); white-space: nowrap; max-width: 76px; overflow: hidden; text-overflow: ellipsis; }
.jm-narrow tr.jm-kind-emotion th.jm-lane { padding-right: 56px; }
.jm-narrow .jm-scale { width: 54px; }
.jm-narrow .jm-scale-label { font-size: 10px; right: 4px; max-width: 50px; }
td.jm-cell { padding: 8px 10px; height: 56px; overflow-wrap: anywhere; }
td.jm-curve { padding: 0; }
.jm-plot { position: relative; }
.jm-plot svg { position: absolute; inset: 0; display: block; overflow: hidden; }
.jm-plot rect[fill="#F8FAFC" i] { fill: var(--band); }
.jm-plot polyline[stroke="#E2E8F0" i] { stroke: var(--grid); }
.jm-plot circle[fill="#FFFFFF" i] { fill: var(--ring); }
.jm-plot text[fill="#15803D" i] { fill: var(--high); }
.jm-plot text[fill="#B91C1C" i] { fill: var(--low); }
.text { white-space: pre-wrap; line-height: 1.4; }
.quote { padding-left: 8px; border-left: 3px solid #cbd2d9; font-style: italic; color: var(--ink-soft); white-space: pre-wrap; }
ul.items, ul.touchpoints, ul.metrics, ul.chips { list-style: none; display: flex; flex-direction: column; gap: 4px; }
td.jm-cell > :is(.text, .quote, ul) { max-height: 240px; overflow-y: auto; scrollbar-width: thin; }
@supports (animation-timeline: scroll()) {
  td.jm-cell > .long { animation: jm-more linear both; animation-timeline: scroll(self); }
}
@keyframes jm-more { 0%, 96% { mask-image: linear-gradient(#000 calc(100% - 32px), transparent); } 100% { mask-image: none; } }
ul.items li { padding: 3px 7px; border-radius: 5px; line-height: 1.35; }
ul.pain_points li { background: #fdecea; color: #7a1a12; }
ul.pain_points li::before, ul.opportunities li::before { display: inline-block; width: 14px; height: 14px; margin-right: 5px; border-radius: 50%; color: #ffffff; font-size: 10.5px; font-weight: 700; line-height: 14px; text-align: center; vertical-align: 1px; }
ul.pain_points li::before { content: "!" / ""; background: #b91c1c; }
ul.opportunities li::before { content: "+" / ""; background: #15803d; }
ul.opportunities li { background: #e6f6ec; color: #14532d; }
ul.evidence li { background: #fef3c7; color: #713f12; }
ul.frontstage li { background: #e0f2fe; color: #0c4a6e; }
ul.backstage li { background: #f1f5f9; color: #334155; }
ul.support li { background: #f3e8ff; color: #581c87; }
tr:not(.jm-kind-frontstage) + tr.jm-kind-frontstage > *, tr:not(.jm-kind-backstage) + tr.jm-kind-backstage > *, tr:not(.jm-kind-support) + tr.jm-kind-support > * { border-top: 2px dashed #7b8794; }
tr:not(.jm-kind-frontstage) + tr.jm-kind-frontstage > th.jm-lane::before { content: "Line of interaction"; }
tr:not(.jm-kind-backstage) + tr.jm-kind-backstage > th.jm-lane::before { content: "Line of visibility"; }
tr:not(.jm-kind-support) + tr.jm-kind-support > th.jm-lane::before { content: "Line of internal interaction"; }
tr.jm-kind-frontstage > th.jm-lane::before, tr.jm-kind-backstage > th.jm-lane::before, tr.jm-kind-support > th.jm-lane::before { display: block; font-size: 10.5px; letter-spacing: 0.04em; text-transform: uppercase; color: var(--ink-soft); }
ul.chips { flex-direction: row; flex-wrap: wrap; }
.chip { background: #eef2ff; color: #312e81; border-radius: 12px; padding: 2px 9px; font-size: 12.5px; }
.touchpoint { display: flex; flex-direction: column; gap: 1px; }
.channel { font-weight: 600; font-size: 12.5px; display: inline-flex; gap: 4px; align-items: center; }
.channel-icon { width: 15px; height: 15px; flex: none; contain: strict; fill: none; stroke: currentColor; stroke-width: 1.5; stroke-linecap: round; stroke-linejoin: round; }
.touchpoint .note { color: var(--ink-soft); font-size: 12.5px; padding-left: 19px; }
.metric { display: flex; flex-wrap: wrap; gap: 2px 6px; align-items: baseline; }
.metric-name { font-size: 12.5px; color: var(--ink-soft); width: 100%; }
.metric-value { font-size: 18px; font-weight: 700; }
.metric-target { font-size: 12px; color: var(--ink-soft); }
.jm.jm-failed { padding: 12px 14px; gap: 4px; background: var(--error-bg); color: var(--error-ink); border-color: var(--error-line); }
.jm-error-title { font-weight: 650; }
.jm-error-message, .jm-error-source { overflow-wrap: anywhere; }
.jm-error-source code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
`;

let sheet;
/** One constructed stylesheet per document, shared by every map on it. */
function stylesheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

// Per element: the shadow root's box and a counter, so that a newer mount
// of the same element wins over an older one still loading.
const mounted = new WeakMap();

/** The shadow root and box of `element`, made on first use. */
function boxOf(element) {
  let state = mounted.get(element);
  if (!state) {
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [stylesheet()];
    const box = document.createElement('div');
    root.replaceChildren(box);
    state = { box, generation: 0 };
    mounted.set(element, state);
  }
  return state;
}

/** Shows a failure without the wasm (when it is the wasm that failed). */
function plainError(box, message, source) {
  box.className = 'jm jm-failed';
  box.setAttribute('role', 'alert');
  const title = document.createElement('p');
  title.className = 'jm-error-title';
  title.textContent = 'This journey map cannot be shown';
  const what = document.createElement('p');
  what.textContent = message;
  box.replaceChildren(title, what);
  if (source) {
    const p = document.createElement('p');
    const code = document.createElement('code');
    code.textContent = source;
    p.append('Source: ', code);
    box.append(p);
  }
}

/** The text of the map at `url`, or an Error whose message says what failed. */
async function fetchText(url, wasm) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new Error(wasm.network_failure());
  }
  if (!response.ok) throw new Error(wasm.http_failure(response.status, response.statusText));
  return response.text();
}

/**
 * Renders a read-only map into `element` (replacing any map it showed).
 *
 * options: exactly one of
 *   src:  URL of a .journey.json file, relative to the page;
 *   map:  the document itself, as an object or JSON text;
 *   code: the code of a share link (the part after `#map=`);
 * and optionally theme ('light' | 'dark' | 'auto'), lanes (comma-separated
 * lane ids, kinds or titles) and height (a CSS length such as 480px).
 *
 * Resolves to true when a map is shown, false when an error box is.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) {
    throw new TypeError(`journeymap mount(): the first argument must be an element of the page, not ${element === null ? 'null' : typeof element}`);
  }
  options ??= {};
  const state = boxOf(element);
  const generation = ++state.generation;
  const { box } = state;
  const settings = {
    theme: String(options.theme ?? ''),
    lanes: String(options.lanes ?? ''),
    height: String(options.height ?? ''),
    heading: String(options.heading ?? ''),
    editor: EDITOR,
    // The viewer page of a share link: "Save a copy" instead of "Open in Journeymap".
    sharePage: options.sharePage ? '1' : '',
  };
  let source = '';
  if (options.src != null) source = new URL(String(options.src), document.baseURI).href;
  else if (options.map != null) source = 'the map in this page';
  else if (options.code != null) source = 'the map in the link';
  box.className = 'jm';
  box.removeAttribute('role');
  const loading = document.createElement('p');
  loading.className = 'jm-loading';
  loading.textContent = 'Loading journey map…';
  box.replaceChildren(loading);

  let wasm;
  try {
    wasm = await load();
  } catch (e) {
    if (generation === state.generation) {
      plainError(box, `Journeymap could not start: ${e?.message ?? e}`, new URL('embed/', here).href);
    }
    return false;
  }
  let kind;
  let input;
  try {
    if (options.src != null) {
      kind = 'json';
      input = await fetchText(source, wasm);
    } else if (options.map != null) {
      kind = 'json';
      input = typeof options.map === 'string' ? options.map : JSON.stringify(options.map);
    } else if (options.code != null) {
      kind = 'link';
      input = String(options.code);
    } else {
      kind = 'error';
      input = options.missing ?? 'No map was given: pass mount() one of src, map or code.';
    }
  } catch (e) {
    kind = 'error';
    input = e.message;
  }
  if (generation !== state.generation) return false;
  try {
    return wasm.render(box, kind, input, source, settings);
  } catch (e) {
    plainError(box, `Journeymap failed while drawing the map: ${e?.message ?? e}`, source);
    return false;
  }
}

/** The options of a `data-journey-map` element, from its attributes. */
function optionsOf(element) {
  const options = {};
  for (const name of OPTIONS) {
    const value = element.getAttribute(`data-${name}`);
    if (value != null) options[name] = value;
  }
  if (options.src == null) {
    const inline = element.querySelector('script[type="application/json"]');
    if (inline) options.map = inline.textContent;
  }
  options.missing = 'No map was given: set data-src, or put the map in a <script type="application/json"> inside the element.';
  return options;
}

function mountMarked(element) {
  mount(element, optionsOf(element)).catch((e) => console.warn('journeymap embed:', e));
}

/**
 * Whether the map of `element` was let go while the element was out of the
 * page (the wasm drops what it keeps for scrolling then, and takes the
 * scroll area's `data-jm` away), so that it must be drawn again to scroll.
 */
function letGo(element) {
  const scroll = mounted.get(element)?.box.querySelector('.jm-scroll');
  return !!scroll?.querySelector('table.jm-grid') && !scroll.hasAttribute('data-jm');
}

/**
 * Mounts every marked element in `root` (and `root` itself) not yet mounted,
 * or put back in the page after its map was let go.
 */
function scan(root) {
  if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_NODE) return;
  const found = root.matches?.(SELECTOR) ? [root] : [];
  found.push(...root.querySelectorAll(SELECTOR));
  for (const element of found) if (!mounted.has(element) || letGo(element)) mountMarked(element);
}

function watch() {
  scan(document);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        const el = r.target;
        if (el.matches(SELECTOR)) mountMarked(el);
      } else {
        for (const node of r.addedNodes) scan(node);
      }
    }
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-journey-map', ...OPTIONS.map((n) => `data-${n}`)],
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch, { once: true });
else watch();
