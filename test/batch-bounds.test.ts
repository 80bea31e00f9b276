/**
 * Issue 27 ("never unbounded"), `deriv --batch`: every line gets its own coded answer, whatever its JSON, and the
 * batch goes on; no option makes one request cost the machine. Codes are asserted, never times (the times are in
 * bench/bounds.mjs).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { deriv } from './helpers/cli.js';
import { MAX_JSON_DEPTH, tooDeep } from '../src/cli/batch-request.js';
import { REQUEST_FIELDS } from '../src/request/read-fields.js';
import { tokenSoup, wellFormed } from './helpers/fuzz-inputs.js';
import { runs } from './helpers/run-seed.js';

type Row = Record<string, unknown> & { line: number; error?: { code: string; field?: string; position?: number } };
const rows = (stdout: string): Row[] => (stdout === '' ? [] : stdout.split('\n').map((l) => JSON.parse(l) as Row));
const batch = async (stdin: string, args: string[] = []) => {
  const r = await deriv(['--batch', ...args], { stdin });
  return { ...r, rows: rows(r.stdout) };
};

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const withId = (idJson: string): string => `{"expr":"x^2","id":${idJson}}`;

const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'bin/deriv.cjs');
const bin = (args: string[], input: string) => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 26 });

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/batch-worker.cjs'))) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
}, 120_000);

describe('finding 27.1: a batch line nested 5,000 arrays deep ended the batch (internal error, exit 70)', () => {
  const deep = withId(nested(5000));
  const next = '{"expr":"x^3","wrt":"x"}';

  it('before: "Maximum call stack size exceeded", later lines unanswered; after: TOO_LARGE for that line, the next answered', async () => {
    const r = await batch(`${deep}\n${next}\n`);
    expect(r.rows.map((row) => [row.line, row.error?.code])).toEqual([[1, 'TOO_LARGE'], [2, undefined]]);
    // The position is the first bracket past the limit, counted in the line.
    expect(r.rows[0]!.error).toMatchObject({ position: '{"expr":"x^2","id":'.length + MAX_JSON_DEPTH - 1 });
    expect(r.code).toBe(3);
  });

  it('an id nested up to the limit is echoed as it came; one level more is TOO_LARGE', async () => {
    const r = await batch(`${withId(nested(MAX_JSON_DEPTH - 1))}\n${withId(nested(MAX_JSON_DEPTH))}\n`);
    expect(JSON.stringify(r.rows[0]!['id'])).toBe(nested(MAX_JSON_DEPTH - 1));
    expect(r.rows[0]!.error).toBeUndefined();
    expect(r.rows[1]!.error?.code).toBe('TOO_LARGE');
  });

  it('brackets inside strings (escaped quotes too) do not count as nesting', () => {
    const text = JSON.stringify({ expr: 'x', id: `"${'['.repeat(500)}\\"{{{` });
    expect(tooDeep(text, 2)).toBe(-1);
    expect(tooDeep('[[["]"]]]', 3)).toBe(-1);
    expect(tooDeep('[[[["]"]]]]', 3)).toBe(3);
  });

  describe('through the built command, with and without worker threads', () => {
    it.each([[['--workers', '0']], [['--workers', '1']]])('deriv --batch %j: a coded answer per line, exit 3 (not 70)', (args) => {
      const deeper = withId(nested(500_000));
      const r = bin(['--batch', ...args], `${deep}\n${next}\n${deeper}\n${next}\n`);
      expect(rows(r.stdout.trimEnd()).map((row) => [row.line, row.error?.code])).toEqual([[1, 'TOO_LARGE'], [2, undefined], [3, 'TOO_LARGE'], [4, undefined]]);
      expect(r.stderr).not.toContain('internal error');
      expect(r.status).toBe(3);
    });
  });
});

describe('finding 27.4: --workers 1000 started 1,000 threads (14 s, 5.1 GB for one request)', () => {
  const cores = availableParallelism();

  it(`before: accepted; after: more worker threads than cores (${cores} here) is BAD_OPTION, exit 2, nothing read`, async () => {
    const r = await deriv(['--batch', '--workers', '1000'], { stdin: '{"expr":"x^2"}\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('BAD_OPTION');
    expect(r.stderr).toContain(`at most ${cores}`);
  });

  it('one past the cores is refused through the built command too; the cores themselves are not', () => {
    const over = bin(['--batch', '--workers', String(cores + 1)], '{"expr":"x^2"}\n');
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('BAD_OPTION');
    const at = bin(['--batch', '--workers', String(cores)], '{"expr":"x^2"}\n');
    expect(at.status).toBe(0);
    expect(rows(at.stdout.trimEnd())).toMatchObject([{ line: 1, derivatives: [{ text: '2*x' }] }]);
  });
});

// ---------------------------------------------------------------- finding 27.6: hostile requests
/** Codes a request may be answered with; INTERNAL (a bug) is not among them. */
const CODES = new Set(['PARSE', 'UNKNOWN_FUNCTION', 'ARITY', 'BAD_VARIABLE', 'UNSUPPORTED', 'BAD_OPTION', 'SHAPE', 'TOO_LARGE', 'UNDEFINED', 'ASSIGNED_TWICE', 'USED_BEFORE_ASSIGNED', 'CYCLE']);
/** Small limits keep each request cheap; the long strings below cross both the expression and the line limit. */
const LIMITS = ['--max-length', '4000', '--max-size', '20000'];

