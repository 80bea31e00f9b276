/**
 * The last touches of a simplified result, choosing between equal forms as the user wrote them
 * (issue 25). Each is an identity, applied once, after the fixpoint:
 * - a sum factor whose negation occurs in the expression simplified, and which does not itself, takes
 *   that written sign: 5·(5 − 2x)³·(1 − 2x) becomes 5·(2x − 5)³·(2x − 1) for x·(2x − 5)⁴ ((−S)^k =
 *   (−1)^k·S^k; a negative coefficient left over goes into one other sum factor of odd power);
 * - a power with exponent ±1/2 is written as a square root (1.5·x^0.5 → 1.5·√x), one notation per answer.
 */
import { type Expr, type Add, mul, pow, num, call, children, rebuild, splitCoefficient, MINUS_ONE_EXPR } from '../core/expr.js';
import { foldDag } from '../core/walk.js';
import { negatedSum } from './factor.js';
import { isNegative } from '../core/rational.js';

const writtenMemo = new WeakMap<Expr, ReadonlySet<Expr>>();

/** Every sum in e (memoised per node: a gradient's partials share their input). */
function sumsIn(e: Expr): ReadonlySet<Expr> {
  let known = writtenMemo.get(e);
  if (known === undefined) {
    const found = new Set<Expr>();
    foldDag<null>(e, (node) => {
      if (node.kind === 'add') found.add(node);
      return null;
    });
    known = found;
    writtenMemo.set(e, known);
  }
  return known;
}

/** A factor as a sum and its whole exponent, or undefined. */
function sumPower(f: Expr): [Add, bigint] | undefined {
  if (f.kind === 'add') return [f, 1n];
  if (f.kind === 'pow' && f.base.kind === 'add' && f.exp.kind === 'num' && f.exp.value.d === 1n && f.exp.value.n > 0n) return [f.base, f.exp.value.n];
  return undefined;
}

function withWrittenSigns(product: Expr & { kind: 'mul' }, written: () => ReadonlySet<Expr>): Expr {
  let negate = false;
  let changed = false;
  const factors = product.factors.map((f) => {
    const sp = sumPower(f);
    if (sp === undefined) return f;
    const [s, k] = sp;
    if (written().has(s)) return f;
    const other = negatedSum(s);
    if (!written().has(other)) return f;
    changed = true;
    if (k % 2n !== 0n) negate = !negate;
    return pow(other, num(k));
  });
  if (!changed) return product;
  const [c] = splitCoefficient(product);
  if (isNegative(c) !== negate) {
    // The sign left over goes into the one unwritten sum factor of odd power, if there is exactly one.
    const spare = factors.filter((f) => {
      const sp = sumPower(f);
      return sp !== undefined && sp[1] % 2n !== 0n && !written().has(sp[0]) && !written().has(negatedSum(sp[0]));
    });
    if (spare.length !== 1) return product; // a sign in front is not worth the written form
    const [s, k] = sumPower(spare[0]!)!;
    negate = !negate;
    factors[factors.indexOf(spare[0]!)] = pow(negatedSum(s), num(k));
  }
  return mul(...(negate ? [MINUS_ONE_EXPR] : []), ...factors);
}

const isHalf = (e: Expr): boolean => e.kind === 'num' && e.value.d === 2n && (e.value.n === 1n || e.value.n === -1n);

/**
 * Whether the pass can change anything: a half power, or a product with a positive power of a sum (the
 * chain rule's (…)^n, whose sign a user sees; a lone sum factor or a denominator keeps the sign it has). Most results have neither,
 * and this scan costs less than the rewriting walk.
 */
function worthRewriting(result: Expr): boolean {
  let known = worthMemo.get(result);
  if (known === undefined) {
    known = scan(result);
    worthMemo.set(result, known);
  }
  return known;
}
const worthMemo = new WeakMap<Expr, boolean>();

function scan(result: Expr): boolean {
  const seen = new Set<Expr>();
  const stack = [result];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === 'pow') {
      if (isHalf(node.exp)) return true;
      if (node.base.kind === 'add' && node.exp.kind === 'num' && node.exp.value.d === 1n && node.exp.value.n >= 2n) return true;
      stack.push(node.base);
      continue;
    }
    if (node.kind === 'add') for (const k of node.terms) stack.push(k);
    else if (node.kind === 'mul') for (const k of node.factors) stack.push(k);
    else if (node.kind === 'call') for (const k of node.args) stack.push(k);
  }
  return false;
}

/** result with the written signs of `input`'s sums and square roots for half powers (see the header). */
export function writtenForm(input: Expr, result: Expr): Expr {
  if (!worthRewriting(result)) return result;
  const written = (): ReadonlySet<Expr> => sumsIn(input);
  return foldDag<Expr>(result, (node, kids) => {
    const old = children(node);
    let same = true;
    for (let i = 0; i < kids.length && same; i++) same = kids[i] === old[i];
    const out = same ? node : rebuild(node, kids);
    if (out.kind === 'pow' && isHalf(out.exp)) return pow(call('sqrt', [out.base]), num((out.exp as { value: { n: bigint } }).value.n));
    if (out.kind === 'mul') return withWrittenSigns(out, written);
    return out;
  });
}
