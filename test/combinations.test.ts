/**
 * Every option × mode × format, made from the option table (src/request/options.ts): each cell sets one option
 * on a request of that mode in that format, and the answer must either show the option's effect (it differs
 * from the same request without the option) or refuse it with a code — BAD_OPTION by the table's rules, or the
 * error the option exists to raise (--max-length 5: TOO_LARGE). Nothing silently ignored: an option accepted
 * with no effect fails its cell, unless the cell is listed below with the reason it cannot show one.
 * The formats are the other axis, so the format row itself is not a cell.
 */
import { describe, expect, it } from 'vitest';
import { DerivError } from '../src/errors.js';
import { answer } from '../src/answer/answer.js';
import { readInput } from '../src/answer/reading.js';
import { renderDocument } from '../src/document/render.js';
import { ROWS, DEFAULT_REQUEST, flagOf, type OptionRow } from '../src/request/options.js';
import { checkRequest, modeOf } from '../src/request/rules.js';
import { FORMATS, MODES, type Format, type Mode, type Request, type RequestKey } from '../src/request/request.js';

const SCALAR = 'b*sin(w*x) + (w*x - y)^2/2';
const PROGRAM = 'z = w*x; L = b*sin(z) + (z - y)^2/2';
const MATRIX = 'mean((X*w + b - y)^2)';
const MATRIX_PROGRAM = 'y_hat = X*w + b; L = mean((y_hat - y)^2)';
const SHAPE = 'X=n×d,w=d,y=n';
const SCALAR_POINT = 'b=2,w=1/2,x=3,y=1';
const MATRIX_POINT = 'X=[[1,2],[3,4],[5,6]],w=[1,-1],b=1,y=[1,2,3]';

/** A request of each mode. */
const BASES: Readonly<Record<Mode, Partial<Request>>> = {
  expression: { input: SCALAR, wrt: ['w'] },
  gradient: { input: SCALAR },
  higher: { input: SCALAR, wrt: ['w'], order: 2 },
  program: { input: PROGRAM },
  matrix: { input: MATRIX, shape: SHAPE },
  'matrix-program': { input: MATRIX_PROGRAM, shape: SHAPE },
};

const isMatrix = (m: Mode): boolean => m === 'matrix' || m === 'matrix-program';
const pointOf = (m: Mode): string => (isMatrix(m) ? MATRIX_POINT : SCALAR_POINT);

/**
 * Each option's example in a mode: its value, with the options it needs (`--sgd` needs a point and parameters),
 * which the request without it keeps; `error`: the code the option is there to raise.
 */
interface Example {
  readonly set: Partial<Request>;
  readonly error?: readonly string[];
}
const EXAMPLES: Readonly<Record<Exclude<RequestKey, 'format'>, (m: Mode) => Example>> = {
  wrt: (m) => ({ set: { wrt: isMatrix(m) ? ['b'] : ['x'] } }),
  order: () => ({ set: { order: 3 } }),
  mixed: () => ({ set: { mixed: true, wrt: ['w', 'x'] } }),
  steps: () => ({ set: { steps: 'full' } }),
  // A program names its function by its assignment; --name names a bare last expression (and contradicting L = … is refused).
  name: (m) => (m === 'program' ? { set: { name: 'g', input: 'z = w*x; r = z - y; b*sin(z) + r^2/2' } } : m === 'matrix-program' ? { set: { name: 'g', input: 'y_hat = X*w + b; r = y_hat - y; mean(r.*r)' } } : { set: { name: 'g' } }),
  simplify: () => ({ set: { simplify: false } }),
  maxLength: () => ({ set: { maxLength: 5 }, error: ['TOO_LARGE'] }),
  maxSize: () => ({ set: { maxSize: 3 }, error: ['TOO_LARGE'] }),
  // Declaring a scalar function's w a vector makes the function a vector: matrix form says so (SHAPE).
  shape: (m) => (isMatrix(m) ? { set: { shape: 'X=n×d,w=d,y=n,b=n' } } : { set: { shape: 'w=2' }, error: ['SHAPE', 'BAD_OPTION'] }),
  at: (m) => ({ set: { at: pointOf(m) } }),
  check: (m) => ({ set: { check: isMatrix(m) ? "2/n*X'*(X*w - y)" : 'x', wrt: ['w'] } }),
  sgd: (m) => ({ set: { sgd: '1/10', at: pointOf(m), wrt: ['w', 'b'] } }),
  stepsN: (m) => ({ set: { stepsN: 2, sgd: '1/10', at: pointOf(m), wrt: ['w', 'b'] } }),
  hessian: () => ({ set: { hessian: true } }),
  jacobian: () => ({ set: { jacobian: true } }),
  // A formula with a piece that occurs in every derivative, so naming it once shows.
  cse: () => ({ set: { cse: true, input: 'b*sin(w*x)*cos(w*x)' } }),
  of: (m) => (m === 'matrix-program' ? { set: { of: 'L', input: 'r = X*w + b - y; L = mean(r.*r); M = 2*L' } } : { set: { of: 'z' } }),
  expand: () => ({ set: { expand: true } }),
  args: (m) => ({ set: { args: isMatrix(m) ? ['y', 'X', 'b', 'w'] : ['y', 'x', 'w', 'b'] } }),
};

