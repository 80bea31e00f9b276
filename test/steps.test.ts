/**
 * Step-by-step derivations: the recorded data (rules, rows, substitutions,
 * chain parts) for the seed examples, the exact text the CLI prints for them,
 * brief versus full, and laws every derivation must obey (each step's `after`
 * is the derivative of its `before`; chain parts multiply out to the step;
 * the derivation ends where derivative() ends).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { derivative, parse, toText, isDerivError, type Expr } from '../src/index.js';
import { differentiate } from '../src/diff.js';
import { add, mul, sym, call } from '../src/core/expr.js';
import type { Derivation, DerivationStep } from '../src/steps/record.js';
import { deriv } from './helpers/cli.js';
import { runs } from './helpers/run-seed.js';


const allSteps = (d: Derivation): DerivationStep[] => d.passes.flatMap((p) => [...p.steps]);
const nameFor = (d: Derivation, e: Expr): string | undefined => d.substitutions.find((s) => s.expr === e)?.name;

describe('seed examples: the recorded derivation', () => {
  it('1/2*(w*x+b-y)^2 wrt w -> chain step with A = w*x+b-y, dL/dA = A, dA/dw = x, result x*(w*x + b - y)', () => {
    const d = derivative('1/2*(w*x+b-y)^2', 'w');
    const steps = d.steps;
    const inner = parse('w*x+b-y');
    expect(nameFor(steps, inner)).toBe('A');
    const chain = allSteps(steps).find((s) => s.rule === 'chain');
    expect(chain).toBeDefined();
    expect(chain!.row).toBe('pow');
    expect(chain!.parts).toHaveLength(1);
    const part = chain!.parts![0]!;
    expect(part.inner).toBe(inner);
    expect(part.outer).toBe(inner); // dL/dA = A: the ½ is fused into the outer function ½A²
    expect(part.innerDerivative).toBe(sym('x'));
    expect(chain!.factor).toBe(parse('1/2'));
    // ∂A/∂w = x is a step of its own (the sum), before the chain step.
    const sum = allSteps(steps).find((s) => s.before === inner);
    expect(sum?.rule).toBe('sum');
    expect(sum?.after).toBe(sym('x'));
    expect(sum!.constants.map((c) => toText(c))).toEqual(['b', '-y']);
    expect(toText(steps.result, { order: d.order })).toBe('x*(w*x + b - y)');
    expect(steps.result).toBe(d.expr);
  });

  it('1/2*(w2*max(0,w1*x+b1)+b2-y)^2 wrt w1 -> the max (ReLU) chain step gives heaviside(w1*x+b1, 1/2)', () => {
    const d = derivative('1/2*(w2*max(0,w1*x+b1)+b2-y)^2', 'w1');
    const steps = allSteps(d.steps);
    const z = parse('w1*x+b1');
    const relu = steps.find((s) => s.rule === 'chain' && s.row === 'max');
    expect(relu).toBeDefined();
    expect(relu!.parts![0]!.inner).toBe(z);
    expect(relu!.parts![0]!.outer).toBe(mul(sym('w2'), call('heaviside', [z, parse('1/2')]))); // w2 fused: outer of w2*max(0, A)
    expect(relu!.parts![0]!.innerDerivative).toBe(sym('x'));
    expect(nameFor(d.steps, z)).toBe('A');
    expect(nameFor(d.steps, parse('w2*max(0,w1*x+b1)+b2-y'))).toBe('B');
    expect(d.stepsText()).toContain('its slope heaviside(A, 1/2) is 1 where A > 0, 1/2 at the tie A = 0, else 0');
    expect(d.steps.result).toBe(d.expr);
  });

  it('sin(x+x^2) wrt x -> power step for x^2, sum step, chain through sin', () => {
    const d = derivative('sin(x+x^2)', 'x');
    const steps = allSteps(d.steps);
    expect(steps.map((s) => s.rule)).toEqual(['power', 'sum', 'chain']);
    const chain = steps[2]!;
    expect(chain.row).toBe('sin');
    expect(chain.parts![0]!.inner).toBe(parse('x+x^2'));
    expect(chain.parts![0]!.outer).toBe(parse('cos(x+x^2)'));
    expect(chain.parts![0]!.innerDerivative).toBe(parse('1+2*x'));
    expect(toText(d.steps.result, { order: d.order })).toBe('(2*x + 1)*cos(x^2 + x)');
  });
});

describe('seed examples: the exact --steps text', () => {
  it.each([
    [
      '1/2*(w*x+b-y)^2',
      'w',
      `f = (w*x + b - y)^2/2
where A = w*x + b - y
1. ∂A/∂w = x
   sum rule, term by term; b and y do not depend on w
2. ∂f/∂w = ∂/∂w [A^2/2] = x*A
   chain rule: outer ∂/∂A of A^2/2 is A, inner ∂A/∂w is x
∂f/∂w = x*(w*x + b - y)`,
    ],
    [
      '1/2*(w2*max(0,w1*x+b1)+b2-y)^2',
      'w1',
      `f = (w2*max(0, w1*x + b1) + b2 - y)^2/2
where A = w1*x + b1
      B = w2*max(0, A) + b2 - y
1. ∂A/∂w1 = x
   sum rule, term by term; b1 does not depend on w1
2. ∂/∂w1 [w2*max(0, A)] = w2*x*heaviside(A, 1/2)
   chain rule: outer ∂/∂A of w2*max(0, A) is w2*heaviside(A, 1/2), inner ∂A/∂w1 is x; max(0, A) is relu(A), and its slope heaviside(A, 1/2) is 1 where A > 0, 1/2 at the tie A = 0, else 0
3. ∂B/∂w1 = w2*x*heaviside(A, 1/2)
   sum rule, term by term; b2 and y do not depend on w1
4. ∂f/∂w1 = ∂/∂w1 [B^2/2] = w2*x*B*heaviside(A, 1/2)
   chain rule: outer ∂/∂B of B^2/2 is B, inner ∂B/∂w1 is w2*x*heaviside(A, 1/2)
∂f/∂w1 = w2*x*(w2*max(0, w1*x + b1) + b2 - y)*heaviside(w1*x + b1, 1/2)`,
    ],
    [
      'sin(x+x^2)',
      'x',
      `f = sin(x^2 + x)
where A = x^2 + x
1. ∂/∂x [x^2] = 2*x
   power rule: the exponent 2 comes down and drops by one
2. ∂A/∂x = 2*x + 1
   sum rule, term by term
3. ∂f/∂x = ∂/∂x [sin(A)] = (2*x + 1)*cos(A)
   chain rule: outer ∂/∂A of sin(A) is cos(A), inner ∂A/∂x is 2*x + 1
∂f/∂x = (2*x + 1)*cos(x^2 + x)`,
    ],
  ])('deriv "%s" --wrt %s --steps -> the seed-style derivation', async (f, w, expected) => {
    const r = await deriv([f, '--wrt', w, '--steps']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected);
    expect(derivative(f, w).stepsText()).toBe(expected);
  });

  it('deriv "1/2*(w*x+b-y)^2" --wrt w --steps --name L -> the name is used on every left side', async () => {
    const r = await deriv(['1/2*(w*x+b-y)^2', '--wrt', 'w', '--steps', '--name', 'L']);
    expect(r.stdout.split('\n')[0]).toBe('L = (w*x + b - y)^2/2');
    expect(r.stdout).toContain('2. ∂L/∂w = ∂/∂w [A^2/2] = x*A');
    expect(r.stdout.endsWith('∂L/∂w = x*(w*x + b - y)')).toBe(true);
  });
});

describe('brief and full', () => {
  it('full keeps constants and variables; brief drops them', () => {
    const d = derivative('1/2*(w*x+b-y)^2', 'w');
    const full = allSteps(d.derivation('full')).map((s) => s.rule);
    const brief = allSteps(d.derivation('brief')).map((s) => s.rule);
    expect(full).toContain('constant');
    expect(full).toContain('variable');
    expect(full.filter((r) => r === 'constant-factor')).toHaveLength(2); // w*x and ½·A²
    expect(brief).not.toContain('constant');
    expect(brief).not.toContain('variable');
    expect(full.length).toBeGreaterThan(brief.length);
  });

  it('sin(x)+sin(2*x)+…+sin(6*x) -> brief collapses the similar chain steps, full lists them all', () => {
    const d = derivative('sin(x)+sin(2*x)+sin(3*x)+sin(4*x)+sin(5*x)+sin(6*x)', 'x');
    const brief = allSteps(d.derivation('brief'));
    const repeated = brief.filter((s) => s.rule === 'repeated');
    expect(repeated).toHaveLength(1);
    expect(repeated[0]!.omitted).toHaveLength(3);
    expect(brief.filter((s) => s.rule === 'chain')).toHaveLength(2);
    expect(allSteps(d.derivation('full')).filter((s) => s.rule === 'chain')).toHaveLength(5);
    expect(d.stepsText()).toContain('the same rule as the similar steps above; likewise for ∂/∂x [sin(D)] and ∂/∂x [sin(E)]');
    expect(d.steps.substitutions.map((s) => `${s.name} = ${toText(s.expr)}`)).toEqual(['A = 2*x', 'B = 3*x', 'C = 4*x', 'D = 5*x', 'E = 6*x']);
  });

  it('sin(sin(…sin(x)…)) 7 deep -> brief keeps the innermost steps and the outermost, one note for the nest between', () => {
    const d = derivative(`${'sin('.repeat(7)}x${')'.repeat(7)}`, 'x');
    expect(allSteps(d.steps).map((s) => s.rule)).toEqual(['function', 'chain', 'chain', 'repeated', 'chain']);
    expect(d.steps.substitutions.map((s) => `${s.name} = ${toText(s.expr)}`).slice(0, 3)).toEqual(['A = sin(x)', 'B = sin(sin(x))', 'C = sin(sin(sin(x)))']);
    expect(d.stepsText()).toContain('4. ∂D/∂x = cos(x)*cos(A)*cos(B)*cos(C)\n   the same rule as the similar steps above; likewise for ∂E/∂x and ∂F/∂x');
    expect(allSteps(d.derivation('full')).filter((s) => s.rule === 'chain')).toHaveLength(6);
  });

  it('sin(sin(…sin(x)…)) 1500 deep -> brief stays five steps, every level named', () => {
    // Its derivative is 1.1 million nodes written out: above the default maxSize (test/hostile.test.ts).
    const d = derivative(`${'sin('.repeat(1500)}x${')'.repeat(1500)}`, 'x', { maxSize: 2_000_000 });
    expect(allSteps(d.steps)).toHaveLength(5);
    expect(d.steps.substitutions).toHaveLength(1499);
    expect(d.steps.result).toBe(d.expr);
  });

  it('x*exp(x) -> ends with a simplify step from the raw sum to the factored form; with simplify off there is none', () => {
    const d = derivative('x*exp(x)', 'x');
    const steps = allSteps(d.steps);
    expect(steps[steps.length - 1]!.rule).toBe('simplify');
    expect(d.stepsText().split('\n').slice(-3)).toEqual([
      '3. ∂f/∂x = x*exp(x) + exp(x) = (x + 1)*exp(x)',
      '   simplify: common factor',
      '∂f/∂x = (x + 1)*exp(x)',
    ]);
    const raw = derivative('x*exp(x)', 'x', { simplify: false });
    expect(allSteps(raw.steps).map((s) => s.rule)).not.toContain('simplify');
    expect(raw.steps.result).toBe(raw.expr);
  });

  it('x^3 wrt x, order 2 -> two passes, the second differentiates the first result', () => {
    const d = derivative('x^3', 'x', { order: 2 });
    expect(d.steps.passes).toHaveLength(2);
    expect(d.steps.passes[1]!.input).toBe(d.steps.passes[0]!.result);
    expect(d.stepsText().split('\n').at(-1)).toBe('∂²f/∂x² = 6*x');
  });

  it('x^2*y^3 wrt x then y (mixed) -> each power step names the exponent of the variable it differentiates', () => {
    const text = derivative('x^2*y^3', ['x', 'y']).stepsText();
    expect(text).toContain('1. ∂f/∂x = ∂/∂x [x^2*y^3] = 2*x*y^3\n   power rule: the exponent 2 comes down and drops by one, times the constant factor y^3');
    expect(text).toContain('2. ∂²f/∂x∂y = ∂/∂y [2*x*y^3] = 6*x*y^2\n   power rule: the exponent 3 comes down and drops by one, times the constant factor 2*x');
  });

  it('x^2 with order 0 -> no steps, just the input', () => {
    expect(derivative('x^2', 'x', { order: 0 }).stepsText()).toBe('f = x^2');
  });

  it('3*x^2 wrt x -> brief fuses the constant factor into the power step', () => {
    const steps = allSteps(derivative('3*x^2', 'x').steps);
    expect(steps).toHaveLength(1);
    expect(steps[0]!.rule).toBe('power');
    expect(steps[0]!.factor).toBe(parse('3'));
    expect(derivative('3*x^2', 'x').stepsText()).toContain('power rule: the exponent 2 comes down and drops by one, times the constant factor 3');
  });
});

/** Laws of every derivation: checked on the examples and on random expressions. */
function checkLaws(text: string, x: string): void {
  const d = derivative(text, x);
  for (const detail of ['brief', 'full'] as const) {
    const der = d.derivation(detail);
    expect(der.result).toBe(d.expr);
    for (const pass of der.passes) {
      const last = pass.steps.filter((s) => s.rule !== 'simplify').at(-1)!;
      expect(last.isRoot).toBe(true);
      expect(last.before).toBe(pass.input);
      expect(last.after).toBe(pass.raw);
      for (const s of pass.steps) {
        if (s.rule === 'simplify') continue;
        expect(differentiate(s.before, s.wrt), `${s.rule}: ${toText(s.before)}`).toBe(s.after);
        if (s.rule === 'chain') expect(add(...s.parts!.map((p) => mul(p.outer, p.innerDerivative)))).toBe(s.after);
      }
    }
    for (const sub of der.substitutions) expect(toText(sub.expr)).not.toBe(sub.name);
  }
  // The printers accept every derivation.
  expect(d.stepsText({ detail: 'full' })).toContain('∂');
}

