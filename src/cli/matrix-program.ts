/**
 * CLI output for programs in matrix form (--shape): the backward pass one line per
 * adjoint (`∂L/∂W1 = ∂L/∂Z*x'`), and with --at the forward and backward values as
 * matrices. Text, LaTeX (one aligned block), JSON, Markdown and HTML (the program, the backward pass,
 * the tables); --steps (text, JSON) names the matrix rule behind each line; --sgd and --expand are refused.
 */
import { DerivError } from '../errors.js';
import { parseShapes } from '../matrix/shape.js';
import { parseMatrixValues } from '../matrix/values.js';
import { valueText, valueJson, valueTex } from '../matrix/format-value.js';
import type { MatrixValue } from '../matrix/evaluate.js';
import { latexName } from '../print/latex.js';

import { type MatrixProgram, matrixProgram, matrixProgramValues, matrixLineText, matrixAssignmentText, matrixLineTex, matrixAssignmentTex, adjointLatex, matrixLineSteps, matrixStepsText } from '../program/matrix.js';
import { adjointName } from '../program/backward.js';
import { aligned } from '../program/print.js';
import { sectionsHtml, sectionsMarkdown, type Section } from '../program/notes.js';
import type { ProgramCliOptions, ProgramOutput } from './program.js';

export function renderMatrixProgram(source: string, o: ProgramCliOptions): ProgramOutput {

  if (o.sgd !== undefined || o.expand === true) throw new DerivError('BAD_OPTION', 'programs with --shape do not take --sgd or --expand yet');
  if (o.steps !== undefined && ((o.format !== 'text' && o.format !== 'json') || o.at !== undefined))
    throw new DerivError('BAD_OPTION', 'programs with --shape show --steps as text or json, without --at');
  const m = matrixProgram(source, parseShapes(o.shape!), o.wrt === undefined ? undefined : o.wrt.split(',').map((s) => s.trim()), { name: o.name, ...(o.of === undefined ? {} : { of: o.of }) });
  const output = m.parsed.output;
  const values = o.at === undefined ? undefined : matrixProgramValues(m, parseMatrixValues(o.at));
  if (o.format === 'json') {
    const back = new Map(values?.backward);
    return {
      stdout: JSON.stringify({
        input: source,
        program: [...m.nodes].map(([name, node]) => ({ name, text: matrixAssignmentText(m, name), shape: [node.shape.rows, node.shape.cols] })),
        output,
        inputs: m.parsed.inputs,
        wrt: m.wrt,
        backward: m.lines.map((l) => ({ name: l.name, text: matrixLineText(m, l), shape: [l.shape.rows, l.shape.cols], ...(back.has(l.name) ? { value: valueJson(back.get(l.name)!) } : {}) })),
        ...(values === undefined ? {} : { forward: values.forward.map(([name, v]) => ({ name, value: valueJson(v) })) }),
        ...(o.steps === undefined ? {} : { steps: m.lines.map((l) => ({ name: l.name, from: matrixLineSteps(m, l) })) }),
      }),
      notes: [],
      exitCode: 0,
    };
  }
  if (o.format === 'markdown' || o.format === 'html') {
    const all = matrixSections(m, values);
    const title = `Backpropagation through ${output} = ${matrixAssignmentText(m, output)}`;
    return { stdout: (o.format === 'html' ? sectionsHtml(title, all) : sectionsMarkdown(all)).replace(/\n$/, ''), notes: [], exitCode: 0 };
  }
  if (o.format === 'latex') {
    const back = new Map(values?.backward);
    const fwd = new Map(values?.forward);
    const at = (v: MatrixValue | undefined): string => (v === undefined ? '' : ` = ${valueTex(v)}`);
    const rows = [
      ...[...m.nodes.keys()].map((name) => `${latexName(name)} &= ${matrixAssignmentTex(m, name)}${at(fwd.get(name))}`),
      ...m.lines.map((l) => `${adjointLatex(output, l.name)} &= ${matrixLineTex(m, l)}${at(back.get(l.name))}`),
    ];
    return { stdout: `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`, notes: [], exitCode: 0 };
  }
  if (o.steps !== undefined) return { stdout: matrixStepsText(m).join('\n'), notes: [], exitCode: 0 };
  if (values === undefined)
    return { stdout: aligned(m.lines.map((l) => [adjointName(output, l.name), matrixLineText(m, l)])).join('\n'), notes: [], exitCode: 0 };
  const lines = new Map(m.lines.map((l) => [l.name, l]));
  return {
    stdout: [
      'forward pass:',
      ...aligned(values.forward.map(([name, v]) => [name, `${matrixAssignmentText(m, name)} = ${valueText(v)}`])).map((l) => `  ${l}`),
      'backward pass:',
      ...aligned(values.backward.map(([name, v]) => [adjointName(output, name), `${matrixLineText(m, lines.get(name)!)} = ${valueText(v)}`])).map((l) => `  ${l}`),
    ].join('\n'),
    notes: [],
    exitCode: 0,
  };
}



/** The note's sections: the program, the backward pass, and with values the forward and backward tables. */
function matrixSections(m: MatrixProgram, values: ReturnType<typeof matrixProgramValues> | undefined): Section[] {
  const output = m.parsed.output;
  const aligned = (rows: string[]): string => `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;
  const lines = new Map(m.lines.map((l) => [l.name, l]));
  const out: Section[] = [
    {
      title: 'Program',
      math: [aligned([...m.nodes.keys()].map((n) => `${latexName(n)} &= ${matrixAssignmentTex(m, n)}`))],
      code: [...m.nodes.keys()].map((n) => `${n} = ${matrixAssignmentText(m, n)}`),
    },
    {
      title: 'Backward pass',
      math: [aligned(m.lines.map((l) => `${adjointLatex(output, l.name)} &= ${matrixLineTex(m, l)}`))],
      code: m.lines.map((l) => `${adjointName(output, l.name)} = ${matrixLineText(m, l)}`),
    },
  ];
  if (values !== undefined) {
    out.push({ title: 'Forward pass', math: [], table: { header: ['name', 'assignment', 'value'], rows: values.forward.map(([n, v]) => [latexName(n), matrixAssignmentTex(m, n), valueTex(v)]) } });
    out.push({ title: 'Backward pass at the point', math: [], table: { header: ['adjoint', 'local × upstream', 'value'], rows: values.backward.map(([n, v]) => [adjointLatex(output, n), matrixLineTex(m, lines.get(n)!), valueTex(v)]) } });
  }
  return out;
}
