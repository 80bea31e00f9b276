/**
 * Argument kinds at the library's door. Every exported function checks what a caller passed, by kind,
 * before doing any work (src/index.ts wraps them with `door`), so a wrong argument is a coded error that
 * names it — never a TypeError from deep inside, a loop over `{ length: 1e10 }`, or a memo written into
 * the caller's object. Class methods a result hands out (`.at`, `.evaluate`, `.toTex`) check theirs with
 * the same kinds.
 *
 * A kind takes the value and what it is ("the point", "options.order") and returns the value, checked;
 * optional arguments and absent option fields stay undefined.
 */
import { DerivError } from './errors.js';
import type { Expr } from './core/expr.js';
import { checkFunctionName, checkVariableName } from './names.js';

export type Kind<T = unknown> = (value: unknown, what: string) => T;

/** How a value is named in an error: `null`, `an array`, `a function`, `number 3`. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') return v instanceof Map ? 'a Map' : 'an object';
  if (typeof v === 'string') return v.length > 40 ? `text '${v.slice(0, 40)}…'` : `text '${v}'`;
  return `${typeof v} ${String(v)}`;
}

const wrong = (what: string, expected: string, got: unknown): DerivError =>
  new DerivError('BAD_OPTION', `${what} must be ${expected}, got ${describe(got)}`);

const EXPR_KINDS: ReadonlySet<string> = new Set(['num', 'const', 'sym', 'add', 'mul', 'pow', 'call']);

/** A node made by deriv (parse, derivative(…).expr, …): not a look-alike object. */
export function isExpr(v: unknown): v is Expr {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as { kind?: unknown; id?: unknown; hash?: unknown };
  return typeof o.kind === 'string' && EXPR_KINDS.has(o.kind) && typeof o.id === 'number' && typeof o.hash === 'number';
}

export const text: Kind<string> = (v, what) => {
  if (typeof v !== 'string') throw wrong(what, 'text', v);
  return v;
};

export const expr: Kind<Expr> = (v, what) => {
  if (!isExpr(v)) throw wrong(what, 'an expression (from parse or a derivative)', v);
  return v;
};

/** The expression as text or as a parsed node (the form most entry points take). */
export const exprOrText: Kind<string | Expr> = (v, what) => {
  if (typeof v === 'string' || isExpr(v)) return v;
  throw new DerivError('PARSE', `${what} must be an expression, as text or parsed, got ${describe(v)}`);
};

/** A variable name (BAD_VARIABLE with a position when it is text but no name). */
export const name: Kind<string> = (v, what) => {
  if (typeof v !== 'string') throw new DerivError('BAD_VARIABLE', `${what} must be a variable name, got ${describe(v)}`);
  return checkVariableName(v);
};

export const boolean: Kind<boolean> = (v, what) => {
  if (typeof v !== 'boolean') throw wrong(what, 'true or false', v);
  return v;
};

/** A finite number. */
export const number: Kind<number> = (v, what) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw wrong(what, 'a finite number', v);
  return v;
};

/** A whole number in [min, max]: counts bound the work a caller can ask for. */
export function count(min: number, max: number): Kind<number> {
  return (v, what) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw wrong(what, `a whole number from ${min} to ${max}`, v);
    return v;
  };
}

