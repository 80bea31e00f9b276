/**
 * CLI output for the matrix language (--shape): one line per variable,
 * `∇w = 2/n*X'*(X*w + b - y)` for vectors and matrices, `∂/∂b = …` for
 * scalars, with `= value` appended when --at gives the point.
 */
import { matrixDerivation, matrixGradient } from '../matrix/api.js';
import { stepsText } from '../matrix/steps.js';
import { parseShapes } from '../matrix/shape.js';
import { parseMatrixValues } from '../matrix/values.js';
import { valueText, valueJson, valueTex } from '../matrix/format-value.js';

export interface MatrixCliOptions {
  readonly shape: string;
  readonly wrt?: readonly string[];
  readonly at?: string;
  readonly format: string;
  readonly name: string;
  /** Show the backpropagation steps (text and JSON). */
  readonly steps?: boolean;
}

export function renderMatrix(expression: string, opts: MatrixCliOptions): string {
  const shapes = parseShapes(opts.shape);
  // The steps are recorded and printed only when asked for.
  const derivation = opts.steps === true ? matrixDerivation(expression, opts.wrt, { shapes }) : undefined;
  const results = derivation?.results ?? matrixGradient(expression, opts.wrt, { shapes });
  const values = opts.at === undefined ? undefined : parseMatrixValues(opts.at);
  const valueOf = (i: number) => (values === undefined ? undefined : results[i]!.evaluate(values));
  switch (opts.format) {
    case 'json':
      return JSON.stringify({
        input: expression,
        shapes: Object.fromEntries([...shapes].map(([k, s]) => [k, [s.rows, s.cols]])),
        wrt: results.map((r) => r.wrt),
        derivatives: results.map((r, i) => {
          const v = valueOf(i);
          return {
            wrt: r.wrt,
            shape: [r.shape.rows, r.shape.cols],
            text: r.toString(),
            latex: r.toTex(),
            ...(v === undefined ? {} : { value: valueJson(v) }),
          };
        }),
        ...(derivation === undefined ? {} : { steps: derivation.steps }),
      });
    case 'latex':
      return results
        .map((r, i) => {
          const v = valueOf(i);
          return `${r.heading('latex', opts.name)} = ${r.toTex()}${v === undefined ? '' : ` = ${valueTex(v)}`}`;
        })
        .join('\n');
    default: {
      const lines = results.map((r, i) => {
        const v = valueOf(i);
        return `${r.heading('text')} = ${r}${v === undefined ? '' : ` = ${valueText(v)}`}`;
      });
      return (derivation === undefined ? lines : [`f = ${derivation.input}`, ...stepsText(derivation.steps), ...lines]).join('\n');
    }
  }
}
