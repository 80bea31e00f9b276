/**
 * The option table: one row per option of a request. A row says everything about its option once — its
 * flag and help (the command line and --help are made from it), its field (a --batch JSON line and the
 * library's `answer()`), its hash key (the playground's links), how any raw value is read, and where it
 * applies: the modes and formats it works with. rules.ts refuses an option outside them, by rule, saying
 * why and what to use instead — an option is never silently ignored. The docs' options table is printed
 * from here too (docs/command-line.md; test/options-doc.test.ts keeps them equal).
 *
 * Adding an option is one row here (the Request type and its defaults are made from the rows), its effect where
 * the answer is made (the request reaches it whole), and its test.
 */
import { DerivError } from '../errors.js';
import { checkFunctionName, checkVariableName } from '../names.js';
import { describe } from '../validate.js';
import { parseShapes } from '../matrix/shape.js';
import { MAX_SGD_STEPS } from '../numeric/sgd.js';
import type { Detail } from '../steps/record.js';
import { readNames } from './names.js';
import { FORMATS, MODES, CODE_FORMATS, type Format, type Mode, type Request, type RequestKey } from './request.js';

/** One option. `T`: the type of its field in a Request (what `read` returns, and `default`). */
export interface OptionRow<K extends string = RequestKey, T = unknown> {
  /** The Request's field. */
  readonly key: K;
  /** The value when the option is not given. */
  readonly default: T;
  /** Commander's flags: `-w, --wrt <vars>`; a value in [] is optional. */
  readonly flags: string;
  readonly help: string;
  /** The field of a --batch line and of answer()'s request object (the key, unless another is given). */
  readonly field: string;
  /** The playground's hash key, when its links carry the option. */
  readonly hash?: string;
  /** Reads a raw value from any front end: text (a flag, a hash) or a JSON/JS value (a field). */
  readonly read: (raw: unknown, what: string) => T;
  /** Given twice, the values add up (--wrt w --wrt b), instead of the last one winning. */
  readonly accumulates?: boolean;
  /** The modes the option applies to. */
  readonly modes: readonly Mode[];
  /** The formats it applies to (all when absent). */
  readonly formats?: readonly Format[];
  /** Why it does not apply outside its modes and formats, and what to use instead (by mode, or 'format'). */
  readonly why?: Partial<Record<Mode | 'format', string>>;
}

const ALL: readonly Mode[] = MODES;
const SCALAR: readonly Mode[] = ['expression', 'gradient', 'higher'];
const PROGRAMS: readonly Mode[] = ['program', 'matrix-program'];
const NOT_CODE: readonly Format[] = FORMATS.filter((f) => !(CODE_FORMATS as readonly string[]).includes(f));
const CODE_WHY = 'generated code takes every input as a parameter: call the function at the point';

const bad = (what: string, expected: string, raw: unknown): DerivError => new DerivError('BAD_OPTION', `${what} must be ${expected}, got ${describe(raw)}`);

/** true/false, from a flag (a boolean), a field (a boolean) or a hash (`1`, `true`, `0`, `false`). */
function readBoolean(raw: unknown, what: string): boolean {
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === '1' || raw === '') return true;
  if (raw === 'false' || raw === '0') return false;
  throw bad(what, 'true or false', raw);
}

/** A whole number from min to max, from a field (a number) or text (`3`). */
function readCount(min: number, max: number): (raw: unknown, what: string) => number {
  return (raw, what) => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw bad(what, `a whole number from ${min} to ${max}`, raw);
    return n;
  };
}

function readText(raw: unknown, what: string): string {
  if (typeof raw !== 'string') throw bad(what, 'text', raw);
  return raw;
}

/** A number as text (a learning rate): a field may give the number itself. */
function readNumberText(raw: unknown, what: string): string {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'string' && raw.trim() !== '') return raw;
  throw bad(what, 'a number (0.01, 1/100)', raw);
}

