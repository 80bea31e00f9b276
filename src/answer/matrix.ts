/**
 * The answer in matrix form (--shape): one gradient per variable, `∇w = 2/n*X'*(X*w + b - y)` for vectors
 * and matrices and `∂/∂b = …` for scalars; with --at each gradient's value; with --steps the backpropagation;
 * with --check a claimed formula compared (src/matrix/check.ts); with --sgd gradient descent from the --at
 * point. And its document, the same in every format (a note: the LaTeX typeset, the text under it).
 */
import { DerivError } from '../errors.js';
import { matrixDerivation, matrixGradient, type MatrixDerivative, type MatrixDerivation } from '../matrix/api.js';
import { stepsText, stepsLatex } from '../matrix/steps.js';
import { parseShapes } from '../matrix/shape.js';
import { parseMatrixValues } from '../matrix/values.js';
import { valueText, valueJson, valueTex } from '../matrix/format-value.js';
import { checkMatrixClaim, type MatrixCheck } from '../matrix/check.js';
import { checkStepCount, descend, learningRate } from '../matrix/descent.js';
import type { MatrixValue } from '../matrix/evaluate.js';
import type { Expr } from '../core/expr.js';
import { latexName } from '../print/latex.js';
import { sgdLine, sgdMatrixValue } from '../print/sgd-line.js';
import { math, type Document, type Math, type Section } from '../document/model.js';
import type { Request } from '../request/request.js';
import { inputSection } from './input-section.js';
import type { Reading } from './reading.js';
import { wrtWarnings } from '../warnings.js';
import { warningJSON } from './warnings.js';
import { WrittenSize } from './size.js';

interface SgdRow {
  readonly step: number;
  readonly params: Map<string, MatrixValue>;
  readonly loss: MatrixValue;
}

export type MatrixAnswer =
  | { readonly kind: 'gradients'; readonly results: readonly MatrixDerivative[]; readonly derivation?: MatrixDerivation; readonly values?: ReadonlyMap<string, MatrixValue> }
  | { readonly kind: 'check'; readonly result: MatrixDerivative; readonly check: MatrixCheck }
  | { readonly kind: 'sgd'; readonly results: readonly MatrixDerivative[]; readonly lr: Expr; readonly rows: readonly SgdRow[] };

const options = (r: Request) => ({ shapes: r.shape!, simplify: r.simplify });

export function answerMatrix(r: Request, reading: Reading): MatrixAnswer {
  const a = answerMatrixOnce(r, reading);
  new WrittenSize(r).text((a.kind === 'check' ? [a.result] : a.results).map((d) => d.toString()), 'the gradients');
  return a;
}

function answerMatrixOnce(r: Request, reading: Reading): MatrixAnswer {
  const expression = reading.expression;
  if (r.check !== undefined) return { kind: 'check', ...answerCheck(r, expression, r.check) };
  if (r.sgd !== undefined) return answerSgd(r, expression, r.sgd);
  const derivation = r.steps !== undefined ? matrixDerivation(expression, r.wrt, { ...options(r), syntax: r.format === 'latex' ? 'latex' : 'text' }) : undefined;
  const results = derivation?.results ?? matrixGradient(expression, r.wrt, options(r));
  const values = r.at === undefined ? undefined : parseMatrixValues(r.at);
  return { kind: 'gradients', results, ...(derivation === undefined ? {} : { derivation }), ...(values === undefined ? {} : { values }) };
}

function answerCheck(r: Request, expression: string, claimText: string): { result: MatrixDerivative; check: MatrixCheck } {
  const results = matrixGradient(expression, r.wrt, options(r));
  if (results.length !== 1) throw new DerivError('BAD_OPTION', '--check compares one gradient: give one variable with --wrt', { hint: `e.g. --wrt ${results[0]?.wrt ?? 'w'} --check "…"` });
  const d = results[0]!;
  try {
    return { result: d, check: checkMatrixClaim(d, claimText, r.at === undefined ? undefined : parseMatrixValues(r.at)) };
  } catch (err) {
    if (!(err instanceof DerivError) || err.input !== claimText) throw err;
    const { position, hint } = err;
    throw new DerivError(err.code, `in the claim: ${err.message}`, { input: claimText, ...(position === undefined ? {} : { position }), ...(hint === undefined ? {} : { hint }) });
  }
}