/** Cells where an accepted option cannot show in the output, and why (reviewed: each is by design). */
const INERT: readonly { readonly key: RequestKey; readonly modes?: readonly Mode[]; readonly formats?: readonly Format[]; readonly why: string }[] = [
  {
    key: 'name',
    modes: ['expression', 'gradient', 'higher', 'matrix'],
    formats: ['text', 'json'],
    why: 'the text of a derivative is its formula (after ∂/∂w = or ∇w = when there are several) and its JSON the formula by variable: neither names the function; LaTeX, notes and code do',
  },
  {
    key: 'expand',
    modes: ['program'],
    formats: ['json', 'markdown', 'html'],
    why: "a program's JSON and note always give the gradient in the inputs (--expand adds it to the text and LaTeX)",
  },
];

type Outcome = { readonly text: string } | { readonly code: string; readonly message: string };

const seen = new Map<string, Outcome>();
function outcome(r: Request): Outcome {
  const key = JSON.stringify(r);
  let o = seen.get(key);
  if (o === undefined) {
    try {
      const a = answer(r);
      const d = a.document;
      o = { text: [renderDocument(d, r.format), ...d.warnings.map((w) => `warning ${w.code}`), ...d.notes, `exit ${d.exitCode}`].join('\n') };
    } catch (e) {
      if (!(e instanceof DerivError)) throw e;
      o = { code: e.code, message: e.message };
    }
    seen.set(key, o);
  }
  return o;
}

/** Whether the table's rules refuse the request (the same check answer() makes first). */
function refusal(r: Request): string | undefined {
  try {
    checkRequest(r, modeOf(r, readInput(r).program));
    return undefined;
  } catch (e) {
    if (e instanceof DerivError) return e.message;
    throw e;
  }
}

const ROWS_TESTED = ROWS.filter((r): r is OptionRow<Exclude<RequestKey, 'format'>> => r.key !== 'format');
const CELLS = MODES.flatMap((mode) => FORMATS.flatMap((format) => ROWS_TESTED.map((row) => ({ mode, format, row }))));
const tally = { effect: 0, refused: 0, raised: 0, inert: 0 };

describe(`every option × mode × format (${ROWS_TESTED.length} options × ${MODES.length} modes × ${FORMATS.length} formats = ${CELLS.length} cells)`, () => {
  it.each(MODES)('%s: each option shows its effect or is refused with a code, in every format', (mode) => {
    const failures: string[] = [];
    for (const { format, row } of CELLS.filter((c) => c.mode === mode)) {
      const example = EXAMPLES[row.key](mode);
      const base = { ...DEFAULT_REQUEST, ...BASES[mode], format } as Request;
      const withOption = { ...base, ...example.set } as Request;
      const without = { ...withOption, [row.key]: DEFAULT_REQUEST[row.key] } as Request;
      const cell = `${flagOf(row)} in ${mode}, --format ${format}`;
      const got = outcome(withOption);
      const refused = refusal(withOption);
      if (refused !== undefined) {
        // The input's own limit is checked first (a request too long is not read at all).
        const coded = 'code' in got && (got.code === 'BAD_OPTION' || got.code === 'BAD_VARIABLE' || (example.error?.includes(got.code) ?? false));
        if (!coded) failures.push(`${cell}: the rules refuse it (${refused}) but the answer is ${JSON.stringify(got).slice(0, 200)}`);
        else tally.refused++;
        continue;
      }
      if (example.error !== undefined) {
        if (!('code' in got) || !example.error.includes(got.code)) failures.push(`${cell}: expected ${example.error}, got ${JSON.stringify(got).slice(0, 200)}`);
        else tally.raised++;
        continue;
      }
      if ('code' in got) {
        failures.push(`${cell}: accepted by the rules, but ${got.code}: ${got.message}`);
        continue;
      }
      const before = outcome(without);
      if ('text' in before && before.text === got.text) {
        const inert = INERT.find((i) => i.key === row.key && (i.modes?.includes(mode) ?? true) && (i.formats?.includes(format) ?? true));
        if (inert === undefined) failures.push(`${cell}: accepted, and the output is the same as without it`);
        else tally.inert++;
        continue;
      }
      tally.effect++;
    }
    expect(failures).toEqual([]);
  });

  it('the cells add up', () => {
    const counted = tally.effect + tally.refused + tally.raised + tally.inert;
    if (counted === CELLS.length) console.log(`combinations: ${CELLS.length} cells — ${tally.effect} show the option's effect, ${tally.raised} raise the error it sets, ${tally.refused} refused by rule (BAD_OPTION), ${tally.inert} inert by design`);
    expect(counted).toBe(CELLS.length);
  });
});
