/**
 * Parser: text → syntax tree (operator precedence, no recursion) → canonical Expr.
 *
 * The grammar is the scalar part of mathjs's, with its precedences:
 *   + −  <  * /  <  implicit multiplication  <  "number/number name" (1/2x = (1/2)·x)
 *        <  unary −  <  ^ (right-associative; its right operand may carry a unary sign)
 * so −x^2 = −(x²), 2^−x^2 = 2^(−(x²)), a/b c = a/(b·c), 3x^2y = 3·x²·y.
 * Both passes use explicit stacks, so nesting depth is bounded only by memory:
 * 10,000 nested parentheses parse like any other input.
 */
import { DerivError } from '../errors.js';
import { type Token, tokenize } from './lexer.js';
import { type Expr, mul, pow, num, sym, constant, call, MINUS_ONE_EXPR } from '../core/expr.js';
import { addAll, mulAll } from '../bulk.js';
import { parseDecimal } from '../core/rational.js';
import { resolveFunctionName, aritiesOf, knownFunctionNames } from '../function-table.js';
import { suggestName } from './suggest.js';
import { readingNotes } from './notes.js';
import type { DerivWarning } from '../warnings.js';
import { isDecimalLiteral } from './decimals.js';
import { sharedOrder } from './variable-orders.js';
import { type DomainGuard, needsGuard } from './domain.js';

/** The syntax tree, before canonicalisation. Positions point into the input. */
export type Syntax =
  | { readonly t: 'num'; readonly text: string; readonly pos: number }
  | { readonly t: 'name'; readonly name: string; readonly pos: number }
  | { readonly t: 'neg'; readonly arg: Syntax; readonly pos: number }
  | { readonly t: 'bin'; readonly op: string; readonly left: Syntax; readonly right: Syntax; readonly pos: number }
  | { readonly t: 'call'; readonly name: string; readonly args: readonly Syntax[]; readonly pos: number };

type StackEntry =
  | { readonly kind: 'op'; readonly op: string; readonly prec: number; readonly pos: number; readonly unary: boolean }
  | { readonly kind: 'paren'; readonly pos: number; readonly call?: { name: string; pos: number }; argc: number };

const PREC_ADD = 1;
const PREC_MUL = 2;
const PREC_IMPLICIT = 3;
const PREC_RULE2 = 4;
const PREC_UNARY = 5;
const PREC_POW = 6;

export const CONSTANTS: ReadonlySet<string> = new Set(['e', 'pi']);

/**
 * Words mathjs reads as operators (x mod y, 5 cm to inch, not x) or fixed values
 * (true, Infinity, …) whatever the scope says. As variables they would change
 * meaning between deriv and mathjs, so they are rejected, not multiplied.
 */
export const RESERVED_WORDS: ReadonlyMap<string, string> = new Map([
  ...['mod', 'to', 'in', 'and', 'or', 'xor', 'not'].map((w) => [w, `'${w}' is an operator in mathjs syntax, which deriv does not support`] as const),
  ...['true', 'false', 'null', 'undefined', 'Infinity', 'NaN', 'end'].map((w) => [w, `'${w}' is a reserved word in mathjs syntax, not a variable`] as const),
]);

export interface ParseOptions {
  /** Longest input accepted, in characters (default 2,000,000). */
  readonly maxLength?: number;
}
export interface ParseResult {
  readonly expr: Expr;
  /** Variable names in order of first appearance in the text (used for display order). */
  readonly variables: readonly string[];
  /** Places read in a way people often misread (1/2x, x^2y, xe, d/dx): see parse/notes.ts. */
  readonly notes: readonly DerivWarning[];
  /** Calls and powers as written whose value can be undefined at a point, innermost first: see parse/domain.ts. */
  readonly guards: readonly DomainGuard[];
}

export const DEFAULT_MAX_INPUT_LENGTH = 2_000_000;

