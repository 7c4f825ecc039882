// What takes the space in a wasm module, in the manner of `twiggy top`: the
// size of every function body, named from the module's "name" section, and
// the totals per crate. Needs a build that keeps names (no wasm-opt), e.g.
//   node bench/profile.mjs --build      (writes bench/out/dist-profile/)
//   node bench/wasm-top.mjs bench/out/dist-profile/*.wasm [--top 40]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

function reader(buf) {
  let pos = 0;
  const r = {
    get pos() {
      return pos;
    },
    set pos(p) {
      pos = p;
    },
    byte: () => buf[pos++],
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const b = buf[pos++];
        result += (b & 0x7f) * 2 ** shift;
        if (!(b & 0x80)) return result;
        shift += 7;
      }
    },
    name() {
      const n = r.u32();
      const s = buf.subarray(pos, pos + n).toString('utf8');
      pos += n;
      return s;
    },
  };
  return r;
}

/** Function bodies, their sizes and names, and the size of each section. */
export function analyse(buf) {
  const r = reader(buf);
  r.pos = 8;
  let imported = 0;
  const bodies = [];
  const names = new Map();
  const sections = [];
  while (r.pos < buf.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] ?? `id${id}`;
    if (id === 2) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) {
          r.u32();
          imported++;
        } else if (kind === 1) {
          r.byte();
          const flags = r.u32();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 2) {
          const flags = r.u32();
          r.u32();
          if (flags & 1) r.u32();
        } else if (kind === 3) {
          r.byte();
          r.byte();
        } else if (kind === 4) {
          r.byte();
          r.u32();
        }
      }
    } else if (id === 10) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        const len = r.u32();
        bodies.push({ index: imported + i, size: len });
        r.pos += len;
      }
    } else if (id === 0) {
      const name = r.name();
      label = `custom "${name}"`;
      if (name === 'name') {
        while (r.pos < end) {
          const sub = r.byte();
          const len = r.u32();
          const subEnd = r.pos + len;
          if (sub === 1) {
            const n = r.u32();
            for (let i = 0; i < n; i++) {
              const idx = r.u32();
              names.set(idx, r.name());
            }
          }
          r.pos = subEnd;
        }
      }
    }
    sections.push({ label, size });
    r.pos = end;
  }
  for (const b of bodies) b.name = names.get(b.index) ?? `func[${b.index}]`;
  return { bodies, sections, named: names.size > 0 };
}

/** The crate a (demangled) function name belongs to. */
export function crateOf(name) {
  // The first path in the name: `<T as tachys::view::Render>::build` is tachys's.
  const m = name.match(/([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (m) return m[1];
  if (/^__wbg|^__wbindgen|wasm_bindgen/.test(name)) return 'wasm_bindgen';
  if (/^(dlmalloc|__rust|rust_)/.test(name)) return 'alloc/runtime';
  return '(other)';
}

if (process.argv[1]?.endsWith('wasm-top.mjs')) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && a.endsWith('.wasm'));
  const top = Number(args[args.indexOf('--top') + 1]) || 30;
  if (!file) {
    console.error('usage: node bench/wasm-top.mjs FILE.wasm [--top N]');
    process.exit(1);
  }
  const buf = readFileSync(file);
  const { bodies, sections, named } = analyse(buf);
  const code = bodies.reduce((n, b) => n + b.size, 0);
  console.log(`${file}: ${(buf.length / 1024).toFixed(1)} KB, ${(gzipSync(buf, { level: 9 }).length / 1024).toFixed(1)} KB gzipped, ${bodies.length} functions${named ? '' : ' (no names: build without wasm-opt)'}`);
  console.log('\nSections:');
  for (const s of sections.sort((a, b) => b.size - a.size)) console.log(`  ${(s.size / 1024).toFixed(1).padStart(8)} KB  ${s.label}`);
  const crates = new Map();
  for (const b of bodies) {
    const c = crateOf(b.name);
    const e = crates.get(c) ?? { size: 0, count: 0 };
    e.size += b.size;
    e.count++;
    crates.set(c, e);
  }
  console.log(`\nCode by crate (${(code / 1024).toFixed(1)} KB of function bodies):`);
  for (const [c, e] of [...crates].sort((a, b) => b[1].size - a[1].size).slice(0, 25)) {
    console.log(`  ${(e.size / 1024).toFixed(1).padStart(8)} KB ${((100 * e.size) / code).toFixed(1).padStart(5)}%  ${String(e.count).padStart(5)} fns  ${c}`);
  }
  console.log(`\nLargest ${top} functions:`);
  for (const b of [...bodies].sort((a, b) => b.size - a.size).slice(0, top)) {
    console.log(`  ${(b.size / 1024).toFixed(1).padStart(8)} KB  ${b.name.slice(0, 150)}`);
  }
}
