/**
 * Programs in matrix form (`--shape`): the textbook's backprop for
 *   Z = W1*x + b1; H = relu(Z); y_hat = W2*H + b2; L = norm2(y_hat - y)^2/2
 * giving ∂L/∂y_hat = y_hat - y, ∂L/∂H = W2'*∂L/∂y_hat, ∂L/∂Z = ∂L/∂H.*heaviside(Z),
 * ∂L/∂W2 = ∂L/∂y_hat*H', ∂L/∂b2 = ∂L/∂y_hat, ∂L/∂W1 = ∂L/∂Z*x', ∂L/∂b1 = ∂L/∂Z.
 *
 * The same program machinery as the scalar form (src/program/parse.ts splits and checks
 * the statements; the order of the lines is the same), with the matrix language reading
 * each right-hand side. Each assigned name becomes a declared variable of its shape, and
 * each adjoint ∂L/∂c a variable of c's shape; the contribution of a consumer c to ∂L/∂n
 * is the vector-Jacobian product of c's right-hand side, which is exactly the gradient of
 * the scalar sum(∂L/∂c .* rhs_c) with respect to n — so the existing matrix reverse mode
 * (src/matrix/backprop.ts) computes every line, with its rules (A·B: A ← G·Bᵀ, …).
 */
import { DerivError } from '../errors.js';
import { mul } from '../core/expr.js';
import { parseSyntax, type Syntax } from '../parse/parser.js';
import { tokenize } from '../parse/lexer.js';
import { checkVariableName } from '../names.js';
import { MATRIX_FUNCTIONS, buildMatrix } from '../matrix/build.js';
import { MatrixContext, type MNode } from '../matrix/node.js';
import { backprop } from '../matrix/backprop.js';
import { MATRIX_RULES, printSteps, type MatrixStep, type PrintedStep } from '../matrix/steps.js';
import { tidy } from '../matrix/tidy.js';
import { printMatrix } from '../matrix/print.js';
import { latexName } from '../print/latex.js';
import { evaluateMatrix, type MatrixValue } from '../matrix/evaluate.js';
import { type Shape, isScalar, formatShape, checkSizesApart } from '../matrix/shape.js';
import { toShapeMap, type ShapeSpec } from '../matrix/api.js';
import { parseStatements, rebase, type ParsedStatements, type ProgramOptions } from './parse.js';
import { adjointName, programWrtWarnings } from './backward.js';
import type { DerivWarning } from '../warnings.js';
import { aligned } from './print.js';
import { valueText } from '../matrix/format-value.js';
import { withToString } from '../inspect.js';

/** Names in a syntax tree, in order of first appearance (e and pi are constants). */
function namesOf(root: Syntax): string[] {
  const out: string[] = [];
  const stack: Syntax[] = [root];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (s.t === 'name' && s.name !== 'e' && s.name !== 'pi' && !out.includes(s.name)) out.push(s.name);
    else if (s.t === 'neg') stack.push(s.arg);
    else if (s.t === 'bin') stack.push(s.right, s.left);
    else if (s.t === 'call') stack.push(...[...s.args].reverse());
  }
  return out;
}

export interface MatrixProgramLine {
  readonly name: string;
  readonly assigned: boolean;
  readonly shape: Shape;
  /** The adjoint ∂L/∂name in the program's names (adjoints as variables `∂L/∂c`). */
  readonly node: MNode;
  /** The assignments that use the name (their contributions add up). */
  readonly consumers: readonly string[];
}

export interface MatrixProgram {
  readonly parsed: ParsedStatements<string>;
  readonly ctx: MatrixContext;
  /** Each assigned name's node, in program order. */
  readonly nodes: ReadonlyMap<string, MNode>;
  readonly wrt: readonly string[];
  readonly lines: readonly MatrixProgramLine[];
  /** A name of `wrt` the function does not depend on: its adjoint is 0 (a scalar), and this says so. */
  readonly warnings: readonly DerivWarning[];
  /** The CLI's text: the backward pass, one aligned line per adjoint (`∂L/∂W = ∂L/∂Z*x'`). */
  toString(): string;
}

