/**
 * From formula to numbers: values at a point (exact where the point is exact),
 * checking a claimed derivative, SGD steps, gradcheck, Hessian and Jacobian,
 * through the library (the CLI: numeric-cli.test.ts). Tables come from ../shared/examples.md
 * ("Values at a point", checked with SymPy); properties use random smooth
 * expressions (fast-check).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  check, derivative, DerivError, evaluate, gradcheck, gradient, hessian, jacobian, parse, parsePoint, sgd, toText, type Expr,
} from '../src/index.js';
import { kinksAt, valueAt } from '../src/numeric/exact-eval.js';
import { toPoint } from '../src/numeric/point.js';
import { foldDag } from '../src/core/walk.js';
import { q } from '../src/core/rational.js';
import { codeOf } from './helpers/errors.js';
import { runs } from './helpers/run-seed.js';


const SEED000 = '1/2*(w*x+b-y)^2';
const SEED000_AT = 'x=10,y=50,w=4,b=5';
const RELU_NET = '1/2*(w2*max(0,w1*x+b1)+b2-y)^2';
const RELU_AT = 'x=2,y=10,w1=3,b1=1,w2=2,b2=0';

describe('values at a point (examples.md)', () => {
  it.each([
    [SEED000, SEED000_AT, ['w', 'b'], '25/2', ['-50', '-5']],
    [RELU_NET, RELU_AT, ['w2', 'b2', 'w1', 'b1'], '8', ['28', '4', '16', '8']],
    ['(w*x+b-y)^2', 'w=1,b=0,x=2,y=3', ['w', 'b'], '1', ['-4', '-2']],
    ['x*w^2+b^2', 'x=1/2,w=3,b=-1', ['w', 'b'], '11/2', ['3', '-2']],
    ['x^2', 'x=0.1', ['x'], '0.01', ['0.2']],
    ['sigmoid(w*x)', 'w=0,x=3', ['w'], '1/2', ['3/4']],
    ['sin(t)+cos(t)', 't=0', ['t'], '1', ['1']],
    ['t^2', 't=pi', ['t'], '9.86960440108936', ['6.28318530717959']],
    ['sin(x)', 'x=pi/6', ['x'], '0.5', ['0.866025403784439']],
    ['sqrt(x)', 'x=9/4', ['x'], '3/2', ['1/3']],
  ])('%s at %s wrt %j -> f = %s, gradient %j', (f, at, vars, value, partials) => {
    expect(valueAt(parse(f), parsePoint(at)).toString()).toBe(value);
    expect(gradient(f, vars).at(at).map(String)).toEqual(partials);
  });

  it.each([
    ['sigmoid(w*x)', { w: 0.5, x: 1 }, 0.2350037122015945],
    ['exp(x)', { x: 1 }, Math.E],
    ['log(x)', { x: 2 }, 0.5],
  ])('%s at %j -> %d (a decimal when not rational)', (f, at, expected) => {
    const v = derivative(f, 'x' in at && !('w' in at) ? 'x' : 'w').at(at);
    expect(v.number).toBeCloseTo(expected, 14);
  });

  it('exact values are rationals, others doubles', () => {
    expect(derivative(SEED000, 'w').at(SEED000_AT).exact).toEqual({ n: -50n, d: 1n });
    expect(derivative('exp(x)', 'x').at({ x: 1 }).exact).toBeUndefined();
    expect(derivative('exp(x)', 'x').at({ x: 1 }).toString()).toBe('2.71828182845905');
    expect(derivative('exp(x)', 'x').at({ x: 1 }).number).toBe(Math.E);
    expect(valueAt(parse('x/3'), toPoint({ x: 0.1 })).toString()).toBe('1/30');
  });

  it('gradient() is still an array of Derivative; at(i) keeps its Array meaning', () => {
    const g = gradient(SEED000, ['w', 'b']);
    expect(Array.isArray(g)).toBe(true);
    expect(g.length).toBe(2);
    expect(g[0]!.toString()).toBe('x*(w*x + b - y)');
    expect(g.at(-1)!.toString()).toBe('w*x + b - y');
    expect(g.at(5)).toBeUndefined();
    expect(g.map((d) => d.toString())).toEqual(['x*(w*x + b - y)', 'w*x + b - y']);
    expect(g.at(new Map([['x', 10], ['y', 50], ['w', 4], ['b', 5]])).map(String)).toEqual(['-50', '-5']);
  });

  it.each([
    ['w=1,x=2,b=-2', 'relu(w*x+b)', '0', 1],
    ['w=1,x=2,b=-1', 'relu(w*x+b)', '2', 0],
    ['x=0', 'abs(x)', '0', 1],
    ['a=1,b=1', 'max(a, b)', '1/2', 1], // a tie splits ½/½, as torch.maximum
  ])('kink at %s: d/d(first) %s = %s, kinks found %d', (at, f, value, kinks) => {
    const wrt = at.split('=')[0]!;
    expect(derivative(f, wrt).at(at).toString()).toBe(value);
    expect(kinksAt(parse(f), parsePoint(at)).length).toBe(kinks);
  });

  it.each([
    ['x=1', 'x*y', 'BAD_VARIABLE'],
    ['x=1,y=', 'x*y', 'BAD_OPTION'],
    ['x=1,,y=2', 'x*y', 'BAD_OPTION'],
    ['x=1,x=2', 'x', 'BAD_OPTION'],
    ['x=1,sin=2', 'x', 'BAD_VARIABLE'],
    ['x=(1', 'x', 'BAD_OPTION'],
    ['x=y', 'x', 'BAD_OPTION'],
    ['x=1/0', 'x', 'BAD_OPTION'],
    ['x=log(-1)', 'x', 'BAD_OPTION'],
    ['', 'x', 'BAD_OPTION'],
    ['x=1 y=2', 'x*y', 'BAD_OPTION'],
    ['x=1;y=2', 'x*y', 'BAD_OPTION'],
  ])('point %j for %s -> %s', (at, f, code) => {
    expect(codeOf(() => valueAt(parse(f), parsePoint(at)))).toBe(code);
  });

  it('a malformed point names the place', () => {
    try {
      parsePoint('x=10,y=5o,w=4');
      expect.unreachable();
    } catch (e) {
      expect((e as DerivError).code).toBe('BAD_OPTION');
      expect((e as DerivError).position).toBe(8);
    }
  });

  it('any variable name is a key, never an object property lookup', () => {
    const f = parse('__proto__^2 + constructor*toString');
    expect(valueAt(f, parsePoint('__proto__=3,constructor=2,toString=5')).toString()).toBe('19');
    const obj = Object.fromEntries([['__proto__', 3], ['constructor', 2], ['toString', 5]]) as Record<string, number>;
    expect(gradient(f).at(obj).map(String)).toEqual(['6', '5', '2']);
    expect(codeOf(() => valueAt(parse('constructor'), toPoint({})))).toBe('BAD_VARIABLE');
  });
});

describe('check a claimed derivative', () => {
  it.each([
    [SEED000, 'w', 'x*(w*x+b-y)', true, 'symbolic'],
    [SEED000, 'w', 'w*x^2 + b*x - x*y', true, 'symbolic'],
    ['sin(x)^2', 'x', '2*sin(x)*cos(x)', true, 'symbolic'],
    ['tanh(x)', 'x', '1/cosh(x)^2', true, 'symbolic'],
    ['tan(x/2)', 'x', '1/(1+cos(x))', true, 'numeric'],
    ['x*w^2', 'w', 'x*w', false, 'numeric'],
    [SEED000, 'w', '-5', false, 'numeric'],
    ['(y-(x*w+b))^2', 'w', '2*x*(y-x*w-b)', false, 'numeric'],
    ['(y-(x*w+b))^2', 'w', '-2*x*(y-x*w-b)', true, 'symbolic'],
    ['exp(exp(x))', 'x', 'exp(x+exp(x)) + 1', false, 'numeric'],
  ])('%s wrt %s, claim %s -> correct %s (%s)', (f, wrt, claim, correct, method) => {
    const r = check(f, wrt, claim);
    expect([r.correct, r.method]).toEqual([correct, method]);
    if (!correct) {
      const c = r.counterexample!;
      expect(c.derivative.toString()).toBe(valueAt(derivative(f, wrt).expr, c.point).toString());
      expect(c.claim.toString()).not.toBe(c.derivative.toString());
    }
  });

  it('with a point: the seed-000 claim -5 is wrong, -50 is right', () => {
    const wrong = check(SEED000, 'w', '-5', { at: SEED000_AT });
    expect(wrong.correct).toBe(false);
    expect([wrong.counterexample!.derivative.toString(), wrong.counterexample!.claim.toString()]).toEqual(['-50', '-5']);
    expect(check(SEED000, 'w', '-50', { at: SEED000_AT }).correct).toBe(true);
    expect(check(SEED000, 'w', 'x*(w*x+b-y)', { at: SEED000_AT }).correct).toBe(true);
  });

  it('counterexamples are reproducible', () => {
    const a = check('x*w^2', 'w', 'x*w');
    const b = check('x*w^2', 'w', 'x*w');
    expect([...a.counterexample!.point].map(String)).toEqual([...b.counterexample!.point].map(String));
  });

  it('nowhere defined is UNDEFINED, not a verdict', () => {
    expect(codeOf(() => check('log(-1-x^2)', 'x', 'x'))).toBe('UNDEFINED');
  });
});

describe('SGD', () => {
  it('seed 000: one step with lr 0.01 gives w = 4.5, b = 5.05, loss 0.00125 (not 4.05), exactly; printed as decimals, as lr was written', () => {
    const steps = sgd(SEED000, ['w', 'b'], SEED000_AT, 0.01, 1);
    expect(steps.map((s) => [s.step, [...s.params].map(([k, v]) => `${k}=${v}`).join(','), s.loss.toString()])).toEqual([
      [0, 'w=4,b=5', '12.5'],
      [1, 'w=4.5,b=5.05', '0.00125'],
    ]);
    expect(steps[1]!.params.get('w')!.toJSON()).toEqual({ value: 4.5, exact: '9/2' });
    expect(steps[1]!.params.get('w')!.number).toBe(4.5);
  });

  it.each([
    ['x^2', ['x'], 'x=1', '0.25', 3, ['1', '0.5', '0.25', '0.125']],
    ['(w-3)^2', ['w'], 'w=0', '1/4', 2, ['0', '3/2', '9/4']],
  ])('%s wrt %j from %s, lr %s, %i steps -> %j', (f, params, at, lr, k, values) => {
    expect(sgd(f, params, at, lr, k).map((s) => s.params.get(params[0]!)!.toString())).toEqual(values);
  });

  it('inexact gradients continue in doubles', () => {
    const steps = sgd('exp(w)', ['w'], 'w=0', 0.5, 2);
    expect(steps[1]!.params.get('w')!.toString()).toBe('-0.5');
    expect(steps[2]!.params.get('w')!.exact).toBeUndefined();
    expect(steps[2]!.params.get('w')!.number).toBeCloseTo(-0.5 - 0.5 * Math.exp(-0.5), 15);
  });

  it.each([
    ['data missing from the point', () => sgd(SEED000, ['w'], 'w=4,b=5', 0.01, 1), 'BAD_VARIABLE'],
    ['a parameter without a start', () => sgd(SEED000, ['w', 'z'], SEED000_AT, 0.01, 1), 'BAD_VARIABLE'],
    ['a negative learning rate', () => sgd(SEED000, ['w'], SEED000_AT, -1, 1), 'BAD_OPTION'],
    ['a fractional step count', () => sgd(SEED000, ['w'], SEED000_AT, 0.01, 1.5), 'BAD_OPTION'],
    ['divergence to infinity', () => sgd('exp(w^2)', ['w'], 'w=3', 10, 5), 'UNDEFINED'],
  ])('SGD with %s -> %s', (_label, f, code) => {
    expect(codeOf(f)).toBe(code);
  });
});

describe('gradcheck', () => {
  it.each([
    ['sin(x*y)+exp(w)', 'x=1,y=2,w=0.5'],
    [SEED000, SEED000_AT],
    [RELU_NET, RELU_AT],
    ['log(1+x^2)*tanh(y)', 'x=0.3,y=-1.2'],
  ])('%s at %s passes', (f, at) => {
    const r = gradcheck(f, undefined, at);
    expect(r.ok).toBe(true);
    expect(r.worst.error).toBeLessThanOrEqual(r.worst.tolerance);
    expect(r.kinks).toEqual([]);
  });

  it('a wrong partial fails and is named as the worst', () => {
    // abs at its kink: the symbolic side says 0, central differences say 0 too; off the kink they agree.
    const r = gradcheck('relu(x) + 3*y', ['x', 'y'], 'x=0,y=1');
    expect(r.kinks.length).toBe(1);
    const fails = gradcheck('x^2', ['x'], 'x=1', { eps: 0.5, atol: 0, rtol: 0 });
    expect(fails.ok).toBe(true); // central differences are exact for quadratics
    const cubic = gradcheck('x^3', ['x'], 'x=1', { eps: 0.5, atol: 0, rtol: 1e-3 });
    expect(cubic.ok).toBe(false);
    expect(cubic.worst.variable).toBe('x');
    expect(cubic.worst.numeric).toBeCloseTo(3.25, 12);
  });

  it('missing values and bad options are errors', () => {
    expect(codeOf(() => gradcheck('x*y', ['x'], 'x=1'))).toBe('BAD_VARIABLE');
    expect(codeOf(() => gradcheck('x', ['x', 'z'], 'x=1'))).toBe('BAD_VARIABLE');
    expect(codeOf(() => gradcheck('x', ['x'], 'x=1', { eps: 0 }))).toBe('BAD_OPTION');
  });
});

describe('Hessian and Jacobian', () => {
  it('Hessian of x*w^2+b^2: symmetric, one node per mixed partial', () => {
    const h = hessian('x*w^2+b^2');
    expect(h.vars).toEqual(['x', 'w', 'b']);
    expect(h.toString()).toBe('[[0, 2*w, 0],\n [2*w, 2*x, 0],\n [0, 0, 2]]');
    expect(h.toTex()).toBe('\\nabla^{2} f = \\begin{pmatrix} 0 & 2 w & 0 \\\\ 2 w & 2 x & 0 \\\\ 0 & 0 & 2 \\end{pmatrix}');
    expect(h.rows[0]![1]).toBe(h.rows[1]![0]);
    expect(h.at('x=1,w=2,b=3').map((r) => r.map(String))).toEqual([['0', '4', '0'], ['4', '2', '0'], ['0', '0', '2']]);
  });

  it.each([
    ['x^2*y^3', ['x', 'y'], '[[2*y^3, 6*x*y^2],\n [6*x*y^2, 6*x^2*y]]'],
    [SEED000, ['w', 'b'], '[[x^2, x],\n [x, 1]]'],
  ])('hessian(%s, %j) -> %s', (f, vars, text) => {
    expect(hessian(f, vars).toString()).toBe(text);
  });

  it.each([
    [['x*y', 'x+y^2'], undefined, '[[y, x],\n [1, 2*y]]'],
    [['r*cos(t)', 'r*sin(t)'], ['r', 't'], '[[cos(t), -r*sin(t)],\n [sin(t), r*cos(t)]]'],
  ])('jacobian(%j, %j) -> %s', (fs, vars, text) => {
    expect(jacobian(fs, vars).toString()).toBe(text);
  });

  it('values need every variable of the functions', () => {
    expect(codeOf(() => hessian('x*w^2+b^2').at('w=1,b=1'))).toBe('BAD_VARIABLE');
  });
});

// ------------------------------------------------------------ properties

const RUNS = runs(200);
const VARS = ['x', 'y', 'w', 'b'] as const;
const SMOOTH = ['sin', 'cos', 'exp', 'tanh', 'sigmoid', 'atan', 'softplus', 'asinh'] as const;
const atom = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VARS) }, { weight: 1, arbitrary: fc.constantFrom('2', '3', '1/2', 'pi') });
const smooth: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(tie('e'), fc.integer({ min: 2, max: 3 })).map(([a, k]) => `(${a})^${k}`),
    fc.tuple(fc.constantFrom(...SMOOTH), tie('e')).map(([f, a]) => `${f}(${a})`),
    tie('e').map((a) => `log(1 + (${a})^2)`),
    tie('e').map((a) => `1/(1 + (${a})^2)`),
  ),
})).e;
/** Exact two-decimal coordinates in [-2, 2]. */
const coordinate = fc.integer({ min: -200, max: 200 }).map((k) => k / 100);
const point = fc.record({ x: coordinate, y: coordinate, w: coordinate, b: coordinate });
const usable = (v: number): boolean => Number.isFinite(v) && Math.abs(v) < 1e4;
/** Every subexpression of e is moderate at p (else finite differences say nothing). */
const wellScaled = (e: Expr, p: Record<string, number>): boolean => foldDag<boolean>(e, (node, kids) => kids.every(Boolean) && usable(evaluate(node, p)));

