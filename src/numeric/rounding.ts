/**
 * Double evaluation that also says how far rounding may have moved the value, and whether it underflowed.
 *
 * Contract of `evaluateBounded(e, scope, memo)`: `value` is what evaluate() gives (same operations, same
 * order); `error` bounds its absolute rounding error to first order — each operation's own rounding (unit
 * roundoff u = 2⁻⁵³ times the size of what it computed: every partial sum of a sum; a product's n − 1 roundings
 * are each relative, so u times the product)
 * plus each operand's error carried through the operation's partial derivatives (a call's partials are its
 * row's templates, evaluated at the arguments). So a sum whose large terms cancel has an error of the size of
 * those terms, not of the small result: the floor a comparison of two such values needs (numeric/check.ts).
 * `underflow` is true when the value is 0 but the exact value is not: a product or power of nonzero numbers
 * that came out 0, or a call whose row lists its zeros (rules/functions.ts) at an argument that is none of
 * them (exp(-1000) is 0 in doubles), and what is built from such a 0.
 * Non-finite values carry an infinite error. Variables come from `scope`; `bounds` gives the error of
 * those that are themselves rounded (a rational too long to keep exact, src/numeric/exact-eval.ts).
 */
import type { Expr } from '../core/expr.js';
import { toNumber } from '../core/rational.js';
import { foldDag } from '../core/walk.js';
import { rowFor } from '../function-table.js';
import { partialTemplates } from '../templates.js';
import type { ExactPoints, FunctionRow } from '../../rules/functions.js';
import { DerivError } from '../errors.js';

/** A double with a bound on its rounding error. */
export interface Bounded {
  readonly value: number;
  readonly error: number;
  readonly underflow: boolean;
}

/** Unit roundoff of a double. */
export const UNIT_ROUNDOFF = 2 ** -53;
/** A library function (Math.sin, or a helper such as sigmoid that takes a few operations) rounds by at most this many u. */
const CALL_ROUNDING = 4;
const SAFE = 2 ** 53;

/** x·e, where an error of 0 contributes 0 even through an infinite or undefined factor. */
const carried = (x: number, e: number): number => (e === 0 ? 0 : Math.abs(x) * e);

function bounded(value: number, error: number, underflow: boolean): Bounded {
  return { value, error: Number.isFinite(value) && !Number.isNaN(error) ? error : Infinity, underflow };
}

/** Whether the double x is one of the points exactly (only 0 is an exact double multiple of π). */
function isPoint(points: readonly ExactPoints[], x: number): boolean {
  return points.some((p) => {
    if ('at' in p) return x === p.at;
    const k = p.pi[0] / p.pi[1] / (p.every ?? 1);
    return x === 0 && Number.isInteger(k);
  });
}

type Compiled = (args: readonly number[]) => number;

/** A template over the row's parameters as a closure (templates are a few nodes: recursion is bounded by the table). */
function compile(t: Expr, params: readonly string[]): Compiled {
  switch (t.kind) {
    case 'num': {
      const v = toNumber(t.value);
      return () => v;
    }
    case 'const': {
      const v = t.name === 'e' ? Math.E : Math.PI;
      return () => v;
    }
    case 'sym': {
      const j = params.indexOf(t.name);
      return (args) => args[j]!;
    }
    case 'add': {
      const fs = t.terms.map((k) => compile(k, params));
      return (args) => fs.reduce((acc, f) => acc + f(args), 0);
    }
    case 'mul': {
      const fs = t.factors.map((k) => compile(k, params));
      return (args) => fs.reduce((acc, f) => acc * f(args), 1);
    }
    case 'pow': {
      const [b, e] = [compile(t.base, params), compile(t.exp, params)];
      return (args) => Math.pow(b(args), e(args));
    }
    case 'call': {
      const row = rowFor(t.fn, t.args.length)!;
      const fs = t.args.map((k) => compile(k, params));
      return (args) => row.evaluate(...fs.map((f) => f(args)));
    }
  }
}

const compiledPartials = new WeakMap<FunctionRow, readonly Compiled[]>();

