/**
 * What `gradient()` returns: an ordinary array of Derivative (index it, map it,
 * spread it) whose `at` also accepts a point. `at(i)` with a number keeps
 * Array.prototype.at's meaning (the i-th partial, negative from the end);
 * `at(point)` gives the partials' values there, in the same order.
 */
import * as v from '../validate.js';
import type { Expr } from '../core/expr.js';
import { type PointValue, valueAt } from './exact-eval.js';
import { type PointInput, toPoint } from './point.js';
import type { DerivWarning } from '../warnings.js';
import type { DomainGuard } from '../parse/domain.js';
import { INSPECT } from '../inspect.js';
import { textHeading } from '../print/heading.js';
import { toText } from '../print/text.js';
import { resultEquations } from '../print/equation.js';

/** The part of a Derivative that evaluation and printing need (the class lives in api.ts). */
export interface PartialLike {
  readonly input: Expr;
  readonly variables: readonly string[];
  readonly expr: Expr;
  readonly order: readonly string[];
  /** The input's domain guards: where the input as written has no value, neither has the partial. */
  readonly domain?: readonly DomainGuard[];
}

export class Gradient<D extends PartialLike> extends Array<D> {
  /** map, filter, slice … return plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** What may not have been read as meant (every partial's warnings, each once; NO_VARIABLES for a constant). */
  get warnings(): readonly DerivWarning[] {
    return this.#warnings;
  }
  #warnings: readonly DerivWarning[] = [];

  /** The gradient's partials from a list (a one-element list is not a length). */
  static fromPartials<D extends PartialLike>(items: readonly D[], warnings: readonly DerivWarning[] = []): Gradient<D> {
    // Sized up front and filled by index: push on an Array subclass takes a slow path (~15× the cost).
    const g = new Gradient<D>(items.length);
    for (let i = 0; i < items.length; i++) g[i] = items[i]!;
    g.#warnings = Object.freeze([...warnings]);
    return g;
  }

  /** One line per partial: `∂/∂w = x*(w*x + b - y)`. */
  override toString(): string {
    return Array.from(this, (d) => `${textHeading(d.variables)} = ${toText(d.expr, { order: d.order })}`).join('\n');
  }
  /** The gradient as one LaTeX equation, `\nabla_{w,b} L = \left( …, … \right)` (name default f). */
  toTex(options: { name?: string } = {}): string {
    v.options({ name: v.functionName })(options, 'toTex: the options');
    return resultEquations(Array.from(this), options.name ?? 'f').join('\n');
  }
  /** console.log(g): the lines of toString, under the count. */
  [INSPECT](): string {
    const warned = this.#warnings.length === 0 ? '' : `\n(warnings: ${this.#warnings.map((w) => w.code).join(', ')})`;
    return `Gradient(${this.length}) [${this.length === 0 ? '' : `\n  ${this.toString().split('\n').join('\n  ')}\n`}]${warned}`;
  }

  override at(index: number): D | undefined;
  override at(point: PointInput): PointValue[];
  override at(arg: number | PointInput): D | undefined | PointValue[] {
    if (typeof arg === 'number') return super.at(arg);
    const point = toPoint(v.point(arg, 'at: the point') as PointInput);
    return Array.from(this, (d) => valueAt(d.expr, point, d.order, { input: d.input, ...(d.domain === undefined ? {} : { guards: d.domain }) }));
  }
}
