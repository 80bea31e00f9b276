/**
 * The answer for one expression (modes expression, gradient and higher): its derivatives, with their
 * derivations (--steps) and shared pieces (--cse) when asked; an expression without variables and without
 * --wrt has no derivative, and its value is the answer (NO_VARIABLES says so). And its document: the
 * derivatives as lines or one gradient equation, the derivations, the note's input and result sections.
 */
import { readExpression, variablesOf, derivativesOf, type Derivative } from '../api.js';
import type { Expr } from '../core/expr.js';
import { DerivError } from '../errors.js';
import { mergeWarnings, mergeWarningLists, type DerivWarning } from '../warnings.js';
import { valueAt } from '../numeric/exact-eval.js';
import { toText } from '../print/text.js';
import { toLatex, latexName } from '../print/latex.js';
import { textHeading, latexHeading } from '../print/heading.js';
import { stepsToJSON } from '../print/steps-text.js';
import { pageDerivations } from '../steps/page.js';
import type { Derivation } from '../steps/record.js';
import { cseForm } from '../print/cse-form.js';
import { gradientCode } from '../code/api.js';
import { CONSTANT_PRINTED, cancelled, warningJSON } from './warnings.js';
import { derivativeSections, derivativeTitle } from '../document/derivative-note.js';
import { math, spelled, BOTH, type Document, type Math } from '../document/model.js';
import type { Request } from '../request/request.js';
import type { Reading } from './reading.js';

export interface DerivativesAnswer {
  readonly results: readonly Derivative[];
  /** One derivative asked for by name (--wrt w, or --mixed): printed alone, without its heading. */
  readonly single: boolean;
  /** The expression, when it has no variables and none were asked for: its value is the answer. */
  readonly constant?: Expr;
  /** --steps: one derivation per result, on one page (an inner function keeps its letter). */
  readonly derivations?: readonly Derivation[];
  readonly warnings: readonly DerivWarning[];
}

/** Options of the library that the request sets. */
export function libraryOptions(r: Request): { order: number; simplify: boolean; maxLength?: number; maxSize?: number } {
  return { order: r.order, simplify: r.simplify, ...(r.maxLength === undefined ? {} : { maxLength: r.maxLength }), ...(r.maxSize === undefined ? {} : { maxSize: r.maxSize }) };
}

export function answerDerivatives(r: Request, reading: Reading): DerivativesAnswer {
  const computed = computeOnce(r, reading);
  const derivations = r.steps === undefined || computed.constant !== undefined ? undefined : pageDerivations(computed.results, r.steps, reading.name);
  return derivations === undefined ? computed : { ...computed, derivations };
}

/**
 * The derivatives of recent requests, by what determines them: a program asking for the same formula again —
 * at other points, with another id or format — gets it without reading, differentiating and simplifying again.
 * Two generations of RECENT/2 (a miss goes into `current`; a hit found in `previous` moves up; a full `current`
 * becomes `previous`): each recently used formula is kept, with no per-request delete. RECENT is small on
 * purpose: kept results stay alive through every young-generation collection, which copies them (256 formulas
 * cost ~4.6 µs per new request in --batch; 64 no more than 16 — bench/README.md). Failures are not kept.
 */
const RECENT = 64;
let current = new Map<string, DerivativesAnswer>();
let previous = new Map<string, DerivativesAnswer>();

function computeOnce(r: Request, reading: Reading): DerivativesAnswer {
  // Each name with its length in front, the text last: no two different requests share a key.
  let names = r.wrt === undefined ? '*' : '';
  if (r.wrt !== undefined) for (const n of r.wrt) names += `${n.length}:${n}`;
  const key = `${r.order}|${r.mixed ? 1 : 0}${r.simplify ? 1 : 0}|${r.maxLength ?? ''}|${r.maxSize ?? ''}|${r.format === 'markdown' || r.format === 'html' ? 1 : 0}${r.cse ? 1 : 0}${r.steps === undefined ? 0 : 1}|${names}|${reading.expression}`;
  const hit = current.get(key) ?? previous.get(key);
  if (hit !== undefined) {
    if (!current.has(key)) remember(key, hit);
    return hit;
  }
  const computed = compute(r, reading);
  remember(key, computed);
  return computed;
}

function remember(key: string, a: DerivativesAnswer): void {
  if (current.size >= RECENT / 2) {
    previous = current;
    current = new Map();
  }
  current.set(key, a);
}

function compute(r: Request, reading: Reading): DerivativesAnswer {
  const common = libraryOptions(r);
  const { expr, warnings: notes, domain, written } = readExpression(reading.expression, common);
  const wrt = r.wrt ?? variablesOf(expr);
  const single = r.wrt !== undefined && (r.mixed || r.wrt.length === 1);
  if (wrt.length === 0) {
    if (r.steps !== undefined || r.cse || r.format === 'markdown' || r.format === 'html')
      throw new DerivError('BAD_VARIABLE', 'the expression has no variables: there is nothing to differentiate', {
        input: reading.expression, position: 0, hint: 'without --format markdown/html, --steps and --cse deriv prints its value',
      });
    return { results: [], single, constant: expr, warnings: mergeWarnings(notes, [written.length === 0 ? CONSTANT_PRINTED : cancelled(written)]) };
  }
  // Values at a point answer for the input as written (its domain guards); one budget for the whole request.
  const results = derivativesOf(expr, wrt, r.mixed, domain.length === 0 ? common : { ...common, domain });
  const warnings = mergeWarningLists([notes, ...results.map((d) => d.warnings)]);
  return { results, single, warnings };
}

const wrtLabel = (d: Derivative): string => (d.variables.length === 1 ? d.variables[0]! : d.variables.join(','));