/** ∂row/∂(argument i) at the arguments, in double precision (the row's template, compiled once). */
function partialValue(row: FunctionRow, i: number, args: readonly number[]): number {
  let fs = compiledPartials.get(row);
  if (fs === undefined) {
    fs = partialTemplates(row).map((t) => compile(t, row.params));
    compiledPartials.set(row, fs);
  }
  return fs[i]!(args);
}

export function evaluateBounded(
  e: Expr,
  scope: ReadonlyMap<string, number>,
  memo: Map<Expr, Bounded> = new Map(),
  bounds: ReadonlyMap<string, Bounded> = new Map(),
): Bounded {
  return foldDag<Bounded>(
    e,
    (node, kids) => {
      switch (node.kind) {
        case 'num': {
          const r = node.value;
          const v = toNumber(r);
          const exact = r.d === 1n && r.n <= BigInt(SAFE) && -r.n <= BigInt(SAFE);
          return bounded(v, exact ? 0 : Math.abs(v) * UNIT_ROUNDOFF, v === 0 && r.n !== 0n);
        }
        case 'const': {
          const v = node.name === 'e' ? Math.E : Math.PI;
          return bounded(v, v * UNIT_ROUNDOFF, false);
        }
        case 'sym': {
          const known = bounds.get(node.name);
          if (known !== undefined) return known;
          const v = scope.get(node.name);
          if (v === undefined) throw new DerivError('BAD_VARIABLE', `no value given for the variable '${node.name}'`, { hint: `give it a value, e.g. ${node.name}=1` });
          return bounded(v, Math.abs(v) * UNIT_ROUNDOFF, false);
        }
        case 'add': {
          let s = 0;
          let error = 0;
          let under = false;
          for (let i = 0; i < kids.length; i++) {
            const k = kids[i]!;
            s += k.value;
            error += k.error + (i > 0 ? Math.abs(s) * UNIT_ROUNDOFF : 0);
            under ||= k.underflow;
          }
          return bounded(s, error, s === 0 && under);
        }
        case 'mul': {
          const n = kids.length;
          // |product of the others| for each factor, from prefix and suffix products (a factor may be 0).
          const suffix = new Array<number>(n + 1);
          suffix[n] = 1;
          for (let i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! * Math.abs(kids[i]!.value);
          let p = 1;
          let prefix = 1;
          let error = 0;
          let under = false;
          let allNonzero = true;
          for (let i = 0; i < n; i++) {
            const k = kids[i]!;
            error += carried(prefix * suffix[i + 1]!, k.error);
            prefix *= Math.abs(k.value);
            p *= k.value;
            under ||= k.underflow;
            allNonzero &&= k.value !== 0;
          }
          // Each of the n − 1 multiplications rounds relatively: u times the product, carried through the later factors.
          error += (n - 1) * Math.abs(p) * UNIT_ROUNDOFF;
          return bounded(p, error, p === 0 && (under || allNonzero));
        }
        case 'pow': {
          const [a, b] = kids as [Bounded, Bounded];
          const v = Math.pow(a.value, b.value);
          const error = carried(b.value * Math.pow(a.value, b.value - 1), a.error) + carried(v * Math.log(Math.abs(a.value)), b.error) + 2 * Math.abs(v) * UNIT_ROUNDOFF;
          return bounded(v, error, v === 0 && (a.value !== 0 || (a.underflow && b.value > 0)));
        }
        case 'call': {
          const row = rowFor(node.fn, kids.length)!;
          const args = kids.map((k) => k.value);
          const v = row.evaluate(...args);
          let error = CALL_ROUNDING * Math.abs(v) * UNIT_ROUNDOFF;
          for (let i = 0; i < kids.length; i++) if (kids[i]!.error > 0) error += carried(partialValue(row, i, args), kids[i]!.error);
          const zeros = row.zeros;
          const under = v === 0 && zeros !== undefined && (kids.some((k) => k.underflow) || !isPoint(zeros, args[0]!));
          return bounded(v, error, under);
        }
      }
    },
    memo,
  );
}
