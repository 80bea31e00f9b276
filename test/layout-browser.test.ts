/**
 * Notes and the playground read on a phone (400 px) and a desktop (1200 px): seed 000's ReLU network as a
 * program, seed 003's matrix example and a long formula, each as an HTML note and in the playground. A page
 * fails on content past the right edge outside a box that scrolls sideways, text under 10 px, or text drawn
 * over other text (test/helpers/layout-audit.ts); screenshots of each go to test-artifacts/layout/.
 * SKIPPED with a warning where Chromium is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { run, type CliIO } from '../src/cli/main.js';
import { buildPlayground } from '../scripts/playground.mjs';
import { layoutProblems } from './helpers/layout-audit.js';

const CANDIDATES = process.env['CHROMIUM'] !== undefined ? [process.env['CHROMIUM']] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const chromium = CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
if (chromium === undefined) console.warn('SKIPPED layout-browser.test.ts: no Chromium found (install it with: apt-get update && apt-get install -y chromium)');

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'layout');
const WIDTHS = [400, 1200] as const;

const SEED000 = { input: 'z1 = w1*x + b1; h = max(0, z1); y_hat = w2*h + b2; L = 1/2*(y_hat - y)^2', wrt: 'w1,b1,w2,b2', at: 'x=2,y=10,w1=3,b1=1,w2=2,b2=0' };
const SEED003 = { input: 'mean((X*w + b - y)^2)', wrt: 'w,b', shape: 'X=n×d,w=d,y=n', at: 'X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]' };
const LONG = { input: '-(y*log(sigmoid(w2*tanh(w1*x+b1)+b2))+(1-y)*log(1-sigmoid(w2*tanh(w1*x+b1)+b2)))', wrt: 'w1,b1,w2,b2', at: 'x=1,y=1,w1=1,b1=0,w2=1,b2=0' };
const CASES = { 'seed000-program': SEED000, 'seed003-matrix': SEED003, 'long-formula': LONG } as const;
type Case = (typeof CASES)[keyof typeof CASES];

/** Steps where they are short; the long formula is there for its width. */
const steps = (c: Case): boolean => c !== LONG;
const argv = (c: Case): string[] => [c.input, '--wrt', c.wrt, '--at', c.at, ...(steps(c) ? ['--steps'] : []), ...('shape' in c ? ['--shape', c.shape] : [])];
const hash = (c: Case): string =>
  `#f=${encodeURIComponent(c.input)}&wrt=${c.wrt}&at=${encodeURIComponent(c.at)}${steps(c) ? '&steps=brief' : ''}${'shape' in c ? `&shape=${encodeURIComponent(c.shape)}` : ''}`;

let browser: Browser;
let playground: string;
beforeAll(async () => {
  if (chromium === undefined) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  playground = path.join(ARTIFACTS, 'playground.html');
  writeFileSync(playground, await buildPlayground(ROOT));
  browser = await playwright.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function audited(url: string, width: number, shot: string, ready: (page: Page) => Promise<void>): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  try {
    await page.goto(url);
    await ready(page);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(ARTIFACTS, shot), fullPage: true });
    return await page.evaluate(layoutProblems);
  } finally {
    await page.close();
  }
}

// Pages side by side: each cell waits on Chromium more than on Node.
describe.skipIf(chromium === undefined)('readable at 400 px and at 1200 px', { concurrent: true }, () => {
  const cells = Object.entries(CASES).flatMap(([name, c]) => WIDTHS.map((width) => ({ name, c, width })));

  it.each(cells)('HTML note: $name at $width px -> no overflow, no text under 10 px, no overlap', async ({ name, c, width }) => {
    const file = path.join(ARTIFACTS, `note-${name}.html`);
    const err: string[] = [];
    const io: CliIO = { stdout: () => undefined, stderr: (s) => err.push(s), readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
    expect(await run([...argv(c), '--format', 'html', '-o', file], io), err.join('\n')).toBe(0);
    expect(await audited(pathToFileURL(file).href, width, `note-${name}-${width}.png`, async () => undefined)).toEqual([]);
  });

  it.each(cells)('playground: $name at $width px -> no overflow, no text under 10 px, no overlap', async ({ name, c, width }) => {
    const problems = await audited(pathToFileURL(playground).href + hash(c), width, `playground-${name}-${width}.png`, async (page) => {
      await page.waitForFunction(() => Number(document.body.dataset['updates'] ?? 0) >= 1 && document.body.dataset['pending'] === undefined);
    });
    expect(problems).toEqual([]);
  });

  it('the program view has its sections headed and the adjoints in the values', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 900 } });
    await page.goto(pathToFileURL(playground).href + hash(SEED000));
    await page.waitForFunction(() => Number(document.body.dataset['updates'] ?? 0) >= 1);
    const headings = await page.$$eval('#answer h2', (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(expect.arrayContaining(['Program', 'Backward pass', 'Forward pass', 'Backward pass at the point']));
    const adjoints = await page.$$eval('#answer table.values', (ts) => ts.map((t) => t.querySelectorAll('tbody tr').length));
    expect(adjoints).toEqual([4, 7]); // z1, h, y_hat, L; then ∂L/∂y_hat, ∂L/∂h, ∂L/∂z1 and the four parameters
    await page.close();
  });

  it('the audit finds what it looks for (a page made to fail)', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 600 } });
    await page.setContent(`<div style="width:600px">wide</div><p style="font-size:7px">tiny</p><span style="position:absolute;top:100px;left:0">one</span><span style="position:absolute;top:100px;left:0">two</span><div style="overflow-x:auto"><div style="width:900px">scrolls</div></div>`);
    const problems = await page.evaluate(layoutProblems);
    await page.close();
    expect(problems.some((p) => p.startsWith('past the right edge') && p.includes('wide'))).toBe(true);
    expect(problems.some((p) => p.startsWith('text 7.0 px'))).toBe(true);
    expect(problems.some((p) => p.startsWith('overlapping text'))).toBe(true);
    expect(problems.some((p) => p.includes('scrolls'))).toBe(false);
  });
});
