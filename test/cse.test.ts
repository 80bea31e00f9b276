/**
 * Common-subexpression output (issue 5): `cse(exprs)` and `--cse` in text, LaTeX and JSON.
 * Laws: the CSE form substituted back is exactly the plain result (the same node);
 * every temporary is defined before use and used at least twice; nested structure
 * (the logistic map, sin(sin(…x))) stays linear in size where the plain form explodes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import katex from 'katex';
import { cse, inlineCse, type CseResult } from '../src/cse.js';
import { gradient, parse } from '../src/api.js';
import { freeVariables, treeSize } from '../src/analysis.js';
import type { Expr } from '../src/core/expr.js';
import { deriv } from './helpers/cli.js';
import { runs } from './helpers/run-seed.js';


/** Written-out size of a CSE form: every definition plus every result. */
const cseSize = (r: CseResult): number =>
  r.bindings.reduce((s, b) => s + treeSize(b.expr), 0) + r.exprs.reduce((s, e) => s + treeSize(e), 0);

/** Checks the structural laws of a CSE result for the given inputs. */
function checkLaws(inputs: readonly Expr[], r: CseResult): void {
  expect(inlineCse(r)).toEqual(inputs.map((e) => e)); // same nodes (hash-consed: toEqual on identical objects)
  inlineCse(r).forEach((e, i) => expect(e).toBe(inputs[i]));
  const defined = new Set<string>();
  const original = new Set(inputs.flatMap((e) => [...freeVariables(e)]));
  for (const b of r.bindings) {
    expect(original.has(b.name)).toBe(false);
    for (const v of freeVariables(b.expr)) if (!original.has(v)) expect(defined.has(v)).toBe(true);
    defined.add(b.name);
  }
  const uses = new Map<string, number>();
  const count = (e: Expr): void => {
    for (const v of freeVariables(e)) if (defined.has(v)) uses.set(v, (uses.get(v) ?? 0) + 1);
  };
  r.bindings.forEach((b) => count(b.expr));
  r.exprs.forEach(count);
  // Each temporary appears in at least one later definition or result (freeVariables counts a place once).
  for (const b of r.bindings) expect(uses.get(b.name) ?? 0).toBeGreaterThanOrEqual(1);
}

const logistic = (n: number): string => {
  let text = 'l';
  for (let i = 0; i < n; i++) text = `4*(${text})*(1-(${text}))`;
  return text;
};

