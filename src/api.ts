/**
 * The library's front door: derivative, gradient, parse, simplify.
 * Everything here composes the pipeline parse → differentiate → simplify →
 * print; no algebra lives in this file.
 */
import type { Expr } from './core/expr.js';
import { parseWithInfo, type ParseOptions } from './parse/parser.js';
import { differentiate, type TraceStep } from './diff.js';
import { simplify as simplifyExpr, type SimplifyOptions } from './simplify/simplify.js';
import { toText } from './print/text.js';
import { toLatex } from './print/latex.js';
import { evaluate as evaluateExpr, type Scope } from './evaluate.js';
import { freeVariables } from './analysis.js';
import { checkVariableName } from './names.js';
import { DerivError } from './errors.js';
import * as v from './validate.js';
import { checkSize, maxSizeOf, requestBudget, type RequestBudget, type RequestOptions } from './limits.js';
import { treeSize } from './analysis.js';
import { matrixGradient, type MatrixDerivative, type ShapeSpec } from './matrix/api.js';
import type { MatrixGradient } from './matrix/gradient.js';
import { recordDerivation, type Derivation, type Detail, type RecordOptions, type Substitution } from './steps/record.js';
import { stepsToLatex } from './print/steps-latex.js';
import { stepsToText } from './print/steps-text.js';
import { stepsDetail, type NoteOptions } from './document/derivative-note.js';
import { toMarkdownNote, toHtmlPage } from './document/library-note.js';
import { valueAt, type PointValue } from './numeric/exact-eval.js';
import type { DomainGuard } from './parse/domain.js';
import { toPoint, type PointInput } from './numeric/point.js';
import { Gradient } from './numeric/gradient.js';
import { isProgramText, parseProgram, type ParsedProgram } from './program/parse.js';
import { inlinedOutput, bySubstitution, checkWrt } from './program/backward.js';
import { inlineMatrixProgram } from './program/matrix.js';
import { INSPECT, withToString } from './inspect.js';
import { carryDecimals } from './parse/decimals.js';
import { textHeading } from './print/heading.js';
import { derivativeEquation } from './print/equation.js';
import { type DerivWarning, wrtWarnings, mergeWarnings, mergeWarningLists, NO_VARIABLES } from './warnings.js';

/** Variable order remembered for expressions that came from text (drives display order). */
const orderOf = new WeakMap<Expr, readonly string[]>();

export interface DerivativeOptions extends ParseOptions, SimplifyOptions, RequestOptions {
  /** Differentiate this many times with respect to each listed variable in turn (default 1). */
  readonly order?: number;
  /** Simplify the result (default true). Without it you get the raw canonical form. */
  readonly simplify?: boolean;
  /** Receives the differentiator's trace, one step per node, for each pass. */
  readonly trace?: (step: TraceStep, wrt: string) => void;
  /**
   * The domain guards of an input given as an Expr that was read from text (readExpression's `domain`):
   * values at a point then answer for the input as written (sqrt(x)^2 is undefined at x = -2). Text input
   * brings its own.
   */
  readonly domain?: readonly DomainGuard[];
}

/** Parse text into a canonical expression. Throws DerivError (PARSE, UNKNOWN_FUNCTION, ARITY, …). */
export function parse(text: string, options: ParseOptions = {}): Expr {
  return readExpression(text, options).expr;
}

/**
 * parse, plus the reading notes (1/2x read as x/2, the one name xe, …) that a caller should show, and the
 * domain guards to pass on (derivative(expr, v, { domain })) so values at a point answer for the text as written.
 */
export function readExpression(text: string, options: ParseOptions = {}): { expr: Expr; warnings: readonly DerivWarning[]; domain: readonly DomainGuard[] } {
  if (typeof text !== 'string') throw new DerivError('PARSE', `expected the expression as text, got ${describeValue(text)}`);
  const { expr, variables, notes, guards } = parseWithInfo(text, options);
  // The latest text wins: x^2/4 read after 0.25*x^2 (the same node) prints as the new text was written.
  orderOf.set(expr, variables);
  return { expr, warnings: notes, domain: guards };
}

/** How a wrong argument is named in an error message (null, a number, an object). */
function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** The variables of an expression in display order: as first written, when it came from text. */
export function variablesOf(e: Expr): string[] {
  return [...displayOrderOf(e)];
}

