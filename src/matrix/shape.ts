/**
 * Shapes for the matrix language: rows × cols, each a number or a symbolic
 * size (`n`, `d`). A vector of length d is the column d×1; a scalar is 1×1.
 * Declared with `--shape X=n×d,w=d,y=n` (`x` works for ×) or, in the library,
 * `{ shapes: { X: 'n×d', w: 'd' } }`. Undeclared names are scalars.
 */
import { DerivError } from '../errors.js';
import { type Expr, num, sym, mul } from '../core/expr.js';
import { checkVariableName } from '../names.js';

export type Dim = number | string;
export interface Shape {
  readonly rows: Dim;
  readonly cols: Dim;
}
export const SCALAR: Shape = Object.freeze({ rows: 1, cols: 1 });

export const isScalar = (s: Shape): boolean => s.rows === 1 && s.cols === 1;
export const sameShape = (a: Shape, b: Shape): boolean => a.rows === b.rows && a.cols === b.cols;
export const transposeShape = (s: Shape): Shape => ({ rows: s.cols, cols: s.rows });

/** `scalar`, `vector of length n`, `matrix n×d` (a row vector is `matrix 1×d`). */
export function formatShape(s: Shape): string {
  if (isScalar(s)) return 'scalar';
  if (s.cols === 1) return `vector of length ${s.rows}`;
  return `matrix ${s.rows}×${s.cols}`;
}

/** The number of entries, as an expression in the symbolic sizes. */
export const countOf = (s: Shape): Expr => mul(dimExpr(s.rows), dimExpr(s.cols));
export const dimExpr = (d: Dim): Expr => (typeof d === 'number' ? num(d) : sym(d));

function parseDim(text: string, input: string, position: number): Dim {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1) throw new DerivError('BAD_OPTION', `a size must be at least 1, got ${t}`, { input, position });
    return n;
  }
  try {
    return checkVariableName(t, 'size');
  } catch {
    throw new DerivError('BAD_OPTION', `'${t}' is not a size: use a whole number or a name like n`, { input, position });
  }
}

/** One shape written as `n×d`, `nxd`, `n*d`, `(n,d)`, `n,d`, `d` (vector) or `1` (scalar). */
export function parseShape(text: string, input = text, offset = 0): Shape {
  const inner = /^(\s*\()(.*)\)\s*$/.exec(text);
  if (inner !== null) return parseShape(inner[2]!, input, offset + inner[1]!.length);
  const parts = text.split(/\s*(?:×|\*|,|(?<=\S)\s*x\s*(?=\S))\s*/);
  if (parts.length === 1) return { rows: parseDim(parts[0]!, input, offset), cols: 1 };
  if (parts.length === 2) {
    const cut = text.length - parts[1]!.length;
    return { rows: parseDim(parts[0]!, input, offset), cols: parseDim(parts[1]!, input, offset + cut) };
  }
  throw new DerivError('BAD_OPTION', `a shape has at most two sizes (rows×cols), got '${text}'`, { input, position: offset });
}

/** Splits at commas outside parentheses; a piece without `=` continues the one before (`X=n,d,w=d`: X is n×d). */
function declarations(spec: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= spec.length; i++) {
    const c = spec[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if ((c === ',' || i === spec.length) && depth <= 0) {
      const piece = spec.slice(start, i);
      if (items.length > 0 && !piece.includes('=') && piece.trim() !== '' && !items[items.length - 1]!.slice(items[items.length - 1]!.indexOf('=') + 1).includes(','))
        items[items.length - 1] += `,${piece}`;
      else items.push(piece);
      start = i + 1;
    }
  }
  return items;
}

/** `X=n×d,w=d,y=n` (also `X=(n,d)` and `X=n,d`) → Map name → shape. */
export function parseShapes(spec: string): Map<string, Shape> {
  const out = new Map<string, Shape>();
  let offset = 0;
  for (const item of declarations(spec)) {
    const eq = item.indexOf('=');
    if (eq < 0)
      throw new DerivError('BAD_OPTION', `expected name=shape, got '${item.trim()}'`, {
        input: spec,
        position: offset,
        hint: 'for example --shape X=n×d,w=d,y=n',
      });
    const name = checkVariableName(item.slice(0, eq));
    out.set(name, parseShape(item.slice(eq + 1), spec, offset + eq + 1));
    offset += item.length + 1;
  }
  return out;
}

