/**
 * Numbers for one expression: values at a point (--at: the function and each derivative, exact where the
 * point is; with --steps each step's value), a claimed derivative checked (--check: exit code 1 when wrong),
 * gradient descent (--sgd, --steps-n), and the Hessian and Jacobian (with --at, their values). Every number
 * comes from src/numeric/; here it is spelled, in text and LaTeX, and put in the answer's JSON.
 */
import { parse, type Derivative } from '../api.js';
import type { Expr } from '../core/expr.js';
import { DerivError } from '../errors.js';
import { toText } from '../print/text.js';
import { toLatex, latexName } from '../print/latex.js';
import { textHeading } from '../print/heading.js';
import { derivativeEquation } from '../print/equation.js';
import { type Point, type PointValue, PointValue as Value, valueAt, kinksAt, kinkNote, pointText, requireVariables, type Within } from '../numeric/exact-eval.js';
import { parsePoint } from '../numeric/point.js';
import { check, type CheckResult } from '../numeric/check.js';
import { sgd, type SgdStep } from '../numeric/sgd.js';
import { hessian, jacobian, nestedList, pmatrix, type DerivativeMatrix } from '../numeric/matrix.js';
import { valueSuffix, valueSuffixTex, valueCellTex, showValue } from '../numeric/readable.js';
import { sgdLine, sgdValue, sgdTableTex } from '../print/sgd-line.js';
import { checkText } from '../print/check-text.js';
import { math, spelled, BOTH, type Document, type Section, type Spellings } from '../document/model.js';
import type { Request } from '../request/request.js';
import type { Reading } from './reading.js';
import { libraryOptions, type DerivativesAnswer } from './derivatives.js';
import { derivationBlock } from '../document/derivative-note.js';
import { warningJSON } from './warnings.js';
import { inputSection, pointShown } from './input-section.js';
import { stepsToJSON } from '../print/steps-text.js';

/** A value, or NaN where it is undefined (division by an exact zero included); `within`: the function as written. */
function safeValue(e: Expr, p: Point, order: readonly string[], within?: Within): PointValue {
  try {
    return valueAt(e, p, order, within);
  } catch (err) {
    if (err instanceof DerivError && err.code === 'UNDEFINED') return Value.undefinedBecause(err.message);
    throw err;
  }
}
/** NaN (0/0, log of a negative number, a pole reached exactly) is `undefined`; an overflow or log(0) is ±Infinity. */
const show = showValue;
const showTex = (v: PointValue): string => v.toTex();
/** What follows an expression: ` = 25/2`, ` = -7209/400 = -18.0225`, ` ≈ 0.147465`, ` = undefined`. */
const suffix = (v: PointValue): string => (v.finite ? valueSuffix(v, v.toString()) : ` = ${show(v)}`);
const suffixTex = (v: PointValue): string => (v.finite ? valueSuffixTex(v, v.toTex()) : ` = ${showTex(v)}`);
const pointJson = (p: Point): Record<string, unknown> => Object.fromEntries([...p].map(([k, v]) => [k, v.toJSON()]));
const noteField = (notes: readonly string[]): Record<string, string> => (notes.length > 0 ? { note: notes.map((n) => n.replace(/^note: /, '')).join('; ') } : {});

function undefinedNotes(items: readonly { label: string; value: PointValue }[]): string[] {
  return items
    .filter((i) => !i.value.finite || i.value.note !== undefined)
    .map((i) =>
      i.value.note !== undefined ? `note: ${i.label} is ${i.value.note}`
      : Number.isNaN(i.value.number) ? `note: ${i.label} is not a finite real number at this point`
      : `note: ${i.label} is ${i.value.number > 0 ? '+' : '-'}∞ here, or beyond a double's range (±1.8e308)`,
    );
}

function kinkNotes(input: Expr, p: Point, order: readonly string[]): string[] {
  let kinks;
  try {
    kinks = kinksAt(input, p);
  } catch (err) {
    if (err instanceof DerivError && err.code === 'UNDEFINED') return []; // the value itself is undefined here: said separately
    throw err;
  }
  const note = kinkNote(kinks, order);
  return note === undefined ? [] : [`note: ${note}`];
}

