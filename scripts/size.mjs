// Reports the gzipped size of what the editor page loads.
// Usage: node scripts/size.mjs dist
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const budget = 250 * 1024;
let total = 0;
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  if (!statSync(path).isFile() || !/\.(html|js|wasm|css)$/.test(name)) continue;
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(8)} KB gz  ${(raw.length / 1024).toFixed(1).padStart(8)} KB  ${name}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB gz  total (target ${budget / 1024} KB)`);
if (total > budget) {
  // Measured and tracked in bench/ and docs/performance.md; not a test.
  console.log(`note: ${((total - budget) / 1024).toFixed(1)} KB over the target`);
}
