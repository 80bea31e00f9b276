/**
 * Hints that hit the point: the error names what was probably meant first (σ → sigmoid, sigmoid'(z) →
 * differentiate with --wrt z, sin^2(x) → sin(x)^2, |x| → abs(x)); unknown functions lead with the
 * did-you-mean and point to `deriv --functions` instead of listing every function.
 */
import { describe, expect, it } from 'vitest';
import { parse, DerivError, FUNCTION_ROWS } from '../src/index.js';
import { deriv } from './helpers/cli.js';

function errorOf(text: string): DerivError {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof DerivError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

describe('hints', () => {
  it.each([
    ['σ(z)', 'UNKNOWN_FUNCTION', 0, /^did you mean sigmoid\?/],
    ["sigmoid'(z)", 'UNSUPPORTED', 7, /^differentiate sigmoid\(z\) with --wrt z$/],
    ["f'(x+1)", 'UNSUPPORTED', 1, /choose the variable with --wrt/],
    ['sin^2(x)', 'PARSE', 0, /^write sin\(x\)\^2/],
    ['|x|', 'UNSUPPORTED', 0, /^write abs\(x\) for \|x\|$/],
    ['|w*x+b|', 'UNSUPPORTED', 0, /^write abs\(w\*x\+b\)/],
    ['sinn(x)', 'UNKNOWN_FUNCTION', 0, /^did you mean \w+\?/],
    ['arcsin(x)', 'UNKNOWN_FUNCTION', 0, /^did you mean asin\?/],
    ['foo(x)', 'UNKNOWN_FUNCTION', 0, /^for multiplication write foo\*\(…\); `deriv --functions`/],
    ['d/dx(x^2)', 'UNKNOWN_FUNCTION', 2, /give the function only and the variable with --wrt x/],
    ['mean((X*w+b-y)^2)', 'UNKNOWN_FUNCTION', 0, /--shape X=n×d/],
    ['sum(x)', 'UNKNOWN_FUNCTION', 0, /--shape/],
  ])('%j -> %s at %i, hint %s', (text, code, position, hint) => {
    const e = errorOf(text);
    expect(e.code).toBe(code);
    expect(e.position).toBe(position);
    expect(e.hint).toMatch(hint);
  });

  it('an unknown function no longer lists every function', () => {
    expect(errorOf('foo(x)').hint).not.toContain('softplus');
  });
});

describe('deriv --help', () => {
  it('shows a --shape example and says --steps-n is not --steps', async () => {
    const r = await deriv(['--help']);
    expect(r.stdout).toMatch(/^ {2}deriv ".*" .*--shape X=n×d/m);
    expect(r.stdout).toMatch(/--steps-n <k>\s+with --sgd: how many gradient-descent updates/);
  });
});

describe('deriv --functions', () => {
  it('prints one line per rule-table row, with its partials and domain', async () => {
    const r = await deriv(['--functions']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(FUNCTION_ROWS.length + 1);
    expect(lines.find((l) => l.startsWith('sigmoid(u)'))).toMatch(/sigmoid\(u\)\*\(1-sigmoid\(u\)\)\s+all real u/);
  });

  it('as JSON, the same rows', async () => {
    const rows = JSON.parse((await deriv(['--functions', '-f', 'json'])).stdout) as { function: string; partials: string[] }[];
    expect(rows.map((r) => r.partials.length)).toEqual(FUNCTION_ROWS.map((r) => r.params.length));
  });
});
