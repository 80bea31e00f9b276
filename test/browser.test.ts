/**
 * The HTML page in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core — one
 * browser for the file, a page per case) opens the page written by `deriv … --format html -o FILE` from
 * disk, with every request but the page's own file stopped, and we check what it shows: the DOM after
 * loading (no KaTeX error spans, every formula typeset, the result text present) and screenshots, kept in
 * test-artifacts/ for people to look at.
 *
 * Where Chromium is not installed the tests are SKIPPED with a warning; they never pass without running.
 * CI installs it: apt-get install -y chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium as playwright, type Browser } from 'playwright-core';
import { run, type CliIO } from '../src/cli/main.js';

/** CHROMIUM=/path/to/chromium picks the browser (CHROMIUM=none: behave as if there were none). */
const CANDIDATES = process.env['CHROMIUM'] !== undefined ? [process.env['CHROMIUM']] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const chromium = CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
if (chromium === undefined) {
  console.warn('SKIPPED browser.test.ts: no Chromium found (install it with: apt-get update && apt-get install -y chromium)');
}

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

let browser: Browser;
/** Requests other than a page's own file (none are expected: the page is self-contained). */
const foreign: string[] = [];

beforeAll(async () => {
  if (chromium === undefined) return;
  browser = await playwright.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** The page at `file` in a fresh context of `width` × `height`: its DOM after loading, and screenshots of it. */
async function openPage(file: string, width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height } });
  const url = pathToFileURL(file).href;
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return {
    dom: await page.content(),
    screenshot: (shot: string, fullPage = false) => page.screenshot({ path: shot, fullPage }),
    close: () => context.close(),
  };
}

async function writePage(argv: readonly string[], file: string): Promise<void> {
  const err: string[] = [];
  const io: CliIO = { stdout: () => undefined, stderr: (s) => err.push(s), readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
  expect(await run([...argv, '--format', 'html', '-o', file], io), err.join('\n')).toBe(0);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.skipIf(chromium === undefined)('HTML page in headless Chromium', () => {
  const cases = [
    {
      name: 'relu-network',
      argv: ['1/2*(w2*max(0,w1*x+b1)+b2-y)^2', '--wrt', 'w1', '--steps', '--name', 'L'],
      result: 'w2*x*(w2*max(0, w1*x + b1) + b2 - y)*heaviside(w1*x + b1, 1/2)',
      steps: 4,
    },
    {
      name: 'linear-regression-gradient',
      argv: ['1/2*(w*x+b-y)^2', '--wrt', 'w,b', '--steps', '--name', 'L'],
      result: 'x*(w*x + b - y)',
      steps: 4, // two for ∂L/∂w, two for ∂L/∂b
    },
    { name: 'sin', argv: ['sin(x+x^2)', '--wrt', 'x', '--steps'], result: '(2*x + 1)*cos(x^2 + x)', steps: 3 },
  ];

  it.each(cases)('deriv $argv --format html -> Chromium shows every formula typeset, no KaTeX error, the result $result', async (c) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const page = path.join(ARTIFACTS, `${c.name}.html`);
    await writePage(c.argv, page);
    const loaded = await openPage(page, 1200, 900);
    const dom = loaded.dom;
    expect(dom).toContain('</main>');
    expect(dom).not.toContain('katex-error');
    expect(dom).toContain(`<code>${c.result.replace(/&/g, '&amp;')}</code>`);
    // Every formula went through KaTeX: one .katex element per .math block and per note.
    const formulas = (dom.match(/class="katex"/g) ?? []).length;
    const slots = (dom.match(/class="math(?: final)?"/g) ?? []).length + (dom.match(/class="note"/g) ?? []).length;
    expect(formulas).toBeGreaterThanOrEqual(slots);
    expect((dom.match(/<li data-rule=/g) ?? []).length).toBe(c.steps);
    expect(dom).toMatch(/<annotation encoding="application\/x-tex">/);

    const shot = path.join(ARTIFACTS, `${c.name}.png`);
    rmSync(shot, { force: true });
    await loaded.screenshot(shot);
    // The whole page, for people to look at.
    await loaded.screenshot(path.join(ARTIFACTS, `${c.name}-page.png`), true);
    await loaded.close();
    expect(pngSize(shot)).toEqual({ width: 1200, height: 900 });
    // A blank or unstyled page compresses to a few kilobytes; typeset math does not.
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });

  it('no page asked for anything but its own file (fonts and styles are inlined)', () => {
    expect(foreign).toEqual([]);
  });
});