/** A point: --at text, or an object of numbers and number texts ({"x": 10, "p": "1/3"}) from a field. */
function readPoint(raw: unknown, what: string): string {
  if (typeof raw === 'string') return raw;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw bad(what, 'a point: an object ({"x": 1}) or text ("x=1")', raw);
  const parts = Object.entries(raw as Record<string, unknown>).map(([k, x]) => {
    if ((typeof x !== 'number' || !Number.isFinite(x)) && typeof x !== 'string' && !Array.isArray(x))
      throw bad(`${what}: the value of '${k}'`, 'a number, a text such as "1/3", or a matrix [[…]]', x);
    checkVariableName(k);
    return `${k}=${typeof x === 'string' ? x : JSON.stringify(x)}`;
  });
  if (parts.length === 0) throw new DerivError('BAD_OPTION', `${what} has no values`, { hint: 'e.g. {"x": 1, "w": 2}' });
  return parts.join(',');
}

function readSteps(raw: unknown, what: string): Detail | undefined {
  if (raw === undefined || raw === false) return undefined;
  if (raw === true || raw === 'brief' || raw === '') return 'brief';
  if (raw === 'full') return 'full';
  throw bad(what, '"brief" or "full"', raw);
}

function readFormat(raw: unknown, what: string): Format {
  if (typeof raw === 'string' && (FORMATS as readonly string[]).includes(raw)) return raw as Format;
  throw bad(what, `one of ${FORMATS.join(', ')}`, raw);
}

/** --shape text, read now so a mistake in it is reported at once (with its position in the text). */
function readShape(raw: unknown, what: string): string {
  const text = readText(raw, what);
  parseShapes(text);
  return text;
}

/** A row, typed by its key and field type (the Request type is made from these). */
const row = <K extends string, T>(r: OptionRow<K, T>): OptionRow<K, T> => r;