export function oneOf<T extends string | boolean>(...values: readonly T[]): Kind<T> {
  return (v, what) => {
    if (!values.includes(v as T)) throw wrong(what, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`, v);
    return v as T;
  };
}

export const func: Kind<(...args: never[]) => unknown> = (v, what) => {
  if (typeof v !== 'function') throw wrong(what, 'a function', v);
  return v as (...args: never[]) => unknown;
};

export function optional<T>(kind: Kind<T>): Kind<T | undefined> {
  return (v, what) => (v === undefined ? undefined : kind(v, what));
}

/** An array of `min` to `max` items, each of `item`'s kind (an array-like object with a huge length is refused). */
export function list<T>(item: Kind<T>, max = 100_000, min = 0): Kind<T[]> {
  return (v, what) => {
    if (!Array.isArray(v)) throw wrong(what, 'an array', v);
    if (v.length > max) throw new DerivError('TOO_LARGE', `${what} has ${v.length} items; at most ${max}`);
    if (v.length < min) throw wrong(what, `an array of at least ${min} item${min === 1 ? '' : 's'}`, v);
    return v.map((x, i) => item(x, `${what}[${i}]`));
  };
}

/** A list of variable names (BAD_VARIABLE, as for one name, when it is no list). */
export const nameList: Kind<string[]> = (v, what) => {
  if (!Array.isArray(v)) throw new DerivError('BAD_VARIABLE', `${what} must be a list of variable names, got ${describe(v)}`);
  return list(name, 10_000)(v, what);
};

/** Variables to differentiate with respect to: one name or a list of names. */
export const names: Kind<string[]> = (v, what) => (typeof v === 'string' ? [name(v, what)] : nameList(v, what));

/** An instance of one of deriv's result classes. */
export function instance<T>(cls: abstract new (...args: never[]) => T, label: string): Kind<T> {
  return (v, what) => {
    if (!(v instanceof cls)) throw wrong(what, label, v);
    return v;
  };
}

/** Either of two kinds (the first that accepts the value; the second's error otherwise). */
export function either<A, B>(a: Kind<A>, b: Kind<B>): Kind<A | B> {
  return (v, what) => {
    try {
      return a(v, what);
    } catch {
      return b(v, what);
    }
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Map) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * An options object: absent is `{}`; each field this function knows is checked by its kind when present;
 * other fields are ignored (an options object may be shared between calls).
 */
export function options(fields: Readonly<Record<string, Kind>>, required: readonly string[] = []): Kind<Record<string, unknown>> {
  return (v, what) => {
    if (v === undefined && required.length === 0) return {};
    if (!isPlainObject(v)) throw wrong(what, `an options object${required.length === 0 ? '' : ` with ${required.join(', ')}`}`, v);
    for (const key of required) if (v[key] === undefined) throw wrong(`${what}.${key}`, 'given', undefined);
    for (const key of Object.keys(fields)) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
      const value = v[key];
      if (value !== undefined) fields[key]!(value, `${what}.${key}`);
    }
    return v;
  };
}

/** An object with these fields present (the shape of a result the library handed out). */
export function record(label: string, ...fields: readonly string[]): Kind {
  return (v, what) => {
    if (typeof v !== 'object' || v === null || fields.some((f) => !(f in v))) throw wrong(what, label, v);
    return v;
  };
}

/** A point: `'x=1,y=2'`, `{ x: 1, y: 2 }` or a Map (values are read by src/numeric/point.ts). */
export const point: Kind<unknown> = (v, what) => {
  if (typeof v === 'string' || v instanceof Map || isPlainObject(v)) return v;
  throw wrong(what, "a point ('x=1,y=2', { x: 1, y: 2 } or a Map)", v);
};

/** A point in matrix form: `'X=[[1,2],[3,4]],w=[1,2]'`, `{ X: [[1, 2], [3, 4]], w: [1, 2] }` or a Map (src/matrix/point.ts reads the values). */
export const matrixPoint: Kind<unknown> = (v, what) => {
  if (typeof v === 'string' || v instanceof Map || isPlainObject(v)) return v;
  throw wrong(what, "a point ('X=[[1,2],[3,4]],w=[1,2],b=1', { X: [[1, 2], [3, 4]], w: [1, 2], b: 1 } or a Map)", v);
};

/**
 * `fn` with its arguments checked first: kinds[i] checks argument i (extra arguments are ignored,
 * as JavaScript does). The checked values are passed on unchanged.
 */
export function door<F extends (...args: never[]) => unknown>(fn: F, label: string, kinds: readonly Kind[]): F {
  const checked = (...args: unknown[]): unknown => {
    kinds.forEach((kind, i) => kind(args[i], `${label}: ${ARGUMENT_NAMES[i]} argument`));
    return fn(...(args as never[]));
  };
  Object.defineProperty(checked, 'name', { value: fn.name });
  return checked as unknown as F;
}

const ARGUMENT_NAMES = ['the first', 'the second', 'the third', 'the fourth', 'the fifth', 'the sixth'];

/** A function's name for headings (--name, "name", options.name): see checkFunctionName. */
export const functionName: Kind<string> = (v, what) => checkFunctionName(v, what);

/** Values of variables for double evaluation: `{ x: 1 }` or a Map of numbers. */
export const scope: Kind<unknown> = (v, what) => {
  if (v instanceof Map || isPlainObject(v)) return v;
  throw wrong(what, 'the values of the variables ({ x: 1, y: 2 } or a Map)', v);
};

// Option kinds that several entry points and result methods share.
export const detail = oneOf('brief', 'full');
/** `steps: true | 'brief' | 'full'` in notes and toTex. */
export const steps = either(boolean, detail);
export const noteOptions = options({ name: functionName, steps });
export const stepsTextOptions = options({ detail, name: functionName });
