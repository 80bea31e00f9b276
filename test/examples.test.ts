/**
 * Every example of ../shared/examples.md ("Partial derivatives", the worked
 * values at a point, and the LaTeX for notes), checked three ways:
 * structurally (the derivative IS the simplified expected expression: Expr is
 * hash-consed, so === is equality up to the order of terms and factors),
 * numerically against mathjs evaluating the expected text, and for textbook
 * form (no 0*, 1*, ^1, --, +-; never longer than the expected answer).
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { derivative, gradient, parse, simplify, toText, variablesOf } from '../src/index.js';
import { latexHeading } from '../src/print/heading.js';
import { close, mathjsEvaluate, randomPoint, rng } from './helpers/oracle.js';

/** H(u), the unit step (ReLU′), is spelled heaviside in deriv's syntax. */
const RELU_NET = '1/2*(w2*max(0,w1*x+b1)+b2-y)^2';
const OUTER = 'w2*max(0,w1*x+b1)+b2-y';
const LOGISTIC = '-(y*log(sigmoid(w*x+b))+(1-y)*log(1-sigmoid(w*x+b)))';

/** [f, wrt, expected] — one row per partial of the examples.md table. */
const PARTIALS: readonly (readonly [string, string, string])[] = [
  ['x*w^2+b^2', 'w', '2*x*w'],
  ['x*w^2+b^2', 'b', '2*b'],
  ['x*exp(w)+exp(b)', 'w', 'x*exp(w)'],
  ['x*exp(w)+exp(b)', 'b', 'exp(b)'],
  ['(y-(x*w+b))^2', 'w', '-2*x*(y-x*w-b)'],
  ['(y-(x*w+b))^2', 'b', '-2*(y-x*w-b)'],
  ['y*log(x*w+b)', 'w', 'y*x/(x*w+b)'],
  ['y*log(x*w+b)', 'b', 'y/(x*w+b)'],
  ['1/2*(w*x+b-y)^2', 'w', 'x*(w*x+b-y)'],
  ['1/2*(w*x+b-y)^2', 'b', 'w*x+b-y'],
  [RELU_NET, 'w2', `(${OUTER})*max(0,w1*x+b1)`],
  [RELU_NET, 'b2', OUTER],
  // examples.md's H, the unit step: heaviside(z, 1/2) is H everywhere but at the tie z = 0, where max splits ½/½ (torch.maximum).
  [RELU_NET, 'w1', `(${OUTER})*w2*heaviside(w1*x+b1, 1/2)*x`],
  [RELU_NET, 'b1', `(${OUTER})*w2*heaviside(w1*x+b1, 1/2)`],
  ['3*x^2*y', 'x', '6*x*y'],
  ['3*x^2*y', 'y', '3*x^2'],
  ['x+x^2', 'x', '1+2*x'],
  ['sin(x^2)', 'x', '2*x*cos(x^2)'],
  ['sin(x+x^2)', 'x', '(1+2*x)*cos(x+x^2)'],
  ['1/(1+exp(-x))', 'x', 'exp(-x)/(1+exp(-x))^2'],
  ['sigmoid(w*x+b)', 'w', 'x*sigmoid(w*x+b)*(1-sigmoid(w*x+b))'],
  [LOGISTIC, 'w', 'x*(sigmoid(w*x+b)-y)'], // stretch: the textbook logistic-regression gradient
];

/** Spellings a textbook never shows. */
const UNTIDY: readonly RegExp[] = [/(^|[^\w./])0\*/, /(^|[^\w./])1\*/, /\^1(?![0-9/.])/, /--/, /\+\s*-/, /-\s*-/];
const compact = (s: string): number => s.replace(/\s+/g, '').length;
/** Room for the printer's parentheses and factor order (e.g. `(1 - σ)*σ` against the expected `σ*(1 - σ)`). */
const SLACK = 4;

