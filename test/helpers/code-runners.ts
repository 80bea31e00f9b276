/**
 * Runs generated code: many programs per process (one python3, one cc + run), so the tests stay
 * fast. Each case is a CodeProgram with its points; every runner returns, per case and point, the
 * outputs by key (a number, or a matrix as nested arrays).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CodeProgram } from '../../src/code/ir.js';
import { emitParts, joinParts, type CodeParts } from '../../src/code/emit.js';
import type { CodeLanguage } from '../../rules/functions.js';

export type Outputs = Record<string, number | number[] | number[][]>;
export interface RunCase {
  readonly program: CodeProgram;
  /** Points, each with every input of the program. */
  readonly points: readonly Readonly<Record<string, number>>[];
}

export const hasPython = spawnSync('python3', ['-c', 'import sys'], { encoding: 'utf8' }).status === 0;
export const hasNumpy = hasPython && spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
export const hasCc = spawnSync('cc', ['--version'], { encoding: 'utf8' }).status === 0;

/** Programs renamed f0, f1, … so many fit in one file. */
function parts(cases: readonly RunCase[], language: CodeLanguage): CodeParts[] {
  return cases.map((c, i) => emitParts({ ...c.program, name: `f${i}` }, language));
}

const args = (c: RunCase, point: Readonly<Record<string, number>>): number[] => c.program.inputs.map((v) => point[v]!);

/** A number as a literal of the language (NaN and ±∞ included). */
function literal(x: number, language: 'python' | 'c'): string {
  if (Number.isNaN(x)) return language === 'c' ? 'NAN' : 'float("nan")';
  if (!Number.isFinite(x)) return `${x < 0 ? '-' : ''}${language === 'c' ? 'INFINITY' : 'float("inf")'}`;
  return x.toPrecision(17);
}

