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
import { DerivError } from '../errors.js';

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
  /** The function's own value (key `value`), as opposed to a partial by a variable that happens to be named `value`. */
  readonly functionValue?: true;
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

/** The one hint for a name listed twice: a repeated variable means a higher derivative only with --mixed. */
export const LISTED_TWICE_HINT = 'list each variable once; for a second derivative such as ∂²f/∂x² use --mixed --wrt x,x (derivative(f, [\'x\', \'x\']))';

/** Throws BAD_VARIABLE when a gradient's variables repeat one (a gradient has one partial per variable). */
export function refuseRepeats(wrt: readonly string[], what?: string): void {
  const seen = new Set<string>();
  for (const v of wrt) {
    if (seen.has(v)) throw new DerivError('BAD_VARIABLE', `'${v}' is listed twice in ${what ?? 'the variables of the gradient'}`, what === undefined ? { hint: LISTED_TWICE_HINT } : {});
    seen.add(v);
  }
}

/**
 * A program's names are a function's parameters and its result's keys: each must be distinct, or
 * the generated code has a duplicate parameter, or one output silently overwrites another (a
 * variable named `value` next to the function's value). Throws BAD_VARIABLE naming the clash.
 */
export function checkProgram(p: CodeProgram): void {
  const inputs = new Set<string>();
  for (const v of p.inputs) {
    if (inputs.has(v)) throw new DerivError('BAD_VARIABLE', `'${v}' is a parameter of the generated function twice`, { hint: LISTED_TWICE_HINT });
    inputs.add(v);
  }
  const keys = new Set<string>();
  for (const o of p.outputs) {
    if (!keys.has(o.key)) {
      keys.add(o.key);
      continue;
    }
    if (o.key === 'value')
      throw new DerivError('BAD_VARIABLE', "a variable named 'value' would share its output key with the function's value", {
        hint: 'rename the variable, or ask for the partials alone: compile(result, { value: false })',
      });
    throw new DerivError('BAD_VARIABLE', `two outputs have the key '${o.key}': a variable is listed twice`, { hint: LISTED_TWICE_HINT });
  }
}

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

/** Natural order of names: x2 before x10, then by code point (a fixed order, whatever the locale). */
const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** What sets the parameters of generated code (a request passes itself: its --args). */
export interface ParameterOptions {
  /** The parameters in this order (--args); default: parameterOrder's rule. */
  readonly args?: readonly string[] | undefined;
}

/**
 * The parameters of a generated function, by one rule for every language and every function over the
 * same names: the data inputs (the variables not differentiated) sorted by name (x2 before x10), then the
 * variables differentiated, in the order asked — so two losses over x, y, w, b are both f(x, y, w, b).
 * `args` (--args) sets the order instead: it must name every input, once.
 */
export function parameterOrder(inputs: Iterable<string>, wrt: readonly string[], options: ParameterOptions = {}): string[] {
  const all = new Set(inputs);
  const args = options.args;
  if (args !== undefined) {
    refuseRepeats(args, '--args');
    const unknown = args.find((a) => !all.has(a));
    if (unknown !== undefined) throw new DerivError('BAD_VARIABLE', `--args names '${unknown}', which is not an input of the function`, { hint: `its inputs are ${[...all].join(', ')}` });
    const missing = [...all].filter((a) => !args.includes(a));
    if (missing.length > 0) throw new DerivError('BAD_VARIABLE', `--args must name every input: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`, { hint: `e.g. --args ${[...args, ...missing].join(',')}` });
    return [...args];
  }
  const differentiated = [...new Set(wrt)].filter((v) => all.has(v));
  const asked = new Set(differentiated);
  return [...[...all].filter((v) => !asked.has(v)).sort(NATURAL.compare), ...differentiated];
}
