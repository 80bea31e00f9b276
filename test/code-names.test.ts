/**
 * Names in generated code (issue 27, findings 1–3): a variable named like something the generated code
 * introduces itself (compile()'s point `p`, loop index `i`, columns `c_k`, NumPy's `shape`, C's `d_x`,
 * the function's `value`), a keyword, a builtin, a <math.h> macro, or listed twice in --wrt. The
 * reserved-name tables are checked against the tools themselves, and a property draws random names
 * and has python3 parse, cc compile and Node run what every language generates for them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vm from 'node:vm';
import { spawnSync } from 'node:child_process';
import { FUNCTION_ROWS } from '../rules/functions.js';
import { codeProgram, compile, evaluate, gradient, gradientCode, hessian, parse, program, toCode, type CodeProgram } from '../src/index.js';
import { CODE_LANGUAGES, emitParts, joinParts } from '../src/code/emit.js';
import { RESERVED_NAMES, isReserved } from '../src/code/reserved.js';
import { spellingNames } from '../src/code/notations.js';
import { checkVariableName } from '../src/names.js';
import type { CodeLanguage } from '../rules/functions.js';
import { deriv } from './helpers/cli.js';
import { codeOf } from './helpers/errors.js';
import { close } from './helpers/oracle.js';
import { runs } from './helpers/run-seed.js';
import { cMathNames, cSyntaxErrors, hasCc, hasPython, pythonProblems, pythonReservedNames } from './helpers/code-runners.js';

/** Names compile()'s JavaScript, NumPy and C introduce themselves (before the fix each broke compile or gave NaN). */
const GENERATOR_NAMES = ['p', 'i', 'n', 'c_0', 'c_1', 'o_0', 'o_1', 'o_2', 'missing', 'notAPoint', 'kernel', 'ins', 'outs', 't1', 'shape', 'd_x', 'grad_f'];

describe('finding 1: compile() with a variable named like a name of its own generated code', () => {
  it.each(GENERATOR_NAMES)('%s^2 + x*%s -> compile() and .batch give its value and partials (before: SyntaxError, ReferenceError, TypeError or NaN)', (name) => {
    const g = compile(gradient(`${name}^2 + x*${name}`));
    const expected = { value: 4 + 2 * 3, [name]: 2 * 2 + 3, x: 2 };
    expect(g({ [name]: 2, x: 3 })).toEqual(expected);
    const columns = g.batch({ [name]: [2, -1], x: new Float64Array([3, 5]) });
    expect(Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, [...(v as Float64Array)]]))).toEqual({ value: [10, -4], [name]: [7, 3], x: [2, -1] });
  });
  it('a bad point still names the missing input when the point parameter is called p or missing', () => {
    expect(codeOf(() => compile(gradient('p*missing'))({ p: 1 }))).toBe('BAD_VARIABLE');
    expect(codeOf(() => compile(gradient('notAPoint*missing'))(null as never))).toBe('BAD_OPTION');
  });
  it.each(CODE_LANGUAGES.map((l) => [l] as const))('%s: a variable named like a generated name is renamed, the generated name kept distinct', (language) => {
    const code = toCode(gradientCode('shape*d_x*t1 + x^3*sin(x)'), language);
    const params = /\(([^)]*)\)/.exec(code.slice(code.search(/grad_f\(/)))![1]!.split(', ').map((p) => p.replace(/^double \*?/, ''));
    expect(new Set(params).size, code).toBe(params.length);
  });
});

describe('finding 1: the output key of the function value (rule: a variable named value is refused while the value is asked for)', () => {
  it("compile(gradient('value^2'))({ value: 3 }) -> BAD_VARIABLE (before: { value: 6 }, f = 9 lost to a duplicate key)", () => {
    expect(codeOf(() => compile(gradient('value^2')))).toBe('BAD_VARIABLE');
  });
  it.each(CODE_LANGUAGES.map((l) => [l] as const))("toCode(…, '%s', { value: true }) with a variable named value -> BAD_VARIABLE (before: { value: …, value: … })", (language) => {
    expect(codeOf(() => toCode(gradientCode('value^2', undefined, { value: true }), language))).toBe('BAD_VARIABLE');
  });
  it("compile(…, { value: false }) -> the partials alone, keyed by the variable: { value: 6 }", () => {
    expect(compile(gradient('value^2'), { value: false })({ value: 3 })).toEqual({ value: 6 });
  });
  it('without the function value the partial is an ordinary output: C writes it through d_value', () => {
    expect(toCode(gradient('value^2'), 'c')).toContain('void grad_f(double value, double *d_value) {');
  });
});