/** Parse, build and backpropagate a matrix program. `shapes` declares the inputs' shapes. */
export function matrixProgram(text: string, shapeSpec: ShapeSpec, wrtInput: readonly string[] | undefined, options: ProgramOptions = {}): MatrixProgram {
  const parsed = parseStatements(text, options, (rhs) => ({ value: rhs, variables: namesOf(parseSyntax(rhs, { functions: MATRIX_FUNCTIONS, transpose: true })) }));
  const shapes = toShapeMap(shapeSpec);
  checkSizesApart(shapes, [...parsed.inputs, ...parsed.statements.map((s) => s.name), ...(wrtInput ?? [])], typeof shapeSpec === 'string' ? shapeSpec : undefined);
  const shapeMap = new Map(shapes);
  const ctx = new MatrixContext(shapeMap);
  const nodes = new Map<string, MNode>();
  for (const s of parsed.statements) {
    if (shapes.has(s.name))
      throw new DerivError('BAD_OPTION', `--shape declares '${s.name}', which the program computes`, { hint: `its shape follows from ${s.name} = ${s.source}; declare the inputs only` });
    let node: MNode;
    try {
      node = buildMatrix(s.value, ctx).node;
    } catch (err) {
      if (err instanceof DerivError && err.position !== undefined) throw rebase(text, err, s.rhsPosition);
      throw err;
    }
    nodes.set(s.name, node);
    shapeMap.set(s.name, node.shape);
  }
  const out = nodes.get(parsed.output)!;
  if (!isScalar(out.shape))
    throw new DerivError('SHAPE', `the function ${parsed.output} must be a scalar, but it is ${formatShape(out.shape)}`, { hint: 'reduce it, e.g. sum(…), mean(…) or norm2(…)^2/2' });
  const wrt = checkMatrixWrt(parsed, wrtInput);
  const wanted = new Set(wrt);
  const reaches = new Set<string>();
  for (const s of parsed.statements) if (wanted.has(s.name) || s.variables.some((v) => wanted.has(v) || reaches.has(v))) reaches.add(s.name);
  for (const s of parsed.statements) shapeMap.set(adjointName(parsed.output, s.name), s.name === parsed.output ? out.shape : nodes.get(s.name)!.shape);

  /** The scalar whose gradient with respect to n is c's contribution to ∂L/∂n. */
  const rootOf = (c: string): MNode => {
    const rhs = nodes.get(c)!;
    if (c === parsed.output) return rhs;
    return ctx.reduce('sum', ctx.elementwise([ctx.variable(adjointName(parsed.output, c)), rhs], ([a, b]) => mul(a!, b!), 'multiply'));
  };
  const gradients = new Map<string, Map<string, MNode>>();
  const gradientOf = (c: string): Map<string, MNode> => {
    let g = gradients.get(c);
    if (g === undefined) {
      g = backprop(rootOf(c), ctx, undefined, options.simplify !== false);
      gradients.set(c, g);
    }
    return g;
  };
  const lineFor = (name: string, assigned: boolean): MatrixProgramLine => {
    const shape = shapeMap.get(name) ?? shapes.get(name) ?? { rows: 1, cols: 1 };
    const consumers: string[] = [];
    const parts: MNode[] = [];
    for (const s of parsed.statements) {
      if (!s.variables.includes(name)) continue;
      const g = gradientOf(s.name).get(name);
      if (g === undefined) continue;
      consumers.push(s.name);
      parts.push(g);
    }
    const sum = ctx.sum(parts, shape);
    return { name, assigned, shape, node: options.simplify === false ? sum : tidy(sum, ctx), consumers };
  };
  const lines: MatrixProgramLine[] = [];
  for (const s of [...parsed.statements].reverse()) if (s.name !== parsed.output && reaches.has(s.name)) lines.push(lineFor(s.name, true));
  for (const w of wrt) if (!nodes.has(w)) lines.push(lineFor(w, false));
  const m: MatrixProgram = withToString({ parsed, ctx, nodes, wrt, lines, warnings: programWrtWarnings(parsed.order, parsed.output, wrt) }, () => matrixBackwardText(m).join('\n'));
  return m;
}

function checkMatrixWrt(p: ParsedStatements<string>, wrt: readonly string[] | undefined): string[] {
  if (wrt === undefined) return [...p.inputs];
  return wrt.map((w) => {
    const name = checkVariableName(w);
    if (name === p.output) throw new DerivError('BAD_VARIABLE', `'${name}' is the function itself (∂${name}/∂${name} = 1)`);
    return name;
  });
}

