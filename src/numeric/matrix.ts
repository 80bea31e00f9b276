/**
 * Second order and vector functions: the Hessian of one expression and the
 * Jacobian of several, as matrices of simplified derivatives.
 *
 * Contracts: `hessian(f, vars)` is symmetric by construction — each mixed
 * partial ∂²f/∂xᵢ∂xⱼ (i ≤ j) is computed once, from the simplified first
 * partial ∂f/∂xᵢ, and the same node stands at (i, j) and (j, i).
 * `jacobian([f₁, …], vars)` has one row per function, one column per variable.
 * Variables default to all free variables in order of first appearance.
 * Both print as nested lists (text), a pmatrix (LaTeX) or arrays (JSON), and
 * evaluate at a point entry by entry (exact where the point is exact; undefined,
 * with a note, where the function as written has no value: sqrt(x)^2 at x = -2).
 *
 * Bounded: the first partials and the entries, written out (an entry and its mirror image each time they are
 * printed), share one request budget of `maxSize` nodes (src/limits.ts); a matrix with more entries than the
 * budget can hold is refused before any differentiation. (x0+…+x399)^4 — 160,000 entries of ~800 nodes — ran for
 * 180 s, took 4.5 GB and printed 431 MB before; now it is TOO_LARGE.
 */
import * as v from '../validate.js';
import { INSPECT } from '../inspect.js';
import type { Expr } from '../core/expr.js';
import { derivative, readExpression, variablesOf, type DerivativeOptions } from '../api.js';
import type { DomainGuard } from '../parse/domain.js';
import { requestBudget } from '../limits.js';
import { treeSize } from '../analysis.js';
import { toText } from '../print/text.js';
import { toLatex, latexName } from '../print/latex.js';
import { checkVariableName } from '../names.js';
import { DerivError } from '../errors.js';
import { valueAt, type PointValue, type Within } from './exact-eval.js';
import { type PointInput, toPoint } from './point.js';

/** Nested lists, one line per row: `[[a, b],\n [c, d]]`. */
export function nestedList(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '[]';
  return rows.map((r, i) => `${i === 0 ? '[' : ' '}[${r.join(', ')}]${i === rows.length - 1 ? ']' : ','}`).join('\n');
}

