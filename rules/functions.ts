/**
 * The rule table: one row per function deriv knows.
 *
 * A row is data: its parameters, one partial derivative per parameter written
 * as a template in deriv's own input syntax (parsed once, on first use), the
 * domain where the function is smooth (prose for people, sample intervals for
 * the table test), its LaTeX spelling, and a numeric implementation.
 * The differentiator applies the chain rule once for every row; adding a
 * function means adding a row here and nothing else.
 *
 * Conventions at kinks are PyTorch's (docs/functions.md has the table, test/data/torch-kinks.json the values):
 * - heaviside(u) is 1 for u > 0 and 0 for u <= 0, so relu'(0) = 0 as in PyTorch;
 *   heaviside(u, h) is h at 0 (NumPy's np.heaviside), so each row can say which side its kink takes.
 * - sign(0) = 0; abs'(u) = sign(u), 0 at the kink.
 * - max and min split a tie ½/½ (their partials are heaviside(a − b, 1/2)), as torch.maximum does: the
 *   midpoint of the one-sided derivatives, so max(0, u) + min(0, exp(u) − 1) (ELU) gets 1 at 0, its derivative.
 * PyTorch's activations and special functions are rows of their own files (torch-rows.ts, special-rows.ts).
 */
import { heaviside, sigmoid, softplus, relu, nthRoot } from '../src/numeric-functions.js';
import { heavisideAt } from '../src/numeric-torch.js';
import { TORCH_ROWS } from './torch-rows.js';
import { SPECIAL_ROWS } from './special-rows.js';

/** How a row is spelled in LaTeX: an operator name applied to parenthesised arguments, or a template. */
export type LatexSpelling =
  | { readonly operator: string } // \sin\left(u\right), \max\left(a, b\right)
  | { readonly template: string }; // #0, #1 stand for the printed arguments

/** The code targets of `toCode` (src/code/). */
export type CodeLanguage = 'js' | 'python' | 'numpy' | 'c';

/**
 * How a row is spelled in one code language:
 * - a function name (`Math.sin`): applied to the arguments, `Math.sin(u)`;
 * - a template (contains `#0`, `#1`): each placeholder used once, inside parentheses or a call's
 *   argument list so any argument text fits; the template as a whole is parenthesised or a call;
 * - a helper: a function defined once at the top of the generated code, then called by name.
 */
export type CodeSpelling = string | { readonly helper: string; readonly define: string };

/** One spelling per code language: a row without one does not compile. */
export type CodeSpellings = { readonly [L in CodeLanguage]: CodeSpelling };

export interface FunctionRow {
  /** The canonical name, as printed in text output (mathjs-compatible). */
  readonly name: string;
  /** Other names the parser accepts for this row (ln → log, step → heaviside). */
  readonly aliases?: readonly string[];
  /** Parameter names used in the partial templates. Their count is the arity. */
  readonly params: readonly string[];
  /** ∂f/∂param for each parameter, in input syntax over the parameter names. */
  readonly partials: readonly string[];
  /** Where the row is smooth, in words. */
  readonly domain: string;
  /** Per parameter, an interval to draw test points from inside the smooth domain. */
  readonly sample: readonly SampleInterval[];
  readonly latex: LatexSpelling;
  /** Its spelling in generated code, per language (src/code/). */
  readonly code: CodeSpellings;
  /** f(-u) = -f(u) (odd) or f(u) (even): used to canonicalise signs. */
  readonly parity?: 'odd' | 'even';
  /** Exact values at the constant e, or that are e: ln(e) = 1 (`{ e: 1 }`), exp(1) = e (`{ one: 'e' }`). */
  readonly exactAtE?: { readonly e?: number; readonly one?: 'e' };
  /** The function is the k-th root, folded exactly at rational perfect powers (sqrt(9/4) = 3/2). */
  readonly root?: 2 | 3;
  /**
   * Where it has a real value, in its parameters (#0, #1 …): `#0 ≥ 0` for sqrt. Elsewhere its value is undefined
   * and a note names this condition; at an end it may be ±∞ (log(0) = −∞). A row without it is real wherever
   * its arguments are, poles aside. The parser records a guard for each such call (src/parse/domain.ts), so the
   * condition holds at a point even where canonical form dropped the call (sqrt(x)^2 is x).
   */
  readonly real?: string;
  /** Said after `real` where the value is undefined (pow: how to write the real odd root instead). */
  readonly realHint?: string;
  /**
   * Every argument where it is exactly 0 (one-argument rows): the constructors fold a call there to 0
   * (sin(pi) = 0), and a double 0 anywhere else underflowed. `[]`: never 0 (exp).
   */
  readonly zeros?: readonly ExactPoints[];
  /** Arguments where it has a pole: building the call there is a division by zero (UNDEFINED), as 1/0. */
  readonly poles?: readonly ExactPoints[];
  /**
   * Where it is not differentiable: where its first argument is 0 (`'zero'`: abs, relu, leaky_relu), where its
   * two arguments tie (`'tie'`: max, min), where the first equals the second or third (`'bounds'`: clamp), or
   * where the first is one of these numbers (hardtanh: [-1, 1]). Derivatives there are PyTorch's (the rows'
   * partials say which side); values at such a point say so.
   */
  readonly kink?: 'zero' | 'tie' | 'bounds' | readonly number[];
  /**
   * Parameters that take whole numbers only (polygamma's order n), by index: not a variable to differentiate
   * by (their partial is 0); the table test draws them as whole numbers and differentiates only the others.
   */
  readonly integer?: readonly number[];
  /** Exact values at numeric arguments, where the result is rational: sin(0) = 0. */
  readonly exact?: (...xs: number[]) => number | undefined;
  readonly evaluate: (...xs: number[]) => number;
  /** One line for --help / README. */
  readonly summary: string;
}

