/**
 * CLI output for the matrix language (--shape): one line per variable,
 * `∇w = 2/n*X'*(X*w + b - y)` for vectors and matrices, `∂/∂b = …` for
 * scalars, with `= value` appended when --at gives the point; --steps shows the
 * backpropagation; --check compares a claimed formula (src/matrix/check.ts); --sgd runs
 * gradient descent from the --at point. Every format works: text, LaTeX, JSON, and
 * Markdown/HTML as a note (the LaTeX typeset, the text under it to copy).
 */
import { DerivError } from '../errors.js';
import { matrixDerivation, matrixGradient, type MatrixDerivative } from '../matrix/api.js';
import { stepsText, stepsLatex } from '../matrix/steps.js';
import { parseShapes } from '../matrix/shape.js';
import { parseMatrixValues } from '../matrix/values.js';
import { valueText, valueJson, valueTex } from '../matrix/format-value.js';
import { checkMatrixClaim } from '../matrix/check.js';
import { checkStepCount, descend, learningRate } from '../matrix/descent.js';
import type { MatrixValue } from '../matrix/evaluate.js';
import { latexName } from '../print/latex.js';
import { equationsNote } from '../print/equations-note.js';
import { wholeNumber } from './numeric.js';

export interface MatrixCliOptions {
  readonly shape: string;
  readonly wrt?: readonly string[];
  readonly at?: string;
  readonly format: string;
  readonly name: string;
  /** Show the backpropagation steps. */
  readonly steps?: boolean;
  /** --check CLAIM: a formula for the (single) gradient. */
  readonly check?: string;
  /** --sgd LR, with --steps-n. */
  readonly sgd?: string;
  readonly stepsN?: string;
}

export interface MatrixOutput {
  readonly stdout: string;
  /** 0, or 1 for a wrong --check claim. */
  readonly exitCode: number;
}

export function renderMatrix(expression: string, opts: MatrixCliOptions): MatrixOutput {
  if (opts.check !== undefined && opts.sgd !== undefined) throw new DerivError('BAD_OPTION', 'choose one of --check and --sgd');
  if (opts.steps === true && (opts.check !== undefined || opts.sgd !== undefined))
    throw new DerivError('BAD_OPTION', '--steps shows the gradients, not --check or --sgd');
  if (opts.stepsN !== undefined && opts.sgd === undefined) throw new DerivError('BAD_OPTION', '--steps-n goes with --sgd', { hint: 'e.g. --sgd 0.01 --steps-n 3' });
  if (opts.format === 'markdown' || opts.format === 'html') return asNote(expression, opts);
  if (opts.check !== undefined) return renderCheck(expression, opts.check, opts);
  if (opts.sgd !== undefined) return { stdout: renderSgd(expression, opts.sgd, opts), exitCode: 0 };
  return { stdout: renderGradients(expression, opts), exitCode: 0 };
}

/** Markdown and HTML: the LaTeX output typeset, the text output under it; the exit code is the text output's. */
function asNote(expression: string, opts: MatrixCliOptions): MatrixOutput {
  const tex = renderMatrix(expression, { ...opts, format: 'latex' }).stdout;
  const text = renderMatrix(expression, { ...opts, format: 'text' });
  return { stdout: equationsNote(opts.format === 'html' ? 'html' : 'markdown', expression, tex, text.stdout), exitCode: text.exitCode };
}

