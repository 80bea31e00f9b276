/**
 * A claimed derivative's verdict as the CLI's --check prints it, one line:
 *   correct: ∂/∂w = x*(w*x + b - y) (the difference simplifies to 0)
 *   correct: ∂/∂w = x*(w*x + b - y) (-50 at x=10, y=50, w=4, b=5)
 *   correct: ∂/∂x = … (agrees at 24 random points (not proved symbolically))
 *   wrong: at x=10, y=50, w=4, b=5, ∂/∂w = x*(w*x + b - y) = -50, but the claim is -5
 * The CLI (src/answer/numbers.ts) and String(check(…)) both print through here.
 */
import type { CheckResult } from '../numeric/check.js';
import { type Point, valueAt, pointText } from '../numeric/exact-eval.js';
import { showValue } from '../numeric/readable.js';
import type { Derivative } from '../api.js';
import { textHeading } from './heading.js';
import { toText } from './text.js';

/**
 * The verdict. `at`: the point of a check at one point (the derivative's value there is said when the claim is
 * right); `d`: the derivative shown (default the one compared; the CLI shows its own, computed with its options).
 */
export function checkText(c: CheckResult, at: Point | undefined, d: Derivative = c.derivative): string {
  const heading = textHeading(d.variables);
  const ce = c.counterexample;
  if (ce !== undefined) {
    const claimPart = ce.claim.expr !== undefined && c.claim === ce.claim.expr ? `the claim is ${showValue(ce.claim)}` : `the claim ${toText(c.claim, { order: d.order })} gives ${showValue(ce.claim)}`;
    return `wrong: at ${pointText(ce.point)}, ${heading} = ${d.toString()} = ${showValue(ce.derivative)}, but ${claimPart}`;
  }
  const how =
    c.method === 'symbolic' ? 'the difference simplifies to 0'
    : c.method === 'point' ? (at === undefined ? 'at the point' : `${showValue(valueAt(d.expr, at, d.order, { input: d.input, guards: d.domain }))} at ${pointText(at)}`)
    : `agrees at ${c.points} random points (not proved symbolically)`;
  return `correct: ${heading} = ${d.toString()} (${how})`;
}
