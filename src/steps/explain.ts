/**
 * The words for each step of a derivation: "b does not depend on w", "chain
 * rule: outer ∂/∂A of A^2/2 is A, inner ∂A/∂w is x". One wording, spoken
 * through a Voice, so the text, LaTeX and Markdown printers say the same
 * thing in their own notation. Nothing here builds LaTeX or text directly.
 */
import { type Expr, call, mul, pow, sym, num, splitCoefficient, neg, children } from '../core/expr.js';
import { isNegative, q } from '../core/rational.js';
import { dependsOn } from '../analysis.js';
import { rowFor } from '../function-table.js';
import { partialAt } from '../templates.js';
import { abbreviate, nameOf, type Derivation, type DerivationStep, type ChainPart } from './record.js';

/** How a printer spells the pieces of an explanation. Every method returns a printable fragment. */
export interface Voice {
  /** Plain words. */
  text(words: string): string;
  /** An expression (already abbreviated with the derivation's names). */
  math(e: Expr): string;
  /** ∂/∂w (no name), ∂A/∂w, ∂²f/∂w² (several variables). */
  partial(wrt: readonly string[], name?: string): string;
  /** An operator applied to a bracketed expression: ∂/∂w [A^2/2]. */
  applied(operator: string, e: Expr): string;
  /** f′(u): the derivative of a named function at an argument. */
  prime(fn: string, arg: Expr): string;
  /** A relation between two expressions, e.g. A > 0. */
  relation(a: Expr, op: '>' | '=', b: Expr): string;
  /** An equals sign between fragments. */
  equals(): string;
}

/** The sides of a step's equation: `lhs = rhs`, with an optional middle form (root: ∂f/∂w = ∂/∂w [...] = ...). */
export interface StepEquation {
  readonly lhs: string;
  readonly middle?: string;
  readonly rhs: string;
}

const short = (e: Expr, d: Derivation): Expr => abbreviate(e, d.substitutions);

/** The wrt list a pass's root stands for: pass k differentiates k+1 times. */
function prefix(d: Derivation, step: DerivationStep): string[] {
  const k = d.passes.findIndex((p) => p.steps.includes(step));
  return d.wrt.slice(0, (k < 0 ? 0 : k) + 1);
}

export function stepEquation(step: DerivationStep, d: Derivation, v: Voice, name: string): StepEquation {
  // A quotient shows the quotient rule's form before the result: ∂/∂x [u/v] = (u′·v − u·v′)/v² = …
  const rhs = (step.quotient === undefined ? '' : v.math(short(step.quotient, d)) + v.equals()) + v.math(short(step.after, d));
  const beforeForm = v.applied(v.partial([step.wrt]), short(step.before, d));
  if (step.rule === 'simplify') return { lhs: v.partial(prefix(d, step), name), middle: v.math(short(step.before, d)), rhs };
  if (step.isRoot) return { lhs: v.partial(prefix(d, step), name), middle: beforeForm, rhs };
  const named = nameOf(step.before, d.substitutions);
  if (named !== undefined) return { lhs: v.partial([step.wrt], named), rhs };
  return { lhs: beforeForm, rhs };
}

/** "b and y", "b, c and y". */
function listing(items: readonly string[], v: Voice): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(v.text(', ')) + v.text(' and ') + items[items.length - 1]!;
}

/** A constant term without its sign: −y is listed as y. */
const unsigned = (e: Expr): Expr => (isNegative(splitCoefficient(e)[0]) ? neg(e) : e);

function doesNotDepend(items: readonly Expr[], step: DerivationStep, d: Derivation, v: Voice): string {
  const shown = items.map((e) => v.math(short(e, d)));
  return `${listing(shown, v)}${v.text(items.length > 1 ? ' do not depend on ' : ' does not depend on ')}${v.math(sym(step.wrt))}`;
}

/** Extra words for rows whose derivative people look up: ReLU′, |u|′, σ′. */
function rowNote(row: string, fnExpr: Expr, part: ChainPart, d: Derivation, v: Voice, lead = '; '): string {
  const u = short(part.inner, d);
  const at = (e: Expr): string => v.math(short(e, d));
  switch (row) {
    case 'max':
    case 'relu': {
      const isRelu = row === 'relu' || (fnExpr.kind === 'call' && fnExpr.args.some((a) => a.kind === 'num' && a.value.n === 0n));
      if (!isRelu) return '';
      if (row === 'max') {
        // max splits a tie ½/½ (as torch.maximum), so max(0, u) is relu(u) except at u = 0, where relu′ is 0.
        const step = at(call('heaviside', [part.inner, num(q(1n, 2n))]));
        return `${v.text(lead)}${v.math(call('max', [num(0), u]))}${v.text(' is ')}${v.math(call('relu', [u]))}${v.text(', and its slope ')}${step}${v.text(' is 1 where ')}${v.relation(u, '>', num(0))}${v.text(', 1/2 at the tie ')}${v.relation(u, '=', num(0))}${v.text(', else 0')}`;
      }
      return `${v.text(lead)}${v.prime('relu', u)}${v.equals()}${at(call('heaviside', [part.inner]))}${v.text(' is 1 where ')}${v.relation(u, '>', num(0))}${v.text(', else 0')}`;
    }
    default:
      return '';
  }
}

/** The row's own partial, written over its parameter names: exp′(u) = exp(u). */
function tableEntry(row: string, arity: number, v: Voice): string {
  const r = rowFor(row, arity);
  if (r === undefined || arity !== 1) return '';
  const u = sym(r.params[0]!);
  return `${v.text(`, from the rule table: `)}${v.prime(row, u)}${v.equals()}${v.math(partialAt(r, 0, [u]))}`;
}