function renderGradients(expression: string, opts: MatrixCliOptions): string {
  const shapes = parseShapes(opts.shape);
  const syntax = opts.format === 'latex' ? 'latex' : 'text';
  // The steps are recorded and printed only when asked for; the shapes go as text, so errors point into it.
  const derivation = opts.steps === true ? matrixDerivation(expression, opts.wrt, { shapes: opts.shape, syntax }) : undefined;
  const results = derivation?.results ?? matrixGradient(expression, opts.wrt, { shapes: opts.shape });
  const values = opts.at === undefined ? undefined : parseMatrixValues(opts.at);
  const valueOf = (i: number) => (values === undefined ? undefined : results[i]!.evaluate(values));
  switch (opts.format) {
    case 'json':
      return JSON.stringify({
        input: expression,
        shapes: Object.fromEntries([...shapes].map(([k, s]) => [k, [s.rows, s.cols]])),
        wrt: results.map((r) => r.wrt),
        derivatives: results.map((r, i) => {
          const v = valueOf(i);
          return {
            wrt: r.wrt,
            shape: [r.shape.rows, r.shape.cols],
            text: r.toString(),
            latex: r.toTex(),
            ...(v === undefined ? {} : { value: valueJson(v) }),
          };
        }),
        ...(derivation === undefined ? {} : { steps: derivation.steps }),
      });
    case 'latex': {
      const equations = results.map((r, i) => {
        const v = valueOf(i);
        return `${r.heading('latex', opts.name)} = ${r.toTex()}${v === undefined ? '' : ` = ${valueTex(v)}`}`;
      });
      if (derivation === undefined) return equations.join('\n');
      const input = `${latexName(opts.name)} = ${results[0]!.functionText('latex')}`;
      return [input, `\\begin{aligned}\n${stepsLatex(derivation.steps).join(' \\\\\n')}\n\\end{aligned}`, ...equations].join('\n\n');
    }
    default: {
      const lines = results.map((r, i) => {
        const v = valueOf(i);
        return `${r.heading('text')} = ${r}${v === undefined ? '' : ` = ${valueText(v)}`}`;
      });
      return (derivation === undefined ? lines : [`f = ${derivation.input}`, ...stepsText(derivation.steps), ...lines]).join('\n');
    }
  }
}

/** A shape in words for \\text{…} (× as math). */
const shapeTex = (d: MatrixDerivative): string => d.describeShape().replace(/×/g, '$\\times$');
const pointText = (values: ReadonlyMap<string, MatrixValue>): string => [...values].map(([k, v]) => `${k}=${valueText(v)}`).join(', ');
const pointTex = (values: ReadonlyMap<string, MatrixValue>): string => [...values].map(([k, v]) => `${latexName(k)} = ${valueTex(v)}`).join(',\\ ');

function renderCheck(expression: string, claimText: string, opts: MatrixCliOptions): MatrixOutput {
  const results = matrixGradient(expression, opts.wrt, { shapes: opts.shape });
  if (results.length !== 1)
    throw new DerivError('BAD_OPTION', '--check compares one gradient: give one variable with --wrt', { hint: `e.g. --wrt ${results[0]?.wrt ?? 'w'} --check "…"` });
  const d = results[0]!;
  let r;
  try {
    r = checkMatrixClaim(d, claimText, opts.at === undefined ? undefined : parseMatrixValues(opts.at));
  } catch (err) {
    if (!(err instanceof DerivError) || err.input !== claimText) throw err;
    const { position, hint } = err;
    throw new DerivError(err.code, `in the claim: ${err.message}`, { input: claimText, ...(position === undefined ? {} : { position }), ...(hint === undefined ? {} : { hint }) });
  }
  const exitCode = r.correct ? 0 : 1;
  const c = r.counterexample;
  const how = r.method === 'point' ? 'at the point' : `agrees at ${r.points} random points with random sizes, not proved symbolically`;
  if (opts.format === 'json')
    return {
      stdout: JSON.stringify({
        input: expression,
        wrt: d.wrt,
        derivative: d.toString(),
        shape: [d.shape.rows, d.shape.cols],
        claim: r.claim.toString(),
        claimShape: [r.claim.shape.rows, r.claim.shape.cols],
        correct: r.correct,
        method: r.method,
        points: r.points,
        ...(c === undefined ? {} : { counterexample: { point: Object.fromEntries([...c.values].map(([k, v]) => [k, valueJson(v)])), derivative: valueJson(c.derivative), claim: valueJson(c.claim) } }),
      }),
      exitCode,
    };
  if (opts.format === 'latex') {
    const equation = `${d.heading('latex', opts.name)} = ${d.toTex()}`;
    if (r.method === 'shape')
      return { stdout: `\\text{wrong: the claim } ${r.claim.toTex()} \\text{ is a ${shapeTex(r.claim)}, but } ${equation} \\text{ is a ${shapeTex(d)}}`, exitCode };
    if (c !== undefined)
      return { stdout: `\\text{wrong: at } ${pointTex(c.values)}\\text{, } ${equation} = ${valueTex(c.derivative)} \\neq ${valueTex(c.claim)} \\text{ (the claim } ${r.claim.toTex()}\\text{)}`, exitCode };
    return { stdout: `\\text{correct: } ${equation} \\quad \\text{(${how})}`, exitCode };
  }
  const heading = `${d.heading('text')} = ${d.toString()}`;
  if (r.method === 'shape') return { stdout: `wrong: the claim ${r.claim.toString()} is a ${r.claim.describeShape()}, but ${d.heading('text')} is a ${d.describeShape()}`, exitCode };
  if (c !== undefined) return { stdout: `wrong: at ${pointText(c.values)}, ${heading} = ${valueText(c.derivative)}, but the claim ${r.claim.toString()} gives ${valueText(c.claim)}`, exitCode };
  return { stdout: `correct: ${heading} (${how})`, exitCode };
}

