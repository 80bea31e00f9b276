/**
 * The playground's view of a program (`z = w*x + b; L = (z - y)^2/2`), as `deriv "…" --wrt … --expand
 * [--steps] [--at …]` shows it: the program and its backward pass, each gradient entry in the inputs,
 * the forward and backward values at the point. The toggles are the program's inputs. A program's steps
 * are its backward pass, the same in brief and full.
 */
import { program } from '../program/api.js';
import { assignmentEquations, adjointHeading, lineBody, exprIn, latexNotes, stepsText, backwardText, aligned, showValue } from '../program/print.js';
import { programMarkdown } from '../program/notes.js';
import { kinkNote } from '../numeric/exact-eval.js';
import { latexName } from '../print/latex.js';
import type { PlaygroundState } from './state.js';
import { chosen, pointFrom, latexSuffix, textSuffix } from './expression.js';
import type { View, ValuesView } from './model.js';

const alignedBlock = (rows: readonly string[]): string => `\\begin{aligned}\n${rows.map((r) => r.replace(' = ', ' &= ')).join(' \\\\\n')}\n\\end{aligned}`;

export function programView(state: PlaygroundState): View {
  const prog = program(state.f);
  const p = prog.parsed;
  const variables = [...prog.inputs];
  const wrt = chosen(variables, state.wrt);
  const name = prog.output;
  const inputLatex = [alignedBlock(assignmentEquations(p, 'latex'))];
  if (wrt.length === 0)
    return { kind: 'program', variables, wrt, name, inputLatex, resultLatex: [], resultText: '', warnings: [], message: 'choose a variable to differentiate with respect to', copy: { latex: () => inputLatex[0]!, markdown: () => programMarkdown(prog), text: () => prog.toString() } };
  const pass = prog.backward(wrt);
  const expanded = prog.expanded(wrt);
  const heading = (w: string, syntax: 'text' | 'latex'): string => adjointHeading(name, w, syntax);
  const backwardRows = pass.lines.map((l) => `${heading(l.name, 'latex')} = ${lineBody(l, p, 'latex')}`);
  const expandedRows = expanded.map((g) => `${heading(g.wrt, 'latex')} = ${exprIn(g.expr, p, 'latex')}`);
  const expandedText = aligned(expanded.map((g) => [heading(g.wrt, 'text'), exprIn(g.expr, p, 'text')]));
  const resultText = [...backwardText(pass, p), 'in terms of the inputs:', ...expandedText.map((l) => `  ${l}`)].join('\n');
  const { point, error } = pointFrom(state, variables);
  const at = point === undefined ? undefined : prog.at(point, wrt);
  let values: ValuesView | undefined;
  if (at !== undefined) {
    const forward = at.forward.map((f) => ({ latex: `${latexName(f.name)}${latexSuffix(f.value)}`, text: `${f.name}${textSuffix(f.value)}` }));
    const back = new Map(at.backward.map((b) => [b.name, b.value]));
    const gradient = wrt.map((w) => ({ latex: `${heading(w, 'latex')}${latexSuffix(back.get(w)!)}`, text: `${heading(w, 'text')}${textSuffix(back.get(w)!)}` }));
    const kink = prog.kinkNote(at);
    const notFinite = [...at.forward, ...at.backward].filter((v) => !v.value.finite).map((v) => `${v.name} is ${showValue(v.value)} at this point`);
    values = { rows: [...forward, ...gradient], notes: [...(kink === undefined ? [] : [kink]), ...notFinite] };
  }
  const steps = state.steps !== 'off';
  return {
    kind: 'program',
    variables,
    wrt,
    name,
    inputLatex,
    resultLatex: [alignedBlock(backwardRows), alignedBlock(expandedRows)],
    resultText,
    warnings: [],
    ...(steps
      ? {
          steps: [
            {
              heading: '',
              definitions: [`\\text{backward pass: } ${heading(name, 'latex')} = 1`],
              steps: latexNotes(pass, p).map((s) => ({ rule: 'adjoint', equation: s.equation, note: s.notes.join(' \\quad ') })),
              results: [alignedBlock(expandedRows)],
            },
          ],
        }
      : {}),
    ...(values === undefined ? {} : { values }),
    ...(error === undefined ? {} : { valuesError: error }),
    plot: { f: prog.inlined, derivative: (v: string) => prog.expanded([v])[0]!.expr, name },
    copy: {
      latex: () => prog.toTex({ wrt, steps }) + `\n\n${alignedBlock(expandedRows)}`,
      markdown: () => programMarkdown(prog, { wrt, steps, expand: true, ...(at === undefined ? {} : { values: at }) }),
      text: () => (steps ? [...stepsText(pass, p), 'in terms of the inputs:', ...expandedText.map((l) => `  ${l}`)].join('\n') : resultText),
    },
  };
}
