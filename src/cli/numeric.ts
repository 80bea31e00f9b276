/**
 * CLI output for the numeric options: --at (values at a point), --check (a
 * claimed derivative), --sgd/--steps-n (gradient descent), --hessian and
 * --jacobian. Only printing lives here; every number comes from src/numeric/.
 * Returns stdout text, notes for stderr, and the exit code (--check: 0 correct,
 * 1 wrong). Formats: text, latex, json (markdown/html are refused).
 */
import type { Derivative } from '../api.js';
import { parse } from '../api.js';
import { DerivError } from '../errors.js';
import { toText } from '../print/text.js';
import { toLatex, latexName } from '../print/latex.js';
import { textHeading } from '../print/heading.js';
import { derivativeEquation } from '../print/equation.js';
import { type Point, type PointValue, PointValue as Value, valueAt, kinksAt, kinkNote, pointText, requireVariables, type Within } from '../numeric/exact-eval.js';
import { parsePoint } from '../numeric/point.js';
import { check } from '../numeric/check.js';
import { sgd } from '../numeric/sgd.js';
import { hessian, jacobian, nestedList, pmatrix, type DerivativeMatrix } from '../numeric/matrix.js';
import { valueSuffix, valueSuffixTex, valueWithDecimal, valueCellTex } from '../numeric/readable.js';
import { pageDerivations } from '../steps/page.js';
import { stepsToText, stepsToJSON } from '../print/steps-text.js';
import { stepsToLatex } from '../print/steps-latex.js';
import { equationsNote } from '../print/equations-note.js';
import type { Detail } from '../steps/record.js';

export interface NumericOptions {
  readonly at?: string;
  readonly check?: string;
  readonly sgd?: string;
  readonly stepsN?: string;
  readonly hessian?: boolean;
  readonly jacobian?: boolean;
  readonly steps?: unknown;
  readonly format: string;
  readonly name: string;
  /** --max-length, --max-size: the matrices' limits (the other modes get theirs through `compute`). */
  readonly maxLength?: string;
  readonly maxSize?: string;
}

/** --max-length and --max-size as library options, for --hessian and --jacobian. */
function limitsOf(o: NumericOptions): { maxLength?: number; maxSize?: number } {
  const count = (text: string, flag: string): number => {
    if (!/^\s*\d+\s*$/.test(text)) throw new DerivError('BAD_OPTION', `${flag} must be a whole number, got '${text}'`);
    return Number(text);
  };
  return { ...(o.maxLength === undefined ? {} : { maxLength: count(o.maxLength, '--max-length') }), ...(o.maxSize === undefined ? {} : { maxSize: count(o.maxSize, '--max-size') }) };
}

export interface NumericOutput {
  readonly stdout: string;
  readonly notes: readonly string[];
  readonly exitCode: number;
}

/** True when one of the numeric options asks for this renderer. */
export function wantsNumeric(o: NumericOptions): boolean {
  return o.at !== undefined || o.check !== undefined || o.sgd !== undefined || o.stepsN !== undefined || o.hessian === true || o.jacobian === true;
}

/** A value, or NaN where it is undefined (division by an exact zero included); `within`: the function as written. */
function safeValue(e: Parameters<typeof valueAt>[0], p: Point, order: readonly string[], within?: Within): PointValue {
  try {
    return valueAt(e, p, order, within);
  } catch (err) {
    if (err instanceof DerivError && err.code === 'UNDEFINED') return Value.undefinedBecause(err.message);
    throw err;
  }
}
/** NaN (0/0, log of a negative number, a pole reached exactly) is `undefined`; an overflow or log(0) is ±Infinity. */
const show = (v: PointValue): string => (v.finite ? v.toString() : Number.isNaN(v.number) ? 'undefined' : String(v.number));
const showTex = (v: PointValue): string => v.toTex(); // \text{undefined} for NaN, ±\infty for ±Infinity
/** Exact non-integers with their decimal: `9/2 (4.5)`, `1/3 (≈0.333333)`; a long fraction only as `≈0.147465`. */
const showWithDecimal = (v: PointValue): string => (v.finite ? valueWithDecimal(v, v.toString()) : show(v));
/** What follows an expression: ` = 25/2`, ` = -7209/400 = -18.0225`, ` ≈ 0.147465`, ` = undefined`. */
const suffix = (v: PointValue): string => (v.finite ? valueSuffix(v, v.toString()) : ` = ${show(v)}`);
const suffixTex = (v: PointValue): string => (v.finite ? valueSuffixTex(v, v.toTex()) : ` = ${showTex(v)}`);
const pointJson = (p: Point): Record<string, unknown> => Object.fromEntries([...p].map(([k, v]) => [k, v.toJSON()]));

