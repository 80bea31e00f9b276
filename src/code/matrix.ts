/**
 * Matrix-form gradients (--shape) as a NumPy function: arrays in, each gradient one expression in
 * NumPy's linear algebra (`2/n*X.T @ (X @ w + b - y)`), dimensions read off the arrays' shapes.
 *   def grad_f(X, w, b, y):
 *       n = X.shape[0]
 *       return {"w": 2/n*X.T @ (X @ w + b - y), "b": 2/n*np.sum(X @ w + b - y)}
 * Only NumPy has matrix form; the other languages are refused with a clear error.
 */
import { DerivError } from '../errors.js';
import type { MatrixDerivative } from '../matrix/api.js';
import type { Dim } from '../matrix/shape.js';
import { identifiers } from './identifiers.js';
import { spellingNames } from './notations.js';

export function matrixNumpy(results: readonly MatrixDerivative[], name = 'f'): string {
  if (results.length === 0) throw new DerivError('BAD_OPTION', 'no gradient to generate code for');
  const order = results[0]!.order;
  const ids = identifiers([`grad_${name}`, ...order], 'numpy', spellingNames('numpy'));
  const unsafe = order.find((v) => ids.get(v) !== v);
  if (unsafe !== undefined)
    throw new DerivError('BAD_VARIABLE', `'${unsafe}' is not a Python identifier; rename it for NumPy code in matrix form`);
  const bodies = results.map((r) => ({ key: r.wrt, text: r.toNumpy() }));
  // Each dimension used, from the first input declared with it.
  const dims = new Map<string, string>();
  for (const v of order) {
    const s = results[0]!.shapeOf(v);
    const axes: [Dim, number][] = s.cols === 1 ? [[s.rows, 0]] : [[s.rows, 0], [s.cols, 1]];
    for (const [d, axis] of axes) if (typeof d === 'string' && !dims.has(d) && !order.includes(d)) dims.set(d, `${v}.shape[${axis}]`);
  }
  const used = [...dims].filter(([d]) => bodies.some((b) => new RegExp(`\\b${d}\\b`).test(b.text)));
  const lines = [
    'import numpy as np',
    '',
    '',
    `def ${ids.get(`grad_${name}`)!}(${order.join(', ')}):`,
    ...used.map(([d, from]) => `    ${d} = ${from}`),
    `    return {${bodies.map((b) => `${JSON.stringify(b.key)}: ${b.text}`).join(', ')}}`,
  ];
  return lines.join('\n');
}
