/**
 * Unchecked input at the command line (security review, finding 8): a --name that is no name is refused
 * in every format (it was written raw into LaTeX, Markdown and HTML, or crashed KaTeX: exit 70); control
 * characters a user typed never reach the terminal raw; a byte-order mark on stdin or in --file is no
 * part of the expression.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriv } from './helpers/cli.js';

describe('--name must be a name', () => {
  it.each([
    ['{', 0],
    ['\\', 0],
    ['#', 0],
    ['&', 0],
    ['\\def\\a{\\a}\\a', 0],
    ['}\\href{javascript:alert(1)}{x', 0],
    ['<img src=x onerror=alert(1)>', 0],
    ['L}', 1],
    ['loss function', 4],
    ['', 0],
  ])('--name %j -> BAD_OPTION, caret at %i, in every format', async (name, position) => {
    for (const format of ['text', 'latex', 'markdown', 'html', 'json', 'js']) {
      const r = await deriv(['x^2*w', '--wrt', 'x', '--name', name, '--format', format]);
      expect(r.code, `${format}: ${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error BAD_OPTION: --name /);
      if (name !== '') expect(r.stderr).toContain(`\n  ${' '.repeat(position)}^`);
    }
  });

  it.each([
    ['L', '\\frac{\\partial L}{\\partial x} = 2 x w'],
    ['J_θ', '\\frac{\\partial J_{\\theta}}{\\partial x} = 2 x w'],
    ['loss', '\\frac{\\partial \\mathrm{loss}}{\\partial x} = 2 x w'],
  ])('--name %s -> %s', async (name, tex) => {
    const r = await deriv(['x^2*w', '--wrt', 'x', '--name', name, '--format', 'latex']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(tex);
  });
});

describe('control characters never reach the terminal raw', () => {
  it.each([
    ['--wrt', ['x', '--wrt', '\u001b[31mred']],
    ['--name', ['x', '--wrt', 'x', '--name', '\u001b]0;title\u0007']],
    ['--at', ['x', '--wrt', 'x', '--at', 'x=\u001b[2J']],
    ['the expression', ['x + \u001b[31m', '--wrt', 'x']],
    ['a C1 CSI', ['x', '--wrt', '\u009b31m']],
    ['a bidirectional override', ['x', '--wrt', 'a\u202eb']],
  ])('in %s: stderr shows them as ·', async (_where, argv) => {
    const r = await deriv(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(r.stderr).toContain('·');
  });
});

describe('a byte-order mark is no part of the input', () => {
  it('on stdin: \\uFEFFx^3 -> 3*x^2', async () => {
    const r = await deriv(['--wrt', 'x'], { stdin: '\uFEFFx^3' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('3*x^2');
  });

  it('in --file: a program saved with a BOM reads as written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-bom-'));
    try {
      const file = path.join(dir, 'net.txt');
      writeFileSync(file, '\uFEFFz = w*x + b\nL = (z - y)^2/2\n');
      const r = await deriv(['--file', file, '--wrt', 'w']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('∂L/∂w');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
