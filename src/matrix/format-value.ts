/** Printing matrix values: exact entries as integers or fractions, others as decimals. */
import type { Expr } from '../core/expr.js';
import { evaluate } from '../evaluate.js';
import type { MatrixValue } from './evaluate.js';

export function entryText(e: Expr): string {
  if (e.kind === 'num') return e.value.d === 1n ? e.value.n.toString() : `${e.value.n}/${e.value.d}`;
  return String(Number(evaluate(e).toPrecision(12)));
}
export function entryJson(e: Expr): number | string {
  if (e.kind === 'num' && e.value.d === 1n && Number.isSafeInteger(Number(e.value.n))) return Number(e.value.n);
  if (e.kind === 'num') return `${e.value.n}/${e.value.d}`;
  return evaluate(e);
}

/** 24, [177, 201, 225], [[1, 2], [3, 4]]. */
export function valueText(v: MatrixValue): string {
  if (v.length === 1 && v[0]!.length === 1) return entryText(v[0]![0]!);
  if (v[0]!.length === 1) return `[${v.map((r) => entryText(r[0]!)).join(', ')}]`;
  return `[${v.map((r) => `[${r.map(entryText).join(', ')}]`).join(', ')}]`;
}
export function valueJson(v: MatrixValue): unknown {
  if (v.length === 1 && v[0]!.length === 1) return entryJson(v[0]![0]!);
  if (v[0]!.length === 1) return v.map((r) => entryJson(r[0]!));
  return v.map((r) => r.map(entryJson));
}
export function valueTex(v: MatrixValue): string {
  const tex = (e: Expr): string => {
    const t = entryText(e);
    const m = /^(-?)(\d+)\/(\d+)$/.exec(t);
    return m ? `${m[1]}\\frac{${m[2]}}{${m[3]}}` : t;
  };
  if (v.length === 1 && v[0]!.length === 1) return tex(v[0]![0]!);
  return `\\begin{pmatrix} ${v.map((r) => r.map(tex).join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}
