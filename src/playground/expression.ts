/**
 * The playground's view of one expression (the CLI's plain mode): `deriv "f" --wrt … [--steps] [--at …]`.
 * A leading `L = …` names the function, as on the command line (src/cli/naming.ts).
 */
import { derivative, readExpression, variablesOf, type Derivative } from '../api.js';
import { splitNaming } from '../parse/naming.js';
import { toText } from '../print/text.js';
import { toLatex, latexName } from '../print/latex.js';
import { resultEquations } from '../print/equation.js';
import { textHeading, latexHeading } from '../print/heading.js';
import { latexStepParts, stepsToLatex } from '../print/steps-latex.js';
import { stepsToText, textPartial } from '../print/steps-text.js';
import { toMarkdownNote } from '../print/markdown.js';
import { pageDerivations } from '../steps/page.js';
import { parsePoint } from '../numeric/point.js';
import { valueAt, kinksAt, kinkNote, PointValue, type Point, type Within } from '../numeric/exact-eval.js';
import { valueSuffix, valueSuffixTex } from '../numeric/readable.js';
import { DerivError } from '../errors.js';
import type { Expr } from '../core/expr.js';
import { formatAt, type PlaygroundState } from './state.js';
import { errorView, type StepsSection, type ValuesView, type View, type ErrorView } from './model.js';

/**
 * The chosen variables: those of the state that occur, in display order. All of them when the state names
 * none, or when none of the names it has occurs any more (the input was edited): a new formula starts as
 * its gradient. An explicitly empty choice (every toggle off) stays empty.
 */
export function chosen(variables: readonly string[], wrt: readonly string[] | undefined): string[] {
  if (wrt === undefined) return [...variables];
  const picked = variables.filter((v) => wrt.includes(v));
  return picked.length === 0 && wrt.length > 0 ? [...variables] : picked;
}

/** A value at the point, or NaN where it is undefined there (0/0, a pole reached exactly); `within`: the function as written. */
export function safeValue(e: Expr, point: Point, order: readonly string[], within?: Within): PointValue {
  try {
    return valueAt(e, point, order, within);
  } catch (err) {
    if (err instanceof DerivError && err.code === 'UNDEFINED') return PointValue.undefinedBecause(err.message);
    throw err;
  }
}

const shown = (v: PointValue): string => (v.finite ? v.toString() : Number.isNaN(v.number) ? 'undefined' : String(v.number));
export const textSuffix = (v: PointValue): string => (v.finite ? valueSuffix(v, v.toString()) : ` = ${shown(v)}`);
export const latexSuffix = (v: PointValue): string => (v.finite ? valueSuffixTex(v, v.toTex()) : ` = ${v.toTex()}`);

/**
 * The point from the fields, when every variable has a value; undefined when some are empty.
 * A value that does not read is an error placed in the point's text (`x=1,w=2/`), as --at reports it.
 */
export function pointFrom(state: PlaygroundState, variables: readonly string[]): { point?: Point; error?: ErrorView } {
  if (variables.length === 0 || variables.some((v) => (state.at.get(v) ?? '').trim() === '')) return {};
  try {
    return { point: parsePoint(formatAt(state.at, variables)) };
  } catch (e) {
    return { error: errorView(e, 'at') };
  }
}

/** The kink note at the point (relu at 0, …); none where f itself is undefined there. */
function kinkAt(expr: Expr, point: Point, order: readonly string[]): string | undefined {
  try {
    return kinkNote(kinksAt(expr, point), order);
  } catch (err) {
    if (err instanceof DerivError && err.code === 'UNDEFINED') return undefined;
    throw err;
  }
}

function values(expr: Expr, results: readonly Derivative[], point: Point, order: readonly string[], name: string): ValuesView {
  const within: Within = { input: expr, guards: results[0]?.domain ?? [] };
  const items = [
    { latex: latexName(name), text: name, value: safeValue(expr, point, order, within) },
    ...results.map((r) => ({ latex: latexHeading(r.variables, name), text: textPartial(r.variables, name), value: safeValue(r.expr, point, order, within) })),
  ];
  const kink = kinkAt(expr, point, order);
  return {
    rows: items.map((i) => ({ latex: `${i.latex}${latexSuffix(i.value)}`, text: `${i.text}${textSuffix(i.value)}` })),
    notes: [...(kink === undefined ? [] : [kink]), ...items.filter((i) => !i.value.finite || i.value.note !== undefined).map((i) => `${i.text} is ${i.value.note ?? 'not a finite real number at this point'}`)],
  };
}

function stepsSections(results: readonly Derivative[], detail: 'brief' | 'full', name: string): StepsSection[] {
  const derivations = pageDerivations(results, detail, name);
  return results.map((r, i) => {
    const parts = latexStepParts(derivations[i]!, { order: r.order, name });
    return {
      heading: results.length > 1 ? latexHeading(r.variables, name) : '',
      definitions: parts.definitions,
      steps: parts.steps.map((s) => ({ rule: s.rule, equation: s.equation, note: s.note })),
      results: [parts.result],
    };
  });
}

export function expressionView(state: PlaygroundState): View {
  const named = splitNaming(state.f);
  const name = named.name ?? 'f';
  const { expr, warnings, domain } = readExpression(named.expression);
  const variables = variablesOf(expr);
  const wrt = chosen(variables, state.wrt);
  const results = wrt.map((v) => derivative(expr, v, { domain }));
  const order = results[0]?.order ?? variables;
  const inputLatex = [`${latexName(name)} = ${toLatex(expr, { order })}`];
  const single = results.length === 1 && state.wrt !== undefined;
  const resultText = single ? results[0]!.toString() : results.map((r) => `${textHeading(r.variables)} = ${r.toString()}`).join('\n');
  const detail = state.steps === 'off' ? undefined : state.steps;
  const { point, error } = pointFrom(state, variables);
  const message =
    variables.length === 0 ? `the expression has no variables: its value is ${toText(expr)}` : wrt.length === 0 ? 'choose a variable to differentiate with respect to' : undefined;
  const derivationsFor = (d: 'brief' | 'full') => pageDerivations(results, d, name);
  return {
    kind: 'expression',
    variables,
    wrt,
    name,
    inputLatex,
    resultLatex: results.length === 0 ? [] : resultEquations(results, name),
    resultText,
    warnings: warnings.map((w) => w.message),
    ...(message === undefined ? {} : { message }),
    ...(detail === undefined || results.length === 0 ? {} : { steps: stepsSections(results, detail, name) }),
    ...(point === undefined ? {} : { values: values(expr, results, point, order, name) }),
    ...(error === undefined ? {} : { valuesError: error }),
    ...(variables.length === 0 ? {} : { plot: { f: expr, derivative: (v: string) => (results.find((r) => r.variables[0] === v) ?? derivative(expr, v)).expr, name } }),
    copy: {
      latex: () =>
        results.length === 0 ? inputLatex[0]! : detail === undefined ? resultEquations(results, name).join('\n') : derivationsFor(detail).map((d, i) => stepsToLatex(d, { order: results[i]!.order, name })).join('\n\n'),
      markdown: () => (results.length === 0 ? `$$\n${inputLatex[0]}\n$$\n` : toMarkdownNote(results, { name, ...(detail === undefined ? {} : { steps: detail }) })),
      text: () => (detail === undefined || results.length === 0 ? resultText : derivationsFor(detail).map((d, i) => stepsToText(d, { order: results[i]!.order, name })).join('\n\n')),
    },
  };
}
