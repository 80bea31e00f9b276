/**
 * Library entry for gradients in matrix form:
 *   matrixGradient('mean((X*w + b - y)^2)', ['w', 'b'], { shapes: { X: 'n×d', w: 'd', y: 'n' } })
 * gives ∇w = 2/n*X'*(X*w + b - y) and ∂/∂b = 2/n*sum(X*w + b - y), each with the
 * variable's shape, printable as text or LaTeX and evaluable at matrix values.
 */
import { INSPECT } from '../inspect.js';
import { DerivError } from '../errors.js';
import * as v from '../validate.js';
import { checkVariableName } from '../names.js';
import { MatrixContext, type MNode } from './node.js';
import { buildMatrix } from './build.js';
import { backprop, zeroOf } from './backprop.js';
import { tidy } from './tidy.js';
import { printMatrix, matrixHeading } from './print.js';
import { type MatrixStep, type PrintedStep, printSteps, stepsText } from './steps.js';
import { type Shape, type Dim, normaliseShapes, formatShape, parseShapes, checkSizesApart } from './shape.js';
import { evaluateMatrix, type MatrixValue } from './evaluate.js';
import { MatrixPointValue } from './point-value.js';
import { toMatrixPoint, matrixPointHasDecimals, type MatrixPointInput } from './point.js';
import { MatrixGradient } from './gradient.js';
import { crossEntropyTargets } from './targets.js';

/** Shapes as a Map, as `{ X: 'n×d', w: 'd' }`, or as the --shape text `X=n×d,w=d` (errors then point into it). */
export type ShapeSpec = ReadonlyMap<string, Shape> | Readonly<Record<string, string | number | readonly Dim[]>> | string;

export interface MatrixOptions {
  readonly shapes: ShapeSpec;
  /** Simplify each entry-wise partial and tidy the result (default true); false: the raw backpropagation. */
  readonly simplify?: boolean;
}

export class MatrixDerivative {
  constructor(
    readonly wrt: string,
    readonly shape: Shape,
    readonly node: MNode,
    private readonly ctx: MatrixContext,
    readonly func: MNode,
    readonly order: readonly string[],
    /** A gradient ∇w (default) or a Hessian ∇²w (src/matrix/hessian.ts): it changes only the heading. */
    readonly kind: 'gradient' | 'hessian' = 'gradient',
  ) {}
  toString(): string {
    return printMatrix(this.node, this.ctx, 'text', this.order);
  }
  toTex(): string {
    return printMatrix(this.node, this.ctx, 'latex', this.order);
  }
  /**
   * The gradient as a NumPy expression, `2/n*X.T @ (X @ w + b - y)` (src/code/matrix.ts makes the function);
   * `identifiers` spells variables and sizes (default: as written).
   */
  toNumpy(identifiers?: ReadonlyMap<string, string>): string {
    return printMatrix(this.node, this.ctx, 'numpy', this.order, identifiers);
  }
  /** The differentiated function as a NumPy expression (as toNumpy). */
  functionNumpy(identifiers?: ReadonlyMap<string, string>): string {
    return printMatrix(this.func, this.ctx, 'numpy', this.order, identifiers);
  }
  /** Each cross_entropy target that is a variable (its rows one-hot in a check: the gradient's contract). */
  oneHotTargets(): string[] {
    return crossEntropyTargets(this.func, this.ctx);
  }
  /** The declared shape of a variable (1×1 when it is a scalar). */
  shapeOf(name: string): Shape {
    return this.ctx.shapeOfSymbol(name);
  }
  /** The CLI's JSON entry for this gradient: `{ wrt: 'w', shape: ['d', 1], text: "2/n*X'*(X*w + b - y)", latex: … }`. */
  toJSON(): { wrt: string; shape: [Dim, Dim]; text: string; latex: string } {
    return { wrt: this.wrt, shape: [this.shape.rows, this.shape.cols], text: this.toString(), latex: this.toTex() };
  }
  /** console.log(d): `MatrixDerivative ∇w = 2/n*X'*(X*w + b - y)`. */
  [INSPECT](): string {
    return `MatrixDerivative ${this.heading('text')} = ${this.toString()}`;
  }
  /** `∇w` / `∂/∂b` (text) or `\nabla_{w} f` / `\frac{\partial f}{\partial b}` (LaTeX). */
  heading(syntax: 'text' | 'latex', name = 'f'): string {
    v.oneOf('text', 'latex')(syntax, 'heading: the syntax');
    v.functionName(name, 'heading: the name');
    return matrixHeading(name, this.wrt, this.shape, syntax, this.kind);
  }
  /** The gradient's value: exact rationals where the inputs are, numbers otherwise. */
  evaluate(values: ReadonlyMap<string, MatrixValue>): MatrixValue {
    return evaluateMatrix(this.node, this.ctx, matrixValues(values, 'evaluate: the values'));
  }
  /**
   * The gradient's value at a point — `{ X: [[1, 2], [3, 4]], w: [1, 2], b: 1, y: [1, 2] }`, the --at text
   * `X=[[1,2],[3,4]],w=[1,2],b=1,y=[1,2]` or a Map (src/matrix/point.ts) — as the CLI's --at prints it
   * (`[35, 50]`): exact where the point is. A variable the formula needs and the point lacks is BAD_VARIABLE.
   */
  at(point: MatrixPointInput): MatrixPointValue {
    const checked = v.matrixPoint(point, 'at: the point') as MatrixPointInput;
    return new MatrixPointValue(evaluateMatrix(this.node, this.ctx, toMatrixPoint(checked)), matrixPointHasDecimals(checked));
  }
  /** The function's own value at the same point. */
  evaluateFunction(values: ReadonlyMap<string, MatrixValue>): MatrixValue {
    return evaluateMatrix(this.func, this.ctx, matrixValues(values, 'evaluateFunction: the values'));
  }
  describeShape(): string {
    return formatShape(this.shape);
  }
  /** The differentiated function, printed (text or LaTeX). */
  functionText(syntax: 'text' | 'latex' = 'text'): string {
    v.oneOf('text', 'latex')(syntax, 'functionText: the syntax');
    return printMatrix(this.func, this.ctx, syntax, this.order);
  }
  /** The declared and scalar variables the function depends on, in order of first appearance. */
  functionVariables(): string[] {
    const used = this.ctx.variablesOf(this.func);
    return this.order.filter((v) => used.has(v));
  }
  /** The declared and scalar variables this gradient's formula uses. */
  formulaVariables(): Set<string> {
    return this.ctx.variablesOf(this.node);
  }
  /** The size names of the declared shapes (n, d, …), which values fix. */
  sizeNames(): string[] {
    const out = new Set<string>();
    for (const s of this.ctx.shapes.values()) for (const d of [s.rows, s.cols]) if (typeof d === 'string') out.add(d);
    return [...out];
  }
  /**
   * Another formula for the same gradient (a claim to check), read in this function's shapes; it
   * answers evaluate() like this one (its shape may differ: the caller compares).
   */
  claim(text: string): MatrixDerivative {
    v.text(text, 'claim: the formula');
    const { node, variables } = buildMatrix(text, this.ctx);
    return new MatrixDerivative(this.wrt, node.shape, node, this.ctx, this.func, [...this.order, ...variables.filter((v) => !this.order.includes(v))]);
  }
}