describe('cse(exprs)', () => {
  it.each([
    ['1/2*(w*x+b-y)^2', ['w', 'b'], ['t1 = w*x + b - y'], ['∂/∂w = x*t1', '∂/∂b = t1']],
    [
      '1/2*(w2*max(0,w1*x+b1)+b2-y)^2',
      ['w2', 'b2', 'w1', 'b1'],
      ['t1 = w1*x + b1', 't2 = max(0, t1)', 't3 = w2*t2 + b2 - y', 't4 = heaviside(t1, 1/2)', 't5 = w2*t3*t4'],
      ['∂/∂w2 = t2*t3', '∂/∂b2 = t3', '∂/∂w1 = x*t5', '∂/∂b1 = t5'],
    ],
    // A shared sub-product of flat products is named too (t3 = σ·(1 − σ)).
    ['sigmoid(w*x+b)', ['w', 'b'], ['t1 = sigmoid(w*x + b)', 't2 = 1 - t1', 't3 = t1*t2'], ['∂/∂w = x*t3', '∂/∂b = t3']],
    ['x*w^2+b^2', ['w', 'b'], [], ['∂/∂w = 2*x*w', '∂/∂b = 2*b']],
    ['t1*sin(t1+x)', ['x', 't1'], ['t2 = t1 + x', 't3 = t1*cos(t2)'], ['∂/∂x = t3', '∂/∂t1 = sin(t2) + t3']],
  ])('%s --wrt %j -> shared pieces once', async (f, wrt, bindings, results) => {
    const out = await deriv([f, '--wrt', wrt.join(','), '--cse']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe([...bindings, ...results].join('\n'));
  });

  it.each([
    '1/2*(w*x+b-y)^2',
    '1/2*(w2*max(0,w1*x+b1)+b2-y)^2',
    '-(y*log(sigmoid(w*x+b))+(1-y)*log(1-sigmoid(w*x+b)))',
    'v1*tanh(w1*x+b1)+v2*tanh(w2*x+b2)+v3*tanh(w3*x+b3)',
    logistic(4),
    'sin(sin(sin(sin(x))))',
  ])('%s -> substituted back, the CSE form is the plain gradient', (f) => {
    const plain = gradient(f).map((d) => d.expr);
    checkLaws(plain, cse(plain));
  });

  it('random expressions: substituted back, the CSE form is the plain gradient', () => {
    const vars = ['x', 'y', 'w'];
    const atom = fc.constantFrom('x', 'y', 'w', '2', '1/2');
    const expression = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
        fc.tuple(fc.constantFrom('sin', 'exp', 'log', 'tanh'), tie('e')).map(([fn, a]) => `${fn}(${a})`),
        fc.tuple(tie('e'), fc.integer({ min: 2, max: 3 })).map(([a, k]) => `(${a})^${k}`),
      ),
    })).e;
    fc.assert(
      fc.property(expression, (text) => {
        let grad: Expr[];
        try {
          grad = gradient(text, vars).map((d) => d.expr);
        } catch {
          return; // division by an exact zero and the like: not CSE's business
        }
        checkLaws(grad, cse(grad));
      }),
      { numRuns: runs(150) },
    );
  });

  it('logistic map: the CSE form of the derivative stays small while the plain form grows geometrically', () => {
    const sizes = new Map(
      [6, 8, 10].map((n) => {
        const d = gradient(logistic(n), ['l'])[0]!.expr;
        return [n, { plain: treeSize(d), cse: cseSize(cse([d])) }] as const;
      }),
    );
    const [s6, s8, s10] = [sizes.get(6)!, sizes.get(8)!, sizes.get(10)!];
    // Plain: ×2.5 per iterate. CSE: a polynomial in n (products are flat, so the k-th temporary lists k factors).
    expect(s10.plain / s8.plain).toBeGreaterThan(5);
    expect(s10.cse / s8.cse).toBeLessThan(2);
    expect(s10.cse - s8.cse).toBeLessThan(2 * (s8.cse - s6.cse));
    expect(s10.cse).toBeLessThan(1000);
  });

  it('nest sin(sin(…x)): the CSE form is linear in the depth', () => {
    const nest = (n: number): string => `${'sin('.repeat(n)}x${')'.repeat(n)}`;
    const size = (n: number): number => cseSize(cse([gradient(nest(n), ['x'])[0]!.expr]));
    const [a, b] = [size(50), size(100)];
    expect(b).toBeLessThanOrEqual(2 * a + 10);
    expect(treeSize(gradient(nest(100), ['x'])[0]!.expr)).toBeGreaterThan(10 * b);
  });

  it.each([
    ['t1*sin(t1+t2) + cos(t1+t2)', ['t3']],
    ['t2*sin(t1+x) + cos(t1+x)', ['t3']],
    ['sin(x+y) + cos(x+y)', ['t1']],
  ])('%s -> temporaries %j (never a name the expression uses)', (text, names) => {
    expect(cse([parse(text)]).bindings.map((b) => b.name)).toEqual(names);
  });
});

describe('--cse formats', () => {
  it('latex: one aligned block that KaTeX renders', async () => {
    const out = await deriv(['1/2*(w*x+b-y)^2', '--wrt', 'w,b', '--cse', '--format', 'latex', '--name', 'L']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      ['\\begin{aligned}', 't_{1} &= w x + b - y \\\\', '\\frac{\\partial L}{\\partial w} &= x t_{1} \\\\', '\\frac{\\partial L}{\\partial b} &= t_{1}', '\\end{aligned}'].join('\n'),
    );
    expect(() => katex.renderToString(out.stdout, { throwOnError: true, displayMode: true })).not.toThrow();
  });

  it('json: temporaries with text and LaTeX, derivatives in terms of them', async () => {
    const out = await deriv(['1/2*(w*x+b-y)^2', '--wrt', 'w,b', '--cse', '--format', 'json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { cse: unknown; derivatives: unknown; wrt: unknown };
    expect(json.wrt).toEqual(['w', 'b']);
    expect(json.cse).toEqual([{ name: 't1', text: 'w*x + b - y', latex: 'w x + b - y' }]);
    expect(json.derivatives).toEqual([
      { wrt: 'w', order: 1, text: 'x*t1', latex: 'x t_{1}' },
      { wrt: 'b', order: 1, text: 't1', latex: 't_{1}' },
    ]);
  });

  it('a single derivative with nothing shared prints as without --cse', async () => {
    expect((await deriv(['1/2*(w*x+b-y)^2', '--wrt', 'w', '--cse'])).stdout).toBe('x*(w*x + b - y)');
  });

  it.each([
    [['x^2', '--cse', '--format', 'markdown']],
    [['x^2', '--cse', '--steps']],
  ])('%j -> BAD_OPTION (exit 2)', async (argv) => {
    const out = await deriv(argv);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
  });
});