/**
 * Exact arguments: `{ at: 1 }` is u = 1 (an integer); `{ pi: [1, 2], every: 1 }` is u = π/2 + k·π for every integer k
 * (`pi` is the multiple of π, `every` the period in multiples of π; without it, that one point).
 */
export type ExactPoints = { readonly at: number } | { readonly pi: readonly [number, number]; readonly every?: number };

/** [lo, hi], or [lo, hi, minAbs] to keep away from a kink at 0. */
export type SampleInterval = readonly [number, number] | readonly [number, number, number];

const code = (js: CodeSpelling, python: CodeSpelling, numpy: CodeSpelling, c: CodeSpelling): CodeSpellings => ({ js, python, numpy, c });
/** The same name in every language, with its library's prefix (Math.sin, math.sin, np.sin, sin). */
const std = (name: string, numpyName = name): CodeSpellings => code(`Math.${name}`, `math.${name}`, `np.${numpyName}`, name);
/**
 * Python's `math` raises where JS, C and deriv give an IEEE value (math.exp(1000): OverflowError, not ∞;
 * math.log(0): ValueError, not −∞; 1/math.sin(0): ZeroDivisionError, not ∞). Such a function is a helper:
 * `value` computes it from u, and `otherwise` is the IEEE answer when that raises.
 */
const pyReal = (helper: string, value: string, otherwise: string): CodeSpelling => ({
  helper,
  define: `def ${helper}(u):\n    try:\n        return ${value}\n    except (ArithmeticError, ValueError):\n        return ${otherwise}`,
});
/** A function whose Python spelling is an IEEE helper, the other languages the library's own. */
const real = (name: string, numpyName: string, otherwise: string): CodeSpellings => ({ ...std(name, numpyName), python: pyReal(`_${name}`, `math.${name}(u)`, otherwise) });
/** A reciprocal function 1/g(u) (sec, csch, …): `otherwise` is the IEEE answer where Python raises. */
const recip = (g: string, otherwise: string, name: string): CodeSpellings =>
  code(`(1/Math.${g}(#0))`, pyReal(`_${name}`, `1.0 / math.${g}(u)`, otherwise), `(1/np.${g}(#0))`, `(1.0/${g}(#0))`);
/** g(1/u) (asec, acoth, …). */
const ofReciprocal = (g: string, numpyName: string, otherwise: string, name: string): CodeSpellings =>
  code(`Math.${g}(1/(#0))`, pyReal(`_${name}`, `math.${g}(1.0 / u)`, otherwise), `np.${numpyName}(1/(#0))`, `${g}(1.0/(#0))`);
const NAN = 'math.nan';
/** −∞ at 0 (a logarithm's pole), NaN below. */
const LOG_POLE = '-math.inf if u == 0 else math.nan';

// Helpers for what a language's library lacks; each is defined once in the generated code that uses it.
/**
 * a^b as JS's Math.pow and C's pow: ±∞ on overflow, NaN for a negative base and a non-integer exponent.
 * Python's ** gives OverflowError, ZeroDivisionError (0.0**-1) or a complex number instead, and runs
 * exact integer arithmetic on integers (3**1000000000 takes minutes); NumPy's float_power is float64.
 */
