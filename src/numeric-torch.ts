/**
 * Numeric implementations of PyTorch's elementwise activations and losses' pieces (rules/torch-rows.ts), each
 * as torch.nn.functional computes it in float64, without overflow at |u| = 1000 and NaN for NaN.
 * Where PyTorch picks a branch at a kink (elu uses its u ≤ 0 branch at 0) the value is the same on both sides,
 * so only the derivatives' rows say which side (see docs/functions.md).
 */
import { sigmoid, softplus } from './numeric-functions.js';
import { erfc } from './numeric-special.js';

/** SELU's constants as PyTorch has them (torch.nn.functional.selu). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

export const leakyRelu = (u: number, slope = 0.01): number => (u > 0 ? u : slope * u);
export const elu = (u: number, alpha = 1): number => (u > 0 ? u : alpha * Math.expm1(u));
export const selu = (u: number): number => SELU_SCALE * elu(u, SELU_ALPHA);
export const celu = (u: number, alpha = 1): number => (u > 0 ? u : alpha * Math.expm1(u / alpha));
export const silu = (u: number): number => u * sigmoid(u);
export const mish = (u: number): number => u * Math.tanh(softplus(u));
export const softsign = (u: number): number => u / (1 + Math.abs(u));
/** min(max(u, lo), hi) as torch.clamp: NaN in, NaN out (Math.max/min propagate it). */
export const clamp = (u: number, lo: number, hi: number): number => Math.min(Math.max(u, lo), hi);
export const hardtanh = (u: number): number => clamp(u, -1, 1);
export const relu6 = (u: number): number => clamp(u, 0, 6);
export const hardsigmoid = (u: number): number => clamp(u + 3, 0, 6) / 6;
export const hardswish = (u: number): number => (u * clamp(u + 3, 0, 6)) / 6;
/** log σ(u) = −softplus(−u). */
export const logsigmoid = (u: number): number => -softplus(-u);
/** log(u/(1 − u)), as two logarithms (no cancellation near 1). */
export const logit = (u: number): number => Math.log(u) - Math.log1p(-u);
/** a·log(b), and 0 where a = 0 (even b = 0), as torch.xlogy. */
export const xlogy = (a: number, b: number): number => (Number.isNaN(b) ? b : a === 0 ? 0 : a * Math.log(b));
/** log(eᵃ + eᵇ) = max + log1p(e^−|a−b|): no overflow. */
export function logaddexp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === -Infinity || (m === Infinity && a === b)) return m;
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}
export const rsqrt = (u: number): number => 1 / Math.sqrt(u);
/** log(1 + e^(βu))/β (torch's `threshold` shortcut, which returns u above βu = 20, differs by < e⁻²⁰ relatively). */
export const softplusBeta = (u: number, beta: number): number => softplus(beta * u) / beta;
/** sin(πu)/(πu), 1 at 0 (torch.sinc, NumPy's normalised sinc). */
export const sinc = (u: number): number => (u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u));
/** u·Φ(u) = u/2·erfc(−u/√2) (erfc keeps the negative side accurate). */
export const gelu = (u: number): number => (u / 2) * erfc(-u / Math.SQRT2);
/** PyTorch's gelu(u, approximate='tanh'). */
export const geluTanh = (u: number): number => (u / 2) * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
/** heaviside(u, h): 1 for u > 0, h at 0, 0 below (NumPy's np.heaviside); NaN for NaN. */
export const heavisideAt = (u: number, h: number): number => (u > 0 ? 1 : u < 0 ? 0 : u === 0 ? h : u);
