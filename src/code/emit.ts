/**
 * A CodeProgram (src/code/ir.ts) as a self-contained function in one language:
 *   js      function grad_f(x, w) { const t1 = …; return { w: …, "x,y": … }; }
 *   python  def grad_f(x, w): t1 = …; return {"w": …}          (import math when used)
 *   numpy   the same over arrays (import numpy as np); constant outputs broadcast to the inputs' shape
 *   c       void grad_f(double x, double w, double *d_w) { const double t1 = …; *d_w = …; }
 * A matrix output is nested lists (JS, Python), np.array (NumPy), or a row-major array (C).
 */
import type { CodeLanguage } from '../../rules/functions.js';
import { printWith } from '../print/core.js';
import { freeVariables } from '../analysis.js';
import { Namer } from './identifiers.js';
import { codeNotation, spellingNames } from './notations.js';
import { checkProgram, type CodeOutput, type CodeProgram } from './ir.js';

export const CODE_LANGUAGES: readonly CodeLanguage[] = ['js', 'python', 'numpy', 'c'];

/** The identifiers of a program's names, and its printed expressions. */
export interface PrintedProgram {
  readonly functionName: string;
  readonly inputs: readonly string[];
  readonly temps: readonly { readonly name: string; readonly expr: string }[];
  readonly outputs: readonly {
    readonly key: string;
    /** C's output pointer (`d_w`, `hessian`), drawn from the function's names. */
    readonly id: string;
    readonly exprs: readonly string[];
    readonly output: CodeOutput;
    /** Per entry: whether it depends on no input, through the temporaries too (NumPy fills such entries to the inputs' shape). */
    readonly constant: readonly boolean[];
  }[];
  readonly helpers: ReadonlyMap<string, string>;
  /**
   * A further identifier for a name the generator introduces itself (NumPy's `shape`, compile()'s point
   * `p` and loop index `i`): from the same names as the rest, so it is none of them and not reserved.
   */
  readonly fresh: (wanted: string) => string;
}

/** Every name of the program spelled in the language, every expression printed by the printer core. */
export function printProgram(p: CodeProgram, language: CodeLanguage): PrintedProgram {
  checkProgram(p);
  const namer = new Namer(language, spellingNames(language));
  // The function, then the inputs and temporaries as written (they keep the plainest spellings), then the generator's own.
  const functionName = namer.name(p.name);
  const inputs = p.inputs.map((v) => namer.name(v));
  const temps = p.temps.map((t) => namer.name(t.name));
  // C returns through pointer parameters, named after the outputs (`d_w` for ∂/∂w).
  const outIds = p.outputs.map((o) => (language !== 'c' ? '' : namer.fresh(o.functionValue === true || o.rows !== undefined ? o.key : `d_${o.key.replace(/,/g, '_')}`)));
  const varying = new Set(p.inputs);
  for (const t of p.temps) if (dependsOnAny(t.expr, varying)) varying.add(t.name);
  const ids = new Map<string, string>([...p.inputs.map((v, i) => [v, inputs[i]!] as const), ...p.temps.map((t, i) => [t.name, temps[i]!] as const)]);
  const notation = codeNotation(language, ids, { arrayValued: (name) => varying.has(name) });
  const print = (e: Parameters<typeof printWith>[0]): string => unwrap(printWith(e, notation, { order: p.order }));
  return {
    functionName,
    inputs,
    temps: p.temps.map((t, i) => ({ name: temps[i]!, expr: print(t.expr) })),
    outputs: p.outputs.map((o, i) => ({
      key: o.key,
      id: outIds[i]!,
      exprs: o.exprs.map(print),
      output: o,
      constant: o.exprs.map((e) => !dependsOnAny(e, varying)),
    })),
    helpers: notation.helpers,
    fresh: (wanted) => namer.fresh(wanted),
  };
}

/** A statement's expression without parentheses around all of it (a template's own: `t1 = (1/np.cos(x))`). */
function unwrap(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text;
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0) return text; // the first parenthesis closes before the end
  }
  return text.slice(1, -1);
}

const dependsOnAny = (e: Parameters<typeof freeVariables>[0], names: ReadonlySet<string>): boolean => [...freeVariables(e)].some((v) => names.has(v));

const rowsOf = (exprs: readonly string[], cols: number): string[][] => {
  const rows: string[][] = [];
  for (let i = 0; i < exprs.length; i += cols) rows.push(exprs.slice(i, i + cols));
  return rows;
};

