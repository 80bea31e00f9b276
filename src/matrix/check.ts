/**
 * --check in matrix form: is a claimed formula for a gradient right? The claim is read in the
 * function's shapes; a claim of another shape is wrong outright (d×1 against n×1 cannot agree for
 * every size). Otherwise both are evaluated — exactly where the entries are numbers — at the --at
 * point, or at random points with random sizes (each size name its own size, so n and d are not
 * confused), and compared entry by entry. Agreement at random points is evidence, not proof, and
 * the result says so.
 */
import { evaluate } from '../evaluate.js';
import { DerivError } from '../errors.js';
import { type Expr, num } from '../core/expr.js';
import { q } from '../core/rational.js';
import type { MatrixDerivative } from './api.js';
import type { MatrixValue } from './evaluate.js';
import { formatShape, type Dim } from './shape.js';

export interface MatrixCheck {
  readonly correct: boolean;
  /** 'shape': the claim's shape differs; 'point': compared at the given point; 'numeric': at random points. */
  readonly method: 'shape' | 'point' | 'numeric';
  /** How many points were compared. */
  readonly points: number;
  readonly claim: MatrixDerivative;
  /** For a wrong claim of the right shape: where it differs. */
  readonly counterexample?: { readonly values: ReadonlyMap<string, MatrixValue>; readonly derivative: MatrixValue; readonly claim: MatrixValue };
}

/** Random points compared when no point is given, and the most tried (a point where either side is undefined is skipped). */
const POINTS = 5;
const MAX_TRIES = 40;

/** A small deterministic generator (the same points every run, so a result can be reproduced). */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const close = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9 * (1 + Math.abs(a) + Math.abs(b));

/** Whether the two values differ in some entry (true), agree everywhere (false), or either is undefined at an entry (null). */
function differs(a: MatrixValue, b: MatrixValue): boolean | null {
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < a[i]!.length; j++) {
      const x = a[i]![j]!;
      const y = b[i]![j]!;
      if (x === y) continue;
      const vx = evaluate(x);
      const vy = evaluate(y);
      if (!Number.isFinite(vx) || !Number.isFinite(vy)) return null;
      if (!close(vx, vy)) return true;
    }
  return false;
}

/** Random values for `names`, with each size name drawn once for the whole point (2…5). */
function randomPoint(d: MatrixDerivative, names: readonly string[], next: () => number): Map<string, MatrixValue> {
  const sizes = new Map<string, number>();
  const pool = [2, 3, 4, 5];
  for (const s of d.sizeNames()) {
    const i = Math.floor(next() * pool.length);
    sizes.set(s, pool.length > 0 ? pool.splice(i, 1)[0]! : 2 + Math.floor(next() * 4));
  }
  const size = (dim: Dim): number => (typeof dim === 'number' ? dim : sizes.get(dim)!);
  // Small nonzero halves: exact, varied, and rarely a special point of a function.
  const entry = (): Expr => {
    const k = Math.floor(next() * 12) - 6;
    return num(q(BigInt(k === 0 ? 7 : k), 2n));
  };
  const values = new Map<string, MatrixValue>();
  for (const name of names) {
    const shape = d.shapeOf(name);
    values.set(name, Array.from({ length: size(shape.rows) }, () => Array.from({ length: size(shape.cols) }, entry)));
  }
  return values;
}

export function checkMatrixClaim(d: MatrixDerivative, claimText: string, at?: ReadonlyMap<string, MatrixValue>): MatrixCheck {
  const claim = d.claim(claimText);
  if (formatShape(claim.shape) !== formatShape(d.shape)) return { correct: false, method: 'shape', points: 0, claim };
  const compare = (values: ReadonlyMap<string, MatrixValue>): { verdict: boolean | null; derivative: MatrixValue; claimed: MatrixValue } => {
    const derivative = d.evaluate(values);
    const claimed = claim.evaluate(values);
    return { verdict: differs(derivative, claimed), derivative, claimed };
  };
  if (at !== undefined) {
    const { verdict, derivative, claimed } = compare(at);
    if (verdict === true) return { correct: false, method: 'point', points: 1, claim, counterexample: { values: at, derivative, claim: claimed } };
    return { correct: true, method: 'point', points: 1, claim };
  }
  const sizes = new Set(d.sizeNames());
  const names = [...new Set([...d.functionVariables(), ...d.formulaVariables(), ...claim.formulaVariables()])].filter((v) => !sizes.has(v));
  const next = generator(20261130);
  let points = 0;
  for (let tries = 0; tries < MAX_TRIES && points < POINTS; tries++) {
    const values = randomPoint(d, names, next);
    const { verdict, derivative, claimed } = compare(values);
    if (verdict === null) continue;
    points++;
    if (verdict) return { correct: false, method: 'numeric', points, claim, counterexample: { values, derivative, claim: claimed } };
  }
  if (points === 0)
    throw new DerivError('UNDEFINED', 'the gradient or the claim is undefined at every random point tried', { hint: 'check at a point of your own with --at' });
  return { correct: true, method: 'numeric', points, claim };
}
