/**
 * The library's door under hostile input (security review, finding 8): every exported function and every
 * method of a result, called with random JSON values, wrong types, huge array-likes, frozen objects and
 * valid arguments mixed, either answers or throws a DerivError with a code — never a TypeError, a
 * RangeError, a hang, or a write into the caller's object (every value passed in is deep-frozen, so a
 * write would throw). Before: toText('x*y'), hessian(null), evaluate('x', null), parsePoint(undefined) …
 * threw raw TypeErrors, parseMatrixValues({ length: 1e10 }) looped, freeVariables({ x: 1 }) wrote a
 * `free` property into the caller's object.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as lib from '../src/index.js';
import { runs } from './helpers/run-seed.js';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    if (!(v instanceof Map)) for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/** Values no function expects: JSON of every kind, and what JSON cannot hold. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  fc.constantFrom(undefined, null, NaN, Infinity, -0, 1e300, -1, 2 ** 53, '', ' ', '{', '\u001b[31m', '__proto__', 'x'.repeat(300)),
  fc.constantFrom({ length: 1e10 }, { x: 'abc' }, { x: null }, { __proto__: null, x: 1 }, [null], [[]], new Map([['x', 'a']]), new Map<unknown, unknown>([[1, 2]])),
  fc.constantFrom(() => 1, Symbol('s'), 10n, new Date(0), /x/),
).map(deepFreeze);

const F = 'x*y + sin(x)';
const E = lib.parse(F);
const D = lib.derivative(F, 'x');
const G = lib.gradient(F, ['x', 'y']);
const H = lib.hessian(F);
const P = lib.program('z = w*x + b; L = (z - y)^2/2');
const M = lib.matrixGradient('mean((X*w + b - y)^2)', ['w', 'b'], { shapes: 'X=n×d,w=d,y=n' })[0]!;
const V = lib.parseMatrixValues('X=[[1,2],[3,4]],w=[1,-1],b=1,y=[1,2]');
const MG = lib.gradient('mean((X*w + b - y)^2)', ['w', 'b'], { shapes: 'X=n×d,w=d,y=n' });
const MP = { X: [[1, 2], [3, 4]], w: [1, -1], b: 1, y: [1, 2] };

/** For each argument: values a caller might rightly pass, or hostile ones. */
const arg = (...valid: unknown[]): fc.Arbitrary<unknown> => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...valid) }, { weight: 3, arbitrary: hostile });

type Call = readonly [string, readonly fc.Arbitrary<unknown>[], (...args: unknown[]) => unknown];
const f = (fn: unknown) => fn as (...args: unknown[]) => unknown;

