/**
 * Every generated program is run — JS in Node, Python and NumPy with python3, C compiled with
 * cc -O2 — and compared with deriv's own evaluation of the symbolic derivatives at random points:
 * for every row of the rule table (inside a function that uses the row twice, so sharing and
 * adjoint sums are exercised), for random expressions (fast-check), and for a Hessian, a Jacobian
 * and a program. Many programs go into one process per language. Where python3, NumPy or cc is
 * missing the test says SKIPPED and does not run.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FUNCTION_ROWS, type FunctionRow } from '../rules/functions.js';
import { derivative, evaluate, parse, hessian, jacobian, program, variablesOf } from '../src/index.js';
import { gradientCode, codeProgram } from '../src/code/api.js';
import { close, draw, drawArgument, rng } from './helpers/oracle.js';
import { hasCc, hasNumpy, hasPython, runC, runJs, runNumpy, runPython, type Outputs, type RunCase } from './helpers/code-runners.js';

type Expected = Record<string, number | number[] | number[][]>;
interface Case extends RunCase {
  readonly label: string;
  readonly expected: readonly Expected[];
}

const POINTS = 3;

/** A gradient case: the code by reverse mode; expected values from the symbolic derivatives (simplified), evaluated. */
function gradientCase(label: string, text: string, points: readonly Record<string, number>[], vars?: readonly string[]): Case {
  const f = parse(text);
  const wrt = vars ?? variablesOf(f);
  const partials = wrt.map((v) => derivative(f, v).expr);
  return {
    label,
    program: gradientCode(f, wrt, { value: true }),
    points,
    expected: points.map((pt) => ({ value: evaluate(f, pt), ...Object.fromEntries(wrt.map((v, i) => [v, evaluate(partials[i]!, pt)])) })),
  };
}

const label = (row: FunctionRow): string => `${row.name}(${row.params.join(', ')})`;
const ROW_CASES: Case[] = FUNCTION_ROWS.map((row, r) => {
  const call = `${row.name === 'pow' ? 'pow' : row.name}(${row.params.join(', ')})`;
  const random = rng(1000 + r);
  const points = Array.from({ length: POINTS }, () => Object.fromEntries(row.params.map((p, i) => [p, drawArgument(random, row, i)])));
  // The row twice (a shared node with two parents) and times its first parameter.
  return gradientCase(`row ${label(row)}`, `${call}^2 + ${row.params[0]}*${call}`, points);
});

/** Each row with a compound first argument (p·s at s = 1: the same domain), so templates get an expression, not a name. */
const ROW_CHAIN_CASES: Case[] = FUNCTION_ROWS.map((row, r) => {
  const args = row.params.map((p, i) => (i === 0 ? `${p}*s` : p));
  const random = rng(2000 + r);
  const points = Array.from({ length: POINTS }, () => ({ s: 1, ...Object.fromEntries(row.params.map((p, i) => [p, drawArgument(random, row, i)])) }));
  return gradientCase(`row ${label(row)} of p*s`, `${row.name}(${args.join(', ')})`, points, [...row.params, 's']);
});