const tally = new Map<string, { passed: number; skipped: number }>();
const count = (name: string, outcome: 'passed' | 'skipped'): void => {
  const t = tally.get(name) ?? { passed: 0, skipped: 0 };
  t[outcome]++;
  tally.set(name, t);
};
const expectMostlyChecked = (name: string): void => {
  const t = tally.get(name)!;
  expect(t.passed, `${name}: ${t.skipped} skipped`).toBeGreaterThanOrEqual(RUNS * 0.6);
};
afterAll(() => {
  console.log([...tally].map(([n, t]) => `  ${n}: ${t.passed} passed, ${t.skipped} skipped`).join('\n'));
});

describe('properties', () => {
  it('gradcheck passes on random smooth expressions', () => {
    const name = 'gradcheck';
    fc.assert(
      fc.property(smooth, point, (text, p) => {
        const f = parse(text);
        if (!wellScaled(f, p) || gradient(f, [...VARS]).some((d) => !wellScaled(d.expr, p))) return count(name, 'skipped');
        const r = gradcheck(f, [...VARS], p);
        expect(r.ok, `${text} at ${JSON.stringify(p)}: ${JSON.stringify(r.worst)}`).toBe(true);
        count(name, 'passed');
      }),
      { numRuns: RUNS },
    );
    expectMostlyChecked(name);
  });

  it('exact values at a point equal double evaluation', () => {
    const name = 'exact = double';
    fc.assert(
      fc.property(smooth, point, (text, p) => {
        const f = parse(text);
        if (!wellScaled(f, p)) return count(name, 'skipped');
        const v = valueAt(f, toPoint(p));
        expect(v.number).toBeCloseTo(evaluate(f, p), 6);
        count(name, 'passed');
      }),
      { numRuns: RUNS },
    );
    expectMostlyChecked(name);
  });

  it('the derivative itself checks correct; the derivative plus 1 checks wrong', () => {
    fc.assert(
      fc.property(smooth, fc.constantFrom(...VARS), (text, v) => {
        const d = derivative(text, v).expr;
        expect(check(text, v, d).correct).toBe(true);
        let off;
        try {
          off = check(text, v, parse(`(${toText(d)}) + 1`));
        } catch (e) {
          // Overflow everywhere it was tried (exp(exp(exp(x)))): no verdict, said as UNDEFINED.
          if (e instanceof DerivError && e.code === 'UNDEFINED') return;
          throw e;
        }
        expect(off.correct).toBe(false);
        expect(off.counterexample).toBeDefined();
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('Hessians are symmetric and their entries are second derivatives', () => {
    fc.assert(
      fc.property(smooth, point, (text, p) => {
        const h = hessian(text, [...VARS]);
        h.rows.forEach((row, i) => row.forEach((e, j) => {
          expect(e).toBe(h.rows[j]![i]);
          if (i <= j) expect(e).toBe(derivative(derivative(text, VARS[i]!).expr, VARS[j]!).expr);
        }));
        void p;
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('one SGD step is p − lr·gradient, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 100 }), (w, b, k) => {
        const at = { x: 3, y: 2, w, b };
        const lr = k / 1000;
        const [gw, gb] = gradient(SEED000, ['w', 'b']).at(at);
        const step = sgd(SEED000, ['w', 'b'], at, lr, 1)[1]!;
        expect(step.params.get('w')!.exact).toEqual(q(BigInt(w * 1000 - k * Number(gw!.toString())), 1000n));
        expect(step.params.get('b')!.number).toBeCloseTo(b - lr * gb!.number, 12);
      }),
      { numRuns: RUNS },
    );
  });
});
