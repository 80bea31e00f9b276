/**
 * The answer for a program in matrix form (--shape): the backward pass one line per adjoint
 * (`∂L/∂W1 = ∂L/∂Z*x'`); with --at the forward and backward values as matrices; with --steps the matrix rule
 * behind each line; with --expand each entry in the inputs; with --sgd the descent from the --at point.
 * And its document: aligned lines in text, one aligned block in LaTeX, a note's sections and tables.
 */
import { parseShapes } from '../matrix/shape.js';
import { parseMatrixValues } from '../matrix/values.js';
import { valueText, valueJson, valueTex } from '../matrix/format-value.js';
import type { MatrixValue } from '../matrix/evaluate.js';
import type { MatrixDerivative } from '../matrix/api.js';
import { latexName } from '../print/latex.js';
import { sgdLine, sgdMatrixValue } from '../print/sgd-line.js';
import { writtenWithDecimalsIn } from './reading.js';
import { type MatrixProgram, matrixProgram, matrixProgramValues, matrixLineText, matrixAssignmentText, matrixLineTex, matrixAssignmentTex, adjointLatex, matrixLineSteps, matrixStepsText, matrixBackwardText, matrixValuesText } from '../program/matrix.js';
import { adjointName } from '../program/backward.js';
import { aligned } from '../program/print.js';
import { matrixExpanded, matrixProgramSgd, type MatrixSgdStep } from '../program/matrix-numbers.js';
import { math, type Document, type Section } from '../document/model.js';
import type { Request } from '../request/request.js';
import { checkProgramName, type Reading } from './reading.js';
import { warningJSON } from './warnings.js';
import { WrittenSize } from './size.js';

export interface MatrixProgramAnswer {
  readonly program: MatrixProgram;
  readonly start: ReadonlyMap<string, MatrixValue> | undefined;
  readonly values: ReturnType<typeof matrixProgramValues> | undefined;
  readonly expanded: readonly MatrixDerivative[];
  readonly sgd: readonly MatrixSgdStep[] | undefined;
}

export function answerMatrixProgram(r: Request, reading: Reading): MatrixProgramAnswer {
  const options = { name: reading.name, simplify: r.simplify, ...(r.of === undefined ? {} : { of: r.of }) };
  const m = matrixProgram(reading.line, r.shape!, r.wrt, options);
  checkProgramName(r, m.parsed.output);
  const start = r.at === undefined ? undefined : parseMatrixValues(r.at);
  new WrittenSize(r).text(m.lines.map((l) => matrixLineText(m, l)), 'the backward pass');
  return {
    program: m,
    start,
    values: start === undefined ? undefined : matrixProgramValues(m, start),
    expanded: r.expand ? matrixExpanded(m, parseShapes(r.shape!), options) : [],
    sgd: r.sgd === undefined || start === undefined ? undefined : matrixProgramSgd(m, start, r.sgd, r.stepsN ?? 1),
  };
}

const alignedTex = (rows: readonly string[]): string => `\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}`;