/** A number printed by Python (repr in JSON strings, see PY_JSON) or C (%.17g): nan, inf, -inf, -nan included. */
function readNumber(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  if (/^-?nan$/i.test(text)) return NaN;
  if (/^-?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}
const revive = (_key: string, value: unknown): unknown => readNumber(value);

/** Python's side of the JSON hand-over: non-finite floats as strings (JSON has no NaN or Infinity). */
const PY_JSON = `
import json, math
def _plain(v):
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    v = float(v)
    return v if math.isfinite(v) else repr(v)
`;

export function runJs(cases: readonly RunCase[]): Outputs[][] {
  const ps = parts(cases, 'js');
  const source = `${joinParts(ps, 'js')}\nreturn [${ps.map((p) => p.printed.functionName).join(', ')}];`;
  const fns = new Function(source)() as ((...a: number[]) => Outputs)[];
  return cases.map((c, i) => c.points.map((pt) => fns[i]!(...args(c, pt))));
}

function runPythonSource(source: string): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), 'deriv-code-'));
  try {
    const file = path.join(dir, 'gen.py');
    writeFileSync(file, source);
    const r = spawnSync('python3', [file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`python3 failed:\n${r.stderr}\n--- source ---\n${source.slice(0, 4000)}`);
    return JSON.parse(r.stdout, revive);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Scalar Python: one call per point. */
export function runPython(cases: readonly RunCase[]): Outputs[][] {
  const ps = parts(cases, 'python');
  const calls = cases.map((c, i) => `[${c.points.map((pt) => `${ps[i]!.printed.functionName}(${args(c, pt).map((a) => literal(a, 'python')).join(', ')})`).join(', ')}]`);
  const source = `${joinParts(ps, 'python')}\n\n${PY_JSON}\nprint(json.dumps([[{k: _plain(v) for k, v in d.items()} for d in case] for case in [${calls.join(',\n')}]]))\n`;
  return runPythonSource(source) as Outputs[][];
}

/** NumPy: one call per case, every input an array of all the case's points; results split back per point. */
export function runNumpy(cases: readonly RunCase[]): Outputs[][] {
  const ps = parts(cases, 'numpy');
  const calls = cases.map((c, i) => {
    const arrays = c.program.inputs.map((v) => `np.array([${c.points.map((pt) => literal(pt[v]!, 'python')).join(', ')}])`);
    return `out(${ps[i]!.printed.functionName}(${arrays.join(', ')}))`;
  });
  const source = `${joinParts(ps, 'numpy')}\n\n${PY_JSON}\ndef out(d):\n    return {k: _plain(np.asarray(v, dtype=float).tolist()) for k, v in d.items()}\nprint(json.dumps([${calls.join(',\n')}]))\n`;
  const raw = runPythonSource(source) as Record<string, unknown>[];
  // Each output is an array over points (innermost axis): take entry k of every leaf.
  // A function without parameters (a constant expression) returns numbers, the same at every point.
  const at = (v: unknown, k: number): number | number[] | number[][] => (!Array.isArray(v) ? (v as number) : !Array.isArray(v[0]) ? (v as number[])[k]! : (v as unknown[]).map((x) => at(x, k)) as number[] | number[][]);
  return cases.map((c, i) => c.points.map((_, k) => Object.fromEntries(Object.entries(raw[i]!).map(([key, v]) => [key, at(v, k)]))));
}

/** C: one file with every function and a main printing each output with 17 digits; compiled with cc -O2. */
export function runC(cases: readonly RunCase[]): Outputs[][] {
  const ps = parts(cases, 'c');
  const body: string[] = [];
  cases.forEach((c, i) => {
    const pr = ps[i]!.printed;
    for (const pt of c.points) {
      const outs = pr.outputs.map((o, k) => `o${k}`);
      const decl = pr.outputs.map((o, k) => `double o${k}[${o.exprs.length}];`).join(' ');
      const prints = pr.outputs.map((o, k) => `for (int j = 0; j < ${o.exprs.length}; j++) printf("%.17g\\n", o${k}[j]);`).join(' ');
      body.push(`  { ${decl} ${pr.functionName}(${[...args(c, pt).map((a) => literal(a, 'c')), ...outs].join(', ')}); ${prints} }`);
    }
  });
  const source = `${joinParts(ps, 'c')}\n\n#include <stdio.h>\nint main(void) {\n${body.join('\n')}\n  return 0;\n}\n`;
  const dir = mkdtempSync(path.join(tmpdir(), 'deriv-code-'));
  try {
    const file = path.join(dir, 'gen.c');
    const exe = path.join(dir, 'gen');
    writeFileSync(file, source);
    const cc = spawnSync('cc', ['-O2', '-std=c99', '-Wall', '-Werror', '-Wno-unused-variable', '-o', exe, file, '-lm'], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`cc failed:\n${cc.stderr}\n--- source ---\n${source.slice(0, 4000)}`);
    const r = spawnSync(exe, [], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`generated C failed: ${r.stderr}`);
    const numbers = r.stdout.trim().split('\n').map((t) => readNumber(t) as number);
    let at = 0;
    return cases.map((c, i) =>
      c.points.map(() => {
        const o: Outputs = {};
        for (const out of ps[i]!.printed.outputs) {
          const flat = out.exprs.map(() => numbers[at++]!);
          const rows = out.output.rows;
          const cols = out.output.cols ?? 1;
          const value = rows === undefined ? flat[0]! : out.output.functionValue === true && cols === 1 ? flat : Array.from({ length: rows }, (_, r) => flat.slice(r * cols, (r + 1) * cols));
          // defineProperty: a key `__proto__` is an ordinary output here.
          Object.defineProperty(o, out.key, { value, enumerable: true });
        }
        return o;
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The tools' own word lists and syntax checks: independent oracles for the names generated code uses.

/** python3's keywords, soft keywords and builtins (undefined without python3). */
export function pythonReservedNames(): Set<string> | undefined {
  if (!hasPython) return undefined;
  const r = spawnSync('python3', ['-c', 'import keyword, builtins, json; print(json.dumps(keyword.kwlist + keyword.softkwlist + dir(builtins)))'], { encoding: 'utf8' });
  return new Set(JSON.parse(r.stdout) as string[]);
}

/** Macros cc predefines and <math.h> defines (GNU extensions on), and the functions <math.h> declares; undefined without cc. */
export function cMathNames(): { macros: Set<string>; functions: Set<string> } | undefined {
  if (!hasCc) return undefined;
  const source = '#define _GNU_SOURCE\n#include <math.h>\n';
  const macros = spawnSync('cc', ['-dM', '-E', '-x', 'c', '-'], { input: source, encoding: 'utf8' }).stdout;
  const declared = spawnSync('cc', ['-E', '-P', '-x', 'c', '-'], { input: source, encoding: 'utf8' }).stdout;
  return {
    macros: new Set([...macros.matchAll(/^#define ([A-Za-z_]\w*)/gm)].map((m) => m[1]!)),
    functions: new Set([...declared.matchAll(/\bextern [^;(]*?\b([A-Za-z_]\w*) \(/g)].map((m) => m[1]!)),
  };
}

/**
 * Python and NumPy sources parsed and compiled by python3 in one process; for each, the problems found:
 * a SyntaxError, or, in every function not named in `helpers`, a parameter twice or a parameter or
 * assigned name that is a keyword, a builtin or one of the source's `modules` (math; np and numpy for NumPy).
 */
export function pythonProblems(sources: readonly { readonly source: string; readonly modules: readonly string[] }[], helpers: readonly string[]): string[][] {
  const script = `
import ast, builtins, json, keyword, sys
language = set(keyword.kwlist) | set(keyword.softkwlist) | set(dir(builtins))
helpers = set(json.loads(sys.argv[1]))
out = []
for case in json.load(sys.stdin):
    source, reserved = case["source"], language | set(case["modules"])
    problems = []
    try:
        tree = ast.parse(source)
        compile(source, "<generated>", "exec")
    except SyntaxError as e:
        out.append(["SyntaxError: %s (line %s)" % (e.msg, e.lineno)])
        continue
    for fn in [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name not in helpers]:
        params = [a.arg for a in fn.args.args]
        if len(set(params)) != len(params):
            problems.append("%s: a parameter twice in %s" % (fn.name, params))
        names = params + [t.id for n in ast.walk(fn) if isinstance(n, ast.Assign) for t0 in n.targets for t in (t0.elts if isinstance(t0, ast.Tuple) else [t0]) if isinstance(t, ast.Name)]
        for name in [fn.name] + names:
            if name in reserved:
                problems.append("%s: reserved name %s" % (fn.name, name))
    out.append(problems)
print(json.dumps(out))
`;
  const r = spawnSync('python3', ['-c', script, JSON.stringify(helpers)], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`python3 failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as string[][];
}

/** `cc -fsyntax-only` of one C file under each standard; the compiler's messages per standard ('' when clean). */
export function cSyntaxErrors(source: string, standards: readonly string[] = ['gnu17', 'c2x']): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'deriv-code-'));
  try {
    const file = path.join(dir, 'gen.c');
    writeFileSync(file, source);
    return standards.map((std) => {
      const r = spawnSync('cc', ['-fsyntax-only', `-std=${std}`, '-Wall', '-Werror', '-Wno-unused-variable', '-Wno-unused-function', file], { encoding: 'utf8' });
      return r.status === 0 ? '' : `-std=${std}: ${r.stderr}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
