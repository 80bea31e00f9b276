/**
 * The one reader of a list of names, for every option that takes one (--wrt, --args; their batch fields,
 * hash keys and library arrays): text is split at commas — a fullwidth `，` or ideographic `、` too, as
 * pasted from Chinese notes — and each name is trimmed and checked as a variable name. An empty name
 * (`w,,x`, a trailing comma) or a bad one is BAD_VARIABLE with its position in the text as typed; a value that is
 * no text and no list of texts is BAD_OPTION.
 */
import { DerivError } from '../errors.js';
import { checkVariableName } from '../names.js';
import { describe } from '../validate.js';

const SEPARATOR = /[,\uff0c\u3001]/;

/** Names from text (`w,b`) or from a list (`['w', 'b']`); `what` names the option in errors (`--wrt`). */
export function readNames(raw: unknown, what: string): string[] {
  if (typeof raw === 'string') return splitNames(raw, what);
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new DerivError('BAD_OPTION', `${what} has no names`, { hint: `list names: ${what} w,b` });
    return raw.map((n: unknown, i) => {
      if (typeof n !== 'string') throw new DerivError('BAD_OPTION', `${what}: item ${i + 1} must be a name, got ${describe(n)}`);
      return checked(n, n, 0, what);
    });
  }
  throw new DerivError('BAD_OPTION', `${what} must be names separated by commas ("w,b") or a list of names, got ${describe(raw)}`);
}

function splitNames(text: string, what: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const piece of text.split(SEPARATOR)) {
    if (piece.trim() === '')
      throw new DerivError('BAD_VARIABLE', `${what} has an empty name`, { input: text, position: start, hint: `list names separated by commas: ${what} w,b` });
    out.push(checked(piece, text, start, what));
    start += piece.length + 1;
  }
  return out;
}

/** The name, checked; an error's position is moved to where the name stands in `text`. */
function checked(name: string, text: string, offset: number, what: string): string {
  try {
    return checkVariableName(name);
  } catch (e) {
    if (!(e instanceof DerivError)) throw e;
    const lead = name.length - name.trimStart().length;
    throw new DerivError(e.code, `${what}: ${e.message}`, { input: text, position: offset + (e.position ?? 0) + (e.position === undefined ? 0 : lead), ...(e.hint === undefined ? {} : { hint: e.hint }) });
  }
}
