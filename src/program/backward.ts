/**
 * Reverse mode over a program: the backward pass as a tutorial writes it.
 *
 * Each named node n gets its adjoint ∂L/∂n (L the program's function) as a sum over
 * the assignments c that use n of (local derivative ∂c/∂n) × (c's adjoint ∂L/∂c),
 * in the program's own names: ∂L/∂h = w2*∂L/∂y_hat. A name used by several
 * assignments sums their contributions. Lines come in the order a tutorial computes
 * them: assigned names from the function backwards, then the requested inputs in the
 * order asked. Only names on a path from a requested variable to the function get a
 * line. Adjoints are symbols named `∂L/∂c`, so each line is an ordinary expression.
 *
 * `expand` substitutes every adjoint and intermediate away (each gradient entry in
 * terms of the inputs). `bySubstitution` is the independent oracle the tests compare
 * with: the function with every name inlined except n, differentiated by n, n put back.
 */
import { type Expr, add, mul, sym, rebuild, ZERO_EXPR } from '../core/expr.js';
import { differentiate } from '../diff.js';
import { simplify } from '../simplify/simplify.js';
import { freeVariables } from '../analysis.js';
import { foldDag } from '../core/walk.js';
import { DerivError } from '../errors.js';
import { checkVariableName } from '../names.js';
import { wrtWarnings, mergeWarnings, type DerivWarning } from '../warnings.js';
import type { ParsedProgram, Assignment } from './parse.js';

/** `∂L/∂h`: the symbol standing for h's adjoint. */
export const adjointName = (output: string, name: string): string => `∂${output}/∂${name}`;

/** One contribution to an adjoint: ∂consumer/∂name (in program names) times ∂L/∂consumer. */
export interface AdjointTerm {
  readonly consumer: string;
  /** ∂consumer/∂name, simplified, in the program's names. */
  readonly local: Expr;
  /** The consumer is the function itself (its adjoint is 1 and is not written). */
  readonly fromOutput: boolean;
}

export interface BackwardLine {
  readonly name: string;
  /** True for an assigned name, false for an input. */
  readonly assigned: boolean;
  readonly terms: readonly AdjointTerm[];
  /** Σ local·∂L/∂consumer, with adjoints as symbols `∂L/∂c`. */
  readonly expr: Expr;
}

export interface BackwardPass {
  readonly output: string;
  readonly wrt: readonly string[];
  readonly lines: readonly BackwardLine[];
  /** A name of `wrt` the function does not depend on: its adjoint is 0, and this says so (as for an expression). */
  readonly warnings: readonly DerivWarning[];
}

/** e with symbols replaced by the map's expressions (through the smart constructors). */
export function substitute(e: Expr, values: ReadonlyMap<string, Expr>, memo = new Map<Expr, Expr>()): Expr {
  return foldDag<Expr>(e, (node, kids) => (node.kind === 'sym' ? values.get(node.name) ?? node : kids.length === 0 ? node : rebuild(node, kids)), memo);
}

/** Each assigned name as an expression in the inputs only (`except` stays a symbol). */
export function inline(p: ParsedProgram, except?: string): Map<string, Expr> {
  const out = new Map<string, Expr>();
  const memo = new Map<Expr, Expr>();
  for (const a of p.assignments) {
    if (a.name === except) continue;
    out.set(a.name, substitute(a.expr, out, memo));
  }
  return out;
}

/** The function written out in its inputs: what a user would otherwise type as one formula. */
export const inlinedOutput = (p: ParsedProgram): Expr => inline(p).get(p.output)!;

/**
 * Checks --wrt names against the program: names, and not the function itself. A name the function does not
 * depend on is allowed, as for an expression: its adjoint is 0, with a warning (backward()).
 */