function answerSgd(r: Request, expression: string, lrText: string): MatrixAnswer {
  const steps = r.stepsN ?? 1;
  checkStepCount(steps);
  const lr = learningRate(lrText);
  const results = matrixGradient(expression, r.wrt, options(r));
  let point: Map<string, MatrixValue> = parseMatrixValues(r.at!);
  for (const d of results) if (!point.has(d.wrt)) throw new DerivError('BAD_VARIABLE', `no starting value for the parameter '${d.wrt}'`, { hint: `add ${d.wrt}=… to --at` });
  const rows: SgdRow[] = [];
  for (let k = 0; k <= steps; k++) {
    rows.push({ step: k, params: new Map(results.map((d) => [d.wrt, point.get(d.wrt)!])), loss: results[0]!.evaluateFunction(point) });
    if (k === steps) break;
    const grads = results.map((d) => d.evaluate(point));
    const next = new Map(point);
    results.forEach((d, i) => next.set(d.wrt, descend(point.get(d.wrt)!, grads[i]!, lr)));
    point = next;
  }
  return { kind: 'sgd', results, lr, rows };
}

/** A shape in words for \\text{…} (× as math). */
const shapeTex = (d: MatrixDerivative): string => d.describeShape().replace(/×/g, '$\\times$');
const pointText = (values: ReadonlyMap<string, MatrixValue>): string => [...values].map(([k, v]) => `${k}=${valueText(v)}`).join(', ');
const pointTex = (values: ReadonlyMap<string, MatrixValue>): string => [...values].map(([k, v]) => `${latexName(k)} = ${valueTex(v)}`).join(',\\ ');

export function matrixDocument(a: MatrixAnswer, r: Request, reading: Reading): Document {
  // The point, where the answer is values at it (SGD's table and a check's sentence state theirs).
  const input = inputSection(reading.line, a.kind === 'gradients' && a.values !== undefined ? { point: { text: pointText(a.values), latex: pointTex(a.values) } } : {});
  // A --wrt name the expression does not have: its gradient is 0, with the warning an expression gets.
  const variables = a.kind === 'check' ? a.result.order : a.results[0]?.order ?? [];
  const base = { title: reading.expression.trim(), textCopy: true, notes: [], warnings: wrtWarnings(r.wrt ?? [], variables) };
  const doc = ((): Document => {
    switch (a.kind) {
      case 'gradients':
        return { ...base, ...gradientsDocument(a, r, reading, input), exitCode: 0 };
      case 'check':
        return { ...base, ...checkDocument(a.result, a.check, r, reading, input) };
      case 'sgd':
        return { ...base, ...sgdDocument(a, r, reading, input), exitCode: 0 };
    }
  })();
  return base.warnings.length === 0 ? doc : { ...doc, json: (sp) => ({ ...doc.json(sp), warnings: base.warnings.map(warningJSON) }) };
}

function gradientsDocument(a: Extract<MatrixAnswer, { kind: 'gradients' }>, r: Request, reading: Reading, input: Section): Pick<Document, 'sections' | 'json'> {
  const name = reading.name;
  const valueOf = (d: MatrixDerivative): MatrixValue | undefined => (a.values === undefined ? undefined : d.evaluate(a.values));
  const values = a.results.map(valueOf);
  const equations = a.results.map((d, i): Math => {
    const v = values[i];
    return math(`${d.heading('text')} = ${d}${v === undefined ? '' : ` = ${valueText(v)}`}`, `${d.heading('latex', name)} = ${d.toTex()}${v === undefined ? '' : ` = ${valueTex(v)}`}`);
  });
  const derivation = a.derivation;
  // With the backpropagation: text lists the steps above the gradients; LaTeX and notes set each piece apart.
  const sections: Section[] =
    derivation === undefined
      ? [input, { blocks: [{ kind: 'math', items: equations }] }]
      : [
          input,
          { only: 'text', blocks: [{ kind: 'math', items: [math([`f = ${derivation.input}`, ...stepsText(derivation.steps), ...equations.map((e) => e.text)].join('\n'), '')] }] },
          {
            blocks: [
              {
                kind: 'math',
                paragraphs: true,
                items: [
                  math('', `${latexName(name)} = ${a.results[0]!.functionText('latex')}`),
                  math('', `\\begin{aligned}\n${stepsLatex(derivation.steps).join(' \\\\\n')}\n\\end{aligned}`),
                  ...equations.map((e) => math('', e.latex)),
                ],
              },
            ],
          },
        ];
  const shapes = parseShapes(r.shape!);
  return {
    sections,
    json: () => ({
      input: reading.line,
      shapes: Object.fromEntries([...shapes].map(([k, s]) => [k, [s.rows, s.cols]])),
      wrt: a.results.map((d) => d.wrt),
      derivatives: a.results.map((d, i) => ({ ...d.toJSON(), ...(values[i] === undefined ? {} : { value: valueJson(values[i]!) }) })),
      ...(derivation === undefined ? {} : { steps: derivation.steps }),
    }),
  };
}

