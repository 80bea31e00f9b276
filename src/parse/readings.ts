/**
 * Reads the dotted names the lexer leaves whole (`torch.relu`, `np.exp`, `x.pow`, `w.T`) by the tables in
 * rules/readings.ts, and refuses `w^T` outside the matrix language. Every reading is noted once (code READING),
 * so nobody trusts an answer to an expression they did not mean; a name with no single reading is refused with
 * the deriv spelling. One pass over the tokens; a token list without dots or ^T is returned as it is.
 */
import { DerivError } from '../errors.js';
import type { DerivWarning } from '../warnings.js';
import type { Token } from './lexer.js';
import { resolveFunctionName } from '../function-table.js';
import { NAMESPACES, NAMESPACE_CONSTANTS, METHOD_RENAMES, MATRIX_NAMES, REFUSED, type Namespace } from '../../rules/readings.js';

/** The hint for a transpose in scalar mode: the matrix language reads it once the shapes are declared. */
export const SHAPE_HINT = 'declare which names are vectors and matrices with --shape, e.g. --shape w=d,x=d (library: { shapes })';

/** Adds a note unless one with the same message is there (one note per spelling, not per use). */
export function noteOnce(notes: DerivWarning[] | undefined, note: DerivWarning): void {
  if (notes !== undefined && notes.length < 10 && !notes.some((n) => n.message === note.message)) notes.push(note);
}

const knownFunction = (name: string): boolean => resolveFunctionName(name) !== undefined || MATRIX_NAMES.has(name);

/** The namespace a dotted name starts with (longest prefix first) and the rest. */
function splitNamespace(parts: readonly string[]): { prefix: string; ns: Namespace; rest: string[] } | undefined {
  for (let n = parts.length - 1; n >= 1; n--) {
    const prefix = parts.slice(0, n).join('.');
    if (Object.prototype.hasOwnProperty.call(NAMESPACES, prefix)) return { prefix, ns: NAMESPACES[prefix]!, rest: parts.slice(n) };
  }
  return undefined;
}

const own = (table: Readonly<Record<string, string>> | undefined, key: string): string | undefined =>
  table !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

export interface ReadOptions {
  readonly transpose?: boolean;
  readonly notes?: DerivWarning[];
}

export function readDotted(tokens: Token[], input: string, options: ReadOptions): Token[] {
  if (!tokens.some((t, k) => (t.type === 'name' && t.text.includes('.')) || isCaretT(tokens, k, input))) return tokens;
  const fail = (pos: number, message: string, hint: string, code: 'PARSE' | 'UNSUPPORTED' | 'UNKNOWN_FUNCTION' = 'UNKNOWN_FUNCTION'): never => {
    throw new DerivError(code, message, { position: pos, input, hint });
  };
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (options.transpose && isCaretT(tokens, k, input) && tokens[k + 1]!.text.length > 1) {
      // w^Tx in the matrix language: the transpose of w times x.
      const tx = tokens[k + 1]!;
      out.push(t, { type: 'name', text: 'T', pos: tx.pos }, { type: 'name', text: tx.text.slice(1), pos: tx.pos + 1 });
      k++;
      continue;
    }
    if (!options.transpose && isCaretT(tokens, k, input)) {
      const base = tokens[k - 1]!;
      // w^T x is the tutorials' ŷ = wᵀx + b: a transpose, which needs shapes; (1+r)^T may be a power, noted.
      const exponent = tokens[k + 1]!.text;
      if (base.type === 'name')
        fail(t.pos, `${base.text}^${exponent} is a transpose${exponent === 'T' ? '' : ` and ${exponent.slice(1)}`}, which needs vectors`, `${SHAPE_HINT}; for a power of a variable ${exponent} write ${base.text}^(${exponent})`, 'UNSUPPORTED');
      noteOnce(options.notes, { code: 'READING', message: '^T is read as a power of the variable T, not a transpose', position: t.pos, hint: `for a transpose, ${SHAPE_HINT}` });
    }
    if (t.type !== 'name' || !t.text.includes('.')) {
      out.push(t);
      continue;
    }
    const parts = t.text.split('.');
    const next = tokens[k + 1]!;
    const spaced = splitNamespace(parts);
    if (spaced !== undefined) {
      const { prefix, ns, rest } = spaced;
      const last = rest.join('.');
      const renamed = own(ns.renames, last) ?? last;
      const refused = own(REFUSED, last);
      if (rest.length === 1 && NAMESPACE_CONSTANTS.has(last) && next.type !== 'lparen') {
        out.push({ type: 'name', text: last, pos: t.pos });
        continue;
      }
      if (refused !== undefined || rest.length > 1 || !knownFunction(renamed))
        fail(t.pos, `${t.text} has no single reading in deriv`, refused ?? 'write the function without its prefix; `deriv --functions` lists the known functions');
      noteOnce(options.notes, { code: 'READING', message: `${prefix}.${last} is read as ${renamed} (${ns.library})`, position: t.pos });
      out.push({ type: 'name', text: renamed, pos: t.pos });
      continue;
    }
    const [receiver, member] = parts as [string, string];
    if (parts.length !== 2) fail(t.pos, `'${t.text}' is not a name deriv reads`, 'write the function without its prefix, e.g. relu(x) for torch.nn.functional.relu(x)');
    const at = t.pos + receiver.length + 1;
    if (member === 'T' && next.type !== 'lparen') {
      // w.T: the transpose in the matrix language; scalars have none.
      if (!options.transpose) fail(at - 1, `${receiver}.T is a transpose, which needs vectors`, SHAPE_HINT, 'UNSUPPORTED');
      out.push({ type: 'name', text: receiver, pos: t.pos }, { type: 'op', text: "'", pos: at - 1 });
      continue;
    }
    if (next.type !== 'lparen') fail(at - 1, `'.' is not an operator here`, `for a product write ${receiver}*${member}`, 'PARSE');
    const fn = own(METHOD_RENAMES, member) ?? member;
    const refused = own(REFUSED, member);
    if (refused !== undefined || !knownFunction(fn))
      fail(at, `${receiver}.${member}(…) has no single reading in deriv`, refused ?? `write the function around the name, e.g. exp(${receiver}) for ${receiver}.exp(); \`deriv --functions\` lists them`);
    // x.f(a, …) is f(x, a, …): the receiver becomes the first argument.
    const empty = tokens[k + 2]?.type === 'rparen';
    noteOnce(options.notes, { code: 'READING', message: `${receiver}.${member}(${empty ? '' : '…'}) is read as ${fn}(${receiver}${empty ? '' : ', …'})`, position: t.pos });
    out.push({ type: 'name', text: fn, pos: at }, next, { type: 'name', text: receiver, pos: t.pos });
    if (!empty) out.push({ type: 'comma', text: ',', pos: next.pos });
    k++; // the '(' was pushed above
  }
  return out;
}

/** Whether tokens[k] is a `^` (or **) followed by the bare name T (not T(…)), or by Tx after a name. */
function isCaretT(tokens: readonly Token[], k: number, input: string): boolean {
  const t = tokens[k]!;
  const next = tokens[k + 1];
  if (t.type !== 'op' || t.text !== '^' || input[t.pos] === '\u1d40' || next?.type !== 'name' || tokens[k + 2]?.type === 'lparen') return false;
  // ^T, and ^Tx after a name (w^Tx: the transpose and x, run together).
  return next.text === 'T' || (/^T[a-z]\w*$/.test(next.text) && tokens[k - 1]?.type === 'name');
}