export function parseWithInfo(input: string, options: ParseOptions = {}): ParseResult {
  const maxLength = options.maxLength ?? DEFAULT_MAX_INPUT_LENGTH;
  if (input.length > maxLength)
    throw new DerivError('TOO_LARGE', `the input is ${input.length} characters long; the limit is ${maxLength}`, {
      hint: 'raise the limit with the maxLength option (CLI: --max-length)',
    });
  // On scalars the element-wise operators .* ./ .^ are the plain ones.
  const notes: DerivWarning[] = [];
  const tokens = tokenize(input, { notes });
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type === 'op' && t.text.length === 2) tokens[k] = { ...t, text: t.text[1]! };
  }
  if (tokens.length === 1) throw new DerivError('PARSE', 'the expression is empty', { position: 0, input });
  const tree = buildTree(tokens, input);
  const { expr, variables, guards } = toExpr(tree, input);
  const decimals = tokens.some((t) => t.type === 'number' && isDecimalLiteral(t.text));
  return { expr, variables: sharedOrder(variables, decimals), notes: [...notes, ...readingNotes(tokens, input)], guards };
}

export function parse(input: string, options: ParseOptions = {}): Expr {
  return parseWithInfo(input, options).expr;
}

function isRule2Division(tokens: readonly Token[], k: number): boolean {
  const before = tokens[k - 1];
  const beforeThat = tokens[k - 2];
  const next = tokens[k + 1];
  const after = tokens[k + 2];
  return (
    before?.type === 'number' &&
    !(beforeThat?.type === 'op' && beforeThat.text === '^') &&
    next?.type === 'number' &&
    (after?.type === 'name' || after?.type === 'lparen')
  );
}

function describe(tok: Token): string {
  if (tok.type === 'end') return 'the end of the input';
  return `'${tok.text}'`;
}

/** Extensions used by the matrix language (src/matrix/): extra function names and postfix transpose. */
export interface SyntaxOptions {
  /** Function names beyond the rule table, with the argument counts they take. */
  readonly functions?: ReadonlyMap<string, readonly number[]>;
  /** Accept postfix ' (transpose). */
  readonly transpose?: boolean;
  /** Where reading notes go (torch.relu read as relu): see parse/readings.ts. */
  readonly notes?: DerivWarning[];
}

/** The syntax tree of `input`, before canonicalisation (for languages built on the same grammar). */
export function parseSyntax(input: string, options: SyntaxOptions & ParseOptions = {}): Syntax {
  const maxLength = options.maxLength ?? DEFAULT_MAX_INPUT_LENGTH;
  if (input.length > maxLength)
    throw new DerivError('TOO_LARGE', `the input is ${input.length} characters long; the limit is ${maxLength}`);
  const tokens = tokenize(input, { transpose: options.transpose === true, ...(options.notes === undefined ? {} : { notes: options.notes }) });
  if (tokens.length === 1) throw new DerivError('PARSE', 'the expression is empty', { position: 0, input });
  return buildTree(tokens, input, options);
}

