/**
 * The rule table's partial-derivative templates, parsed once on first use and
 * instantiated by substituting the call's arguments for the row's parameters
 * (through the smart constructors, so results come out canonical).
 */
import type { FunctionRow } from '../rules/functions.js';
import { type Expr, rebuild, children, pow } from './core/expr.js';
import { parse } from './parse/parser.js';
import { foldDag } from './core/walk.js';

const parsed = new WeakMap<FunctionRow, readonly Expr[]>();

/** The row's partial derivatives as expressions over its parameters (parsed on first use). */
export function partialTemplates(row: FunctionRow): readonly Expr[] {
  let templates = parsed.get(row);
  if (templates === undefined) {
    templates = row.partials.map((t) => parse(t));
    parsed.set(row, templates);
  }
  return templates;
}

/** Replace symbols by expressions everywhere in e (simultaneously). */
export function substitute(e: Expr, bindings: ReadonlyMap<string, Expr>): Expr {
  return foldDag<Expr>(e, (node, kids) => {
    if (node.kind === 'sym') return bindings.get(node.name) ?? node;
    return kids.length === 0 ? node : rebuild(node, kids);
  });
}

/**
 * ∂row/∂(parameter i), evaluated at the given arguments: the template rebuilt through the
 * constructors with the arguments for the parameters, exactly as `substitute` does. Templates
 * are a few nodes deep, so this recursion is bounded by the table, not by the input.
 */
export function partialAt(row: FunctionRow, i: number, args: readonly Expr[]): Expr {
  return instantiate(partialTemplates(row)[i]!, row.params, args);
}

function instantiate(t: Expr, params: readonly string[], args: readonly Expr[]): Expr {
  switch (t.kind) {
    case 'sym': {
      const j = params.indexOf(t.name);
      return j >= 0 ? args[j]! : t;
    }
    case 'num':
    case 'const':
      return t;
    case 'pow':
      return pow(instantiate(t.base, params, args), instantiate(t.exp, params, args));
    default: {
      const kids = children(t);
      const out = new Array<Expr>(kids.length);
      for (let k = 0; k < kids.length; k++) out[k] = instantiate(kids[k]!, params, args);
      return rebuild(t, out);
    }
  }
}