describe('finding 3: --wrt x,x', () => {
  it.each(CODE_LANGUAGES.map((l) => [l] as const))('x^2*y --wrt x,x --format %s -> BAD_VARIABLE, exit 2 (before: grad_f(y, x, x))', async (language) => {
    const r = await deriv(['x^2*y', '--wrt', 'x,x', '--format', language]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BAD_VARIABLE');
    expect(r.stderr).toContain('--mixed');
  });
  it.each([
    ['--order 2 (∂²/∂x² listed twice)', ['x^2*y', '--wrt', 'x,x', '--order', '2']],
    ['a program', ['z = x*y; L = z^2', '--wrt', 'x,x']],
    ['matrix form', ['sum(X*w)', '--wrt', 'w,w', '--shape', 'X=n×d,w=d']],
  ])('%s --wrt listing a name twice -> BAD_VARIABLE (before: a parameter or key twice)', async (_label, argv) => {
    const r = await deriv([...argv, '--format', 'numpy']);
    expect(r.stderr).toContain('BAD_VARIABLE');
    expect(r.code).toBe(2);
  });
  it('--mixed --wrt x,x is ∂²f/∂x²: d_f(y, x) (the data, then the variable) returns one key "x,x"', async () => {
    expect((await deriv(['x^2*y', '--wrt', 'x,x', '--mixed', '--format', 'js'])).stdout).toBe('function d_f(y, x) {\n  return { "x,x": 2*y };\n}');
  });
  it('--hessian --wrt x,x: a name listed twice is refused, as everywhere but --mixed (BAD_VARIABLE)', async () => {
    const r = await deriv(['x^2*y', '--wrt', 'x,x', '--hessian', '--format', 'python']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error BAD_VARIABLE: 'x' is listed twice/);
  });
  it.each([
    ["gradientCode('x^2', ['x', 'x'])", () => gradientCode('x^2', ['x', 'x'])],
    ["toCode(gradient('x^2*y', ['x', 'x']), 'js')", () => toCode(gradient('x^2*y', ['x', 'x']), 'js')],
    ["compile(program(…), { wrt: ['x', 'x'] })", () => compile(program('z = x*y; L = z^2'), { wrt: ['x', 'x'] })],
    ['a CodeProgram with a parameter twice', () => toCode({ ...gradientCode('x*y'), inputs: ['x', 'x', 'y'] } as CodeProgram, 'c')],
  ])('library: %s -> BAD_VARIABLE', (_label, f) => {
    expect(codeOf(f)).toBe('BAD_VARIABLE');
  });
});

describe('finding 2: one reserved-name table per language, checked against the tools', () => {
  it.each([
    ['js', ['typeof', 'await', 'let', 'arguments', 'eval', 'NaN', 'Infinity', 'undefined', 'Math', 'globalThis']],
    ['python', ['lambda', 'match', 'case', 'type', '_', '__debug__', 'print', 'len', 'math', 'ExceptionGroup']],
    ['numpy', ['lambda', 'np', 'numpy', 'sum', '__debug__']],
    ['c', ['typeof', '_Generic', 'asm', '__attribute__', '__LINE__', '__FILE__', 'linux', 'unix', 'M_PI', 'NAN', 'HUGE_VAL', 'fpclassify', 'isnan', 'sinf', 'y0', 'errno', 'bool', 'nullptr']],
  ] as const)('%s reserves %j', (language, names) => {
    for (const name of names) expect(isReserved(name, language), name).toBe(true);
  });
  it('table sizes (reported): every language reserves its keywords and the names its code runs among', () => {
    const sizes = Object.fromEntries(CODE_LANGUAGES.map((l) => [l, RESERVED_NAMES[l].size]));
    console.info(`reserved names per language: ${JSON.stringify(sizes)} (C also every name starting with __ or _ and a capital)`);
    for (const l of CODE_LANGUAGES) expect(RESERVED_NAMES[l].size).toBeGreaterThan(50);
  });
  it("JavaScript: every global of a fresh realm is in the table", () => {
    const globals = vm.runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[];
    expect(globals.filter((g) => !isReserved(g, 'js'))).toEqual([]);
  });
  const py = hasPython ? it : it.skip;
  if (!hasPython) console.warn('SKIPPED the Python table against python3: python3 is not available');
  py("Python: python3's keywords, soft keywords and builtins are all in the table", () => {
    expect([...pythonReservedNames()!].filter((n) => !isReserved(n, 'python'))).toEqual([]);
  });
  const c = hasCc ? it : it.skip;
  if (!hasCc) console.warn('SKIPPED the C table against cc: no C compiler (cc) on this machine');
  c("C: every macro cc predefines or <math.h> defines, and every function <math.h> declares, is in the table", () => {
    const { macros, functions } = cMathNames()!;
    expect([...macros, ...functions].filter((n) => !isReserved(n, 'c'))).toEqual([]);
  });
  /** Names a helper declares itself: its own name, parameters and locals. */
  const declared = (define: string): Set<string> => {
    const out = new Set<string>();
    for (const m of define.matchAll(/(?:function|def|double)\s+([A-Za-z_]\w*)\s*\(([^)]*)\)/g)) {
      out.add(m[1]!);
      for (const p of m[2]!.split(',')) out.add(p.trim().replace(/^double\s+/, ''));
    }
    for (const m of define.matchAll(/^\s*([A-Za-z_][\w, ]*?)\s*=(?!=)/gm)) for (const n of m[1]!.split(',')) out.add(n.trim());
    // Locals: JS's const/let, C's int/double (static const double c[8] too), loops, and further declarators (`let a = 1, b = 2`).
    for (const m of define.matchAll(/\b(?:const|let|for|int|double)\s+([A-Za-z_]\w*)/g)) out.add(m[1]!);
    for (const m of define.matchAll(/,\s*([A-Za-z_]\w*)\s*=(?!=)/g)) out.add(m[1]!);
    return out;
  };
  it.each(CODE_LANGUAGES.map((l) => [l] as const))('%s: every name a helper uses from outside itself is reserved (so no variable can shadow it)', (language) => {
    // Every row's helper, and Python's division helper, as the generated code defines them.
    const text = FUNCTION_ROWS.map((row) => `${row.name}(${row.params.map((p, i) => (i === 0 ? `${p}/q` : p)).join(', ')})`).join(' + ');
    const helpers = emitParts(gradientCode(text, undefined, { value: true }), language).helpers;
    const outside = spellingNames(language);
    const unreserved: string[] = [];
    for (const [name, define] of helpers)
      for (const m of define.replace(/"[^"]*"/g, '""').matchAll(/(?<![\w.])[A-Za-z_]\w*/g))
        if (!declared(define).has(m[0]) && !outside.has(m[0]) && !isReserved(m[0], language)) unreserved.push(`${name}: ${m[0]}`);
    expect(unreserved).toEqual([]);
  });
});

describe('finding 2: matrix form names its variables and sizes like the other languages', () => {
  it.each([
    ['a size named lambda or np', 'mean((X*w+b-y)^2)', 'X=lambda×np,w=np,y=lambda', 'def grad_f(b, X, y, w):', '    lambda_ = X.shape[0]'],
    ['variables named lambda and np', 'sum(exp(lambda*np))', 'lambda=n×d,np=d', 'def grad_f(lambda_, np_):', '"np": lambda_.T @ np.exp(lambda_ @ np_)'],
    ['a size named T next to X.T', 'mean((X*w-y)^2)', 'X=T×d,w=d,y=T', 'def grad_f(X, y, w):', '    T = X.shape[0]'],
  ])('%s -> renamed, runs (before: BAD_VARIABLE for a variable, `lambda = X.shape[0]` for a size)', async (_label, f, shape, def, line) => {
    const r = await deriv([f, '--wrt', f.includes('np)') ? 'np' : 'w', '--shape', shape, '--format', 'numpy']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(def);
    expect(r.stdout).toContain(line);
    if (hasPython) {
      const check = spawnSync('python3', ['-c', `import ast\nast.parse(${JSON.stringify(r.stdout)})`], { encoding: 'utf8' });
      expect(check.stderr).toBe('');
    }
  });
});

/** A deriv variable name: random identifiers, reserved words of every table, generated names, Greek and accented letters. */
const nameArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...new Set(CODE_LANGUAGES.flatMap((l) => [...RESERVED_NAMES[l]]))),
    fc.constantFrom(...GENERATOR_NAMES, 'np', 'math', 'Math', 'u', 'a', 'b', 'f', 'hess_f', 'd_value', '__proto__', 'constructor', '__LINE__', '_Bool'),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/),
    fc.array(fc.constantFrom('θ', 'λ', 'ŷ', 'é', 'Ω', 'ς', '_', 'x', '1', 'a\u0304'), { minLength: 1, maxLength: 4 }).map((cs) => cs.join('').normalize('NFC')),
  )
  // `value` next to the function's value is refused by rule (tested above).
  .filter((name) => {
    if (name === 'value') return false;
    try {
      return checkVariableName(name) === name && (() => { const e = parse(name); return e.kind === 'sym' && e.name === name; })();
    } catch {
      return false;
    }
  });

