/**
 * Reading notes: places where the input is valid but often misread. The parser
 * reads them as mathjs does; these notes say how, so nobody trusts a result of
 * an expression they did not mean:
 *   1/2x  → (1/2)*x = x/2         x^2y → x^2*y          x/2y → x/(2*y)
 *   xe^w  → the one name xe       d/dx x^2 → variables d and dx
 * One linear pass over the tokens; at most MAX_NOTES notes (a 100,000-term input
 * full of 2x^2y should not print 100,000 lines).
 */
import type { Token } from './lexer.js';
import type { DerivWarning } from '../warnings.js';

const MAX_NOTES = 10;

const isOp = (t: Token | undefined, text: string): boolean => t?.type === 'op' && t.text === text;
const isAtom = (t: Token | undefined): boolean => t?.type === 'number' || t?.type === 'name';
/** An operand token that starts an implicit multiplication after another operand. */
const startsOperand = (t: Token | undefined): boolean => t?.type === 'number' || t?.type === 'name' || t?.type === 'lparen';
const end = (t: Token): number => t.pos + t.text.length;
/** The same division rule the parser uses: number/number followed by a name or '(' binds as (n/m)·…. */
const isRule2 = (tokens: readonly Token[], k: number): boolean =>
  tokens[k - 1]?.type === 'number' && !isOp(tokens[k - 2], '^') && tokens[k + 1]?.type === 'number' && (tokens[k + 2]?.type === 'name' || tokens[k + 2]?.type === 'lparen');

/** The text of an atom followed by `(…)` or a name, for messages. */
const spell = (t: Token): string => (t.type === 'lparen' ? '(…)' : t.text);

/** Two- and three-letter names that are words, not products: lr, mu, eta, … */
const WORDS: ReadonlySet<string> = new Set([
  'lr', 'mu', 'nu', 'xi', 'eta', 'tau', 'phi', 'psi', 'chi', 'rho', 'eps', 'dt', 'dx', 'dy', 'dz', 'sd', 'var', 'std', 'avg',
  'max', 'min', 'sum', 'out', 'in', 'fx', 'gx', 'hx', 'y0', 'x0', 'rate', 'loss', 'bias', 'err', 'acc', 'age', 'cost', 'pre', 'act',
]);

/**
 * `xw` where the input also has one-letter variables: a student writing w*x as wx. Names of two or three
 * lowercase letters only, words excepted; noted once per name (`--wrt w` adds the hint x*w itself).
 */
function lettersLikeProduct(name: string, tokens: readonly Token[], k: number): boolean {
  if (name.length < 2 || name.length > 3 || !/^[a-z]+$/.test(name) || WORDS.has(name) || name === 'pi') return false;
  return tokens.some((t, i) => i !== k && t.type === 'name' && t.text.length === 1 && t.text !== 'e' && tokens[i + 1]?.type !== 'lparen');
}

export function readingNotes(tokens: readonly Token[], input: string): DerivWarning[] {
  const notes: DerivWarning[] = [];
  const named = new Set<string>();
  for (let k = 0; k < tokens.length && notes.length < MAX_NOTES; k++) {
    const t = tokens[k]!;
    if (t.type === 'op' && t.text === '/' && isRule2(tokens, k)) {
      const [n, m, next] = [tokens[k - 1]!, tokens[k + 1]!, tokens[k + 2]!];
      const after = spell(next);
      notes.push({
        code: 'IMPLICIT_MULTIPLICATION',
        message: `${n.text}/${m.text}${after} is read as ${n.text}/${m.text}*${after}, that is ${n.text === '1' ? '' : `${n.text}*`}${after}/${m.text}`,
        position: n.pos,
        hint: `for ${n.text}/(${m.text}${after}) write ${n.text}/(${m.text}*${after})`,
      });
      continue;
    }
    // Implicit multiplication right after an exponent or a divisor: x^2y, x/2y.
    const prev = tokens[k - 1];
    const op = tokens[k - 2];
    if (startsOperand(t) && isAtom(prev) && end(prev!) === t.pos && !(prev!.type === 'name' && t.type === 'lparen') && op?.type === 'op') {
      const base = tokens[k - 3];
      const left = isAtom(base) || base?.type === 'rparen' ? (base!.type === 'rparen' ? '(…)' : base!.text) : '…';
      const right = spell(t);
      if (op.text === '^' && input[op.pos] === '^') {
        notes.push({
          code: 'IMPLICIT_MULTIPLICATION',
          message: `${left}^${prev!.text}${right} is read as ${left}^${prev!.text}*${right}: the exponent is ${prev!.text}`,
          position: prev!.pos,
          hint: `for the exponent ${prev!.text}*${right} write ${left}^(${prev!.text}*${right})`,
        });
      } else if (op.text === '/' && !isRule2(tokens, k - 2)) {
        notes.push({
          code: 'IMPLICIT_MULTIPLICATION',
          message: `${left}/${prev!.text}${right} is read as ${left}/(${prev!.text}*${right}): implicit multiplication binds before /`,
          position: prev!.pos,
          hint: `for (${left}/${prev!.text})*${right} write ${left}/${prev!.text}*${right}`,
        });
      }
    }
    if (t.type === 'name' && tokens[k + 1]?.type !== 'lparen') {
      if (t.text === 'd' && isOp(tokens[k + 1], '/') && tokens[k + 2]?.type === 'name' && /^d[A-Za-z_]/.test(tokens[k + 2]!.text)) {
        const x = tokens[k + 2]!.text.slice(1);
        notes.push({
          code: 'LEIBNIZ_NOTATION',
          message: `d/${tokens[k + 2]!.text} is read as the variable d divided by the variable ${tokens[k + 2]!.text}, not as a derivative`,
          position: t.pos,
          hint: `give the function only and the variable with --wrt ${x} (library: derivative(f, '${x}'))`,
        });
        continue;
      }
      // Only two- and three-letter names can be a letter and e or pi (xe, ex, xpi, pix).
      const product = t.text.length < 2 || t.text.length > 3 ? null : (/^([A-Za-z])(e|pi)$/.exec(t.text) ?? /^(e|pi)([A-Za-z])$/.exec(t.text));
      if (product === null && lettersLikeProduct(t.text, tokens, k) && !named.has(t.text)) {
        named.add(t.text);
        const spelled = [...t.text].join('*');
        notes.push({
          code: 'NAME_LOOKS_LIKE_PRODUCT',
          message: `'${t.text}' is one variable named ${t.text}, not ${spelled}`,
          position: t.pos,
          hint: `for a product write ${spelled}`,
        });
      }
      if (product !== null)
        notes.push({
          code: 'NAME_LOOKS_LIKE_PRODUCT',
          message: `'${t.text}' is one variable named ${t.text}, not ${product[1]}*${product[2]}`,
          position: t.pos,
          hint: `for the product write ${product[1]}*${product[2]}`,
        });
    }
  }
  return notes;
}
