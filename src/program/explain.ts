/**
 * Why each backward line says what it says. For every contribution ∂c/∂n the rule
 * that gives the local derivative is classified (data: `LocalRule`), and worded
 * through a Voice (src/steps/explain.ts), so text, LaTeX, Markdown and HTML say the
 * same thing in their own notation.
 */
import { type Expr, sym, num } from '../core/expr.js';
import { dependsOn } from '../analysis.js';
import { foldDag } from '../core/walk.js';
import type { Voice } from '../steps/explain.js';
import type { ParsedProgram } from './parse.js';
import type { BackwardLine, AdjointTerm } from './backward.js';

export type LocalRule =
  | 'copy' // c = n
  | 'term' // n is a term of a sum: 1
  | 'linear' // one term n·(factors free of n): those factors
  | 'sum' // a sum with n in several terms: term by term
  | 'product' // n is one factor among factors free of n
  | 'product-general' // several factors depend on n
  | 'power' // n^k or u(n)^k with k free of n (times constants)
  | 'function' // f(n), straight from the rule table
  | 'chain'; // f(u(n)) or anything else: chain rule

export interface ExplainedTerm extends AdjointTerm {
  readonly rule: LocalRule;
  /** The function of a 'function' or 'chain' rule through a call. */
  readonly fn?: string;
  /** The term of a 'linear' rule. */
  readonly term?: Expr;
  /** The argument of the unit step in the local derivative (relu′, abs′, max′ …), to say what happens at the kink. */
  readonly step?: Expr;
}

/** The rule that gives ∂(rhs)/∂n; constant factors and terms free of n do not change it. */
export function classify(rhs: Expr, n: string): { rule: LocalRule; fn?: string; term?: Expr } {
  const x = sym(n);
  if (rhs === x) return { rule: 'copy' };
  const linear = (t: Expr): boolean => t.kind === 'mul' && t.factors.includes(x) && t.factors.every((f) => f === x || !dependsOn(f, n));
  switch (rhs.kind) {
    case 'add': {
      const dependent = rhs.terms.filter((t) => dependsOn(t, n));
      if (dependent.length !== 1) return { rule: 'sum' };
      const t = dependent[0]!;
      if (t === x) return { rule: 'term' };
      if (linear(t)) return { rule: 'linear', term: t };
      return classify(t, n);
    }
    case 'mul': {
      if (linear(rhs)) return { rule: 'product' };
      const dependent = rhs.factors.filter((f) => dependsOn(f, n));
      return dependent.length === 1 ? classify(dependent[0]!, n) : { rule: 'product-general' };
    }
    case 'pow':
      return dependsOn(rhs.exp, n) ? { rule: 'chain' } : { rule: 'power' };
    case 'call':
      return rhs.args.includes(x) && rhs.args.filter((a) => dependsOn(a, n)).length === 1 ? { rule: 'function', fn: rhs.fn } : { rule: 'chain', fn: rhs.fn };
    default:
      return { rule: 'chain' };
  }
}

/** The argument of the first unit step (heaviside, sign) in e, if any. */
function stepArgument(e: Expr): Expr | undefined {
  let found: Expr | undefined;
  foldDag<undefined>(e, (node) => {
    if (found === undefined && node.kind === 'call' && (node.fn === 'heaviside' || node.fn === 'sign')) found = node.args[0];
    return undefined;
  });
  return found;
}

/** The terms of a line with their rules. */
export function explainLine(p: ParsedProgram, line: BackwardLine): ExplainedTerm[] {
  const rhs = new Map(p.assignments.map((a) => [a.name, a.expr]));
  return line.terms.map((t) => {
    const step = stepArgument(t.local);
    return { ...t, ...classify(rhs.get(t.consumer)!, line.name), ...(step === undefined ? {} : { step }) };
  });
}

/** One sentence per term, and one more when contributions add up. */
export function lineNotes(p: ParsedProgram, line: BackwardLine, v: Voice): string[] {
  const terms = explainLine(p, line);
  const rhs = new Map(p.assignments.map((a) => [a.name, a.expr]));
  const n = sym(line.name);
  const notes = terms.map((t) => {
    const c = t.consumer;
    const local = `${v.partial([line.name], c)}${v.equals()}${v.math(t.local)}`;
    const lead = `${v.math(sym(c))}${v.equals()}${v.math(rhs.get(c)!)}${v.text(': ')}`;
    let why: string;
    switch (t.rule) {
      case 'copy':
        why = v.text('a copy, so ') + local;
        break;
      case 'term':
        why = v.text('sum rule; ') + v.math(n) + v.text(' is a term of its own: ') + local;
        break;
      case 'linear':
        why = v.text('sum rule; the term ') + v.math(t.term!) + v.text(' is ') + v.math(n) + v.text(' times factors that do not depend on it: ') + local;
        break;
      case 'sum':
        why = v.text('sum rule, term by term: ') + local;
        break;
      case 'product':
        why = v.text('a product with factors that do not depend on ') + v.math(n) + v.text(': ') + local;
        break;
      case 'product-general':
        why = v.text('product rule: ') + local;
        break;
      case 'power':
        why = v.text('power rule: ') + local;
        break;
      case 'function':
        why = v.text('from the rule table, ') + v.prime(t.fn!, n) + v.equals() + v.math(t.local);
        break;
      case 'chain':
        why = v.text(t.fn === undefined ? 'chain rule: ' : `chain rule through ${t.fn}: `) + local;
        break;
    }
    const kink = t.step === undefined ? '' : v.text(', 1 where ') + v.relation(t.step, '>', num(0)) + v.text(', else 0 (0 at the kink ') + v.relation(t.step, '=', num(0)) + v.text(', as in PyTorch)');
    const times = t.fromOutput ? '' : v.text('; times ') + v.partial([c], p.output);
    return lead + why + kink + times;
  });
  if (terms.length > 1)
    notes.push(v.math(n) + v.text(' is used by ') + terms.map((t) => v.math(sym(t.consumer))).join(v.text(' and ')) + v.text(': the contributions add up'));
  if (terms.length === 0) notes.push(v.math(sym(p.output)) + v.text(' does not depend on ') + v.math(n));
  return notes;
}

/** The steps as data (JSON): per line its terms with their rules, and the notes in text and LaTeX. */
export interface LineStepsJson {
  readonly name: string;
  readonly terms: readonly { readonly consumer: string; readonly rule: LocalRule; readonly local: string }[];
  readonly notes: readonly string[];
  readonly latex: readonly string[];
}

export function stepsJson(p: ParsedProgram, lines: readonly BackwardLine[], text: Voice, latex: Voice): LineStepsJson[] {
  return lines.map((line) => ({
    name: line.name,
    terms: explainLine(p, line).map((t) => ({ consumer: t.consumer, rule: t.rule, local: text.math(t.local) })),
    notes: lineNotes(p, line, text),
    latex: lineNotes(p, line, latex),
  }));
}