/** Random smooth expressions in x and y. */
const leaf = fc.constantFrom('x', 'y', '2', '1/3', 'x*y');
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a}) + (${b})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a})*(${b})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a}) - (${b})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a})/(1 + (${b})^2)`),
    fc.tuple(tie('e'), fc.constantFrom(2, 3)).map(([a, k]) => `(${a})^${k}`),
    fc.tuple(fc.constantFrom('sin', 'cos', 'tanh', 'sigmoid', 'atan', 'softplus'), tie('e')).map(([fn, a]) => `${fn}(${a})`),
    tie('e').map((a) => `exp(tanh(${a}))`),
    tie('e').map((a) => `log(1 + (${a})^2)`),
    tie('e').map((a) => `sqrt(2 + sin(${a}))`),
  ),
})).e;
const RANDOM_CASES: Case[] = fc.sample(expr, { numRuns: 40 }).map((text, i) => {
  const random = rng(7 + i);
  const points = Array.from({ length: POINTS }, () => ({ x: -1.5 + 3 * random(), y: -1.5 + 3 * random() }));
  return gradientCase(`random ${text}`, text, points, ['x', 'y']);
});

/** A Hessian, a Jacobian and a program, each against its own symbolic entries. */
function matrixCase(labelText: string, m: ReturnType<typeof hessian>, points: readonly Record<string, number>[]): Case {
  return {
    label: labelText,
    program: codeProgram(m, { value: true }),
    points,
    expected: points.map((pt) => ({
      value: m.kind === 'hessian' ? evaluate(m.inputs[0]!, pt) : m.inputs.map((f) => evaluate(f, pt)),
      [m.kind]: m.rows.map((r) => r.map((e) => evaluate(e, pt))),
    })),
  };
}
const NN = 'z = w1*x + b1; h = tanh(z); y_hat = w2*h + b2; L = (y_hat - y)^2/2';
const nnPoints = [{ x: 0.5, y: 1.25, w1: 0.75, b1: -0.5, w2: 1.5, b2: 0.25 }, { x: -1, y: 0.5, w1: 2, b1: 1, w2: -0.5, b2: 0 }];
const STRUCTURED: Case[] = [
  matrixCase('hessian x*w^2 + b^2*sin(x)', hessian('x*w^2 + b^2*sin(x)'), [{ x: 0.5, w: 2, b: -1 }, { x: 1.5, w: -0.25, b: 3 }]),
  matrixCase('jacobian x*y; x+y^2; exp(x*y)', jacobian(['x*y', 'x+y^2', 'exp(x*y)']), [{ x: 0.5, y: 2 }, { x: -1, y: 0.3 }]),
  {
    label: `program ${NN}`,
    program: codeProgram(program(NN), { value: true, wrt: ['w1', 'b1', 'w2', 'b2', 'h'] }),
    points: nnPoints,
    expected: nnPoints.map((pt) => {
      const p = program(NN);
      const back = p.at(pt, ['w1', 'b1', 'w2', 'b2', 'h']);
      const forward = new Map(back.forward.map((f) => [f.name, f.value.number]));
      return { value: forward.get('L')!, ...Object.fromEntries(back.backward.filter((b) => ['w1', 'b1', 'w2', 'b2', 'h'].includes(b.name)).map((b) => [b.name, b.value.number])) };
    }),
  },
];

/** Names that are keywords, library names or prototype names in some target language. */
const NAMES = '__proto__*constructor + lambda^2 + double*θ + def*int + sin(Math)*np + exp(main)';
const NAME_CASES: Case[] = [gradientCase('keyword and prototype names', NAMES, [{ __proto__: 0.5, constructor: 1.5, lambda: -2, double: 3, θ: 0.25, def: 1, int: -1, Math: 0.7, np: 2, main: 0.1 }].map((p) => JSON.parse(JSON.stringify(p).replace('{', '{"__proto__": 0.5, ')) as Record<string, number>))];

const ALL: Case[] = [...ROW_CASES, ...ROW_CHAIN_CASES, ...RANDOM_CASES, ...STRUCTURED, ...NAME_CASES];

function compare(cases: readonly Case[], got: Outputs[][], language: string): void {
  const failures: string[] = [];
  const same = (a: unknown, b: unknown): boolean =>
    Array.isArray(b) ? Array.isArray(a) && a.length === b.length && b.every((x, i) => same(a[i], x)) : typeof a === 'number' && typeof b === 'number' && close(a, b, 1e-8);
  cases.forEach((c, i) =>
    c.expected.forEach((exp, k) => {
      for (const [key, want] of Object.entries(exp)) {
        const have = got[i]![k]![key];
        if (!same(have, want)) failures.push(`${c.label} at ${JSON.stringify(c.points[k])}: ${key} = ${JSON.stringify(have)}, expected ${JSON.stringify(want)}`);
      }
    }),
  );
  expect(failures, `${language}: ${failures.length} mismatches`).toEqual([]);
}

/**
 * Issue 27 (findings 5 and 6): at the edges — overflow, poles, no real value, NaN in — every language gives the
 * answer JS gives for the same program (NaN for NaN, ±∞ for ±∞), and its value is deriv's own evaluate().
 */
const EDGE_U = [0, -0.5, 1, -1, 2.5, -2.5, 1000, -1000, NaN];
const EDGE_A = [0, -8, 0.5, 1000, -1000, NaN];
const EDGE_B = [0, 1 / 3, 3, -1, 1000, NaN];
const EDGE_CASES: (RunCase & { readonly label: string; readonly text: string })[] = FUNCTION_ROWS.map((row) => {
  const [p, ...rest] = row.params as [string, ...string[]];
  // One parameter: EDGE_U; more: EDGE_A for the first, EDGE_B for each other (clamp's bounds too).
  let points: Record<string, number>[] = rest.length === 0 ? EDGE_U.map((u) => ({ [p]: u })) : EDGE_A.map((a) => ({ [p]: a }));
  for (const q of rest) points = points.flatMap((pt) => EDGE_B.map((b) => ({ ...pt, [q]: b })));
  const text = `${row.name}(${row.params.join(', ')})`;
  return { label: `row ${label(row)}`, text, program: gradientCode(parse(text), row.params, { value: true }), points };
});
/** Equal as IEEE results: both NaN, the same infinity, or close. */
const sameIeee = (a: unknown, b: unknown): boolean =>
  Array.isArray(b)
    ? Array.isArray(a) && a.length === b.length && b.every((x, i) => sameIeee(a[i], x))
    : typeof a === 'number' && typeof b === 'number' && (Number.isNaN(a) ? Number.isNaN(b) : Number.isFinite(a) && Number.isFinite(b) ? close(a, b, 1e-9) : a === b);

function compareEdges(got: Outputs[][], want: Outputs[][], language: string): void {
  const failures: string[] = [];
  EDGE_CASES.forEach((c, i) =>
    c.points.forEach((pt, k) => {
      for (const [key, value] of Object.entries(want[i]![k]!))
        if (!sameIeee(got[i]![k]![key], value)) failures.push(`${c.label} at ${JSON.stringify(pt, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}: ${key} = ${String(got[i]![k]![key])}, JS ${String(value)}`);
    }),
  );
  expect(failures, `${language}: ${failures.length} answers differ from JS's`).toEqual([]);
}