/** Library form: { X: 'n×d', w: 'd', A: [3, 3] }. */
export function normaliseShapes(shapes: Readonly<Record<string, string | number | readonly Dim[]>>): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const name of Object.keys(shapes)) {
    const v: unknown = shapes[name];
    const dim = (d: unknown): Dim => {
      if ((typeof d === 'number' && Number.isInteger(d) && d >= 1) || typeof d === 'string') return parseDim(String(d), String(d), 0);
      throw new DerivError('BAD_OPTION', `the shape of '${name}' must be sizes such as 'n×d', 3 or [3, 'd'], got ${d === null ? 'null' : typeof d}`);
    };
    const shape =
      typeof v === 'string'
        ? parseShape(v)
        : Array.isArray(v) && v.length >= 1 && v.length <= 2
          ? { rows: dim(v[0]), cols: v.length === 2 ? dim(v[1]) : 1 }
          : { rows: dim(v), cols: 1 };
    out.set(checkVariableName(name), shape);
  }
  return out;
}

/**
 * Sizes and variables print alike (`2/n*X'*…`) and a point's values fix both, so they must not share a
 * name: with `X=b×d` beside a bias `b`, the row count 4 was taken for b and ∇w came out four times too
 * large, silently. A size named like a variable of the function (one written in it, declared with a shape
 * or asked for) is a SHAPE error naming both; `spec`, the --shape text, gives it a position.
 */
export function checkSizesApart(shapes: ReadonlyMap<string, Shape>, variables: Iterable<string>, spec?: string): void {
  const names = new Set(variables);
  for (const name of shapes.keys()) names.add(name);
  for (const [name, s] of shapes)
    for (const d of [s.rows, s.cols]) {
      if (typeof d !== 'string' || !names.has(d)) continue;
      const where = spec === undefined ? undefined : sizePosition(spec, d);
      const fresh = freshSize(d, names, shapes);
      const renamed = (t: Shape): string => dimsText({ rows: t.rows === d ? fresh : t.rows, cols: t.cols === d ? fresh : t.cols });
      throw new DerivError('SHAPE', `'${d}' is a size (${name}=${dimsText(s)}) and also a variable of the function`, {
        ...(where === undefined ? {} : { input: spec, position: where }),
        hint: `sizes and variables need different names: ${[...shapes].map(([n, t]) => `${n}=${renamed(t)}`).join(',')}`,
      });
    }
}

const dimsText = (s: Shape): string => (s.cols === 1 ? String(s.rows) : `${s.rows}×${s.cols}`);

/** A size name used by no variable and no other size: n, m, k, … then d1, d2, … */
function freshSize(taken: string, names: ReadonlySet<string>, shapes: ReadonlyMap<string, Shape>): string {
  const sizes = new Set<string>();
  for (const s of shapes.values()) for (const d of [s.rows, s.cols]) if (typeof d === 'string') sizes.add(d);
  const free = (c: string): boolean => c !== taken && !names.has(c) && !sizes.has(c);
  return ['n', 'm', 'k', 'p', 'q'].find(free) ?? Array.from({ length: 100 }, (_, i) => `d${i + 1}`).find(free)!;
}

/** Where the size `name` is first written after an `=` in the --shape text (a whole name, not part of one). */
function sizePosition(spec: string, name: string): number | undefined {
  const escaped = name.replace(/[$]/g, '\\$&');
  const m = new RegExp(`=[^=]*?(?<![\\p{L}\\p{N}_$])(${escaped})(?![\\p{L}\\p{N}_$])`, 'u').exec(spec);
  return m === null ? undefined : m.index + m[0].length - name.length;
}

