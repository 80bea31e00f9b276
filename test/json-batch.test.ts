/**
 * `deriv --batch`: JSON requests on stdin, one JSON answer per line on stdout, in input order; a bad line is an
 * error object and never stops the batch; the exit code is the stdin batch's (largest code of the failed lines).
 * In-process here (src, no worker threads); the worker path runs through the built bundle at the end. Memory is
 * checked by design: the stream never reads more than a few runs of input ahead of what it has written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { deriv } from './helpers/cli.js';
import { streamBatch } from '../src/cli/batch-stream.js';
import { LineSplitter } from '../src/cli/batch-lines.js';
import { runs } from './helpers/run-seed.js';

type Row = Record<string, unknown> & { line: number; error?: { code: string; field?: string; position?: number } };
const rows = (stdout: string): Row[] => (stdout === '' ? [] : stdout.split('\n').map((l) => JSON.parse(l) as Row));
const batch = async (stdin: string, args: string[] = []) => {
  const r = await deriv(['--batch', ...args], { stdin });
  return { ...r, rows: rows(r.stdout) };
};
const one = async (request: object | string): Promise<Row> => (await batch(typeof request === 'string' ? request : JSON.stringify(request))).rows[0]!;

describe('deriv --batch: answers', () => {
  // Shapes and values here; the spellings themselves are compared with the plain command's below.
  it.each([
    [{ expr: 'x*w^2+b^2', wrt: 'w' }, { input: 'x*w^2+b^2', derivatives: [{ wrt: 'w', order: 1, text: expect.any(String) }] }],
    [{ expr: '(y-(x*w+b))^2', wrt: ['w', 'b'] }, { derivatives: [{ wrt: 'w' }, { wrt: 'b' }] }],
    [{ expr: 'x*w^2+b^2' }, { derivatives: [{ wrt: 'x' }, { wrt: 'w' }, { wrt: 'b' }] }],
    [{ expr: 'x*w^2+b^2', wrt: 'b, w' }, { derivatives: [{ wrt: 'b' }, { wrt: 'w' }] }],
    [{ expr: '1/(1+exp(-z))', wrt: 'z', format: 'latex' }, { derivatives: [{ wrt: 'z', latex: expect.any(String) }] }],
    [{ expr: 'x^3', wrt: 'x', format: 'json' }, { derivatives: [{ wrt: 'x', text: expect.any(String), latex: expect.any(String) }] }],
    [{ expr: 'sin(x^2)', wrt: 'x', order: 2 }, { derivatives: [{ wrt: 'x,x', order: 2 }] }],
    [{ expr: 'x^2*y^3', wrt: 'x,y', mixed: true }, { derivatives: [{ wrt: 'x,y', order: 2 }] }],
    [{ expr: '2+3' }, { derivatives: [], value: 5, exact: '5', warnings: [{ code: 'NO_VARIABLES' }] }],
    [{ expr: 'x^2', wrt: 'x', id: 'req-7' }, { id: 'req-7', derivatives: [{ wrt: 'x' }] }],
    [{ expr: 'x^2', wrt: 'x', id: { n: [1, 2] } }, { id: { n: [1, 2] } }],
    [
      { expr: '1/2*(w*x+b-y)^2', wrt: 'w,b', at: { x: 10, y: 50, w: 4, b: 5 } },
      { function: { value: 12.5, exact: '25/2' }, derivatives: [{ wrt: 'w', value: -50, exact: '-50' }, { wrt: 'b', value: -5, exact: '-5' }] },
    ],
    [{ expr: '1/2*(w*x+b-y)^2', wrt: 'w', at: 'x=10,y=50,w=4,b=5' }, { derivatives: [{ wrt: 'w', value: -50, exact: '-50' }] }],
    [{ expr: '1/2*(w2*max(0,w1*x+b1)+b2-y)^2', wrt: ['w2', 'b2', 'w1', 'b1'], at: { x: 2, y: 10, w1: 3, b1: 1, w2: 2, b2: 0 } }, { function: { value: 8 }, derivatives: [{ value: 28 }, { value: 4 }, { value: 16 }, { value: 8 }] }],
    [{ expr: 'x^2', wrt: 'x', at: { x: '1/3' } }, { derivatives: [{ exact: '2/3' }] }],
    [{ expr: '1/x', wrt: 'x', at: { x: 0 } }, { function: { value: null }, derivatives: [{ value: null }] }],
  ])('%j -> %j', async (request, expected) => {
    const row = await one(request);
    expect(row).toMatchObject({ line: 1, ...expected });
    expect(row.error).toBeUndefined();
  });

  it.each([
    [{ expr: 'x*w^2+b^2', wrt: ['w', 'b'], format: 'json' }, ['x*w^2+b^2', '--wrt', 'w,b']],
    [{ expr: '-(y*log(sigmoid(w*x+b))+(1-y)*log(1-sigmoid(w*x+b)))', wrt: 'w', format: 'json' }, ['-(y*log(sigmoid(w*x+b))+(1-y)*log(1-sigmoid(w*x+b)))', '--wrt', 'w']],
    [{ expr: 'x^2*y^3', wrt: 'x,y', mixed: true, format: 'json' }, ['x^2*y^3', '--wrt', 'x,y', '--mixed']],
    [{ expr: 'sin(x+x^2)', wrt: 'x', order: 3, format: 'json' }, ['sin(x+x^2)', '--wrt', 'x', '--order', '3']],
    [{ expr: 'x+x', wrt: 'x', simplify: false, format: 'json' }, ['x+x', '--wrt', 'x', '--no-simplify']],
  ])('%j spells its derivatives as `deriv %j -f json` does', async (request, args) => {
    const cli = JSON.parse((await deriv([...args, '-f', 'json'])).stdout) as { derivatives: { wrt: string; text: string; latex: string }[] };
    // Twice: the second answer comes from the cache of recent formulas and must be the same.
    const r = await batch(`${JSON.stringify(request)}\n${JSON.stringify({ ...request, id: 2 })}`);
    for (const row of r.rows) expect(row['derivatives']).toEqual(cli.derivatives.map(({ wrt, order, text, latex }: Record<string, unknown>) => ({ wrt, order, text, latex })));
  });

  it('the cache of recent formulas keys on every option that changes the answer', async () => {
    const requests = [
      { expr: '(x+1)^2*x', wrt: 'x' },
      { expr: '(x+1)^2*x', wrt: 'x', order: 2 },
      { expr: '(x+1)^2*x', wrt: 'x', simplify: false },
      { expr: 'x^3*y', wrt: 'x,y' },
      { expr: 'x^3*y', wrt: 'x,y', mixed: true },
      { expr: '(x+1)^2*x', wrt: 'x', format: 'latex' },
    ];
    const once = await Promise.all(requests.map(async (q) => (await one(q))['derivatives']));
    const r = await batch([...requests, ...requests].map((q) => JSON.stringify(q)).join('\n'));
    expect(r.rows.map((row) => row['derivatives'])).toEqual([...once, ...once]);
    expect(new Set(once.map((d) => JSON.stringify(d))).size).toBe(requests.length);
  });

  it('each format spells the derivatives its way and only its way', async () => {
    const r = await batch(['text', 'latex', 'json'].map((format) => JSON.stringify({ expr: 'x^3', wrt: 'x', format, at: { x: 2 } })).join('\n'));
    expect(r.rows.map((row) => Object.keys((row['derivatives'] as object[])[0]!).filter((k) => k === 'text' || k === 'latex'))).toEqual([['text'], ['latex'], ['text', 'latex']]);
  });

  it('"steps" adds the derivation of each derivative', async () => {
    const row = await one({ expr: 'sin(x^2)', wrt: 'x', steps: true });
    const steps = (row['derivatives'] as { steps: { rule: string }[] }[])[0]!.steps;
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.map((s) => s.rule)).toContain('chain');
  });

  it('warnings of reading come with the answer', async () => {
    const row = await one({ expr: '1/2x', wrt: 'x' });
    expect(row['warnings']).toEqual([expect.objectContaining({ code: expect.any(String) as string })]);
  });
});

describe('deriv --batch: a bad line is an error object, the batch goes on', () => {
  it.each([
    ['{"expr": "x^2", "wrt": "x"', 'BAD_OPTION', undefined, 26],
    ['nope', 'BAD_OPTION', undefined, undefined],
    ['[1, 2]', 'BAD_OPTION', undefined, undefined],
    ['"x^2"', 'BAD_OPTION', undefined, undefined],
    ['{"wrt": "x"}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": 42}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "wtr": "x"}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "wrt": 3}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "wrt": []}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "wrt": "x,,y"}', 'BAD_VARIABLE', 'wrt', 2],
    ['{"expr": "x^2", "format": "pdf"}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "order": 0}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "order": "two"}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "mixed": "yes"}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "steps": "all"}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "at": [1]}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "x^2", "at": {"x": null}}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "sin(x", "wrt": "x"}', 'PARSE', 'expr', 3],
    ['{"expr": "foo(x)", "wrt": "x"}', 'UNKNOWN_FUNCTION', 'expr', 0],
    ['{"expr": "x^2", "wrt": "x", "at": "x=1,y"}', 'BAD_OPTION', 'at', 4],
    ['{"expr": "x^2", "wrt": "x", "at": {"x": "1/"}}', 'BAD_OPTION', undefined, undefined],
    ['{"expr": "1/(x-x)", "wrt": "x"}', 'UNDEFINED', 'expr', 1],
  ])('%s -> %s (field %s, position %s)', async (line, code, field, position) => {
    const r = await batch(`{"expr": "x^2", "wrt": "x"}\n${line}\n{"expr": "x^3", "wrt": "x"}\n`);
    expect(r.rows).toHaveLength(3);
    expect(r.rows[0]).toMatchObject({ line: 1, derivatives: [{ text: '2*x' }] });
    expect(r.rows[2]).toMatchObject({ line: 3, derivatives: [{ text: '3*x^2' }] });
    const bad = r.rows[1]!;
    expect(bad.line).toBe(2);
    expect(bad.error).toMatchObject({ code, message: expect.any(String) as string });
    expect(bad.error!.field).toBe(field);
    if (position !== undefined) expect(bad.error!.position).toBe(position);
    expect(bad['derivatives']).toBeUndefined();
    expect(r.code).toBe(code === 'UNDEFINED' ? 4 : 2);
    expect(r.stderr).toContain('1 of 3 requests failed (the first on line 2)');
  });

  it('the error object names the expression and echoes the id', async () => {
    expect(await one({ expr: 'sin(x', wrt: 'x', id: 9 })).toEqual({
      line: 1, id: 9, input: 'sin(x',
      error: { code: 'PARSE', message: expect.any(String) as string, position: 3, field: 'expr', hint: expect.any(String) as string },
    });
  });

  it.each([
    ['all answered', ['{"expr":"x^2","wrt":"x"}'], 0],
    ['a bad line', ['{"expr":"x^2","wrt":"x"}', '{"expr":"sin(x"}'], 2],
    ['too large (--max-length 8)', ['{"expr":"x^2+x^3+x^4+x^5","wrt":"x"}'], 3],
    ['the largest code wins', ['{"expr":"sin(x"}', '{"expr":"1/(x-x)","wrt":"x"}', 'junk'], 4],
  ])('exit code: %s -> %d', async (what, lines, code) => {
    const r = await batch(lines.join('\n'), what.startsWith('too large') ? ['--max-length', '8'] : []);
    expect(r.code).toBe(code);
    expect(r.stderr === '').toBe(code === 0);
  });

  it('blank lines get no answer but keep their numbers; \\r\\n and a missing last newline are fine', async () => {
    const r = await batch('\n{"expr":"x^2","wrt":"x"}\r\n\r\n   \n{"expr":"x^3","wrt":"x"}');
    expect(r.rows.map((row) => row.line)).toEqual([2, 5]);
    expect(r.code).toBe(0);
  });

  it('empty input: no output, exit 0', async () => {
    expect(await batch('')).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('deriv --batch: options', () => {
  it.each([
    [['--wrt', 'x'], '--wrt'],
    [['--format', 'latex'], '--format'],
    [['--no-simplify'], '--no-simplify'],
    [['x^2'], 'expression argument'],
    [['--workers', 'two'], '--workers'],
    [['--workers', '2'], 'npm run build'],
  ])('deriv --batch %j -> exit 2, says %s', async (args, says) => {
    const r = await deriv(['--batch', ...args], { stdin: '{"expr":"x^2","wrt":"x"}\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(says);
  });

  it('--workers without --batch -> exit 2', async () => {
    const r = await deriv(['x^2', '--workers', '2']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
  });

  it('--max-length and --max-size apply to every request', async () => {
    const r = await batch('{"expr":"x^2","wrt":"x"}\n{"expr":"x^2+x^3+x^4+x^5+x^6+x^7","wrt":"x"}\n{"expr":"x^200","wrt":"x","order":3}\n', ['--max-length', '20', '--max-size', '4']);
    expect(r.rows.map((row) => row.error?.code)).toEqual([undefined, 'TOO_LARGE', 'TOO_LARGE']);
  });
});

/** Requests a program might send: good ones with what the plain command prints for them, bad ones. */
const GOOD_REQUESTS = [
  ['x*w^2+b^2', 'w'],
  ['x+x^2', 'x'],
  ['sin(x^2)', 'x'],
  ['(y-(x*w+b))^2', 'b'],
];
const GOOD: (readonly [string, string])[] = [];
beforeAll(async () => {
  for (const [expr, wrt] of GOOD_REQUESTS) GOOD.push([JSON.stringify({ expr, wrt: [wrt] }), (await deriv([expr!, '--wrt', wrt!])).stdout]);
});
const BAD = ['{"expr":"sin(x"}', '{"expr":"x","wrt":1}', '{oops', '{"expr":"x","when":1}', '{"expr":"x","wrt":"x","at":"x=="}'];