/** Nested JSON as text (a JS value this deep would overflow the test's own JSON.stringify). */
const deepText = fc.tuple(fc.integer({ min: 2, max: 6000 }), fc.constantFrom('[', '{"a":', '[{"b":'), fc.constantFrom('1', '"x"', '[]', '{}')).map(([d, open, leaf]) => {
  const close = open === '[' ? ']' : open === '{"a":' ? '}' : '}]';
  return `${open.repeat(d)}${leaf}${close.repeat(d)}`;
});
/** Strings: expressions, junk, BOMs and control characters, and long ones past the limits. */
const text = fc.oneof(
  wellFormed(fc),
  tokenSoup(fc),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('\ufeffx^2', 'x\u0000', '\ufeff', '', ' ', 'x,y', 'x,,y', '__proto__', 'constructor', 'x=1,y=2', 'brief', 'full', 'json', 'latex', 'text'),
  fc.tuple(fc.integer({ min: 1000, max: 70_000 }), fc.constantFrom('x+', 'sin(', '(', '∂', '\ufeff')).map(([n, unit]) => unit.repeat(n)),
);
/** Any field's value, as JSON text: random JSON, deep nesting, strings, wrong types, `__proto__` keys. */
const value = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: deepText },
  { weight: 4, arbitrary: text.map((t) => JSON.stringify(t)) },
  { weight: 2, arbitrary: fc.constantFrom('0', '-1', '1', '2', '3', '101', '1e308', '-0', '0.5', 'true', 'false', 'null', '[]', '{}', '["x","y"]', '[1,2]', '[""]', '{"x":1,"y":"1/3"}', '{"x":{"y":1}}', '{"__proto__":1,"x":2}', '{"x":[1]}', '{"=":1}') },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('x', 'y', 'w', '__proto__', 'e', 'sin', ' ', 'θ'), { maxLength: 5 }).map((a) => JSON.stringify(a)) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('x', 'y', 'w', '__proto__', 'constructor', ''), fc.oneof(fc.integer(), fc.constantFrom('1/3', 'x', ''), fc.constant(null))).map((o) => `{${Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`) },
);
/** What each field usually holds (so that requests get past their first field), as JSON text. */
const NAMES = ['x', 'y', 'w', 'b', '__proto__', 'constructor', 'θ'];
const plausible: Readonly<Record<string, fc.Arbitrary<string>>> = {
  expr: fc.oneof({ weight: 5, arbitrary: wellFormed(fc) }, { weight: 1, arbitrary: tokenSoup(fc) }).map((t) => JSON.stringify(t)),
  wrt: fc.oneof(fc.subarray(NAMES, { minLength: 1 }).map((a) => JSON.stringify(a)), fc.subarray(NAMES, { minLength: 1 }).map((a) => JSON.stringify(a.join(',')))),
  at: fc.oneof(
    fc.dictionary(fc.constantFrom(...NAMES), fc.oneof(fc.integer({ min: -9, max: 9 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('1/3', '-2', '0.5', 'pi', '1e400', 'x')), { minKeys: 1 }).map((o) => JSON.stringify(o)),
    fc.constantFrom('"x=1,y=2,w=3,b=4"', '"x=0"', '"x=1/0"', '"x="'),
  ),
  format: fc.constantFrom('"text"', '"latex"', '"json"'),
  order: fc.integer({ min: 1, max: 4 }).map(String),
  mixed: fc.boolean().map(String),
  simplify: fc.boolean().map(String),
  steps: fc.constantFrom('"brief"', '"full"', 'true', 'false'),
  name: fc.constantFrom('"L"', '"f"', '"__proto__"', '"θ"'),
  shape: fc.constantFrom('"X=n×d,w=d,y=n"', '"w=3"', '"x=2×2"'),
  check: fc.constantFrom('"2*x"', '"0"', '"y"'),
  sgd: fc.constantFrom('0.1', '"1/100"'),
  stepsN: fc.integer({ min: 0, max: 3 }).map(String),
  hessian: fc.boolean().map(String),
  jacobian: fc.boolean().map(String),
  cse: fc.boolean().map(String),
  of: fc.constantFrom('"z"', '"L"'),
  expand: fc.boolean().map(String),
  args: fc.constantFrom('"x,y"', '["w", "x"]'),
  maxLength: fc.constantFrom('1000', '5'),
  maxSize: fc.constantFrom('10000', '3'),
  // An id may be any JSON value: deep ones are as likely as a program's own.
  id: fc.oneof({ weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: deepText }),
};
/** A request line: any subset of the fields (expr usually present), each usually plausible and sometimes hostile, sometimes a stray or `__proto__` key, sometimes mangled. */
const requestLine = fc
  .tuple(
    fc.subarray([...REQUEST_FIELDS]),
    fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    fc.tuple(...REQUEST_FIELDS.map((f) => fc.oneof({ weight: 12, arbitrary: plausible[f] ?? value }, { weight: 1, arbitrary: value }))),
    fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'wtr', 'constructor', '') }),
    value,
    fc.oneof({ weight: 16, arbitrary: fc.constant('plain') }, { weight: 1, arbitrary: fc.constantFrom('bom', 'cut', 'bare', 'blank') }),
    fc.nat(),
  )
  .map(([subset, withExpr, values, stray, strayValue, mangle, cut]) => {
    const fields = withExpr && !subset.includes('expr') ? ['expr', ...subset] : subset;
    const entries = fields.map((f) => `${JSON.stringify(f)}:${values[REQUEST_FIELDS.indexOf(f)]!}`);
    if (stray !== null) entries.push(`${JSON.stringify(stray)}:${strayValue}`);
    const line = `{${entries.join(',')}}`;
    if (mangle === 'bom') return `\ufeff${line}`;
    if (mangle === 'cut') return line.slice(0, cut % (line.length + 1));
    if (mangle === 'bare') return values[0]!;
    if (mangle === 'blank') return '  ';
    return line;
  });

