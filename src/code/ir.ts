/**
 * Straight-line programs: what generated code computes.
 *
 * A CodeProgram has inputs (variable names), temporaries each bound once to an expression over
 * inputs and earlier temporaries, and named outputs (a scalar, or a matrix given row by row).
 * Every code target (src/code/emit.ts) and `compile()` print one; the builders (src/code/build.ts)
 * make one from a derivative, a gradient (reverse mode, src/code/reverse.ts), a Hessian or
 * Jacobian, or a program with named intermediates.
 *
 * Contract: substituting the temporaries into the outputs gives the outputs' expressions (each
 * temporary's expression uses only inputs and temporaries defined before it).
 */
import type { Expr } from '../core/expr.js';
import { children } from '../core/expr.js';

export interface CodeBinding {
  readonly name: string;
  readonly expr: Expr;
}

export interface CodeOutput {
  /** The output's key: `value`, a variable (`w`), `x,y` for a mixed partial, `hessian`, `jacobian`. */
  readonly key: string;
  /** One expression, or a matrix's entries row by row (`rows` × `cols`). */
  readonly exprs: readonly Expr[];
  readonly rows?: number;
  readonly cols?: number;
}

export interface CodeProgram {
  /** The generated function's name (grad_L, hess_f, …). */
  readonly name: string;
  readonly inputs: readonly string[];
  readonly temps: readonly CodeBinding[];
  readonly outputs: readonly CodeOutput[];
  /** Display order for printing: the inputs as the user wrote them, then the temporaries. */
  readonly order: readonly string[];
}

export const isMatrixOutput = (o: CodeOutput): boolean => o.rows !== undefined;

/**
 * Arithmetic operations one evaluation of e performs, counted on its tree (symbols and numbers
 * are free): a sum or product of k operands is k − 1, a power or a function call 1.
 */
export function opsOf(e: Expr): number {
  let ops = 0;
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case 'add':
        ops += node.terms.length - 1;
        break;
      case 'mul':
        ops += node.factors.length - 1;
        break;
      case 'pow':
      case 'call':
        ops += 1;
        break;
      default:
        continue;
    }
    for (const k of children(node)) stack.push(k);
  }
  return ops;
}

/** Operations of the whole program: every temporary once, every output entry once. */
export function countOps(p: CodeProgram): number {
  let ops = 0;
  for (const t of p.temps) ops += opsOf(t.expr);
  for (const o of p.outputs) for (const e of o.exprs) ops += opsOf(e);
  return ops;
}
