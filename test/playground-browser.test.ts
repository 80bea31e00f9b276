/**
 * The playground in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core;
 * never a downloaded browser) opens the page built from the current source, from disk, and we use it as
 * a person would — type the seed expressions, toggle variables, switch the steps, fill in a point, press
 * the copy buttons, follow the permalink — and compare what it shows with what the library computes in
 * Node for the same state (src/playground/compute.ts), plus the seeds' answers from examples.md.
 * Any request other than the page's own file fails the test. Screenshots (desktop and 400 px phone) of
 * three seed examples are kept in test-artifacts/, with the keystroke-to-result timings.
 *
 * Where Chromium is not installed the tests are SKIPPED with a warning; they never pass without running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { PlaygroundSession, typeInput, settle, resultText, typesetLatex, chooseWrt, noteDisplays, derivationRules } from './helpers/playground-page.js';
import { compute } from '../src/playground/compute.js';
import { parseHash, formatHash } from '../src/playground/state.js';
import type { View } from '../src/playground/model.js';
import { evaluate, parse, derivative } from '../src/index.js';

/** CHROMIUM=/path/to/chromium picks the browser (CHROMIUM=none: behave as if there were none). */
const CANDIDATES = process.env['CHROMIUM'] !== undefined ? [process.env['CHROMIUM']] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const chromium = CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
if (chromium === undefined) {
  console.warn('SKIPPED playground-browser.test.ts: no Chromium found (install it with: apt-get update && apt-get install -y chromium)');
}

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const PAGE = path.join(ARTIFACTS, 'playground.html');
const PAGE_URL = pathToFileURL(PAGE).href;

/** What the library computes in Node for a state given as a hash. */
function nodeView(hash: string): View {
  const outcome = compute(parseHash(hash));
  if (!outcome.ok) throw new Error(`expected a result for ${hash}, got ${outcome.error.code}`);
  return outcome.view;
}

let session: PlaygroundSession;
const timings: { input: string; inPageMs: number; toFrameMs: number; roundTripMs: number }[] = [];
const open = (hash = '', viewport?: { width: number; height: number }): Promise<Page> => session.open(hash, viewport);

beforeAll(async () => {
  if (chromium === undefined) return;
  session = await PlaygroundSession.start(chromium, ROOT, PAGE);
}, 60_000);

afterAll(async () => {
  if (chromium === undefined) return;
  await session?.close();
  if (timings.length > 0) {
    const sorted = timings.map((t) => t.inPageMs).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const frames = timings.map((t) => t.toFrameMs).sort((a, b) => a - b);
    const frameMedian = frames[Math.floor(frames.length / 2)]!;
    writeFileSync(path.join(ARTIFACTS, 'playground-timing.json'), `${JSON.stringify({ medianInPageMs: median, maxInPageMs: sorted.at(-1), medianToFrameMs: frameMedian, maxToFrameMs: frames.at(-1), timings }, null, 2)}\n`);
    console.log(`playground keystroke → typeset result: median ${median} ms (max ${sorted.at(-1)}) to the DOM, median ${frameMedian} ms (max ${frames.at(-1)}) to the painted frame (${timings.length} keystrokes; test-artifacts/playground-timing.json)`);
  }
});

/** Seed expressions (/work/shared/examples.md) with the answer for one variable as the notes write it. */
const SEEDS = [
  { name: 'linear-model', f: 'x*w^2+b^2', wrt: 'w', expected: '2*x*w' },
  { name: 'exp', f: 'x*exp(w)+exp(b)', wrt: 'b', expected: 'exp(b)' },
  { name: 'squared-loss', f: '1/2*(w*x+b-y)^2', wrt: 'w', expected: 'x*(w*x + b - y)' },
  { name: 'log-loss', f: 'y*log(x*w+b)', wrt: 'b', expected: 'y/(x*w + b)' },
  { name: 'relu-network', f: '1/2*(w2*max(0,w1*x+b1)+b2-y)^2', wrt: 'b2', expected: 'w2*max(0, w1*x + b1) + b2 - y' },
  { name: 'product', f: '3*x^2*y', wrt: 'y', expected: '3*x^2' },
  { name: 'sin', f: 'sin(x+x^2)', wrt: 'x', expected: '(2*x + 1)*cos(x^2 + x)' },
  { name: 'sigmoid', f: '1/(1+exp(-x))', wrt: 'x', expected: undefined },
];

