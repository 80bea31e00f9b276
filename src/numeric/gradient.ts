/**
 * What `gradient()` returns: an ordinary array of Derivative (index it, map it,
 * spread it) whose `at` also accepts a point. `at(i)` with a number keeps
 * Array.prototype.at's meaning (the i-th partial, negative from the end);
 * `at(point)` gives the partials' values there, in the same order.
 */
import type { Expr } from '../expr.js';
import { type PointValue, valueAt } from './exact-eval.js';
import { type PointInput, toPoint } from './point.js';

/** The part of a Derivative that evaluation needs (the class lives in api.ts). */
export interface PartialLike {
  readonly expr: Expr;
  readonly order: readonly string[];
}

export class Gradient<D extends PartialLike> extends Array<D> {
  /** map, filter, slice … return plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** The gradient's partials from a list (a one-element list is not a length). */
  static fromPartials<D extends PartialLike>(items: readonly D[]): Gradient<D> {
    const g = new Gradient<D>();
    for (const d of items) g.push(d);
    return g;
  }

  override at(index: number): D | undefined;
  override at(point: PointInput): PointValue[];
  override at(arg: number | PointInput): D | undefined | PointValue[] {
    if (typeof arg === 'number') return super.at(arg);
    const point = toPoint(arg);
    return Array.from(this, (d) => valueAt(d.expr, point, d.order));
  }
}
