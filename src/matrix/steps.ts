/**
 * The derivation of a matrix gradient, as the reverse-mode pass records it:
 * one step per node the adjoint G = ∂f/∂node flows through, from f down to the
 * variables, naming the matrix rule (product, transpose, sum, mean, trace, norm,
 * dot, element-wise) and what each operand receives. Recorded as data by
 * `backprop` (src/matrix/backprop.ts); printed here as text or JSON.
 */
import { type MNode, type MatrixContext, isAtomName } from './node.js';
import { printMatrix } from './print.js';
import { latexName } from '../print/latex.js';
import { escapeText } from '../print/steps-latex.js';
import { tidy } from './tidy.js';
import { formatShape } from './shape.js';
import { type FnName, MATRIX_FUNCTION_ROWS } from './functions.js';

export type MatrixRule = 'elementwise' | 'matmul' | 'transpose' | 'sum' | 'mean' | 'trace' | 'norm2' | 'dot' | FnName;

/** What one operand receives: `to` is an operand node, or the name of a declared variable. */
export interface MatrixPass {
  readonly to: MNode | string;
  readonly value: MNode;
  /** A scalar broadcast over the node's entries: its share is the sum over them. */
  readonly broadcast: boolean;
}

export interface MatrixStep {
  readonly rule: MatrixRule;
  /** The node of f that the adjoint reached. */
  readonly node: MNode;
  /** G = ∂f/∂node, with node's shape. */
  readonly adjoint: MNode;
  readonly passes: readonly MatrixPass[];
}

/** Each rule as a person would say it. */
export const MATRIX_RULES: Readonly<Record<MatrixRule, string>> = {
  elementwise: 'element-wise rule: each entry passes G ⊙ (its partial derivative) to each operand',
  matmul: "matrix product rule: A*B passes G*B' to A and A'*G to B",
  transpose: "transpose rule: A' passes G' to A",
  sum: 'sum rule: sum(A) passes G to every entry of A',
  mean: 'mean rule: mean(A) passes G/count to every entry of A',
  trace: 'trace rule: trace(A) passes G*I to A',
  norm2: 'norm rule: norm2(v) passes G*v/norm2(v) to v',
  dot: 'dot rule: dot(u, v) passes G*v to u and G*u to v',
  ...(Object.fromEntries(MATRIX_FUNCTION_ROWS.map((r) => [r.name, r.rule])) as Record<FnName, string>),
};

export interface PrintedPass {
  readonly to: string;
  readonly value: string;
  /** For a scalar broadcast over the node: the node's shape (`vector of length n`). */
  readonly broadcastOver?: string;
}
export interface PrintedStep {
  readonly rule: MatrixRule;
  readonly node: string;
  readonly adjoint: string;
  readonly passes: readonly PrintedPass[];
}

/**
 * The steps in text (or LaTeX) syntax, keeping only what leads to a variable of `wrt`
 * (the pass to X in X*w is not shown when only ∇w was asked for).
 */
export function printSteps(steps: readonly MatrixStep[], ctx: MatrixContext, wrt: readonly string[], order: readonly string[], syntax: 'text' | 'latex' = 'text'): PrintedStep[] {
  const wanted = new Set(wrt);
  const leads = (to: MNode | string): boolean =>
    typeof to === 'string' ? wanted.has(to) : [...ctx.variablesOf(to)].some((v) => wanted.has(v));
  const show = (n: MNode | string): string => (typeof n === 'string' ? (syntax === 'latex' ? latexName(n) : n) : printMatrix(tidy(n, ctx), ctx, syntax, order));
  const out: PrintedStep[] = [];
  for (const step of steps) {
    // A declared variable's own node passes G to itself: the gradient line says that.
    if (step.node.k === 'ew' && step.node.expr.kind === 'sym' && !isAtomName(step.node.expr.name)) continue;
    const passes = step.passes.filter((p) => leads(p.to));
    if (passes.length === 0) continue;
    out.push({
      rule: step.rule,
      node: show(step.node),
      adjoint: show(step.adjoint),
      passes: passes.map((p) => ({ to: show(p.to), value: show(p.value), ...(p.broadcast ? { broadcastOver: formatShape(step.node.shape) } : {}) })),
    });
  }
  return out;
}

/** Numbered text lines: the rule, the node with its G, then one `→ operand: share` line per pass. */
export function stepsText(steps: readonly PrintedStep[]): string[] {
  const lines = ['backpropagation: G = ∂f/∂(node) starts as 1 at f and flows down to the variables'];
  steps.forEach((s, i) => {
    lines.push(`${i + 1}. ${MATRIX_RULES[s.rule]}`, `   at ${s.node}, G = ${s.adjoint}`);
    for (const p of s.passes) {
      const note = p.broadcastOver === undefined ? '' : ` (${p.to} is a scalar broadcast over a ${p.broadcastOver}: its share is summed)`;
      lines.push(`   → ${p.to}: ${p.value}${note}`);
    }
  });
  return lines;
}

/** The same steps as LaTeX rows for an `aligned` block (from steps printed with syntax 'latex'). */
export function stepsLatex(steps: readonly PrintedStep[]): string[] {
  // ⊙ is math, not text.
  const text = (words: string): string => `\\text{${escapeText(words).replace(/ ?⊙ ?/g, ' }\\odot\\text{ ')}}`;
  const rows = [`&${text('backpropagation: ')} G = \\partial f / \\partial (${text('node')}) ${text(' starts as 1 at ')} f ${text(' and flows down to the variables')}`];
  steps.forEach((s, i) => {
    rows.push(`&${text(`${i + 1}. ${MATRIX_RULES[s.rule]}`)}`, `&\\quad ${text('at ')} ${s.node}${text(', ')} G = ${s.adjoint}`);
    for (const p of s.passes) {
      const note = p.broadcastOver === undefined ? '' : ` ${text(`(a scalar broadcast over a ${p.broadcastOver}: its share is summed)`)}`;
      rows.push(`&\\quad \\to ${p.to}${text(': ')} ${p.value}${note}`);
    }
  });
  return rows;
}