describe.skipIf(chromium === undefined)('the playground in headless Chromium', () => {
  // Pages run side by side (each test opens its own): most of a test is waiting on the page (a frame, a
  // task), so five at a time take little more than one. The timing and the whole-session checks follow alone.
  describe.concurrent('pages opened side by side', () => {
    it.each(SEEDS)('typing $f, then choosing $wrt -> the result the library gives ($expected), typeset', async (seed) => {
      const page = await open();
      await typeInput(page, seed.f);
      // All variables chosen: the gradient, one line per variable.
      const all = nodeView(formatHash({ ...parseHash(''), f: seed.f }));
      expect(await resultText(page)).toBe(all.text);
      expect(await page.$$eval('#wrt-list input', (els) => els.map((e) => (e as HTMLInputElement).dataset['name']))).toEqual(all.variables);
      // One variable chosen (with several; with one, it is chosen already, and shown as ∂/∂x = …).
      const several = all.variables.length > 1;
      if (several) await chooseWrt(page, [seed.wrt]);
      const one = nodeView(`#f=${encodeURIComponent(seed.f)}${several ? `&wrt=${seed.wrt}` : ''}`);
      if (several) expect(await page.evaluate(() => location.hash)).toContain(`wrt=${seed.wrt}`);
      expect(await resultText(page)).toBe(one.text);
      if (seed.expected !== undefined) expect(one.text).toBe(several ? seed.expected : `∂/∂${seed.wrt} = ${seed.expected}`);
      // The answer typeset: the note's formulas (the input, the result), as --format html has them.
      expect(await typesetLatex(page, '#answer .math')).toEqual(noteDisplays(one.document));
      expect(await page.$$('.katex-error')).toHaveLength(0);
      await page.close();
    });

    it('steps: off / brief / full switch shows the library\'s steps, one list item per step', async () => {
      const hash = '#f=1/2*(w*x%2Bb-y)^2&wrt=w';
      const page = await open(hash);
      expect(await page.$$('#answer li[data-rule]')).toHaveLength(0);
      for (const detail of ['brief', 'full'] as const) {
        await page.check(`input[name=steps][value=${detail}]`);
        await settle(page);
        const expected = nodeView(`${hash}&steps=${detail}`).document;
        const rules = await page.$$eval('#answer li[data-rule]', (els) => els.map((e) => e.getAttribute('data-rule')));
        expect(rules).toEqual(derivationRules(expected));
        expect(await typesetLatex(page, '#answer .math')).toEqual(noteDisplays(expected));
        expect(await page.evaluate(() => location.hash)).toContain(`steps=${detail}`);
      }
      const brief = derivationRules(nodeView(`${hash}&steps=brief`).document).length;
      const full = derivationRules(nodeView(`${hash}&steps=full`).document).length;
      expect(full).toBeGreaterThan(brief);
      // The notes are words with math between them, not one long unbreakable formula.
      expect(await page.$$eval('#answer li .note', (els) => els.map((e) => e.textContent).join(' '))).toMatch(/does not depend on|rule/);
      await page.close();
    });

    it.each([
      { input: 'sin(x^2', code: 'PARSE' },
      { input: 'x +* 2', code: 'PARSE' },
      { input: 'foo(x)', code: 'UNKNOWN_FUNCTION' },
    ])('an error for $input is shown inline with a caret at its position ($code)', async ({ input, code }) => {
      const page = await open();
      await typeInput(page, input);
      const outcome = compute(parseHash(`#f=${encodeURIComponent(input)}`));
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(await page.isVisible('#f-error')).toBe(true);
      expect(await page.$eval('#f-error .code', (e) => e.textContent)).toBe(code);
      expect(outcome.error.code).toBe(code);
      const column = Number(await page.$eval('#f-error pre', (e) => e.getAttribute('data-column')));
      expect(column).toBe(outcome.error.position! + 1);
      // The caret sits under that column of the echoed input.
      const [echo, caret] = (await page.$eval('#f-error pre', (e) => e.textContent ?? '')).split('\n');
      expect(echo).toBe(input);
      expect(caret).toBe(`${' '.repeat(column - 1)}^`);
      expect(await page.getAttribute('#f', 'aria-invalid')).toBe('true');
      if (outcome.error.hint !== undefined) expect(await page.$eval('#f-error .hint', (e) => e.textContent)).toContain(outcome.error.hint);
      await page.close();
    });

    it('sin(x^2: the caret is under the ( that is never closed, column 4, as the CLI puts it', async () => {
      const page = await open('#f=sin(x^2');
      expect(await page.$eval('#f-error pre', (e) => e.getAttribute('data-column'))).toBe('4');
      expect(await page.$eval('#f-error', (e) => e.textContent)).toMatch(/never closed/);
      await page.close();
    });

    it('the copy buttons put the LaTeX, the Markdown note and the plain text on the clipboard', async () => {
      const hash = '#f=1/2*(w*x%2Bb-y)^2&wrt=w,b&steps=brief';
      const page = await open(hash);
      const view = nodeView(hash);
      for (const kind of ['latex', 'markdown', 'text'] as const) {
        await page.evaluate(() => navigator.clipboard.writeText(''));
        await page.click(`#copy-${kind}`);
        await page.waitForFunction(() => /copied/.test(document.querySelector('#copy-status')?.textContent ?? ''));
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toBe(view.copy[kind]());
      }
      // What they are: the CLI's outputs for `deriv … --wrt w,b --steps` in each format.
      expect(view.copy.markdown()).toContain('**Steps for');
      expect(view.copy.latex()).toContain('\\begin{aligned}');
      expect(view.copy.text()).toMatch(/^1\. /m);
      await page.close();
    });

    it('permalink: the state goes into the hash, and opening the link restores it', async () => {
      const page = await open();
      await typeInput(page, 'x*w^2+b^2');
      await chooseWrt(page, ['w']);
      // One field at a time, each after the page has updated: an update may rebuild the fields, and a fill aimed
      // at a field being replaced fails ("not attached to the DOM") — on a loaded machine, now and then.
      for (const [name, value] of [['x', '1'], ['w', '2'], ['b', '3']]) {
        await page.fill(`#point-fields input[data-name=${name}]`, value!);
        await settle(page);
      }
      const hash = await page.evaluate(() => location.hash);
      expect(hash).toBe('#f=x*w^2%2Bb^2&wrt=w&at=x=1,w=2,b=3');
      expect(await page.getAttribute('#permalink', 'href')).toBe(PAGE_URL + hash);
      const shown = await resultText(page);
      expect(shown).toBe('f = x*w^2 + b^2 = 13\n∂/∂w = 2*x*w = 4');
      const again = await open(hash);
      expect(await resultText(again)).toBe(shown);
      expect(await typesetLatex(again, '#answer .math')).toEqual(await typesetLatex(page, '#answer .math'));
      expect(await again.inputValue('#f')).toBe('x*w^2+b^2');
      expect(await again.$$eval('#wrt-list input:checked', (els) => els.map((e) => (e as HTMLInputElement).dataset['name']))).toEqual(['w']);
      expect(await again.inputValue('#point-fields input[data-name=b]')).toBe('3');
      await page.close();
      await again.close();
    });

    it('values at a point are exact where the point is (seed 000: L = 25/2, ∂L/∂w = -50, ∂L/∂b = -5)', async () => {
      const page = await open('#f=L%20%3D%201/2*(w*x%2Bb-y)^2&at=x=10,y=50,w=4,b=5&wrt=w,b');
      expect(await resultText(page)).toBe('L = (w*x + b - y)^2/2 = 25/2\n∂/∂w = x*(w*x + b - y) = -50\n∂/∂b = w*x + b - y = -5');
      const typeset = await typesetLatex(page, '#answer .math');
      for (const value of ['= \\frac{25}{2}', '= -50', '= -5']) expect(typeset.some((t) => t.endsWith(value))).toBe(true);
      await page.close();
    });

    it('a program with named intermediates: the backward pass and the values (seed 000 network: ∂L/∂w1 = 16)', async () => {
      const f = 'z = w1*x + b1\nh = max(0, z)\ny_hat = w2*h + b2\nL = (y_hat - y)^2/2';
      const page = await open(`#f=${encodeURIComponent(f)}&at=x=2,y=10,w1=3,b1=1,w2=2,b2=0`);
      const view = nodeView(`#f=${encodeURIComponent(f)}&at=x=2,y=10,w1=3,b1=1,w2=2,b2=0`);
      expect(await resultText(page)).toBe(view.text);
      for (const line of [/^ {2}L +=.* = 8$/m, /^ {2}∂L\/∂w1 +=.* = 16$/m, /^ {2}∂L\/∂b1 +=.* = 8$/m, /^ {2}∂L\/∂w2 +=.* = 28$/m, /^ {2}∂L\/∂b2 +=.* = 4$/m]) expect(view.text).toMatch(line);
      // The note's tables: the forward pass and the backward pass at the point.
      expect(await page.$$('#answer table.values')).toHaveLength(2);
      await page.close();
    });

    it('matrix form with shapes: ∇w = 2/n*X\'*(X*w + b - y), and its value at the seed\'s numbers', async () => {
      const at = 'X=[[1,2,3],[4,5,6],[7,8,9],[10,11,12]],w=[2,-1,3],b=1,y=[7,13,19,25]';
      const page = await open(`#f=mean((X*w%2Bb-y)^2)&shape=X=n%C3%97d,w=d,y=n&wrt=w,b&at=${encodeURIComponent(at)}`);
      const text = await resultText(page);
      expect(text).toMatch(/^∇w = 2\/n\*X'\*\(X\*w \+ b - y\) = \[177, 201, 225\]$/m);
      expect(text).toMatch(/^∂\/∂b = 2\/n\*sum\(X\*w \+ b - y\) = 24$/m);
      expect(await page.isHidden('#plot-section')).toBe(true);
      await page.close();
    });

    it('a program in matrix form, typed with its shapes: the backward pass and its values, as the command line gives them', async () => {
      const page = await open();
      await typeInput(page, 'y_hat = X*w + b; L = mean((y_hat - y)^2)');
      await page.fill('#shape', 'X=n×d,w=d,y=n');
      await settle(page);
      expect(await page.isHidden('#f-error')).toBe(true);
      expect(await page.isHidden('#shape-error')).toBe(true);
      expect(await page.$$eval('#wrt-list input', (els) => els.map((e) => (e as HTMLInputElement).dataset['name']))).toEqual(['X', 'w', 'b', 'y']);
      for (const [name, value] of [['X', '[[1,2,3],[4,5,6],[7,8,9],[10,11,12]]'], ['w', '[2,-1,3]'], ['b', '1'], ['y', '[7,13,19,25]']]) {
        await page.fill(`#point-fields input[data-name=${name}]`, value!);
        await settle(page);
      }
      const hash = await page.evaluate(() => location.hash);
      const view = nodeView(hash);
      expect(view.mode).toBe('matrix-program');
      expect(await resultText(page)).toBe(view.text);
      expect(view.text).toMatch(/∂L\/∂w += .* = \[177, 201, 225\]/);
      expect(await page.$$('.katex-error')).toHaveLength(0);
      await page.close();
    });

    it('more options, made from the option table: --order 2 typed, --no-simplify ticked; an option that does not apply is refused by rule', async () => {
      const page = await open('#f=x*exp(x)');
      await page.click('#more summary');
      await page.fill('#more-options input[data-key=order]', '2');
      await settle(page);
      expect(await page.evaluate(() => location.hash)).toBe('#f=x*exp(x)&order=2');
      expect(await resultText(page)).toBe(nodeView('#f=x*exp(x)&order=2').text);
      await page.fill('#more-options input[data-key=order]', '');
      await page.check('#more-options input[data-key=simplify]');
      await settle(page);
      expect(await page.evaluate(() => location.hash)).toBe('#f=x*exp(x)&simplify=0');
      expect(await resultText(page)).toBe(nodeView('#f=x*exp(x)&simplify=0').text);
      await page.check('#more-options input[data-key=expand]');
      await settle(page);
      expect(await page.isVisible('#options-error')).toBe(true);
      expect(await page.$eval('#options-error .code', (e) => e.textContent)).toBe('BAD_OPTION');
      expect(await page.$eval('#options-error', (e) => e.textContent)).toMatch(/--expand/);
      await page.close();
    });

    it.each([
      { f: 'x*w^2+b^2', at: 'x=1,w=2,b=3', variable: 'w', pieces: { f: 1, df: 1 } },
      { f: 'sin(x+x^2)', at: 'x=1/2', variable: 'x', pieces: { f: 1, df: 1 } },
      { f: '1/(x-1)', at: 'x=3', variable: 'x', pieces: { f: 2, df: 2 } }, // the pole is a sample (a gap where 1/0 is not finite)
      { f: '1/(x-1)', at: 'x=3.05', variable: 'x', pieces: { f: 2, df: 2 } }, // the pole falls between samples (a jump that does not shrink)
      { f: 'tan(x)', at: 'x=0.3', variable: 'x', pieces: { f: 4, df: 4 } }, // poles at -π/2, π/2, 3π/2
      { f: 'max(0,x)', at: 'x=2', variable: 'x', pieces: { f: 1, df: 3 } }, // a kink: f is one line, its derivative steps, with the tie's ½ at the sample x = 0 a piece of its own
      { f: 'relu(x)', at: 'x=2', variable: 'x', pieces: { f: 1, df: 2 } }, // relu′(0) = 0: the step has two pieces
      { f: 'abs(x-1/3)', at: 'x=2', variable: 'x', pieces: { f: 1, df: 2 } },
    ])('plot of $f over $variable at $at: sampled values are deriv\'s; $pieces.f and $pieces.df pieces (no line across a pole or a step)', async ({ f, at, variable, pieces }) => {
      const page = await open(`#f=${encodeURIComponent(f)}&at=${at}&plot=${variable}`);
      await page.waitForSelector('#plot svg');
      const data = await page.$eval('#plot svg', (svg) => ({
        xs: JSON.parse(svg.getAttribute('data-xs')!) as number[],
        f: JSON.parse(svg.querySelector('[data-series=f]')!.getAttribute('data-ys')!) as (number | null)[],
        df: JSON.parse(svg.querySelector('[data-series=df]')!.getAttribute('data-ys')!) as (number | null)[],
        fBreaks: svg.querySelector('[data-series=f]')!.getAttribute('data-breaks')!,
        dfBreaks: svg.querySelector('[data-series=df]')!.getAttribute('data-breaks')!,
        fPath: svg.querySelector('[data-series=f]')!.getAttribute('d')!,
        dfPath: svg.querySelector('[data-series=df]')!.getAttribute('d')!,
        tangent: ['data-x', 'data-y', 'data-slope'].map((a) => Number(svg.querySelector('.tangent')?.getAttribute(a))),
      }));
      const expr = parse(f);
      const d = derivative(expr, variable).expr;
      const point = Object.fromEntries(at.split(',').map((kv) => [kv.split('=')[0]!, evaluate(kv.split('=')[1]!)]));
      const scope = (x: number): Record<string, number> => ({ ...point, [variable]: x });
      const value = (e: typeof expr, x: number): number | null => {
        const v = evaluate(e, scope(x));
        return Number.isFinite(v) ? v : null;
      };
      // The same evaluator on both sides; the browser's Math.sin may differ from Node's in the last bit.
      const same = (shown: number | null, expected: number | null): void => {
        if (expected === null || shown === null) expect(shown).toBe(expected);
        else expect(Math.abs(shown - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      };
      expect(data.xs.length).toBeGreaterThan(100);
      data.xs.forEach((x, i) => {
        same(data.f[i]!, value(expr, x));
        same(data.df[i]!, value(d, x));
      });
      // Each piece of a curve is one subpath (one M); a new piece starts after a gap (not finite) or at a break (a jump).
      expect((data.fPath.match(/M/g) ?? []).length).toBe(pieces.f);
      expect((data.dfPath.match(/M/g) ?? []).length).toBe(pieces.df);
      const drawnAcross = (ys: (number | null)[], breaks: string, x0: number): boolean =>
        data.xs.some((x, i) => i > 0 && data.xs[i - 1]! < x0 && x > x0 && ys[i - 1] !== null && ys[i] !== null && !breaks.split(',').includes(String(i)));
      if (f === '1/(x-1)') expect(drawnAcross(data.f, data.fBreaks, 1) || drawnAcross(data.df, data.dfBreaks, 1)).toBe(false);
      if (at === 'x=3.05') expect(data.fBreaks).not.toBe('');
      // The tangent touches f at the point, with deriv's slope.
      const a = point[variable]!;
      expect(data.tangent[0]).toBe(a);
      same(data.tangent[1]!, value(expr, a));
      same(data.tangent[2]!, value(d, a));
      await page.close();
    });

    it('keyboard only: Tab reaches the input, the toggles, the steps switch and the copy buttons; Space toggles a variable', async () => {
      const page = await open('#f=x*w^2%2Bb^2');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).dataset['name'])).toBe('x');
      await page.keyboard.press('Space'); // x off: the gradient in w and b
      await settle(page);
      expect(await page.evaluate(() => location.hash)).toContain('wrt=w,b');
      const reached = new Set<string>();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        reached.add(await page.evaluate(() => document.activeElement?.id || (document.activeElement as HTMLInputElement | null)?.name || ''));
      }
      for (const id of ['steps', 'shape', 'copy-latex', 'copy-markdown', 'copy-text', 'plot-var', 'from', 'to', 'permalink']) expect(reached).toContain(id);
      // Every control has a name a screen reader can say.
      const unlabelled = await page.$$eval('input, select, textarea, button', (els) =>
        els.filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute('aria-label') && e.tagName !== 'BUTTON').map((e) => e.outerHTML),
      );
      expect(unlabelled).toEqual([]);
      await page.close();
    });

    it('print: the controls are hidden, the function, result, steps and plot are printed', async () => {
      const page = await open('#f=sin(x%2Bx^2)&steps=brief&at=x=1/2');
      await page.emulateMedia({ media: 'print' });
      expect(await page.isHidden('.copy')).toBe(true);
      expect(await page.isHidden('#f')).toBe(true);
      expect(await page.$eval('#f-print', (e) => getComputedStyle(e).display)).toBe('block');
      expect(await page.$eval('#f-print', (e) => e.textContent)).toBe('sin(x+x^2)');
      for (const s of ['#answer .math', '#answer ol.steps', '#plot svg']) expect(await page.isVisible(s)).toBe(true);
      await page.pdf({ path: path.join(ARTIFACTS, 'playground-print.pdf') });
      await page.close();
    });

    it.each([
      { name: 'linear-model', hash: '#f=x*w^2%2Bb^2&wrt=w&at=x=1,w=2,b=3' },
      { name: 'relu-network', hash: `#f=${encodeURIComponent('1/2*(w2*max(0,w1*x+b1)+b2-y)^2')}&wrt=w1&steps=brief&at=x=2,y=10,w1=3,b1=1,w2=2,b2=0` },
      { name: 'sin', hash: '#f=sin(x%2Bx^2)&steps=brief&at=x=1/2' },
    ])('screenshots of $name at desktop width and at 400 px (readable: nothing wider than the screen)', async ({ name, hash }) => {
      for (const [kind, viewport] of [['desktop', { width: 1200, height: 900 }], ['phone', { width: 400, height: 860 }]] as const) {
        const page = await open(hash, viewport);
        await page.waitForSelector('#plot svg');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        const file = path.join(ARTIFACTS, `playground-${name}-${kind}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const png = readFileSync(file);
        expect(png.readUInt32BE(16)).toBe(viewport.width);
        expect(png.length).toBeGreaterThan(20_000); // typeset math and a plot, not a blank page
        await page.close();
      }
    });

  });

  // Measured and reported here; the 50 ms target itself is met in the benchmark (bench/playground.mjs), as speed
  // targets are in this project. What is checked is the rule, not a time (a loaded machine makes any bound flaky):
  // an update is scheduled with no delay unless the one before took over 50 ms, and never waits over 250 ms.
  it('keystroke to typeset result: measured for each seed expression (reported; no artificial delay)', async () => {
    const page = await open();
    for (const seed of SEEDS) {
      await typeInput(page, seed.f);
      // One more keystroke that changes the result: append "+q" one key at a time, timing the last key.
      await page.keyboard.type('+');
      await settle(page);
      const before = Number(await page.evaluate(() => document.body.dataset['updates']));
      const start = performance.now();
      await page.keyboard.type('q');
      await page.waitForFunction((n) => Number(document.body.dataset['updates']) > n, before);
      const roundTripMs = performance.now() - start;
      const [lastCostMs, delayMs] = await page.evaluate(() => [Number(document.body.dataset['lastCostMs']), Number(document.body.dataset['delayMs'])]);
      expect(delayMs, `update after one that took ${lastCostMs} ms`).toBe(lastCostMs > 50 ? Math.min(250, lastCostMs) : 0);
      const inPageMs = Number(await page.evaluate(() => document.body.dataset['latencyMs']));
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20))));
      const toFrameMs = Number(await page.evaluate(() => document.body.dataset['frameMs']));
      timings.push({ input: `${seed.f}+q`, inPageMs, toFrameMs, roundTripMs: Math.round(roundTripMs * 10) / 10 });
      expect(await resultText(page)).toBe(nodeView(`#f=${encodeURIComponent(`${seed.f}+q`)}`).text);
    }
    expect(timings.every((t) => Number.isFinite(t.inPageMs) && Number.isFinite(t.toFrameMs))).toBe(true);
    await page.close();
  });

  it('no request left the page: only its own file was loaded, no CSP violation, no script error', () => {
    const others = session.requests.filter((u) => u.split('#')[0] !== PAGE_URL);
    expect(others).toEqual([]);
    expect(session.requests.length).toBeGreaterThan(0);
    expect(session.violations).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
