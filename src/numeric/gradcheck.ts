/**
 * Gradient check against finite differences, in the manner of PyTorch's
 * torch.autograd.gradcheck: every symbolic partial, evaluated in double
 * precision, is compared with the central difference
 * (f(p + eps·eᵢ) − f(p − eps·eᵢ)) / (2·eps); a partial passes when
 * |analytic − numeric| ≤ atol + rtol·|numeric| (PyTorch's defaults: eps 1e-6,
 * atol 1e-5, rtol 1e-3). The report names the worst partial (largest error
 * relative to its tolerance) and lists every partial. Kinks hit at the point
 * are reported too: there the difference quotient straddles the switch and the
 * symbolic side follows heaviside(0) = 0, so a mismatch is expected.
 */
import type { Expr } from '../core/expr.js';
import { gradient, parse, variablesOf } from '../api.js';
import { evaluate } from '../evaluate.js';
import { DerivError } from '../errors.js';
import { checkVariableName } from '../names.js';
import { type Point, kinksAt, kinkNote, requireVariables, type Kink } from './exact-eval.js';
import { withInspect, withToString } from '../inspect.js';
import { textHeading } from '../print/heading.js';
import { type PointInput, toPoint } from './point.js';

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  readonly eps?: number;
  /** Absolute tolerance (default 1e-5). */
  readonly atol?: number;
  /** Relative tolerance (default 1e-3). */
  readonly rtol?: number;
}

export interface PartialCheck {
  readonly variable: string;
  readonly analytic: number;
  readonly numeric: number;
  /** |analytic − numeric|. */
  readonly error: number;
  /** atol + rtol·|numeric|. */
  readonly tolerance: number;
  readonly ok: boolean;
}

export interface GradcheckResult {
  readonly ok: boolean;
  /** The partial with the largest error / tolerance. */
  readonly worst: PartialCheck;
  readonly partials: readonly PartialCheck[];
  readonly kinks: readonly Kink[];
  /**
   * One line (the CLI has no gradcheck to copy): `ok: worst ∂/∂w = 1.64872 against 1.64872 by central
   * differences, error 8.11e-11 ≤ tolerance 0.00165`, `failed: …, error 1 > tolerance 0.00101`, and the kink
   * note when a kink is hit.
   */
  toString(): string;
}

function positive(value: number | undefined, fallback: number, what: string, allowZero = false): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) throw new DerivError('BAD_OPTION', `${what} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${String(value)}`);
  return v;
}

export function gradcheck(input: string | Expr, vars: readonly string[] | undefined, pointInput: PointInput, options: GradcheckOptions = {}): GradcheckResult {
  const expr = typeof input === 'string' ? parse(input) : input;
  const eps = positive(options.eps, 1e-6, 'eps');
  const atol = positive(options.atol, 1e-5, 'atol', true);
  const rtol = positive(options.rtol, 1e-3, 'rtol', true);
  const order = variablesOf(expr);
  const names = (vars ?? order).map((v) => checkVariableName(v));
  if (names.length === 0) throw new DerivError('BAD_VARIABLE', 'no variable to check the gradient for');
  const point: Point = toPoint(pointInput);
  requireVariables(expr, point, order);
  for (const v of names) if (!point.has(v)) throw new DerivError('BAD_VARIABLE', `no value given for the variable '${v}'`, { hint: `add it to the point, e.g. ${v}=1` });
  const scope = new Map<string, number>([...point].map(([k, v]) => [k, v.number]));
  const partials = gradient(expr, names).map((d, i): PartialCheck => {
    const v = names[i]!;
    const x = scope.get(v)!;
    const at = (t: number): number => evaluate(expr, new Map(scope).set(v, t));
    const numeric = (at(x + eps) - at(x - eps)) / (2 * eps);
    const analytic = evaluate(d.expr, scope);
    const error = Math.abs(analytic - numeric);
    const tolerance = atol + rtol * Math.abs(numeric);
    return { variable: v, analytic, numeric, error, tolerance, ok: error <= tolerance };
  });
  const badness = (p: PartialCheck): number => (Number.isNaN(p.error) ? Infinity : p.error / p.tolerance);
  const worst = partials.reduce((a, b) => (badness(b) > badness(a) ? b : a));
  const r = { ok: partials.every((p) => p.ok), worst, partials, kinks: kinksAt(expr, point) };
  const text = (): string => {
    const w = r.worst;
    const note = kinkNote(r.kinks, order);
    return `${r.ok ? 'ok' : 'failed'}: worst ${textHeading([w.variable])} = ${digits(w.analytic, 6)} against ${digits(w.numeric, 6)} by central differences, error ${digits(w.error, 3)} ${w.ok ? '≤' : '>'} tolerance ${digits(w.tolerance, 3)}${note === undefined ? '' : `; note: ${note}`}`;
  };
  return withInspect(withToString(r, text), () => `GradcheckResult ${text()}`);
}

/** A double to `n` significant digits, as JavaScript prints it (`8.11e-11`, `0.00165`, `NaN`). */
const digits = (x: number, n: number): string => String(Number.isFinite(x) ? Number(x.toPrecision(n)) : x);