/** The laws: one JSON answer per non-blank line, numbered as the input; a derivative or a known code; exit 0, 2, 3 or 4. */
function checkAnswers(lines: readonly string[], out: { code: number | null; stdout: string; stderr: string }): void {
  // A line the splitter could not keep, or a blank one (a BOM at the start of input is dropped), gets no text to check.
  const expected = lines.map((l, i) => ({ l, n: i + 1 })).filter(({ l, n }) => (n === 1 ? l.replace(/^\ufeff/, '') : l).trim() !== '');
  const answers = out.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Row);
  expect(answers.map((a) => a.line)).toEqual(expected.map((e) => e.n));
  for (const a of answers) {
    if (a.error !== undefined) expect(CODES.has(a.error.code), `line ${a.line}: ${JSON.stringify(a.error)}`).toBe(true);
    else expect(a['input'], `line ${a.line}: ${JSON.stringify(a).slice(0, 300)}`).toBeTypeOf('string');
  }
  expect([0, 2, 3, 4]).toContain(out.code);
  expect(out.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('deriv --batch: '))).toEqual([]);
}

/*
 * What the requests get (2,000 sampled lines, the built command): ~35 % an answer; the rest errors of 40-odd
 * kinds — a wrong or unknown field, not JSON, not an object, nested too deep, too long, an expression that does
 * not parse or divides by zero, a point that is no number — so each field's checks and the paths after them run.
 */
describe('finding 27.6: hostile requests in every field of --batch (a property)', () => {
  it(`any JSON, deep nesting, long strings, wrong types, __proto__ keys and BOMs, ${runs(100)} batches of up to 6 lines: each line its own coded answer, the batch goes on`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(requestLine, { minLength: 1, maxLength: 6 }), async (lines) => {
        const r = await deriv(['--batch', ...LIMITS], { stdin: lines.join('\n') });
        checkAnswers(lines, { code: r.code, stdout: r.stdout, stderr: r.stderr });
      }),
      { numRuns: runs(100) },
    );
  }, 120_000);

  it.each([['0'], ['1']])('through the built command with --workers %s: the same laws over 150 such lines in one batch', (workers) => {
    const lines = fc.sample(requestLine, { numRuns: 150 });
    const r = bin(['--batch', '--workers', workers, ...LIMITS], lines.join('\n'));
    checkAnswers(lines, { code: r.status, stdout: r.stdout, stderr: r.stderr });
  }, 60_000);
});
