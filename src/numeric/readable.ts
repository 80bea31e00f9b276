/**
 * Values as people read them: exact when short (`-50`, `25/2`), exact and decimal when the fraction is
 * longer (`-7209/400 = -18.0225`, `1/7 ≈ 0.142857`), and only the decimal when the exact form is too long
 * to read (`≈ 0.147465`; JSON keeps the exact text). Each function returns what follows an expression,
 * the relation included, so `≈` is never printed as `=`.
 */
import type { PointValue } from './exact-eval.js';

/** A value alone: `25/2`, `0.147465…` as PointValue prints it; NaN (0/0, a pole reached exactly) is `undefined`, an overflow or log(0) ±Infinity. */
export const showValue = (v: PointValue): string => (v.finite ? v.toString() : Number.isNaN(v.number) ? 'undefined' : String(v.number));

/** Exact forms up to this many characters are shown alone. */
const SHORT = 8;
/** Exact forms up to this many characters are shown with their decimal; longer ones only as a decimal. */
const READABLE = 20;

/** `= 12.5` when the double is the exact decimal (15 digits or fewer), else `≈ 0.142857` (6 significant digits). */
function decimalPart(v: PointValue, tex: boolean): string {
  const s = String(v.number);
  const r = v.exact;
  let d = r?.d ?? 0n;
  if (r !== undefined) for (const p of [2n, 5n]) while (d % p === 0n) d /= p;
  const terminating = d === 1n && s.replace(/^-?0?\.?/, '').length <= 15 && !s.includes('e');
  return terminating ? `= ${tex ? texNumber(s) : s}` : `${tex ? '\\approx' : '≈'} ${tex ? texNumber(String(Number(v.number.toPrecision(6)))) : Number(v.number.toPrecision(6))}`;
}

/** 1.25e-7 as 1.25 \times 10^{-7}. */
const texNumber = (s: string): string => s.replace(/e([+-]?\d+)$/, (_, k: string) => ` \\times 10^{${Number(k)}}`);

/** A table cell in LaTeX: the exact value when readable, else `\approx` and the decimal. */
export function valueCellTex(v: PointValue): string {
  const r = v.exact;
  if (r === undefined || v.toString().length <= READABLE) return v.toTex();
  return decimalPart(v, true).replace(/^= /, '');
}

/** What follows `expr` in text: ` = 25/2`, ` = -7209/400 = -18.0225`, ` ≈ 0.147465`. */
export function valueSuffix(v: PointValue, shown: string): string {
  const r = v.exact;
  if (r === undefined || r.d === 1n || shown.length <= SHORT || !shown.includes('/')) return ` = ${shown}`;
  if (shown.length <= READABLE) return ` = ${shown} ${decimalPart(v, false)}`;
  return ` ${decimalPart(v, false)}`;
}

/** The same in LaTeX: ` = \frac{25}{2}`, ` = -\frac{7209}{400} = -18.0225`, ` \approx 0.147465`. */
export function valueSuffixTex(v: PointValue, tex: string): string {
  const r = v.exact;
  const length = r === undefined ? 0 : v.toString().length;
  if (r === undefined || r.d === 1n || length <= SHORT || !tex.includes('\\frac')) return ` = ${tex}`;
  if (length <= READABLE) return ` = ${tex} ${decimalPart(v, true)}`;
  return ` ${decimalPart(v, true)}`;
}

/** A value standing alone (SGD's table): `9/2 (4.5)`, `1/3 (≈0.333333)`, or `≈0.147465` when the fraction is long. */
export function valueWithDecimal(v: PointValue, shown: string): string {
  const r = v.exact;
  if (r === undefined || r.d === 1n || !shown.includes('/')) return shown;
  const dec = decimalPart(v, false);
  const plain = dec.startsWith('=') ? dec.slice(2) : `≈${dec.slice(2)}`;
  return shown.length <= READABLE ? `${shown} (${plain})` : plain;
}
