/**
 * Values for --at in the matrix language: `X=[[1,2,3],[4,5,6]],w=[2,-1,3],b=1`.
 * A number is a scalar, [a, b, …] a column vector, [[…], […]] a matrix given by
 * rows. Numbers are read exactly (decimals and a/b fractions), so results stay exact.
 */
import { DerivError } from '../errors.js';
import { type Expr, num, mul, pow } from '../core/expr.js';
import { parseDecimal, q } from '../core/rational.js';
import { checkVariableName } from '../names.js';
import type { MatrixValue } from './evaluate.js';

function parseNumber(text: string, input: string, position: number): Expr {
  const t = text.trim();
  const m = /^([+-]?)(\d*\.?\d+(?:[eE][+-]?\d+)?)(?:\/(\d*\.?\d+))?$/.exec(t);
  if (m === null) throw new DerivError('BAD_OPTION', `'${t}' is not a number`, { input, position });
  let value: Expr = num(parseDecimal(m[2]!));
  if (m[3] !== undefined) {
    const d = parseDecimal(m[3]);
    if (d.n === 0n) throw new DerivError('BAD_OPTION', 'division by zero in a value', { input, position });
    value = mul(value, pow(num(d), num(-1)));
  }
  return m[1] === '-' ? mul(num(q(-1n)), value) : value;
}

/** Split on commas outside brackets. */
function splitTop(text: string): { part: string; offset: number }[] {
  const out: { part: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    if ((c === ',' && depth === 0) || i === text.length) {
      out.push({ part: text.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  return out;
}

function parseValue(text: string, input: string, offset: number): MatrixValue {
  const t = text.trim();
  const lead = offset + text.indexOf(t);
  if (!t.startsWith('[')) return [[parseNumber(t, input, lead)]];
  if (!t.endsWith(']')) throw new DerivError('BAD_OPTION', "a '[' is never closed", { input, position: lead });
  const inner = t.slice(1, -1);
  const items = splitTop(inner);
  if (items.every((i) => !i.part.trim().startsWith('['))) return items.map((i) => [parseNumber(i.part, input, lead + 1 + i.offset)]);
  const rows = items.map((i) => {
    const r = parseValue(i.part, input, lead + 1 + i.offset);
    return r.map((row) => row[0]!);
  });
  if (rows.some((r) => r.length !== rows[0]!.length))
    throw new DerivError('BAD_OPTION', 'the rows of a matrix value have different lengths', { input, position: lead });
  return rows;
}

export function parseMatrixValues(spec: string): Map<string, MatrixValue> {
  const out = new Map<string, MatrixValue>();
  for (const { part, offset } of splitTop(spec)) {
    const eq = part.indexOf('=');
    if (eq < 0)
      throw new DerivError('BAD_OPTION', `expected name=value, got '${part.trim()}'`, { input: spec, position: offset });
    out.set(checkVariableName(part.slice(0, eq)), parseValue(part.slice(eq + 1), spec, offset + eq + 1));
  }
  return out;
}
