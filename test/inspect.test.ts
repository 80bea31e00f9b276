/**
 * Results print readably in console.log / util.inspect (no node internals, no Maps of nodes); the
 * gradient has toString() and toTex({ name }); toTex({ name }) of a derivative is the whole equation;
 * evaluate takes text too.
 */
import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { derivative, gradient, check, sgd, gradcheck, hessian, jacobian, evaluate, parse } from '../src/index.js';

const SEED = '1/2*(w*x+b-y)^2';
const AT = 'x=10,y=50,w=4,b=5';

describe('util.inspect', () => {
  it.each([
    ['a derivative', () => derivative('x*w^2 + b^2', 'w'), 'Derivative ∂/∂w = 2*x*w'],
    ['a derivative with a warning', () => derivative('xw + b', 'w'), 'Derivative ∂/∂w = 0 (warnings: WRT_NOT_FOUND)'],
    ['a gradient', () => gradient(SEED, ['w', 'b']), 'Gradient(2) [\n  ∂/∂w = x*(w*x + b - y)\n  ∂/∂b = w*x + b - y\n]'],
    ['values at a point', () => gradient(SEED, ['w', 'b']).at(AT), '[ PointValue -50, PointValue -5 ]'],
    ['an exact fraction', () => derivative(SEED, 'w').at('x=1,y=0,w=1/2,b=0'), 'PointValue 1/2 (0.5)'],
    ['a check', () => check(SEED, 'w', '-5', { at: AT }), 'CheckResult wrong (point, 1 point): ∂/∂w = x*(w*x + b - y), claim -5 at x=10, y=50, w=4, b=5: derivative -50, claim -5'],
    ['SGD steps', () => sgd(SEED, ['w', 'b'], AT, 0.01, 1), '[\n  SgdStep 0: w = 4, b = 5, loss = 12.5,\n  SgdStep 1: w = 4.5, b = 5.05, loss = 0.00125\n]'],
    ['a Hessian', () => hessian('x*y'), 'Hessian over (x, y) [[0, 1],\n [1, 0]]'],
    ['a Jacobian', () => jacobian(['x*y', 'x+y']), 'Jacobian over (x, y) [[y, x],\n [1, 1]]'],
    ['a matrix-form derivative', () => derivative('sum(X*w)', 'w', { shapes: { X: 'n×d', w: 'd' } }), "MatrixDerivative ∇w = X'*ones(n)"],
    ['a matrix-form gradient', () => gradient('sum(X*w) + b', ['w', 'b'], { shapes: { X: 'n×d', w: 'd' } }), "MatrixGradient(2) [\n  ∇w = X'*ones(n)\n  ∂/∂b = 1\n]"],
    ['its values at a point', () => gradient('sum(X*w) + b', ['w', 'b'], { shapes: { X: 'n×d', w: 'd' } }).at({ X: [[1, 2]], w: [1, 1], b: 0 }), '[ MatrixPointValue [1, 2], MatrixPointValue 1 ]'],
    ['a gradient check', () => gradcheck('x^2', undefined, { x: 3 }), 'GradcheckResult ok: worst ∂/∂x = 6 against 6 by central differences, error 8.39e-10 ≤ tolerance 0.00601'],
  ])('%s', (_what, make, expected) => {
    const shown = inspect(make());
    expect(shown).toBe(expected);
    expect(shown).not.toMatch(/kind:|hash:|Map\(/);
  });
});

describe('printing a gradient and whole equations', () => {
  it('gradient toString and toTex({ name })', () => {
    const g = gradient(SEED, ['w', 'b']);
    expect(g.toString()).toBe('∂/∂w = x*(w*x + b - y)\n∂/∂b = w*x + b - y');
    expect(g.toTex({ name: 'L' })).toBe('\\nabla_{w,b} L = \\left( x \\left(w x + b - y\\right), w x + b - y \\right)');
  });
  it('derivative toTex({ name }) is the equation, toTex() the right-hand side', () => {
    const d = derivative(SEED, 'w');
    expect(d.toTex()).toBe('x \\left(w x + b - y\\right)');
    expect(d.toTex({ name: 'L' })).toBe('\\frac{\\partial L}{\\partial w} = x \\left(w x + b - y\\right)');
  });
  it('JSON of a gradient stays an array of partials', () => {
    expect(JSON.parse(JSON.stringify(gradient(SEED, ['w'])))).toEqual([{ wrt: ['w'], text: 'x*(w*x + b - y)', latex: 'x \\left(w x + b - y\\right)' }]);
  });
});

describe('evaluate takes text or an expression', () => {
  it.each([
    ['x^2', { x: 3 }, 9],
    ['sin(0) + y', { y: 2 }, 2],
  ])('evaluate(%j, %j) -> %d', (text, scope, value) => {
    expect(evaluate(text, scope)).toBe(value);
    expect(evaluate(parse(text), scope)).toBe(value);
  });
});

describe('a derivative names its variable', () => {
  it.each([
    ['x^2 wrt x -> wrt x', () => derivative('x^2', 'x'), 'x', ['x']],
    ['x^2 wrt [x] -> wrt x', () => derivative('x^2', ['x']), 'x', ['x']],
    ['w1*x wrt w1 -> wrt w1', () => derivative('w1*x', 'w1'), 'w1', ['w1']],
    ['x*y wrt [x, y] -> wrt [x, y]', () => derivative('x*y', ['x', 'y']), ['x', 'y'], ['x', 'y']],
    ['x^3 wrt x, order 2 -> wrt [x, x]', () => derivative('x^3', 'x', { order: 2 }), ['x', 'x'], ['x', 'x']],
    ['a gradient partial -> wrt b', () => gradient(SEED, ['w', 'b'])[1]!, 'b', ['b']],
  ])('%s', (_what, make, wrt, variables) => {
    const d = make();
    expect(d.wrt).toEqual(wrt);
    expect(d.variables).toEqual(variables);
    expect(d.toJSON().wrt).toEqual(variables);
  });
});