/** A line's right-hand side as text (`W2'*∂L/∂y_hat`). */
export const matrixLineText = (m: MatrixProgram, line: MatrixProgramLine): string => printMatrix(line.node, m.ctx, 'text', m.parsed.order);
/** An assignment's right-hand side as read (`W1*x + b1`). */
export const matrixAssignmentText = (m: MatrixProgram, name: string): string => printMatrix(m.nodes.get(name)!, m.ctx, 'text', m.parsed.order);

/** The adjoint symbols spelled in LaTeX: ∂L/∂Z → \frac{\partial L}{\partial Z}. */
function adjointTex(m: MatrixProgram): Map<string, string> {
  const out = m.parsed.output;
  return new Map(m.parsed.statements.map((s) => [adjointName(out, s.name), adjointLatex(out, s.name)]));
}
export const adjointLatex = (output: string, name: string): string => `\\frac{\\partial ${latexName(output)}}{\\partial ${latexName(name)}}`;
/** A line's right-hand side in LaTeX (`W_{2}^{\\top} \\frac{\\partial L}{\\partial y_{\\mathrm{hat}}}`). */
export const matrixLineTex = (m: MatrixProgram, line: MatrixProgramLine): string => printMatrix(line.node, m.ctx, 'latex', m.parsed.order, adjointTex(m));
/** An assignment's right-hand side in LaTeX. */
export const matrixAssignmentTex = (m: MatrixProgram, name: string): string => printMatrix(m.nodes.get(name)!, m.ctx, 'latex', m.parsed.order);

/** The backward pass in text, as the CLI prints it: `∂L/∂Z = ones(n)`, `∂L/∂W = ∂L/∂Z*x'`, … (= aligned). */
export function matrixBackwardText(m: MatrixProgram): string[] {
  return aligned(m.lines.map((l) => [adjointName(m.parsed.output, l.name), matrixLineText(m, l)]));
}

/** Values of a matrix program at a point: forward (each assignment), backward (each line); String() is the CLI's --at text. */
export interface MatrixProgramValues {
  readonly forward: [string, MatrixValue][];
  readonly backward: [string, MatrixValue][];
  toString(): string;
}

/** The values in text, as the CLI's --at prints them: `forward pass:` and `backward pass:`, one aligned line per value. */
export function matrixValuesText(m: MatrixProgram, values: Pick<MatrixProgramValues, 'forward' | 'backward'>, decimals = false): string[] {
  const lines = new Map(m.lines.map((l) => [l.name, l]));
  return [
    'forward pass:',
    ...aligned(values.forward.map(([name, v]) => [name, `${matrixAssignmentText(m, name)} = ${valueText(v, decimals)}`])).map((l) => `  ${l}`),
    'backward pass:',
    ...aligned(values.backward.map(([name, v]) => [adjointName(m.parsed.output, name), `${matrixLineText(m, lines.get(name)!)} = ${valueText(v, decimals)}`])).map((l) => `  ${l}`),
  ];
}

/** Forward values (each assignment) and backward values (each line) at matrix values of the inputs. */
export function matrixProgramValues(m: MatrixProgram, inputs: ReadonlyMap<string, MatrixValue>): MatrixProgramValues {
  for (const s of m.parsed.statements) if (inputs.has(s.name)) throw new DerivError('BAD_OPTION', `'${s.name}' is computed by the program; the point gives its inputs`);
  const values = new Map(inputs);
  const forward: [string, MatrixValue][] = [];
  for (const [name, node] of m.nodes) {
    const v = evaluateMatrix(node, m.ctx, values);
    values.set(name, v);
    forward.push([name, v]);
  }
  const backward: [string, MatrixValue][] = [];
  for (const line of m.lines) {
    const v = evaluateMatrix(line.node, m.ctx, values);
    values.set(adjointName(m.parsed.output, line.name), v);
    backward.push([line.name, v]);
  }
  const out = { forward, backward };
  return withToString(out, () => matrixValuesText(m, out).join('\n'));
}

/**
 * The program as one matrix-language formula: each use of an assigned name replaced by its
 * inlined right-hand side in parentheses (token by token, so W1 never matches inside W10).
 * What a user would otherwise type; the library's gradient(program, vars, { shapes }) uses it.
 */
