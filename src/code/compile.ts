/**
 * `compile()`: a CodeProgram as a plain JavaScript function, built with `new Function` from code
 * this module printed itself — the printer core with the JS notation, names mapped to safe
 * identifiers (src/code/identifiers.ts); user text never reaches the Function constructor (a
 * variable's name only appears as a JSON string key and as its mapped identifier).
 *
 *   const g = compile(gradient('(w*x + b - y)^2/2', ['w', 'b']));
 *   g({ x: 10, y: 50, w: 4, b: 5 })            // { value: 12.5, w: -50, b: -5 }
 *   g.batch({ x: xs, y: ys, w: 4, b: 5 })      // { value: Float64Array, w: Float64Array, b: … }
 */
import { DerivError } from '../errors.js';
import type { CodeProgram } from './ir.js';
import { printProgram, jsKey } from './emit.js';

export type CompiledValue = number | number[] | number[][];
export type BatchValue = Float64Array | Float64Array[] | Float64Array[][];

export interface CompiledFunction {
  /** The value and the partials at one point (every input named, as a number). */
  (point: Readonly<Record<string, number>>): Record<string, CompiledValue>;
  /** The same at many points: one Float64Array (or a number, the same everywhere) per input, of one length. */
  batch(columns: Readonly<Record<string, Float64Array | readonly number[] | number>>): Record<string, BatchValue>;
  /** Input names, as the point object's keys. */
  readonly inputs: readonly string[];
  /** Output keys, in order. */
  readonly outputs: readonly string[];
  /** The generated JavaScript (the single-point function). */
  readonly source: string;
}

function notAPoint(): never {
  throw new DerivError('BAD_OPTION', 'expected the point as an object of numbers, e.g. { x: 1, w: 2 }');
}

export function compileProgram(p: CodeProgram): CompiledFunction {
  const missing = (point: Readonly<Record<string, unknown>> | undefined): never => {
    const name = p.inputs.find((v) => typeof point?.[v] !== 'number') ?? p.inputs[0]!;
    throw new DerivError('BAD_VARIABLE', `the point has no number for '${name}'`, { hint: `give every input a number: ${p.inputs.join(', ')}` });
  };
  const pr = printProgram(p, 'js');
  const helpers = [...pr.helpers.values()].join('\n');
  const temps = pr.temps.map((t) => `  const ${t.name} = ${t.expr};`).join('\n');
  // One branch checks every input; only a bad point pays for finding which one.
  const reads = [
    '  if (typeof p !== "object" || p === null) notAPoint();',
    ...p.inputs.map((v, i) => `  const ${pr.inputs[i]} = p[${JSON.stringify(v)}];`),
    ...(p.inputs.length === 0 ? [] : [`  if (${pr.inputs.map((id) => `typeof ${id} !== "number"`).join(' || ')}) missing(p);`]),
  ].join('\n');
  const value = (o: (typeof pr.outputs)[number]): string => {
    if (o.output.rows === undefined) return o.exprs[0]!;
    const cols = o.output.cols ?? 1;
    const rows: string[] = [];
    for (let r = 0; r < o.output.rows; r++) rows.push(`[${o.exprs.slice(r * cols, (r + 1) * cols).join(', ')}]`);
    return cols === 1 && o.key === 'value' ? `[${o.exprs.join(', ')}]` : `[${rows.join(', ')}]`;
  };
  const single = `${helpers}\nreturn function ${pr.functionName}(p) {\n${reads}\n${temps}\n  return { ${pr.outputs.map((o) => `${jsKey(o.key)}: ${value(o)}`).join(', ')} };\n};`;
  const point = new Function('missing', 'notAPoint', `"use strict";\n${single}`)(missing, notAPoint) as (p: Readonly<Record<string, number>>) => Record<string, CompiledValue>;

  // The batch kernel: one loop over the points, each output entry written into its own column.
  const entries = pr.outputs.flatMap((o) => o.exprs);
  const kernelSource = `${helpers}\nreturn function kernel(ins, outs, n) {\n${pr.inputs.map((id, i) => `  const c_${i} = ins[${i}];`).join('\n')}\n${entries.map((_, k) => `  const o_${k} = outs[${k}];`).join('\n')}\n  for (let i = 0; i < n; i++) {\n${pr.inputs.map((id, i) => `    const ${id} = c_${i}[i];`).join('\n')}\n${pr.temps.map((t) => `    const ${t.name} = ${t.expr};`).join('\n')}\n${entries.map((e, k) => `    o_${k}[i] = ${e};`).join('\n')}\n  }\n};`;
  const kernel = new Function(`"use strict";\n${kernelSource}`)() as (ins: Float64Array[], outs: Float64Array[], n: number) => void;

  const batch = (columns: Readonly<Record<string, Float64Array | readonly number[] | number>>): Record<string, BatchValue> => {
    let n: number | undefined;
    for (const v of p.inputs) {
      const c = columns[v];
      if (c === undefined) return missing(columns as Readonly<Record<string, unknown>>);
      if (typeof c !== 'number') {
        if (n !== undefined && c.length !== n) throw new DerivError('BAD_OPTION', `the columns differ in length ('${v}' has ${c.length}, others ${n})`);
        n = c.length;
      }
    }
    const length = n ?? 1;
    const ins = p.inputs.map((v) => {
      const c = columns[v]!;
      return typeof c === 'number' ? new Float64Array(length).fill(c) : c instanceof Float64Array ? c : Float64Array.from(c);
    });
    const outs = entries.map(() => new Float64Array(length));
    kernel(ins, outs, length);
    const result: Record<string, BatchValue> = {};
    let k = 0;
    for (const o of pr.outputs) {
      let v: BatchValue;
      if (o.output.rows === undefined) v = outs[k++]!;
      else {
        const cols = o.output.cols ?? 1;
        const rows: Float64Array[][] = [];
        for (let r = 0; r < o.output.rows; r++) rows.push(outs.slice(k + r * cols, k + (r + 1) * cols));
        k += o.output.rows * cols;
        v = cols === 1 && o.key === 'value' ? rows.map((r) => r[0]!) : rows;
      }
      Object.defineProperty(result, o.key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return result;
  };
  return Object.assign(point, { batch, inputs: p.inputs, outputs: p.outputs.map((o) => o.key), source: single.replace(/^\n?return /m, '') });
}