/** variablesOf, memoised per node and shared (a gradient asks once per variable: O(V) each would make it O(V²)). */
function displayOrderOf(e: Expr): readonly string[] {
  const known = orderOf.get(e);
  const hit = variablesMemo.get(e);
  if (hit !== undefined && hit.known === known) return hit.order;
  const free = freeVariables(e);
  const ordered = (known ?? []).filter((v) => free.has(v));
  const listed = new Set(ordered);
  const rest = [...free].filter((v) => !listed.has(v)).sort();
  const order = Object.freeze([...ordered, ...rest]);
  carryDecimals(known, order);
  variablesMemo.set(e, { known, order });
  return order;
}
const variablesMemo = new WeakMap<Expr, { readonly known: readonly string[] | undefined; readonly order: readonly string[] }>();

function toExpr(input: string | Expr, options: ParseOptions & { domain?: readonly DomainGuard[] }): { expr: Expr; order: readonly string[]; notes: readonly DerivWarning[]; domain: readonly DomainGuard[] } {
  if (typeof input === 'string') {
    const { expr, variables, notes, guards } = parseWithInfo(input, options);
    orderOf.set(expr, variables);
    return { expr, order: variables, notes, domain: guards };
  }
  if (typeof input !== 'object' || input === null || typeof (input as { kind?: unknown }).kind !== 'string')
    throw new DerivError('PARSE', `expected the expression as text or an Expr, got ${describeValue(input)}`);
  return { expr: input, order: displayOrderOf(input), notes: [], domain: options.domain ?? NO_GUARDS };
}
const NO_GUARDS: readonly DomainGuard[] = Object.freeze([]);

/** The names to differentiate with respect to, checked: a name or a list of names, nothing else. */
function wrtNames(wrt: unknown): string[] {
  const list = typeof wrt === 'string' ? [wrt] : Array.isArray(wrt) ? (wrt as unknown[]) : undefined;
  if (list === undefined)
    throw new DerivError('BAD_VARIABLE', `expected a variable name or a list of names, got ${describeValue(wrt)}`, { hint: "derivative('x^2', 'x')" });
  return list.map((v) => {
    if (typeof v !== 'string') throw new DerivError('BAD_VARIABLE', `expected a variable name, got ${describeValue(v)}`, { hint: "derivative('x^2', 'x')" });
    return checkVariableName(v);
  });
}

/** The value of an expression (or text, parsed first) at a point, in double precision; never undefined. */
export function evaluate(input: string | Expr, scope: Scope = {}): number {
  return evaluateExpr(toExpr(input, {}).expr, scope);
}

/** Simplify an expression (or text) to textbook form. Never changes its value. */
export function simplify(input: string | Expr, options: SimplifyOptions & ParseOptions = {}): Expr {
  return simplifyExpr(toExpr(input, options).expr, options);
}

/** What else is on the page a derivation is printed on (see Derivative.derivation). */
export interface StepsPage {
  readonly name?: string;
  readonly names?: readonly Substitution[];
}
const nameOnly = (name: string | undefined): StepsPage => (name === undefined ? {} : { name });

/** A computed derivative: the expression plus how to print and evaluate it. */
const NO_WARNINGS: readonly DerivWarning[] = Object.freeze([]);

export class Derivative {
  /** The differentiated function. */
  readonly input: Expr;
  /** The variable of a first derivative ('x'); for a higher one the variables in order (['x', 'x'] is ∂²/∂x²). */
  readonly wrt: string | readonly string[];
  /** The variables differentiated with respect to, in order, always as a list (['x'] for a first derivative). */
  readonly variables: readonly string[];
  /** The derivative itself. */
  readonly expr: Expr;
  /** Variable order used for display (first appearance in the input). */
  readonly order: readonly string[];
  /** What may not have been read as meant: a --wrt name that does not occur, 1/2x read as x/2, … (src/warnings.ts). */
  readonly warnings: readonly DerivWarning[];
  /** The input's domain guards (src/parse/domain.ts): where the input as written has no value, neither has this. */
  readonly domain: readonly DomainGuard[];

  /** How the derivative was computed (simplify on/off), so its steps can be recorded the same way. */
  readonly #settings: RecordOptions;
  /** Made on first use: most derivatives are never asked for their steps. */
  #derivations: Map<string, Derivation> | undefined;
  /** The text, made on first use. */
  #text: string | undefined;

