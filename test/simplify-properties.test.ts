/**
 * Laws of the simplifier and the constructors, on random expressions:
 * - simplify is idempotent: simplify(simplify(e)) is simplify(e) (the fixpoint is reached);
 * - simplify terminates within its budget on anything (a tiny budget still gives an answer);
 * - the constructors' fast paths (two terms, a number times an expression, a factor joining a
 *   product, two factors) give exactly what the general collecting path gives.
 * (That simplify keeps values is in properties.test.ts, with the finite-difference checks.)
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { derivative, parse, simplify, toText, type Expr } from '../src/index.js';
import { add, mul, sym, neg, ONE_EXPR, children } from '../src/core/expr.js';
import { DerivError } from '../src/errors.js';
import { runs } from './helpers/run-seed.js';

const RUNS = runs(250);
const VARS = ['x', 'y', 'w'] as const;
const FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'sign', 'tanh', 'sinh', 'cosh', 'sigmoid', 'atan', 'cbrt'] as const;

const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...VARS, '1', '2', '3', '1/2', 'pi'),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(tie('e'), fc.integer({ min: -3, max: 3 })).map(([a, k]) => `(${a})^(${k})`),
    fc.tuple(fc.constantFrom(...FUNCTIONS), tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(fc.constantFrom(...VARS), fc.constantFrom(...VARS)).map(([u, v]) => `sin(${u})^2 + cos(${u})^2 + exp(${v})*exp(-${v})`),
  ),
})).e;

/** Runs body, treating a TOO_LARGE or UNDEFINED error (a legitimate outcome for random input) as a pass. */
function tolerant(body: () => void): void {
  try {
    body();
  } catch (e) {
    if (e instanceof DerivError && (e.code === 'TOO_LARGE' || e.code === 'UNDEFINED')) return;
    throw e;
  }
}

describe('simplifier laws', () => {
  it('simplify is idempotent, on random expressions and their raw derivatives', () => {
    fc.assert(
      fc.property(expression, fc.constantFrom(...VARS), (text, v) =>
        tolerant(() => {
          const f = parse(text);
          for (const e of [f, derivative(f, v, { simplify: false }).expr]) {
            const once = simplify(e);
            expect(simplify(once), `${toText(e)} -> ${toText(once)}`).toBe(once);
          }
        }),
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
  });

  it('with a tiny work budget, simplify still answers (as far as it got), never throws or hangs', () => {
    fc.assert(
      fc.property(expression, fc.constantFrom(...VARS), fc.integer({ min: 0, max: 5 }), (text, v, budget) =>
        tolerant(() => {
          const raw = derivative(text, v, { simplify: false }).expr;
          expect(simplify(raw, { simplifyBudget: budget })).toBeDefined();
        }),
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
  });
});

describe('constructor fast paths give what collecting gives', () => {
  /** Every subexpression of a random expression (parsed), as material for products and sums. */
  const material = fc.array(expression, { minLength: 2, maxLength: 2 }).map((texts) => {
    const out: Expr[] = [];
    try {
      for (const t of texts) {
        const stack = [parse(t)];
        while (stack.length > 0 && out.length < 40) {
          const e = stack.pop()!;
          out.push(e);
          stack.push(...children(e));
        }
      }
    } catch {
      // UNDEFINED (a division by an exact zero) leaves less material
    }
    return out;
  });
  const fresh = sym('fresh_symbol_not_in_any_input');

  it('mul(a, b) (fast paths) === mul(a, b, 1) (the general path)', () => {
    fc.assert(
      fc.property(material, (es) => {
        for (let i = 0; i + 1 < es.length; i++)
          tolerant(() => {
            const [a, b] = [es[i]!, es[i + 1]!];
            expect(mul(a, b), `${toText(a)} * ${toText(b)}`).toBe(mul(a, b, ONE_EXPR));
          });
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
  });

  it('a product does not depend on grouping: (a·b)·c === a·(b·c) === a·b·c (exponentials included)', () => {
    const exps = fc.array(fc.constantFrom('exp(x)', 'exp(-x)', 'exp(2*x + y)', 'exp(x + y)', 'exp(-y)', 'x', 'exp(exp(x))'), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.oneof(material, exps.map((ts) => ts.map((t) => parse(t)))), (es) => {
        for (let i = 0; i + 2 < es.length; i++)
          tolerant(() => {
            const [a, b, c] = [es[i]!, es[i + 1]!, es[i + 2]!];
            const flat = mul(a, b, c);
            const label = `(${toText(a)}), (${toText(b)}), (${toText(c)})`;
            expect(mul(mul(a, b), c), `product ${label}`).toBe(flat);
            expect(mul(a, mul(b, c)), `product ${label}`).toBe(flat);
          });
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
  });

  it('add(a, b) (fast paths) === add(a, b, t, −t) (the general path)', () => {
    fc.assert(
      fc.property(material, (es) => {
        for (let i = 0; i + 1 < es.length; i++) {
          const [a, b] = [es[i]!, es[i + 1]!];
          expect(add(a, b), `${toText(a)} + ${toText(b)}`).toBe(add(a, b, fresh, neg(fresh)));
        }
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
  });
});
