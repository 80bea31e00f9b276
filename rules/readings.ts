/**
 * Readings as data: how deriv reads the dotted names students copy from PyTorch, NumPy and Python code
 * (`torch.relu(x)`, `np.exp(x)`, `math.log(x)`, `x.pow(2)`, `w.T`). The reader (src/parse/readings.ts) looks
 * the last part of a namespaced name up in the function table (rules/functions.ts) after the renames below, so
 * a row added there (gelu, elu, …) is read under every namespace without a line here. A name that means
 * something else in its library, or has no deriv spelling, is refused with the spelling to use instead.
 * docs/reading.md states the policy; test/readings.test.ts and test/misreadings.test.ts check it.
 */

export interface Namespace {
  /** The library, for reading notes: "torch.relu is read as relu (PyTorch)". */
  readonly library: string;
  /** Names in this namespace spelled differently in deriv (np.arcsin → asin); others are looked up as they are. */
  readonly renames?: Readonly<Record<string, string>>;
}

/** NumPy's spellings that differ from deriv's (also used by JAX's jnp and PyTorch, which copied them). */
const NUMPY_RENAMES: Readonly<Record<string, string>> = {
  arcsin: 'asin', arccos: 'acos', arctan: 'atan', arctan2: 'atan2', arcsinh: 'asinh', arccosh: 'acosh', arctanh: 'atanh',
  absolute: 'abs', power: 'pow', maximum: 'max', minimum: 'min', heaviside: 'heaviside',
};
const TORCH_RENAMES: Readonly<Record<string, string>> = { ...NUMPY_RENAMES, special_expit: 'sigmoid' };
/** scipy.special.expit and torch.special.expit are the logistic sigmoid. */
const SPECIAL_RENAMES: Readonly<Record<string, string>> = { expit: 'sigmoid', log1p: 'log1p', expm1: 'expm1' };

/** Prefixes read as a library's namespace: the part after the prefix is a function (or pi, e). */
export const NAMESPACES: Readonly<Record<string, Namespace>> = {
  torch: { library: 'PyTorch', renames: TORCH_RENAMES },
  'torch.nn.functional': { library: 'PyTorch', renames: TORCH_RENAMES },
  'nn.functional': { library: 'PyTorch', renames: TORCH_RENAMES },
  F: { library: 'PyTorch', renames: TORCH_RENAMES },
  'torch.special': { library: 'PyTorch', renames: SPECIAL_RENAMES },
  np: { library: 'NumPy', renames: NUMPY_RENAMES },
  numpy: { library: 'NumPy', renames: NUMPY_RENAMES },
  jnp: { library: 'JAX', renames: NUMPY_RENAMES },
  'jax.numpy': { library: 'JAX', renames: NUMPY_RENAMES },
  'jax.nn': { library: 'JAX', renames: NUMPY_RENAMES },
  math: { library: 'Python', renames: { pow: 'pow', fabs: 'abs' } },
  tf: { library: 'TensorFlow', renames: NUMPY_RENAMES },
  'tf.math': { library: 'TensorFlow', renames: NUMPY_RENAMES },
  'tf.nn': { library: 'TensorFlow', renames: NUMPY_RENAMES },
  'scipy.special': { library: 'SciPy', renames: SPECIAL_RENAMES },
  special: { library: 'SciPy', renames: SPECIAL_RENAMES },
};

/** Constants every namespace above spells the same way as deriv (np.pi, math.e, torch.pi). */
export const NAMESPACE_CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e']);

/**
 * Methods read on a name: `x.f(a, …)` is `f(x, a, …)`. Renames first (t() is the transpose); any other method
 * is looked up in the function table (x.exp(), x.sigmoid(), x.relu()) and the matrix functions (x.sum(), x.mean()).
 */
export const METHOD_RENAMES: Readonly<Record<string, string>> = { t: 'transpose', pow: 'pow', abs: 'abs', arcsin: 'asin', arccos: 'acos', arctan: 'atan' };

/** The matrix language's functions, read as methods and under namespaces (they need --shape). */
export const MATRIX_NAMES: ReadonlySet<string> = new Set(['sum', 'mean', 'dot', 'transpose', 'trace']);

/**
 * Names with no single deriv reading, refused with what to write. A name here wins over the function table, so a
 * library function whose meaning differs from deriv's row of the same name belongs here.
 */
export const REFUSED: Readonly<Record<string, string>> = {
  matmul: 'write the matrix product with @ and declare the shapes: --shape X=n×d,w=d, then X@w',
  mm: 'write the matrix product with @ and declare the shapes: --shape X=n×d,w=d, then X@w',
  square: 'write x^2',
  clamp: 'write max(x, lo) or min(x, hi)',
  clip: 'write max(x, lo) or min(x, hi)',
  softmax: 'softmax works on a vector: write exp(z)/sum(exp(z)) with --shape z=k',
  log_softmax: 'write z - log(sum(exp(z))) with --shape z=k',
  sinc: "NumPy's sinc is sin(pi*x)/(pi*x): write that",
  max: 'torch.max and np.max of one tensor reduce it; for the larger of two values write max(a, b)',
  min: 'torch.min and np.min of one tensor reduce it; for the smaller of two values write min(a, b)',
  item: 'remove .item(): deriv works with the value itself',
  tensor: 'write the expression with names and give values with --at',
  array: 'write the expression with names and give values with --at',
  norm: 'write norm2(x) for the squared length, sqrt(norm2(x)) for the length (with --shape x=d)',
};
