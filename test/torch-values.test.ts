/**
 * deriv against PyTorch's autograd, from values recorded once (test/data/torch-kinks.json, written by
 * scripts/torch-kinks.py with PyTorch 1.13 in float64), so this suite needs no PyTorch:
 * - at kinks, every derivative is the value PyTorch computes there (relu′(0) = 0, leaky_relu′(0) = slope,
 *   clamp passes the gradient at its bounds, hardtanh does not, max/min ties ½/½, ELU written with max/min …);
 * - at ordinary points, every PyTorch op's value and gradient;
 * - at |z| = 1000, the stable ones (logaddexp, softplus, sigmoid, logsigmoid and their written-out forms)
 *   are finite and right: in the evaluator, in values at a point (`--at`) and in generated code.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { derivative, evaluate, parse } from '../src/index.js';
import { compile } from '../src/code/api.js';
import { valueAt } from '../src/numeric/exact-eval.js';
import { toPoint } from '../src/numeric/point.js';
import { close } from './helpers/oracle.js';

interface TorchCase {
  readonly expr: string;
  readonly torch: string;
  readonly point: Readonly<Record<string, number>>;
  readonly kink: boolean;
  /** null: NaN. */
  readonly value: number | null;
  readonly grad: Readonly<Record<string, number | null>>;
  /** Why PyTorch's own value is only float32-accurate here. */
  readonly float32?: string;
}

const DATA = JSON.parse(readFileSync(new URL('./data/torch-kinks.json', import.meta.url), 'utf8')) as { torch: string; cases: TorchCase[] };
const at = (c: TorchCase): string => Object.entries(c.point).map(([k, v]) => `${k}=${v}`).join(',');
const tolerance = (c: TorchCase): number => (c.float32 === undefined ? 1e-12 : 1e-7);
const GRADIENTS = DATA.cases.flatMap((c) => Object.entries(c.grad).map(([v, g]) => [`∂(${c.expr})/∂${v} at ${at(c)} -> ${g}`, c, v, g] as const));

describe(`derivatives as PyTorch ${DATA.torch} computes them (float64 autograd, recorded)`, () => {
  it('the recording has the kinks the issue lists', () => {
    const kinks = DATA.cases.filter((c) => c.kink).map((c) => c.expr);
    for (const op of ['relu(x)', 'leaky_relu(x)', 'elu(x)', 'clamp(x, lo, hi)', 'hardtanh(x)', 'relu6(x)', 'hardsigmoid(x)', 'hardswish(x)', 'abs(x)', 'max(x, y)', 'min(x, y)'])
      expect(kinks).toContain(op);
  });

  it.each(GRADIENTS)('%s', (_name, c, v, g) => {
    const d = derivative(c.expr, v);
    const want = g ?? NaN;
    expect(close(d.evaluate(c.point), want, tolerance(c)), `evaluate: ${d.evaluate(c.point)}`).toBe(true);
    expect(close(d.at(toPoint(c.point)).number, want, tolerance(c)), `at: ${d.at(toPoint(c.point)).number}`).toBe(true);
  });

  it.each(DATA.cases.map((c) => [`${c.expr} at ${at(c)} -> ${c.value}`, c] as const))('value: %s', (_name, c) => {
    const f = parse(c.expr);
    expect(close(evaluate(f, c.point), c.value ?? NaN, tolerance(c)), `evaluate: ${evaluate(f, c.point)}`).toBe(true);
    expect(close(valueAt(f, toPoint(c.point)).number, c.value ?? NaN, tolerance(c))).toBe(true);
  });
});

describe('stable at |z| = 1000: generated code (JS, compiled) for the derivatives', () => {
  const LARGE = DATA.cases.filter((c) => Object.values(c.point).some((x) => Math.abs(x) === 1000));
  it('there are such cases', () => expect(LARGE.length).toBeGreaterThanOrEqual(10));
  it.each(LARGE.map((c) => [`${c.expr} at ${at(c)}`, c] as const))('%s', (_name, c) => {
    const vars = Object.keys(c.grad);
    const fn = compile(vars.map((v) => derivative(c.expr, v)));
    const out = fn(c.point);
    for (const v of vars) expect(close(out[v] as number, c.grad[v] ?? NaN, 1e-12), `${v}: ${JSON.stringify(out)}`).toBe(true);
  });
});

describe('the overflow the issue reports is gone', () => {
  it.each([
    ['log(exp(x)+exp(y))', 'x', { x: 1000, y: 0 }, 1],
    ['log(exp(x)+exp(y)+exp(z))', 'x', { x: 1000, y: 0, z: -3 }, 1],
    ['log(exp(800)+exp(x)+exp(-3))', 'x', { x: 0 }, 0],
    ['exp(x)/(exp(x)+exp(y))', 'x', { x: 1000, y: 0 }, 0],
  ] as const)('d/d%2$s %1$s at %3$j -> %4$d', (f, v, point, want) => {
    const d = derivative(f, v);
    expect(close(d.evaluate(point), want, 1e-12)).toBe(true);
    expect(close(d.at(toPoint(point)).number, want, 1e-12)).toBe(true);
  });
  it.each([
    ['log(exp(x)+exp(y))', { x: 1000, y: 0 }, 1000],
    ['log(exp(x)+exp(y)+exp(z))', { x: 800, y: 0, z: -3 }, 800],
    ['sqrt(exp(x))', { x: 1000 }, Math.exp(500)],
  ] as const)('%s at %j -> %d', (f, point, want) => {
    expect(close(evaluate(parse(f), point), want, 1e-12)).toBe(true);
    expect(close(valueAt(parse(f), toPoint(point)).number, want, 1e-12)).toBe(true);
  });
  it.each([
    ['log(0*x + 0)', { x: 1 }],
    ['sqrt(x)', { x: -1 }],
    ['sin(exp(x))', { x: 1000 }],
  ] as const)('%s at %j stays undefined (a true infinity or NaN is not rescued)', (f, point) => {
    expect(Number.isFinite(evaluate(parse(f), point))).toBe(false);
  });
});
