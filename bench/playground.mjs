/**
 * The playground's typing speed (issue 15: "seed-size input under 50 ms from keystroke to typeset result"),
 * in headless Chromium (Debian's, driven by playwright-core): the page is built from the sources, each seed
 * expression typed, then keys appended one at a time; for each key the page itself records the time from
 * the input event to the typeset result in the DOM (data-latency-ms) and to the frame painted after it
 * (data-frame-ms). Prints a Markdown table and the target, met or missed. Runnable alone:
 *   node bench/playground.mjs            (BENCH_KEYS=n keys per seed, default 12)
 * Without Chromium it says so and exits 0 (the rest of the bench does not depend on it).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildPlayground } from '../scripts/playground.mjs';
import { markdownTable } from './table.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const chromium = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p !== undefined && p !== '' && existsSync(p));
const SEEDS = ['x*w^2+b^2', 'x*exp(w)+exp(b)', '(y-(x*w+b))^2', 'y*log(x*w+b)', '1/2*(w*x+b-y)^2', '1/2*(w2*max(0,w1*x+b1)+b2-y)^2', '3*x^2*y', 'sin(x+x^2)', '1/(1+exp(-x))'];
const KEYS = Number(process.env.BENCH_KEYS ?? 12);
const TARGET_MS = 50;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

if (chromium === undefined) {
  console.log('\n## Playground typing speed\n\nskipped: no Chromium (apt-get install chromium)');
  process.exit(0);
}
const { chromium: playwright } = await import('playwright-core');
const dir = mkdtempSync(path.join(tmpdir(), 'deriv-bench-playground-'));
const file = path.join(dir, 'playground.html');
writeFileSync(file, await buildPlayground(root));
const browser = await playwright.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
const rows = [];
const all = [];
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => document.body.dataset.pending === undefined && document.body.dataset.updates !== undefined);
  for (const seed of SEEDS) {
    await page.fill('#f', seed);
    await page.waitForFunction(() => document.body.dataset.pending === undefined);
    await page.focus('#f');
    await page.keyboard.press('End');
    const dom = [], frame = [];
    for (let k = 0; k < KEYS; k++) {
      const before = Number(await page.evaluate(() => document.body.dataset.updates));
      await page.keyboard.type(k % 2 === 0 ? '+' : 'q');
      await page.waitForFunction((n) => Number(document.body.dataset.updates) > n && document.body.dataset.pending === undefined, before);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))));
      dom.push(Number(await page.evaluate(() => document.body.dataset.latencyMs)));
      frame.push(Number(await page.evaluate(() => document.body.dataset.frameMs)));
    }
    all.push(...dom);
    rows.push([`\`${seed}\``, median(dom).toFixed(1), p90(dom).toFixed(1), median(frame).toFixed(1)]);
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n## Playground typing speed (headless Chromium ${chromium}, ${KEYS} keys per seed)\n`);
console.log(markdownTable(['seed', 'keystroke → typeset, median ms', 'p90 ms', 'to the painted frame, median ms'], rows));
const m = median(all);
console.log(`\ntarget: median keystroke → typeset result under ${TARGET_MS} ms: ${m < TARGET_MS ? 'yes' : '**no**'} (${m.toFixed(1)} ms over ${all.length} keys)`);
