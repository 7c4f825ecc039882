// Shared helpers for the end-to-end tests: a static server for dist/,
// Debian's Chromium through playwright-core, and screenshots.
import { createServer } from 'node:http';
import { readFile, mkdir, access } from 'node:fs/promises';
import { extname, join, normalize, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
export const dist = process.env.JOURNEYMAP_DIST ?? join(root, 'dist');
export const artifacts = join(here, 'artifacts');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/**
 * Serves `dir` on a free loopback port. Returns { url, close }.
 * `headers`: extra response headers, an object or a function of the
 * request's path that returns one (e.g. a CSP or CORS header).
 */
export async function startServer(dir = dist, { headers = {} } = {}) {
  dir = resolve(dir);
  try {
    await access(join(dir, 'index.html'));
  } catch {
    throw new Error(`${dir}/index.html is missing: build first (trunk build --release)`);
  }
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    const extra = typeof headers === 'function' ? headers(path) : headers;
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...extra, 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { ...extra, 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Launches Debian's Chromium headless, with no network chatter. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Opens `url` in a fresh context (its own local storage) and collects
 * uncaught page errors and console errors into `errors`.
 */
export async function newPage(browser, url, { viewport = { width: 1400, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  page.setDefaultTimeout(5000);
  if (url) await page.goto(url);
  return { page, context, errors };
}

/** Saves a PNG screenshot under tests/e2e/artifacts/. */
export async function screenshot(page, name, options = {}) {
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, ...options });
  return path;
}

/**
 * Starts the static server and Chromium before a test file's tests and
 * stops them after. Returns an object whose `server` and `browser` are set
 * once the tests run.
 */
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Options for an exact accessible-name match: `getByRole('button', exact('Undo'))`. */
export const exact = (name) => ({ name, exact: true });

/**
 * Waits until the open map's grid is drawn in full: its first frame has
 * the columns in view, and those beyond follow (aria-busy until then).
 */
export async function drawn(page) {
  await page.locator('table.grid:not([aria-busy])').waitFor();
}

/** Waits for two frames: what a change scheduled is on screen. */
export async function frames(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Runs in the page (`locator.evaluateAll(contrastOnBand)`): the contrast of
 * each stage name with its header's band, the stage colour drawn as a
 * gradient over the neutral background (any CSS colour, lch() too, read
 * as sRGB through a canvas).
 */
export function contrastOnBand(names) {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const rgb = (c) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  return names.map((name) => {
    const s = getComputedStyle(name.closest('th'));
    const band = s.backgroundImage.startsWith('linear-gradient') ? s.backgroundImage.match(/(rgba?|lch|oklch|color)\([^)]*\)/)[0] : s.backgroundColor;
    const [a, b] = [lum(rgb(getComputedStyle(name).color)), lum(rgb(band))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

/**
 * Clicks a header's tool (✕, ◀ ▶, +) as a mouse does: the pointer comes
 * over it first, which shows the header's tools (hidden ones take no clicks).
 */
export async function clickTool(button) {
  await button.hover({ force: true });
  await button.click();
}
