/**
 * Issue 27, finding 5: several expressions on stdin (without --batch) used to be read whole and answered in one
 * job of the event loop, holding the input, every output and every expression made (200,000 lines: 1.86 GB). They
 * are now answered as they arrive, one run of input in hand (src/cli/stdin-lines.ts). Checked by design — how far
 * input is read ahead of the output — never by a time or a memory figure (those are in bench/bounds.mjs).
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, type CliIO } from '../src/cli/main.js';
import { deriv } from './helpers/cli.js';

/** The CLI in-process with stdin as a stream of chunks: records how far input was read ahead of the output. */
async function streamed(argv: string[], chunks: () => AsyncIterable<string>, written: { lines: number }) {
  const err: string[] = [];
  const io: CliIO = {
    stdout: (text) => void (written.lines += text.split('\n').length),
    stderr: (s) => err.push(s),
    // What a reader of the whole input would get (the command before this fix called it).
    readStdin: async () => {
      let all = '';
      for await (const c of chunks()) all += c;
      return all;
    },
    stdinIsTTY: false,
    color: false,
    stdinChunks: chunks,
    writeStdout: (text) => {
      written.lines += text.split('\n').length - 1;
      // A slow reader: every write waits for a turn of the event loop.
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
  const code = await run(argv, io);
  return { code, stderr: err.join('\n') };
}

describe('finding 27.5: 200,000 lines on stdin took 1.86 GB (the whole input and all outputs were held)', () => {
  it('before: every line read before the first answer; after: input is read at most one run (64 KB) ahead of the output', async () => {
    const LINES = 16_000;
    const PER_CHUNK = 100;
    const written = { lines: 0 };
    let pulled = 0;
    let maxAhead = 0;
    async function* chunks(): AsyncGenerator<string> {
      for (let i = 0; i < LINES; i += PER_CHUNK) {
        maxAhead = Math.max(maxAhead, pulled - written.lines);
        pulled += PER_CHUNK;
        yield Array.from({ length: PER_CHUNK }, (_, k) => `x^2*w${(i + k) % 97} + b\n`).join('');
      }
    }
    const r = await streamed(['--wrt', 'x'], chunks, written);
    expect(r).toEqual({ code: 0, stderr: '' });
    expect(written.lines).toBe(LINES);
    // One run of lines (64 KB, ~4,100 of these) and a chunk, however long the input.
    expect(maxAhead).toBeLessThan(5_000);
  });

  describe('through the built command', () => {
    const root = path.resolve(import.meta.dirname, '..');
    beforeAll(() => {
      if (!existsSync(path.join(root, 'dist/cli.cjs'))) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
    }, 120_000);

    it('answers arrive as lines arrive: once a second line has come, each line is answered before the next is written', async () => {
      const child = spawn(process.execPath, [path.join(root, 'bin/deriv.cjs'), '--wrt', 'x'], { stdio: 'pipe' });
      child.stdout.setEncoding('utf8');
      let buffered = '';
      const waiters: (() => void)[] = [];
      child.stdout.on('data', (s: string) => {
        buffered += s;
        for (const w of waiters.splice(0)) w();
      });
      const answers = async (n: number): Promise<string[]> => {
        while (buffered.split('\n').length - 1 < n) await new Promise<void>((resolve) => waiters.push(resolve));
        return buffered.split('\n').slice(0, n);
      };
      child.stdin.write('x^2\nx^3\n');
      expect(await answers(2)).toEqual(['2*x', '3*x^2']);
      child.stdin.write('x^4\n');
      expect(await answers(3)).toEqual(['2*x', '3*x^2', '4*x^3']);
      child.stdin.end('sin(x)\n');
      expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
      expect(buffered).toBe('2*x\n3*x^2\n4*x^3\ncos(x)\n');
    });
  });
});

describe('stdin read as a stream: what stays as it was, and the limits', () => {
  it('a program on stdin is still read whole; one longer than --max-length is TOO_LARGE', async () => {
    const program = 'z = w*x + b\nL = (z - y)^2/2\n';
    expect((await deriv(['--wrt', 'w'], { stdin: program })).stdout).toBe((await deriv([program, '--wrt', 'w'])).stdout);
    expect((await deriv(['--wrt', 'w'], { stdin: `# a comment first\n${program}` })).code).toBe(0);
    const r = await deriv(['--wrt', 'w', '--max-length', '20'], { stdin: program });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('TOO_LARGE');
  });

  it('blank lines before a program keep its line numbers', async () => {
    const r = await deriv([], { stdin: '\n\nz = w*x +\nL = z^2\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 3');
  });

  it('a later line that is an assignment is its own expression (L = … names it), not a program', async () => {
    const r = await deriv(['--wrt', 'x'], { stdin: 'x^2\nL = x^3\n' });
    expect(r).toMatchObject({ code: 0, stdout: '2*x\n3*x^2' });
  });

  it('a line longer than the limit is TOO_LARGE for that line, skipped unread; the others are answered', async () => {
    const r = await deriv(['--wrt', 'x', '--max-length', '10'], { stdin: `x^2\n${'x+'.repeat(100)}x\nx^3\n` });
    expect(r.stdout).toBe('2*x\n3*x^2');
    expect(r.stderr).toContain('line 2 of stdin');
    expect(r.stderr).toContain('TOO_LARGE');
    expect(r.code).toBe(3);
  });

  it('-o FILE gets every answer (written as they come), and one line only when one line was given', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-stdin-'));
    const file = path.join(dir, 'out.txt');
    expect((await deriv(['--wrt', 'x', '-o', file], { stdin: 'x^2\n\nsin(\nx^3\n' })).code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('2*x\n3*x^2\n');
    expect((await deriv(['--wrt', 'x', '-o', file], { stdin: 'x^5\n' })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('5*x^4\n');
    // Markdown notes of several lines, separated by a rule, as the file was written at once before.
    expect((await deriv(['--wrt', 'x', '-f', 'markdown', '-o', file], { stdin: 'x^2\nx^3\n' })).code).toBe(0);
    const notes = readFileSync(file, 'utf8');
    expect(notes).toContain('\n\n---\n\n');
    expect(notes.endsWith('\n') && !notes.endsWith('\n\n')).toBe(true);
  });

  it('--format html still refuses several lines before answering any', async () => {
    const r = await deriv(['--format', 'html'], { stdin: 'x^2\nx^3\n' });
    expect(r).toMatchObject({ code: 2, stdout: '' });
  });
});
