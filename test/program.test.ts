/**
 * Programs (src/program/): seed 000's network as named steps, every forward and
 * backward value exact; the backward pass in the tutorial's order and names; errors
 * with codes and positions; the library's gradient/derivative on programs; a 2-3-1
 * tanh network by gradcheck; and properties over random programs: the backward pass,
 * expanded, equals the gradient of the inlined formula, and every adjoint equals
 * ∂L/∂(name) computed by substitution.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { program, gradient, derivative, gradcheck, DerivError, evaluate, simplify, type Expr } from '../src/index.js';
import { add, neg } from '../src/core/expr.js';
import { expand, bySubstitution, inlinedOutput, adjointName } from '../src/program/backward.js';
import { lineBody } from '../src/program/print.js';
import { parse } from '../src/index.js';
import { parseProgram } from '../src/program/parse.js';
import { FUNCTION_ROWS } from '../rules/functions.js';
import { foldDag } from '../src/core/walk.js';
import { centralDifference } from './helpers/oracle.js';
import { codeOf } from './helpers/errors.js';
import { runs } from './helpers/run-seed.js';

const SEED_000 = 'z = w1*x + b1; h = relu(z); y_hat = w2*h + b2; L = (y_hat - y)^2/2';
const SEED_POINT = 'x=2,y=10,w1=3,b1=1,w2=2,b2=0';
const PARAMS = ['w2', 'b2', 'w1', 'b1'];


describe('seed 000 as a program', () => {
  const p = program(SEED_000);
  const values = p.at(SEED_POINT, PARAMS);

  it.each([
    ['z', '7'],
    ['h', '7'],
    ['y_hat', '14'],
    ['L', '8'],
  ])('forward: %s -> %s', (name, value) => {
    expect(values.forward.find((f) => f.name === name)!.value.toString()).toBe(value);
  });

  it.each([
    ['y_hat', '4'],
    ['h', '8'],
    ['z', '8'],
    ['w2', '28'],
    ['b2', '4'],
    ['w1', '16'],
    ['b1', '8'],
  ])('backward: ∂L/∂%s -> %s', (name, value) => {
    const v = values.backward.find((b) => b.name === name)!.value;
    expect(v.toString()).toBe(value);
    expect(v.exact).toBeDefined();
  });

  it('the backward pass reads as the tutorial writes it, in its names and order', () => {
    expect(p.backwardText(PARAMS)).toBe(
      [
        '∂L/∂y_hat = y_hat - y',
        '∂L/∂h     = w2*∂L/∂y_hat',
        '∂L/∂z     = heaviside(z)*∂L/∂h',
        '∂L/∂w2    = h*∂L/∂y_hat',
        '∂L/∂b2    = ∂L/∂y_hat',
        '∂L/∂w1    = x*∂L/∂z',
        '∂L/∂b1    = ∂L/∂z',
      ].join('\n'),
    );
  });

  it('expanded entries are what the inlined formula gives today', () => {
    const inlined = '1/2*(w2*relu(w1*x+b1)+b2-y)^2';
    const expected = gradient(inlined, PARAMS).map((d) => d.expr);
    expect(program(SEED_000).expanded(PARAMS).map((g) => g.expr)).toEqual(expected);
    expect(gradient(SEED_000, PARAMS).map((d) => d.expr)).toEqual(expected);
  });

  it('one SGD step: parameters minus lr times the backward values, and the new loss', () => {
    const [start, one] = p.sgd(SEED_POINT, '0.01', 1, PARAMS);
    expect(start!.loss.toString()).toBe('8');
    expect([...one!.params].map(([k, v]) => `${k}=${v.toJSON().exact}`)).toEqual(['w2=43/25', 'b2=-1/25', 'w1=71/25', 'b1=23/25']);
    expect([...one!.params].map(([k, v]) => `${k}=${v}`)).toEqual(['w2=1.72', 'b2=-0.04', 'w1=2.84', 'b1=0.92']);
    // The same step on the inlined formula, by the scalar engine.
    const inlined = p.inlined;
    const moved = { x: 2, y: 10, w2: 2 - 0.28, b2: -0.04, w1: 3 - 0.16, b1: 1 - 0.08 };
    expect(one!.loss.number).toBeCloseTo(evaluate(inlined, moved), 12);
  });

  it('a kink is reported: relu at z = 0 uses heaviside(0) = 0', () => {
    const at = p.at('x=1,y=10,w1=-1,b1=1,w2=2,b2=0', PARAMS);
    expect(at.backward.find((b) => b.name === 'w1')!.value.toString()).toBe('0');
    expect(p.kinkNote(at)).toMatch(/relu\(z\)/);
  });
});

describe('names used twice, intermediates in --wrt', () => {
  it('a name used by two assignments sums both contributions', () => {
    const p = program('u = w*x; v = sin(u); L = u*v');
    const line = p.backward(['w']).lines.find((l) => l.name === 'u')!;
    expect(line.terms.map((t) => t.consumer)).toEqual(['v', 'L']);
    expect(p.backwardText(['w'])).toBe(['∂L/∂v = u', '∂L/∂u = cos(u)*∂L/∂v + v', '∂L/∂w = x*∂L/∂u'].join('\n'));
    expect(p.stepsText(['w'])).toMatch(/u is used by v and L: the contributions add up/);
  });

  it("seed 004's y = sin(x + x²) through u1 = x², u2 = x + u1: x reaches y two ways", () => {
    const p = program('u1 = x^2; u2 = x + u1; y = sin(u2)');
    expect(p.backwardText(['x'])).toBe(['∂y/∂u2 = cos(u2)', '∂y/∂u1 = ∂y/∂u2', '∂y/∂x  = 2*x*∂y/∂u1 + ∂y/∂u2'].join('\n'));
    expect(p.expanded(['x'])[0]!.expr).toBe(derivative('sin(x+x^2)', 'x').expr); // (1 + 2*x)*cos(x + x^2)
  });

  it.each([
    ['h', 'w2*(w2*relu(w1*x + b1) + b2 - y)'],
    ['z', 'w2*(w2*relu(w1*x + b1) + b2 - y)*heaviside(w1*x + b1)'],
  ])('∂L/∂%s (an intermediate) is its adjoint: %s', (name, text) => {
    expect(derivative(SEED_000, name).toString()).toBe(text);
    expect(program(SEED_000).expanded([name])[0]!.expr).toBe(derivative(SEED_000, name).expr);
  });

  it('an adjoint has no steps of its own (they are the backward pass): a clear error, not the steps of another derivative', () => {
    expect(codeOf(() => derivative(SEED_000, 'h').steps)).toBe('BAD_OPTION');
    expect(derivative(SEED_000, 'w1').steps.result).toBe(derivative(SEED_000, 'w1').expr);
  });
});

describe('errors carry codes and positions', () => {
  it.each([
    ['z = w*x + b; z = 2', 'ASSIGNED_TWICE', 13],
    ['z = w*q + b; q = 2*x', 'USED_BEFORE_ASSIGNED', 6],
    ['z = w*q + b; q = z*2', 'CYCLE', 6],
    ['z = z + 1', 'CYCLE', 4],
    ['sin = w*x; L = sin^2', 'BAD_VARIABLE', 0],
    ['pi = 3; L = pi*x', 'BAD_VARIABLE', 0],
    ['z = w*x; L = (z', 'PARSE', 13],
    ['z = ; L = z', 'PARSE', 3],
    ['= w*x; L = 1', 'PARSE', 0],
    ['z = w*x; z^2; L = z', 'PARSE', 9],
    ['z = w*x; L = sinn(z)', 'UNKNOWN_FUNCTION', 13],
    ['f(x) = x^2', 'UNSUPPORTED', 1],
    ['2 = x', 'BAD_VARIABLE', 0],
  ])('%s -> %s at %i', (text, code, position) => {
    let err: DerivError | undefined;
    try {
      program(text);
    } catch (e) {
      err = e as DerivError;
    }
    expect(err).toBeInstanceOf(DerivError);
    expect(err!.code).toBe(code);
    expect(err!.position).toBe(position);
  });

  it('errors in a multi-line program point into their line', () => {
    let err: DerivError | undefined;
    try {
      program('z = w*x + b\nh = tanh(z\nL = h^2');
    } catch (e) {
      err = e as DerivError;
    }
    expect([err!.code, err!.input, err!.position, err!.message.startsWith('line 2:')]).toEqual(['PARSE', 'h = tanh(z', 8, true]);
  });

  it.each([
    [['L'], 'BAD_VARIABLE'],
    [['1x'], 'BAD_VARIABLE'],
  ])('--wrt %j -> %s', (wrt, code) => {
    expect(codeOf(() => program(SEED_000).backward(wrt))).toBe(code);
  });

  it.each([
    ['x=2,y=10,w1=3,b1=1,w2=2', 'BAD_VARIABLE'],
    ['x=2,y=10,w1=3,b1=1,w2=2,b2=0,z=1', 'BAD_OPTION'],
  ])('the point %s -> %s', (point, code) => {
    expect(codeOf(() => program(SEED_000).at(point, PARAMS))).toBe(code);
  });

  it('--of picks the function; statements it does not need are left out', () => {
    const p = program('z = w*x + b; h = tanh(z); L = (h - y)^2; M = 2*L', { of: 'L' });
    expect(p.parsed.assignments.map((a) => a.name)).toEqual(['z', 'h', 'L']);
    expect(codeOf(() => program('z = w*x; L = z^2', { of: 'M' }))).toBe('BAD_VARIABLE');
  });

  it('comments, blank lines and a bare last expression', () => {
    const p = program('# a tiny net\nz = w*x + b   # pre-activation\n\n(tanh(z) - y)^2', { name: 'loss' });
    expect(p.output).toBe('loss');
    expect(p.backwardText(['w'])).toBe(['∂loss/∂z = 2*(tanh(z) - y)*(1 - tanh(z)^2)', '∂loss/∂w = x*∂loss/∂z'].join('\n'));
  });
});

describe('a 2-input, 3-hidden-unit tanh network', () => {
  const NET = [
    'z1 = w11*x1 + w12*x2 + c1',
    'z2 = w21*x1 + w22*x2 + c2',
    'z3 = w31*x1 + w32*x2 + c3',
    'h1 = tanh(z1); h2 = tanh(z2); h3 = tanh(z3)',
    'y_hat = v1*h1 + v2*h2 + v3*h3 + d',
    'L = (y_hat - y)^2/2',
  ].join('\n');
  const params = ['w11', 'w12', 'c1', 'w21', 'w22', 'c2', 'w31', 'w32', 'c3', 'v1', 'v2', 'v3', 'd'];
  const point = { x1: 0.5, x2: -1.25, y: 0.75, w11: 0.3, w12: -0.2, c1: 0.1, w21: -0.4, w22: 0.6, c2: -0.05, w31: 0.25, w32: 0.15, c3: 0.2, v1: 0.7, v2: -0.5, v3: 0.9, d: 0.05 };

  it('gradcheck passes on the inlined formula, and the backward pass gives the same numbers', () => {
    const p = program(NET);
    const check = gradcheck(p.inlined, params, point);
    expect(check.ok, JSON.stringify(check.worst)).toBe(true);
    const backward = new Map(p.at(point, params).backward.map((b) => [b.name, b.value.number]));
    for (const partial of check.partials) expect(backward.get(partial.variable)!).toBeCloseTo(partial.numeric, 7);
  });
});

// ------------------------------------------------------------ properties

const RUNS = runs(120);
const INPUTS = ['x', 'y', 'w', 'b'] as const;
const SMOOTH = ['sin', 'cos', 'exp', 'tanh', 'sigmoid', 'atan', 'softplus', 'asinh'] as const;
const ROWS = FUNCTION_ROWS.map((r) => [r.name, r.params.length] as const);

/** Random right-hand sides over `names`; `rows` are the callable functions with their arities. */
function rhs(names: readonly string[], rows: readonly (readonly [string, number])[]): fc.Arbitrary<string> {
  const atom = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom('2', '3', '1/2') });
  return fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
      fc.tuple(tie('e'), fc.integer({ min: 2, max: 3 })).map(([a, k]) => `(${a})^${k}`),
      fc.tuple(fc.constantFrom(...rows), tie('e'), tie('e'), tie('e')).map(([[f, n], a, b, c]) => `${f}(${[a, b, c].slice(0, n).join(', ')})`),
    ),
  })).e;
}