describe('examples.md: partial derivatives', () => {
  it.each(PARTIALS)('∂(%s)/∂%s -> %s', (f, v, expected) => {
    const d = derivative(f, v);
    expect(d.expr).toBe(simplify(parse(expected)));
    const text = d.toString();
    for (const pattern of UNTIDY) expect(text).not.toMatch(pattern);
    expect(compact(text)).toBeLessThanOrEqual(compact(expected) + SLACK);
  });

  it.each(PARTIALS)('∂(%s)/∂%s agrees with mathjs evaluating %s', (f, v, expected) => {
    const d = derivative(f, v);
    const variables = variablesOf(parse(f));
    const random = rng(compact(f) * 31 + v.length);
    for (let i = 0; i < 5; i++) {
      const point = randomPoint(random, variables, [-2.5, 2.5, 0.2]);
      const ours = d.evaluate(point);
      expect(close(ours, mathjsEvaluate(expected, point), 1e-9)).toBe(true);
      expect(close(ours, mathjsEvaluate(d.toString(), point), 1e-9)).toBe(true);
    }
  });
});

describe('textbook form beyond the seed examples', () => {
  it.each([
    ['((x+1)^2+(y+1)^2)^10', 'x', '20*(x + 1)*((x + 1)^2 + (y + 1)^2)^9'], // content of 2 + 2x folded into 10
    ['x^2*(x+1)^2', 'x', '2*x*(x + 1)*(2*x + 1)'],
    ['sigmoid(x)*(1-sigmoid(x))', 'x', '(1 - 2*sigmoid(x))*(1 - sigmoid(x))*sigmoid(x)'], // σ − 1 and 1 − σ are one factor
    ['tanh(w*x+b)', 'w', 'x*(1 - tanh(w*x + b)^2)'],
    ['log(1+exp(w*x))', 'w', 'x*exp(w*x)/(1 + exp(w*x))'],
    ['softplus(w*x)', 'w', 'x*sigmoid(w*x)'],
    ['-log(sigmoid(z))', 'z', 'sigmoid(z) - 1'],
    ['x^2*exp(-x^2)', 'x', '2*x*(1 - x^2)*exp(-x^2)'],
    ['sqrt(x^2+y^2)', 'x', 'x/sqrt(x^2 + y^2)'],
    ['(w1*x1+w2*x2+b-y)^2', 'w1', '2*x1*(w1*x1 + w2*x2 + b - y)'],
  ])('∂(%s)/∂%s -> %s', (f, v, text) => {
    const d = derivative(f, v);
    expect(d.toString()).toBe(text);
    expect(d.expr).toBe(simplify(parse(text)));
  });
});

describe('examples.md: values at a point', () => {
  it('1/2*(w*x+b-y)^2 at x=10, y=50, w=4, b=5 -> L = 25/2, ∂w = -50, ∂b = -5, one SGD step -> w = 4.5, b = 5.05', () => {
    const point = { x: 10, y: 50, w: 4, b: 5 };
    const L = parse('1/2*(w*x+b-y)^2');
    const [dw, db] = gradient(L, ['w', 'b']);
    expect(derivative(L, 'w', { order: 0 }).evaluate(point)).toBe(12.5);
    expect(dw!.evaluate(point)).toBe(-50);
    expect(db!.evaluate(point)).toBe(-5);
    expect(point.w - 0.01 * dw!.evaluate(point)).toBeCloseTo(4.5, 12);
    expect(point.b - 0.01 * db!.evaluate(point)).toBeCloseTo(5.05, 12);
  });

  it(`${RELU_NET} at x=2, y=10, w1=3, b1=1, w2=2, b2=0 -> L = 8; ∂w2 = 28, ∂b2 = 4, ∂w1 = 16, ∂b1 = 8`, () => {
    const point = { x: 2, y: 10, w1: 3, b1: 1, w2: 2, b2: 0 };
    expect(derivative(RELU_NET, 'x', { order: 0 }).evaluate(point)).toBe(8);
    const values = gradient(RELU_NET, ['w2', 'b2', 'w1', 'b1']).map((d) => d.evaluate(point));
    expect(values).toEqual([28, 4, 16, 8]);
  });

  it('(w*x+b-y)^2 at w=1, b=0, x=2, y=3 -> ∂w = -4, ∂b = -2', () => {
    const point = { w: 1, b: 0, x: 2, y: 3 };
    expect(gradient('(w*x+b-y)^2', ['w', 'b']).map((d) => d.evaluate(point))).toEqual([-4, -2]);
  });

  it('x*w^2+b^2 -> gradient (2*x*w, 2*b) over its variables in order of appearance', () => {
    expect(gradient('x*w^2+b^2').map((d) => [d.wrt, d.toString()])).toEqual([
      ['x', 'w^2'],
      ['w', '2*x*w'],
      ['b', '2*b'],
    ]);
  });
});

