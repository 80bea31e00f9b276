/**
 * The misreading property (issue 23): for every input in test/data/misreadings.json — what students copy from
 * the tutorials and from PyTorch/NumPy code, with what they meant and the question they asked — deriv either
 * answers as the student meant (the same derivatives, compared numerically at random points; in matrix form the
 * same gradient) or says what it read: a warning or note, or an error with a hint. Never, silently, an answer
 * to another question. The list is written by scripts/misreadings.mjs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { answer, gradient, evaluate, DerivError, variablesOf, parse } from '../src/index.js';

interface Misreading {
  readonly input: string;
  readonly meant: string;
  readonly wrt?: string;
  readonly shape?: string;
  readonly source: string;
}

const LIST = JSON.parse(readFileSync(new URL('./data/misreadings.json', import.meta.url), 'utf8')) as Misreading[];

/** A deterministic point per entry and trial: each variable in [0.3, 1.7] (inside log's, sqrt's and asin(x/2)'s domains). */
function pointFor(names: readonly string[], seed: number): Record<string, number> {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return Object.fromEntries(names.map((n) => [n, 0.3 + 1.4 * next()]));
}

const close = (a: number, b: number): boolean => (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

type Outcome = { said: 'error' | 'warning'; detail: string } | { said: 'nothing'; different?: string };

/** What deriv does with one entry. */
function outcome(m: Misreading): Outcome {
  const fields = { expr: m.input, ...(m.wrt === undefined ? {} : { wrt: m.wrt }), ...(m.shape === undefined ? {} : { shape: m.shape }) };
  let a;
  try {
    a = answer(fields);
  } catch (e) {
    if (e instanceof DerivError) return { said: 'error', detail: `${e.code}: ${e.message}` };
    throw e;
  }
  if (a.warnings.length > 0) return { said: 'warning', detail: a.warnings.map((w) => w.code).join(',') };
  if (m.shape !== undefined) {
    const meant = String(answer({ ...fields, expr: m.meant }));
    return { said: 'nothing', ...(String(a) === meant ? {} : { different: `${String(a)} ≠ ${meant}` }) };
  }
  // Silent: the same question (variables) and the same derivatives, numerically.
  const meantVars = variablesOf(parse(m.meant));
  const wrt = m.wrt?.split(',') ?? meantVars;
  if (m.wrt === undefined) {
    const asked = variablesOf(parse(m.input.replace(/^\s*\w+\s*=/, '')));
    if (asked.join(',') !== [...meantVars].join(',')) return { said: 'nothing', different: `variables ${asked.join(',')} ≠ ${meantVars.join(',')}` };
  }
  const got = gradient(m.input.replace(/^\s*[\wŷ]+\s*=(?!=)/, ''), wrt);
  const want = gradient(m.meant, wrt);
  const names = [...new Set([...meantVars, ...got.flatMap((d) => variablesOf(d.expr))])];
  for (let trial = 0; trial < 3; trial++) {
    const p = pointFor(names, trial * 7919 + m.input.length);
    for (let i = 0; i < wrt.length; i++) {
      const [g, w] = [evaluate(got[i]!.expr, p), evaluate(want[i]!.expr, p)];
      if (!close(g, w)) return { said: 'nothing', different: `∂/∂${wrt[i]}: ${g} ≠ ${w} at ${JSON.stringify(p)}` };
    }
  }
  return { said: 'nothing' };
}

describe('misreadings: answered as meant, or said', () => {
  it('the list is large enough to mean something, and each entry is well formed', () => {
    expect(LIST.length).toBeGreaterThanOrEqual(200);
    for (const m of LIST) expect(() => parse(m.shape === undefined ? m.meant.replace(/^x\/0$/, 'x') : 'x')).not.toThrow();
  });

  it.each(LIST.map((m) => [m.input, m.wrt ?? '(all)', m.shape ?? '', m] as const))('%s --wrt %s %s', (_input, _wrt, _shape, m) => {
    const o = outcome(m);
    expect(o.said === 'nothing' ? o.different : undefined).toBeUndefined();
  });

  it('a tally: how many are answered as meant, and how many are said (read with a note, or refused)', () => {
    const tally = { silent: 0, warning: 0, error: 0 };
    for (const m of LIST) {
      const o = outcome(m);
      tally[o.said === 'nothing' ? 'silent' : o.said]++;
    }
    // Most PyTorch/NumPy spellings are read (with a note); a few inputs are refused; none answered silently wrong (above).
    expect(tally.warning).toBeGreaterThan(100);
    expect(tally.silent + tally.warning + tally.error).toBe(LIST.length);
  });
});
