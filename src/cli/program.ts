/**
 * CLI output for programs (`z = w1*x + b1; h = relu(z); …`, from the argument, stdin
 * or --file): the backward pass in the program's names, --expand (each gradient entry
 * in the inputs), --at (forward and backward tables), --sgd, --steps, and every
 * --format. Only printing lives here; everything is computed by src/program/.
 */
import { splitNaming } from './naming.js';
import { readFileSync } from 'node:fs';
import { DerivError } from '../errors.js';
import { program, type Program } from '../program/api.js';
import { isProgramText } from '../program/parse.js';
import { backwardText, exprIn, aligned, showValue, stepsText, valuesText, valuesLatex, adjointHeading } from '../program/print.js';
import { programMarkdown, programHtml } from '../program/notes.js';
import { stepsJson } from '../program/explain.js';
import { textVoice } from '../print/steps-text.js';
import { latexVoice } from '../print/steps-latex.js';
import { parsePoint } from '../numeric/point.js';
import type { PointValue } from '../numeric/exact-eval.js';
import { renderMatrixProgram } from './matrix-program.js';
import { wholeNumber } from './numeric.js';

export interface ProgramCliOptions {
  readonly format: string;
  readonly name: string;
  readonly wrt?: string;
  readonly of?: string;
  readonly expand?: boolean;
  readonly at?: string;
  readonly sgd?: string;
  readonly stepsN?: string;
  readonly steps?: unknown;
  readonly shape?: string;
  readonly check?: string;
  readonly hessian?: boolean;
  readonly jacobian?: boolean;
  readonly mixed?: boolean;
  readonly cse?: boolean;
  readonly order: string;
  readonly file?: string;
}

export interface ProgramOutput {
  readonly stdout: string;
  readonly notes: readonly string[];
  readonly exitCode: number;
}

/** True when the input is a program (or --file / --of / --expand ask for one). */
/** A program: from a file, or text with assignments, except a single leading `L = …` that only names the function (src/cli/naming.ts). */
export const wantsProgram = (source: string, o: ProgramCliOptions): boolean =>
  o.file !== undefined || (isProgramText(source) && splitNaming(source).name === undefined);

/** The program text of --file (an unreadable file is a usage error; an expression argument as well is one too). */
export function readProgramFile(file: string, argument: string | undefined): string {
  if (argument !== undefined && argument !== '-') throw new DerivError('BAD_OPTION', '--file reads the program from a file: give no expression as well', { hint: `deriv --file ${file} --wrt …` });
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, ''); // a byte-order mark is no part of the program
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'error';
    throw new DerivError('BAD_OPTION', `cannot read ${file} (${reason})`);
  }
}

/** `9/2 (4.5)`: an exact non-integer with its decimal. */
function withDecimal(v: PointValue): string {
  const r = v.exact;
  if (r === undefined || r.d === 1n) return showValue(v);
  return `${v.toString()} (${Number(v.number.toPrecision(6))})`;
}

function refuse(o: ProgramCliOptions): void {
  const other = [o.check !== undefined && '--check', o.hessian === true && '--hessian', o.jacobian === true && '--jacobian', o.mixed === true && '--mixed', o.cse === true && '--cse', o.order !== '1' && '--order'].find(Boolean);
  if (other) throw new DerivError('BAD_OPTION', `${other} works on one expression, not on a program`, { hint: 'a program gives the backward pass, --expand, --at, --sgd and --steps' });
  if (o.stepsN !== undefined && o.sgd === undefined) throw new DerivError('BAD_OPTION', '--steps-n goes with --sgd', { hint: 'e.g. --sgd 0.01 --steps-n 3' });
  if (o.sgd !== undefined && o.at === undefined) throw new DerivError('BAD_OPTION', '--sgd needs a starting point: --at w=…,b=…,x=…', { hint: 'the --wrt inputs are updated, the others are data' });
}

const wrtOf = (o: ProgramCliOptions): string[] | undefined => (o.wrt === undefined ? undefined : o.wrt.split(',').map((s) => s.trim()));

