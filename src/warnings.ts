/**
 * Warnings: the input was read, but perhaps not as meant. Unlike a DerivError
 * nothing stops; the result comes with a list of these (the CLI prints them on
 * stderr, JSON and library results carry them as `warnings`). Callers branch on
 * `code`, never on the message.
 */

export type WarningCode =
  | 'WRT_NOT_FOUND' // a variable differentiated with respect to does not occur: the derivative is 0
  | 'NO_VARIABLES' // the expression is a constant: there is nothing to differentiate
  | 'IMPLICIT_MULTIPLICATION' // juxtaposition read in a way people often misread (1/2x, x^2y, a/b c)
  | 'NAME_LOOKS_LIKE_PRODUCT' // one name that reads like a product with a constant (xe, pix)
  | 'LEIBNIZ_NOTATION' // d/dx written into the expression
  | 'NOT_REAL' // a constant outside its function's real domain (asin(2), log(-1)): no real value anywhere
  | 'READING'; // a spelling from another tool read as deriv's (torch.relu, **, x.pow(2)): docs/reading.md

export interface DerivWarning {
  readonly code: WarningCode;
  readonly message: string;
  /** 0-based character offset into the input, when the warning has a place. */
  readonly position?: number;
  /** What to write instead, or what was probably meant. */
  readonly hint?: string;
}

/** Letters with their digits (`w1x` → w1, x): how a run of juxtaposed one-letter names splits. */
function letterChunks(name: string): string[] | undefined {
  return /^(?:[A-Za-z][0-9]*)+$/.test(name) ? name.match(/[A-Za-z][0-9]*/g)! : undefined;
}

/** `xw` with wrt `w` → `x*w`; `w1x` with wrt `w1` → `w1*x`; undefined when the name does not contain wrt. */
export function productReading(name: string, wrt: string): string | undefined {
  if (name === wrt || !name.includes(wrt)) return undefined;
  const chunks = letterChunks(name);
  if (chunks !== undefined && chunks.includes(wrt)) return chunks.join('*');
  const at = name.indexOf(wrt);
  const parts = [name.slice(0, at), wrt, name.slice(at + wrt.length)].filter((p) => p !== '');
  return parts.every((p) => /^[A-Za-z_]/.test(p)) ? parts.join('*') : undefined;
}

/** What a name was looked for in, for the warning: `the expression` and its `variables`, `the program` and its `inputs`. */
export interface Where {
  readonly what: string;
  readonly names: string;
}
const EXPRESSION: Where = { what: 'the expression', names: 'variables' };

/**
 * Why differentiating with respect to `wrt` gives 0 when `wrt` is not among `variables`:
 * a longer name containing it (did you mean x*w?), the same name in another case, or simply absent.
 */
export function missingVariableWarning(wrt: string, variables: readonly string[], where: Where = EXPRESSION): DerivWarning | undefined {
  if (variables.includes(wrt)) return undefined;
  if (variables.length === 0)
    return { code: 'WRT_NOT_FOUND', message: `${wrt} does not occur: ${where.what} has no ${where.names}, so its derivative is 0` };
  const message = `${wrt} does not occur in ${where.what} (its ${where.names}: ${variables.join(', ')}), so the derivative with respect to ${wrt} is 0`;
  const cased = variables.find((v) => v.toLowerCase() === wrt.toLowerCase());
  if (cased !== undefined) return { code: 'WRT_NOT_FOUND', message, hint: `did you mean ${cased}? names are case-sensitive` };
  for (const v of variables) {
    const product = productReading(v, wrt);
    if (product !== undefined)
      return { code: 'WRT_NOT_FOUND', message, hint: `did you mean ${product}? '${v}' is one name; write ${product} for a product` };
  }
  return { code: 'WRT_NOT_FOUND', message };
}

/** Every variable of `wrt` that does not occur, each once. */
export function wrtWarnings(wrt: readonly string[], variables: readonly string[], where: Where = EXPRESSION): DerivWarning[] {
  // The usual case, without allocating: one variable, and it occurs.
  if (wrt.length === 1 && variables.includes(wrt[0]!)) return [];
  const out: DerivWarning[] = [];
  for (const v of new Set(wrt)) {
    const w = missingVariableWarning(v, variables, where);
    if (w !== undefined) out.push(w);
  }
  return out;
}

export const NO_VARIABLES: DerivWarning = {
  code: 'NO_VARIABLES',
  message: 'the expression has no variables: it is a constant, so every derivative is 0',
};

/** Warnings from several sources, each (code, message, position) once, in order. */
export function mergeWarnings(...lists: readonly (readonly DerivWarning[])[]): DerivWarning[] {
  return mergeWarningLists(lists);
}

/**
 * mergeWarnings of a list of lists: for one list per result, which may be hundreds of thousands long (a
 * spread call passes its arguments on the stack: 200,000 partials overflowed it).
 */
export function mergeWarningLists(lists: readonly (readonly DerivWarning[])[]): DerivWarning[] {
  let total = 0;
  for (const list of lists) total += list.length;
  if (total === 0) return [];
  const seen = new Set<string>();
  const out: DerivWarning[] = [];
  for (const list of lists)
    for (const w of list) {
      const key = `${w.code}\u0000${w.message}\u0000${w.position ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(w);
      }
    }
  return supersede(out);
}

/**
 * `--wrt w` on `xw + b` says "'xw' is one name; write x*w" in its WRT_NOT_FOUND hint: the reading note saying the
 * same of xw (NAME_LOOKS_LIKE_PRODUCT) is then left out, so one hint says it once.
 */
function supersede(warnings: DerivWarning[]): DerivWarning[] {
  const said = warnings.filter((w) => w.code === 'WRT_NOT_FOUND' && w.hint !== undefined).map((w) => /'([^']+)' is one name/.exec(w.hint!)?.[1]);
  if (said.length === 0) return warnings;
  return warnings.filter((w) => !(w.code === 'NAME_LOOKS_LIKE_PRODUCT' && said.some((n) => n !== undefined && w.message.startsWith(`'${n}' is one variable`))));
}