/** `\begin{pmatrix} a & b \\ c & d \end{pmatrix}`. */
export function pmatrix(rows: readonly (readonly string[])[]): string {
  return `\\begin{pmatrix} ${rows.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}

/** A matrix of derivatives (Hessian or Jacobian). Entries are canonical, simplified expressions. */
export class DerivativeMatrix {
  readonly kind: 'hessian' | 'jacobian';
  /** The differentiated functions: one for a Hessian, one per row for a Jacobian. */
  readonly inputs: readonly Expr[];
  /** Column variables (and row variables for a Hessian). */
  readonly vars: readonly string[];
  readonly rows: readonly (readonly Expr[])[];
  /** Variable order for display. */
  readonly order: readonly string[];
  /** Each input's domain guards (src/parse/domain.ts), when it was read from text. */
  readonly domains: readonly (readonly DomainGuard[])[];

  constructor(kind: 'hessian' | 'jacobian', inputs: readonly Expr[], vars: readonly string[], rows: readonly (readonly Expr[])[], order: readonly string[], domains: readonly (readonly DomainGuard[])[] = []) {
    this.kind = kind;
    this.inputs = inputs;
    this.domains = domains;
    this.vars = Object.freeze([...vars]);
    this.rows = Object.freeze(rows.map((r) => Object.freeze([...r])));
    this.order = order;
  }

  /** console.log(h): `Hessian over (x, w, b) [[0, 2*w, 0], …]`. */
  [INSPECT](): string {
    return `${this.kind === 'hessian' ? 'Hessian' : 'Jacobian'} over (${this.vars.join(', ')}) ${this.toString()}`;
  }
  /** Entry texts, row by row. */
  texts(): string[][] {
    return this.rows.map((r) => r.map((e) => toText(e, { order: this.order })));
  }
  /** `[[0, 2*w, 0],\n [2*w, 2*x, 0],\n [0, 0, 2]]`. */
  toString(): string {
    return nestedList(this.texts());
  }
  /** `\nabla^{2} f = \begin{pmatrix}…\end{pmatrix}` (Hessian) or `J = …` (Jacobian); `bare` drops the left side. */
  toTex(options: { name?: string; bare?: boolean } = {}): string {
    v.options({ name: v.functionName, bare: v.boolean })(options, 'toTex: the options');
    const body = pmatrix(this.rows.map((r) => r.map((e) => toLatex(e, { order: this.order }))));
    if (options.bare === true) return body;
    const lhs = this.kind === 'hessian' ? `\\nabla^{2} ${latexName(options.name ?? 'f')}` : `J_{${latexName(options.name ?? 'f')}}`;
    return `${lhs} = ${body}`;
  }
  /** The entries' values at a point, exact where the point is exact. */
  at(point: PointInput): PointValue[][] {
    const p = toPoint(v.point(point, 'at: the point') as PointInput);
    for (const input of this.inputs) valueAt(input, p, this.order); // a missing variable is named even where an entry is constant
    return this.rows.map((r, i) => r.map((e) => valueAt(e, p, this.order, this.within(i))));
  }
  /** The function row i's values answer for: a Hessian's one function, a Jacobian's i-th, as written. */
  within(i: number): Within {
    const k = this.kind === 'hessian' ? 0 : i;
    return { input: this.inputs[k]!, guards: this.domains[k] ?? [] };
  }
  toJSON(): { kind: string; vars: readonly string[]; text: string[][]; latex: string[][] } {
    return { kind: this.kind, vars: this.vars, text: this.texts(), latex: this.rows.map((r) => r.map((e) => toLatex(e, { order: this.order }))) };
  }
}

/** Expression, display order and domain guards from text or an Expr. */
function read(input: string | Expr, options: DerivativeOptions): { expr: Expr; order: string[]; domain: readonly DomainGuard[] } {
  const { expr, domain } = typeof input === 'string' ? readExpression(input, options) : { expr: input, domain: [] };
  return { expr, order: variablesOf(expr), domain };
}

function chooseVars(vars: readonly string[] | undefined, orders: readonly (readonly string[])[]): string[] {
  if (vars !== undefined) {
    if (vars.length === 0) throw new DerivError('BAD_VARIABLE', 'no variable to differentiate with respect to');
    return vars.map((v) => checkVariableName(v));
  }
  return [...new Set(orders.flat())];
}

const IN_ALL = 'the entries of the matrix';

/**
 * The options each derivative of a matrix is computed with: first derivatives, all charged to one budget.
 * Each entry is charged its variable and its size (derivative() does that); `cells` entries of at least those
 * two nodes are checked against the budget before any is computed.
 */
function entryOptions(options: DerivativeOptions, cells: number): DerivativeOptions {
  const budget = requestBudget(options);
  budget.ensure(2 * cells, IN_ALL);
  return { ...options, order: 1, budget };
}

/** The Hessian of f with respect to vars (default: f's variables in order). Options: limits, simplify. */
export function hessian(input: string | Expr, vars?: readonly string[], options: DerivativeOptions = {}): DerivativeMatrix {
  const { expr, order, domain } = read(input, options);
  const names = chooseVars(vars, [order]);
  const each = entryOptions(options, names.length * names.length);
  const first = names.map((v) => derivative(expr, v, each).expr);
  const rows: Expr[][] = names.map(() => []);
  for (let i = 0; i < names.length; i++) {
    for (let j = i; j < names.length; j++) {
      const entry = derivative(first[i]!, names[j]!, each).expr;
      rows[i]![j] = entry;
      // The mirror image is the same node, but printed again.
      if (j !== i) each.budget!.charge(1 + treeSize(entry), IN_ALL);
      rows[j]![i] = entry;
    }
  }
  return new DerivativeMatrix('hessian', [expr], names, rows, order, [domain]);
}

/** The Jacobian of the functions with respect to vars (default: all their variables, in order). Options: limits, simplify. */
export function jacobian(inputs: readonly (string | Expr)[], vars?: readonly string[], options: DerivativeOptions = {}): DerivativeMatrix {
  if (inputs.length === 0) throw new DerivError('BAD_OPTION', 'a Jacobian needs at least one function');
  const read_ = inputs.map((i) => read(i, options));
  const names = chooseVars(vars, read_.map((r) => r.order));
  const each = entryOptions(options, read_.length * names.length);
  const rows = read_.map(({ expr }) => names.map((v) => derivative(expr, v, each).expr));
  const order = [...new Set(read_.flatMap((r) => r.order))];
  return new DerivativeMatrix('jacobian', read_.map((r) => r.expr), names, rows, order, read_.map((r) => r.domain));
}
