/**
 * Whether a function has a value at a point, for the function as the user wrote it.
 *
 * Contract of `domainAt(e, within, sub)`: checks, in this order, the guards the parser recorded for the input
 * (src/parse/domain.ts: calls and powers canonical form may have dropped), then every call and power of the
 * input and of `e` itself (substitution can drop them too: y*sqrt(x) at y = 0 folds to 0). A guard fails where
 * building it at the point divides by zero (1/x at 0, tan at pi/2: a pole) or where its value is not a real
 * number (sqrt(-2), (-8)^(1/3)). The first failure (innermost first) is `undefined`: a note naming it and its
 * condition from the row (`sqrt(x) needs x ≥ 0`). A guard that is ±∞ at finite arguments (log(0) = −∞) is
 * `infinite`: the function is ±∞ or undefined there, so a finite value of it (log(x) − log(x) is 0) or of its
 * derivative is no answer. Guards over variables the point does not give are skipped.
 */
import { type Expr, call, pow } from '../core/expr.js';
import { foldDag } from '../core/walk.js';
import { DerivError } from '../errors.js';
import { rowFor } from '../function-table.js';
import { logDomainValue } from './log-domain.js';
import type { DomainGuard } from '../parse/domain.js';
import { needsGuard } from '../parse/domain.js';
import { toText } from '../print/text.js';
import type { PointSubstitution } from './substitute.js';

/** The function a value belongs to: its input and the parser's guards for it (none for an Expr built in code). */
export interface Within {
  readonly input: Expr;
  readonly guards?: readonly DomainGuard[];
}

export interface DomainVerdict {
  /** Why the value is undefined at the point (`sqrt(x) needs x ≥ 0`), when it is. */
  readonly undefined?: string;
  /** A guard that is ±∞ there (`log(x) = -∞`): only an infinite value of the input itself stands. */
  readonly infinite?: string;
}

/** fn(args) as written, for notes: `sqrt(x)`, `x^(1/3)`, `1/x`. */
function written(g: DomainGuard, order: readonly string[]): string {
  if (g.fn === 'pow') {
    try {
      return toText(pow(g.args[0]!, g.args[1]!), { order });
    } catch {
      return `(${toText(g.args[0]!, { order })})^(${toText(g.args[1]!, { order })})`;
    }
  }
  return `${g.fn}(${g.args.map((a) => toText(a, { order })).join(', ')})`;
}

/** The row's condition with the arguments' text for #0, #1: `x ≥ 0`. */
function condition(g: DomainGuard, order: readonly string[]): string {
  const row = rowFor(g.fn, g.args.length);
  const fill = (t: string): string => t.replace(/#(\d)/g, (_, i: string) => toText(g.args[Number(i)]!, { order }));
  if (row?.real === undefined) return 'is undefined here';
  return `needs ${fill(row.real)}${row.realHint === undefined ? '' : `: ${fill(row.realHint)}`}`;
}

const isUndefinedError = (e: unknown): e is DerivError => e instanceof DerivError && e.code === 'UNDEFINED';
const isMissingVariable = (e: unknown): boolean => e instanceof DerivError && e.code === 'BAD_VARIABLE';

/** One guard at the point: a failure note, an infinity note, or nothing. */
function checkGuard(g: DomainGuard, sub: PointSubstitution, order: readonly string[]): DomainVerdict {
  try {
    const args = g.args.map((a) => sub.of(a));
    let built: Expr;
    try {
      built = g.fn === 'pow' ? pow(args[0]!, args[1]!) : call(g.fn, args);
    } catch (e) {
      if (!isUndefinedError(e)) throw e;
      return { undefined: g.fn === 'pow' ? `${written(g, order)} divides by zero` : `${written(g, order)} has a pole (a division by zero)` };
    }
    if (built.kind === 'num') return {};
    const v = sub.bounded(built);
    if (Number.isNaN(v.value)) return args.some((a) => Number.isNaN(sub.bounded(a).value)) ? {} : { undefined: `${written(g, order)} ${condition(g, order)}` };
    if (!Number.isFinite(v.value) && args.every((a) => Number.isFinite(sub.bounded(a).value))) {
      // Only an overflow or underflow on the way (log(sigmoid(x)) at x = −1000: sigmoid underflowed to 0)?
      if (Number.isFinite(logDomainValue(built, (name) => sub.scope.get(name)).value)) return {};
      return { infinite: `${written(g, order)} = ${v.value > 0 ? '' : '-'}∞` };
    }
    return {};
  } catch (e) {
    if (isMissingVariable(e)) return {};
    if (isUndefinedError(e)) return {}; // an inner division by zero: its own guard says so
    throw e;
  }
}

/** The calls and powers of e that can be undefined somewhere, innermost first, each once (memoised per node). */
function ownGuards(e: Expr): readonly DomainGuard[] {
  let out = ownMemo.get(e);
  if (out === undefined) {
    const list: DomainGuard[] = [];
    foldDag<void>(e, (node) => {
      if (node.kind === 'call' && needsGuard(node.fn, node.args)) list.push({ fn: node.fn, args: node.args });
      else if (node.kind === 'pow' && needsGuard('pow', [node.base, node.exp])) list.push({ fn: 'pow', args: [node.base, node.exp] });
    });
    ownMemo.set(e, (out = list));
  }
  return out;
}
const ownMemo = new WeakMap<Expr, readonly DomainGuard[]>();

/**
 * See the file comment. Every division and pole of the input and of e is one of the guards checked, so where
 * none fails, substituting e divides by no exact zero.
 */
export function domainAt(e: Expr, within: Within, sub: PointSubstitution, order: readonly string[]): DomainVerdict {
  let infinite: string | undefined;
  // The parser's guards first: they are what the user wrote, and their notes name it.
  const lists = [within.guards ?? [], ownGuards(within.input), ...(e === within.input ? [] : [ownGuards(e)])];
  for (const list of lists) {
    for (const g of list) {
      const v = checkGuard(g, sub, order);
      if (v.undefined !== undefined) return v;
      infinite ??= v.infinite;
    }
  }
  return infinite === undefined ? {} : { infinite };
}
