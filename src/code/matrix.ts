/**
 * Matrix-form gradients (--shape) as a NumPy function: arrays in, each gradient one expression in
 * NumPy's linear algebra (`2/n*X.T @ (X @ w + b - y)`), dimensions read off the arrays' shapes.
 *   def grad_f(X, w, b, y):
 *       X, w, b, y = map(np.float64, (X, w, b, y))
 *       n = X.shape[0]
 *       return {"w": 2/n*X.T @ (X @ w + b - y), "b": 2/n*np.sum(X @ w + b - y)}
 * Variables and size names are identifiers from one Namer (src/code/identifiers.ts): a size named
 * `lambda` or `np` is `lambda_` or `np_`. Only NumPy has matrix form; the other languages are refused.
 */
import { DerivError } from '../errors.js';
import type { MatrixDerivative } from '../matrix/api.js';
import type { Dim } from '../matrix/shape.js';
import { Namer } from './identifiers.js';
import { parameterOrder, refuseRepeats, type ParameterOptions } from './ir.js';
import { spellingNames } from './notations.js';
import { float64Inputs } from './emit.js';

export function matrixNumpy(results: readonly MatrixDerivative[], options: ParameterOptions & { readonly name?: string | undefined } = {}): string {
  const name = options.name ?? 'f';
  if (results.length === 0) throw new DerivError('BAD_OPTION', 'no gradient to generate code for');
  refuseRepeats(results.map((r) => r.wrt));
  const order = results[0]!.order;
  const namer = new Namer('numpy', spellingNames('numpy'));
  const functionName = namer.name(`grad_${name}`);
  const ids = new Map(order.map((v) => [v, namer.name(v)]));
  // Each size, from the first input declared with it (a size that is also a variable is that variable).
  const dims = new Map<string, string>();
  for (const v of order) {
    const s = results[0]!.shapeOf(v);
    const axes: [Dim, number][] = s.cols === 1 ? [[s.rows, 0]] : [[s.rows, 0], [s.cols, 1]];
    for (const [d, axis] of axes)
      if (typeof d === 'string' && !dims.has(d) && !order.includes(d)) {
        ids.set(d, namer.name(d));
        dims.set(d, `${ids.get(v)!}.shape[${axis}]`);
      }
  }
  const bodies = results.map((r) => ({ key: r.wrt, text: r.toNumpy(ids) }));
  // A size is defined when a gradient uses it: as a name of its own, not an attribute (X.T) or part of another name.
  const uses = (id: string): boolean => bodies.some((b) => new RegExp(`(?<![\\w.])${id}(?!\\w)`).test(b.text));
  const used = [...dims].filter(([d]) => uses(ids.get(d)!));
  const params = parameterOrder(order, results.map((r) => r.wrt), options).map((v) => ids.get(v)!);
  const floats = float64Inputs(params);
  return [
    'import numpy as np',
    '',
    '',
    `def ${functionName}(${params.join(', ')}):`,
    ...(floats === undefined ? [] : [`    ${floats}`]),
    ...used.map(([d, from]) => `    ${ids.get(d)!} = ${from}`),
    `    return {${bodies.map((b) => `${JSON.stringify(b.key)}: ${b.text}`).join(', ')}}`,
  ].join('\n');
}
