/**
 * Verification: central finite differences of f at the case's point, and the
 * comparison a tool's values must pass. f is evaluated with deriv's evaluator
 * (plain double-precision arithmetic over the parsed input, no differentiation
 * involved), so the reference never comes from any tool's derivative.
 */
import { parse, evaluate } from '../dist/index.js';

/** Up to this many partials of a gradient are checked (a random sample, the same every run). */
export const MAX_CHECKED = 12;

/** The variables of a case whose partials are checked: all, or an evenly spread sample. */
export function checkedVariables(c) {
  if (c.wrt.length <= MAX_CHECKED) return [...c.wrt];
  const step = c.wrt.length / MAX_CHECKED;
  return Array.from({ length: MAX_CHECKED }, (_, i) => c.wrt[Math.floor(i * step + step / 2)]);
}

/**
 * For each checked variable, central differences at several step sizes (the
 * best step depends on how curved f is: the logistic map's third derivative
 * at n = 10 is ~1e9). A value passes if it is close to any of them.
 */
export function reference(c) {
  const f = parse(c.text);
  const at = (v, h) => evaluate(f, { ...c.point, [v]: c.point[v] + h });
  const out = {};
  for (const v of checkedVariables(c)) {
    const scale = Math.max(1, Math.abs(c.point[v]));
    out[v] = [1e-4, 1e-5, 1e-6, 1e-7].map((h) => (at(v, h * scale) - at(v, -h * scale)) / (2 * h * scale));
  }
  return out;
}

const TOLERANCE = 1e-5;

/** undefined when every checked value agrees with the reference, else a short reason. */
export function verify(ref, values) {
  if (values === undefined) return 'no values';
  for (const [v, estimates] of Object.entries(ref)) {
    const got = values[v];
    if (typeof got !== 'number' || !Number.isFinite(got)) return `∂/∂${v} is ${got}`;
    const ok = estimates.some((fd) => Number.isFinite(fd) && Math.abs(got - fd) <= TOLERANCE * Math.max(1, Math.abs(fd)));
    if (!ok) return `∂/∂${v} = ${got}, finite differences ${estimates[1]}`;
  }
  return undefined;
}