function factorNote(step: DerivationStep, d: Derivation, v: Voice): string {
  return step.factor === undefined ? '' : `${v.text(', times the constant factor ')}${v.math(short(step.factor, d))}`;
}

/** The explanation of one step, in the given voice. */
export function explain(step: DerivationStep, d: Derivation, v: Voice): string {
  const x = step.wrt;
  const part = step.parts?.[0];
  switch (step.rule) {
    case 'constant':
      return doesNotDepend([step.before], step, d, v);
    case 'variable':
      return v.text('the variable itself');
    case 'sum':
      return v.text('sum rule, term by term') + (step.constants.length > 0 ? v.text('; ') + doesNotDepend(step.constants.map(unsigned), step, d, v) : '');
    case 'constant-factor':
      return v.text('constant factor: ') + doesNotDepend([mul(...step.constants)], step, d, v);
    case 'product': {
      if (step.quotient !== undefined) return v.text('quotient rule: (u′·v − u·v′)/v²');
      const quotient = step.before.kind === 'mul' && step.before.factors.some((f) => f.kind === 'pow' && f.exp.kind === 'num' && isNegative(f.exp.value));
      return v.text(quotient ? 'quotient rule, as a product with a negative power: one factor at a time' : 'product rule: differentiate one factor at a time, keep the others');
    }
    case 'power': {
      const base = step.factor === undefined ? step.before : (children(step.before).find((f) => f.kind === 'pow' && dependsOn(f, x)) ?? step.before);
      const n = base.kind === 'pow' ? base.exp : sym('n');
      return `${v.text('power rule: the exponent ')}${v.math(n)}${v.text(' comes down and drops by one')}${factorNote(step, d, v)}`;
    }
    case 'exponential': {
      const a = sym('a');
      return `${v.text('exponential rule: ')}${v.applied(v.partial([x]), pow(a, sym(x)))}${v.equals()}${v.math(mul(pow(a, sym(x)), call('log', [a])))}${factorNote(step, d, v)}`;
    }
    case 'general-power':
      return v.text('general power rule: the power rule for the base plus the exponential rule for the exponent (both depend on ') + v.math(sym(x)) + v.text(')');
    case 'function': {
      const note = part === undefined ? '' : rowNote(step.row ?? '', innerCall(step.before), part, d, v, ': ');
      const entry = note !== '' ? note : tableEntry(step.row ?? '', step.parts?.length ?? 0, v);
      return `${v.text('derivative of ')}${v.text(step.row ?? '')}${entry}${factorNote(step, d, v)}`;
    }
    case 'chain':
      return explainChain(step, d, v);
    case 'repeated': {
      const others = (step.omitted ?? []).slice(1);
      const partialOf = (e: Expr): string => {
        const named = nameOf(e, d.substitutions);
        return named === undefined ? v.applied(v.partial([x]), short(e, d)) : v.partial([x], named);
      };
      const shown = others.slice(0, 3).map(partialOf);
      const tail = others.length > 3 ? v.text(`, and ${others.length - 3} more`) : '';
      return `${v.text('the same rule as the similar steps above')}${others.length > 0 ? `${v.text('; likewise for ')}${listing(shown, v)}${tail}` : ''}`;
    }
    case 'simplify': {
      const fired = (step.simplifications ?? []).map((r) => r.name);
      return v.text(fired.length === 0 ? 'simplify: collect like terms, cancel, factor' : `simplify: ${fired.join('; ')}`);
    }
  }
}

function explainChain(step: DerivationStep, d: Derivation, v: Voice): string {
  const parts = step.parts ?? [];
  // The outer function as written, even when it is itself a named inner function of a larger step.
  const outerFn = abbreviate(step.before, d.substitutions, nameOf(step.before, d.substitutions));
  const pieces = parts.map((p) => {
    const inner = nameOf(p.inner, d.substitutions);
    const innerName = inner ?? (p.inner.kind === 'sym' ? p.inner.name : undefined);
    const wrtInner = innerName === undefined ? v.math(short(p.inner, d)) : v.math(sym(innerName));
    const outerPartial = innerName === undefined ? v.partial([]) : v.partial([innerName]);
    const innerPartial = innerName === undefined ? v.applied(v.partial([step.wrt]), short(p.inner, d)) : v.partial([step.wrt], innerName);
    return `${v.text('outer ')}${outerPartial}${v.text(' of ')}${v.math(outerFn)}${v.text(' is ')}${v.math(short(p.outer, d))}${v.text(', inner ')}${innerPartial}${v.text(' is ')}${v.math(short(p.innerDerivative, d))}` +
      (innerName === undefined ? `${v.text(' (with respect to ')}${wrtInner}${v.text(')')}` : '');
  });
  const head = parts.length > 1 ? v.text('chain rule, one term per argument that depends on ') + v.math(sym(step.wrt)) + v.text(': ') : v.text('chain rule: ');
  const fnNode = step.factor === undefined ? step.before : innerCall(step.before);
  const note = parts[0] !== undefined && step.row !== undefined ? rowNote(step.row, fnNode, parts[0], d, v) : '';
  return head + pieces.join(v.text('; ')) + note;
}

/** The function call inside c·f(u) (for notes that look at f's arguments). */
function innerCall(e: Expr): Expr {
  return e.kind === 'mul' ? (e.factors.find((f) => f.kind === 'call') ?? e) : e;
}