function buildTree(tokens: readonly Token[], input: string, extra: SyntaxOptions = {}): Syntax {
  const knownName = (name: string): boolean => extra.functions?.has(name) === true || resolveFunctionName(name) !== undefined;
  const arityCheck = (name: string, argc: number, pos: number): void => {
    const own = extra.functions?.get(name);
    // A name of both kinds (max: of a vector, or of scalars) takes the arities of either.
    if (own !== undefined && (resolveFunctionName(name) === undefined || own.includes(argc))) {
      if (!own.includes(argc))
        throw new DerivError('ARITY', `${name} takes ${own.join(' or ')} argument(s), got ${argc}`, { position: pos, input });
      return;
    }
    checkArity(name, argc, pos, input);
  };
  const fail = (pos: number, message: string, hint?: string): never => {
    throw new DerivError('PARSE', message, { position: pos, input, hint });
  };
  const operands: Syntax[] = [];
  const stack: StackEntry[] = [];

  const apply = (entry: StackEntry & { kind: 'op' }): void => {
    if (entry.unary) {
      const arg = operands.pop()!;
      operands.push(entry.op === '-' ? { t: 'neg', arg, pos: entry.pos } : arg);
    } else {
      const right = operands.pop()!;
      const left = operands.pop()!;
      operands.push({ t: 'bin', op: entry.op, left, right, pos: entry.pos });
    }
  };
  const pushBinary = (op: string, prec: number, pos: number): void => {
    const rightAssoc = prec === PREC_POW;
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined || top.kind !== 'op') break;
      if (top.prec > prec || (top.prec === prec && !rightAssoc)) {
        stack.pop();
        apply(top);
      } else break;
    }
    stack.push({ kind: 'op', op, prec, pos, unary: false });
  };
  /** Pop operators down to the nearest parenthesis; returns it (or undefined at the bottom). */
  const popToParen = (): (StackEntry & { kind: 'paren' }) | undefined => {
    for (;;) {
      const top = stack.pop();
      if (top === undefined) return undefined;
      if (top.kind === 'paren') return top;
      apply(top);
    }
  };

  let expectOperand = true;
  let k = 0;
  while (k < tokens.length) {
    const tok = tokens[k]!;
    if (expectOperand) {
      switch (tok.type) {
        case 'number':
          operands.push({ t: 'num', text: tok.text, pos: tok.pos });
          expectOperand = false;
          k++;
          continue;
        case 'name': {
          const reserved = RESERVED_WORDS.get(tok.text);
          if (reserved !== undefined)
            throw new DerivError('UNSUPPORTED', reserved, { position: tok.pos, input, hint: 'use another name for a variable' });
          const next = tokens[k + 1]!;
          if (next.type === 'lparen') {
            if (!knownName(tok.text)) {
              const guess = suggestName(tok.text, knownFunctionNames());
              const leibniz = /^d[A-Za-z_]/.test(tok.text) && tokens[k - 1]?.text === '/' && tokens[k - 2]?.text === 'd';
              if (MATRIX_ONLY.has(tok.text))
                throw new DerivError('UNKNOWN_FUNCTION', `${tok.text} works on vectors and matrices, which scalar expressions do not have`, {
                  position: tok.pos,
                  input,
                  hint: 'declare which names are vectors and matrices with --shape, e.g. --shape X=n×d,w=d,y=n (library: { shapes })',
                });
              throw new DerivError('UNKNOWN_FUNCTION', `unknown function '${tok.text}'`, {
                position: tok.pos,
                input,
                hint: leibniz
                  ? `d/${tok.text}(…) is not read as a derivative: give the function only and the variable with --wrt ${tok.text.slice(1)}`
                  : (guess !== undefined ? `did you mean ${guess}? For` : 'for') +
                    ` multiplication write ${tok.text}*(…); \`deriv --functions\` lists the known functions`,
              });
            }
            stack.push({ kind: 'paren', pos: next.pos, call: { name: tok.text, pos: tok.pos }, argc: 0 });
            k += 2;
            if (tokens[k]!.type === 'rparen') {
              // f(): a call without arguments.
              stack.pop();
              arityCheck(tok.text, 0, tok.pos);
            }
            continue;
          }
          if (knownName(tok.text) && !CONSTANTS.has(tok.text)) {
            // sin^2(x), as textbooks write sin²x: the power goes after the call.
            const power = tokens[k + 1]?.text === '^' && tokens[k + 2]?.type === 'number' && tokens[k + 3]?.type === 'lparen' ? tokens[k + 2]!.text : undefined;
            if (power !== undefined)
              fail(tok.pos, `'${tok.text}^${power}(…)' is not read as a power of ${tok.text}`, `write ${tok.text}(x)^${power} for ${tok.text}^${power}(x)`);
            fail(tok.pos, `'${tok.text}' is a function and needs parentheses`, `write ${tok.text}(x)`);
          }
          operands.push({ t: 'name', name: tok.text, pos: tok.pos });
          expectOperand = false;
          k++;
          continue;
        }
        case 'lparen':
          stack.push({ kind: 'paren', pos: tok.pos, argc: 0 });
          k++;
          continue;
        case 'op':
          if (tok.text === '-' || tok.text === '+') {
            stack.push({ kind: 'op', op: tok.text, prec: PREC_UNARY, pos: tok.pos, unary: true });
            k++;
            continue;
          }
          if (k === 0) fail(tok.pos, `the expression starts with '${tok.text}'`, 'an operand must come first');
          return fail(tok.pos, `expected an operand after '${tokens[k - 1]!.text}', found '${tok.text}'`);
        case 'rparen':
          return fail(tok.pos, k > 0 && tokens[k - 1]!.type === 'lparen' ? 'empty parentheses' : `expected an operand before ')'`);
        case 'comma':
          return fail(tok.pos, `expected an argument before ','`);
        case 'end': {
          const prev = tokens[k - 1]!;
          return fail(tok.pos, `the expression ends after '${prev.text}'; an operand is missing`);
        }
      }
    }
    // After an operand: an operator, a closing bracket, a comma, the end, or implicit multiplication.
    switch (tok.type) {
      case 'op': {
        if (tok.text === "'") {
          // Postfix transpose binds tightest: it applies to the operand just read.
          const arg = operands.pop()!;
          operands.push({ t: 'call', name: 'transpose', args: [arg], pos: tok.pos });
          k++;
          continue;
        }
        const prec =
          tok.text === '^' || tok.text === '.^' ? PREC_POW : tok.text === '+' || tok.text === '-' ? PREC_ADD : (tok.text === '/' || tok.text === './') && isRule2Division(tokens, k) ? PREC_RULE2 : PREC_MUL;
        pushBinary(tok.text, prec, tok.pos);
        expectOperand = true;
        k++;
        continue;
      }
      case 'name':
      case 'lparen':
        pushBinary('*', PREC_IMPLICIT, tok.pos);
        expectOperand = true;
        continue; // the same token, now as an operand
      case 'number':
        if (tokens[k - 1]!.type === 'number')
          fail(tok.pos, 'two numbers in a row', `write ${tokens[k - 1]!.text}*${tok.text} to multiply`);
        pushBinary('*', PREC_IMPLICIT, tok.pos);
        expectOperand = true;
        continue;
      case 'comma': {
        const paren = popToParen();
        if (paren === undefined || paren.call === undefined)
          fail(tok.pos, `unexpected ',' outside a function's argument list`);
        paren!.argc++;
        stack.push(paren!);
        expectOperand = true;
        k++;
        continue;
      }
      case 'rparen': {
        const paren = popToParen();
        if (paren === undefined) fail(tok.pos, `unmatched ')'`, 'remove it, or add the matching ( before it');
        if (paren!.call !== undefined) {
          const argc = paren!.argc + 1;
          arityCheck(paren!.call.name, argc, paren!.call.pos);
          const args = operands.splice(operands.length - argc, argc);
          operands.push({ t: 'call', name: paren!.call.name, args, pos: paren!.call.pos });
        }
        k++;
        continue;
      }
      case 'end': {
        for (;;) {
          const top = stack.pop();
          if (top === undefined) break;
          if (top.kind === 'paren')
            fail(top.pos, `this '(' is never closed`, `add ')' to close it`);
          else apply(top as StackEntry & { kind: 'op' });
        }
        return operands[0]!;
      }
    }
  }
  return fail(input.length, `unexpected ${describe(tokens[tokens.length - 1]!)}`);
}

