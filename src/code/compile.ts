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
/** One input's values for .batch: the same number at every point, or one number per point. */
export type BatchColumn = number | readonly number[] | Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint32Array | Uint16Array | Uint8Array | Uint8ClampedArray;
export type BatchValue = Float64Array | Float64Array[] | Float64Array[][];

export interface CompiledFunction {
  /** The value and the partials at one point (every input named, as a number). */
  (point: Readonly<Record<string, number>>): Record<string, CompiledValue>;
  /** The same at many points: one column per input (a Float64Array, another typed array or an array of numbers, all of one length; or a number, the same everywhere). */
  batch(columns: Readonly<Record<string, BatchColumn>>): Record<string, BatchValue>;
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

/** What a value is, for an error message: `null`, `an array`, `the text "abc"`, `an object`, … */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 20))}`;
  const kind = typeof value;
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/**
 * One input's column for .batch: a number (the same at every point), a Float64Array, another typed
 * array or an array of numbers. Anything else (a string, an object with a length) is refused by name
 * rather than read as NaN rows or a huge allocation.
 */
function column(name: string, c: unknown): Float64Array | number {
  if (typeof c === 'number' || c instanceof Float64Array) return c;
  if (Array.isArray(c)) {
    const bad = c.findIndex((x) => typeof x !== 'number');
    if (bad >= 0) throw new DerivError('BAD_VARIABLE', `the column for '${name}' has ${describe(c[bad])} at index ${bad}, not a number`);
    return Float64Array.from(c as number[]);
  }
  if (ArrayBuffer.isView(c) && !(c instanceof DataView) && !(c instanceof BigInt64Array) && !(c instanceof BigUint64Array)) return Float64Array.from(c as unknown as ArrayLike<number>);
  throw new DerivError('BAD_VARIABLE', `the column for '${name}' is ${describe(c)}: expected a Float64Array, an array of numbers or a number`);
}

export function compileProgram(p: CodeProgram): CompiledFunction {
  const missing = (point: unknown): never => {
    const record = point as Readonly<Record<string, unknown>>;
    const name = p.inputs.find((v) => typeof record[v] !== 'number') ?? p.inputs[0]!;
    throw new DerivError('BAD_VARIABLE', `the point has no number for '${name}'`, { hint: `give every input a number: ${p.inputs.join(', ')}` });
  };
  const pr = printProgram(p, 'js');
  // Every name the generated JavaScript introduces itself comes from the program's own names (src/code/identifiers.ts),
  // so a variable called p, i, c_1, missing or notAPoint is an ordinary variable.
  const own = { point: pr.fresh('p'), missing: pr.fresh('missing'), notAPoint: pr.fresh('notAPoint') };
  const helpers = [...pr.helpers.values()].join('\n');
  const temps = pr.temps.map((t) => `  const ${t.name} = ${t.expr};`).join('\n');
  // One branch checks every input; only a bad point pays for finding which one.
  const reads = [
    `  if (typeof ${own.point} !== "object" || ${own.point} === null || Array.isArray(${own.point})) ${own.notAPoint}();`,
    ...p.inputs.map((v, i) => `  const ${pr.inputs[i]} = ${own.point}[${JSON.stringify(v)}];`),
    ...(p.inputs.length === 0 ? [] : [`  if (${pr.inputs.map((id) => `typeof ${id} !== "number"`).join(' || ')}) ${own.missing}(${own.point});`]),
  ].join('\n');
  const value = (o: (typeof pr.outputs)[number]): string => {
    if (o.output.rows === undefined) return o.exprs[0]!;
    const cols = o.output.cols ?? 1;
    const rows: string[] = [];
    for (let r = 0; r < o.output.rows; r++) rows.push(`[${o.exprs.slice(r * cols, (r + 1) * cols).join(', ')}]`);
    return cols === 1 && o.output.functionValue === true ? `[${o.exprs.join(', ')}]` : `[${rows.join(', ')}]`;
  };
  const single = `${helpers}\nreturn function ${pr.functionName}(${own.point}) {\n${reads}\n${temps}\n  return { ${pr.outputs.map((o) => `${jsKey(o.key)}: ${value(o)}`).join(', ')} };\n};`;
  const point = new Function(own.missing, own.notAPoint, `"use strict";\n${single}`)(missing, notAPoint) as (p: Readonly<Record<string, number>>) => Record<string, CompiledValue>;

  // The batch kernel: one loop over the points, each output entry written into its own column.
  const entries = pr.outputs.flatMap((o) => o.exprs);
  const k = { kernel: pr.fresh('kernel'), ins: pr.fresh('ins'), outs: pr.fresh('outs'), n: pr.fresh('n'), i: pr.fresh('i') };
  const ins = pr.inputs.map((_, j) => pr.fresh(`c_${j}`));
  const outs = entries.map((_, j) => pr.fresh(`o_${j}`));
  const kernelSource = [
    helpers,
    `return function ${k.kernel}(${k.ins}, ${k.outs}, ${k.n}) {`,
    ...ins.map((c, j) => `  const ${c} = ${k.ins}[${j}];`),
    ...outs.map((o, j) => `  const ${o} = ${k.outs}[${j}];`),
    `  for (let ${k.i} = 0; ${k.i} < ${k.n}; ${k.i}++) {`,
    ...pr.inputs.map((id, j) => `    const ${id} = ${ins[j]}[${k.i}];`),
    ...pr.temps.map((t) => `    const ${t.name} = ${t.expr};`),
    ...entries.map((e, j) => `    ${outs[j]}[${k.i}] = ${e};`),
    '  }',
    '};',
  ].join('\n');
  const kernel = new Function(`"use strict";\n${kernelSource}`)() as (ins: Float64Array[], outs: Float64Array[], n: number) => void;

  const batch = (columns: Readonly<Record<string, BatchColumn>>): Record<string, BatchValue> => {
    if (typeof columns !== 'object' || columns === null || Array.isArray(columns))
      throw new DerivError('BAD_OPTION', `expected the columns as an object, got ${describe(columns)}`, { hint: 'one Float64Array, array of numbers or number per input, e.g. { x: [1, 2, 3], w: 0.5 }' });
    let n: number | undefined;
    const read: (Float64Array | number)[] = [];
    for (const v of p.inputs) {
      // Own properties only: a variable named constructor or toString is not the object's inherited one.
      if (!Object.prototype.hasOwnProperty.call(columns, v)) return missing(columns);
      const c = column(v, columns[v]);
      if (typeof c !== 'number') {
        if (n !== undefined && c.length !== n) throw new DerivError('BAD_OPTION', `the columns differ in length ('${v}' has ${c.length}, others ${n})`);
        n = c.length;
      }
      read.push(c);
    }
    const length = n ?? 1;
    const inputs = read.map((c) => (typeof c === 'number' ? new Float64Array(length).fill(c) : c));
    const results = entries.map(() => new Float64Array(length));
    kernel(inputs, results, length);
    const result: Record<string, BatchValue> = {};
    let at = 0;
    for (const o of pr.outputs) {
      let v: BatchValue;
      if (o.output.rows === undefined) v = results[at++]!;
      else {
        const cols = o.output.cols ?? 1;
        const rows: Float64Array[][] = [];
        for (let r = 0; r < o.output.rows; r++) rows.push(results.slice(at + r * cols, at + (r + 1) * cols));
        at += o.output.rows * cols;
        v = cols === 1 && o.output.functionValue === true ? rows.map((r) => r[0]!) : rows;
      }
      Object.defineProperty(result, o.key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return result;
  };
  return Object.assign(point, { batch, inputs: p.inputs, outputs: p.outputs.map((o) => o.key), source: single.replace(/^\n?return /m, '') });
}
