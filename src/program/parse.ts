/**
 * Programs: a function written the way tutorials write it, as named steps
 *   z = w1*x + b1; h = relu(z); y_hat = w2*h + b2; L = (y_hat - y)^2/2
 * Statements are separated by `;` or newlines; `#` starts a comment. The last
 * statement (or the one `of` names) is the function; the last statement may be
 * a bare expression, named `f` (or options.name).
 *
 * Contract: every name is assigned once, before it is used; a name that is never
 * assigned is an input. Errors carry a code and a position in the line they are on
 * (the DerivError's `input` is that line, message prefixed "line N:" for several lines):
 *   ASSIGNED_TWICE (a name assigned again), USED_BEFORE_ASSIGNED (a use above the
 *   assignment), CYCLE (a name that depends on itself, directly or through others),
 *   BAD_VARIABLE (assigning to a function name, a constant or a reserved word; `of`
 *   naming no assignment), PARSE and the expression parser's codes for a right-hand side.
 */
import { DerivError } from '../errors.js';
import type { Expr } from '../core/expr.js';
import { parseWithInfo, type ParseOptions } from '../parse/parser.js';
import type { DerivWarning } from '../warnings.js';
import { tokenize } from '../parse/lexer.js';
import { checkVariableName } from '../names.js';

/** One `name = expression` statement. Positions are 0-based offsets into the program text. */
export interface Assignment {
  readonly name: string;
  readonly expr: Expr;
  /** The right-hand side as written (trimmed). */
  readonly source: string;
  /** Where the name starts. */
  readonly position: number;
  /** Assigned names the right-hand side uses, each once, in order of first use. */
  readonly uses: readonly string[];
}

export interface ProgramOptions extends ParseOptions {
  /** The function: this assignment's name (default: the last statement). */
  readonly of?: string;
  /** The name of a bare last expression (default f). */
  readonly name?: string;
  /** Simplify each local derivative and expanded entry (default true); false: the raw canonical forms. */
  readonly simplify?: boolean;
}

/** A parsed program: its assignments in order, the function's name, and the inputs. */
export interface ParsedProgram {
  readonly text: string;
  /** The assignments the function needs, in program order (the function's own last). */
  readonly assignments: readonly Assignment[];
  /** The function: the last assignment, or the one `of` names. */
  readonly output: string;
  /** Names never assigned, in order of first appearance. */
  readonly inputs: readonly string[];
  /** Every name (inputs and assigned) in order of first appearance: the display order. */
  readonly order: readonly string[];
  /** Reading notes of the statements the function needs (parse/notes.ts, parse/readings.ts), positions in `text`. */
  readonly notes?: readonly DerivWarning[];
}

/** True when text is a program rather than one expression (an assignment `=`, not `==`, `<=`, …). */
export function isProgramText(text: string): boolean {
  return text.includes('=') && /(^|[^=<>!])=(?!=)/.test(text);
}

interface Segment {
  readonly text: string;
  readonly start: number;
}

