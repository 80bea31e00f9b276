/**
 * How results print in console.log / util.inspect: what a person wants to see (∂/∂w = 2*x*w), never the
 * internal fields of expression nodes. Node looks the method up under this registered symbol, so no
 * import of node:util is needed (the library also runs where util does not exist).
 */
export const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** Gives a result object (a check or an SGD step) a readable inspect, without adding an enumerable key. */
export function withInspect<T extends object>(o: T, show: () => string): T {
  Object.defineProperty(o, INSPECT, { value: show, enumerable: false });
  return o;
}

/**
 * Gives a result object (a check, an SGD step, values at a point) a `toString()` — the text the CLI prints for
 * it — without adding an enumerable key (its JSON and deep equality stay its fields).
 */
export function withToString<T extends object>(o: T, text: () => string): T {
  Object.defineProperty(o, 'toString', { value: text, enumerable: false });
  return o;
}
