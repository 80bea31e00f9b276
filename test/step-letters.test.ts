/**
 * Step letters never clash: an inner function's letter is never a variable or the function's name
 * (--name A), and on one page (a gradient's sections, in text, LaTeX, JSON, Markdown and HTML) the same
 * inner function keeps its letter, so A means one thing in the whole note.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gradient, derivative, freeVariables } from '../src/index.js';
import { pageDerivations } from '../src/steps/page.js';
import { deriv } from './helpers/cli.js';
import { runs } from './helpers/run-seed.js';

const NET = '1/2*(w2*max(0,w1*x+b1)+b2-y)^2';

/** name → text of what it stands for, for every section of a page. */
function letters(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of text.matchAll(/^(?:where| {5}) ([A-Z]\d*) = (.*)$/gm)) {
    const set = out.get(m[1]!) ?? new Set<string>();
    set.add(m[2]!);
    out.set(m[1]!, set);
  }
  return out;
}

describe('step letters', () => {
  it.each([
    [['(w*x+b)^2', '--wrt', 'w', '--steps', '--name', 'A'], 'A = (w*x + b)^2\nwhere B = w*x + b'],
    [['A*(w*x+b)^2', '--wrt', 'w', '--steps'], 'f = A*(w*x + b)^2\nwhere B = w*x + b'],
    [['L = (w*x+b)^2', '--wrt', 'w', '--steps'], 'L = (w*x + b)^2\nwhere A = w*x + b'],
  ])('deriv %j starts %j', async (argv, start) => {
    const r = await deriv(argv);
    expect(r.stdout.startsWith(start)).toBe(true);
  });

  it('a gradient page: A keeps its meaning in the sections after the first', async () => {
    const r = await deriv([NET, '--wrt', 'w2,b2,w1,b1', '--steps']);
    expect(letters(r.stdout).get('A')).toEqual(new Set(['w2*max(0, w1*x + b1) + b2 - y', 'w2*max(0, B) + b2 - y']));
    expect(letters(r.stdout).get('B')).toEqual(new Set(['w1*x + b1']));
  });

  it.each(['latex', 'json', 'markdown', 'html'])('--format %s uses the same page letters as text', async (format) => {
    const r = await deriv([NET, '--wrt', 'w2,w1', '--steps', '--format', format]);
    expect(r.code).toBe(0);
    // w1*x + b1 is named after A in the second section: B, never A.
    expect(r.stdout).not.toMatch(/A = w_?\{?1\}? ?\\?\*?x/);
  });

  it('property: on a page of random partials no letter means two things and none is a variable or the name', () => {
    const names = ['w', 'x', 'b', 'A', 'B'];
    const atom = fc.constantFrom(...names);
    const inner = fc.tuple(atom, atom, atom).map(([a, b, c]) => `${a}*${b}+${c}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('sin', 'exp', 'sigmoid', 'tanh'), inner), { minLength: 1, maxLength: 3 }), (calls) => {
        const text = calls.map(([f, u]) => `${f}(${u})`).join(' + ') + ' + (w*x+b)^2';
        const g = gradient(text);
        const page = pageDerivations(g, 'brief', 'C');
        const meaning = new Map<string, unknown>();
        const variables = freeVariables(g[0]!.input);
        for (const d of page)
          for (const s of d.substitutions) {
            expect(variables.has(s.name)).toBe(false);
            expect(s.name).not.toBe('C');
            if (meaning.has(s.name)) expect(meaning.get(s.name)).toBe(s.expr);
            meaning.set(s.name, s.expr);
          }
      }),
      { numRuns: runs(60) },
    );
  });

  it('the library: derivation(detail, { name }) skips the name', () => {
    const d = derivative('(w*x+b)^2', 'w');
    expect(d.derivation('brief', { name: 'A' }).substitutions.map((s) => s.name)).toEqual(['B']);
    expect(d.derivation('brief').substitutions.map((s) => s.name)).toEqual(['A']);
  });
});
