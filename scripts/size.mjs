// Reports the gzipped size of what the app page loads to open a map
// (dist/*.html, js, wasm, css) and their total, then the chunks it loads
// only when a part is first used (journeymap-split-*, journeymap-chunk-*:
// src/ui/lazy.rs, scripts/split-wasm).
// Usage: node scripts/size.mjs [dist] [--check]
// With --check, exits 1 when the total is over the budget: 250 KB gzipped,
// or SIZE_BUDGET_KB.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const check = args.includes('--check');
const dir = args.find((a) => !a.startsWith('--')) ?? 'dist';
const budgetKb = Number(process.env.SIZE_BUDGET_KB ?? 250);
const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;

let total = 0;
let files = 0;
const chunks = { count: 0, gz: 0 };
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  if (!statSync(path).isFile() || !/\.(html|js|wasm|css)$/.test(name)) continue;
  // embed.html and embed.js belong to the embed, reported below.
  if (name.startsWith('embed.')) continue;
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  if (/^journeymap-(split|chunk)-.*\.wasm$/.test(name)) {
    chunks.count += 1;
    chunks.gz += gz;
    continue;
  }
  total += gz;
  files += 1;
  console.log(`${kb(gz)} gz ${kb(raw.length)}  ${name}`);
}
if (files === 0) {
  console.error(`size: no html, js, wasm or css files in ${dir}`);
  process.exit(1);
}
const over = total - budgetKb * 1024;
console.log(`${kb(total)} gz total; budget ${budgetKb} KB: ${over > 0 ? `${kb(over).trim()} over` : 'within'}`);
if (chunks.count > 0) console.log(`${kb(chunks.gz)} gz in ${chunks.count} chunks loaded on first use (start screen, viewer, panels, import)`);

// The embed (docs/embedding.md), which a host page loads instead of the
// editor: embed.js and everything under embed/.
const embedFiles = ['embed.js', 'embed.html', ...(existsSync(join(dir, 'embed')) ? readdirSync(join(dir, 'embed')).map((n) => `embed/${n}`) : [])];
const embedGz = embedFiles
  .filter((n) => existsSync(join(dir, n)) && /\.(html|js|wasm|css)$/.test(n))
  .reduce((sum, n) => sum + gzipSync(readFileSync(join(dir, n)), { level: 9 }).length, 0);
if (embedGz > 0) console.log(`${kb(embedGz)} gz for the embed and its viewer page (embed.js, embed.html, embed/); target 150 KB`);
if (check && over > 0) process.exit(1);