/** Functions of the matrix language (src/matrix/): without declared shapes they get a hint naming --shape. */
const MATRIX_ONLY: ReadonlySet<string> = new Set([
  ...['sum', 'mean', 'trace', 'tr', 'norm', 'norm2', 'norm1', 'dot', 'transpose', 'ones'],
  ...['softmax', 'log_softmax', 'logsumexp', 'cross_entropy', 'det', 'logdet', 'inv', 'diag', 'ismax'],
]);

/** Functions that take any number of arguments from two on (mathjs's max(1, x^2, x + 1)); read as nested pairs. */
const VARIADIC: ReadonlySet<string> = new Set(['max', 'min']);

function checkArity(name: string, argc: number, pos: number, input: string): void {
  const accepted = aritiesOf(name);
  if (accepted.includes(argc) || (VARIADIC.has(resolveFunctionName(name) ?? '') && argc > 2)) return;
  const want = accepted.map(String).join(' or ');
  throw new DerivError('ARITY', `${name} takes ${want} argument${want === '1' ? '' : 's'}, got ${argc}`, {
    position: pos,
    input,
  });
}

/**
 * Canonicalise the syntax tree with an explicit stack. Chains of + − and of * /
 * are gathered first and built with one n-ary constructor call each, so a
 * 100,000-term sum costs one collection, not 100,000 re-flattenings.
 */
