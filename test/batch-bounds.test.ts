/**
 * Issue 27 ("never unbounded"), `deriv --batch`: every line gets its own coded answer, whatever its JSON, and the
 * batch goes on; no option makes one request cost the machine. Codes are asserted, never times (the times are in
 * bench/bounds.mjs).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { deriv } from './helpers/cli.js';
import { MAX_JSON_DEPTH, tooDeep } from '../src/cli/batch-request.js';

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