/** [f, wrt, LaTeX of the derivative] — what a person writes in notes. */
const LATEX: readonly (readonly [string, string, string])[] = [
  ['x*w^2+b^2', 'w', '2 x w'],
  ['x*w^2+b^2', 'b', '2 b'],
  ['x*exp(w)+exp(b)', 'w', 'x e^{w}'],
  ['(y-(x*w+b))^2', 'w', '-2 x \\left(y - x w - b\\right)'],
  ['y*log(x*w+b)', 'w', '\\frac{y x}{x w + b}'],
  ['y*log(x*w+b)', 'b', '\\frac{y}{x w + b}'],
  ['1/2*(w*x+b-y)^2', 'w', 'x \\left(w x + b - y\\right)'],
  ['1/2*(w*x+b-y)^2', 'b', 'w x + b - y'],
  ['3*x^2*y', 'y', '3 x^{2}'],
  ['x+x^2', 'x', '2 x + 1'],
  ['sin(x^2)', 'x', '2 x \\cos\\left(x^{2}\\right)'],
  ['1/(1+exp(-x))', 'x', '\\frac{e^{-x}}{\\left(1 + e^{-x}\\right)^{2}}'],
  [LOGISTIC, 'w', 'x \\left(\\sigma\\left(w x + b\\right) - y\\right)'],
  ['log(s*t)', 't', '\\frac{1}{t}'],
  ['relu(W*x)', 'x', 'W \\mathbf{1}\\left[W x > 0\\right]'],
];

describe('examples.md: LaTeX for notes', () => {
  it.each(LATEX)('∂(%s)/∂%s -> %s', (f, v, tex) => {
    expect(derivative(f, v).toTex()).toBe(tex);
  });

  it('deriv "1/2*(w*x+b-y)^2" --wrt w --format latex --name L -> \\frac{\\partial L}{\\partial w} = x \\left(w x + b - y\\right)', () => {
    const d = derivative('1/2*(w*x+b-y)^2', 'w');
    expect(`${latexHeading(d.variables, 'L')} = ${d.toTex()}`).toBe('\\frac{\\partial L}{\\partial w} = x \\left(w x + b - y\\right)');
  });

  it.each([
    ['sigmoid(u)', '\\sigma\\left(u\\right)'],
    ['log(u)', '\\ln\\left(u\\right)'],
    ['relu(u)', '\\operatorname{ReLU}\\left(u\\right)'],
    ['exp(w)', 'e^{w}'],
    ['b*L*W*s*t', 'b L W s t'],
  ])('%s -> %s', (f, tex) => {
    expect(derivative(f, 'zz', { order: 0 }).toTex()).toBe(tex);
  });

  const all = [...PARTIALS.map(([f, v]) => [f, v] as const), ['b*L*W*s*t', 'L'] as const, ['L*W^2+s*t', 'W'] as const];
  it.each(all)('∂(%s)/∂%s renders in KaTeX, single letters italic, \\cdot only between numbers', (f, v) => {
    const d = derivative(f, v);
    for (const tex of [d.toTex(), `${latexHeading(d.variables, 'L')} = ${d.toTex()}`]) {
      const html = katex.renderToString(tex, { throwOnError: true });
      expect(tex).not.toMatch(/\\mathrm|\\text\{/);
      expect(tex).not.toMatch(/[A-Za-z}]\s*\\cdot/);
      // Every one-letter variable of the input is a MathML <mi> without mathvariant="normal" (italic).
      for (const letter of new Set(f.match(/\b[A-Za-z]\b/g) ?? [])) {
        if (new RegExp(`\\b${letter}\\b`).test(toText(d.expr)))
          expect(html).toContain(`<mi>${letter}</mi>`);
      }
    }
  });
});
