/**
 * The second try of a value that overflowed: every node as sign·e^L, its magnitude's logarithm L, so that
 * exp(1000) is L = 1000 rather than ∞. Sums are signed log-sum-exps, products add logarithms, exp(a) is a's
 * value as L, log(a) is a's L, sigmoid(a) is e^(−softplus(−a)). So log(exp(x) + exp(y)) at x = 1000 is 1000 and exp(x)/(exp(x) + exp(y)) is 1,
 * where doubles give ∞ and ∞/∞ (PyTorch's logsumexp and softmax do the same shift by the largest term).
 *
 * Contract: `logDomainValue(e, scope)` is e's value when every intermediate result is finite in this
 * representation, else NaN (variables' values from `variable`); callers use it only where plain doubles gave a non-finite value, and keep that
 * value when this one is not finite either (log(0) stays −∞, sqrt(−1) NaN: a true infinity or NaN in e stays
 * one here). Other functions take their arguments as doubles (so sin(exp(1000)) is still NaN). Its rounding:
 * each operation rounds L by about |L|·u, so a result's relative error is about the largest |L| met times
 * the node count times u (`relativeError`).
 */
import type { Expr } from '../core/expr.js';
import { toNumber } from '../core/rational.js';
import { foldDag } from '../core/walk.js';
import { rowFor } from '../function-table.js';
import { softplus } from '../numeric-functions.js';

/** Unit roundoff of a double. */
const UNIT_ROUNDOFF = 2 ** -53;

/**
 * sign·e^log; sign 0 is the number 0 (log −∞), NaN is NaN. `double`: the value as plain doubles compute it,
 * kept while it is finite, so a subexpression that did not overflow has exactly its usual value (−1000 stays
 * −1000, not e^(ln 1000) = 999.9999999999999, which lgamma would not know for a pole).
 */
interface LogNumber {
  readonly sign: number;
  readonly log: number;
  readonly double?: number;
}

const ofDouble = (v: number): LogNumber => ({ sign: Math.sign(v), log: Math.log(Math.abs(v)), ...(Number.isFinite(v) ? { double: v } : {}) });
const toDouble = (x: LogNumber): number => x.double ?? (x.sign === 0 ? 0 : x.sign * Math.exp(x.log));
/** x, or the plain double result when every operand had one and it is finite. */
function keepDouble(x: LogNumber, operands: readonly LogNumber[], plain: (vs: number[]) => number): LogNumber {
  if (!operands.every((o) => o.double !== undefined)) return x;
  const v = plain(operands.map((o) => o.double!));
  return Number.isFinite(v) ? { ...x, double: v } : x;
}
const NAN: LogNumber = { sign: NaN, log: NaN };

function sum(terms: readonly LogNumber[]): LogNumber {
  let m = -Infinity;
  for (const t of terms) if (t.sign !== 0) m = Math.max(m, t.log);
  if (Number.isNaN(m) || m === Infinity) return NAN; // a NaN or a true infinity: doubles said it already
  if (m === -Infinity) return { sign: 0, log: -Infinity };
  let s = 0;
  for (const t of terms) if (t.sign !== 0) s += t.sign * Math.exp(t.log - m);
  return s === 0 ? { sign: 0, log: -Infinity } : { sign: Math.sign(s), log: m + Math.log(Math.abs(s)) };
}

function product(factors: readonly LogNumber[]): LogNumber {
  let sign = 1;
  let log = 0;
  for (const f of factors) {
    sign *= f.sign;
    log += f.log;
  }
  if (Number.isNaN(log)) return NAN; // 0·∞ (x/y at x = y = 0): undefined, as in doubles
  return sign === 0 ? { sign: 0, log: -Infinity } : { sign, log };
}

function power(base: LogNumber, exponent: number): LogNumber {
  if (base.sign > 0) return { sign: 1, log: exponent * base.log };
  if (base.sign < 0 && Number.isInteger(exponent)) return { sign: exponent % 2 === 0 ? 1 : -1, log: exponent * base.log };
  return ofDouble(Math.pow(toDouble(base), exponent));
}

function call(fn: string, args: readonly LogNumber[]): LogNumber {
  const [a] = args as [LogNumber];
  if (fn === 'exp' && args.length === 1) {
    const x = toDouble(a);
    return Number.isFinite(x) ? { sign: 1, log: x } : NAN;
  }
  if (fn === 'log' && args.length === 1) return a.sign > 0 ? ofDouble(a.log) : ofDouble(Math.log(toDouble(a)));
  if (fn === 'sqrt' && args.length === 1 && a.sign > 0) return { sign: 1, log: a.log / 2 };
  // σ(u) = e^(−softplus(−u)): sigmoid(−1000) is e^(−1000), not 0, so log(sigmoid(−1000)) is −1000.
  if (fn === 'sigmoid' && args.length === 1) {
    const x = toDouble(a);
    return Number.isNaN(x) ? NAN : { sign: 1, log: -softplus(-x) };
  }
  return ofDouble(rowFor(fn, args.length)!.evaluate(...args.map(toDouble)));
}

/** e's value computed in sign·e^L form (see the file comment), or NaN. */
export function logDomainValue(e: Expr, variable: (name: string) => number | undefined): { value: number; relativeError: number } {
  let largest = 1;
  let nodes = 0;
  const result = foldDag<LogNumber>(e, (node, kids) => {
    nodes++;
    for (const k of kids) largest = Math.max(largest, Math.abs(k.log) === Infinity ? 0 : Math.abs(k.log));
    switch (node.kind) {
      case 'num':
        return ofDouble(toNumber(node.value));
      case 'const':
        return ofDouble(node.name === 'e' ? Math.E : Math.PI);
      case 'sym':
        return ofDouble(variable(node.name) ?? NaN);
      case 'add':
        return keepDouble(sum(kids), kids, (vs) => vs.reduce((a, b) => a + b, 0));
      case 'mul':
        return keepDouble(product(kids), kids, (vs) => vs.reduce((a, b) => a * b, 1));
      case 'pow':
        return keepDouble(power(kids[0]!, toDouble(kids[1]!)), kids, ([b, x]) => Math.pow(b!, x!));
      case 'call':
        return keepDouble(call(node.fn, kids), kids, (vs) => rowFor(node.fn, vs.length)!.evaluate(...vs));
    }
  });
  const value = toDouble(result);
  return { value: Number.isFinite(value) ? value : NaN, relativeError: 4 * nodes * largest * UNIT_ROUNDOFF };
}