/** Programs of 2–6 assignments t1 … tk, each over the inputs and the earlier names. */
function programs(rows: readonly (readonly [string, number])[]): fc.Arbitrary<string> {
  return fc.integer({ min: 2, max: 6 }).chain((k) =>
    fc.tuple(...Array.from({ length: k }, (_, i) => rhs([...INPUTS, ...Array.from({ length: i }, (_, j) => `t${j + 1}`)], rows))).map((rhss) => rhss.map((r, i) => `t${i + 1} = ${r}`).join('; ')),
  );
}

const coordinate = fc.integer({ min: -150, max: 150 }).map((k) => k / 100);
const point = fc.record({ x: coordinate, y: coordinate, w: coordinate, b: coordinate });
const usable = (v: number): boolean => Number.isFinite(v) && Math.abs(v) < 1e4;
const wellScaled = (e: Expr, p: Record<string, number>): boolean => foldDag<boolean>(e, (node, kids) => kids.every(Boolean) && usable(evaluate(node, p)));
const closeTo = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a), Math.abs(b));

const tally = new Map<string, { passed: number; skipped: number; canonical: number }>();
const count = (name: string, outcome: 'passed' | 'skipped', canonical = false): void => {
  const t = tally.get(name) ?? { passed: 0, skipped: 0, canonical: 0 };
  t[outcome]++;
  if (canonical) t.canonical++;
  tally.set(name, t);
};
afterAll(() => {
  console.log([...tally].map(([n, t]) => `  ${n}: ${t.passed} passed (${t.canonical} canonically equal), ${t.skipped} skipped`).join('\n'));
});
const isZero = (e: Expr): boolean => e.kind === 'num' && e.value.n === 0n;