function outputValue(o: PrintedProgram['outputs'][number], language: CodeLanguage, broadcast: string | undefined): string {
  // An integer literal is written as a float (np.full(shape, 2) would be an integer array).
  const asFloat = (text: string): string => (/^-?\d+$/.test(text) ? `${text}.0` : text);
  const entry = (text: string, k: number): string => (language === 'numpy' && broadcast !== undefined && o.constant[k] ? `np.full(${broadcast}, ${asFloat(text)})` : text);
  if (o.output.rows === undefined) return entry(o.exprs[0]!, 0);
  const cols = o.output.cols ?? 1;
  const rows = rowsOf(o.exprs.map(entry), cols);
  const list = cols === 1 && o.output.functionValue === true ? `[${rows.map((r) => r[0]).join(', ')}]` : `[${rows.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
  return language === 'numpy' ? `np.array(${list})` : list;
}

/**
 * The pieces of a generated file: `header` (imports, #include), `helpers` (name → definition, for
 * functions a language lacks), and the function itself. Several programs in one file share one
 * header and one copy of each helper.
 */
export interface CodeParts {
  readonly header: readonly string[];
  readonly helpers: ReadonlyMap<string, string>;
  readonly fn: string;
  /** The generated function's identifier, its parameters (inputs, then C's output pointers) and outputs. */
  readonly printed: PrintedProgram;
}

export function emitParts(p: CodeProgram, language: CodeLanguage): CodeParts {
  const pr = printProgram(p, language);
  const fn = language === 'js' ? emitJs(pr) : language === 'c' ? emitC(pr) : emitPython(pr, language);
  // NumPy's helpers for what it lacks (erf, lgamma) apply Python's math entry by entry.
  const usesMath = language !== 'js' && language !== 'c' && (/\bmath\./.test(fn) || [...pr.helpers.values()].some((h) => /\bmath\./.test(h)));
  const python = usesMath ? ['import math'] : [];
  const header = language === 'c' ? ['#include <math.h>'] : language === 'numpy' ? ['import numpy as np', ...python] : python;
  return { header, helpers: pr.helpers, fn, printed: pr };
}

/** Several programs' parts as one file. */
export function joinParts(parts: readonly CodeParts[], language: CodeLanguage): string {
  const header = [...new Set(parts.flatMap((p) => p.header))];
  const helpers = new Map<string, string>();
  for (const p of parts) for (const [k, v] of p.helpers) helpers.set(k, v);
  const gap = language === 'python' || language === 'numpy' ? '\n\n\n' : '\n\n';
  const blocks = [...(header.length > 0 ? [header.join('\n')] : []), ...helpers.values(), ...parts.map((p) => p.fn)];
  return blocks.join(gap);
}

/** The program as source text in the language. */
export function emit(p: CodeProgram, language: CodeLanguage): string {
  return joinParts([emitParts(p, language)], language);
}

function emitJs(pr: PrintedProgram): string {
  const lines: string[] = [];
  lines.push(`function ${pr.functionName}(${pr.inputs.join(', ')}) {`);
  for (const t of pr.temps) lines.push(`  const ${t.name} = ${t.expr};`);
  const fields = pr.outputs.map((o) => `${jsKey(o.key)}: ${outputValue(o, 'js', undefined)}`);
  lines.push(`  return { ${fields.join(', ')} };`, '}');
  return lines.join('\n');
}

/** An object-literal key: bare when it is a plain identifier, quoted otherwise; __proto__ computed (a quoted one would set the prototype). */
export function jsKey(key: string): string {
  if (key === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * NumPy: every input as float64 first, so the code computes as JS and C do whatever it is given: a list,
 * an integer array (whose x**3 would wrap around silently, and x**-1 raise), or a Python number (whose
 * 1/x raises at 0 and (-8.0)**(1/3) is complex).
 */
export function float64Inputs(inputs: readonly string[]): string | undefined {
  if (inputs.length === 0) return undefined;
  return inputs.length === 1 ? `${inputs[0]} = np.float64(${inputs[0]})` : `${inputs.join(', ')} = map(np.float64, (${inputs.join(', ')}))`;
}

function emitPython(pr: PrintedProgram, language: 'python' | 'numpy'): string {
  const body: string[] = [];
  const floats = language === 'numpy' ? float64Inputs(pr.inputs) : undefined;
  if (floats !== undefined) body.push(`    ${floats}`);
  for (const t of pr.temps) body.push(`    ${t.name} = ${t.expr}`);
  // NumPy: a constant entry is filled to the inputs' broadcast shape, so every output is an array of one shape.
  const constants = language === 'numpy' && pr.inputs.length > 0 && pr.outputs.some((o) => o.constant.some(Boolean));
  let broadcast: string | undefined;
  if (constants) {
    broadcast = pr.fresh('shape');
    body.push(`    ${broadcast} = np.broadcast(${pr.inputs.join(', ')}${pr.inputs.length === 1 ? ', 0.0' : ''}).shape`);
  }
  const fields = pr.outputs.map((o) => `${JSON.stringify(o.key)}: ${outputValue(o, language, broadcast)}`);
  body.push(`    return {${fields.join(', ')}}`);
  return [`def ${pr.functionName}(${pr.inputs.join(', ')}):`, ...body].join('\n');
}

function emitC(pr: PrintedProgram): string {
  const params = [...pr.inputs.map((v) => `double ${v}`), ...pr.outputs.map((o) => `double *${o.id}`)];
  const lines: string[] = [];
  const matrices = pr.outputs.filter((o) => o.output.rows !== undefined);
  if (matrices.length > 0) lines.push(`/* ${matrices.map((o) => `${o.id}: ${o.output.rows}×${o.output.cols ?? 1}, row by row`).join('; ')} */`);
  lines.push(`void ${pr.functionName}(${params.join(', ')}) {`);
  for (const t of pr.temps) lines.push(`  const double ${t.name} = ${t.expr};`);
  for (const o of pr.outputs) {
    if (o.output.rows === undefined) lines.push(`  *${o.id} = ${o.exprs[0]};`);
    else o.exprs.forEach((e, k) => lines.push(`  ${o.id}[${k}] = ${e};`));
  }
  lines.push('}');
  return lines.join('\n');
}
