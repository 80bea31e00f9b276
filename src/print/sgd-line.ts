/**
 * One step of gradient descent as every front end prints it, one line:
 *   step 1: w = 9/2 (4.5), b = 101/20 (5.05), loss = 1/800 (0.00125)
 *   step 1: w = [13/20, 3/2], b = 17/20, L = 5849/200
 * The CLI's --sgd text (an expression, a program, matrix form, a matrix program) and the toString of the steps
 * the library returns (sgd, Program.sgd) all print through here. The loss is named `loss` for an expression and
 * by the program's output (L) for a program.
 */
import type { PointValue } from '../numeric/exact-eval.js';
import { showValue, valueWithDecimal } from '../numeric/readable.js';
import type { MatrixValue } from '../matrix/evaluate.js';
import { valueText } from '../matrix/format-value.js';
import { latexName } from './latex.js';

/** A step: its number, the parameters' values after it, the loss there. */
export interface SgdRow<V> {
  readonly step: number;
  readonly params: ReadonlyMap<string, V>;
  readonly loss: V;
}

/** The line, given how a value follows its name (` = 9/2 (4.5)`, ` ≈ 0.147465`, ` = [35, 50]`). */
export function sgdLine<V>(row: SgdRow<V>, lossName: string, follows: (v: V) => string): string {
  return `step ${row.step}: ${[...row.params].map(([k, v]) => `${k}${follows(v)}`).join(', ')}, ${lossName}${follows(row.loss)}`;
}

/** A scalar value after its name: ` = 4`, ` = 9/2 (4.5)`, ` = 1/3 (≈0.333333)`, ` ≈ 0.147465` when the fraction is long. */
export function sgdValue(v: PointValue): string {
  const t = v.finite ? valueWithDecimal(v, v.toString()) : showValue(v);
  return t.startsWith('≈') ? ` ≈ ${t.slice(1)}` : ` = ${t}`;
}

/** A matrix value after its name: ` = [13/20, 3/2]`, ` = 17/20`. */
export const sgdMatrixValue = (v: MatrixValue, decimals = false): string => ` = ${valueText(v, decimals)}`;

/** The steps as a LaTeX table: step, each parameter, the loss (an expression's and a program's --sgd in LaTeX). */
export function sgdTableTex<V>(params: readonly string[], lossName: string, rows: readonly SgdRow<V>[], cell: (v: V) => string): string {
  const head = ['\\text{step}', ...params.map(latexName), latexName(lossName)].join(' & ');
  const body = rows.map((s) => [String(s.step), ...[...s.params.values()].map(cell), cell(s.loss)].join(' & '));
  return `\\begin{array}{r|${'c'.repeat(params.length)}|c}\n${head} \\\\ \\hline\n${body.join(' \\\\\n')}\n\\end{array}`;
}