const CALLS: readonly Call[] = [
  ['derivative', [arg(F, E, 'z = w*x; L = z^2'), arg('x', ['x', 'y']), arg(undefined, {}, { order: 2 }, { shapes: 'X=n×d' })], f(lib.derivative)],
  ['gradient', [arg(F, E), arg(undefined, ['x']), arg(undefined, { simplify: false })], f(lib.gradient)],
  ['parse', [arg(F, '1/2x'), arg(undefined, { maxLength: 10 })], f(lib.parse)],
  ['readExpression', [arg(F), arg(undefined, {})], f(lib.readExpression)],
  ['simplify', [arg(F, E), arg(undefined, { simplifyBudget: 1 })], f(lib.simplify)],
  ['evaluate', [arg(F, E), arg({ x: 1, y: 2 }, new Map([['x', 1], ['y', 2]]))], f(lib.evaluate)],
  ['variablesOf', [arg(E)], f(lib.variablesOf)],
  ['toText', [arg(E), arg(undefined, { order: ['y', 'x'] })], f(lib.toText)],
  ['toLatex', [arg(E), arg(undefined, {})], f(lib.toLatex)],
  ['latexName', [arg('w1', 'theta')], f(lib.latexName)],
  ['differentiate', [arg(E), arg('x'), arg(undefined, {})], f(lib.differentiate)],
  ['freeVariables', [arg(E)], f(lib.freeVariables)],
  ['cse', [arg([E, D.expr]), arg(undefined, { prefix: 'u' })], f(lib.cse)],
  ['inlineCse', [arg(lib.cse([E, D.expr]))], f(lib.inlineCse)],
  ['cseToText', [arg([D], G), arg(true, false)], f(lib.cseToText)],
  ['cseToLatex', [arg([D], G), arg(undefined, 'L')], f(lib.cseToLatex)],
  ['recordDerivation', [arg(E), arg(['x']), arg(undefined, { detail: 'full' })], f(lib.recordDerivation)],
  ['stepsToText', [arg(D.steps), arg(undefined, { name: 'L' })], f(lib.stepsToText)],
  ['stepsToLatex', [arg(D.steps), arg(undefined, {})], f(lib.stepsToLatex)],
  ['toMarkdownNote', [arg([D], G), arg(undefined, { steps: true, name: 'L' })], f(lib.toMarkdownNote)],
  ['toHtmlPage', [arg([D]), arg(undefined, { name: 'L' })], f(lib.toHtmlPage)],
  ['matrixGradient', [arg('mean((X*w + b - y)^2)'), arg(undefined, ['w']), arg({ shapes: 'X=n×d,w=d,y=n' }, { shapes: { X: 'n×d', w: 'd', y: 'n' } })], f(lib.matrixGradient)],
  ['parseMatrixValues', [arg('X=[[1,2]],w=[1]')], f(lib.parseMatrixValues)],
  ['matrixValueText', [arg(V.get('X'))], f(lib.matrixValueText)],
  ['parsePoint', [arg('x=1,y=2')], f(lib.parsePoint)],
  ['check', [arg(F), arg('x'), arg('y + cos(x)', D.expr), arg(undefined, { at: 'x=1,y=2' }, { samples: 4 })], f(lib.check)],
  ['sgd', [arg(F), arg(['x']), arg({ x: 1, y: 2 }, 'x=1,y=2'), arg(0.1, '1/10'), arg(0, 1, 2)], f(lib.sgd)],
  ['gradcheck', [arg(F), arg(undefined, ['x']), arg({ x: 1, y: 2 }), arg(undefined, { eps: 1e-6 })], f(lib.gradcheck)],
  ['hessian', [arg(F, E), arg(undefined, ['x', 'y'])], f(lib.hessian)],
  ['jacobian', [arg([F, 'x+y']), arg(undefined, ['x'])], f(lib.jacobian)],
  ['program', [arg('z = w*x; L = z^2', F), arg(undefined, { of: 'z' })], f(lib.program)],
  ['matrixProgram', [arg('h = X*w; L = sum(h)'), arg('X=n×d,w=d'), arg(undefined, ['w']), arg(undefined, {})], f(lib.matrixProgram)],
  ['inlineMatrixProgram', [arg('h = X*w; L = sum(h)'), arg(undefined, {})], f(lib.inlineMatrixProgram)],
  ['toCode', [arg(D, G, H, P), arg('js', 'python', 'numpy', 'c'), arg(undefined, { name: 'L' })], f(lib.toCode)],
  ['compile', [arg(D, G, H), arg(undefined, {})], f(lib.compile)],
  ['gradientCode', [arg(F, E), arg(undefined, ['x']), arg(undefined, { value: true })], f(lib.gradientCode)],
  ['codeProgram', [arg(D, G), arg(undefined, {})], f(lib.codeProgram)],
  ['countOps', [arg(lib.gradientCode(F))], f(lib.countOps)],
  ['opsOf', [arg(E)], f(lib.opsOf)],
  ['valueProgram', [arg(E), arg(['x', 'y']), arg(undefined, {})], f(lib.valueProgram)],
  ['answer', [arg({ expr: F }, { expr: 'z = w*x; L = z^2', wrt: 'w', at: { w: 1, x: 2 } }, { expr: F, format: 'python' }, { expr: F, wrt: 42 }, { expr: F, at: { x: [1] } }, { expr: F, steps: 'sideways' })], f(lib.answer)],
  ['answer.render', [arg('text', 'latex', 'json', 'markdown', 'html', 'numpy', 'tex')], (...a) => lib.answer({ expr: F, wrt: 'x' }).render(...(a as [never]))],
  // Methods of results.
  ['Derivative.derivation', [arg(undefined, 'brief', 'full'), arg(undefined, { name: 'L' })], (...a) => D.derivation(...(a as Parameters<typeof D.derivation>))],
  ['Derivative.toTex', [arg(undefined, { steps: true, name: 'L' })], (...a) => D.toTex(...(a as Parameters<typeof D.toTex>))],
  ['Derivative.stepsText', [arg(undefined, { detail: 'full' })], (...a) => D.stepsText(...(a as Parameters<typeof D.stepsText>))],
  ['Derivative.toMarkdown', [arg(undefined, { steps: 'full' })], (...a) => D.toMarkdown(...(a as Parameters<typeof D.toMarkdown>))],
  ['Derivative.toHtml', [arg(undefined, {})], (...a) => D.toHtml(...(a as Parameters<typeof D.toHtml>))],
  ['Derivative.evaluate', [arg({ x: 1, y: 2 })], (...a) => D.evaluate(...(a as Parameters<typeof D.evaluate>))],
  ['Derivative.at', [arg({ x: 1, y: 2 }, 'x=1,y=2')], (...a) => D.at(...(a as Parameters<typeof D.at>))],
  ['Gradient.at', [arg({ x: 1, y: 2 }, 0)], (...a) => G.at(...(a as [never]))],
  ['Gradient.toTex', [arg(undefined, { name: 'L' })], (...a) => G.toTex(...(a as Parameters<typeof G.toTex>))],
  ['Hessian.at', [arg({ x: 1, y: 2 })], (...a) => H.at(...(a as Parameters<typeof H.at>))],
  ['Hessian.toTex', [arg(undefined, { bare: true })], (...a) => H.toTex(...(a as Parameters<typeof H.toTex>))],
  ['Program.backward', [arg(undefined, ['w'])], (...a) => P.backward(...(a as Parameters<typeof P.backward>))],
  ['Program.at', [arg({ w: 1, x: 2, b: 3, y: 4 }), arg(undefined, ['w'])], (...a) => P.at(...(a as Parameters<typeof P.at>))],
  ['Program.sgd', [arg({ w: 1, x: 2, b: 3, y: 4 }), arg(0.1), arg(undefined, 1, 3), arg(undefined, ['w'])], (...a) => P.sgd(...(a as Parameters<typeof P.sgd>))],
  ['Program.toTex', [arg(undefined, { steps: true })], (...a) => P.toTex(...(a as Parameters<typeof P.toTex>))],
  ['Program.toJSON', [arg(undefined, { at: 'w=1,x=2,b=3,y=4' })], (...a) => P.toJSON(...(a as Parameters<typeof P.toJSON>))],
  ['MatrixDerivative.evaluate', [arg(V)], (...a) => M.evaluate(...(a as Parameters<typeof M.evaluate>))],
  ['MatrixDerivative.at', [arg(MP, V, 'X=[[1,2],[3,4]],w=[1,-1],b=1,y=[1,2]', { ...MP, w: [[1], [-1]] }, { ...MP, w: [1, null] }, { ...MP, X: [[1, 2], [3]] }, { ...MP, X: [] }, { ...MP, w: { length: 1e10 } })], (...a) => M.at(...(a as Parameters<typeof M.at>))],
  ['MatrixGradient.at', [arg(MP, V, 0, -1, { ...MP, b: '1/2' }, { ...MP, b: [[1]] }, { ...MP, y: [1, 2, 3] }, { ...MP, w: [, 1] })], (...a) => MG.at(...(a as [never]))],
  ['MatrixGradient.toTex', [arg(undefined, { name: 'L' })], (...a) => MG.toTex(...(a as Parameters<typeof MG.toTex>))],
  ['MatrixDerivative.heading', [arg('text', 'latex'), arg(undefined, 'L')], (...a) => M.heading(...(a as Parameters<typeof M.heading>))],
  ['MatrixDerivative.claim', [arg("2/n*X'*(X*w + b - y)")], (...a) => M.claim(...(a as Parameters<typeof M.claim>))],
];