/** The document of numbers asked for with derivatives (--at, --check, --sgd), or of a Hessian/Jacobian. */
export function numbersDocument(r: Request, reading: Reading, derivatives: () => DerivativesAnswer): Document {
  const p = r.at === undefined ? undefined : parsePoint(r.at);
  const expression = reading.expression;
  const limits = libraryOptions(r);
  if (r.jacobian) return matrixDocument(reading, jacobian(expression.split(';').map((s) => s.trim()).filter((s) => s !== ''), r.wrt, limits), p);
  if (expression.includes(';')) throw new DerivError('BAD_OPTION', 'several expressions separated by ; need --jacobian', { input: expression, position: expression.indexOf(';') });
  if (r.hessian) return matrixDocument(reading, hessian(expression, r.wrt, limits), p);
  const a = derivatives();
  if (a.constant !== undefined) throw new DerivError('BAD_VARIABLE', 'the expression has no variables: there is nothing to differentiate', { input: reading.line, position: 0, hint: 'without --at, --check and --sgd deriv prints its value' });
  const doc = r.check !== undefined ? checkDocument(a.results, r.check, p, reading) : r.sgd !== undefined ? sgdDocument(a.results, r.sgd, r.stepsN ?? 1, p!, reading) : atDocument(a, p!, reading);
  return { ...doc, json: (sp?: Spellings) => ({ ...doc.json(sp), warnings: a.warnings.map(warningJSON) }), warnings: a.warnings };
}

/** The input typed and the point, when there is one. */
const inputOf = (reading: Reading, input: Expr, order: readonly string[], p: Point | undefined): Section =>
  inputSection(reading.line, { typeset: `${latexName(reading.name)} = ${toLatex(input, { order })}`, copy: toText(input, { order }), ...(p === undefined ? {} : { point: pointShown(p) }) });
/** ` = value` after an expression, none after a number (`∂/∂x = 1`, not `= 1 = 1`). */
const suffixOf = (e: Expr, v: PointValue): string => (e.kind === 'num' && v.finite ? '' : suffix(v));
const suffixTexOf = (e: Expr, v: PointValue): string => (e.kind === 'num' && v.finite ? '' : suffixTex(v));
const base = (reading: Reading) => ({ title: reading.expression.trim(), textCopy: true, warnings: [] });

/** --at: the function and each derivative, symbolically and at the point (with --steps: each step's value). */
function atDocument(a: DerivativesAnswer, p: Point, reading: Reading): Document {
  const results = a.results;
  const first = results[0]!;
  const order = first.order;
  const name = reading.name;
  const within: Within = { input: first.input, guards: first.domain };
  const f = safeValue(first.input, p, order, within);
  const values = results.map((d) => safeValue(d.expr, p, order, within));
  const notes = [...kinkNotes(first.input, p, order), ...undefinedNotes([{ label: name, value: f }, ...results.map((d, i) => ({ label: textHeading(d.variables), value: values[i]! }))])];
  const valueOf = (e: Expr): PointValue => safeValue(e, p, order, within);
  const value = { text: (e: Expr): string => { const v = valueOf(e); return v.finite ? v.toString() : show(v); }, latex: (e: Expr): string => showTex(valueOf(e)) };
  const derivations = a.derivations;
  const blocks = derivations === undefined
    ? [{ kind: 'math' as const, items: [math(`${name} = ${toText(first.input, { order })}${suffix(f)}`, `${latexName(name)} = ${toLatex(first.input, { order })}${suffixTex(f)}`), ...results.map((d, i) => math(`${textHeading(d.variables)} = ${d.toString()}${suffixOf(d.expr, values[i]!)}`, `${derivativeEquation(d, name)}${suffixTexOf(d.expr, values[i]!)}`))] }]
    : derivations.map((d, i) => derivationBlock(d, results[i]!.order, name, value));
  return {
    ...base(reading),
    sections: [inputOf(reading, first.input, order, p), { blocks }],
    json: (sp = BOTH) => ({
      input: reading.line,
      parsed: toText(first.input, { order }),
      at: pointJson(p),
      function: { text: toText(first.input, { order }), ...f.toJSON() },
      wrt: results.map((d) => d.variables.join(',')),
      derivatives: results.map((d, i) => ({
        wrt: d.variables.join(','), order: d.variables.length, ...spelled(sp, () => d.toString(), () => d.toTex()), ...values[i]!.toJSON(),
        ...(derivations === undefined ? {} : { steps: stepsToJSON(derivations[i]!, { order, name, value: value.text }) }),
      })),
      ...noteField(notes),
    }),
    exitCode: 0,
    notes,
  };
}

