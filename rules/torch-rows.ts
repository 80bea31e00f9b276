/**
 * Rows for PyTorch's elementwise activations and functions, by their PyTorch names (torch.nn.functional,
 * torch.special). Part of the rule table (rules/functions.ts), same row format.
 *
 * Kinks: each partial is written so that its value at the kink is what PyTorch 1.13's autograd computes
 * there (recorded in test/data/torch-kinks.json by scripts/torch-kinks.py). heaviside(u) is 0 at 0 and
 * heaviside(u, h) is h at 0: leaky_relu′(0) = slope (PyTorch's `u > 0 ? 1 : slope`), elu′(0) = α (its u ≤ 0
 * branch), clamp passes the gradient at its bounds (heaviside(·, 1)) while hardtanh, relu6 and hardsigmoid
 * do not (heaviside(·) is 0 there), hardswish takes its middle branch at ±3.
 */
import type { CodeSpellings, FunctionRow, SampleInterval } from './functions.js';
import * as T from '../src/numeric-torch.js';

/**
 * One helper per language from a body expression per language over the parameters (`u`, `a`, …). NumPy's
 * body works on arrays (np.where, not if) and runs with floating-point warnings off (np.where evaluates both
 * branches).
 */
export function helpers(name: string, params: readonly string[], body: { js: string; py: string; np: string; c: string }): CodeSpellings {
  const list = params.join(', ');
  // Python raises ZeroDivisionError where the others give ±∞ or NaN: a body that divides by a parameter says div(a, b).
  const div = (body.py.includes('div(') ? PY_DIV : '') + (/(?<!\.)expm1\(/.test(body.py) ? PY_EXPM1 : '');
  return {
    js: { helper: name, define: `function ${name}(${list}) {\n  return ${body.js};\n}` },
    python: { helper: `_${name}`, define: `def _${name}(${list}):\n${div}    return ${body.py}` },
    numpy: { helper: `_${name}`, define: `def _${name}(${list}):\n    with np.errstate(all="ignore"):\n        return ${body.np}` },
    c: { helper: `deriv_${name}`, define: `static double deriv_${name}(${params.map((p) => `double ${p}`).join(', ')}) {\n  return ${body.c};\n}` },
  };
}

/** a / b as IEEE gives it, inside a Python helper (as src/code/notations.ts's _div). */
const PY_DIV =
  '    def div(a, b):\n        try:\n            return a / b\n        except ZeroDivisionError:\n' +
  '            return math.nan if a == 0 or a != a else math.copysign(math.inf, a) * math.copysign(1.0, b)\n';

/** math.expm1 with ∞ for overflow, inside a Python helper. */
const PY_EXPM1 = '    def expm1(v):\n        try:\n            return math.expm1(v)\n        except OverflowError:\n            return math.inf\n';

/** A JS body in Python's and C's spelling of the library (Math.expm1 → math.expm1, expm1). */
const py = (body: string): string => body.replace(/Math\.(\w+)/g, 'math.$1');
const c = (body: string): string => body.replace(/Math\.(\w+)/g, '$1');
const tpl = (template: string): { template: string } => ({ template });

/** A stable softplus of an expression `v` (already a name), per language. */
const SOFTPLUS_OF = (v: string): { js: string; py: string; c: string } => ({
  js: `(${v} > 0 ? ${v} + Math.log1p(Math.exp(-${v})) : Math.log1p(Math.exp(${v})))`,
  py: `(${v} + math.log1p(math.exp(-${v})) if ${v} > 0 else math.log1p(math.exp(${v})))`,
  c: `(${v} > 0 ? ${v} + log1p(exp(-${v})) : log1p(exp(${v})))`,
});
const SIGMOID_OF = (v: string): { js: string; py: string; c: string } => ({
  js: `(${v} >= 0 ? 1 / (1 + Math.exp(-${v})) : Math.exp(${v}) / (1 + Math.exp(${v})))`,
  py: `(1.0 / (1.0 + math.exp(-${v})) if ${v} >= 0 else math.exp(${v}) / (1.0 + math.exp(${v})))`,
  c: `(${v} >= 0 ? 1.0 / (1.0 + exp(-${v})) : exp(${v}) / (1.0 + exp(${v})))`,
});

/** A piecewise body `u > 0 ? u : neg` (neg over u and the parameters), per language. */
function positivePart(neg: string, npNeg: string): { js: string; py: string; np: string; c: string } {
  return { js: `u > 0 ? u : ${neg}`, py: `u if u > 0 else ${py(neg)}`, np: `np.where(u > 0, u, ${npNeg})`, c: `u > 0 ? u : ${c(neg)}` };
}
/** `factor ·` a body, per language. */
function scaled(factor: string | number, b: { js: string; py: string; np: string; c: string }): { js: string; py: string; np: string; c: string } {
  return { js: `${factor} * (${b.js})`, py: `${factor} * (${b.py})`, np: `${factor} * (${b.np})`, c: `${factor} * (${b.c})` };
}
/** clamp(v, lo, hi) with NaN kept, per language (Python's max and C's fmax drop a NaN). */
function clampBody(v: string, lo: string, hi: string, scale = ''): { js: string; py: string; np: string; c: string } {
  return {
    js: `Math.min(Math.max(${v}, ${lo}), ${hi})${scale}`,
    py: `(${v} if ${v} != ${v} else min(max(${v}, ${lo}), ${hi}))${scale}`,
    np: `np.clip(${v}, ${lo}, ${hi})${scale}`,
    c: `(${v} != ${v} ? ${v} : ${v} < ${lo} ? ${lo} : ${v} > ${hi} ? ${hi} : ${v})${scale}`,
  };
}

const R: readonly [number, number] = [-3, 3];
/** Away from the kink at 0. */
const NONZERO: SampleInterval = [-3, 3, 0.1];
/** Away from kinks at ±1, ±3 or 0 and 6: points in a wide interval; the table test skips a point a kink spoils. */
const WIDE: SampleInterval = [-5, 8, 0.1];
const POSITIVE_ALPHA: SampleInterval = [0.5, 2];
const SELU = T.SELU_SCALE * T.SELU_ALPHA;

/** Its LaTeX: an upright name applied to its arguments. */
const name = (n: string): { operator: string } => ({ operator: `\\operatorname{${n}}` });

export const TORCH_ROWS: readonly FunctionRow[] = [
  { name: 'leaky_relu', params: ['u'], partials: ['heaviside(u) + heaviside(-u, 1)/100'], domain: 'u ≠ 0', sample: [NONZERO],
    latex: name('LeakyReLU'), code: helpers('leaky_relu', ['u'], positivePart('0.01 * u', '0.01 * u')), exact: (u) => (u === 0 ? 0 : undefined), evaluate: (u) => T.leakyRelu(u), zeros: [{ at: 0 }], kink: 'zero',
    summary: 'u for u > 0, else 0.01·u; leaky_relu′(0) = 0.01 as in PyTorch' },
  { name: 'leaky_relu', params: ['u', 'slope'], partials: ['heaviside(u) + slope*heaviside(-u, 1)', 'min(u, 0)'], domain: 'u ≠ 0', sample: [NONZERO, [0, 0.5]],
    latex: name('LeakyReLU'), code: helpers('leaky_relu2', ['u', 'slope'], positivePart('slope * u', 'slope * u')), evaluate: T.leakyRelu, kink: 'zero',
    summary: 'u for u > 0, else slope·u; leaky_relu′(0) = slope as in PyTorch' },
  { name: 'elu', params: ['u'], partials: ['heaviside(u) + exp(u)*heaviside(-u, 1)'], domain: 'u ≠ 0 (its derivative is continuous, 1 at 0)', sample: [NONZERO],
    latex: name('ELU'), code: helpers('elu', ['u'], positivePart('Math.expm1(u)', 'np.expm1(u)')), exact: (u) => (u === 0 ? 0 : undefined), evaluate: (u) => T.elu(u), zeros: [{ at: 0 }], kink: 'zero',
    summary: 'u for u > 0, else exp(u) − 1; elu′(0) = 1' },
  { name: 'elu', params: ['u', 'alpha'], partials: ['heaviside(u) + alpha*exp(u)*heaviside(-u, 1)', 'expm1(u)*heaviside(-u, 1)'], domain: 'u ≠ 0', sample: [NONZERO, POSITIVE_ALPHA],
    latex: name('ELU'), code: helpers('elu2', ['u', 'alpha'], positivePart('alpha * Math.expm1(u)', 'alpha * np.expm1(u)')), evaluate: T.elu, kink: 'zero',
    summary: 'u for u > 0, else α·(exp(u) − 1); elu′(0) = α as in PyTorch (its u ≤ 0 branch)' },
  { name: 'selu', params: ['u'], partials: [`${T.SELU_SCALE}*heaviside(u) + ${SELU}*exp(u)*heaviside(-u, 1)`], domain: 'u ≠ 0', sample: [NONZERO],
    latex: name('SELU'), code: helpers('selu', ['u'], scaled(T.SELU_SCALE, positivePart(`${T.SELU_ALPHA} * Math.expm1(u)`, `${T.SELU_ALPHA} * np.expm1(u)`))), exact: (u) => (u === 0 ? 0 : undefined), evaluate: T.selu, zeros: [{ at: 0 }], kink: 'zero',
    summary: 'λ·elu(u, α) with PyTorch\'s λ ≈ 1.0507, α ≈ 1.6733; selu′(0) = λα as in PyTorch' },
  { name: 'celu', params: ['u'], partials: ['heaviside(u) + exp(u)*heaviside(-u, 1)'], domain: 'u ≠ 0 (its derivative is continuous, 1 at 0)', sample: [NONZERO],
    latex: name('CELU'), code: helpers('celu', ['u'], positivePart('Math.expm1(u)', 'np.expm1(u)')), exact: (u) => (u === 0 ? 0 : undefined), evaluate: (u) => T.celu(u), zeros: [{ at: 0 }], kink: 'zero',
    summary: 'max(0, u) + min(0, α·(exp(u/α) − 1)) with α = 1; celu′(0) = 1' },
  { name: 'celu', params: ['u', 'alpha'], partials: ['heaviside(u) + exp(u/alpha)*heaviside(-u, 1)', 'heaviside(-u, 1)*(expm1(u/alpha) - u*exp(u/alpha)/alpha)'], domain: 'u ≠ 0 (∂/∂u is continuous, 1 at 0)', sample: [NONZERO, POSITIVE_ALPHA],
    latex: name('CELU'), code: helpers('celu2', ['u', 'alpha'], { ...positivePart('alpha * Math.expm1(u / alpha)', 'alpha * np.expm1(u / alpha)'), py: 'u if u > 0 else alpha * expm1(div(u, alpha))' }), evaluate: T.celu, kink: 'zero',
    summary: 'max(0, u) + min(0, α·(exp(u/α) − 1)); celu′(0) = 1' },
  { name: 'silu', params: ['u'], partials: ['sigmoid(u)*(1 + u*(1 - sigmoid(u)))'], domain: 'all real u', sample: [R],
    latex: name('SiLU'), code: helpers('silu', ['u'], { js: `u * ${SIGMOID_OF('u').js}`, py: `u * ${SIGMOID_OF('u').py}`, np: 'u * np.exp(-np.logaddexp(0.0, -u))', c: `u * ${SIGMOID_OF('u').c}` }),
    exact: (u) => (u === 0 ? 0 : undefined), evaluate: T.silu, summary: 'u·sigmoid(u) (swish)' },
  { name: 'mish', params: ['u'], partials: ['tanh(softplus(u)) + u*sigmoid(u)*(1 - tanh(softplus(u))^2)'], domain: 'all real u', sample: [R],
    latex: name('Mish'), code: helpers('mish', ['u'], { js: `u * Math.tanh(${SOFTPLUS_OF('u').js})`, py: `u * math.tanh(${SOFTPLUS_OF('u').py})`, np: 'u * np.tanh(np.logaddexp(0.0, u))', c: `u * tanh(${SOFTPLUS_OF('u').c})` }),
    exact: (u) => (u === 0 ? 0 : undefined), evaluate: T.mish, summary: 'u·tanh(softplus(u))' },
  { name: 'softsign', params: ['u'], partials: ['1/(1 + abs(u))^2'], domain: 'all real u', sample: [R],
    latex: name('softsign'), code: helpers('softsign', ['u'], { js: 'u / (1 + Math.abs(u))', py: 'u / (1.0 + abs(u))', np: 'u / (1.0 + np.abs(u))', c: 'u / (1.0 + fabs(u))' }),
    parity: 'odd', exact: (u) => (u === 0 ? 0 : undefined), evaluate: T.softsign, summary: 'u/(1 + |u|)' },
  { name: 'hardtanh', params: ['u'], partials: ['heaviside(u + 1)*heaviside(1 - u)'], domain: 'u ≠ ±1', sample: [WIDE],
    latex: name('hardtanh'), code: helpers('hardtanh', ['u'], clampBody('u', '-1.0', '1.0')), parity: 'odd', exact: (u) => (u === 0 ? 0 : undefined), evaluate: T.hardtanh, kink: [-1, 1],
    summary: 'clamp(u, −1, 1); its derivative is 0 at ±1, as in PyTorch' },
  { name: 'relu6', params: ['u'], partials: ['heaviside(u)*heaviside(6 - u)'], domain: 'u ≠ 0, 6', sample: [WIDE],
    latex: name('ReLU6'), code: helpers('relu6', ['u'], clampBody('u', '0.0', '6.0')), exact: (u) => (u === 0 ? 0 : undefined), evaluate: T.relu6, kink: [0, 6],
    summary: 'clamp(u, 0, 6); its derivative is 0 at 0 and 6, as in PyTorch' },
  { name: 'hardsigmoid', params: ['u'], partials: ['heaviside(u + 3)*heaviside(3 - u)/6'], domain: 'u ≠ ±3', sample: [WIDE],
    latex: name('hardsigmoid'), code: helpers('hardsigmoid', ['u'], clampBody('(u + 3.0)', '0.0', '6.0', ' / 6.0')), evaluate: T.hardsigmoid, kink: [-3, 3],
    summary: 'clamp(u + 3, 0, 6)/6; its derivative is 0 at ±3, as in PyTorch' },
  { name: 'hardswish', params: ['u'], partials: ['heaviside(u + 3, 1)*heaviside(3 - u, 1)*(u/3 + 1/2) + heaviside(u - 3)'], domain: 'u ≠ ±3', sample: [WIDE],
    latex: name('hardswish'), code: helpers('hardswish', ['u'], scaled('u', clampBody('(u + 3.0)', '0.0', '6.0', ' / 6.0'))),
    exact: (u) => (u === 0 ? 0 : undefined), evaluate: T.hardswish, kink: [-3, 3],
    summary: 'u·clamp(u + 3, 0, 6)/6; its derivative is −1/2 at −3 and 3/2 at 3, as in PyTorch' },
  { name: 'clamp', params: ['u', 'lo', 'hi'], partials: ['heaviside(u - lo, 1)*heaviside(hi - u, 1)', 'heaviside(lo - u)', 'heaviside(u - hi)'], domain: 'lo < u < hi, or u outside [lo, hi]', sample: [R, [-2.5, -0.5], [0.5, 2.5]],
    latex: tpl('\\operatorname{clamp}\\left(#0, #1, #2\\right)'), code: helpers('clamp', ['u', 'lo', 'hi'], {
      js: 'Math.min(Math.max(u, lo), hi)', py: 'u + lo + hi if u != u or lo != lo or hi != hi else min(max(u, lo), hi)', np: 'np.minimum(np.maximum(u, lo), hi)',
      c: 'u != u || lo != lo || hi != hi ? u + lo + hi : u < lo ? (lo > hi ? hi : lo) : u > hi ? hi : u' }), evaluate: T.clamp, kink: 'bounds',
    summary: 'min(max(u, lo), hi) (torch.clamp); at a bound the gradient passes to u, as in PyTorch' },
  { name: 'logsigmoid', params: ['u'], partials: ['sigmoid(-u)'], domain: 'all real u', sample: [R],
    latex: tpl('\\ln\\sigma\\left(#0\\right)'), code: helpers('logsigmoid', ['u'], { js: `-${SOFTPLUS_OF('(-u)').js}`, py: `-${SOFTPLUS_OF('(-u)').py}`, np: '-np.logaddexp(0.0, -u)', c: `-${SOFTPLUS_OF('(-u)').c}` }),
    evaluate: T.logsigmoid, zeros: [], summary: 'log(sigmoid(u)) = −softplus(−u), without overflow' },
  { name: 'logit', params: ['u'], partials: ['1/(u*(1 - u))'], domain: '0 < u < 1', sample: [[0.05, 0.95]],
    latex: name('logit'), code: helpers('logit', ['u'], {
      js: 'Math.log(u) - Math.log1p(-u)', py: '(math.log(u) if u > 0 else -math.inf if u == 0 else math.nan) - (math.log1p(-u) if u < 1 else -math.inf if u == 1 else math.nan)',
      np: 'np.log(u) - np.log1p(-u)', c: 'log(u) - log1p(-u)' }),
    evaluate: T.logit, real: '0 ≤ #0 ≤ 1', summary: 'log(u/(1 − u)), the inverse of sigmoid' },
  { name: 'xlogy', params: ['a', 'b'], partials: ['log(b)', 'a/b'], domain: 'b > 0', sample: [R, [0.2, 4]],
    latex: tpl('\\operatorname{xlogy}\\left(#0, #1\\right)'), code: helpers('xlogy', ['a', 'b'], {
      js: 'b !== b ? b : a === 0 ? 0 : a * Math.log(b)', py: 'b if b != b else 0.0 if a == 0 else a * (math.log(b) if b > 0 else -math.inf if b == 0 else math.nan)',
      np: 'np.where(np.isnan(b), b, np.where(a == 0, 0.0, a * np.log(b)))', c: 'b != b ? b : a == 0 ? 0.0 : a * log(b)' }),
    evaluate: T.xlogy, real: '#1 ≥ 0, or #0 = 0', summary: 'a·log(b), 0 where a = 0 (torch.xlogy)' },
  { name: 'logaddexp', params: ['a', 'b'], partials: ['sigmoid(a - b)', 'sigmoid(b - a)'], domain: 'all real a, b', sample: [R, R],
    latex: name('logaddexp'), code: helpers('logaddexp', ['a', 'b'], {
      js: 'a !== a || b !== b ? a + b : a === b ? (Math.abs(a) === Infinity ? a : a + Math.LN2) : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)))',
      py: 'a + b if a != a or b != b else (a if abs(a) == math.inf else a + math.log(2.0)) if a == b else max(a, b) + math.log1p(math.exp(-abs(a - b)))',
      np: 'np.logaddexp(a, b)',
      c: 'a != a || b != b ? a + b : a == b ? (isinf(a) ? a : a + 0.6931471805599453) : fmax(a, b) + log1p(exp(-fabs(a - b)))' }),
    evaluate: T.logaddexp, summary: 'log(exp(a) + exp(b)), without overflow; ∂/∂a = sigmoid(a − b)' },
  { name: 'hypot', params: ['a', 'b'], partials: ['a/hypot(a, b)', 'b/hypot(a, b)'], domain: '(a, b) ≠ (0, 0)', sample: [R, [0.2, 3]],
    latex: tpl('\\sqrt{{#0}^{2} + {#1}^{2}}'), code: { js: 'Math.hypot', python: 'math.hypot', numpy: 'np.hypot', c: 'hypot' }, evaluate: Math.hypot, summary: 'sqrt(a² + b²), without overflow' },
  { name: 'rsqrt', params: ['u'], partials: ['-rsqrt(u)^3/2'], domain: 'u > 0', sample: [[0.2, 4]],
    latex: tpl('\\frac{1}{\\sqrt{#0}}'), code: helpers('rsqrt', ['u'], {
      js: '1 / Math.sqrt(u)', py: '1.0 / math.sqrt(u) if u > 0 else math.copysign(math.inf, u) if u == 0 else math.nan',
      np: '1.0 / np.sqrt(u)', c: '1.0 / sqrt(u)' }),
    evaluate: T.rsqrt, real: '#0 ≥ 0', zeros: [], poles: [{ at: 0 }], summary: '1/sqrt(u)' },
  { name: 'softplus', params: ['u', 'beta'], partials: ['sigmoid(beta*u)', '(u*sigmoid(beta*u) - softplus(beta*u)/beta)/beta'], domain: 'β ≠ 0', sample: [R, [0.5, 3]],
    latex: tpl('\\operatorname{softplus}_{#1}\\left(#0\\right)'), code: helpers('softplus_beta', ['u', 'beta'], {
      js: `${SOFTPLUS_OF('(beta * u)').js} / beta`, py: `div(${SOFTPLUS_OF('(beta * u)').py}, beta)`, np: 'np.logaddexp(0.0, beta * u) / beta', c: `${SOFTPLUS_OF('(beta * u)').c} / beta` }),
    evaluate: T.softplusBeta, summary: 'log(1 + exp(β·u))/β (torch\'s softplus with beta)' },
  { name: 'sinc', params: ['u'], partials: ['(cos(pi*u) - sinc(u))/u'], domain: 'u ≠ 0 (at 0 the derivative is 0, PyTorch\'s value; here 0/0: undefined)', sample: [[0.1, 3]],
    latex: name('sinc'), code: helpers('sinc', ['u'], {
      js: 'u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u)', py: '1.0 if u == 0 else math.sin(math.pi * u) / (math.pi * u) if abs(u) != math.inf else math.nan',
      np: 'np.sinc(u)', c: 'u == 0 ? 1.0 : sin(3.141592653589793 * u) / (3.141592653589793 * u)' }),
    parity: 'even', exact: (u) => (u === 0 ? 1 : undefined), evaluate: T.sinc, summary: 'sin(π·u)/(π·u), 1 at 0 (torch.sinc)' },
];