/** Answers (and its text, if it has one) or a coded DerivError; anything else is returned as the failure. */
function outcome(fn: (...args: unknown[]) => unknown, args: readonly unknown[]): 'answer' | 'coded' | Error {
  try {
    const r = fn(...args);
    if (typeof r === 'object' && r !== null) String(r);
    return 'answer';
  } catch (e) {
    if (e instanceof lib.DerivError && typeof e.code === 'string') return 'coded';
    return e as Error;
  }
}

describe('every library entry point, with hostile arguments: an answer or a coded error', () => {
  it.each(CALLS.map((c) => [c[0], c] as const))('%s', (_name, [name, args, fn]) => {
    const seen = { answer: 0, coded: 0 };
    fc.assert(
      fc.property(fc.tuple(...args), (values) => {
        const o = outcome(fn, values);
        if (o instanceof Error) throw new Error(`${name}(${values.map((v) => (typeof v === 'symbol' ? v.toString() : JSON.stringify(v) ?? String(v))).join(', ')}) threw ${o.constructor.name}: ${o.message}`);
        seen[o]++;
      }),
      { numRuns: runs(60) },
    );
    // The arguments reach past the door as well as stop at it.
    expect(seen.coded).toBeGreaterThan(0);
  });

  it.each([
    ['toText of text', () => lib.toText('x*y' as never)],
    ['hessian(null)', () => lib.hessian(null as never)],
    ["hessian('x*y', 'x')", () => lib.hessian('x*y', 'x' as never)],
    ["jacobian('x*y')", () => lib.jacobian('x*y' as never)],
    ["gradientCode('x*y', 'x')", () => lib.gradientCode('x*y', 'x' as never)],
    ["evaluate('x', null)", () => lib.evaluate('x', null as never)],
    ['check(…, null)', () => lib.check('x^2', 'x', '2*x', null as never)],
    ["parse('x', null)", () => lib.parse('x', null as never)],
    ["derivative('x', 'x', null)", () => lib.derivative('x', 'x', null as never)],
    ['gradcheck(null)', () => lib.gradcheck(null as never, undefined, {})],
    ['sgd(…, null, …)', () => lib.sgd('x^2', ['x'], null as never, 0.1, 1)],
    ['program(null)', () => lib.program(null as never)],
    ["toCode(g, 'js', null)", () => lib.toCode(G, 'js', null as never)],
    ['.at(null)', () => D.at(null as never)],
    ['.toTex(null)', () => D.toTex(null as never)],
    ["evaluate('x', { x: 'abc' }): a value that is no number", () => lib.evaluate('x', { x: 'abc' } as never)],
    ['parseMatrixValues({ length: 1e10 })', () => lib.parseMatrixValues({ length: 1e10 } as never)],
    ['freeVariables({ x: 1 }) writes nothing into the object', () => lib.freeVariables(Object.freeze({ x: 1 }) as never)],
    ['sgd with 10^10 steps: bounded', () => lib.sgd('x^2', ['x'], { x: 1 }, 0.1, 1e10)],
  ])('%s -> a coded error', (_name, call) => {
    expect(call).toThrow(lib.DerivError);
  });
});