/** Values for evaluation: a Map from names to matrices of expressions (parseMatrixValues makes one). */
export function matrixValues(values: unknown, what: string): ReadonlyMap<string, MatrixValue> {
  if (!(values instanceof Map)) throw new DerivError('BAD_OPTION', `${what} must be a Map of matrix values (parseMatrixValues), got ${v.describe(values)}`);
  const entry = v.list(v.list(v.expr, 1_000_000, 1), 1_000_000, 1);
  for (const [k, m] of values) entry(m, `${what}.get(${JSON.stringify(String(k))})`);
  return values as ReadonlyMap<string, MatrixValue>;
}

export function toShapeMap(spec: ShapeSpec): Map<string, Shape> {
  if (typeof spec === 'string') return parseShapes(spec);
  return spec instanceof Map ? new Map(spec) : normaliseShapes(spec as Readonly<Record<string, string | number | readonly Dim[]>>);
}

/**
 * Gradients of a scalar matrix expression with respect to each variable of `wrt` (default: all, as written):
 * an array of MatrixDerivative whose `at(point)` gives their values (src/matrix/gradient.ts).
 */
export function matrixGradient(text: string, wrt: readonly string[] | undefined, options: MatrixOptions): MatrixGradient {
  return derive(text, wrt, options, undefined).results;
}

/** The gradients and how they came out: the backpropagation steps, in text syntax (see src/matrix/steps.ts). */
export interface MatrixDerivation {
  readonly input: string;
  readonly results: MatrixGradient;
  readonly steps: PrintedStep[];
  /** The input as read, then the steps, then one line per gradient. */
  toString(): string;
}

export function matrixDerivation(text: string, wrt: readonly string[] | undefined, options: MatrixOptions & { readonly syntax?: 'text' | 'latex' }): MatrixDerivation {
  const recorded: MatrixStep[] = [];
  const { ctx, node, variables, names, results } = derive(text, wrt, options, (s) => recorded.push(s));
  const input = printMatrix(node, ctx, 'text', variables);
  const steps = printSteps(recorded, ctx, names, variables, options.syntax);
  return {
    input,
    results,
    steps,
    toString: () => [`f = ${input}`, ...stepsText(steps), ...results.map((r) => `${r.heading('text')} = ${r}`)].join('\n'),
  };
}

/** Build, backprop (recording steps when `trace` is given) and tidy: shared by both entries above. */
function derive(text: string, wrt: readonly string[] | undefined, options: MatrixOptions, trace: ((s: MatrixStep) => void) | undefined) {
  const ctx = new MatrixContext(toShapeMap(options.shapes));
  const { node, variables } = buildMatrix(text, ctx);
  const names = (wrt ?? variables).map((v) => checkVariableName(v));
  if (names.length === 0) throw new DerivError('BAD_VARIABLE', 'the expression has no variables to differentiate with respect to');
  checkSizesApart(ctx.shapes, [...variables, ...names], typeof options.shapes === 'string' ? options.shapes : undefined);
  const simplified = options.simplify !== false;
  const gradients = backprop(node, ctx, trace, simplified);
  const results = MatrixGradient.fromDerivatives(
    names.map((v) => {
      const g = gradients.get(v) ?? zeroOf(ctx, v);
      return new MatrixDerivative(v, ctx.shapeOfSymbol(v), simplified ? tidy(g, ctx) : g, ctx, node, variables);
    }),
  );
  return { ctx, node, variables, names, results };
}
