/**
 * Plain gradient descent on a loss written as an expression.
 *
 * Contract of `sgd(loss, params, point, lr, steps)`: the gradient with respect to
 * `params` is computed once, symbolically; then `steps` updates
 * p ← p − lr·∂loss/∂p (all parameters from the same old values) are applied.
 * Names of the point that are not parameters are data and stay fixed. The
 * result has steps + 1 entries: entry 0 is the start, entry k the parameters and
 * loss after k updates. Arithmetic is exact while the point, lr and gradient are
 * (seed 000, lr 0.01: w 9/2, b 101/20, loss 1/800 after one step); rationals past
 * MAX_EXACT_BITS and non-rational values continue in double precision.
 * A gradient or loss that stops being a finite real (divergence, a pole) is an
 * UNDEFINED error naming the step. String(step) is the CLI's line for it (src/print/sgd-line.ts).
 */
import { withInspect, withToString } from '../inspect.js';
import { sgdLine, sgdValue } from '../print/sgd-line.js';
import type { Expr } from '../core/expr.js';
import { gradient, readExpression, variablesOf } from '../api.js';
import type { DomainGuard } from '../parse/domain.js';
import { DerivError } from '../errors.js';
import { checkVariableName } from '../names.js';
import { mulQ, subQ } from '../core/rational.js';
import { type Point, PointValue, valueAt, requireVariables, type Within, decimalsFor } from './exact-eval.js';
import { type PointInput, type PointInputValue, toPoint } from './point.js';

export interface SgdStep {
  /** 0 for the start, k after k updates. */
  readonly step: number;
  /** The parameters' values (in the order given). */
  readonly params: ReadonlyMap<string, PointValue>;
  readonly loss: PointValue;
  /** The CLI's line for the step: `step 1: w = 9/2 (4.5), b = 101/20 (5.05), loss = 1/800 (0.00125)`. */
  toString(): string;
}

/** Most updates one call may run. */
export const MAX_SGD_STEPS = 100_000;

function learningRate(lr: PointInputValue): PointValue {
  const v = toPoint(new Map([['lr', lr]])).get('lr')!;
  if (!(v.number > 0)) throw new DerivError('BAD_OPTION', `the learning rate must be a positive number, got ${v.toString()}`);
  return v;
}

/** p − lr·g, exact when all three are exact rationals. */
function update(p: PointValue, lr: PointValue, g: PointValue): PointValue {
  const [ep, el, eg] = [p.exact, lr.exact, g.exact];
  // Decimals stay decimals: w=4.05 steps to 4.5, not 9/2.
  if (ep !== undefined && el !== undefined && eg !== undefined) return PointValue.exact(subQ(ep, mulQ(el, eg))).asDecimal(p.decimal || lr.decimal);
  return PointValue.approximate(p.number - lr.number * g.number);
}

export interface SgdOptions {
  /** The domain guards of a loss given as an Expr read from text (readExpression's `domain`). */
  readonly domain?: readonly DomainGuard[];
}

export function sgd(input: string | Expr, params: readonly string[], pointInput: PointInput, lr: PointInputValue, steps: number, options: SgdOptions = {}): SgdStep[] {
  const read = typeof input === 'string' ? readExpression(input) : undefined;
  const expr = read?.expr ?? (input as Expr);
  // Values answer for the loss as written: where it has no value (sqrt(w)^2 at w < 0), SGD stops with UNDEFINED.
  const within: Within = { input: expr, guards: read?.domain ?? options.domain ?? [] };
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_SGD_STEPS)
    throw new DerivError('BAD_OPTION', `the number of steps must be a whole number from 0 to ${MAX_SGD_STEPS}, got ${String(steps)}`);
  const names = params.map((p) => checkVariableName(p));
  if (names.length === 0) throw new DerivError('BAD_VARIABLE', 'name the parameters to update (e.g. w,b)');
  const rate = learningRate(lr);
  let point: Point = decimalsFor(toPoint(pointInput), names, rate.decimal);
  for (const p of names)
    if (!point.has(p)) throw new DerivError('BAD_VARIABLE', `no starting value for the parameter '${p}'`, { hint: `add it to the point, e.g. ${p}=0` });
  const order = variablesOf(expr);
  requireVariables(expr, point, order);
  const partials = gradient(expr, names);

  const snapshot = (k: number): SgdStep => {
    const loss = valueAt(expr, point, order, within);
    if (!loss.finite) throw new DerivError('UNDEFINED', `the loss is not a finite real number after step ${k} (${loss.note ?? loss.toString()})`, { hint: 'a smaller learning rate may help' });
    const params = new Map(names.map((p) => [p, point.get(p)!]));
    const row = { step: k, params, loss };
    return withToString(
      withInspect(row, () => `SgdStep ${k}: ${[...params].map(([p, v]) => `${p} = ${v.toString()}`).join(', ')}, loss = ${loss.toString()}`),
      () => sgdLine(row, 'loss', sgdValue),
    );
  };
  const out: SgdStep[] = [snapshot(0)];
  for (let k = 1; k <= steps; k++) {
    const g = partials.map((d) => valueAt(d.expr, point, order, within));
    const bad = g.findIndex((v) => !v.finite);
    if (bad >= 0) throw new DerivError('UNDEFINED', `∂/∂${names[bad]!} is not a finite real number at step ${k}`, { hint: 'a smaller learning rate may help' });
    const next = new Map(point);
    names.forEach((p, i) => next.set(p, update(point.get(p)!, rate, g[i]!)));
    point = next;
    out.push(snapshot(k));
  }
  return out;
}
