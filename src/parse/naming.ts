/**
 * `L = 1/2*(w*x+b-y)^2`: a single leading `NAME =` names the function, as the tutorials write it.
 * The name is taken off and replaced by spaces of the same length, so positions in errors and warnings
 * still point into the line as typed. Anything else with `=` (equations such as x=1 or x = x+1, several
 * assignments) is left to the parser, which says it does not read it.
 */
import { isNameStart, isNamePart, tokenize } from './lexer.js';

/** The variable-like names of `text` (not calls, not e or pi); undefined when it does not even tokenize. */
function variableNames(text: string): string[] | undefined {
  try {
    const tokens = tokenize(text);
    return tokens.filter((t, i) => t.type === 'name' && tokens[i + 1]?.type !== 'lparen' && t.text !== 'e' && t.text !== 'pi').map((t) => t.text);
  } catch {
    return undefined;
  }
}

export interface Named {
  /** The expression, with the `NAME =` prefix blanked out. */
  readonly expression: string;
  /** The function's name, when the line gave one. */
  readonly name?: string;
}

export function splitNaming(line: string): Named {
  const eq = line.indexOf('=');
  if (eq < 0 || line.indexOf('=', eq + 1) >= 0) return { expression: line };
  const name = line.slice(0, eq).trim().normalize('NFC');
  const chars = [...name];
  if (chars.length === 0 || !isNameStart(chars[0]!) || !chars.every(isNamePart)) return { expression: line };
  // A definition has variables on the right and does not use its own name there: x=1 and x = x+1 are equations.
  const rest = variableNames(line.slice(eq + 1));
  if (rest !== undefined && (rest.length === 0 || rest.includes(name))) return { expression: line };
  return { expression: ' '.repeat(eq + 1) + line.slice(eq + 1), name };
}
