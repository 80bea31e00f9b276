/**
 * The answer for a program (`z = w1*x + b1; h = relu(z); …; L = …`): its backward pass in its own names,
 * each line local derivative × upstream adjoint; with --expand each entry in the inputs; with --at the
 * forward and backward values; with --sgd the descent; with --steps why each line is what it is. And its
 * document: the backward pass (aligned), the tables, the note's sections (program, backward pass, gradient).
 */
import { program, type Program } from '../program/api.js';
import type { ProgramValues, ProgramSgdStep } from '../program/values.js';
import type { BackwardPass } from '../program/backward.js';
import { backwardText, exprIn, aligned, showValue, stepsText, valuesText, valuesLatex, adjointHeading, assignmentEquations, latexNotes, lineBody } from '../program/print.js';
import { stepsJson } from '../program/explain.js';
import { textVoice } from '../print/steps-text.js';
import { latexVoice } from '../print/steps-latex.js';
import { latexName } from '../print/latex.js';
import { parsePoint } from '../numeric/point.js';
import { sgdLine, sgdValue, sgdTableTex } from '../print/sgd-line.js';
import { math, lazySection, type Document, type Math, type Section } from '../document/model.js';
import type { Request } from '../request/request.js';
import { checkProgramName, type Reading } from './reading.js';
import { warningJSON } from './warnings.js';
import { WrittenSize } from './size.js';
import { pointBlock, pointShown } from './input-section.js';
import type { ExpandedEntry } from '../program/api.js';

export interface ProgramAnswer {
  readonly program: Program;
  readonly pass: BackwardPass;
  readonly expanded: readonly ExpandedEntry[] | undefined;
  readonly values: ProgramValues | undefined;
  readonly sgd: readonly ProgramSgdStep[] | undefined;
  readonly kinkNote: string | undefined;
}

export function answerProgram(r: Request, reading: Reading): ProgramAnswer {
  const prog = program(reading.line, { name: reading.name, simplify: r.simplify, ...(r.of === undefined ? {} : { of: r.of }), ...(r.maxLength === undefined ? {} : { maxLength: r.maxLength }) });
  checkProgramName(r, prog.output);
  const wrt = r.wrt;
  const pass = prog.backward(wrt);
  const point = r.at === undefined ? undefined : parsePoint(r.at);
  const values = point === undefined ? undefined : prog.at(point, wrt);
  const expanded = r.expand ? prog.expanded(wrt) : undefined;
  const sgd = r.sgd === undefined || point === undefined ? undefined : prog.sgd(point, r.sgd, r.stepsN ?? 1, wrt);
  const size = new WrittenSize(r);
  size.exprs(pass.lines.map((l) => l.expr), 'the backward pass');
  if (expanded !== undefined) size.exprs(expanded.map((g) => g.expr), 'the backward pass and its entries in the inputs');
  return { program: prog, pass, expanded, values, sgd, kinkNote: values === undefined ? undefined : prog.kinkNote(values) };
}

const alignedTex = (rows: readonly string[]): string => `\\begin{aligned}\n${rows.map((r) => r.replace(' = ', ' &= ')).join(' \\\\\n')}\n\\end{aligned}`;

