/**
 * Rows for the special functions PyTorch names (torch.special, torch.erf …) and the GELU built on erf.
 * Part of the rule table (rules/functions.ts), same row format. Numeric implementations are in
 * src/numeric-special.ts; their JS source is the JS helper, rules/special-code.ts has Python, NumPy and C.
 */
import type { CodeSpellings, FunctionRow } from './functions.js';
import { SPECIAL_JS } from '../src/numeric-special.js';
import * as S from '../src/numeric-special.js';
import { gelu, geluTanh } from '../src/numeric-torch.js';
import { helpers } from './torch-rows.js';
import { C_SPECIAL, PY_SPECIAL, numpyOfMath, numpySpecial } from './special-code.js';

type Special = keyof typeof SPECIAL_JS;
const js = (name: Special): { helper: string; define: string } => ({ helper: name, define: SPECIAL_JS[name](name) });

/** Python's math and C have it (erf, erfc, lgamma); NumPy applies Python's entry by entry (`scalar`: a safe one). */
function library(name: 'erf' | 'erfc' | 'lgamma', python: CodeSpellings['python'], scalar?: (name: string) => string): CodeSpellings {
  const numpy = scalar === undefined ? numpyOfMath(`_${name}`, name) : numpySpecial(`_${name}`, 'u', scalar);
  return { js: js(name), python, numpy: { helper: `_${name}`, define: numpy }, c: name };
}
/** math.lgamma with +∞ at its poles (Python raises ValueError there). */
const PY_LGAMMA = (name: string): string => `def ${name}(u):\n    try:\n        return math.lgamma(u)\n    except (ArithmeticError, ValueError):\n        return math.inf`;
/** No language's library has it: a helper in each. */
function everywhere(name: 'digamma' | 'polygamma' | 'erfinv', params: string): CodeSpellings {
  return {
    js: js(name),
    python: { helper: `_${name}`, define: PY_SPECIAL[name](`_${name}`) },
    numpy: { helper: `_${name}`, define: numpySpecial(`_${name}`, params, PY_SPECIAL[name]) },
    c: { helper: `deriv_${name}`, define: C_SPECIAL[name](`deriv_${name}`) },
  };
}

const R: readonly [number, number] = [-3, 3];
const POS: readonly [number, number] = [0.2, 4];
/** √(2/π) and the tanh approximation's argument (its derivative has 3·0.044715 = 0.134145). */
const K = 'sqrt(2/pi)';
const INNER = `${K}*(u + 0.044715*u^3)`;