describe('generated code at the edges: overflow, poles, no real value and NaN give the same answer in every language', () => {
  const js = runJs(EDGE_CASES);
  it(`JavaScript's value is deriv's own evaluate() (${EDGE_CASES.length} rows, ${EDGE_CASES.reduce((n, c) => n + c.points.length, 0)} points)`, () => {
    const failures: string[] = [];
    EDGE_CASES.forEach((c, i) =>
      c.points.forEach((pt, k) => {
        const expected = evaluate(parse(c.text), pt);
        if (!sameIeee(js[i]![k]!['value'], expected)) failures.push(`${c.label} at ${JSON.stringify(pt)}: ${String(js[i]![k]!['value'])}, evaluate ${expected}`);
      }),
    );
    expect(failures).toEqual([]);
  });
  const py = hasPython ? it : it.skip;
  if (!hasPython) console.warn('SKIPPED generated Python at the edges: python3 is not available');
  py('Python (before: OverflowError, ValueError, ZeroDivisionError, complex numbers)', () => compareEdges(runPython(EDGE_CASES), js, 'python'), 60_000);
  const np = hasNumpy ? it : it.skip;
  if (!hasNumpy) console.warn('SKIPPED generated NumPy at the edges: python3 with numpy is not available');
  np('NumPy', () => compareEdges(runNumpy(EDGE_CASES), js, 'numpy'), 60_000);
  const cc = hasCc ? it : it.skip;
  if (!hasCc) console.warn('SKIPPED generated C at the edges: no C compiler (cc) on this machine');
  cc('C (before: fmax(NaN, 0) = 0, heaviside(NaN) = 0)', () => compareEdges(runC(EDGE_CASES), js, 'c'), 120_000);
});

describe('generated code, run, agrees with the symbolic derivatives', () => {
  it('the expected values are finite (the points are inside every domain)', () => {
    for (const c of ALL) for (const e of c.expected) for (const v of Object.values(e).flat(2)) expect(Number.isFinite(v), c.label).toBe(true);
  });
  it(`JavaScript (${ALL.length} programs, in Node)`, () => compare(ALL, runJs(ALL), 'js'));

  const py = hasPython ? it : it.skip;
  if (!hasPython) console.warn('SKIPPED generated Python: python3 is not available');
  py(`Python (${ALL.length} programs, one python3 process)`, () => compare(ALL, runPython(ALL), 'python'), 60_000);

  const np = hasNumpy ? it : it.skip;
  if (!hasNumpy) console.warn('SKIPPED generated NumPy: python3 with numpy is not available');
  np(`NumPy (${ALL.length} programs, vectorised over the points)`, () => compare(ALL, runNumpy(ALL), 'numpy'), 60_000);

  const c = hasCc ? it : it.skip;
  if (!hasCc) console.warn('SKIPPED generated C: no C compiler (cc) on this machine');
  c(`C (${ALL.length} programs, one cc -O2 build)`, () => compare(ALL, runC(ALL), 'c'), 120_000);
});
