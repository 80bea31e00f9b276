/**
 * Numeric evaluation in double precision, bottom-up over the DAG (each shared
 * subexpression once). Variables come from a scope object or Map; a variable
 * missing from the scope is a BAD_VARIABLE error naming it. Names are looked
 * up as own properties only, so `__proto__` or `constructor` are ordinary
 * variables and the scope's prototype is never consulted.
 */
import type { Expr } from './core/expr.js';
import { rowFor } from './function-table.js';
import { toNumber } from './core/rational.js';
import { foldDag } from './core/walk.js';
import { DerivError } from './errors.js';
import { describe as describeValue } from './validate.js';
import { logDomainValue } from './numeric/log-domain.js';

export type Scope = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export function lookup(scope: Scope, name: string): number | undefined {
  if (scope instanceof Map) return scope.get(name);
  return Object.prototype.hasOwnProperty.call(scope, name) ? (scope as Record<string, number>)[name] : undefined;
}

/**
 * e at the point. A value that overflowed on the way (log(exp(x) + exp(y)) at x = 1000) is computed a second
 * time with magnitudes as logarithms (numeric/log-domain.ts), and that value is kept where it is finite.
 */
export function evaluate(e: Expr, scope: Scope = {}): number {
  const value = evaluateDoubles(e, scope);
  if (Number.isFinite(value)) return value;
  const again = logDomainValue(e, (name) => lookup(scope, name)).value;
  return Number.isFinite(again) ? again : value;
}

function evaluateDoubles(e: Expr, scope: Scope): number {
  return foldDag<number>(e, (node, kids) => {
    switch (node.kind) {
      case 'num':
        return toNumber(node.value);
      case 'const':
        return node.name === 'e' ? Math.E : Math.PI;
      case 'sym': {
        const v = lookup(scope, node.name);
        if (v === undefined)
          throw new DerivError('BAD_VARIABLE', `no value given for the variable '${node.name}'`, {
            hint: `give it a value, e.g. ${node.name}=1`,
          });
        if (typeof v === 'number') return v;
        // A value that is no number (text, null, an object) would be NaN here, silently: say so instead.
        throw new DerivError('BAD_VARIABLE', `the value of '${node.name}' must be a number, got ${describeValue(v)}`);
      }
      case 'add': {
        let s = 0;
        for (const k of kids) s += k;
        return s;
      }
      case 'mul': {
        let p = 1;
        for (const k of kids) p *= k;
        return p;
      }
      case 'pow':
        return Math.pow(kids[0]!, kids[1]!);
      case 'call':
        return rowFor(node.fn, kids.length)!.evaluate(...kids);
    }
  });
}
