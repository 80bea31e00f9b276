/**
 * One request, whoever makes it: the command line, a --batch JSON line, the playground's URL hash or a library
 * call (`answer({ expr, wrt, at })`). Each reader is a thin adapter over the option table (options.ts): it
 * finds an option's raw value in its own place — a flag, a field, a hash key — and the option's row turns
 * it into the field below, so an option means one thing in every front end.
 *
 * A Request is data: no defaults left to fill in (DEFAULT_REQUEST, options.ts, has each row's), nothing read
 * yet from `input` (that is the answer's work).
 */
import type { OPTIONS } from './options.js';

type OptionRows = (typeof OPTIONS)[number];

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

/**
 * The request's options, one field per row of the option table (options.ts): the row's key, with the type its
 * reader returns. Adding an option to the table adds it here; nothing else lists the options.
 */
export type RequestOptions = {
  readonly [R in OptionRows as R['key']]: R extends { readonly default: infer T } ? T : never;
};

export interface Request extends RequestOptions {
  /** The expression or program, as given (a leading `L = …` names the function). */
  readonly input: string;
}

export type RequestKey = keyof RequestOptions;