function checkDocument(d: MatrixDerivative, c: MatrixCheck, r: Request, reading: Reading, input: Section): Pick<Document, 'sections' | 'json' | 'exitCode'> {
  const ce = c.counterexample;
  const how = c.method === 'point' ? 'at the point' : `agrees at ${c.points} random points with random sizes, not proved symbolically`;
  const equation = `${d.heading('latex', reading.name)} = ${d.toTex()}`;
  const heading = `${d.heading('text')} = ${d.toString()}`;
  const sentence =
    c.method === 'shape'
      ? math(`wrong: the claim ${c.claim.toString()} is a ${c.claim.describeShape()}, but ${d.heading('text')} is a ${d.describeShape()}`, `\\text{wrong: the claim } ${c.claim.toTex()} \\text{ is a ${shapeTex(c.claim)}, but } ${equation} \\text{ is a ${shapeTex(d)}}`)
      : ce !== undefined
        ? math(`wrong: at ${pointText(ce.values)}, ${heading} = ${valueText(ce.derivative)}, but the claim ${c.claim.toString()} gives ${valueText(ce.claim)}`, `\\text{wrong: at } ${pointTex(ce.values)}\\text{, } ${equation} = ${valueTex(ce.derivative)} \\neq ${valueTex(ce.claim)} \\text{ (the claim } ${c.claim.toTex()}\\text{)}`)
        : math(`correct: ${heading} (${how})`, `\\text{correct: } ${equation} \\quad \\text{(${how})}`);
  return {
    sections: [input, { blocks: [{ kind: 'math', items: [sentence] }] }],
    exitCode: c.correct ? 0 : 1,
    json: () => ({
      input: reading.line,
      wrt: d.wrt,
      derivative: d.toString(),
      shape: [d.shape.rows, d.shape.cols],
      claim: c.claim.toString(),
      claimShape: [c.claim.shape.rows, c.claim.shape.cols],
      correct: c.correct,
      method: c.method,
      points: c.points,
      ...(ce === undefined ? {} : { counterexample: { point: Object.fromEntries([...ce.values].map(([k, v]) => [k, valueJson(v)])), derivative: valueJson(ce.derivative), claim: valueJson(ce.claim) } }),
    }),
  };
}

function sgdDocument(a: Extract<MatrixAnswer, { kind: 'sgd' }>, r: Request, reading: Reading, input: Section): Pick<Document, 'sections' | 'json'> {
  const head = ['\\text{step}', ...a.results.map((d) => latexName(d.wrt)), latexName(reading.name)].join(' & ');
  const body = a.rows.map((s) => [String(s.step), ...[...s.params.values()].map(valueTex), valueTex(s.loss)].join(' & '));
  const table = `\\begin{array}{r|${'c'.repeat(a.results.length)}|c}\n${head} \\\\ \\hline\n${body.join(' \\\\\n')}\n\\end{array}`;
  const lines = a.rows.map((s) => sgdLine(s, 'loss', sgdMatrixValue));
  return {
    sections: [input, { blocks: [{ kind: 'math', items: [math(lines.join('\n'), table)] }] }],
    json: () => ({
      input: reading.line,
      wrt: a.results.map((d) => d.wrt),
      lr: valueJson([[a.lr]]),
      steps: a.rows.map((s) => ({ step: s.step, params: Object.fromEntries([...s.params].map(([k, v]) => [k, valueJson(v)])), loss: valueJson(s.loss) })),
    }),
  };
}
