/**
 * CLI output for programs in matrix form (--shape): the backward pass one line per
 * adjoint (`∂L/∂W1 = ∂L/∂Z*x'`), and with --at the forward and backward values as
 * matrices. Text, LaTeX (one aligned block), JSON, Markdown and HTML (the program, the backward pass,
 * the tables); --steps (text, JSON) names the matrix rule behind each line; --expand adds each
 * entry in the inputs (text, LaTeX, JSON); --sgd runs from the --at point (text, JSON).
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
import { matrixExpanded, matrixProgramSgd } from '../program/matrix-numbers.js';
import { sectionsHtml, sectionsMarkdown, type Section } from '../program/notes.js';
import type { ProgramCliOptions, ProgramOutput } from './program.js';
import { wholeNumber } from './numeric.js';

export function renderMatrixProgram(source: string, o: ProgramCliOptions): ProgramOutput {
  if (o.sgd !== undefined && (o.at === undefined || (o.format !== 'text' && o.format !== 'json')))
    throw new DerivError('BAD_OPTION', 'programs with --shape run --sgd from an --at point, printing text or json');
  if (o.steps !== undefined && ((o.format !== 'text' && o.format !== 'json') || o.at !== undefined))
    throw new DerivError('BAD_OPTION', 'programs with --shape show --steps as text or json, without --at');
  const m = matrixProgram(source, o.shape!, o.wrt === undefined ? undefined : o.wrt.split(',').map((s) => s.trim()), { name: o.name, ...(o.of === undefined ? {} : { of: o.of }) });
  const output = m.parsed.output;
  const start = o.at === undefined ? undefined : parseMatrixValues(o.at);
  const values = start === undefined ? undefined : matrixProgramValues(m, start);
  const expanded = o.expand === true ? matrixExpanded(m, parseShapes(o.shape!), { name: o.name, ...(o.of === undefined ? {} : { of: o.of }) }) : [];
  const sgd = o.sgd === undefined || start === undefined ? undefined : matrixProgramSgd(m, start, o.sgd, o.stepsN === undefined ? 1 : wholeNumber(o.stepsN, '--steps-n'));
  const sgdLines = sgd?.map((st) => `step ${st.step}: ${[...st.params].map(([k, v]) => `${k} = ${valueText(v)}`).join(', ')}, ${output} = ${valueText(st.loss)}`) ?? [];
  const expandedLines = expanded.length === 0 ? [] : ['in terms of the inputs:', ...aligned(expanded.map((g) => [adjointName(output, g.wrt), `${g.toString()}${start === undefined ? '' : ` = ${valueText(g.evaluate(start))}`}`])).map((l) => `  ${l}`)];
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
        ...(expanded.length === 0 ? {} : { gradient: expanded.map((g) => ({ wrt: g.wrt, text: g.toString(), latex: g.toTex(), shape: [g.shape.rows, g.shape.cols], ...(start === undefined ? {} : { value: valueJson(g.evaluate(start)) }) })) }),
        ...(sgd === undefined ? {} : { sgd: sgd.map((st) => ({ step: st.step, params: Object.fromEntries([...st.params].map(([k, v]) => [k, valueJson(v)])), loss: valueJson(st.loss) })) }),
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
    const blocks = [rows, expanded.map((g) => `${adjointLatex(output, g.wrt)} &= ${g.toTex()}${start === undefined ? '' : ` = ${valueTex(g.evaluate(start))}`}`)].filter((b) => b.length > 0);
    return { stdout: blocks.map((b) => `\\begin{aligned}\n${b.join(' \\\\\n')}\n\\end{aligned}`).join('\n\n'), notes: [], exitCode: 0 };
  }
  if (o.steps !== undefined) return { stdout: [...matrixStepsText(m), ...expandedLines].join('\n'), notes: [], exitCode: 0 };
  if (values === undefined)
    return { stdout: [...aligned(m.lines.map((l) => [adjointName(output, l.name), matrixLineText(m, l)])), ...expandedLines].join('\n'), notes: [], exitCode: 0 };
  const lines = new Map(m.lines.map((l) => [l.name, l]));
  return {
    stdout: [
      'forward pass:',
      ...aligned(values.forward.map(([name, v]) => [name, `${matrixAssignmentText(m, name)} = ${valueText(v)}`])).map((l) => `  ${l}`),
      'backward pass:',
      ...aligned(values.backward.map(([name, v]) => [adjointName(output, name), `${matrixLineText(m, lines.get(name)!)} = ${valueText(v)}`])).map((l) => `  ${l}`),
      ...expandedLines,
      ...sgdLines,
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