function undefinedNotes(items: readonly { label: string; value: PointValue }[]): string[] {
  return items
    .filter((i) => !i.value.finite || i.value.note !== undefined)
    .map((i) =>
      i.value.note !== undefined ? `note: ${i.label} is ${i.value.note}`
      : Number.isNaN(i.value.number)
        ? `note: ${i.label} is not a finite real number at this point`
        : `note: ${i.label} is ${i.value.number > 0 ? '+' : '-'}∞ here, or beyond a double's range (±1.8e308)`,
    );
}

function kinkNotes(input: Parameters<typeof kinksAt>[0], p: Point, order: readonly string[]): string[] {
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

/** --at: the function and each derivative, symbolically and at the point. */
function renderAt(expression: string, results: readonly Derivative[], p: Point, o: NumericOptions): NumericOutput {
  const first = results[0]!;
  const order = first.order;
  const within: Within = { input: first.input, guards: first.domain };
  const f = safeValue(first.input, p, order, within);
  const values = results.map((r) => safeValue(r.expr, p, order, within));
  const notes = [...kinkNotes(first.input, p, order), ...undefinedNotes([{ label: o.name, value: f }, ...results.map((r, i) => ({ label: textHeading(r.variables), value: values[i]! }))])];
  // --steps --at: the derivation with each line's value at the point, on one page.
  const detail = o.steps as Detail | undefined;
  const derivations = detail === undefined ? undefined : pageDerivations(results, detail, o.name);
  const valueText = (e: Parameters<typeof valueAt>[0]): string => { const v = safeValue(e, p, order, within); return v.finite ? v.toString() : show(v); };
  if (o.format === 'json')
    return {
      stdout: JSON.stringify({
        input: expression,
        parsed: toText(first.input, { order }),
        at: pointJson(p),
        function: { text: toText(first.input, { order }), ...f.toJSON() },
        wrt: results.map((r) => r.variables.join(',')),
        derivatives: results.map((r, i) => ({
          wrt: r.variables.join(','), order: r.variables.length, text: r.toString(), latex: r.toTex(), ...values[i]!.toJSON(),
          ...(derivations === undefined ? {} : { steps: stepsToJSON(derivations[i]!, { order, name: o.name, value: valueText }) }),
        })),
        ...(notes.length > 0 ? { note: notes.map((n) => n.replace(/^note: /, '')).join('; ') } : {}),
      }),
      notes: [],
      exitCode: 0,
    };
  if (o.format === 'latex') {
    if (derivations !== undefined) {
      const valueTex = (e: Parameters<typeof valueAt>[0]): string => showTex(safeValue(e, p, order, within));
      return { stdout: derivations.map((d) => stepsToLatex(d, { order, name: o.name, value: valueTex })).join('\n\n'), notes, exitCode: 0 };
    }
    const lines = [`${latexName(o.name)} = ${toLatex(first.input, { order })}${suffixTex(f)}`, ...results.map((r, i) => `${derivativeEquation(r, o.name)}${suffixTex(values[i]!)}`)];
    return { stdout: lines.join('\n'), notes, exitCode: 0 };
  }
  if (derivations !== undefined)
    return { stdout: derivations.map((d) => stepsToText(d, { order, name: o.name, value: valueText })).join('\n\n'), notes, exitCode: 0 };
  const lines = [`${o.name} = ${toText(first.input, { order })}${suffix(f)}`, ...results.map((r, i) => `${textHeading(r.variables)} = ${r.toString()}${suffix(values[i]!)}`)];
  return { stdout: lines.join('\n'), notes, exitCode: 0 };
}

/** --check CLAIM (with --at: at that point). Exit code 1 when the claim is wrong. */
function renderCheck(expression: string, results: readonly Derivative[], claimText: string, p: Point | undefined, o: NumericOptions): NumericOutput {
  if (results.length !== 1)
    throw new DerivError('BAD_OPTION', '--check compares one derivative: give one variable with --wrt (or --mixed)', { hint: 'e.g. --wrt w --check "x*(w*x+b-y)"' });
  const d = results[0]!;
  let claim;
  try {
    claim = parse(claimText);
  } catch (err) {
    if (!(err instanceof DerivError)) throw err;
    const { input, position, hint } = err;
    throw new DerivError(err.code, `in the claim: ${err.message}`, { ...(input === undefined ? {} : { input }), ...(position === undefined ? {} : { position }), ...(hint === undefined ? {} : { hint }) });
  }
  const r = check(d.input, d.variables, claim, p === undefined ? { domain: d.domain } : { at: p, domain: d.domain });
  const heading = textHeading(d.variables);
  const claimShown = toText(claim, { order: d.order });
  const notes = p === undefined ? [] : kinkNotes(d.input, p, d.order);
  const exitCode = r.correct ? 0 : 1;
  const c = r.counterexample;
  if (o.format === 'json')
    return {
      stdout: JSON.stringify({
        input: expression,
        wrt: d.variables.join(','),
        derivative: d.toString(),
        claim: claimShown,
        correct: r.correct,
        method: r.method,
        points: r.points,
        ...(c === undefined ? {} : { counterexample: { point: pointJson(c.point), derivative: c.derivative.toJSON(), claim: c.claim.toJSON() } }),
        ...(notes.length > 0 ? { note: notes.map((n) => n.replace(/^note: /, '')).join('; ') } : {}),
      }),
      notes: [],
      exitCode,
    };
  if (o.format === 'latex') {
    const equation = `${derivativeEquation(d, o.name)}`;
    if (c !== undefined) {
      const at = [...c.point].map(([k, v]) => `${latexName(k)} = ${v.expr !== undefined ? toLatex(v.expr) : v.toTex()}`).join(', ');
      return { stdout: `\\text{wrong: at } ${at}\\text{, } ${equation} = ${showTex(c.derivative)} \\neq ${showTex(c.claim)} \\text{ (the claim } ${toLatex(claim, { order: d.order })}\\text{)}`, notes, exitCode };
    }
    const how = r.method === 'symbolic' ? 'the difference simplifies to 0' : r.method === 'point' ? 'at the point' : `agrees at ${r.points} random points, not proved symbolically`;
    return { stdout: `\\text{correct: } ${equation} \\quad \\text{(${how})}`, notes, exitCode };
  }
  if (c !== undefined) {
    const claimPart = c.claim.expr !== undefined && claim === c.claim.expr ? `the claim is ${show(c.claim)}` : `the claim ${claimShown} gives ${show(c.claim)}`;
    return { stdout: `wrong: at ${pointText(c.point)}, ${heading} = ${d.toString()} = ${show(c.derivative)}, but ${claimPart}`, notes, exitCode };
  }
  const how =
    r.method === 'symbolic' ? 'the difference simplifies to 0'
    : r.method === 'point' ? `${show(valueAt(d.expr, p!, d.order, { input: d.input, guards: d.domain }))} at ${pointText(p!)}`
    : `agrees at ${r.points} random points (not proved symbolically)`;
  return { stdout: `correct: ${heading} = ${d.toString()} (${how})`, notes, exitCode };
}

/** A --steps-n style count: BAD_OPTION unless whole digits. */
export function wholeNumber(text: string, what: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new DerivError('BAD_OPTION', `${what} must be a whole number, got '${text}'`);
  return Number(text);
}

/** --sgd LR [--steps-n K]: the parameters and loss after each step. */
function renderSgd(expression: string, results: readonly Derivative[], lr: string, p: Point, o: NumericOptions): NumericOutput {
  const params = results.map((r) => {
    if (r.variables.length !== 1) throw new DerivError('BAD_OPTION', '--sgd takes first derivatives: drop --order and --mixed');
    return r.variables[0]!;
  });
  const steps = sgd(results[0]!.input, params, p, lr, o.stepsN === undefined ? 1 : wholeNumber(o.stepsN, '--steps-n'), { domain: results[0]!.domain });
  if (o.format === 'json')
    return {
      stdout: JSON.stringify({
        input: expression,
        wrt: params,
        lr: parsePoint(`lr=${lr}`).get('lr')!.toJSON(),
        steps: steps.map((s) => ({ step: s.step, params: pointJson(s.params), loss: s.loss.toJSON() })),
      }),
      notes: [],
      exitCode: 0,
    };
  if (o.format === 'latex') {
    // A table: one row per step; long fractions as decimals (JSON keeps them exact).
    const cell = (v: PointValue): string => (v.finite ? valueCellTex(v) : showTex(v));
    const head = ['\\text{step}', ...params.map(latexName), latexName(o.name)].join(' & ');
    const rows = steps.map((s) => [String(s.step), ...[...s.params.values()].map(cell), cell(s.loss)].join(' & '));
    return { stdout: `\\begin{array}{r|${'c'.repeat(params.length)}|c}\n${head} \\\\ \\hline\n${rows.join(' \\\\\n')}\n\\end{array}`, notes: kinkNotes(results[0]!.input, p, results[0]!.order), exitCode: 0 };
  }
  const is = (v: PointValue): string => { const t = showWithDecimal(v); return t.startsWith('≈') ? ` ≈ ${t.slice(1)}` : ` = ${t}`; };
  const lines = steps.map((s) => `step ${s.step}: ${[...s.params].map(([k, v]) => `${k}${is(v)}`).join(', ')}, loss${is(s.loss)}`);
  return { stdout: lines.join('\n'), notes: kinkNotes(results[0]!.input, p, results[0]!.order), exitCode: 0 };
}

/** --hessian / --jacobian, with values when --at is given. */
function renderMatrix(expression: string, m: DerivativeMatrix, p: Point | undefined, o: NumericOptions): NumericOutput {
  const values = p === undefined ? undefined : (m.inputs.forEach((e) => requireVariables(e, p, m.order)), m.rows.map((r, i) => r.map((e) => safeValue(e, p, m.order, m.within(i)))));
  const notes = p === undefined ? [] : m.inputs.flatMap((e) => kinkNotes(e, p, m.order));
  const why = values?.flat().find((v) => !v.finite)?.note;
  if (values?.some((r) => r.some((v) => !v.finite))) notes.push(`note: some entries are not finite real numbers at this point${why === undefined ? '' : ` (${why})`}`);
  if (o.format === 'json')
    return {
      stdout: JSON.stringify({
        input: expression,
        functions: m.inputs.map((e) => toText(e, { order: m.order })),
        wrt: m.vars,
        [m.kind]: m.texts(),
        latex: m.toJSON().latex,
        ...(values === undefined || p === undefined
          ? {}
          : { at: pointJson(p), value: values.map((r) => r.map((v) => v.toJSON().value)), exact: values.map((r) => r.map((v) => v.toJSON().exact ?? null)) }),
        ...(notes.length > 0 ? { note: notes.map((n) => n.replace(/^note: /, '')).join('; ') } : {}),
      }),
      notes: [],
      exitCode: 0,
    };
  if (o.format === 'latex') {
    const at = values === undefined ? '' : ` = ${pmatrix(values.map((r) => r.map(showTex)))}`;
    return { stdout: `${m.toTex({ name: o.name })}${at}`, notes, exitCode: 0 };
  }
  const title = m.kind === 'hessian' ? `∇²${o.name} over (${m.vars.join(', ')}):` : `J over (${m.vars.join(', ')}), one row per function:`;
  const lines = [title, m.toString()];
  if (values !== undefined && p !== undefined) lines.push(`at ${pointText(p)}:`, nestedList(values.map((r) => r.map(show))));
  return { stdout: lines.join('\n'), notes, exitCode: 0 };
}

/**
 * Markdown and HTML: the LaTeX output typeset ($$ blocks, or a KaTeX page), the text output under it
 * to copy; the exit code and notes are the text output's.
 */
function asNote(expression: string, o: NumericOptions, wrt: readonly string[] | undefined, compute: () => Derivative[]): NumericOutput {
  let results: Derivative[] | undefined;
  const once = (): Derivative[] => (results ??= compute());
  const tex = renderNumeric(expression, { ...o, format: 'latex' }, wrt, once).stdout;
  const text = renderNumeric(expression, { ...o, format: 'text' }, wrt, once);
  return { ...text, stdout: equationsNote(o.format === 'html' ? 'html' : 'markdown', expression, tex, text.stdout) };
}

/**
 * Renders one expression under the numeric options. `compute` gives the
 * derivatives the other options (--wrt, --order, --mixed) ask for; `wrt` is --wrt parsed.
 */
export function renderNumeric(expression: string, o: NumericOptions, wrt: readonly string[] | undefined, compute: () => Derivative[]): NumericOutput {
  if (o.steps !== undefined && (o.check !== undefined || o.sgd !== undefined || o.hessian === true || o.jacobian === true))
    throw new DerivError('BAD_OPTION', '--steps goes with --at (each step with its value there), not with --check, --sgd, --hessian or --jacobian');
  if (o.format === 'markdown' || o.format === 'html') return asNote(expression, o, wrt, compute);
  const modes = [o.check !== undefined, o.sgd !== undefined, o.hessian === true, o.jacobian === true].filter(Boolean).length;
  if (modes > 1) throw new DerivError('BAD_OPTION', 'choose one of --check, --sgd, --hessian and --jacobian');
  if (o.stepsN !== undefined && o.sgd === undefined) throw new DerivError('BAD_OPTION', '--steps-n goes with --sgd', { hint: 'e.g. --sgd 0.01 --steps-n 3' });
  const p = o.at === undefined ? undefined : parsePoint(o.at);
  if (o.jacobian === true) return renderMatrix(expression, jacobian(expression.split(';').map((s) => s.trim()).filter((s) => s !== ''), wrt, limitsOf(o)), p, o);
  if (expression.includes(';')) throw new DerivError('BAD_OPTION', 'several expressions separated by ; need --jacobian', { input: expression, position: expression.indexOf(';') });
  if (o.hessian === true) return renderMatrix(expression, hessian(expression, wrt, limitsOf(o)), p, o);
  const results = compute();
  if (o.check !== undefined) return renderCheck(expression, results, o.check, p, o);
  if (o.sgd !== undefined) {
    if (p === undefined) throw new DerivError('BAD_OPTION', '--sgd needs a starting point: --at w=…,b=…,x=…', { hint: 'the --wrt variables are updated, the others are data' });
    if (wrt === undefined) throw new DerivError('BAD_OPTION', '--sgd needs --wrt to name the parameters to update', { hint: 'e.g. --wrt w,b' });
    return renderSgd(expression, results, o.sgd, p, o);
  }
  return renderAt(expression, results, p!, o);
}
