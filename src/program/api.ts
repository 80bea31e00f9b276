/**
 * Library entry for programs: `program(text)` parses once and answers the backward
 * pass (in the program's names), each gradient entry expanded in the inputs, the
 * forward/backward values at a point, gradient descent, the steps and JSON.
 *
 *   const p = program('z = w1*x + b1; h = relu(z); y_hat = w2*h + b2; L = (y_hat - y)^2/2');
 *   p.backwardText(['w1', 'b1'])   // ∂L/∂y_hat = y_hat - y, ∂L/∂h = w2*∂L/∂y_hat, …
 *   p.at('x=2,y=10,w1=3,b1=1,w2=2,b2=0').backward   // ∂L/∂w1 = 16, …
 *
 * An expanded entry with respect to an input is exactly what differentiating the
 * inlined formula gives (`derivative(inlined, v)`); for an intermediate it is its
 * adjoint with everything substituted. The backward pass is computed independently
 * of both (src/program/backward.ts); the tests check that they agree.
 */
import * as v from '../validate.js';
import { withToString } from '../inspect.js';
import type { Expr } from '../core/expr.js';
import { derivative } from '../api.js';
import { toLatex } from '../print/latex.js';
import { toPoint, type PointInput, type PointInputValue } from '../numeric/point.js';
import { kinkNote } from '../numeric/exact-eval.js';
import { parseProgram, type ParsedProgram, type ProgramOptions } from './parse.js';
import { backward, checkWrt, expand, inlinedOutput, type BackwardPass } from './backward.js';
import { programValues, programSgd, type ProgramValues, type ProgramSgdStep } from './values.js';
import { assignmentEquations, backwardText, exprIn, lineBody, stepsLatex, stepsText, adjointHeading } from './print.js';

export interface ExpandedEntry {
  readonly wrt: string;
  readonly expr: Expr;
  /** The CLI's line (--expand): `∂L/∂w = x*(w*x + b - y)`. */
  toString(): string;
}

export class Program {
  readonly parsed: ParsedProgram;
  readonly #passes = new Map<string, BackwardPass>();
  /** Local derivatives and expanded entries simplified (program(text, { simplify: false }): the raw forms). */
  readonly #simplify: boolean;

  constructor(parsed: ParsedProgram, simplified = true) {
    this.parsed = parsed;
    this.#simplify = simplified;
  }
  get output(): string {
    return this.parsed.output;
  }
  get inputs(): readonly string[] {
    return this.parsed.inputs;
  }
  /** The function written as one formula in the inputs. */
  get inlined(): Expr {
    return inlinedOutput(this.parsed);
  }