  constructor(input: Expr, wrt: readonly string[], expr: Expr, order: readonly string[], settings: RecordOptions = {}, warnings: readonly DerivWarning[] = [], domain: readonly DomainGuard[] = NO_GUARDS) {
    this.input = input;
    this.domain = domain;
    this.variables = Object.freeze([...wrt]);
    this.wrt = wrt.length === 1 ? wrt[0]! : this.variables;
    this.expr = expr;
    this.order = order;
    this.#settings = settings;
    this.warnings = warnings.length === 0 ? NO_WARNINGS : Object.freeze([...warnings]);
  }

  /** The derivation, step by step (brief), computed on first use. */
  get steps(): Derivation {
    return this.derivation('brief');
  }
  /**
   * The derivation with collapsed sub-steps ('brief') or one step per node ('full'). `page` says what else
   * is on the page: the function's `name` (never used for an inner function) and the `names` earlier
   * sections gave (kept for the same inner functions, so A means one thing in a whole note).
   */
  derivation(detail: Detail = 'brief', page: StepsPage = {}): Derivation {
    v.optional(v.detail)(detail, 'derivation: the detail');
    v.options({ name: v.functionName, names: v.list(v.record('a substitution', 'name', 'expr')) })(page, 'derivation: the page');
    const settings = { ...this.#settings, detail, order: this.order, reserved: page.name === undefined ? [] : [page.name], names: page.names ?? [] };
    // String(d.steps) is the CLI's --steps text (stepsText's).
    const printed = (d: Derivation): Derivation => withToString(d, () => stepsToText(d, { order: this.order, ...(page.name === undefined ? {} : { name: page.name }) }));
    if (page.names !== undefined && page.names.length > 0) return printed(recordDerivation(this.input, this.variables, settings));
    const key = `${detail}\u0000${page.name ?? ''}`;
    this.#derivations ??= new Map();
    let d = this.#derivations.get(key);
    if (d === undefined) {
      d = printed(recordDerivation(this.input, this.variables, settings));
      this.#derivations.set(key, d);
    }
    return d;
  }

  /** mathjs-compatible text, e.g. `2*x*w`. */
  toString(): string {
    // Printed once: an answer shows it in more than one place, and a long sum takes a while to print.
    this.#text ??= toText(this.expr, { order: this.order });
    return this.#text;
  }
  /**
   * LaTeX of the derivative's right-hand side, e.g. `2 x w`; with `name`, the whole equation
   * (`\frac{\partial L}{\partial w} = x \left(…\right)`); with `steps`, the derivation as an aligned block.
   */
  toTex(options: { steps?: boolean | Detail; name?: string } = {}): string {
    v.noteOptions(options, 'toTex: the options');
    const detail = stepsDetail(options.steps);
    if (detail === undefined) return options.name === undefined ? toLatex(this.expr, { order: this.order }) : derivativeEquation(this, options.name);
    return stepsToLatex(this.derivation(detail, nameOnly(options.name)), { order: this.order, ...(options.name === undefined ? {} : { name: options.name }) });
  }
  /** The derivation as text, one numbered step per line pair (the CLI's --steps). */
  stepsText(options: { detail?: Detail; name?: string } = {}): string {
    v.stepsTextOptions(options, 'stepsText: the options');
    return stepsToText(this.derivation(options.detail ?? 'brief', nameOnly(options.name)), { order: this.order, ...(options.name === undefined ? {} : { name: options.name }) });
  }
  /** Paste-ready Markdown: input, result and (with steps) the derivation in $$ blocks. */
  toMarkdown(options: NoteOptions = {}): string {
    v.noteOptions(options, 'toMarkdown: the options');
    return toMarkdownNote([this], options);
  }
  /** A standalone HTML page, typeset with KaTeX, that needs no network. */
  toHtml(options: NoteOptions = {}): string {
    v.noteOptions(options, 'toHtml: the options');
    return toHtmlPage([this], options);
  }
  /** The derivative's value at a point (double precision). */
  evaluate(scope: Scope = {}): number {
    v.scope(scope, 'evaluate: the values');
    return evaluateExpr(this.expr, scope);
  }
  /**
   * The derivative's value at a point: exact (`-50`, `25/2`) where the point is exact, else a double; NaN with a
   * `note` where the input as written has no value there.
   */
  at(point: PointInput): PointValue {
    v.point(point, 'at: the point');
    return valueAt(this.expr, toPoint(point), this.order, { input: this.input, guards: this.domain });
  }
  toJSON(): { wrt: readonly string[]; text: string; latex: string } {
    return { wrt: this.variables, text: this.toString(), latex: this.toTex() };
  }
  /** console.log(d): `Derivative ∂/∂w = 2*x*w`, with its warnings' codes if any. */
  [INSPECT](): string {
    const warned = this.warnings.length === 0 ? '' : ` (warnings: ${this.warnings.map((w) => w.code).join(', ')})`;
    return `Derivative ${textHeading(this.variables)} = ${this.toString()}${warned}`;
  }
}

function checkOrder(order: number | undefined): number {
  const n = order ?? 1;
  if (!Number.isInteger(n) || n < 0 || n > 100)
    throw new DerivError('BAD_OPTION', `the order must be a whole number from 0 to 100, got ${String(order)}`);
  return n;
}

/** Declared vectors and matrices switch to the matrix language (see src/matrix/). */
export interface MatrixFormOptions {
  /** e.g. { X: 'n×d', w: 'd', y: 'n' } or 'X=n×d,w=d,y=n'; names not listed are scalars. */
  readonly shapes: ShapeSpec;
  /** Simplify the entry-wise partials and tidy the result (default true). */
  readonly simplify?: boolean;
}

const hasShapes = (o: object): o is MatrixFormOptions => {
  const shapes = (o as Partial<MatrixFormOptions>).shapes;
  if (shapes === undefined) return false;
  if (typeof shapes === 'string') return shapes.trim() !== '';
  return shapes instanceof Map ? shapes.size > 0 : Object.keys(shapes).length > 0;
};

function matrixText(input: string | Expr, vars?: readonly string[]): string {
  if (typeof input !== 'string')
    throw new DerivError('BAD_OPTION', 'with shapes, the expression must be given as text (the matrix language has its own reader)');
  if (!isProgramText(input)) return input;
  // A program in matrix form is the formula it computes; its backward pass is program's (src/program/matrix.ts).
  const { text, assigned } = inlineMatrixProgram(input);
  const intermediate = vars?.find((v) => assigned.includes(v.trim()));
  if (intermediate !== undefined)
    throw new DerivError('BAD_OPTION', `in matrix form, the library differentiates a program with respect to its inputs; '${intermediate}' is computed by it`, { hint: 'matrixProgram(text, shapes, wrt) gives every adjoint' });
  return text;
}

/**
 * ∂ⁿf/∂x₁…∂xₙ. A list `wrt` differentiates successively (['x', 'y'] is ∂²f/∂x∂y,
 * as SymPy's diff(f, x, y)); `order` repeats the whole list.
 * With `shapes`, the gradient in matrix form with respect to one variable.
 */
export function derivative(input: string | Expr, wrt: string, options: MatrixFormOptions): MatrixDerivative;
export function derivative(input: string | Expr, wrt: string | readonly string[], options?: DerivativeOptions): Derivative;
export function derivative(
  input: string | Expr,
  wrt: string | readonly string[],
  options: DerivativeOptions | MatrixFormOptions = {},
): Derivative | MatrixDerivative {
  if (hasShapes(options)) {
    const names = typeof wrt === 'string' ? [wrt] : [...wrt];
    if (names.length !== 1)
      throw new DerivError('BAD_OPTION', 'in matrix form, differentiate with respect to one variable at a time (or use gradient)');
    return matrixGradient(matrixText(input, names), names, options)[0]!;
  }
  return scalarDerivative(input, wrt, options as DerivativeOptions);
}

function scalarDerivative(input: string | Expr, wrt: string | readonly string[], options: DerivativeOptions): Derivative {
  if (typeof input === 'string' && isProgramText(input)) return programPartials(parseProgram(input, options), typeof wrt === 'string' ? [wrt] : wrt, options, true)[0]!;
  const { expr, order, notes, domain } = toExpr(input, options);
  const names = wrtNames(wrt);
  if (names.length === 0) throw new DerivError('BAD_VARIABLE', 'no variable to differentiate with respect to');
  const times = checkOrder(options.order);
  // The heading alone writes every name of the sequence: refused before the sequence is built.
  const budget = requestBudget(options);
  budget.ensure(times * names.length, IN_ALL);
  const sequence: string[] = [];
  for (let i = 0; i < times; i++) for (const n of names) sequence.push(n);
  // As in a gradient: only a name that does not occur needs wrtWarnings, whose scan of the display order is O(variables).
  const free = freeVariables(expr);
  const warnings = names.every((n) => free.has(n)) ? mergeWarnings(notes) : mergeWarnings(notes, wrtWarnings(names, displayOrderOf(expr)));
  return derive(expr, order, sequence, options, settingsOf(options), warnings, budget, domain);
}

/**
 * What a command asks for (the CLI and `--batch`): one mixed partial of all of `wrt` (`mixed`), or one derivative
 * of the given order per name. They share one request budget (options.budget, or a fresh one of maxSize), and a
 * list of names longer than it can hold — each result writes at least its names and one node — is refused
 * before any work.
 */
export function derivativesOf(expr: Expr, wrt: readonly string[], mixed: boolean, options: DerivativeOptions = {}): Derivative[] {
  if (mixed) return [derivative(expr, wrt, options)];
  const budget = requestBudget(options);
  budget.ensure((checkOrder(options.order) + 1) * wrt.length, IN_ALL);
  const shared = options.budget === undefined ? { ...options, budget } : options;
  return wrt.map((v) => derivative(expr, v, shared));
}

/** What a request's budget names when it runs out (src/limits.ts). */
const IN_ALL = 'the derivatives of this request, each pass counted,';

const NO_SETTINGS: RecordOptions = Object.freeze({});

/** The settings a Derivative keeps to record its steps the same way (shared by a gradient's partials; read only). */
function settingsOf(options: DerivativeOptions): RecordOptions {
  // Only the options given (no spreads of empty objects: this runs once per derivative).
  const { simplify, maxExpandTerms, maxSize } = options;
  if (simplify === undefined && maxExpandTerms === undefined && maxSize === undefined) return NO_SETTINGS;
  const out: { simplify?: boolean; maxExpandTerms?: number; maxSize?: number } = {};
  if (simplify !== undefined) out.simplify = simplify;
  if (maxExpandTerms !== undefined) out.maxExpandTerms = maxExpandTerms;
  if (maxSize !== undefined) out.maxSize = maxSize;
  return out;
}

/**
 * Differentiates expr by each variable of `sequence` in turn (names already checked). Charges `budget` with the
 * heading (one node per name) and the written-out size of each pass's result: the passes of one derivative, and
 * the derivatives of one request, share it (src/limits.ts).
 */
function derive(
  expr: Expr,
  order: readonly string[],
  sequence: readonly string[],
  options: DerivativeOptions,
  settings: RecordOptions,
  warnings: readonly DerivWarning[],
  budget: RequestBudget,
  domain: readonly DomainGuard[],
  simplifyMemo?: Map<Expr, Expr>,
): Derivative {
  const maxSize = maxSizeOf(options);
  const simplifyOptions = simplifyMemo === undefined ? options : { ...options, memo: simplifyMemo };
  budget.charge(sequence.length, IN_ALL);
  let result = expr;
  for (let pass = 0; pass < sequence.length; pass++) {
    const x = sequence[pass]!;
    const trace = options.trace;
    // From the second pass of a higher or mixed derivative on, a pass is charged what it works through besides
    // what it keeps: its input (the last result, walked again) and its raw derivative (what the simplifier is
    // given). The time goes with those, and the passes compound: atan(x*y*z) to order 20 spent 1.8 s before the
    // results alone reached the budget. A first derivative is bounded as before: its raw and its simplified size.
    if (pass > 0) budget.charge(treeSize(result), IN_ALL);
    result = differentiate(result, x, trace === undefined ? { maxSize } : { maxSize, trace: (s) => trace(s, x) });
    if (pass > 0 && options.simplify !== false) budget.charge(treeSize(result, maxSize + 1), IN_ALL);
    // The written-out size is checked on what the next pass or the printer gets: the simplifier works on the DAG
    // (and measures its sums anyway), so a raw derivative is only measured when it is the result.
    if (options.simplify !== false) result = checkSize(simplifyExpr(result, simplifyOptions), maxSize, 'the simplified derivative');
    else checkSize(result, maxSize, `the derivative with respect to ${x}`);
    // Measured (and memoised) by checkSize just now: a lookup.
    budget.charge(treeSize(result), IN_ALL);
  }
  return new Derivative(expr, sequence, result, order, settings, warnings, domain);
}

/**
 * The gradient: one first derivative per variable, in order. Variables default
 * to the expression's free variables in order of first appearance. With `shapes`,
 * the gradients in matrix form (a MatrixGradient: `at(point)` gives their values).
 */
export function gradient(input: string | Expr, vars: readonly string[] | undefined, options: MatrixFormOptions): MatrixGradient;
export function gradient(input: string | Expr, vars?: readonly string[], options?: DerivativeOptions): Gradient<Derivative>;
export function gradient(
  input: string | Expr,
  vars?: readonly string[],
  options: DerivativeOptions | MatrixFormOptions = {},
): Gradient<Derivative> | MatrixGradient {
  if (hasShapes(options)) return matrixGradient(matrixText(input, vars), vars, options);
  return scalarGradient(input, vars, options as DerivativeOptions);
}

function scalarGradient(input: string | Expr, vars: readonly string[] | undefined, options: DerivativeOptions): Gradient<Derivative> {
  if (typeof input === 'string' && isProgramText(input)) return Gradient.fromPartials(programPartials(parseProgram(input, options), vars, options, false));
  const { expr, order, notes, domain } = toExpr(input, options);
  if (vars !== undefined && !Array.isArray(vars))
    throw new DerivError('BAD_VARIABLE', `expected a list of variable names, got ${describeValue(vars)}`, { hint: "gradient('x*y', ['x', 'y'])" });
  const names = vars === undefined ? (order.length > 0 ? order.filter((v) => freeVariables(expr).has(v)) : variablesOf(expr)) : wrtNames(vars);
  // As derivative(expr, v, { ...options, order: 1 }) for each v, with what does not depend on v done once.
  const display = displayOrderOf(expr);
  const settings = settingsOf(options);
  // The partials share most of their subexpressions (the residual of a loss): each is simplified once.
  const simplifyMemo = new Map<Expr, Expr>();
  // Whether v occurs, from the expression's (memoised) variable set: 3000 partials each scanning the 3000 names of
  // `display` was a tenth of a big gradient's time. Only a missing name needs wrtWarnings' explanation.
  const free = freeVariables(expr);
  const noted = mergeWarnings(notes);
  // Each partial writes at least its name and one node: a list too long for the budget is refused before any work.
  const budget = requestBudget(options);
  budget.ensure(2 * names.length, IN_ALL);
  const partials = names.map((v) => derive(expr, display, [v], options, settings, free.has(v) ? noted : mergeWarnings(notes, wrtWarnings([v], display)), budget, domain, simplifyMemo));
  const constant = display.length === 0 ? [NO_VARIABLES] : [];
  return Gradient.fromPartials(partials, mergeWarningLists([notes, constant, ...partials.map((p) => p.warnings)]));
}

/**
 * A program (`z = w*x + b; L = (z - y)^2/2`) is the function of its inputs it computes:
 * a partial by an input is the inlined formula's; by an intermediate n it is the adjoint
 * ∂L/∂n (the function with n held as a variable, differentiated, n put back). `successive`:
 * the names are one successive derivative (derivative()), else one partial each (gradient()).
 */
function programPartials(p: ParsedProgram, vars: readonly string[] | undefined, options: DerivativeOptions, successive: boolean): Derivative[] {
  const names = checkWrt(p, vars);
  const expr = inlinedOutput(p);
  if (!orderOf.has(expr)) orderOf.set(expr, p.inputs);
  const settings = settingsOf(options);
  const intermediate = names.find((n) => !p.inputs.includes(n));
  if (successive) {
    const times = checkOrder(options.order);
    if (intermediate !== undefined && (names.length > 1 || times !== 1))
      throw new DerivError('BAD_OPTION', `with respect to an intermediate ('${intermediate}') only first derivatives are available`);
    if (intermediate !== undefined) return [new AdjointDerivative(expr, names, bySubstitution(p, intermediate), p.inputs, settings)];
    const budget = requestBudget(options);
    budget.ensure(times * names.length, IN_ALL);
    const sequence: string[] = [];
    for (let i = 0; i < times; i++) for (const n of names) sequence.push(n);
    return [derive(expr, p.inputs, sequence, options, settings, [], budget, NO_GUARDS)];
  }
  const budget = requestBudget(options);
  return names.map((v) => (p.inputs.includes(v) ? derive(expr, p.inputs, [v], options, settings, [], budget, NO_GUARDS) : new AdjointDerivative(expr, [v], bySubstitution(p, v), p.inputs, settings)));
}

/**
 * ∂L/∂h for an intermediate h of a program, in the inputs. Its derivation is the program's backward
 * pass, not a derivation of the inlined formula (where h does not occur), so steps are asked of program().
 */
class AdjointDerivative extends Derivative {
  override derivation(): Derivation {
    throw new DerivError('BAD_OPTION', `∂/∂${this.variables.join(',')} is an adjoint of the program: its steps are the backward pass`, { hint: 'program(text).stepsText([…]) or the CLI with --steps' });
  }
}
