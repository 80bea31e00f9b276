/**
 * Fuzzing within `npm test` (a few seconds): random strings and token soups
 * never throw anything but a DerivError, and random well-formed expressions
 * always parse, differentiate, print and re-parse to the same node. The laws
 * live in test/helpers/fuzz-inputs.ts; `npm run fuzz -- --minutes N` runs
 * them for longer (scripts/fuzz.mjs).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exercise, randomText, tokenSoup, wellFormed } from './helpers/fuzz-inputs.js';
import { runs } from './helpers/run-seed.js';

/** Runs per property (PROPERTY_SCALE=50 for a longer soak). */
const RUNS = runs(400);
const CODES = ['ok', 'PARSE', 'UNKNOWN_FUNCTION', 'ARITY', 'BAD_VARIABLE', 'UNSUPPORTED', 'TOO_LARGE', 'UNDEFINED', 'BAD_OPTION'];

describe('fuzz: nothing but DerivError', () => {
  it('random strings', () => {
    fc.assert(fc.property(randomText(fc), (s) => CODES.includes(exercise(s))), { numRuns: RUNS });
  });

  it('random token soups (names, numbers, operators, brackets, Unicode and LaTeX junk)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(tokenSoup(fc), (s) => {
        const outcome = exercise(s);
        seen.add(outcome);
        return CODES.includes(outcome);
      }),
      { numRuns: RUNS * 2 },
    );
    // The soup reaches both sides: some inputs work, most are refused with a code.
    expect(seen.has('ok')).toBe(true);
    expect(seen.has('PARSE')).toBe(true);
  });
});

describe('fuzz: well-formed expressions', () => {
  it('always differentiate, print and re-parse to the same node', () => {
    let worked = 0;
    fc.assert(
      fc.property(wellFormed(fc), (s) => {
        const outcome = exercise(s, true);
        if (outcome === 'ok') worked++;
        return outcome === 'ok' || outcome === 'UNDEFINED' || outcome === 'TOO_LARGE';
      }),
      { numRuns: RUNS },
    );
    expect(worked).toBeGreaterThan(RUNS / 2);
  });

  it.each([
    ['x^x^x', 'ok'],
    ['1/0', 'UNDEFINED'],
    ['sin(', 'PARSE'],
    ['constructor*__proto__', 'ok'],
  ])('exercise(%j) -> %s', (input, outcome) => {
    expect(exercise(input)).toBe(outcome);
  });
});
