/**
 * The top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`), with the source file each comes
 * from when it is in deriv's bundle (dist/index.js keeps esbuild's `// src/…` markers):
 *   node bench/cpuprofile-top.mjs FILE.cpuprofile [how many, default 25] [--total]
 * Self time = samples whose top frame is that function (callees not included); "total" includes callees.
 * Sorted by self time, or by total time with --total (where the phases are: parse, differentiate, simplify, print).
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const byTotal = process.argv.includes('--total');
const [file, many = '25'] = process.argv.slice(2).filter((a) => a !== '--total');
const profile = JSON.parse(readFileSync(file, 'utf8'));

/** Bundle line → source file, from the `// src/x.ts` comments esbuild writes before each module. */
const bundleSources = new Map();
function sourceOf(url, line) {
  if (!url.endsWith('/dist/index.js')) return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
  const path = fileURLToPath(url);
  if (!bundleSources.has(path)) {
    const marks = [];
    if (existsSync(path))
      readFileSync(path, 'utf8').split('\n').forEach((l, i) => {
        const m = /^\/\/ (src\/\S+|rules\/\S+)$/.exec(l);
        if (m) marks.push([i, m[1]]);
      });
    bundleSources.set(path, marks);
  }
  let src = 'dist/index.js';
  for (const [at, name] of bundleSources.get(path)) if (at <= line) src = name;
  return src;
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map(); // node id → samples
for (const s of profile.samples) self.set(s, (self.get(s) ?? 0) + 1);
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = profile.samples.length;

const keyOf = (n) => {
  const f = n.callFrame;
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  const src = sourceOf(f.url, f.lineNumber);
  // Lines inside the bundle are the bundle's, so they are given as such next to the source file's name.
  return f.url.endsWith('/dist/index.js') ? `${name} · ${src} (dist/index.js:${f.lineNumber + 1})` : `${name} · ${src}:${f.lineNumber + 1}`;
};
const selfByKey = new Map();
const totalByKey = new Map();
for (const [id, count] of self) {
  const n = byId.get(id);
  selfByKey.set(keyOf(n), (selfByKey.get(keyOf(n)) ?? 0) + count);
  const seen = new Set(); // a recursive function counts once per sample
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const k = keyOf(byId.get(at));
    if (seen.has(k)) continue;
    seen.add(k);
    totalByKey.set(k, (totalByKey.get(k) ?? 0) + count);
  }
}
const pct = (x) => `${((100 * x) / total).toFixed(1)}%`.padStart(6);
console.log(`${total} samples (${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s); self · total · function · source`);
const ranked = [...totalByKey].map(([k, t]) => [k, selfByKey.get(k) ?? 0, t]).sort((a, b) => (byTotal ? b[2] - a[2] : b[1] - a[1]));
for (const [k, s, t] of ranked.slice(0, Number(many))) console.log(`${pct(s)} ${pct(t)}  ${k}`);