export function matrixProgramDocument(a: MatrixProgramAnswer, r: Request, reading: Reading): Document {
  const m = a.program;
  const output = m.parsed.output;
  const { start, values, expanded, sgd } = a;
  const back = new Map(values?.backward);
  const fwd = new Map(values?.forward);
  const lines = new Map(m.lines.map((l) => [l.name, l]));
  const decimals = writtenWithDecimalsIn(r, reading);
  const at = (v: MatrixValue | undefined): string => (v === undefined ? '' : ` = ${valueTex(v, decimals)}`);
  const expandedLines = expanded.length === 0 ? [] : ['in terms of the inputs:', ...aligned(expanded.map((g) => [adjointName(output, g.wrt), `${g.toString()}${start === undefined ? '' : ` = ${valueText(g.evaluate(start), decimals)}`}`])).map((l) => `  ${l}`)];
  const sgdLines = sgd?.map((st) => sgdLine(st, output, (v) => sgdMatrixValue(v, decimals))) ?? [];
  const text =
    r.steps !== undefined
      ? [...matrixStepsText(m), ...expandedLines]
      : values === undefined
        ? [...matrixBackwardText(m), ...expandedLines]
        : [...matrixValuesText(m, values, decimals), ...expandedLines, ...sgdLines];
  const latexBlocks = [
    [
      ...[...m.nodes.keys()].map((name) => `${latexName(name)} &= ${matrixAssignmentTex(m, name)}${at(fwd.get(name))}`),
      ...m.lines.map((l) => `${adjointLatex(output, l.name)} &= ${matrixLineTex(m, l)}${at(back.get(l.name))}`),
    ],
    expanded.map((g) => `${adjointLatex(output, g.wrt)} &= ${g.toTex()}${start === undefined ? '' : ` = ${valueTex(g.evaluate(start))}`}`),
  ].filter((b) => b.length > 0);
  const sections: Section[] = [
    { only: 'text', blocks: [{ kind: 'math', items: [math(text.join('\n'), '')] }] },
    { only: 'latex', blocks: [{ kind: 'math', paragraphs: true, items: latexBlocks.map((b) => math('', alignedTex(b))) }] },
    {
      title: 'Program',
      only: 'notes',
      blocks: [{ kind: 'math', items: [math('', alignedTex([...m.nodes.keys()].map((n) => `${latexName(n)} &= ${matrixAssignmentTex(m, n)}`)))] }, { kind: 'copy', texts: [...m.nodes.keys()].map((n) => `${n} = ${matrixAssignmentText(m, n)}`) }],
    },
    {
      title: 'Backward pass',
      only: 'notes',
      blocks: [{ kind: 'math', items: [math('', alignedTex(m.lines.map((l) => `${adjointLatex(output, l.name)} &= ${matrixLineTex(m, l)}`)))] }, { kind: 'copy', texts: m.lines.map((l) => `${adjointName(output, l.name)} = ${matrixLineText(m, l)}`) }],
    },
  ];
  if (expanded.length > 0)
    sections.push({ title: 'Gradient in terms of the inputs', only: 'notes', blocks: [{ kind: 'math', items: [math('', alignedTex(latexBlocks[latexBlocks.length - 1]!))] }] });
  if (values !== undefined) {
    sections.push({ title: 'Forward pass', only: 'notes', blocks: [{ kind: 'table', header: ['name', 'assignment', 'value'], rows: values.forward.map(([n, v]) => [latexName(n), matrixAssignmentTex(m, n), valueTex(v)]) }] });
    sections.push({ title: 'Backward pass at the point', only: 'notes', blocks: [{ kind: 'table', header: ['adjoint', 'local × upstream', 'value'], rows: values.backward.map(([n, v]) => [adjointLatex(output, n), matrixLineTex(m, lines.get(n)!), valueTex(v)]) }] });
  }
  return {
    title: `Backpropagation through ${output} = ${matrixAssignmentText(m, output)}`,
    sections,
    json: () => ({
      input: reading.line,
      program: [...m.nodes].map(([name, node]) => ({ name, text: matrixAssignmentText(m, name), shape: [node.shape.rows, node.shape.cols] })),
      output,
      inputs: m.parsed.inputs,
      wrt: m.wrt,
      backward: m.lines.map((l) => ({ name: l.name, text: matrixLineText(m, l), shape: [l.shape.rows, l.shape.cols], ...(back.has(l.name) ? { value: valueJson(back.get(l.name)!) } : {}) })),
      ...(values === undefined ? {} : { forward: values.forward.map(([name, v]) => ({ name, value: valueJson(v) })) }),
      ...(r.steps === undefined ? {} : { steps: m.lines.map((l) => ({ name: l.name, from: matrixLineSteps(m, l) })) }),
      ...(expanded.length === 0 ? {} : { gradient: expanded.map((g) => ({ wrt: g.wrt, text: g.toString(), latex: g.toTex(), shape: [g.shape.rows, g.shape.cols], ...(start === undefined ? {} : { value: valueJson(g.evaluate(start)) }) })) }),
      ...(sgd === undefined ? {} : { sgd: sgd.map((st) => ({ step: st.step, params: Object.fromEntries([...st.params].map(([k, v]) => [k, valueJson(v)])), loss: valueJson(st.loss) })) }),
      ...(m.warnings.length === 0 ? {} : { warnings: m.warnings.map(warningJSON) }),
    }),
    exitCode: 0,
    notes: [],
    warnings: m.warnings,
  };
}
