/**
 * The installed command itself, as a user runs it: `node bin/deriv.cjs …` in a child
 * process, on the built bundle (dist/cli.cjs and its code cache, from `npm run build`,
 * which `npm install` and CI run before the tests). The other CLI tests call `run()`
 * in-process; these check what only a real process shows: exit codes, the streams,
 * start-up without the code cache, and what start-up loads.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'bin/deriv.cjs');

interface Run { code: number | null; stdout: string; stderr: string }

function deriv(args: string[], options: { input?: string; bin?: string; nodeArgs?: string[]; closeStdoutEarly?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? BIN, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      if (options.closeStdoutEarly) child.stdout.destroy();
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/cli.cjs'))) throw new Error('dist/cli.cjs is missing: run `npm run build` first');
});

describe('bin/deriv.cjs', () => {
  it('deriv "x*w^2+b^2" --wrt w -> 2*x*w, exit 0', async () => {
    expect(await deriv(['x*w^2+b^2', '--wrt', 'w'])).toEqual({ code: 0, stdout: '2*x*w\n', stderr: '' });
  });

  it('echo "x^3" | deriv --wrt x -> 3*x^2 (expression from stdin)', async () => {
    expect(await deriv(['--wrt', 'x'], { input: 'x^3\n' })).toMatchObject({ code: 0, stdout: '3*x^2\n' });
  });

  it('deriv "sin(x" --wrt x -> caret under the spot, exit 2, no stack trace', async () => {
    const r = await deriv(['sin(x', '--wrt', 'x']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sin(x\n     ^');
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  it('deriv … --format html | head -c 10 -> a closed pipe ends quietly (exit 0, no EPIPE trace)', async () => {
    const r = await deriv(['x*w^2+b^2', '--wrt', 'w', '--format', 'html'], { closeStdoutEarly: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    ['no code cache', undefined],
    ['a corrupt code cache', 'not a V8 code cache'],
  ])('with %s -> same answer (the cache only saves time)', async (_, cache) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-bin-'));
    mkdirSync(path.join(dir, 'bin'));
    mkdirSync(path.join(dir, 'dist'));
    copyFileSync(BIN, path.join(dir, 'bin/deriv.cjs'));
    copyFileSync(path.join(root, 'dist/cli.cjs'), path.join(dir, 'dist/cli.cjs'));
    if (cache !== undefined) writeFileSync(path.join(dir, 'dist/cli.cache'), cache);
    expect(await deriv(['1/2*(w*x+b-y)^2', '--wrt', 'w'], { bin: path.join(dir, 'bin/deriv.cjs') })).toEqual({
      code: 0,
      stdout: 'x*(w*x + b - y)\n',
      stderr: '',
    });
  });

  it('without a built bundle -> says to run the build, exit 70', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-bin-'));
    mkdirSync(path.join(dir, 'bin'));
    copyFileSync(BIN, path.join(dir, 'bin/deriv.cjs'));
    const r = await deriv(['x^2', '--wrt', 'x'], { bin: path.join(dir, 'bin/deriv.cjs') });
    expect(r.code).toBe(70);
    expect(r.stderr).toContain('npm run build');
  });

  it('start-up loads neither child_process (commander only spawns for subcommands) nor stdin\'s readline', async () => {
    const probe = path.join(mkdtempSync(path.join(tmpdir(), 'deriv-bin-')), 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(process.moduleLoadList.filter((m) => /child_process|readline/.test(m)).join(',')));\n");
    const r = await deriv(['x*w^2+b^2', '--wrt', 'w'], { nodeArgs: ['--require', probe] });
    expect(r).toEqual({ code: 0, stdout: '2*x*w\n', stderr: '' });
  });
});
