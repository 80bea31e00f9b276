/**
 * What `gradient(f, wrt, { shapes })` and `matrixGradient` return: an ordinary array of MatrixDerivative (index
 * it, map it, spread it), as a scalar gradient is an array of Derivative (src/numeric/gradient.ts), with the same
 * extras: `at(i)` with a number keeps Array.prototype.at's meaning; `at(point)` gives each gradient's value there
 * (a MatrixPointValue, in the same order) — the values the CLI's --at prints; `toString()` is the CLI's text
 * (`∇w = 2/n*X'*(X*w + b - y)`, one line per variable), `toTex({ name })` its LaTeX.
 */
import * as v from '../validate.js';
import { INSPECT } from '../inspect.js';
import type { MatrixDerivative } from './api.js';
import { MatrixPointValue } from './point-value.js';
import { toMatrixPoint, matrixPointHasDecimals, type MatrixPointInput } from './point.js';

export class MatrixGradient extends Array<MatrixDerivative> {
  /** map, filter, slice … return plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** The gradient from its derivatives, in order (a one-element list is not a length). */
  static fromDerivatives(items: readonly MatrixDerivative[]): MatrixGradient {
    // Sized up front and filled by index, as Gradient.fromPartials (push on an Array subclass is slow).
    const g = new MatrixGradient(items.length);
    for (let i = 0; i < items.length; i++) g[i] = items[i]!;
    return g;
  }

  /** One line per variable, as the CLI prints them: `∇w = 2/n*X'*(X*w + b - y)`, `∂/∂b = 2/n*sum(X*w + b - y)`. */
  override toString(): string {
    return Array.from(this, (d) => `${d.heading('text')} = ${d.toString()}`).join('\n');
  }
  /** One LaTeX equation per line, `\nabla_{w} L = …` (name default f), as the CLI's --format latex. */
  toTex(options: { name?: string } = {}): string {
    v.options({ name: v.functionName })(options, 'toTex: the options');
    return Array.from(this, (d) => `${d.heading('latex', options.name ?? 'f')} = ${d.toTex()}`).join('\n');
  }
  /** console.log(g): the lines of toString, under the count. */
  [INSPECT](): string {
    return `MatrixGradient(${this.length}) [${this.length === 0 ? '' : `\n  ${this.toString().split('\n').join('\n  ')}\n`}]`;
  }

  override at(index: number): MatrixDerivative | undefined;
  override at(point: MatrixPointInput): MatrixPointValue[];
  override at(arg: number | MatrixPointInput): MatrixDerivative | undefined | MatrixPointValue[] {
    if (typeof arg === 'number') return super.at(arg);
    const checked = v.matrixPoint(arg, 'at: the point') as MatrixPointInput;
    const values = toMatrixPoint(checked);
    const decimals = matrixPointHasDecimals(checked);
    return Array.from(this, (d) => new MatrixPointValue(d.evaluate(values), decimals));
  }
}
