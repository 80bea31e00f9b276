/**
 * A derivation as plain text (the CLI's `--steps` output):
 *
 *   f = (w*x + b - y)^2/2
 *   where A = w*x + b - y
 *   1. ∂A/∂w = x
 *      sum rule, term by term; b and y do not depend on w
 *   2. ∂f/∂w = ∂/∂w [A^2/2] = x*A
 *      chain rule: outer ∂/∂A of A^2/2 is A, inner ∂A/∂w is x
 *   ∂f/∂w = x*(w*x + b - y)
 *
 * Expressions are mathjs-compatible text (src/print/text.ts); names for inner
 * functions are defined once under "where".
 */
import type { Expr } from '../core/expr.js';
import { toText } from './text.js';
import { textHeading } from './heading.js';
import type { VariableOrder } from './display-order.js';
import { abbreviate, type Derivation } from '../steps/record.js';
import { explain, stepEquation, type Voice } from '../steps/explain.js';

export interface StepsTextOptions {
  readonly order?: VariableOrder;
  /** The function's name (default f). */
  readonly name?: string;
  /** With --at: an expression's value at the point, appended to each line (`∂A/∂w = x = 10`). */
  readonly value?: (e: Expr) => string;
}

/** ∂/∂w, ∂A/∂w, ∂²f/∂x∂y. */
export function textPartial(wrt: readonly string[], name = ''): string {
  if (wrt.length === 0) return 'the derivative';
  const h = textHeading(wrt);
  const slash = h.indexOf('/');
  return `${h.slice(0, slash)}${name}${h.slice(slash)}`;
}

export function textVoice(order?: VariableOrder): Voice {
  const math = (e: Expr): string => toText(e, order === undefined ? {} : { order });
  return {
    text: (w) => w,
    math,
    partial: (wrt, name) => textPartial(wrt, name),
    applied: (op, e) => `${op} [${math(e)}]`,
    prime: (fn, arg) => `${fn}′(${math(arg)})`,
    relation: (a, op, b) => `${math(a)} ${op} ${math(b)}`,
    equals: () => ' = ',
  };
}

export function stepsToText(d: Derivation, options: StepsTextOptions = {}): string {
  const name = options.name ?? 'f';
  const v = textVoice(options.order);
  // A number is its own value: `∂A/∂b = 1`, not `= 1 = 1`.
  const at = (e: Expr): string => (options.value === undefined || e.kind === 'num' ? '' : ` = ${options.value(e)}`);
  const lines: string[] = [`${name} = ${v.math(d.input)}${at(d.input)}`];
  d.substitutions.forEach((s, i) => {
    lines.push(`${i === 0 ? 'where' : '     '} ${s.name} = ${v.math(abbreviate(s.expr, d.substitutions, s.name))}${at(s.expr)}`);
  });
  let n = 0;
  for (const pass of d.passes) {
    for (const step of pass.steps) {
      const eq = stepEquation(step, d, v, name);
      const label = `${++n}. `;
      lines.push(`${label}${[eq.lhs, eq.middle, eq.rhs].filter((s) => s !== undefined).join(' = ')}${at(step.after)}`);
      lines.push(`${' '.repeat(label.length)}${explain(step, d, v)}`);
    }
  }
  if (d.wrt.length > 0) lines.push(`${textPartial(d.wrt, name)} = ${v.math(d.result)}${at(d.result)}`);
  return lines.join('\n');
}

/** The derivation as JSON-ready data: one entry per step, expressions as text, the note in words. */
export function stepsToJSON(
  d: Derivation,
  options: StepsTextOptions = {},
): { rule: string; row?: string; wrt: string; before: string; after: string; note: string; value?: string }[] {
  const v = textVoice(options.order);
  return d.passes.flatMap((pass) =>
    pass.steps.map((step) => ({
      rule: step.rule,
      ...(step.row === undefined ? {} : { row: step.row }),
      wrt: step.wrt,
      before: v.math(step.before),
      after: v.math(step.after),
      note: explain(step, d, v),
      ...(options.value === undefined ? {} : { value: options.value(step.after) }),
    })),
  );
}
