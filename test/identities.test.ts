/**
 * The identity table (rules/identities.ts), row by row: both sides agree in value at sample points
 * where the left side is defined, and each row fires on its own left side (so no row is dead).
 */
import { describe, expect, it } from 'vitest';
import { IDENTITY_ROWS, PRESENTATION_ROWS, SUBSTITUTION_ROWS, STABLE_ROWS } from '../rules/identities.js';
import { escapeText } from '../src/print/steps-latex.js';
import { renderBoth } from './helpers/render.js';
import { parse, evaluate, simplify, toText } from '../src/index.js';
import { substitute } from '../src/templates.js';
import type { Expr } from '../src/core/expr.js';

/** Values for the pattern variables: u and v over a spread of points, positive and negative. */
const SAMPLES = [0.37, 0.81, 1.3, -0.45, -1.1, 2.2];

describe('identity rows', () => {
  it.each([...IDENTITY_ROWS, ...PRESENTATION_ROWS].map((r) => [r.id, r.from, r.to, r.when !== undefined] as const))('%s: %s = %s at sample points', (_id, from, to, positiveOnly) => {
    const left = parse(from);
    const right = parse(to);
    let checked = 0;
    for (const u of positiveOnly ? SAMPLES.filter((x) => x > 0) : SAMPLES) {
      for (const scale of [1, 0.5]) {
        const scope = { u, v: u * scale + 0.1 };
        const a = evaluate(left, scope);
        if (!Number.isFinite(a)) continue; // outside the left side's domain
        const b = evaluate(right, scope);
        expect(Math.abs(a - b), `${from} vs ${to} at u=${u}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(a)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it.each(IDENTITY_ROWS.filter((r) => r.when === undefined).map((r) => [r.id, r.from, r.to] as const))(
    '%s fires: simplify(%s with u = sin(y)) is no longer than the simplified right side',
    (_id, from, to) => {
      // With u a non-trivial expression the row must apply (and nothing else be needed).
      const bind = new Map<string, Expr>([['u', parse('sin(y)')], ['v', parse('cos(y)')]]);
      const before = substitute(parse(from), bind);
      const expected = simplify(substitute(parse(to), bind));
      const after = simplify(before);
      expect(toText(after).length, `${toText(before)} -> ${toText(after)}`).toBeLessThanOrEqual(toText(expected).length);
    },
  );
});

describe('row names in LaTeX steps', () => {
  // A row's name is printed in --steps inside \text{…}; its Unicode math (−, ², σ, √) must not break KaTeX's strict mode.
  it.each([...IDENTITY_ROWS, ...PRESENTATION_ROWS, ...SUBSTITUTION_ROWS, ...STABLE_ROWS].map((r) => [r.id, r.name] as const))('%s: \\text{%s} renders in KaTeX and MathJax', (_id, name) => {
    renderBoth(`\\text{${escapeText(name)}}`);
  });
});