export function checkWrt(p: ParsedProgram, wrt: readonly string[] | undefined): string[] {
  if (wrt === undefined) {
    if (p.inputs.length === 0) {
      const out = p.assignments[p.assignments.length - 1]!;
      throw new DerivError('BAD_VARIABLE', `${p.output} is a constant: the program has no inputs to differentiate with respect to`, { input: p.text, position: out.position });
    }
    return [...p.inputs];
  }
  if (wrt.length === 0) throw new DerivError('BAD_VARIABLE', 'no variable to differentiate with respect to');
  return wrt.map((w) => {
    const name = checkVariableName(w);
    if (name === p.output) throw new DerivError('BAD_VARIABLE', `'${name}' is the function itself (∂${name}/∂${name} = 1)`, { hint: `differentiate with respect to its inputs: ${p.inputs.join(', ')}` });
    return name;
  });
}

/** The backward pass for the requested variables (inputs or intermediates; names already checked). */
export function backward(p: ParsedProgram, wrt: readonly string[], simplified = true): BackwardPass {
  const finish = simplified ? simplify : (e: Expr): Expr => e;
  const assigned = new Map<string, Assignment>(p.assignments.map((a) => [a.name, a]));
  const wanted = new Set(wrt);
  // reaches(n): a requested variable is n or feeds into n.
  const reaches = new Set<string>();
  for (const a of p.assignments) if (wanted.has(a.name) || [...freeVariables(a.expr)].some((v) => wanted.has(v) || reaches.has(v))) reaches.add(a.name);
  const consumers = new Map<string, Assignment[]>();
  for (const a of p.assignments)
    for (const v of freeVariables(a.expr)) {
      const list = consumers.get(v);
      if (list === undefined) consumers.set(v, [a]);
      else list.push(a);
    }
  const consumersOf = (n: string): readonly Assignment[] => consumers.get(n) ?? [];
  const lineFor = (name: string, isAssigned: boolean): BackwardLine => {
    const terms: AdjointTerm[] = [];
    for (const c of consumersOf(name)) {
      const local = finish(differentiate(c.expr, name));
      if (local.kind === 'num' && local.value.n === 0n) continue;
      terms.push({ consumer: c.name, local, fromOutput: c.name === p.output });
    }
    const expr = terms.length === 0 ? ZERO_EXPR : add(...terms.map((t) => (t.fromOutput ? t.local : mul(t.local, sym(adjointName(p.output, t.consumer))))));
    return { name, assigned: isAssigned, terms, expr };
  };
  const lines: BackwardLine[] = [];
  for (const a of [...p.assignments].reverse()) if (a.name !== p.output && reaches.has(a.name)) lines.push(lineFor(a.name, true));
  for (const w of wrt) if (!assigned.has(w)) lines.push(lineFor(w, false));
  return { output: p.output, wrt, lines, warnings: mergeWarnings(p.notes ?? [], programWrtWarnings(p.order, p.output, wrt)) };
}

/** The warnings for names of `wrt` that are not among a program's names (as far as its output needs them). */
export function programWrtWarnings(names: readonly string[], output: string, wrt: readonly string[]): DerivWarning[] {
  return wrtWarnings(wrt, names.filter((n) => n !== output), { what: `the program of ${output}`, names: 'names' });
}

/**
 * Each line's adjoint in terms of the inputs only: adjoints and intermediates substituted
 * (in line order, so a consumer's adjoint is known before it is used), then simplified.
 */
export function expand(p: ParsedProgram, pass: BackwardPass, simplified = true): Map<string, Expr> {
  const values = inline(p);
  const out = new Map<string, Expr>();
  for (const line of pass.lines) {
    const substituted = substitute(line.expr, values);
    const e = simplified ? simplify(substituted) : substituted;
    values.set(adjointName(p.output, line.name), e);
    out.set(line.name, e);
  }
  return out;
}

/** ∂L/∂name by substitution: L with every name but `name` inlined, differentiated, then name inlined too. */
export function bySubstitution(p: ParsedProgram, name: string): Expr {
  const full = inline(p);
  if (!full.has(name)) return simplify(differentiate(full.get(p.output)!, name));
  const kept = inline(p, name).get(p.output)!;
  return simplify(substitute(differentiate(kept, name), new Map([[name, full.get(name)!]])));
}
