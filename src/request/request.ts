/**
 * One request, whoever makes it: the command line, a --batch JSON line, the playground's URL hash or a library
 * call (`answer({ expr, wrt, at })`). Each reader is a thin adapter over the option table (options.ts): it
 * finds an option's raw value in its own place — a flag, a field, a hash key — and the option's row turns
 * it into the field below, so an option means one thing in every front end.
 *
 * A Request is data: no defaults left to fill in, nothing read yet from `input` (that is the answer's work).
 */
import type { Detail } from '../steps/record.js';

export const FORMATS = ['text', 'latex', 'json', 'markdown', 'html', 'js', 'python', 'numpy', 'c'] as const;
export type Format = (typeof FORMATS)[number];
export const CODE_FORMATS = ['js', 'python', 'numpy', 'c'] as const;
export type CodeFormat = (typeof CODE_FORMATS)[number];
export const isCodeFormat = (f: string): f is CodeFormat => (CODE_FORMATS as readonly string[]).includes(f);

/**
 * What a request asks for, by what its input is and how many variables it names: one derivative
 * (`--wrt w`), a gradient (several, or every variable), a higher or mixed one (`--order 2`, `--mixed`),
 * the backward pass of a program (`z = …; L = …`), and the same two in matrix form (`--shape`).
 */
export const MODES = ['expression', 'gradient', 'higher', 'program', 'matrix', 'matrix-program'] as const;
export type Mode = (typeof MODES)[number];

export const MODE_NAMES: Readonly<Record<Mode, string>> = {
  expression: 'one derivative',
  gradient: 'a gradient',
  higher: 'a higher or mixed derivative',
  program: 'a program',
  matrix: 'matrix form (--shape)',
  'matrix-program': 'a program in matrix form',
};

export interface Request {
  /** The expression or program, as given (a leading `L = …` names the function). */
  readonly input: string;
  /** The variables, in order; undefined: every variable of the input, in order of appearance. */
  readonly wrt: readonly string[] | undefined;
  readonly order: number;
  readonly mixed: boolean;
  readonly format: Format;
  readonly steps: Detail | undefined;
  /** The function's name as given (--name); undefined: the input's `L = …`, else f. */
  readonly name: string | undefined;
  readonly simplify: boolean;
  readonly maxLength: number | undefined;
  readonly maxSize: number | undefined;
  /** Matrix form: the --shape text. */
  readonly shape: string | undefined;
  /** The point as --at text (`x=1,y=2`, matrices as `X=[[1,2],[3,4]]`). */
  readonly at: string | undefined;
  readonly check: string | undefined;
  /** The learning rate, as text (`0.01`, `1/100`). */
  readonly sgd: string | undefined;
  readonly stepsN: number | undefined;
  readonly hessian: boolean;
  readonly jacobian: boolean;
  readonly cse: boolean;
  /** Programs: the assignment that is the function. */
  readonly of: string | undefined;
  readonly expand: boolean;
  /** Generated code: the parameter order. */
  readonly args: readonly string[] | undefined;
}

export const DEFAULT_REQUEST: Omit<Request, 'input'> = Object.freeze({
  wrt: undefined,
  order: 1,
  mixed: false,
  format: 'text',
  steps: undefined,
  name: undefined,
  simplify: true,
  maxLength: undefined,
  maxSize: undefined,
  shape: undefined,
  at: undefined,
  check: undefined,
  sgd: undefined,
  stepsN: undefined,
  hessian: false,
  jacobian: false,
  cse: false,
  of: undefined,
  expand: false,
  args: undefined,
});

export type RequestKey = keyof Omit<Request, 'input'>;