describe('finding 2, property: random names generate code that parses, compiles and runs in every language', () => {
  const samples = fc.sample(fc.uniqueArray(nameArb, { minLength: 2, maxLength: 5 }), { numRuns: runs(60) });
  /** A function of the names with calls, a power, a quotient and shared pieces (so temporaries and helpers appear). */
  const functionOf = (names: readonly string[]): string => {
    const [a, b, c = a] = names;
    return `sin(${a}*${b}) + (${a} + ${c})^3/(${b}^2 + 1) + sigmoid(${c})*${names.join('*')} + max(${a}, ${b}) + heaviside(${b})*${c}`;
  };
  const programsOf = (names: readonly string[]): { label: string; program: CodeProgram }[] => [
    { label: `gradient of ${functionOf(names)}`, program: gradientCode(functionOf(names), names, { value: true }) },
    { label: `hessian of (${names.join('*')})^2`, program: codeProgram(hessian(`(${names.join('*')})^2 + ${names[0]}`), { value: true }) },
  ];
  const cases = samples.flatMap((names) => programsOf(names).map((p, k) => ({ names, ...p, id: `f${samples.indexOf(names)}_${k}` })));

  it(`JavaScript: toCode compiles with new Function and compile()/.batch agree with evaluate() (${samples.length} name sets)`, () => {
    const failures: string[] = [];
    samples.forEach((names, s) => {
      const f = functionOf(names);
      const point = Object.fromEntries(names.map((n, i) => [n, 0.25 + 0.5 * i]));
      try {
        const source = toCode(gradientCode(f, names, { value: true }), 'js');
        new Function(`"use strict";\n${source}\nreturn grad_f;`);
        const g = compile(gradientCode(f, names, { value: true }));
        const one = g(point);
        const batch = g.batch(Object.fromEntries(names.map((n) => [n, [point[n]!, point[n]!]])));
        if (!close(one['value'] as number, evaluate(f, point), 1e-12)) failures.push(`${s} ${JSON.stringify(names)}: value ${one['value']} vs ${evaluate(f, point)}`);
        for (const k of g.outputs) if ((batch[k] as Float64Array)[1] !== one[k]) failures.push(`${s} ${JSON.stringify(names)}: batch ${k}`);
      } catch (e) {
        failures.push(`${s} ${JSON.stringify(names)}: ${(e as Error).message}`);
      }
    });
    expect(failures).toEqual([]);
  });
  const pyIt = hasPython ? it : it.skip;
  if (!hasPython) console.warn('SKIPPED the random-name property for Python and NumPy: python3 is not available');
  pyIt(`Python and NumPy: python3 parses and compiles every function, no parameter twice, no reserved name (${cases.length} functions, one process)`, () => {
    const languages: CodeLanguage[] = ['python', 'numpy'];
    const sources = languages.flatMap((l) => cases.map((c) => ({ source: joinParts([emitParts(c.program, l)], l), modules: l === 'numpy' ? ['math', 'np', 'numpy'] : ['math'] })));
    const helpers = [...new Set(languages.flatMap((l) => cases.flatMap((c) => [...emitParts(c.program, l).helpers.keys()])))];
    const problems = pythonProblems(sources, helpers);
    const failures = problems.flatMap((p, k) => (p.length === 0 ? [] : [`${languages[Math.floor(k / cases.length)]} ${cases[k % cases.length]!.label}: ${p.join('; ')}`]));
    expect(failures).toEqual([]);
  });
  const cIt = hasCc ? it : it.skip;
  if (!hasCc) console.warn('SKIPPED the random-name property for C: no C compiler (cc) on this machine');
  cIt(`C: cc -fsyntax-only accepts every function under -std=gnu17 and -std=c2x, no identifier twice, none a <math.h> name (${cases.length} functions, one file)`, () => {
    const parts = cases.map((c) => emitParts({ ...c.program, name: c.id }, 'c'));
    expect(cSyntaxErrors(joinParts(parts, 'c'))).toEqual(['', '']);
    const { macros, functions } = cMathNames()!;
    const failures: string[] = [];
    parts.forEach((p, k) => {
      const ids = [...p.printed.inputs, ...p.printed.temps.map((t) => t.name), ...p.printed.outputs.map((o) => o.id)];
      if (new Set(ids).size !== ids.length) failures.push(`${cases[k]!.label}: an identifier twice in ${ids.join(', ')}`);
      for (const id of ids) if (macros.has(id) || functions.has(id) || /^_[A-Z_]/.test(id)) failures.push(`${cases[k]!.label}: ${id}`);
    });
    expect(failures).toEqual([]);
  });
});
