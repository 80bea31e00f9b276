/**
 * The rule table's partial-derivative templates, parsed once on first use and
 * instantiated by substituting the call's arguments for the row's parameters
 * (through the smart constructors, so results come out canonical).
 */
import type { FunctionRow } from '../rules/functions.js';
import { type Expr, rebuild } from './expr.js';
import { parse } from './parse/parser.js';
import { foldDag } from './walk.js';

const parsed = new WeakMap<FunctionRow, readonly Expr[]>();

function partialTemplates(row: FunctionRow): readonly Expr[] {
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

/** ∂row/∂(parameter i), evaluated at the given arguments. */
export function partialAt(row: FunctionRow, i: number, args: readonly Expr[]): Expr {
  const template = partialTemplates(row)[i]!;
  const bindings = new Map<string, Expr>(row.params.map((p, j) => [p, args[j]!]));
  return substitute(template, bindings);
}