export function inlineMatrixProgram(text: string, options: ProgramOptions = {}): { text: string; assigned: readonly string[] } {
  const parsed = parseStatements(text, options, (rhs) => ({ value: rhs, variables: namesOf(parseSyntax(rhs, { functions: MATRIX_FUNCTIONS, transpose: true })) }));
  const inlined = new Map<string, string>();
  for (const s of parsed.statements) {
    const tokens = tokenize(s.value, { transpose: true });
    let out = '';
    let last = 0;
    tokens.forEach((t, i) => {
      if (t.type !== 'name' || tokens[i + 1]?.type === 'lparen' || !inlined.has(t.text)) return;
      out += `${s.value.slice(last, t.pos)}(${inlined.get(t.text)!})`;
      last = t.pos + t.text.length;
    });
    inlined.set(s.name, (out + s.value.slice(last)).trim());
  }
  return { text: inlined.get(parsed.output)!, assigned: parsed.statements.map((s) => s.name) };
}

/** The matrix rules behind one line: for each assignment using the name, the steps of its reverse pass that lead to it. */
export interface MatrixLineSteps {
  readonly consumer: string;
  readonly steps: readonly PrintedStep[];
}

/**
 * Why a line says what it says, recorded on demand (the plain backward pass records nothing):
 * the reverse pass through each consumer's right-hand side, seeded with the consumer's adjoint,
 * keeping the steps that lead to the name. The seeding wrapper sum(∂L/∂c .* rhs) is not shown.
 */
export function matrixLineSteps(m: MatrixProgram, line: MatrixProgramLine): MatrixLineSteps[] {
  const out = m.parsed.output;
  return line.consumers.map((c) => {
    const recorded: MatrixStep[] = [];
    const rhs = m.nodes.get(c)!;
    const root = c === out ? rhs : m.ctx.reduce('sum', m.ctx.elementwise([m.ctx.variable(adjointName(out, c)), rhs], ([a, b]) => mul(a!, b!), 'multiply'));
    backprop(root, m.ctx, (s) => recorded.push(s));
    const adjoint = adjointName(out, c);
    const steps: PrintedStep[] = [];
    for (const step of recorded) {
      const seeded = m.ctx.variablesOf(step.node).has(adjoint);
      // The wrapper itself (the scalar root, its sum) is not part of c's right-hand side.
      if (c !== out && (step.node === root || (seeded && step.node.k === 'reduce'))) continue;
      const printed = printSteps([step], m.ctx, [line.name], m.parsed.order)[0];
      if (printed === undefined) continue;
      // The block ∂L/∂c .* (rhs's top) is rhs's top block receiving G = ∂L/∂c.
      steps.push(seeded ? { ...printed, node: matrixAssignmentText(m, c), adjoint } : printed);
    }
    return { consumer: c, steps };
  });
}

/** --steps in text: the program, then each line with the matrix rules that give it. */
export function matrixStepsText(m: MatrixProgram): string[] {
  const out = m.parsed.output;
  const lines = [...m.nodes.keys()].map((n) => `${n} = ${matrixAssignmentText(m, n)}`);
  lines.push(`backward pass: ${adjointName(out, out)} = 1; G is the adjoint arriving at each node of a right-hand side, ∂${out}/∂(that assignment) at its top`);
  m.lines.forEach((line, i) => {
    lines.push(`${i + 1}. ${adjointName(out, line.name)} = ${matrixLineText(m, line)}`);
    const parts = matrixLineSteps(m, line);
    for (const part of parts) {
      lines.push(`   from ${part.consumer} = ${matrixAssignmentText(m, part.consumer)}:`);
      for (const s of part.steps) {
        lines.push(`     ${MATRIX_RULES[s.rule]}`, `       at ${s.node}, G = ${s.adjoint}`);
        for (const p of s.passes) lines.push(`       → ${p.to}: ${p.value}${p.broadcastOver === undefined ? '' : ` (a scalar broadcast over a ${p.broadcastOver}: its share is summed)`}`);
      }
    }
    if (parts.length > 1) lines.push(`   ${line.name} is used by ${parts.map((p) => p.consumer).join(' and ')}: the contributions add up`);
  });
  return lines;
}