/** The document of the derivatives (see the file comment). */
export function derivativesDocument(a: DerivativesAnswer, r: Request, reading: Reading): Document {
  const name = reading.name;
  if (a.constant !== undefined) return constantDocument(a, reading);
  const first = a.results[0]!;
  const order = first.order;
  if (r.cse) return cseDocument(a, reading);
  return {
    get title() {
      return derivativeTitle(a.results, name);
    },
    get sections() {
      return derivativeSections(a, name);
    },
    json: (sp = BOTH) => ({
      input: reading.line,
      parsed: toText(first.input, { order }),
      wrt: a.results.map(wrtLabel),
      derivatives: a.results.map((d, i) => ({
        wrt: wrtLabel(d),
        order: d.variables.length,
        ...spelled(sp, () => d.toString(), () => d.toTex()),
        ...(a.derivations === undefined ? {} : { steps: stepsToJSON(a.derivations[i]!, { order: d.order, name }) }),
      })),
      warnings: a.warnings.map(warningJSON),
    }),
    exitCode: 0,
    notes: r.format === 'text' ? naturalLogNote(a.results) : [],
    warnings: a.warnings,
  };
}

/**
 * The text format writes log for the natural logarithm (mathjs's and NumPy's spelling; LaTeX prints \ln). Where
 * a log is shown (the input or a derivative, with one argument), it says so once, on stderr.
 */
export function naturalLogNote(results: readonly Derivative[]): string[] {
  const shown = (text: string): boolean => /(?:^|[^\w.])log\(/.test(text) && !/(?:^|[^\w.])log\([^()]*,/.test(text);
  return results.some((d) => shown(d.toString())) || (results[0] !== undefined && shown(toText(results[0].input, { order: results[0].order })))
    ? ['note: log is the natural logarithm ln (base e); log10(x), log2(x) and log(x, b) take other bases']
    : [];
}

function constantDocument(a: DerivativesAnswer, reading: Reading): Document {
  const c = a.constant!;
  const v = valueAt(c, new Map(), []);
  return {
    title: toText(c),
    sections: [{ blocks: [{ kind: 'math', items: [math(toText(c), toLatex(c))] }] }],
    json: () => ({ input: reading.line, parsed: toText(c), wrt: [], derivatives: [], ...v.toJSON(), warnings: a.warnings.map(warningJSON) }),
    exitCode: 0,
    notes: [],
    warnings: a.warnings,
  };
}

/** --cse: each shared piece named once (t1 = …), the derivatives in terms of them. */
function cseDocument(a: DerivativesAnswer, reading: Reading): Document {
  const title = reading.line;
  const { bindings, results, order } = cseForm(a.results);
  const name = reading.name;
  const rows: Math[] = [
    ...bindings.map((b) => math(`${b.name} = ${toText(b.expr, { order })}`, `${latexName(b.name)} &= ${toLatex(b.expr, { order })}`)),
    ...results.map((r) => math(a.single ? toText(r.expr, { order }) : `${textHeading(r.wrt)} = ${toText(r.expr, { order })}`, `${latexHeading(r.wrt, name)} &= ${toLatex(r.expr, { order })}`)),
  ];
  const aligned = math(rows.map((m) => m.text).join('\n'), `\\begin{aligned}\n${rows.map((m) => m.latex).join(' \\\\\n')}\n\\end{aligned}`);
  const wrtOf = (wrt: readonly string[]): string => (wrt.length === 1 ? wrt[0]! : wrt.join(','));
  return {
    title,
    sections: [{ blocks: [{ kind: 'math', items: [aligned] }] }],
    json: () => ({
      input: reading.line,
      parsed: toText(a.results[0]!.input, { order: a.results[0]!.order }),
      wrt: a.results.map((d) => wrtOf(d.variables)),
      cse: bindings.map((b) => ({ name: b.name, text: toText(b.expr, { order }), latex: toLatex(b.expr, { order }) })),
      derivatives: results.map((r) => ({ wrt: wrtOf(r.wrt), order: r.wrt.length, text: toText(r.expr, { order }), latex: toLatex(r.expr, { order }) })),
      warnings: a.warnings.map(warningJSON),
    }),
    exitCode: 0,
    notes: [],
    warnings: a.warnings,
  };
}

/**
 * --cse for a gradient too large to write out (Π(x + k), k = 1…1000): the gradient by reverse mode instead,
 * in the same shape, at a small multiple of the function's size.
 */
export function reverseModeDocument(r: Request, reading: Reading): Document {
  const { expr } = readExpression(reading.expression, libraryOptions(r));
  const p = gradientCode(expr, r.wrt ?? variablesOf(expr));
  const single = r.wrt !== undefined && r.wrt.length === 1;
  const lines = p.temps.map((t) => `${t.name} = ${toText(t.expr, { order: p.order })}`);
  for (const o of p.outputs) {
    const text = toText(o.exprs[0]!, { order: p.order });
    lines.push(single ? text : `${textHeading(o.key.split(','))} = ${text}`);
  }
  const note = 'the derivative written out is too large; shown by reverse mode, each shared piece named once';
  return {
    title: reading.line,
    sections: [{ blocks: [{ kind: 'math', items: [math(lines.join('\n'), '')] }] }],
    // The same answer as data, in the shape of --cse's (a --batch line reads only this).
    json: () => ({
      input: reading.line,
      parsed: toText(expr, { order: p.order }),
      wrt: p.outputs.map((o) => o.key),
      cse: p.temps.map((t) => ({ name: t.name, text: toText(t.expr, { order: p.order }) })),
      derivatives: p.outputs.map((o) => ({ wrt: o.key, order: 1, text: toText(o.exprs[0]!, { order: p.order }) })),
      note,
    }),
    exitCode: 0,
    notes: [`note: ${note}`],
    warnings: [],
  };
}