describe('deriv --batch: properties', () => {
  it('any mix of good, bad and blank lines: one answer per non-blank line, in order, bad ones as errors', async () => {
    const line = fc.oneof(
      fc.constantFrom(...GOOD.map(([l, text]) => ({ l, text: text as string | undefined }))),
      fc.constantFrom(...BAD.map((l) => ({ l, text: undefined }))),
      fc.constantFrom({ l: '', text: undefined }, { l: '  ', text: undefined }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), async (lines) => {
        const r = await batch(lines.map((x) => x.l).join('\n'));
        const expected = lines.map((x, i) => ({ ...x, line: i + 1 })).filter((x) => x.l.trim() !== '');
        expect(r.rows.map((row) => row.line)).toEqual(expected.map((x) => x.line));
        r.rows.forEach((row, i) => {
          const want = expected[i]!;
          if (want.text === undefined) expect(row.error?.code).toMatch(/^(PARSE|BAD_OPTION)$/);
          else expect(row['derivatives']).toMatchObject([{ text: want.text }]);
        });
        expect(r.code).toBe(expected.some((x) => x.text === undefined) ? 2 : 0);
      }),
      { numRuns: runs(40) },
    );
  });

  it('the line splitter gives back every line, numbered, however the bytes are chunked', () => {
    const text = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('é', 'λ∂', '😀x', '\r')), { maxLength: 6 }).map((parts) => parts.join('').replace(/\n/g, ''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), fc.array(fc.nat(60), { maxLength: 8 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (lines, cuts, jobBytes, finalNewline) => {
        const bytes = Buffer.from(lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : ''), 'utf8');
        const maxLine = 30;
        const splitter = new LineSplitter(jobBytes, maxLine);
        const got = new Map<number, string>();
        const tooLong: number[] = [];
        const take = (p: ReturnType<LineSplitter['end']> extends Generator<infer P> ? P : never): void => {
          if (p.kind === 'tooLong') tooLong.push(p.line);
          else Buffer.from(p.bytes).toString('utf8').replace(/\n$/, '').split('\n').forEach((l, i) => got.set(p.firstLine + i, l));
        };
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const at of [...points, bytes.length]) {
          for (const p of splitter.push(bytes.subarray(from, at))) take(p);
          from = at;
        }
        for (const p of splitter.end()) take(p);
        // An empty last line without a line break is no line at all.
        const expected = !finalNewline && lines.at(-1) === '' ? lines.slice(0, -1) : lines;
        // Every line comes back whole, under its own number — except lines too long to keep, which are reported
        // (a long line may still come back whole when it arrived in one chunk: then it was never held over).
        expected.forEach((l, i) => {
          if (got.has(i + 1)) expect(got.get(i + 1)).toBe(l);
          else expect(tooLong).toContain(i + 1);
        });
        for (const n of tooLong) expect(Buffer.byteLength(expected[n - 1]!)).toBeGreaterThan(maxLine);
        expect(got.size + tooLong.length).toBe(expected.length);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('deriv --batch: streaming with bounded memory (by design, not by timing)', () => {
  it('200,000 lines: input is read at most a few runs ahead of the output, and waits while the output is full', async () => {
    const LINES = 200_000;
    const PER_CHUNK = 100;
    const chunkText = `${'{"expr":"x^2","wrt":"x"}\n'.repeat(PER_CHUNK - 1)}{"expr":"sin(x","wrt":"x"}\n`;
    let pulled = 0;
    let written = 0;
    let maxAhead = 0;
    let writing = false;
    let pulledWhileWriting = 0;
    async function* source(): AsyncGenerator<string> {
      for (let i = 0; i < LINES / PER_CHUNK; i++) {
        if (writing) pulledWhileWriting++;
        pulled += PER_CHUNK;
        maxAhead = Math.max(maxAhead, pulled - written);
        yield chunkText;
      }
    }
    // A slow reader: every write takes a turn of the event loop before it is accepted.
    const write = async (block: string): Promise<void> => {
      writing = true;
      await new Promise((resolve) => setImmediate(resolve));
      written += block.split('\n').length;
      writing = false;
    };
    const summary = await streamBatch(source(), write, { limits: {}, workers: 0, workerEntry: undefined, maxLineBytes: 1 << 20, jobBytes: 1024 });
    expect(summary).toMatchObject({ answered: LINES, failed: LINES / PER_CHUNK, firstFailed: PER_CHUNK, workers: 0 });
    expect(written).toBe(LINES);
    // Never more than one chunk of input held beyond what has been written; never a read during a write.
    expect(maxAhead).toBeLessThanOrEqual(2 * PER_CHUNK);
    expect(pulledWhileWriting).toBe(0);
  });

  it('a line longer than the limit is not kept: it is skipped with a TOO_LARGE error and the next line answered', async () => {
    async function* source(): AsyncGenerator<string> {
      yield '{"expr":"x^2","wrt":"x"}\n{"expr":"';
      for (let i = 0; i < 50; i++) yield 'x+'.repeat(1000);
      yield 'x","wrt":"x"}\n{"expr":"x^3","wrt":"x"}\n';
    }
    const out: string[] = [];
    const summary = await streamBatch(source(), (b) => void out.push(b), { limits: {}, workers: 0, workerEntry: undefined, maxLineBytes: 10_000 });
    const answers = rows(out.join('\n'));
    expect(answers.map((a) => [a.line, a.error?.code])).toEqual([[1, undefined], [2, 'TOO_LARGE'], [3, undefined]]);
    expect(summary.failed).toBe(1);
  });
});

// ---------------------------------------------------------------- worker threads, through the built bundle
const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'bin/deriv.cjs');

function run(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('deriv --batch with worker threads (bin/deriv.cjs)', () => {
  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist/batch-worker.cjs'))) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  }, 120_000);

  // 3,000 lines: past the 'auto' threshold (2,000), many runs per worker, good and bad lines mixed.
  const input = Array.from({ length: 3000 }, (_, i) =>
    i % 97 === 5 ? '{"expr":"sin(x"}' : i % 89 === 3 ? 'not json' : i % 50 === 0 ? '' : JSON.stringify({ expr: `x^${(i % 7) + 2}*w+b`, wrt: i % 2 === 0 ? 'w' : ['x', 'b'], id: i }),
  ).join('\n');

  it.each([[['--workers', '2']], [[]]])('deriv --batch %j: the same answers, in the same order, as in-process', async (args) => {
    const inProcess = await deriv(['--batch', '--workers', '0'], { stdin: input });
    const threaded = await run(['--batch', ...args], input);
    expect(threaded.stdout).toBe(`${inProcess.stdout}\n`);
    expect(threaded.code).toBe(inProcess.code);
    expect(threaded.code).toBe(2);
    expect(threaded.stderr).toContain('requests failed');
    const lines = rows(inProcess.stdout);
    expect(lines.filter((l) => l.error === undefined).map((l) => l['id'])).toEqual(lines.filter((l) => l.error === undefined).map((l) => l.line - 1));
  });

  it('workers answer a stream that arrives slowly, line by line, as it arrives', async () => {
    const child = spawn(process.execPath, [BIN, '--batch', '--workers', '2'], { stdio: 'pipe' });
    child.stdout.setEncoding('utf8');
    const answers: string[] = [];
    let buffered = '';
    const next = (): Promise<string> =>
      new Promise((resolve) => {
        const check = (): void => {
          const nl = buffered.indexOf('\n');
          if (nl < 0) return;
          child.stdout.off('data', onData);
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          resolve(line);
        };
        const onData = (s: string): void => {
          buffered += s;
          check();
        };
        child.stdout.on('data', onData);
        check();
      });
    // Each answer is read before the next question is written: the batch must not wait for more input.
    for (const [request, text] of GOOD) {
      child.stdin.write(`${request}\n`);
      answers.push(await next());
      expect(JSON.parse(answers.at(-1)!)).toMatchObject({ derivatives: [{ text }] });
    }
    child.stdin.end();
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
  });
});

describe('--cse past the size limit in --batch', () => {
  // The command line answers a --cse request too large to write out by reverse mode; a --batch line reads that
  // answer's JSON, which was empty ({"line":1}) — found by the hostile-batch property on seed 603188157.
  it.each([
    ['-((x)+(x)) with maxSize 3', { expr: '-((x)+(x))', maxSize: 3, cse: true }, '-2'],
    ['(x+1)*(x+2)*(x+3) with maxSize 10', { expr: '(x+1)*(x+2)*(x+3)', maxSize: 10, cse: true }, undefined],
  ])('%s -> the reverse-mode answer as data', async (_, request, text) => {
    const r = await batch(`${JSON.stringify(request)}\n`);
    const answer = JSON.parse(r.stdout.trim()) as { derivatives: { wrt: string; text: string }[]; note: string };
    expect(answer.derivatives.map((d) => d.wrt)).toEqual(['x']);
    expect(typeof answer.derivatives[0]!.text).toBe('string');
    if (text !== undefined) expect(answer.derivatives[0]!.text).toBe(text);
    expect(answer.note).toMatch(/reverse mode/);
  });
});
