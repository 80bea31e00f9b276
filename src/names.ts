/** What counts as a variable name, and checking names given from outside (--wrt, --at, gradient vars). */
import { DerivError } from './errors.js';
import { resolveFunctionName } from './function-table.js';
import { CONSTANTS, RESERVED_WORDS } from './parse/parser.js';
import { isNameStart, isNamePart } from './parse/lexer.js';

/** The index of the first character that cannot be in a name there, or -1 (the same letters as the parser's). */
const badCharacter = (name: string): number => [...name].findIndex((c, i) => !(i === 0 ? isNameStart(c) : isNamePart(c)));

/** Names already found valid (every derivative call checks its variable; most programs use a handful). */
const validNames = new Map<string, string>();
const MAX_REMEMBERED = 4096;

/** Throws BAD_VARIABLE unless `name` can be differentiated with respect to. */
export function checkVariableName(name: string, what = 'variable'): string {
  const known = typeof name === 'string' ? validNames.get(name) : undefined;
  if (known !== undefined) return known;
  const checked = checkNewName(name, what);
  if (validNames.size < MAX_REMEMBERED) validNames.set(name, checked);
  return checked;
}

function checkNewName(name: string, what: string): string {
  if (typeof name !== 'string') throw new DerivError('BAD_VARIABLE', `expected a ${what} name (text), got ${name === null ? 'null' : typeof name}`);
  // Subscript digits as the parser reads them: --wrt w₁ names w1.
  const trimmed = name.trim().replace(/[\u2080-\u2089]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x2080 + 48)).normalize('NFC');
  if (trimmed === '') throw new DerivError('BAD_VARIABLE', `the ${what} name is empty`, { input: name, position: 0 });
  if (badCharacter(trimmed) >= 0)
    throw new DerivError('BAD_VARIABLE', `'${trimmed}' is not a variable name`, {
      input: name,
      position: badCharacter(trimmed),
      hint: 'a name is a letter or _ followed by letters, digits or _',
    });
  if (RESERVED_WORDS.has(trimmed))
    throw new DerivError('BAD_VARIABLE', RESERVED_WORDS.get(trimmed)!, { input: name, position: 0 });
  if (CONSTANTS.has(trimmed))
    throw new DerivError('BAD_VARIABLE', `'${trimmed}' is a constant, not a variable`, { input: name, position: 0 });
  if (resolveFunctionName(trimmed) !== undefined)
    throw new DerivError('BAD_VARIABLE', `'${trimmed}' is a function, not a variable`, { input: name, position: 0 });
  return trimmed;
}

/** Longest function name accepted (--name, "name", options.name): a heading, not a paragraph. */
export const MAX_FUNCTION_NAME = 64;

/**
 * A function's name for headings (`--name L`, `L = …`): letters, digits and _ as in a variable name
 * (w1, J_θ, loss), since it is typeset as one (latexName) in LaTeX, Markdown and HTML. Anything else —
 * braces, backslashes, markup, control characters — is BAD_OPTION at its position: written into a
 * note it would break the LaTeX or inject into the page.
 */
export function checkFunctionName(name: unknown, what = '--name'): string {
  if (typeof name !== 'string') throw new DerivError('BAD_OPTION', `${what} must be a name, got ${name === null ? 'null' : typeof name}`);
  // Subscript digits as the parser reads them: --wrt w₁ names w1.
  const trimmed = name.trim().replace(/[\u2080-\u2089]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x2080 + 48)).normalize('NFC');
  if (trimmed === '') throw new DerivError('BAD_OPTION', `${what} is empty`, { input: name, position: 0, hint: 'for example --name L' });
  if ([...trimmed].length > MAX_FUNCTION_NAME) throw new DerivError('BAD_OPTION', `${what} is longer than ${MAX_FUNCTION_NAME} characters`, { input: name, position: 0 });
  const bad = badCharacter(trimmed);
  if (bad >= 0)
    throw new DerivError('BAD_OPTION', `${what} '${trimmed}' is not a name`, {
      input: name,
      position: name.indexOf(trimmed) + [...trimmed].slice(0, bad).join('').length,
      hint: 'a name is a letter or _ followed by letters, digits or _ (L, loss, J_theta)',
    });
  return trimmed;
}