function toExpr(root: Syntax, input: string): Omit<ParseResult, 'notes'> {
  const variables: string[] = [];
  const seen = new Set<string>();
  const guards: DomainGuard[] = [];
  /** Records fn(args) when canonical form could drop a condition of it (parse/domain.ts). */
  const guard = (fn: string, args: readonly Expr[]): void => {
    if (needsGuard(fn, args)) guards.push({ fn, args });
  };
  interface Frame {
    readonly node: Syntax;
    readonly parts: readonly Syntax[];
    /** For a chain of + − or * /: the sign of each part (−1: subtracted or divided). */
    readonly signs: readonly number[] | undefined;
    readonly results: Expr[];
  }
  const frameOf = (node: Syntax): Frame => {
    switch (node.t) {
      case 'neg':
        return { node, parts: [node.arg], signs: undefined, results: [] };
      case 'call':
        return { node, parts: node.args, signs: undefined, results: [] };
      case 'bin':
        if (node.op === '^') return { node, parts: [node.left, node.right], signs: undefined, results: [] };
        return gatherChain(node);
      default:
        return { node, parts: [], signs: undefined, results: [] };
    }
  };
  const leaf = (node: Syntax): Expr | undefined => {
    if (node.t === 'num') {
      try {
        return num(parseDecimal(node.text));
      } catch (err) {
        throw located(err, node.pos);
      }
    }
    if (node.t === 'name') {
      if (CONSTANTS.has(node.name)) return constant(node.name as 'e' | 'pi');
      if (!seen.has(node.name)) {
        seen.add(node.name);
        variables.push(node.name);
      }
      return sym(node.name);
    }
    return undefined;
  };
  const combine = (frame: Frame): Expr => {
    const { node, results, signs } = frame;
    switch (node.t) {
      case 'neg':
        return mul(MINUS_ONE_EXPR, results[0]!);
      case 'call': {
        const name = resolveFunctionName(node.name)!;
        if (VARIADIC.has(name) && results.length > 2) return results.slice(1).reduce((acc, r) => call(name, [acc, r]), results[0]!);
        guard(name, results);
        return name === 'pow' ? pow(results[0]!, results[1]!) : call(name, results);
      }
      case 'bin': {
        if (node.op === '^') {
          guard('pow', results);
          return pow(results[0]!, results[1]!);
        }
        if (node.op === '+' || node.op === '-')
          return addAll(results.map((r, i) => (signs![i]! < 0 ? mul(MINUS_ONE_EXPR, r) : r)));
        return mulAll(
          results.map((r, i) => {
            if (signs![i]! > 0) return r;
            guard('pow', [r, MINUS_ONE_EXPR]);
            return pow(r, MINUS_ONE_EXPR);
          }),
        );
      }
      default:
        throw new DerivError('PARSE', 'internal: unexpected leaf', { position: node.pos, input });
    }
  };
  /** The operands of a chain of + − (or * /) under `node`, left to right, with their signs. */
  const gatherChain = (node: Syntax & { t: 'bin' }): Frame => {
    const additive = node.op === '+' || node.op === '-';
    const parts: Syntax[] = [];
    const signs: number[] = [];
    // Parallel stacks, not pairs: this runs over every operand of a 100,000-term sum.
    const work: Syntax[] = [node];
    const workSigns: number[] = [1];
    while (work.length > 0) {
      const n = work.pop()!;
      const sign = workSigns.pop()!;
      if (n.t === 'bin' && (additive ? n.op === '+' || n.op === '-' : n.op === '*' || n.op === '/')) {
        work.push(n.right, n.left);
        workSigns.push(n.op === '-' || n.op === '/' ? -sign : sign, sign);
      } else {
        parts.push(n);
        signs.push(sign);
      }
    }
    return { node, parts, signs, results: [] };
  };

  /** Errors from the constructors (division by zero) get the position of the operator that raised them. */
  const located = (err: unknown, pos: number): unknown =>
    err instanceof DerivError && err.position === undefined
      ? new DerivError(err.code, err.message, { position: pos, input, ...(err.hint === undefined ? {} : { hint: err.hint }) })
      : err;
  const rootLeaf = leaf(root);
  if (rootLeaf !== undefined) return { expr: rootLeaf, variables, guards };
  const stack: Frame[] = [frameOf(root)];
  let result: Expr | undefined;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.results.length < frame.parts.length) {
      const child = frame.parts[frame.results.length]!;
      const asLeaf = leaf(child);
      if (asLeaf !== undefined) frame.results.push(asLeaf);
      else stack.push(frameOf(child));
      continue;
    }
    stack.pop();
    let value: Expr;
    try {
      value = combine(frame);
    } catch (err) {
      throw located(err, frame.node.pos);
    }
    if (stack.length === 0) result = value;
    else stack[stack.length - 1]!.results.push(value);
  }
  return { expr: result!, variables, guards };
}

/** The reading notes of matrix-language text (torch.sum read as sum, ** as ^): the matrix reader builds from the syntax tree alone. */
export function matrixReadingNotes(input: string): DerivWarning[] {
  const notes: DerivWarning[] = [];
  try {
    tokenize(input, { transpose: true, notes });
  } catch {
    return []; // the reader says what is wrong with it
  }
  return notes;
}
