// The release build loads in Chromium, shows the app and throws nothing.
import { test } from 'node:test';
import { get } from 'node:http';
import assert from 'node:assert/strict';
import { useServerAndBrowser, newPage, screenshot } from './lib.mjs';

const env = useServerAndBrowser();

test('the server gives the wasm module its mime type', async () => {
  const html = await (await fetch(env.server.url)).text();
  const wasm = html.match(/[\w.-]+_bg\.wasm/);
  assert.ok(wasm, 'index.html names a .wasm file');
  const res = await fetch(new URL(wasm[0], env.server.url));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  assert.equal((await fetch(new URL('no-such-file', env.server.url))).status, 404);
  // A path that climbs out of dist/ is refused (sent raw: fetch would tidy it).
  const status = await new Promise((ok, fail) =>
    get(new URL('/..%2fCargo.toml', env.server.url), (r) => ok(r.resume().statusCode)).on('error', fail),
  );
  assert.equal(status, 403);
});

test('the app loads, shows its name and throws no errors', async () => {
  const { page, context, errors } = await newPage(env.browser, env.server.url);
  const heading = page.getByRole('heading', { name: /Journeymap/ });
  await assert.doesNotReject(heading.first().waitFor(), 'a heading names Journeymap');
  assert.match(await page.title(), /Journeymap/);
  await assert.doesNotReject(page.getByRole('button', { name: 'New map', exact: true }).waitFor());
  // Give late errors (effects, timers) a moment to surface.
  await page.waitForTimeout(300);
  await screenshot(page, 'smoke-start');
  assert.deepEqual(errors, []);
  await context.close();
});
