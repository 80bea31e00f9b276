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
import { NUMPY_HELPERS } from '../matrix/functions.js';

export function matrixNumpy(results: readonly MatrixDerivative[], options: ParameterOptions & { readonly name?: string | undefined } = {}): string {
  const p = numpyParts(results, options);
  return ['import numpy as np', '', '', ...p.helpers.flatMap((def) => [def, '', '']), ...p.gradient].join('\n');
}

/** The pieces of the NumPy code, shared with --format torch (src/code/torch.ts), which runs the same text on tensors. */
export interface NumpyParts {
  /** The helper functions the code uses (softmax, …), each a `def`. */
  readonly helpers: readonly string[];
  /** The derivatives' function, line by line. */
  readonly gradient: readonly string[];
  /** The differentiated function itself, `def f(…)`, line by line. */
  readonly func: readonly string[];
  readonly functionName: string;
  readonly name: string;
  /** Parameters in order: each its identifier, the variable it stands for. */
  readonly params: readonly { readonly id: string; readonly variable: string }[];
}

export function numpyParts(
  results: readonly MatrixDerivative[],
  options: ParameterOptions & { readonly name?: string | undefined; readonly withFunction?: boolean } = {},
): NumpyParts {
  const name = options.name ?? 'f';
  if (results.length === 0) throw new DerivError('BAD_OPTION', 'no gradient to generate code for');
  refuseRepeats(results.map((r) => r.wrt));
  const order = results[0]!.order;
  const namer = new Namer('numpy', spellingNames('numpy'));
  const functionName = namer.name(`${results[0]!.kind === 'hessian' ? 'hess' : 'grad'}_${name}`);
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
  const funcText = results[0]!.functionNumpy(ids);
  // A size is defined when a body uses it: as a name of its own, not an attribute (X.T) or part of another name.
  const uses = (id: string, texts: readonly string[]): boolean => texts.some((t) => new RegExp(`(?<![\\w.])${id}(?!\\w)`).test(t));
  const sizes = (texts: readonly string[]): string[] => [...dims].filter(([d]) => uses(ids.get(d)!, texts)).map(([d, from]) => `    ${ids.get(d)!} = ${from}`);
  const variables = parameterOrder(order, results.map((r) => r.wrt), options);
  const params = variables.map((v) => ids.get(v)!);
  const floats = float64Inputs(params);
  const head = (fname: string, texts: readonly string[]): string[] => [`def ${fname}(${params.join(', ')}):`, ...(floats === undefined ? [] : [`    ${floats}`]), ...sizes(texts)];
  const gradTexts = bodies.map((b) => b.text);
  // softmax, log_softmax, logsumexp (over the last axis, PyTorch's dim=-1) and cross_entropy, defined when used.
  const texts = options.withFunction === true ? [...gradTexts, funcText] : gradTexts;
  const calls = (h: string): boolean => texts.some((t) => new RegExp(`(?<![\\w.])${h}\\(`).test(t)) || (h === 'log_softmax' && calls('cross_entropy'));
  const helpers = [...NUMPY_HELPERS].filter(([h]) => calls(h)).map(([, def]) => def);
  return {
    helpers,
    gradient: [...head(functionName, gradTexts), `    return {${bodies.map((b) => `${JSON.stringify(b.key)}: ${b.text}`).join(', ')}}`],
    func: [...head(namer.name(name), [funcText]), `    return ${funcText}`],
    functionName,
    name: namer.name(name),
    params: variables.map((v) => ({ id: ids.get(v)!, variable: v })),
  };
}