/** --check CLAIM (with --at: at that point). Exit code 1 when the claim is wrong. */
function checkDocument(results: readonly Derivative[], claimText: string, p: Point | undefined, reading: Reading): Document {
  if (results.length !== 1) throw new DerivError('BAD_OPTION', '--check compares one derivative: give one variable with --wrt (or --mixed)', { hint: 'e.g. --wrt w --check "x*(w*x+b-y)"' });
  const d = results[0]!;
  let claim: Expr;
  try {
    claim = parse(claimText);
  } catch (err) {
    if (!(err instanceof DerivError)) throw err;
    const { input, position, hint } = err;
    throw new DerivError(err.code, `in the claim: ${err.message}`, { ...(input === undefined ? {} : { input }), ...(position === undefined ? {} : { position }), ...(hint === undefined ? {} : { hint }) });
  }
  const c: CheckResult = check(d.input, d.variables, claim, p === undefined ? { domain: d.domain } : { at: p, domain: d.domain });
  const claimShown = toText(claim, { order: d.order });
  const notes = p === undefined ? [] : kinkNotes(d.input, p, d.order);
  const ce = c.counterexample;
  const equation = derivativeEquation(d, reading.name);
  let tex;
  if (ce !== undefined) {
    const at = [...ce.point].map(([k, v]) => `${latexName(k)} = ${v.expr !== undefined ? toLatex(v.expr) : v.toTex()}`).join(', ');
    tex = `\\text{wrong: at } ${at}\\text{, } ${equation} = ${showTex(ce.derivative)} \\neq ${showTex(ce.claim)} \\text{ (the claim } ${toLatex(claim, { order: d.order })}\\text{)}`;
  } else {
    const howTex = c.method === 'symbolic' ? 'the difference simplifies to 0' : c.method === 'point' ? 'at the point' : `agrees at ${c.points} random points, not proved symbolically`;
    tex = `\\text{correct: } ${equation} \\quad \\text{(${howTex})}`;
  }
  const sentence = math(checkText(c, p, d), tex);
  return {
    ...base(reading),
    sections: [inputOf(reading, d.input, d.order, p), { blocks: [{ kind: 'math', items: [sentence] }] }],
    json: () => ({
      input: reading.line,
      wrt: d.variables.join(','),
      derivative: d.toString(),
      claim: claimShown,
      correct: c.correct,
      method: c.method,
      points: c.points,
      ...(ce === undefined ? {} : { counterexample: { point: pointJson(ce.point), derivative: ce.derivative.toJSON(), claim: ce.claim.toJSON() } }),
      ...noteField(notes),
    }),
    exitCode: c.correct ? 0 : 1,
    notes,
  };
}

/** --sgd LR [--steps-n K]: the parameters and loss after each step. */
function sgdDocument(results: readonly Derivative[], lr: string, stepsN: number, p: Point, reading: Reading): Document {
  const params = results.map((d) => d.variables[0]!);
  const steps: SgdStep[] = sgd(results[0]!.input, params, p, lr, stepsN, { domain: results[0]!.domain });
  const notes = kinkNotes(results[0]!.input, p, results[0]!.order);
  const cell = (v: PointValue): string => (v.finite ? valueCellTex(v) : showTex(v));
  const table = sgdTableTex(params, reading.name, steps, cell);
  const lines = steps.map((s) => sgdLine(s, 'loss', sgdValue));
  return {
    ...base(reading),
    sections: [inputOf(reading, results[0]!.input, results[0]!.order, p), { blocks: [{ kind: 'math', items: [math(lines.join('\n'), table)] }] }],
    json: () => ({
      input: reading.line,
      wrt: params,
      lr: parsePoint(`lr=${lr}`).get('lr')!.toJSON(),
      steps: steps.map((s) => ({ step: s.step, params: pointJson(s.params), loss: s.loss.toJSON() })),
    }),
    exitCode: 0,
    notes,
  };
}

/** --hessian / --jacobian, with values when --at is given. */
function matrixDocument(reading: Reading, m: DerivativeMatrix, p: Point | undefined): Document {
  const values = p === undefined ? undefined : (m.inputs.forEach((e) => requireVariables(e, p, m.order)), m.rows.map((row, i) => row.map((e) => safeValue(e, p, m.order, m.within(i)))));
  const notes = p === undefined ? [] : m.inputs.flatMap((e) => kinkNotes(e, p, m.order));
  const why = values?.flat().find((v) => !v.finite)?.note;
  if (values?.some((row) => row.some((v) => !v.finite))) notes.push(`note: some entries are not finite real numbers at this point${why === undefined ? '' : ` (${why})`}`);
  const title = m.kind === 'hessian' ? `∇²${reading.name} over (${m.vars.join(', ')}):` : `J over (${m.vars.join(', ')}), one row per function:`;
  const text = [title, m.toString(), ...(values !== undefined && p !== undefined ? [`at ${pointText(p)}:`, nestedList(values.map((row) => row.map(show)))] : [])];
  const tex = `${m.toTex({ name: reading.name })}${values === undefined ? '' : ` = ${pmatrix(values.map((row) => row.map(showTex)))}`}`;
  return {
    ...base(reading),
    sections: [inputSection(reading.line, p === undefined ? {} : { point: pointShown(p) }), { blocks: [{ kind: 'math', items: [math(text.join('\n'), tex)] }] }],
    json: () => ({
      input: reading.line,
      functions: m.inputs.map((e) => toText(e, { order: m.order })),
      wrt: m.vars,
      [m.kind]: m.texts(),
      latex: m.toJSON().latex,
      ...(values === undefined || p === undefined ? {} : { at: pointJson(p), value: values.map((row) => row.map((v) => v.toJSON().value)), exact: values.map((row) => row.map((v) => v.toJSON().exact ?? null)) }),
      ...noteField(notes),
    }),
    exitCode: 0,
    notes,
  };
}

