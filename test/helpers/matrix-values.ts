/**
 * Matrices of symbols for the matrix-form tests: every formula is expanded entry by entry on small
 * concrete shapes (X ↦ [[X_0_0, …]]) so the scalar engine can differentiate it, and evaluated at
 * random points.
 */
import type { MatrixValue } from '../../src/matrix/evaluate.js';
import type { Shape } from '../../src/matrix/shape.js';
import { sym } from '../../src/core/expr.js';
import { rng } from './oracle.js';

/** Concrete size of a declared shape. */
export const sizeOf = (shape: Shape, dims: Record<string, number>): [number, number] => [
  typeof shape.rows === 'number' ? shape.rows : dims[shape.rows]!,
  typeof shape.cols === 'number' ? shape.cols : dims[shape.cols]!,
];

/** Symbolic values: X ↦ [[X_0_0, …]], scalars ↦ their own symbol. */
export function symbolicValues(shapes: Map<string, Shape>, dims: Record<string, number>, scalars: string[]): Map<string, MatrixValue> {
  const out = new Map<string, MatrixValue>();
  for (const [name, shape] of shapes) {
    const [r, c] = sizeOf(shape, dims);
    out.set(name, Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => sym(`${name}_${i}_${j}`))));
  }
  for (const s of scalars) out.set(s, [[sym(s)]]);
  return out;
}

/** Every symbolic entry a value in [−0.8, 0.8] on a 1/1000 grid, drawn from the run's stream `seed`. */
export function randomPoint(values: Map<string, MatrixValue>, seed: number): Map<string, number> {
  const random = rng(seed);
  const point = new Map<string, number>();
  for (const v of values.values()) for (const row of v) for (const e of row) if (e.kind === 'sym') point.set(e.name, Math.round((random() * 1.6 - 0.8) * 1000) / 1000);
  return point;
}
