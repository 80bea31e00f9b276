/**
 * Axis ticks at "nice" numbers: steps of 1, 2 or 5 times a power of ten, about `count` of them over
 * [lo, hi], labelled without floating-point noise (0.30000000000000004 is written 0.3).
 * Hand-written instead of d3-scale: these dozen lines are all of d3's tick logic the plot uses.
 */

/** The nice step for about `count` ticks over a span. */
export function tickStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

/** Ticks k·step inside [lo, hi]. */
export function ticks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const step = tickStep(hi - lo, count);
  const out: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) out.push(clean(k * step, step));
  // Rounding away the noise may move an end tick just outside the range (far from 0, in the last digit).
  return out.filter((t) => t >= lo - step * 1e-9 && t <= hi + step * 1e-9);
}

/** k·step rounded to the step's decimals (and -0 written 0). */
function clean(v: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const r = Number(v.toFixed(Math.min(20, decimals)));
  return r === 0 ? 0 : r;
}

/** A tick label: plain for ordinary sizes, exponent form for very large or small ones. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e6 || a < 1e-4 ? v.toExponential().replace(/\.?0+e/, 'e').replace('e+', 'e') : String(v);
  return s.replace('-', '−');
}