export function programDocument(a: ProgramAnswer, r: Request, reading: Reading): Document {
  const prog = a.program;
  const p = prog.parsed;
  const wrt = r.wrt;
  const steps = r.steps !== undefined;
  const { values, expanded, sgd } = a;
  const title = `Backpropagation through ${prog.output} = ${exprIn(p.assignments[p.assignments.length - 1]!.expr, p, 'text')}`;
  const backwardRows = a.pass.lines.map((l) => `${adjointHeading(p.output, l.name, 'latex')} = ${lineBody(l, p, 'latex')}`);
  const sections: Section[] = [
    { title: 'Program', only: 'notes', blocks: [{ kind: 'math', items: [math('', alignedTex(assignmentEquations(p, 'latex')))] }, { kind: 'copy', texts: assignmentEquations(p, 'text') }, ...(r.at === undefined ? [] : [pointBlock(pointShown(parsePoint(r.at)))])] },
    steps ? { title: 'Backward pass', only: 'notes', blocks: [{ kind: 'steps', steps: latexNotes(a.pass, p) }] } : { title: 'Backward pass', only: 'notes', blocks: [{ kind: 'math', items: [math('', alignedTex(backwardRows))] }] },
    // Text: the backward pass (or its steps), unless the values show each line; LaTeX: the program and the pass.
    { only: 'text', blocks: steps ? [{ kind: 'math', items: [math(stepsText(a.pass, p).join('\n'), '')] }] : values === undefined ? [{ kind: 'math', items: [math(backwardText(a.pass, p).join('\n'), '')] }] : [] },
    { only: 'latex', blocks: [{ kind: 'math', items: [math('', prog.toTex({ ...(wrt === undefined ? {} : { wrt }), steps }))] }] },
  ];
  if (values !== undefined) {
    const t = valuesLatex(p, a.pass, values.forward, values.backward);
    sections.push({ only: 'text', blocks: [{ kind: 'math', items: [math(valuesText(p, a.pass, values.forward, values.backward).join('\n'), '')] }] });
  }
  const latexRows = (entries: readonly ExpandedEntry[]): string[] => entries.map((g) => `${adjointHeading(p.output, g.wrt, 'latex')} = ${exprIn(g.expr, p, 'latex')}`);
  if (expanded !== undefined && r.expand) {
    const back = new Map(values?.backward.map((b) => [b.name, b.value]));
    const textRows = aligned(expanded.map((g) => [adjointHeading(prog.output, g.wrt, 'text'), `${exprIn(g.expr, p, 'text')}${values === undefined ? '' : ` = ${showValue(back.get(g.wrt)!)}`}`])).map((l) => `  ${l}`);
    sections.push({ only: 'text', blocks: [{ kind: 'math', items: [math(['in terms of the inputs:', ...textRows].join('\n'), '')] }] });
    sections.push({ only: 'latex', blocks: [{ kind: 'math', items: [math('', alignedTex(latexRows(expanded)))] }] });
  }
  // A note shows the gradient in the inputs unless the values take its place; made only when a note is printed.
  if (r.expand || values === undefined)
    sections.push(
      lazySection({ title: 'Gradient in terms of the inputs', only: 'notes' }, () => {
        const entries = expanded ?? prog.expanded(wrt);
        return [{ kind: 'math', items: [math('', alignedTex(latexRows(entries)))] }, { kind: 'copy', texts: entries.map((g) => `∂${p.output}/∂${g.wrt} = ${exprIn(g.expr, p, 'text')}`) }];
      }),
    );
  if (values !== undefined) {
    const t = valuesLatex(p, a.pass, values.forward, values.backward);
    const rhs = new Map(p.assignments.map((x) => [x.name, x.expr]));
    const lines = new Map(a.pass.lines.map((l) => [l.name, l]));
    sections.push({ only: 'latex', blocks: [{ kind: 'math', paragraphs: true, items: [math('', t.forward), math('', t.backward)] }] });
    sections.push({ title: 'Forward pass', only: 'notes', blocks: [{ kind: 'table', header: ['name', 'assignment', 'value'], rows: values.forward.map((f) => [latexName(f.name), exprIn(rhs.get(f.name)!, p, 'latex'), f.value.toTex()]) }] });
    sections.push({ title: 'Backward pass at the point', only: 'notes', blocks: [{ kind: 'table', header: ['adjoint', 'local × upstream', 'value'], rows: values.backward.map((b) => [adjointHeading(p.output, b.name, 'latex'), lineBody(lines.get(b.name)!, p, 'latex'), b.value.toTex()]) }] });
  }
  if (sgd !== undefined) {
    const params = [...(sgd[0]?.params.keys() ?? [])];
    sections.push({ only: 'text', blocks: [{ kind: 'math', items: sgd.map((s): Math => math(sgdLine(s, prog.output, sgdValue), '')) }] });
    sections.push({ only: 'latex', blocks: [{ kind: 'math', items: [math('', sgdTableTex(params, prog.output, sgd, (v) => v.toTex()))] }] });
    sections.push({ title: 'Gradient descent', only: 'notes', blocks: [{ kind: 'table', header: ['step', ...params, prog.output], rows: sgd.map((s) => [String(s.step), ...[...s.params.values()].map((v) => v.toTex()), s.loss.toTex()]) }] });
  }
  const point = r.at === undefined ? undefined : parsePoint(r.at);
  return {
    title,
    sections,
    json: () => ({
      input: reading.line,
      // Made only when asked for: its gradient is written in the inputs.
      ...prog.toJSON({ ...(wrt === undefined ? {} : { wrt }), ...(point === undefined ? {} : { at: point }) }),
      ...(steps ? { steps: stepsJson(p, a.pass.lines, textVoice(p.order), latexVoice(p.order)) } : {}),
      ...(sgd === undefined ? {} : { sgd: sgd.map((s) => ({ step: s.step, params: Object.fromEntries([...s.params].map(([k, v]) => [k, v.toJSON()])), loss: s.loss.toJSON() })) }),
      ...(a.pass.warnings.length === 0 ? {} : { warnings: a.pass.warnings.map(warningJSON) }),
    }),
    exitCode: 0,
    notes: a.kinkNote === undefined ? [] : [`note: ${a.kinkNote}`],
    warnings: a.pass.warnings,
  };
}