describe('laws', () => {
  it.each([
    ['x*w^2+b^2', 'w'], ['x*exp(w)+exp(b)', 'w'], ['(y-(x*w+b))^2', 'b'], ['y*log(x*w+b)', 'w'], ['3*x^2*y', 'y'],
    ['1/(1+exp(-x))', 'x'], ['sigmoid(w*x+b)', 'w'], ['-(y*log(sigmoid(w*x+b))+(1-y)*log(1-sigmoid(w*x+b)))', 'w'],
    ['x^x', 'x'], ['2^(3*x)', 'x'], ['abs(x^2-1)', 'x'], ['relu(w*x)', 'w'], ['x/(1+x^2)', 'x'], ['atan2(x^2, y)', 'x'], ['5', 'x'],
    ['tanh(x/(1/2))+2+sin(1/2)', 'x'], // found by CI: zeros from constant terms must not change the sum's form
  ])('%s wrt %s -> every step is a true derivative', (f, x) => checkLaws(f, x));

  it('random expressions -> every step is a true derivative', () => {
    const atom = fc.constantFrom('x', 'y', '2', '1/2', 'pi');
    const expr = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small' },
        atom,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e')).map(([a, op, b]) => `(${a})${op}(${b})`),
        fc.tuple(tie('e'), fc.integer({ min: -2, max: 3 })).map(([a, k]) => `(${a})^(${k})`),
        fc.tuple(fc.constantFrom('sin', 'exp', 'sigmoid', 'tanh'), tie('e')).map(([f, a]) => `${f}(${a})`),
      ),
    })).e;
    fc.assert(
      fc.property(expr, (text) => {
        try {
          parse(text);
        } catch (e) {
          fc.pre(!isDerivError(e)); // e.g. division by an expression that is identically 0
          throw e;
        }
        checkLaws(text, 'x');
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('CLI options', () => {
  it('deriv --steps x^2 --wrt x -> a bare --steps does not swallow the expression', async () => {
    const r = await deriv(['--steps', 'x^2', '--wrt', 'x']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').at(-1)).toBe('∂f/∂x = 2*x');
  });

  it('deriv "x*sin(x)" --wrt x --steps=full -> one step per node', async () => {
    const r = await deriv(['x*sin(x)', '--wrt', 'x', '--steps=full']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the variable itself');
    expect(r.stdout).toContain('product rule');
  });

  it('deriv x^2 --steps=long -> usage error (exit 2)', async () => {
    expect((await deriv(['x^2', '--steps=long'])).code).toBe(2);
  });

  it('deriv … --format json --steps -> the steps as data', async () => {
    const r = await deriv(['1/2*(w*x+b-y)^2', '--wrt', 'w', '--format', 'json', '--steps']);
    const json = JSON.parse(r.stdout) as { derivatives: { steps: { rule: string; note: string }[] }[] };
    expect(json.derivatives[0]!.steps.map((s) => s.rule)).toEqual(['sum', 'chain']);
    expect(json.derivatives[0]!.steps[1]!.note).toBe('chain rule: outer ∂/∂A of A^2/2 is A, inner ∂A/∂w is x');
  });

  it('deriv … -o FILE -> the output goes to the file, nothing to stdout', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-steps-'));
    const file = path.join(dir, 'note.md');
    const r = await deriv(['sin(x+x^2)', '--wrt', 'x', '--steps', '--format', 'markdown', '-o', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(derivative('sin(x+x^2)', 'x').toMarkdown({ steps: true }));
  });

  it('deriv … -o /nonexistent/dir/x.md -> BAD_OPTION (exit 2), no stack trace', async () => {
    const r = await deriv(['x^2', '-o', '/nonexistent/dir/x.md']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('    at ');
  });
});