const POW = code(
  'Math.pow',
  {
    helper: '_pow',
    define:
      'def _pow(a, b):\n    try:\n        return math.pow(a, b)\n    except OverflowError:\n        return -math.inf if a < 0 and b % 2 == 1 else math.inf\n' +
      '    except ValueError:\n        if a < 0:\n            return math.nan\n        return -math.inf if math.copysign(1.0, a) < 0 and b % 2 == 1 else math.inf',
  },
  'np.float_power',
  'pow',
);
const SIGMOID = code(
  { helper: 'sigmoid', define: 'function sigmoid(u) {\n  return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));\n}' },
  { helper: '_sigmoid', define: 'def _sigmoid(u):\n    return 1.0 / (1.0 + math.exp(-u)) if u >= 0 else math.exp(u) / (1.0 + math.exp(u))' },
  // exp(−softplus(−u)): no overflow for either sign, and vectorised.
  'np.exp(-np.logaddexp(0.0, -(#0)))',
  { helper: 'deriv_sigmoid', define: 'static double deriv_sigmoid(double u) {\n  return u >= 0 ? 1.0 / (1.0 + exp(-u)) : exp(u) / (1.0 + exp(u));\n}' },
);
const SOFTPLUS = code(
  { helper: 'softplus', define: 'function softplus(u) {\n  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));\n}' },
  { helper: '_softplus', define: 'def _softplus(u):\n    return u + math.log1p(math.exp(-u)) if u > 0 else math.log1p(math.exp(u))' },
  'np.logaddexp(0.0, #0)',
  { helper: 'deriv_softplus', define: 'static double deriv_softplus(double u) {\n  return u > 0 ? u + log1p(exp(-u)) : log1p(exp(u));\n}' },
);
/**
 * The real n-th root as mathjs: a negative u with an odd integer n has the negative root, with any other n none
 * (NaN); there is no 0-th root (NaN, where u^(1/0) would be 0^∞ = 0 or 1^∞ = 1).
 */
const NTH_ROOT = code(
  { helper: 'nthRoot', define: 'function nthRoot(u, n) {\n  if (n === 0) return NaN;\n  if (u < 0) return Number.isInteger(n) && Math.abs(n) % 2 === 1 ? -Math.pow(-u, 1 / n) : NaN;\n  return Math.pow(u, 1 / n);\n}' },
  {
    helper: '_nth_root',
    define:
      'def _nth_root(u, n):\n    if n == 0 or (u < 0 and not (float(n).is_integer() and abs(n) % 2 == 1)):\n        return math.nan\n' +
      '    try:\n        root = math.pow(abs(u), 1.0 / n)\n' +
      '    except (ArithmeticError, ValueError):\n        root = math.inf\n    return -root if u < 0 else root',
  },
  { helper: '_nth_root', define: 'def _nth_root(u, n):\n    odd = (np.mod(n, 1) == 0) & (np.mod(np.abs(n), 2) == 1)\n    root = np.power(np.abs(u), 1.0 / np.where(n == 0, np.inf, n))\n    return np.where(n == 0, np.nan, np.where(u < 0, np.where(odd, -root, np.nan), root))' },
  { helper: 'deriv_nth_root', define: 'static double deriv_nth_root(double u, double n) {\n  if (n == 0) return NAN;\n  if (u < 0) return n == floor(n) && fmod(fabs(n), 2.0) == 1.0 ? -pow(-u, 1.0 / n) : NAN;\n  return pow(u, 1.0 / n);\n}' },
);
const SQRT_ROOT = real('sqrt', 'sqrt', NAN);
const CBRT = code(
  'Math.cbrt',
  { helper: '_cbrt', define: 'def _cbrt(u):\n    return math.copysign(abs(u) ** (1.0 / 3.0), u)' },
  'np.cbrt',
  'cbrt',
);
const SIGN = code(
  'Math.sign',
  { helper: '_sign', define: 'def _sign(u):\n    return (u > 0) - (u < 0) if u == u else u' },
  'np.sign',
  { helper: 'deriv_sign', define: 'static double deriv_sign(double u) {\n  return u > 0 ? 1.0 : u < 0 ? -1.0 : u;\n}' },
);
/** 1 for u > 0, 0 for u ≤ 0, and NaN for NaN (a comparison alone would say 0). */
const HEAVISIDE = code(
  { helper: 'heaviside', define: 'function heaviside(u) {\n  return u > 0 ? 1 : u <= 0 ? 0 : u;\n}' },
  { helper: '_heaviside', define: 'def _heaviside(u):\n    return 1.0 if u > 0 else 0.0 if u <= 0 else u' },
  'np.heaviside(#0, 0.0)',
  { helper: 'deriv_heaviside', define: 'static double deriv_heaviside(double u) {\n  return u > 0 ? 1.0 : u <= 0 ? 0.0 : u;\n}' },
);
/** The larger or smaller of a and b, NaN when either is (Python's max(1.0, nan) is 1.0, C's fmax too). */
const extreme = (name: 'max' | 'min', numpyName: string): CodeSpellings => {
  const pick = name === 'max' ? 'a > b' : 'a < b';
  return code(
    `Math.${name}`,
    { helper: `_${name}`, define: `def _${name}(a, b):\n    return a + b if a != a or b != b else a if ${pick} else b` },
    `np.${numpyName}`,
    { helper: `deriv_${name}`, define: `static double deriv_${name}(double a, double b) {\n  return a != a || b != b ? a + b : ${pick} ? a : b;\n}` },
  );
};
/** max(u, 0), NaN for NaN (C's fmax(NaN, 0) is 0). */
const RELU = code(
  'Math.max(#0, 0)',
  'max(#0, 0.0)',
  'np.maximum(#0, 0.0)',
  { helper: 'deriv_relu', define: 'static double deriv_relu(double u) {\n  return u > 0 ? u : u <= 0 ? 0.0 : u;\n}' },
);