export const SPECIAL_ROWS: readonly FunctionRow[] = [
  { name: 'erf', params: ['u'], partials: ['2*exp(-u^2)/sqrt(pi)'], domain: 'all real u', sample: [R],
    latex: { operator: '\\operatorname{erf}' }, code: library('erf', 'math.erf'), parity: 'odd', exact: (u) => (u === 0 ? 0 : undefined), evaluate: S.erf, zeros: [{ at: 0 }],
    summary: 'error function 2/√π·∫₀ᵘ exp(−t²) dt' },
  { name: 'erfc', params: ['u'], partials: ['-2*exp(-u^2)/sqrt(pi)'], domain: 'all real u', sample: [R],
    latex: { operator: '\\operatorname{erfc}' }, code: library('erfc', 'math.erfc'), exact: (u) => (u === 0 ? 1 : undefined), evaluate: S.erfc, zeros: [],
    summary: 'complementary error function 1 − erf(u), accurate where it is small' },
  { name: 'erfinv', params: ['u'], partials: ['sqrt(pi)*exp(erfinv(u)^2)/2'], domain: '-1 < u < 1', sample: [[-0.9, 0.9]],
    latex: { operator: '{\\operatorname{erf}^{-1}}' }, code: everywhere('erfinv', 'u'), parity: 'odd', exact: (u) => (u === 0 ? 0 : undefined), evaluate: S.erfinv, real: '-1 ≤ #0 ≤ 1', zeros: [{ at: 0 }],
    summary: 'inverse error function' },
  { name: 'gelu', params: ['u'], partials: ['erfc(-u/sqrt(2))/2 + u*exp(-u^2/2)/sqrt(2*pi)'], domain: 'all real u', sample: [R],
    latex: { operator: '\\operatorname{GELU}' }, code: {
      js: { helper: 'gelu', define: `${SPECIAL_JS.erfc('gelu_erfc')}\nfunction gelu(u) {\n  return (u / 2) * gelu_erfc(-u / Math.SQRT2);\n}` },
      python: { helper: '_gelu', define: 'def _gelu(u):\n    return u / 2 * math.erfc(-u / math.sqrt(2.0))' },
      numpy: { helper: '_gelu', define: 'def _gelu(u):\n    return u / 2 * np.vectorize(math.erfc, "d")(-u / np.sqrt(2.0))' },
      c: { helper: 'deriv_gelu', define: 'static double deriv_gelu(double u) {\n  return u / 2 * erfc(-u / sqrt(2.0));\n}' },
    }, exact: (u) => (u === 0 ? 0 : undefined), evaluate: gelu, zeros: [{ at: 0 }], summary: 'u·Φ(u) = u/2·(1 + erf(u/√2)), PyTorch\'s exact gelu' },
  { name: 'gelu_tanh', params: ['u'], partials: [`(1 + tanh(${INNER}))/2 + u*(1 - tanh(${INNER})^2)*${K}*(1 + 0.134145*u^2)/2`], domain: 'all real u', sample: [R],
    latex: { operator: '\\operatorname{GELU}_{\\tanh}' }, code: helpers('gelu_tanh', ['u'], {
      js: 'u / 2 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)))',
      py: 'u / 2 * (1 + math.tanh(math.sqrt(2 / math.pi) * (u + 0.044715 * u * u * u)))',
      np: 'u / 2 * (1 + np.tanh(np.sqrt(2 / np.pi) * (u + 0.044715 * u * u * u)))',
      c: 'u / 2 * (1 + tanh(0.7978845608028654 * (u + 0.044715 * u * u * u)))' }),
    exact: (u) => (u === 0 ? 0 : undefined), evaluate: geluTanh, zeros: [{ at: 0 }], summary: 'PyTorch\'s gelu(u, approximate=\'tanh\'): u/2·(1 + tanh(√(2/π)·(u + 0.044715·u³)))' },
  { name: 'lgamma', params: ['u'], partials: ['digamma(u)'], domain: 'u > 0 (and u < 0 off the integers)', sample: [POS],
    latex: { template: '\\ln\\Gamma\\left(#0\\right)' }, code: library('lgamma', { helper: '_lgamma', define: PY_LGAMMA('_lgamma') }, PY_LGAMMA),
    exact: (u) => (u === 1 || u === 2 ? 0 : undefined), evaluate: S.lgamma, zeros: [{ at: 1 }, { at: 2 }], summary: 'log|Γ(u)|' },
  { name: 'digamma', params: ['u'], partials: ['polygamma(1, u)'], domain: 'u > 0 (and u < 0 off the integers)', sample: [POS],
    latex: { template: '\\psi\\left(#0\\right)' }, code: everywhere('digamma', 'u'), evaluate: S.digamma, summary: 'ψ(u) = Γ′(u)/Γ(u)' },
  { name: 'polygamma', params: ['n', 'u'], partials: ['0', 'polygamma(n + 1, u)'], domain: 'u > 0; n a whole number 0 … 100 (not a variable: ∂/∂n is taken as 0)', sample: [[0, 4], POS],
    latex: { template: '\\psi^{(#0)}\\left(#1\\right)' }, code: everywhere('polygamma', 'n, u'), evaluate: S.polygamma, real: '#0 a whole number from 0 to 100', integer: [0],
    summary: 'ψ⁽ⁿ⁾(u), the n-th derivative of digamma (trigamma is polygamma(1, u))' },
];