describe('properties of random programs', () => {
  it('the backward pass, expanded, equals the gradient of the inlined formula (canonically or in value, and by finite differences)', () => {
    const name = 'expanded = inlined gradient';
    fc.assert(
      fc.property(programs(SMOOTH.map((f) => [f, 1] as const)), point, (text, at) => {
        const p = parseProgram(text);
        const wrt = p.inputs.filter((v) => (INPUTS as readonly string[]).includes(v));
        if (wrt.length === 0) return count(name, 'skipped');
        const prog = program(text);
        const expanded = expand(p, prog.backward(wrt));
        const inlined = inlinedOutput(p);
        if (!wellScaled(inlined, at)) return count(name, 'skipped');
        let canonical = true;
        for (const v of wrt) {
          const mine = expanded.get(v)!;
          const theirs = derivative(inlined, v).expr;
          const same = mine === theirs || isZero(simplify(add(mine, neg(theirs))));
          canonical &&= same;
          if (!wellScaled(mine, at) || !wellScaled(theirs, at)) return count(name, 'skipped');
          expect(closeTo(evaluate(mine, at), evaluate(theirs, at)), `${text}: ∂/∂${v}`).toBe(true);
          const fd = centralDifference((t) => evaluate(inlined, { ...at, [v]: t }), at[v as keyof typeof at]);
          if (fd.stable) expect(Math.abs(fd.value - evaluate(mine, at)), `${text}: ∂/∂${v} by finite differences`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd.value)));
        }
        count(name, 'passed', canonical);
      }),
      { numRuns: RUNS },
    );
    const t = tally.get(name)!;
    expect(t.passed).toBeGreaterThanOrEqual(RUNS * 0.6);
  });

  // --no-simplify printed ∂L/∂y = -(z - y) as "-z - y": a negated sum lost its brackets (issue 22's combination test found it).
  it('each backward line, as printed, reads back to its adjoint\'s value, simplified or not', () => {
    const name = 'printed line = adjoint';
    // Ending in a squared error, as a network's program does: its line ∂L/∂y is a negated difference.
    const lossPrograms = programs(SMOOTH.map((f) => [f, 1] as const)).map((t) => `${t}; L = (t${t.split(';').length} - y)^2/2`);
    fc.assert(
      fc.property(lossPrograms, point, fc.boolean(), (text, at, simplified) => {
        const prog = program(text, { simplify: simplified });
        const p = prog.parsed;
        const wrt = p.inputs.filter((v) => (INPUTS as readonly string[]).includes(v));
        if (wrt.length === 0) return count(name, 'skipped');
        const scope: Record<string, number> = { ...at };
        for (const a of p.assignments) scope[a.name] = evaluate(a.expr, scope);
        const readable: Record<string, number> = { ...scope };
        for (const line of prog.backward(wrt).lines) {
          const value = evaluate(line.expr, scope);
          if (!usable(value)) return count(name, 'skipped');
          scope[adjointName(p.output, line.name)] = value;
          readable[`adjoint_${line.name}`] = value;
          const printed = lineBody(line, p, 'text').replace(new RegExp(`∂${p.output}/∂(\\w+)`, 'g'), (_, n: string) => `adjoint_${n}`);
          expect(closeTo(evaluate(parse(printed), readable), value), `${text} (simplify ${simplified}): ∂${p.output}/∂${line.name} = ${printed}`).toBe(true);
        }
        count(name, 'passed');
      }),
      { numRuns: RUNS },
    );
    expect(tally.get(name)!.passed).toBeGreaterThanOrEqual(RUNS * 0.6);
  });

  it.each([
    ['z = w*x; L = (z - y)^2/2', false, 'y', '-(z - y)'],
    ['z = w*x; L = (z - y)^2/2', true, 'y', 'y - z'],
  ])('%s (simplify %s): ∂L/∂%s = %s', (text, simplified, v, expected) => {
    const prog = program(text, { simplify: simplified });
    expect(lineBody(prog.backward([v]).lines.find((l) => l.name === v)!, prog.parsed, 'text')).toBe(expected);
  });

  it('each adjoint equals ∂L/∂(that name) computed by substitution, over every row of the rule table', () => {
    const name = 'adjoint = by substitution';
    fc.assert(
      fc.property(programs(ROWS), point, (text, at) => {
        // Substituting can divide by an exact zero where the function itself is undefined (atanh(x^0) = atanh(1)):
        // an UNDEFINED error, never a value, on either side. So can reading it: csc(t2 - t2) is a pole, as 1/(t2 - t2).
        const undefinedHere = (f: () => unknown): boolean => codeOf(f) === 'UNDEFINED';
        if (undefinedHere(() => parseProgram(text))) return count(name, 'skipped');
        const p = parseProgram(text);
        const names = p.assignments.map((a) => a.name).filter((n) => n !== p.output);
        const wrt = [...names, ...p.inputs];
        if (wrt.length === 0) return count(name, 'skipped');
        if (undefinedHere(() => expand(p, program(text).backward(wrt))) || wrt.some((n) => undefinedHere(() => bySubstitution(p, n)))) return count(name, 'skipped');
        const expanded = expand(p, program(text).backward(wrt));
        let canonical = true;
        for (const n of wrt) {
          const mine = expanded.get(n)!;
          const theirs = bySubstitution(p, n);
          const same = mine === theirs || isZero(simplify(add(mine, neg(theirs))));
          canonical &&= same;
          if (same) continue;
          if (!wellScaled(mine, at) || !wellScaled(theirs, at)) return count(name, 'skipped');
          expect(closeTo(evaluate(mine, at), evaluate(theirs, at)), `${text}: ∂L/∂${n}`).toBe(true);
        }
        count(name, 'passed', canonical);
      }),
      { numRuns: RUNS },
    );
    expect(tally.get(name)!.passed).toBeGreaterThanOrEqual(RUNS * 0.6);
  });
});