/** log(u)/log(b) with each logarithm and the quotient as IEEE gives them (b = 1 divides by 0). */
const LOG_BASE = code(
  '(Math.log(#0)/Math.log(#1))',
  {
    helper: '_log_base',
    define:
      'def _log_base(u, b):\n    lu, lb = (math.log(v) if v > 0 else -math.inf if v == 0 else math.nan for v in (u, b))\n' +
      '    if lb == 0:\n        return math.nan if lu == 0 or lu != lu else math.copysign(math.inf, lu)\n    return lu / lb',
  },
  '(np.log(#0)/np.log(#1))',
  '(log(#0)/log(#1))',
);

const op = (operator: string): LatexSpelling => ({ operator });
const tpl = (template: string): LatexSpelling => ({ template });
const R: readonly [number, number] = [-3, 3];
const POS: readonly [number, number] = [0.2, 4];
const UNIT: readonly [number, number] = [-0.9, 0.9];
const NONZERO: SampleInterval = [-3, 3, 0.1];
/** Away from a pole at 0 (csch, coth, acot, acsch blow up or jump there). */
const AWAY: SampleInterval = [-3, 3, 0.3];
/** |u| > 1 (asec, acsc, acoth). */
const OUTSIDE: SampleInterval = [1.2, 4];
/** Exact value only at 0, where many functions are 0. */
const zeroAtZero = (x: number): number | undefined => (x === 0 ? 0 : undefined);
const oneAtZero = (x: number): number | undefined => (x === 0 ? 1 : undefined);
/** Zeros and poles (ExactPoints). */
const AT_ZERO: readonly ExactPoints[] = [{ at: 0 }];
const AT_ONE: readonly ExactPoints[] = [{ at: 1 }];
const NOWHERE: readonly ExactPoints[] = [];
/** k·π and π/2 + k·π, for every integer k. */
const PI_K: readonly ExactPoints[] = [{ pi: [0, 1], every: 1 }];
const HALF_PI_K: readonly ExactPoints[] = [{ pi: [1, 2], every: 1 }];

