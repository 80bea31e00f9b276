/**
 * Inputs written with decimal numbers (`0.37*w + b - 1.25`, `1e-3*x`) are answered with decimals: a
 * student who writes 0.25·x² expects 0.5·x, not x/2. The fact travels with the input's display context,
 * its variable order array (every result of the input prints with that array), so no signature changes:
 * the parser marks the array it returns (through variable-orders.ts, which shares one array per order and
 * mark), and whoever derives another order array from it passes the mark on.
 * Only finite decimals are printed so (exact: 28569/100 is 285.69); 1/3 stays a fraction.
 */
const marked = new WeakSet<readonly string[]>();

/** Remembers that the input behind this variable order was written with decimals. */
export function markDecimals(order: readonly string[]): void {
  marked.add(order);
}

/** Whether results displayed in this order print finite decimals instead of fractions. */
export function writtenWithDecimals(order: readonly string[] | undefined): boolean {
  return order !== undefined && marked.has(order);
}

/** Passes the mark from one order array to another derived from it. */
export function carryDecimals(from: readonly string[] | undefined, to: readonly string[]): void {
  if (writtenWithDecimals(from)) marked.add(to);
}

/** Whether text (a point, an expression) has a number written with a decimal point or an exponent: 4.05, .5, 1e-3. */
export const hasDecimalLiteral = (text: string): boolean => /(?:^|[^A-Za-z_\d.])(?:\d+\.\d*|\.\d+|\d+[eE][+-]?\d+)/.test(text);

/** A number literal written with a decimal point or an exponent. */
export const isDecimalLiteral = (text: string): boolean => /[.eE]/.test(text);

/** Most digits after the point a printed decimal may have; a longer one stays a fraction. */
const MAX_PLACES = 12;

/**
 * n/d (d > 1, n ≥ 0) as an exact decimal, when d's only prime factors are 2 and 5 and it needs at most
 * MAX_PLACES places; undefined otherwise.
 */
export function decimalText(n: bigint, d: bigint): string | undefined {
  let twos = 0;
  let fives = 0;
  let rest = d;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos++;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives++;
  }
  if (rest !== 1n) return undefined;
  const places = Math.max(twos, fives);
  if (places === 0 || places > MAX_PLACES) return undefined;
  const digits = ((n * 10n ** BigInt(places)) / d).toString().padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
