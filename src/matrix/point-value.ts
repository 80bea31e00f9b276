/**
 * A matrix-form value at a point — what `.at(point)` of a matrix derivative or gradient gives, as a scalar
 * derivative's `.at(point)` gives a PointValue. It prints as the CLI's --at does (src/matrix/format-value.ts):
 * `[35, 50]`, `15`, `[[5, 10], [10, 20]]`; its JSON is the CLI's `value` field; `entries` keeps the exact
 * entries (rationals where the point is exact), row by row, a vector as one column.
 */
import { INSPECT } from '../inspect.js';
import { evaluate } from '../evaluate.js';
import { valueText, valueJson, valueTex } from './format-value.js';
import type { MatrixValue } from './evaluate.js';

export class MatrixPointValue {
  /** `decimals`: the point was written with decimals, so exact entries that are finite decimals print as such (0.5, not 1/2). */
  constructor(readonly entries: MatrixValue, readonly decimals = false) {}

  /** [rows, columns]: [1, 1] for a scalar, [n, 1] for a vector. */
  get shape(): [number, number] {
    return [this.entries.length, this.entries[0]?.length ?? 0];
  }
  /** The entries in double precision, row by row. */
  get numbers(): number[][] {
    return this.entries.map((row) => row.map((e) => evaluate(e)));
  }
  /** `[35, 50]`, `15`, `[[5, 10], [10, 20]]`: exact entries as integers or fractions, others as decimals. */
  toString(): string {
    return valueText(this.entries, this.decimals);
  }
  /** `\begin{pmatrix} 35 \\ 50 \end{pmatrix}`, or the entry alone for a scalar. */
  toTex(): string {
    return valueTex(this.entries, this.decimals);
  }
  /** `[35, 50]` (numbers; an exact fraction as its text, `"1/2"`), as the CLI's JSON writes a value. */
  toJSON(): unknown {
    return valueJson(this.entries);
  }
  /** console.log(v): `MatrixPointValue [35, 50]`. */
  [INSPECT](): string {
    return `MatrixPointValue ${this.toString()}`;
  }
}
