/**
 * Printing matrix values: exact entries as integers or fractions, others as decimals. With `decimals` (the
 * request was written with decimals: --at w=[0.5, 1.5], --sgd 0.1) an exact entry that is a finite decimal
 * prints as one (0.25, not 1/4); JSON keeps the fraction.
 */
import type { Expr } from '../core/expr.js';
import { evaluate } from '../evaluate.js';
import { decimalText } from '../parse/decimals.js';
import type { MatrixValue } from './evaluate.js';

export function entryText(e: Expr, decimals = false): string {
  if (e.kind === 'num' && decimals && e.value.d !== 1n) {
    const magnitude = decimalText(e.value.n < 0n ? -e.value.n : e.value.n, e.value.d);
    if (magnitude !== undefined) return e.value.n < 0n ? `-${magnitude}` : magnitude;
  }
  if (e.kind === 'num') return e.value.d === 1n ? e.value.n.toString() : `${e.value.n}/${e.value.d}`;
  return String(Number(evaluate(e).toPrecision(12)));
}
export function entryJson(e: Expr): number | string {
  if (e.kind === 'num' && e.value.d === 1n && Number.isSafeInteger(Number(e.value.n))) return Number(e.value.n);
  if (e.kind === 'num') return `${e.value.n}/${e.value.d}`;
  return evaluate(e);
}

/** 24, [177, 201, 225], [[1, 2], [3, 4]]. */
export function valueText(v: MatrixValue, decimals = false): string {
  const entry = (e: Expr): string => entryText(e, decimals);
  if (v.length === 1 && v[0]!.length === 1) return entry(v[0]![0]!);
  if (v[0]!.length === 1) return `[${v.map((r) => entry(r[0]!)).join(', ')}]`;
  return `[${v.map((r) => `[${r.map(entry).join(', ')}]`).join(', ')}]`;
}
export function valueJson(v: MatrixValue): unknown {
  if (v.length === 1 && v[0]!.length === 1) return entryJson(v[0]![0]!);
  if (v[0]!.length === 1) return v.map((r) => entryJson(r[0]!));
  return v.map((r) => r.map(entryJson));
}
export function valueTex(v: MatrixValue, decimals = false): string {
  const tex = (e: Expr): string => {
    const t = entryText(e, decimals);
    const m = /^(-?)(\d+)\/(\d+)$/.exec(t);
    return m ? `${m[1]}\\frac{${m[2]}}{${m[3]}}` : t;
  };
  if (v.length === 1 && v[0]!.length === 1) return tex(v[0]![0]!);
  return `\\begin{pmatrix} ${v.map((r) => r.map(tex).join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}
