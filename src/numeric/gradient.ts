/**
 * What `gradient()` returns: an ordinary array of Derivative (index it, map it,
 * spread it) whose `at` also accepts a point. `at(i)` with a number keeps
 * Array.prototype.at's meaning (the i-th partial, negative from the end);
 * `at(point)` gives the partials' values there, in the same order.
 */
import type { Expr } from '../expr.js';
import { type PointValue, valueAt } from './exact-eval.js';
import { type PointInput, toPoint } from './point.js';
import type { DerivWarning } from '../warnings.js';

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

  override at(index: number): D | undefined;
  override at(point: PointInput): PointValue[];
  override at(arg: number | PointInput): D | undefined | PointValue[] {
    if (typeof arg === 'number') return super.at(arg);
    const point = toPoint(arg);
    return Array.from(this, (d) => valueAt(d.expr, point, d.order));
  }
}