function renderSgd(expression: string, lrText: string, opts: MatrixCliOptions): string {
  if (opts.at === undefined) throw new DerivError('BAD_OPTION', '--sgd needs a starting point: --at X=[[…]],w=[…],…', { hint: 'the --wrt variables are updated, the others are data' });
  if (opts.wrt === undefined) throw new DerivError('BAD_OPTION', '--sgd needs --wrt to name the parameters to update', { hint: 'e.g. --wrt w,b' });
  const steps = opts.stepsN === undefined ? 1 : wholeNumber(opts.stepsN, '--steps-n');
  checkStepCount(steps);
  const lr = learningRate(lrText);
  const results: readonly MatrixDerivative[] = matrixGradient(expression, opts.wrt, { shapes: opts.shape });
  let point: Map<string, MatrixValue> = parseMatrixValues(opts.at);
  for (const r of results) if (!point.has(r.wrt)) throw new DerivError('BAD_VARIABLE', `no starting value for the parameter '${r.wrt}'`, { hint: `add ${r.wrt}=… to --at` });
  const rows: { step: number; params: Map<string, MatrixValue>; loss: MatrixValue }[] = [];
  for (let k = 0; k <= steps; k++) {
    rows.push({ step: k, params: new Map(results.map((r) => [r.wrt, point.get(r.wrt)!])), loss: results[0]!.evaluateFunction(point) });
    if (k === steps) break;
    const grads = results.map((r) => r.evaluate(point));
    const next = new Map(point);
    results.forEach((r, i) => next.set(r.wrt, descend(point.get(r.wrt)!, grads[i]!, lr)));
    point = next;
  }
  if (opts.format === 'json')
    return JSON.stringify({
      input: expression,
      wrt: results.map((r) => r.wrt),
      lr: valueJson([[lr]]),
      steps: rows.map((s) => ({ step: s.step, params: Object.fromEntries([...s.params].map(([k, v]) => [k, valueJson(v)])), loss: valueJson(s.loss) })),
    });
  if (opts.format === 'latex') {
    const head = ['\\text{step}', ...results.map((r) => latexName(r.wrt)), latexName(opts.name)].join(' & ');
    const body = rows.map((s) => [String(s.step), ...[...s.params.values()].map(valueTex), valueTex(s.loss)].join(' & '));
    return `\\begin{array}{r|${'c'.repeat(results.length)}|c}\n${head} \\\\ \\hline\n${body.join(' \\\\\n')}\n\\end{array}`;
  }
  return rows.map((s) => `step ${s.step}: ${[...s.params].map(([k, v]) => `${k} = ${valueText(v)}`).join(', ')}, loss = ${valueText(s.loss)}`).join('\n');
}