export const FUNCTION_ROWS: readonly FunctionRow[] = [
  // name      params      partials                                   domain             sample
  { name: 'pow', params: ['a', 'b'], partials: ['b*a^(b-1)', 'a^b*log(a)'], domain: 'a > 0, or b an integer', sample: [POS, R],
    latex: tpl('{#0}^{#1}'), code: POW, evaluate: Math.pow, real: '#0 ≥ 0, or #1 an integer', realHint: 'a negative number to a non-integer power has no real value (as in JavaScript, C and NumPy); for a real odd root write nthRoot(#0, n) (cbrt(#0) for n = 3)', summary: 'a^b; x^n, a^x and f^g alike' },
  { name: 'exp', params: ['u'], partials: ['exp(u)'], domain: 'all real u', sample: [R],
    latex: tpl('e^{#0}'), code: real('exp', 'exp', 'math.inf'), exactAtE: { one: 'e' }, exact: oneAtZero, evaluate: Math.exp, zeros: NOWHERE, summary: 'e^u' },
  { name: 'log', aliases: ['ln'], params: ['u'], partials: ['1/u'], domain: 'u > 0', sample: [POS],
    latex: op('\\ln'), code: { ...std('log'), python: pyReal('_log', 'math.log(u)', LOG_POLE) }, exactAtE: { e: 1 }, exact: (x) => (x === 1 ? 0 : undefined), evaluate: Math.log, real: '#0 > 0', zeros: AT_ONE, summary: 'natural logarithm (ln is the same)' },
  { name: 'log', params: ['u', 'b'], partials: ['1/(u*log(b))', '-log(u)/(b*log(b)^2)'], domain: 'u > 0, b > 0, b ≠ 1', sample: [POS, [1.5, 4]],
    latex: tpl('\\log_{#1}\\left(#0\\right)'), code: LOG_BASE, evaluate: (u, b) => Math.log(u) / Math.log(b), real: '#0 > 0, #1 > 0 and #1 ≠ 1', summary: 'logarithm of u to base b' },
  { name: 'log2', params: ['u'], partials: ['1/(u*log(2))'], domain: 'u > 0', sample: [POS],
    latex: op('\\log_{2}'), code: real('log2', 'log2', LOG_POLE), exact: (x) => (x === 1 ? 0 : undefined), evaluate: Math.log2, real: '#0 > 0', zeros: AT_ONE, summary: 'base-2 logarithm' },
  { name: 'log10', params: ['u'], partials: ['1/(u*log(10))'], domain: 'u > 0', sample: [POS],
    latex: op('\\log_{10}'), code: real('log10', 'log10', LOG_POLE), exact: (x) => (x === 1 ? 0 : undefined), evaluate: Math.log10, real: '#0 > 0', zeros: AT_ONE, summary: 'base-10 logarithm' },
  { name: 'log1p', params: ['u'], partials: ['1/(1+u)'], domain: 'u > -1', sample: [[-0.8, 3]],
    latex: tpl('\\ln\\left(1 + #0\\right)'), code: real('log1p', 'log1p', '-math.inf if u == -1 else math.nan'), exact: zeroAtZero, evaluate: Math.log1p, real: '#0 > -1', zeros: AT_ZERO, summary: 'log(1+u)' },
  { name: 'expm1', params: ['u'], partials: ['exp(u)'], domain: 'all real u', sample: [R],
    latex: tpl('\\left(e^{#0} - 1\\right)'), code: real('expm1', 'expm1', 'math.inf'), exact: zeroAtZero, evaluate: Math.expm1, zeros: AT_ZERO, summary: 'exp(u)-1' },
  { name: 'sqrt', params: ['u'], partials: ['1/(2*sqrt(u))'], domain: 'u > 0', sample: [POS],
    latex: tpl('\\sqrt{#0}'), code: SQRT_ROOT, root: 2, evaluate: Math.sqrt, real: '#0 ≥ 0', zeros: AT_ZERO, summary: 'square root' },
  { name: 'nthRoot', params: ['u'], partials: ['1/(2*nthRoot(u))'], domain: 'u > 0', sample: [POS],
    latex: tpl('\\sqrt{#0}'), code: SQRT_ROOT, root: 2, evaluate: (u) => nthRoot(u, 2), real: '#0 ≥ 0', zeros: AT_ZERO, summary: 'square root (as mathjs: nthRoot(u) is nthRoot(u, 2))' },
  { name: 'nthRoot', params: ['u', 'n'], partials: ['nthRoot(u, n)/(n*u)', '-nthRoot(u, n)*log(u)/n^2'], domain: 'u > 0, n ≠ 0', sample: [POS, [2, 5]],
    latex: tpl('\\sqrt[#1]{#0}'), code: NTH_ROOT, evaluate: nthRoot, real: '#1 ≠ 0, and #0 ≥ 0 or #1 an odd integer', summary: 'real n-th root: negative u with odd n gives the negative root, as mathjs' },
  { name: 'cbrt', params: ['u'], partials: ['1/(3*cbrt(u)^2)'], domain: 'u ≠ 0', sample: [POS],
    latex: tpl('\\sqrt[3]{#0}'), code: CBRT, root: 3, parity: 'odd', evaluate: Math.cbrt, zeros: AT_ZERO, summary: 'real cube root' },

  { name: 'sin', params: ['u'], partials: ['cos(u)'], domain: 'all real u', sample: [R],
    latex: op('\\sin'), code: real('sin', 'sin', NAN), parity: 'odd', exact: zeroAtZero, evaluate: Math.sin, zeros: PI_K, summary: 'sine' },
  { name: 'cos', params: ['u'], partials: ['-sin(u)'], domain: 'all real u', sample: [R],
    latex: op('\\cos'), code: real('cos', 'cos', NAN), parity: 'even', exact: oneAtZero, evaluate: Math.cos, zeros: HALF_PI_K, summary: 'cosine' },
  { name: 'tan', params: ['u'], partials: ['sec(u)^2'], domain: 'cos(u) ≠ 0', sample: [[-1.2, 1.2]],
    latex: op('\\tan'), code: real('tan', 'tan', NAN), parity: 'odd', exact: zeroAtZero, evaluate: Math.tan, zeros: PI_K, poles: HALF_PI_K, summary: 'tangent' },
  { name: 'sec', params: ['u'], partials: ['sec(u)*tan(u)'], domain: 'cos(u) ≠ 0', sample: [[-1.2, 1.2]],
    latex: op('\\sec'), code: recip('cos', NAN, 'sec'), parity: 'even', exact: oneAtZero, evaluate: (x) => 1 / Math.cos(x), zeros: NOWHERE, poles: HALF_PI_K, summary: 'secant' },
  { name: 'csc', params: ['u'], partials: ['-csc(u)*cot(u)'], domain: 'sin(u) ≠ 0', sample: [[0.2, 2.9]],
    latex: op('\\csc'), code: recip('sin', 'math.copysign(math.inf, u) if u == 0 else math.nan', 'csc'), parity: 'odd', evaluate: (x) => 1 / Math.sin(x), zeros: NOWHERE, poles: PI_K, summary: 'cosecant' },
  { name: 'cot', params: ['u'], partials: ['-csc(u)^2'], domain: 'sin(u) ≠ 0', sample: [[0.2, 2.9]],
    latex: op('\\cot'), code: recip('tan', 'math.copysign(math.inf, u) if u == 0 else math.nan', 'cot'), parity: 'odd', evaluate: (x) => 1 / Math.tan(x), zeros: HALF_PI_K, poles: PI_K, summary: 'cotangent' },
  { name: 'asin', params: ['u'], partials: ['1/sqrt(1-u^2)'], domain: '-1 < u < 1', sample: [UNIT],
    latex: op('\\arcsin'), code: real('asin', 'arcsin', NAN), parity: 'odd', exact: zeroAtZero, evaluate: Math.asin, real: '-1 ≤ #0 ≤ 1', zeros: AT_ZERO, summary: 'inverse sine' },
  { name: 'acos', params: ['u'], partials: ['-1/sqrt(1-u^2)'], domain: '-1 < u < 1', sample: [UNIT],
    latex: op('\\arccos'), code: real('acos', 'arccos', NAN), evaluate: Math.acos, real: '-1 ≤ #0 ≤ 1', zeros: AT_ONE, summary: 'inverse cosine' },
  { name: 'atan', params: ['u'], partials: ['1/(1+u^2)'], domain: 'all real u', sample: [R],
    latex: op('\\arctan'), code: std('atan', 'arctan'), parity: 'odd', exact: zeroAtZero, evaluate: Math.atan, zeros: AT_ZERO, summary: 'inverse tangent' },
  { name: 'atan2', params: ['y', 'x'], partials: ['x/(x^2+y^2)', '-y/(x^2+y^2)'], domain: '(x, y) ≠ (0, 0), off the cut x < 0, y = 0', sample: [R, POS],
    latex: tpl('\\operatorname{atan2}\\left(#0, #1\\right)'), code: std('atan2', 'arctan2'), evaluate: Math.atan2, summary: 'angle of the point (x, y)' },

  { name: 'sinh', params: ['u'], partials: ['cosh(u)'], domain: 'all real u', sample: [R],
    latex: op('\\sinh'), code: real('sinh', 'sinh', 'math.copysign(math.inf, u)'), parity: 'odd', exact: zeroAtZero, evaluate: Math.sinh, zeros: AT_ZERO, summary: 'hyperbolic sine' },
  { name: 'cosh', params: ['u'], partials: ['sinh(u)'], domain: 'all real u', sample: [R],
    latex: op('\\cosh'), code: real('cosh', 'cosh', 'math.inf'), parity: 'even', exact: oneAtZero, evaluate: Math.cosh, zeros: NOWHERE, summary: 'hyperbolic cosine' },
  { name: 'tanh', params: ['u'], partials: ['1-tanh(u)^2'], domain: 'all real u', sample: [R],
    latex: op('\\tanh'), code: std('tanh'), parity: 'odd', exact: zeroAtZero, evaluate: Math.tanh, zeros: AT_ZERO, summary: 'hyperbolic tangent' },
  { name: 'asinh', params: ['u'], partials: ['1/sqrt(u^2+1)'], domain: 'all real u', sample: [R],
    latex: op('\\operatorname{arsinh}'), code: std('asinh', 'arcsinh'), parity: 'odd', exact: zeroAtZero, evaluate: Math.asinh, zeros: AT_ZERO, summary: 'inverse hyperbolic sine' },
  { name: 'acosh', params: ['u'], partials: ['1/sqrt(u^2-1)'], domain: 'u > 1', sample: [[1.2, 4]],
    latex: op('\\operatorname{arcosh}'), code: real('acosh', 'arccosh', NAN), evaluate: Math.acosh, real: '#0 ≥ 1', zeros: AT_ONE, summary: 'inverse hyperbolic cosine' },
  { name: 'atanh', params: ['u'], partials: ['1/(1-u^2)'], domain: '-1 < u < 1', sample: [UNIT],
    latex: op('\\operatorname{artanh}'), code: real('atanh', 'arctanh', 'math.copysign(math.inf, u) if abs(u) == 1 else math.nan'), parity: 'odd', exact: zeroAtZero, evaluate: Math.atanh, real: '-1 < #0 < 1', zeros: AT_ZERO, summary: 'inverse hyperbolic tangent' },
  { name: 'sech', params: ['u'], partials: ['-sech(u)*tanh(u)'], domain: 'all real u', sample: [R],
    latex: op('\\operatorname{sech}'), code: recip('cosh', '0.0', 'sech'), parity: 'even', exact: oneAtZero, evaluate: (x) => 1 / Math.cosh(x), zeros: NOWHERE, summary: 'hyperbolic secant' },
  { name: 'csch', params: ['u'], partials: ['-csch(u)*coth(u)'], domain: 'u ≠ 0', sample: [AWAY],
    latex: op('\\operatorname{csch}'), code: recip('sinh', 'math.copysign(math.inf if u == 0 else 0.0, u)', 'csch'), parity: 'odd', evaluate: (x) => 1 / Math.sinh(x), zeros: NOWHERE, poles: AT_ZERO, summary: 'hyperbolic cosecant' },
  { name: 'coth', params: ['u'], partials: ['-csch(u)^2'], domain: 'u ≠ 0', sample: [AWAY],
    latex: op('\\coth'), code: recip('tanh', 'math.copysign(math.inf, u)', 'coth'), parity: 'odd', evaluate: (x) => 1 / Math.tanh(x), zeros: NOWHERE, poles: AT_ZERO, summary: 'hyperbolic cotangent' },
  { name: 'asec', params: ['u'], partials: ['1/(abs(u)*sqrt(u^2-1))'], domain: '|u| > 1', sample: [OUTSIDE],
    latex: op('\\operatorname{arcsec}'), code: ofReciprocal('acos', 'arccos', NAN, 'asec'), exact: (x) => (x === 1 ? 0 : undefined), evaluate: (x) => Math.acos(1 / x), real: '|#0| ≥ 1', zeros: AT_ONE, summary: 'inverse secant' },
  { name: 'acsc', params: ['u'], partials: ['-1/(abs(u)*sqrt(u^2-1))'], domain: '|u| > 1', sample: [OUTSIDE],
    latex: op('\\operatorname{arccsc}'), code: ofReciprocal('asin', 'arcsin', NAN, 'acsc'), parity: 'odd', evaluate: (x) => Math.asin(1 / x), real: '|#0| ≥ 1', zeros: NOWHERE, summary: 'inverse cosecant' },
  { name: 'acot', params: ['u'], partials: ['-1/(1+u^2)'], domain: 'u ≠ 0 (acot(u) = atan(1/u), as mathjs)', sample: [AWAY],
    latex: op('\\operatorname{arccot}'), code: ofReciprocal('atan', 'arctan', 'math.copysign(math.pi / 2, u)', 'acot'), parity: 'odd', evaluate: (x) => Math.atan(1 / x), zeros: NOWHERE, summary: 'inverse cotangent' },
  { name: 'asech', params: ['u'], partials: ['-1/(u*sqrt(1-u^2))'], domain: '0 < u < 1', sample: [[0.1, 0.9]],
    latex: op('\\operatorname{arsech}'), code: ofReciprocal('acosh', 'arccosh', 'math.inf if u == 0 and math.copysign(1.0, u) > 0 else math.nan', 'asech'), exact: (x) => (x === 1 ? 0 : undefined), evaluate: (x) => Math.acosh(1 / x), real: '0 < #0 ≤ 1', zeros: AT_ONE, summary: 'inverse hyperbolic secant' },
  { name: 'acsch', params: ['u'], partials: ['-1/(abs(u)*sqrt(1+u^2))'], domain: 'u ≠ 0', sample: [AWAY],
    latex: op('\\operatorname{arcsch}'), code: ofReciprocal('asinh', 'arcsinh', 'math.copysign(math.inf, u)', 'acsch'), parity: 'odd', evaluate: (x) => Math.asinh(1 / x), zeros: NOWHERE, poles: AT_ZERO, summary: 'inverse hyperbolic cosecant' },
  { name: 'acoth', params: ['u'], partials: ['1/(1-u^2)'], domain: '|u| > 1', sample: [OUTSIDE],
    latex: op('\\operatorname{arcoth}'), code: ofReciprocal('atanh', 'arctanh', 'math.copysign(math.inf, u) if abs(u) == 1 else math.nan', 'acoth'), parity: 'odd', evaluate: (x) => Math.atanh(1 / x), real: '|#0| > 1', zeros: NOWHERE, summary: 'inverse hyperbolic cotangent' },

  { name: 'abs', params: ['u'], partials: ['sign(u)'], domain: 'u ≠ 0', sample: [NONZERO],
    latex: tpl('\\left|#0\\right|'), code: code('Math.abs', 'abs', 'np.abs', 'fabs'), parity: 'even', exact: Math.abs, evaluate: Math.abs, zeros: AT_ZERO, kink: 'zero', summary: 'absolute value; abs\'(0) taken as 0' },
  { name: 'sign', params: ['u'], partials: ['0'], domain: 'u ≠ 0', sample: [NONZERO],
    latex: op('\\operatorname{sgn}'), code: SIGN, parity: 'odd', exact: Math.sign, evaluate: Math.sign, zeros: AT_ZERO, kink: 'zero', summary: 'sign: -1, 0 or 1' },
  { name: 'heaviside', aliases: ['step'], params: ['u'], partials: ['0'], domain: 'u ≠ 0', sample: [NONZERO],
    latex: tpl('\\mathbf{1}\\left[#0 > 0\\right]'), code: HEAVISIDE, exact: heaviside, evaluate: heaviside, kink: 'zero', summary: 'unit step: 1 if u > 0, else 0 (so relu\'(0) = 0)' },
  { name: 'heaviside', params: ['u', 'h'], partials: ['0', '1 - abs(sign(u))'], domain: 'u ≠ 0', sample: [NONZERO, R],
    latex: tpl('H_{#1}\\left(#0\\right)'), code: code(
      { helper: 'heaviside2', define: 'function heaviside2(u, h) {\n  return u > 0 ? 1 : u < 0 ? 0 : u === 0 ? h : u;\n}' },
      { helper: '_heaviside2', define: 'def _heaviside2(u, h):\n    return 1.0 if u > 0 else 0.0 if u < 0 else h if u == 0 else u' },
      'np.heaviside(#0, #1)',
      { helper: 'deriv_heaviside2', define: 'static double deriv_heaviside2(double u, double h) {\n  return u > 0 ? 1.0 : u < 0 ? 0.0 : u == 0 ? h : u;\n}' },
    ), exact: heavisideAt, evaluate: heavisideAt, kink: 'zero', summary: 'step with value h at 0: heaviside(u, 1/2) splits a tie of max/min ½/½' },
  { name: 'max', params: ['a', 'b'], partials: ['heaviside(a-b, 1/2)', 'heaviside(b-a, 1/2)'], domain: 'a ≠ b', sample: [R, R],
    latex: op('\\max'), code: extreme('max', 'maximum'), exact: Math.max, evaluate: Math.max, kink: 'tie', summary: 'larger of a and b; a tie splits the derivative ½/½ (torch.maximum)' },
  { name: 'min', params: ['a', 'b'], partials: ['heaviside(b-a, 1/2)', 'heaviside(a-b, 1/2)'], domain: 'a ≠ b', sample: [R, R],
    latex: op('\\min'), code: extreme('min', 'minimum'), exact: Math.min, evaluate: Math.min, kink: 'tie', summary: 'smaller of a and b; a tie splits the derivative ½/½ (torch.minimum)' },
  { name: 'relu', params: ['u'], partials: ['heaviside(u)'], domain: 'u ≠ 0', sample: [NONZERO],
    latex: op('\\operatorname{ReLU}'), code: RELU, exact: relu, evaluate: relu, kink: 'zero', summary: 'max(0, u); relu\'(0) taken as 0' },
  { name: 'sigmoid', params: ['u'], partials: ['sigmoid(u)*(1-sigmoid(u))'], domain: 'all real u', sample: [R],
    latex: op('\\sigma'), code: SIGMOID, exact: (x) => (x === 0 ? 0.5 : undefined), evaluate: sigmoid, zeros: NOWHERE, summary: 'logistic function 1/(1+exp(-u))' },
  { name: 'softplus', params: ['u'], partials: ['sigmoid(u)'], domain: 'all real u', sample: [R],
    latex: op('\\operatorname{softplus}'), code: SOFTPLUS, evaluate: softplus, zeros: NOWHERE, summary: 'log(1+exp(u))' },
  ...TORCH_ROWS,
  ...SPECIAL_ROWS,
];
