/**
 * CLI output for programs in matrix form (--shape): the backward pass one line per
 * adjoint (`∂L/∂W1 = ∂L/∂Z*x'`), and with --at the forward and backward values as
 * matrices. Text, LaTeX (one aligned block) and JSON; --steps (text, JSON) names the matrix rule
 * behind each line; Markdown, HTML, --sgd and --expand are refused.
 */
import { DerivError } from '../errors.js';
import { parseShapes } from '../matrix/shape.js';
import { parseMatrixValues } from '../matrix/values.js';
import { valueText, valueJson, valueTex } from '../matrix/format-value.js';
import type { MatrixValue } from '../matrix/evaluate.js';
import { latexName } from '../print/latex.js';

import { matrixProgram, matrixProgramValues, matrixLineText, matrixAssignmentText, matrixLineTex, matrixAssignmentTex, adjointLatex, matrixLineSteps, matrixStepsText } from '../program/matrix.js';
import { adjointName } from '../program/backward.js';
import { aligned } from '../program/print.js';
import type { ProgramCliOptions, ProgramOutput } from './program.js';

export function renderMatrixProgram(source: string, o: ProgramCliOptions): ProgramOutput {
  if (o.format !== 'text' && o.format !== 'json' && o.format !== 'latex')
    throw new DerivError('BAD_OPTION', `programs with --shape print text, latex or json, not ${o.format}`);
  if (o.sgd !== undefined || o.expand === true) throw new DerivError('BAD_OPTION', 'programs with --shape do not take --sgd or --expand yet');
  if (o.steps !== undefined && (o.format === 'latex' || o.at !== undefined))
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