/** The rows, in the order --help lists them. */
export const OPTIONS = [
  row({ key: 'wrt', default: undefined, flags: '-w, --wrt <vars>', field: 'wrt', hash: 'wrt', accumulates: true, modes: ALL,
    help: 'differentiate with respect to these variables, comma-separated (given twice, both lists; default: all, as they appear)',
    read: (raw, what) => readNames(raw, what) }),
  row({ key: 'order', default: 1, flags: '-n, --order <n>', field: 'order', hash: 'order', modes: SCALAR, read: readCount(1, 100),
    help: 'differentiate n times',
    why: { program: 'a program gives its backward pass (first derivatives); for higher ones differentiate the formula it computes', matrix: 'matrix form gives gradients (first derivatives)', 'matrix-program': 'matrix form gives gradients (first derivatives)' } }),
  row({ key: 'mixed', default: false, flags: '--mixed', field: 'mixed', hash: 'mixed', modes: SCALAR, read: readBoolean,
    help: 'with several --wrt variables: one mixed partial (∂²f/∂x∂y), not the gradient',
    why: { program: 'a program gives its backward pass (first derivatives)', matrix: 'matrix form gives gradients (first derivatives)', 'matrix-program': 'matrix form gives gradients (first derivatives)' } }),
  row({ key: 'format', default: 'text' as Format, flags: '-f, --format <format>', field: 'format', modes: ALL, read: readFormat,
    help: `output format: ${FORMATS.join(', ')}` }),
  row({ key: 'steps', default: undefined, flags: '--steps [detail]', field: 'steps', hash: 'steps', modes: ALL, formats: NOT_CODE, read: readSteps,
    help: 'show the derivation step by step: brief (default) or full', why: { format: CODE_WHY } }),
  row({ key: 'name', default: undefined, flags: '--name <name>', field: 'name', hash: 'name', modes: ALL, read: (raw, what) => checkFunctionName(raw, what),
    help: "the function's name in headings and code (default: L from `L = …`, else f; a program's bare last line)" }),
  row({ key: 'simplify', default: true, flags: '--no-simplify', field: 'simplify', hash: 'simplify', modes: [...SCALAR, 'program'], formats: NOT_CODE, read: readBoolean,
    help: 'print the raw canonical derivative, without the simplifier',
    why: {
      matrix: 'matrix form is written by the matrix rules directly (∇w = X\'*(X*w - y)): there is no raw form to show',
      'matrix-program': 'matrix form is written by the matrix rules directly (∂L/∂w = X\'*∂L/∂y_hat): there is no raw form to show',
      format: 'generated code is always simplified, each shared piece computed once; --no-simplify shows the raw derivative as a formula (--format text or latex)',
    } }),
  row({ key: 'maxLength', default: undefined, flags: '--max-length <chars>', field: 'maxLength', modes: ALL, read: readCount(1, 1_000_000_000),
    help: 'longest expression accepted (default 2000000)' }),
  row({ key: 'maxSize', default: undefined, flags: '--max-size <nodes>', field: 'maxSize', modes: ALL, read: readCount(1, 1_000_000_000),
    help: 'largest derivative, in expression nodes written out; also the work budget of one request (default 1000000)' }),
  row({ key: 'shape', default: undefined, flags: '--shape <shapes>', field: 'shape', hash: 'shape', modes: ['matrix', 'matrix-program'], read: readShape,
    help: 'matrix form: declare vectors and matrices, e.g. X=n×d,w=d,y=n (others are scalars)' }),
  row({ key: 'at', default: undefined, flags: '--at <point>', field: 'at', hash: 'at', modes: ALL, formats: NOT_CODE, read: readPoint,
    help: 'values at a point, e.g. x=10,y=50,w=4,b=5 (exact where the numbers are)', why: { format: CODE_WHY } }),
  row({ key: 'check', default: undefined, flags: '--check <claim>', field: 'check', hash: 'check', modes: ['expression', 'gradient', 'higher', 'matrix'], formats: NOT_CODE, read: readText,
    help: 'is CLAIM the derivative? prints correct or wrong (exit code 0 or 1); with --at, at that point',
    why: {
      program: "--check compares one formula; a program's backward pass is checked by --at (each adjoint's value) or by writing the formula out",
      'matrix-program': "--check compares one formula; a program's backward pass is checked by --at (each adjoint's value)",
      format: CODE_WHY,
    } }),
  row({ key: 'sgd', default: undefined, flags: '--sgd <lr>', field: 'sgd', hash: 'sgd', modes: ['expression', 'gradient', 'program', 'matrix', 'matrix-program'], formats: NOT_CODE, read: readNumberText,
    help: 'gradient descent on the --wrt parameters from the --at point, with learning rate lr',
    why: { higher: '--sgd takes first derivatives: drop --order and --mixed', format: CODE_WHY } }),
  row({ key: 'stepsN', default: undefined, flags: '--steps-n <k>', field: 'stepsN', hash: 'stepsN', modes: ['expression', 'gradient', 'program', 'matrix', 'matrix-program'], formats: NOT_CODE, read: readCount(0, MAX_SGD_STEPS),
    help: 'with --sgd: how many gradient-descent updates to run (default 1); not related to --steps',
    why: { higher: '--sgd takes first derivatives: drop --order and --mixed', format: CODE_WHY } }),
  row({ key: 'hessian', default: false, flags: '--hessian', field: 'hessian', hash: 'hessian', modes: ['expression', 'gradient'], read: readBoolean,
    help: 'the matrix of second derivatives (with --at: and its values)',
    why: {
      higher: '--hessian is the matrix of second derivatives itself: drop --order and --mixed',
      program: 'a program gives its backward pass; for the Hessian write the formula it computes out',
      matrix: '--hessian takes scalar variables; with --shape deriv gives gradients of a scalar function (∇w): name the entries as scalars (w1, w2, …) and use --hessian without --shape',
      'matrix-program': '--hessian takes scalar variables; in matrix form deriv gives gradients',
    } }),
  row({ key: 'jacobian', default: false, flags: '--jacobian', field: 'jacobian', hash: 'jacobian', modes: ['expression', 'gradient'], read: readBoolean,
    help: 'several expressions separated by ; : the matrix of their first derivatives',
    why: {
      higher: '--jacobian is the matrix of first derivatives: drop --order and --mixed',
      program: "a program has one function: its backward pass is that function's gradient",
      matrix: '--jacobian takes scalar functions; with --shape deriv gives gradients of a scalar function',
      'matrix-program': '--jacobian takes scalar functions; in matrix form deriv gives gradients',
    } }),
  row({ key: 'cse', default: false, flags: '--cse', field: 'cse', hash: 'cse', modes: SCALAR, formats: ['text', 'latex', 'json'], read: readBoolean,
    help: 'name shared subexpressions once (t1 = …) and give the derivatives in terms of them',
    why: {
      program: "a program names its shared pieces already: its backward pass is written in the program's own names",
      'matrix-program': "a program names its shared pieces already: its backward pass is written in the program's own names",
      matrix: 'matrix form writes shared pieces once already (X*w + b - y is one vector)',
      format: '--cse works with --format text, latex or json (generated code always names shared pieces once)',
    } }),
  row({ key: 'of', default: undefined, flags: '--of <name>', field: 'of', hash: 'of', modes: PROGRAMS, read: (raw, what) => checkVariableName(readText(raw, what)),
    help: 'programs: the function is this assignment (default: the last)',
    why: { expression: '--of picks an assignment of a program (name = expression; …)', gradient: '--of picks an assignment of a program (name = expression; …)', higher: '--of picks an assignment of a program (name = expression; …)', matrix: '--of picks an assignment of a program (name = expression; …)' } }),
  row({ key: 'expand', default: false, flags: '--expand', field: 'expand', hash: 'expand', modes: PROGRAMS, formats: NOT_CODE, read: readBoolean,
    help: 'programs: also each gradient entry in terms of the inputs',
    why: { expression: '--expand writes a program\'s gradient in its inputs; an expression\'s derivative is in them already', gradient: "--expand writes a program's gradient in its inputs; an expression's derivative is in them already", higher: "--expand writes a program's gradient in its inputs", matrix: "--expand writes a program's gradient in its inputs", format: 'generated code computes the backward pass itself; --expand writes the gradient as formulas (--format text, latex, json or a note)' } }),
  row({ key: 'args', default: undefined, flags: '--args <vars>', field: 'args', hash: 'args', modes: ALL, formats: CODE_FORMATS, read: (raw, what) => readNames(raw, what),
    help: 'generated code: the parameters in this order (default: the data inputs by name, x2 before x10, then the --wrt variables)',
    why: { format: '--args orders the parameters of generated code: use it with --format js, python, numpy or c' } }),
] as const;

/** The rows as one type (a row's `read` gives its field's type). */
export const ROWS: readonly OptionRow[] = OPTIONS;
export const OPTION_BY_KEY: ReadonlyMap<RequestKey, OptionRow> = new Map(ROWS.map((r) => [r.key, r]));
export const OPTION_BY_FIELD: ReadonlyMap<string, OptionRow> = new Map(ROWS.map((r) => [r.field, r]));
export const OPTION_BY_HASH: ReadonlyMap<string, OptionRow> = new Map(ROWS.filter((r) => r.hash !== undefined).map((r) => [r.hash!, r]));

/** Every option at its default: a request is this and the options given, over its input. */
export const DEFAULT_REQUEST: Omit<Request, 'input'> = Object.freeze(Object.fromEntries(ROWS.map((r) => [r.key, r.default]))) as Omit<Request, 'input'>;

/** `--wrt` (the long flag), for messages. */
export const flagOf = (row: OptionRow): string => /--[\w-]+/.exec(row.flags)![0];
