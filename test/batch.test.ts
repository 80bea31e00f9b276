/**
 * Several expressions on stdin: a bad line is reported with its real line number (blank lines count),
 * the other lines are still answered, the exit code says something failed; in JSON a bad line is an
 * object { input, line, error: { code, message, position } }.
 */
import { describe, expect, it } from 'vitest';
import { deriv } from './helpers/cli.js';

describe('stdin batches', () => {
  it.each([
    ['x^2\n\nsin(x\nx^3\n', '2*x\n3*x^2', 'line 3 of stdin', 2],
    ['sin(x\nx^3', '3*x^2', 'line 1 of stdin', 2],
    ['x^2\r\n\r\n\r\n2*/x\r\n', '2*x', 'line 4 of stdin', 2],
    ['x^2\n1/(x-x)\nfoo(x)\n', '2*x', 'line 2 of stdin', 4],
  ])('stdin %j -> stdout %j, stderr names %j, exit %j', async (stdin, stdout, where, code) => {
    const r = await deriv(['--wrt', 'x'], { stdin });
    expect(r.stdout).toBe(stdout);
    expect(r.stderr).toContain(where);
    expect(r.code).toBe(code);
  });

  it('JSON: one object per non-empty line, an error object for a bad one', async () => {
    const r = await deriv(['--wrt', 'x', '-f', 'json'], { stdin: 'x^2\n\nsin(x\nx^3\n' });
    const rows = r.stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ input: 'x^2', derivatives: [{ text: '2*x' }] });
    expect(rows[1]).toEqual({ input: 'sin(x', line: 3, error: { code: 'PARSE', message: expect.any(String) as string, position: 3, hint: expect.any(String) as string } });
    expect(rows[2]).toMatchObject({ input: 'x^3', derivatives: [{ text: '3*x^2' }] });
    expect(r.code).toBe(2);
  });

  it('a single expression that fails prints no line prefix', async () => {
    const r = await deriv(['sin(x', '--wrt', 'x']);
    expect(r.stderr).not.toContain('line ');
    expect(r.stderr).toContain('at column 4');
  });
});