  /** The backward pass for these variables (default: every input, as they appear); String() of it is backwardText's. */
  backward(wrt?: readonly string[]): BackwardPass {
    const names = checkWrt(this.parsed, v.optional(v.nameList)(wrt, 'the variables'));
    const key = names.join('\u0000');
    let pass = this.#passes.get(key);
    if (pass === undefined) {
      const made = backward(this.parsed, names, this.#simplify);
      pass = withToString(made, () => backwardText(made, this.parsed).join('\n'));
      this.#passes.set(key, pass);
    }
    return pass;
  }
  /** Each gradient entry in terms of the inputs (see the file comment). */
  expanded(wrt?: readonly string[]): ExpandedEntry[] {
    const pass = this.backward(wrt);
    const inlined = this.inlined;
    let adjoints: Map<string, Expr> | undefined;
    const entry = (wrt: string, expr: Expr): ExpandedEntry => withToString({ wrt, expr }, () => `${adjointHeading(this.output, wrt, 'text')} = ${exprIn(expr, this.parsed, 'text')}`);
    return pass.wrt.map((w) => {
      if (this.parsed.inputs.includes(w)) return entry(w, derivative(inlined, w, { simplify: this.#simplify }).expr);
      adjoints ??= expand(this.parsed, pass, this.#simplify);
      return entry(w, adjoints.get(w)!);
    });
  }
  /** Forward and backward values at a point (exact where the point is). */
  at(point: PointInput, wrt?: readonly string[]): ProgramValues {
    v.point(point, 'at: the point');
    return programValues(this.parsed, this.backward(wrt), toPoint(point));
  }
  /** Gradient descent on the `wrt` inputs from `point` (entry 0 is the start). */
  sgd(point: PointInput, lr: PointInputValue, steps = 1, wrt?: readonly string[]): ProgramSgdStep[] {
    v.point(point, 'sgd: the point');
    v.either(v.number, v.text)(lr, 'sgd: the learning rate');
    v.count(0, 10_000)(steps, 'sgd: the number of steps');
    return programSgd(this.parsed, this.backward(wrt), toPoint(point), lr, steps);
  }
  /** A kink note for the values (relu at 0 …), or undefined. */
  kinkNote(values: ProgramValues): string | undefined {
    v.record('the values of this program (its .at())', 'kinks')(values, 'kinkNote: the values');
    return kinkNote(values.kinks.flatMap((k) => k.kinks), this.parsed.order);
  }

  /** The program as read, one assignment per line. */
  toString(): string {
    return assignmentEquations(this.parsed, 'text').join('\n');
  }
  /** The backward pass in text, one line per adjoint, = aligned. */
  backwardText(wrt?: readonly string[]): string {
    return backwardText(this.backward(wrt), this.parsed).join('\n');
  }
  /** The backward pass explained, in text. */
  stepsText(wrt?: readonly string[]): string {
    return stepsText(this.backward(wrt), this.parsed).join('\n');
  }
  /** The program and the backward pass (with notes when `steps`) as one LaTeX `aligned` block. */
  toTex(options: { wrt?: readonly string[]; steps?: boolean } = {}): string {
    v.options({ wrt: v.nameList, steps: v.boolean })(options, 'toTex: the options');
    const pass = this.backward(options.wrt);
    if (options.steps === true) return stepsLatex(pass, this.parsed);
    const rows = [...assignmentEquations(this.parsed, 'latex'), ...pass.lines.map((l) => `${adjointHeading(this.output, l.name, 'latex')} = ${lineBody(l, this.parsed, 'latex')}`)];
    return `\\begin{aligned}\n${rows.map((r) => r.replace(' = ', ' &= ')).join(' \\\\\n')}\n\\end{aligned}`;
  }

  /** The JSON form: program, wrt, backward, gradient (expanded) and, at a point, values and forward. */
  toJSON(options: { wrt?: readonly string[]; at?: PointInput } = {}): ProgramJson {
    v.options({ wrt: v.nameList, at: v.point })(options, 'toJSON: the options');
    const p = this.parsed;
    const pass = this.backward(options.wrt);
    const values = options.at === undefined ? undefined : this.at(options.at, options.wrt);
    const back = new Map(values?.backward.map((b) => [b.name, b.value]));
    const note = values === undefined ? undefined : this.kinkNote(values);
    return {
      program: p.assignments.map((a) => ({ name: a.name, text: exprIn(a.expr, p, 'text'), latex: exprIn(a.expr, p, 'latex') })),
      output: p.output,
      inputs: [...p.inputs],
      wrt: [...pass.wrt],
      backward: pass.lines.map((l) => ({ name: l.name, text: lineBody(l, p, 'text'), latex: lineBody(l, p, 'latex'), ...(values === undefined ? {} : back.get(l.name)!.toJSON()) })),
      gradient: this.expanded(options.wrt).map((g) => ({ wrt: g.wrt, text: exprIn(g.expr, p, 'text'), latex: toLatex(g.expr, { order: p.order }), ...(values === undefined ? {} : back.get(g.wrt)!.toJSON()) })),
      ...(values === undefined ? {} : { forward: values.forward.map((f) => ({ name: f.name, ...f.value.toJSON() })) }),
      ...(note === undefined ? {} : { note }),
    };
  }
}

export interface ProgramJson {
  program: { name: string; text: string; latex: string }[];
  output: string;
  inputs: string[];
  wrt: string[];
  backward: { name: string; text: string; latex: string; value?: number | null; exact?: string }[];
  gradient: { wrt: string; text: string; latex: string; value?: number | null; exact?: string }[];
  forward?: { name: string; value: number | null; exact?: string }[];
  note?: string;
}

/** Parse a program (`z = w*x + b; L = (z - y)^2/2`); see src/program/parse.ts for the rules. */
export function program(text: string, options: ProgramOptions = {}): Program {
  return new Program(parseProgram(text, options), options.simplify !== false);
}

