/**
 * "A derivative is never longer than it needs to be": deriv's output compared
 * with SymPy's `diff` on the same inputs (seed examples plus random
 * expressions). Needs python3 with SymPy; skips, saying so, without it.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { derivative, parse, toText } from '../src/index.js';

const hasSympy = spawnSync('python3', ['-c', 'import sympy'], { encoding: 'utf8' }).status === 0;
if (!hasSympy) console.warn('sympy-length: python3 with SymPy not found — skipping the comparison with SymPy');

const SEEDS: [string, string][] = [
  ['x*w^2+b^2', 'w'], ['x*exp(w)+exp(b)', 'w'], ['(y-(x*w+b))^2', 'w'], ['(y-(x*w+b))^2', 'b'],
  ['y*log(x*w+b)', 'w'], ['1/2*(w*x+b-y)^2', 'w'], ['1/2*(w*x+b-y)^2', 'b'], ['3*x^2*y', 'x'],
  ['x+x^2', 'x'], ['sin(x^2)', 'x'], ['sin(x+x^2)', 'x'], ['1/(1+exp(-x))', 'x'],
];

const atom = fc.constantFrom('x', 'y', 'w', 'b', '2', '3', '1/2');
const expr = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a})${op}(${b})`),
    fc.tuple(tie('e'), fc.constantFrom('2', '3', '-1')).map(([a, k]) => `(${a})^${k}`),
    fc.tuple(fc.constantFrom('sin', 'cos', 'exp', 'atan', 'tanh'), tie('e')).map(([f, a]) => `${f}(${a})`),
    tie('e').map((a) => `log(1+(${a})^2)`),
    tie('e').map((a) => `sqrt(1+(${a})^2)`),
  ),
})).e;

/** Output length without spaces, with SymPy's ** written as ^. */
const length = (s: string): number => s.replace(/\*\*/g, '^').replace(/\s+/g, '').length;

function sympyDiffs(items: { expr: string; wrt: string; names: string[]; simplify?: boolean }[]): ({ diff: string } | { error: string })[] {
  const out = spawnSync('python3', ['scripts/sympy-diff.py'], {
    input: items.map((i) => JSON.stringify(i)).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { diff: string } | { error: string });
}

/** How many of ours are no longer than SymPy's answer, of those SymPy answered (and the worst cases). */
function tally(items: readonly { expr: string; ours: string }[], theirs: readonly ({ diff: string } | { error: string })[]) {
  let compared = 0;
  let noLonger = 0;
  const worse: string[] = [];
  items.forEach((item, i) => {
    const s = theirs[i]!;
    if (!('diff' in s) || s.diff.includes('zoo') || s.diff.includes('nan')) return;
    compared++;
    if (length(item.ours) <= length(s.diff)) noLonger++;
    else worse.push(`${item.expr}: ours ${item.ours} | SymPy ${s.diff}`);
  });
  return { compared, noLonger, worse };
}

describe.skipIf(!hasSympy)('output length against SymPy diff', () => {
  it('is no longer than SymPy on every seed example', () => {
    const ours = SEEDS.map(([e, v]) => derivative(e, v).toString());
    const theirs = sympyDiffs(SEEDS.map(([e, v]) => ({ expr: toText(parse(e)), wrt: v, names: ['x', 'y', 'w', 'b'] })));
    SEEDS.forEach(([e, v], i) => {
      const s = theirs[i]!;
      expect('diff' in s, `${e} -> SymPy failed`).toBe(true);
      if ('diff' in s) expect(length(ours[i]!), `${e} d/d${v}: ours ${ours[i]} vs SymPy ${s.diff}`).toBeLessThanOrEqual(length(s.diff));
    });
  });

  it('is no longer than SymPy in at least 90% of random cases', () => {
    const samples = fc.sample(expr, { numRuns: 300, seed: 20261123 });
    const items: { expr: string; wrt: string; names: string[]; ours: string }[] = [];
    for (const s of samples) {
      const e = parse(s);
      items.push({ expr: toText(e), wrt: 'x', names: ['x', 'y', 'w', 'b'], ours: derivative(e, 'x').toString() });
    }
    const { compared, noLonger, worse } = tally(items, sympyDiffs(items));
    console.info(`sympy-length: ${noLonger}/${compared} derivatives no longer than SymPy's`);
    expect(compared).toBeGreaterThan(250);
    expect(noLonger / compared, worse.slice(0, 10).join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it("is no longer than SymPy's simplify(diff(f)) in at least 90% of random cases", () => {
    const samples = fc.sample(expr, { numRuns: 120, seed: 20261130 });
    const items = samples.map((s) => {
      const e = parse(s);
      return { expr: toText(e), wrt: 'x', names: ['x', 'y', 'w', 'b'], simplify: true, ours: derivative(e, 'x').toString() };
    });
    const { compared, noLonger, worse } = tally(items, sympyDiffs(items));
    console.info(`sympy-length: ${noLonger}/${compared} derivatives no longer than SymPy's simplify(diff)`);
    console.info(worse.slice(0, 20).join('\n'));
    expect(compared).toBeGreaterThan(90);
    expect(noLonger / compared, worse.slice(0, 10).join('\n')).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