export function renderProgram(source: string, o: ProgramCliOptions): ProgramOutput {
  refuse(o);
  if (o.shape !== undefined) return renderMatrixProgram(source, o);
  const prog = program(source, { name: o.name, ...(o.of === undefined ? {} : { of: o.of }) });
  const wrt = wrtOf(o);
  const pass = prog.backward(wrt);
  const point = o.at === undefined ? undefined : parsePoint(o.at);
  const values = point === undefined ? undefined : prog.at(point, wrt);
  const kink = values === undefined ? undefined : prog.kinkNote(values);
  const notes = kink === undefined ? [] : [`note: ${kink}`];
  const steps = o.steps !== undefined;
  const sgdSteps = o.sgd === undefined || point === undefined ? undefined : prog.sgd(point, o.sgd, o.stepsN === undefined ? 1 : wholeNumber(o.stepsN, '--steps-n'), wrt);
  switch (o.format) {
    case 'json': {
      const json = prog.toJSON({ ...(wrt === undefined ? {} : { wrt }), ...(point === undefined ? {} : { at: point }) });
      const sgd = sgdSteps?.map((s) => ({ step: s.step, params: Object.fromEntries([...s.params].map(([k, v]) => [k, v.toJSON()])), loss: s.loss.toJSON() }));
      return { stdout: JSON.stringify({ input: source, ...json, ...(steps ? { steps: stepsJson(prog.parsed, pass.lines, textVoice(prog.parsed.order), latexVoice(prog.parsed.order)) } : {}), ...(sgd === undefined ? {} : { sgd }) }), notes: [], exitCode: 0 };
    }
    case 'latex':
      return { stdout: latexOutput(prog, wrt, steps, o.expand === true, values), notes, exitCode: 0 };
    case 'markdown':
    case 'html': {
      const note = { ...(wrt === undefined ? {} : { wrt }), steps, expand: o.expand === true, ...(values === undefined ? {} : { values }) };
      return { stdout: (o.format === 'html' ? programHtml(prog, note) : programMarkdown(prog, note)).replace(/\n$/, ''), notes, exitCode: 0 };
    }
    default: {
      const out: string[] = steps ? stepsText(pass, prog.parsed) : values === undefined ? backwardText(pass, prog.parsed) : [];
      if (values !== undefined) out.push(...valuesText(prog.parsed, pass, values.forward, values.backward));
      if (o.expand === true) {
        const back = new Map(values?.backward.map((b) => [b.name, b.value]));
        out.push('in terms of the inputs:');
        out.push(...aligned(prog.expanded(wrt).map((g) => [adjointHeading(prog.output, g.wrt, 'text'), `${exprIn(g.expr, prog.parsed, 'text')}${values === undefined ? '' : ` = ${showValue(back.get(g.wrt)!)}`}`])).map((l) => `  ${l}`));
      }
      if (sgdSteps !== undefined)
        out.push(...sgdSteps.map((s) => `step ${s.step}: ${[...s.params].map(([k, v]) => `${k} = ${withDecimal(v)}`).join(', ')}, ${prog.output} = ${withDecimal(s.loss)}`));
      return { stdout: out.join('\n'), notes, exitCode: 0 };
    }
  }
}


function latexOutput(prog: Program, wrt: readonly string[] | undefined, steps: boolean, expand: boolean, values: ReturnType<Program['at']> | undefined): string {
  const blocks = [prog.toTex({ ...(wrt === undefined ? {} : { wrt }), steps })];
  if (expand) {
    const p = prog.parsed;
    blocks.push(`\\begin{aligned}\n${prog.expanded(wrt).map((g) => `${adjointHeading(p.output, g.wrt, 'latex')} &= ${exprIn(g.expr, p, 'latex')}`).join(' \\\\\n')}\n\\end{aligned}`);
  }
  if (values !== undefined) {
    const t = valuesLatex(prog.parsed, prog.backward(wrt), values.forward, values.backward);
    blocks.push(t.forward, t.backward);
  }
  return blocks.join('\n\n');
}