/** Statements split at `;` and newlines, comments (# …) dropped, empty ones skipped. */
function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const hash = line.indexOf('#');
    const body = hash >= 0 ? line.slice(0, hash) : line;
    let start = 0;
    for (const part of body.split(';')) {
      if (part.trim() !== '') out.push({ text: part, start: lineStart + start });
      start += part.length + 1;
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** An error re-based onto the program text: position in its line, the line as input. */
function located(program: string, code: DerivError['code'], message: string, position: number, hint?: string): DerivError {
  const lineStart = program.lastIndexOf('\n', position - 1) + 1;
  const lineEnd = program.indexOf('\n', position);
  const line = program.slice(lineStart, lineEnd < 0 ? program.length : lineEnd);
  const several = program.includes('\n');
  const lineNumber = program.slice(0, lineStart).split('\n').length;
  return new DerivError(code, `${several ? `line ${lineNumber}: ` : ''}${message}`, {
    input: line.replace(/\r$/, ''),
    position: position - lineStart,
    ...(hint === undefined ? {} : { hint }),
  });
}

export function rebase(program: string, err: DerivError, offset: number): DerivError {
  return located(program, err.code, err.message, offset + (err.position ?? 0), err.hint);
}

/** How a right-hand side is read (the scalar language, or the matrix language): its value and its names in order. */
export type RhsReader<T> = (rhs: string) => { readonly value: T; readonly variables: readonly string[] };

/** One statement of a program in any language. */
export interface Statement<T> {
  readonly name: string;
  readonly value: T;
  readonly source: string;
  readonly position: number;
  /** Where the right-hand side starts in the program text. */
  readonly rhsPosition: number;
  /** Every name the right-hand side uses, in order of first appearance. */
  readonly variables: readonly string[];
  readonly uses: readonly string[];
}

/** A program in any language: the statements the function needs, its name, the inputs, the display order. */
export interface ParsedStatements<T> {
  readonly text: string;
  readonly statements: readonly Statement<T>[];
  readonly output: string;
  readonly inputs: readonly string[];
  readonly order: readonly string[];
}

interface RawStatement<T> {
  readonly name: string;
  readonly position: number;
  readonly value: T;
  readonly source: string;
  readonly rhsPosition: number;
  readonly variables: readonly string[];
  /** First use of each variable: absolute position. */
  readonly usePositions: ReadonlyMap<string, number>;
}

function readStatement<T>(program: string, seg: Segment, last: boolean, options: ProgramOptions, read: RhsReader<T>): RawStatement<T> {
  const eq = seg.text.search(/(^|[^=<>!])=(?!=)/);
  const at = eq < 0 ? -1 : seg.text[eq] === '=' ? eq : eq + 1;
  const lead = seg.text.length - seg.text.trimStart().length;
  let name: string;
  let rhs: string;
  let rhsStart: number;
  let position = seg.start + lead;
  if (at < 0) {
    if (!last)
      throw located(program, 'PARSE', 'expected an assignment, name = expression', seg.start + lead, 'only the last statement may be a bare expression (the function)');
    name = options.name ?? 'f';
    rhs = seg.text;
    rhsStart = seg.start;
  } else {
    const lhs = seg.text.slice(0, at);
    if (lhs.trim() === '') throw located(program, 'PARSE', 'a name is missing before =', seg.start + at, 'write name = expression');
    const definition = /^(\s*)([A-Za-z_]\w*)\s*\(/.exec(lhs);
    if (definition !== null)
      throw located(program, 'UNSUPPORTED', `'${lhs.trim()}' defines a function; a program assigns values to names`, position + lhs.indexOf('(', definition[1]!.length), `write ${definition[2]} = expression, with the inputs as names`);
    try {
      name = checkVariableName(lhs, 'assigned');
    } catch (err) {
      if (!(err instanceof DerivError)) throw err;
      const what = /function/.test(err.message) ? `cannot assign to '${lhs.trim()}': it is a function` : /constant/.test(err.message) ? `cannot assign to '${lhs.trim()}': it is a constant` : err.message;
      throw located(program, err.code, what, position + (err.position ?? 0), 'choose another name, e.g. h or z1');
    }
    rhs = seg.text.slice(at + 1);
    rhsStart = seg.start + at + 1;
    if (rhs.trim() === '') throw located(program, 'PARSE', `the right-hand side of ${name} is empty`, seg.start + at + 1, `write ${name} = expression`);
  }
  let parsed;
  try {
    parsed = read(rhs);
  } catch (err) {
    if (err instanceof DerivError) throw rebase(program, err, rhsStart);
    throw err;
  }
  const usePositions = new Map<string, number>();
  tokenize(rhs, { transpose: true }).forEach((t, i, all) => {
    if (t.type === 'name' && all[i + 1]?.type !== 'lparen' && !usePositions.has(t.text)) usePositions.set(t.text, rhsStart + t.pos);
  });
  if (at < 0) position = rhsStart + lead;
  return { name, position, value: parsed.value, source: rhs.trim(), rhsPosition: rhsStart, variables: parsed.variables, usePositions };
}

/** Parse a program in the scalar language (see the file comment for the rules and error codes). */
export function parseProgram(text: string, options: ProgramOptions = {}): ParsedProgram {
  const parsed = parseStatements(text, options, (rhs) => {
    const r = parseWithInfo(rhs, options);
    return { value: { expr: r.expr, notes: r.notes }, variables: r.variables };
  });
  const assignments = parsed.statements.map((s) => ({ name: s.name, expr: s.value.expr, source: s.source, position: s.position, uses: s.uses }));
  // Each statement's reading notes (torch.relu read as relu, 1/2x as x/2), placed in the program's text.
  const notes = parsed.statements.flatMap((s) => s.value.notes.map((n) => (n.position === undefined ? n : { ...n, position: n.position + s.rhsPosition })));
  return { text, assignments, output: parsed.output, inputs: parsed.inputs, order: parsed.order, notes };
}

/** Split, read and check a program's statements; `read` reads each right-hand side. */
export function parseStatements<T>(text: string, options: ProgramOptions, read: RhsReader<T>): ParsedStatements<T> {
  const segs = segments(text.replace(/\r/g, ' ')); // \r\n line ends: same offsets, \r read as a space
  if (segs.length === 0) throw new DerivError('PARSE', 'the program is empty', { input: text, position: 0, hint: 'e.g. z = w*x + b; L = (z - y)^2/2' });
  const raw = segs.map((s, i) => readStatement(text, s, i === segs.length - 1, options, read));
  const index = new Map<string, number>();
  raw.forEach((s, i) => {
    const first = index.get(s.name);
    if (first !== undefined)
      throw located(text, 'ASSIGNED_TWICE', `'${s.name}' is assigned twice`, s.position, `it is first assigned at position ${raw[first]!.position + 1}; give this value a new name`);
    index.set(s.name, i);
  });
  const usesOf = (s: RawStatement<T>): string[] => s.variables.filter((v) => index.has(v)).sort((a, b) => (s.usePositions.get(a) ?? 0) - (s.usePositions.get(b) ?? 0));
  raw.forEach((s, i) => {
    for (const u of usesOf(s)) {
      const j = index.get(u)!;
      if (j < i) continue;
      const cycle = findCycle(raw, index, usesOf, j, s.name);
      const pos = s.usePositions.get(u) ?? s.position;
      if (j === i) throw located(text, 'CYCLE', `'${s.name}' is defined in terms of itself`, pos, 'a program is a sequence of steps; use a new name for the new value');
      if (cycle !== undefined) throw located(text, 'CYCLE', `'${s.name}' depends on itself: ${[s.name, ...cycle].join(' → ')}`, pos, 'a program cannot have cycles');
      throw located(text, 'USED_BEFORE_ASSIGNED', `'${u}' is used before it is assigned`, pos, `move the assignment of ${u} above this statement`);
    }
  });
  const output = options.of === undefined ? raw[raw.length - 1]!.name : checkVariableName(options.of, 'function');
  const outIndex = index.get(output);
  if (outIndex === undefined)
    throw new DerivError('BAD_VARIABLE', `'${output}' is not assigned in the program`, { hint: `the assigned names are ${[...index.keys()].join(', ')}` });
  // Only what the function needs: its assignment and everything it reaches.
  const needed = new Set<number>([outIndex]);
  for (let i = outIndex; i >= 0; i--) if (needed.has(i)) for (const u of usesOf(raw[i]!)) needed.add(index.get(u)!);
  const kept = raw.filter((_, i) => needed.has(i));
  const order: string[] = [];
  const seen = new Set<string>();
  for (const n of kept.flatMap((s) => [s.name, ...s.variables])) {
    if (!seen.has(n)) order.push(n);
    seen.add(n);
  }
  const inputs = order.filter((n) => !index.has(n));
  const statements = kept.map((s) => ({ name: s.name, value: s.value, source: s.source, position: s.position, rhsPosition: s.rhsPosition, variables: s.variables, uses: usesOf(s) }));
  return { text, statements, output, inputs, order: reorderInputsFirst(inputs, kept.map((s) => s.name)) };
}

/**
 * Display order: inputs in order of first appearance, then assigned names. Terms and factors
 * are ordered by it (w1*x + b1), and the assigned names, rarely mixed with inputs, go last.
 */
function reorderInputsFirst(inputs: readonly string[], assigned: readonly string[]): string[] {
  return [...inputs, ...assigned];
}

/** A path from statement j back to `target` through uses, if one exists (names after the start). */
function findCycle<T>(
  raw: readonly RawStatement<T>[],
  index: ReadonlyMap<string, number>,
  usesOf: (s: RawStatement<T>) => string[],
  j: number,
  target: string,
): string[] | undefined {
  const stack: [number, string[]][] = [[j, [raw[j]!.name]]];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const [k, path] = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    for (const u of usesOf(raw[k]!)) {
      if (u === target) return [...path, target];
      const next = index.get(u)!;
      if (!seen.has(next)) stack.push([next, [...path, u]]);
    }
  }
  return undefined;
}
