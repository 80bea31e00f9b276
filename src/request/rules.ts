/**
 * What a request asks for (its mode), and whether its options go together. An option outside its row's
 * modes or formats is refused by rule — BAD_OPTION with the row's reason and what to use instead — so no
 * option is ever silently ignored; the rules below are those between options (one of --check, --sgd,
 * --hessian and --jacobian; --steps-n needs --sgd; …), the same for every front end.
 */
import { DerivError } from '../errors.js';
import { ROWS as OPTIONS, DEFAULT_REQUEST, flagOf, type OptionRow } from './options.js';
import { MODE_NAMES, isCodeFormat, type Mode, type Request } from './request.js';

/** The mode of a request whose input is (or is not) a program. */
export function modeOf(r: Request, program: boolean): Mode {
  if (program) return r.shape !== undefined ? 'matrix-program' : 'program';
  if (r.shape !== undefined) return 'matrix';
  if (r.order !== 1 || r.mixed) return 'higher';
  return r.wrt?.length === 1 ? 'expression' : 'gradient';
}

/** Whether the request sets this option (to something other than its default). */
export function isSet(r: Request, row: OptionRow): boolean {
  const value = r[row.key];
  return Array.isArray(value) ? true : value !== DEFAULT_REQUEST[row.key];
}

const refuse = (message: string, hint?: string): DerivError => new DerivError('BAD_OPTION', message, hint === undefined ? {} : { hint });

/** Throws BAD_OPTION (or BAD_VARIABLE) for the first option that does not apply or does not go with another. */
export function checkRequest(r: Request, mode: Mode): void {
  // Options that exclude each other first: their message names both.
  for (const rule of RULES) rule(r, mode);
  for (const row of OPTIONS) {
    if (!isSet(r, row)) continue;
    const flag = flagOf(row);
    if (!row.modes.includes(mode)) throw refuse(`${flag} does not apply to ${MODE_NAMES[mode]}`, row.why?.[mode]);
    if (row.formats !== undefined && !row.formats.includes(r.format)) throw refuse(`${flag} does not go with --format ${r.format}`, row.why?.format);
  }
}

type Rule = (r: Request, mode: Mode) => void;

const RULES: readonly Rule[] = [
  (r) => {
    const asked = [r.check !== undefined && '--check', r.sgd !== undefined && '--sgd', r.hessian && '--hessian', r.jacobian && '--jacobian'].filter(Boolean);
    if (asked.length > 1) throw refuse(`choose one of ${asked.join(' and ')}`);
  },
  (r) => {
    if (r.stepsN !== undefined && r.sgd === undefined) throw refuse('--steps-n goes with --sgd', 'e.g. --sgd 0.01 --steps-n 3');
  },
  (r, mode) => {
    if (r.sgd === undefined) return;
    if (r.at === undefined) throw refuse('--sgd needs a starting point: --at w=…,b=…,x=…', 'the --wrt variables are updated, the others are data');
    // Every mode alike: the parameters are named, the other inputs are data (a program's x and y are not updated).
    if (r.wrt === undefined) throw refuse('--sgd needs --wrt to name the parameters to update', 'e.g. --wrt w,b');
  },
  (r, mode) => {
    if (r.steps === undefined) return;
    const other = [r.check !== undefined && '--check', r.sgd !== undefined && '--sgd', r.hessian && '--hessian', r.jacobian && '--jacobian', r.cse && '--cse'].find(Boolean);
    if (other) throw refuse(`--steps shows derivations; it does not go with ${other}`, mode === 'matrix' ? undefined : '--steps with --at gives each step its value at the point');
    if (mode === 'matrix-program' && r.at !== undefined) throw refuse('a program in matrix form shows --steps without --at', 'drop --at to see each line with its rule, or --steps to see the values');
  },
  (r) => {
    if (r.check === undefined || r.mixed || r.wrt === undefined || r.wrt.length === 1) return;
    throw refuse('--check compares one derivative: give one variable with --wrt (or --mixed)', 'e.g. --wrt w --check "x*(w*x+b-y)"');
  },
  (r, mode) => {
    if (mode === 'matrix' && r.check !== undefined && r.wrt === undefined)
      throw refuse('--check compares one gradient: give one variable with --wrt', 'e.g. --wrt w --check "2/n*X\'*(X*w - y)"');
  },
  (r) => {
    // A name twice is ∂²f/∂x² only when asked for as one mixed partial; in a gradient it would be the same line twice.
    if (r.wrt === undefined || r.mixed) return;
    const seen = new Set<string>();
    for (const n of r.wrt) {
      if (seen.has(n)) throw new DerivError('BAD_VARIABLE', `'${n}' is listed twice in --wrt`, { hint: `with --mixed, --wrt ${n},${n} is the second derivative ∂²f/∂${n}²` });
      seen.add(n);
    }
  },
  (r, mode) => {
    if ((mode === 'matrix' || mode === 'matrix-program') && isCodeFormat(r.format) && r.format !== 'numpy')
      throw refuse(`with --shape (matrix form), code is generated for numpy only, not ${r.format}`, 'use --format numpy: arrays in, the gradients in NumPy\'s linear algebra');
  },
  (r, mode) => {
    if (mode !== 'matrix-program') return;
    if ((r.steps !== undefined || r.sgd !== undefined) && r.format !== 'text' && r.format !== 'json')
      throw refuse(`a program in matrix form shows ${r.steps !== undefined ? '--steps' : '--sgd'} as text or json`, 'use --format text or --format json');
  },
];
