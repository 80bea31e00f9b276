/**
 * A notation-neutral size of a tool's output: the number of nodes of its expression tree, every tool's text read
 * by ONE parser (mathjs `parse`) after mapping the tool's spelling to mathjs syntax. Counting characters penalises
 * notation, not size: deriv prints `2*x + 1` (spaces for reading) where Maxima prints `2*x+1`, `exp(w)` where Maxima
 * prints `%e^w` and nerdamer `e^w`, and SymPy writes powers `x**2`.
 *
 * What counts (bench/README.md, "How to read the tables"): every node mathjs `traverse` visits — an operator
 * (a unary minus too), a number, a symbol, a function call (1, plus its arguments; its name is not a node of its
 * own) — except brackets (ParenthesisNode), which are notation; and the numbers of one product or quotient count
 * as one coefficient (`28569*w/100` is `285.69*w`: exact rationals against decimals is notation too). An n-term sum
 * reads as n − 1 binary + nodes in every tool, so sums cost the same whoever prints them. A number is one node
 * whatever its digits (an expanded polynomial with 160-digit coefficients looks small by this measure).
 *
 * The --cse form: each definition `t1 = …` counts 1 plus the nodes of its right side, then the nodes of each partial
 * (written in terms of t1, t2, …).
 *
 * A text that does not map or does not parse (Maxima's `'diff(…)` noun forms, a `%` name other than %e and %pi)
 * has no size here: undefined, shown as unavailable. Such an answer is wrong anyway.
 */
import { createRequire } from 'node:module';

/** mathjs's parse, loaded on first use: the workers import this module for MAX_TEXT_CHARS alone, and loading mathjs
 * into deriv's worker would only add to its heap. */
let parse;
const mathjsParse = (text) => (parse ??= createRequire(import.meta.url)('mathjs').parse)(text);

/** Texts longer than this in total (per output form) are not sent back by the workers: their size is unavailable. */
export const MAX_TEXT_CHARS = 300_000;

/**
 * One partial's text in mathjs syntax, or undefined when it cannot be read as an expression.
 * tool: deriv | mathjs | nerdamer | sympy | maxima | maxima-ratsimp | ginac.
 */
export function toMathjsSyntax(text, tool) {
  if (tool === 'sympy') {
    // SymPy: x**2 for powers, E for Euler's number (exp(w) stays exp(w)); names such as Max and Heaviside read as calls.
    return text.replace(/\*\*/g, '^').replace(/\bE\b/g, 'e');
  }
  if (tool === 'maxima' || tool === 'maxima-ratsimp') {
    // A quote marks a noun form ('diff(…): a partial Maxima could not take); mathjs would read it as a string.
    if (text.includes("'")) return undefined;
    const mapped = text.replace(/%e\b/g, 'e').replace(/%pi\b/g, 'pi');
    // Any other %name (%i, %gamma, %c…) has no counterpart here; mathjs would read % as the modulus operator.
    return mapped.includes('%') ? undefined : mapped;
  }
  if (tool === 'ginac') return text.replace(/\bPi\b/g, 'pi'); // GiNaC: Pi; e only as exp(1)
  // deriv, mathjs and nerdamer already write mathjs syntax (nerdamer's e^w reads as e to the power w).
  return text;
}

/** A product or quotient node (binary `*` or `/`). */
const isProductStep = (node) => node.type === 'OperatorNode' && (node.fn === 'multiply' || node.fn === 'divide') && node.args.length === 2;

/**
 * The operands of the maximal chain of `*` and `/` starting at `node` (brackets looked through: `a*(b/c)` is the
 * term a·b/c), pushed onto `out`. A chain of m operands has m − 1 operators whichever way it is bracketed.
 */
function productOperands(node, out) {
  const todo = [node];
  while (todo.length > 0) {
    let n = todo.pop();
    while (n.type === 'ParenthesisNode') n = n.content;
    if (isProductStep(n)) todo.push(n.args[1], n.args[0]);
    else out.push(n);
  }
  return out;
}

/**
 * Nodes of one expression in mathjs syntax (throws when mathjs cannot parse it): what mathjs `traverse` visits,
 * less brackets and function names, with a term's numbers counted once: the numeric literals of one chain of `*`
 * and `/` are one coefficient, so `28569*w/100`, `(28569/100)*w` and `285.69*w` are 3 nodes each and `1/2` is 1
 * (an exact rational and its decimal are the same number). Iterative: long sums nest thousands deep.
 */
export function expressionNodes(text) {
  let count = 0;
  const todo = [mathjsParse(text)];
  while (todo.length > 0) {
    const node = todo.pop();
    if (node.type === 'ParenthesisNode') todo.push(node.content);
    else if (node.type === 'FunctionNode') {
      count += 1; // the call; its name is not a node of its own
      todo.push(...node.args);
    } else if (isProductStep(node)) {
      const operands = productOperands(node, []);
      const others = operands.filter((o) => o.type !== 'ConstantNode');
      const factors = others.length + (others.length < operands.length ? 1 : 0);
      count += factors - 1 + (factors > others.length ? 1 : 0); // the operators, and the coefficient if any
      todo.push(...others);
    } else {
      count += 1;
      node.forEach((child) => todo.push(child));
    }
  }
  return count;
}

/** Nodes of one text of a tool, or undefined when it does not map or parse. */
function textNodes(text, tool) {
  const mapped = toMathjsSyntax(text, tool);
  if (mapped === undefined) return undefined;
  try {
    return expressionNodes(mapped);
  } catch {
    return undefined;
  }
}

/** The size of a tool's plain output (its partials' texts): the sum of their nodes; undefined if any is unreadable. */
export function outputNodes(texts, tool) {
  if (!Array.isArray(texts)) return undefined;
  let total = 0;
  for (const t of texts) {
    const n = textNodes(t, tool);
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}

/**
 * The size of deriv's --cse form: { definitions: ['t1 = …', …], partials: ['…', …] }. Each definition counts 1 (the
 * name it binds) plus the nodes of its right side; then the partials as outputNodes counts them.
 */
export function cseNodes(form, tool = 'deriv') {
  if (form === undefined || !Array.isArray(form.definitions)) return undefined;
  let total = 0;
  for (const def of form.definitions) {
    const m = /^\s*[A-Za-z_][A-Za-z_0-9]*\s*=(?!=)([^]*)$/.exec(def);
    if (m === null) return undefined;
    const n = textNodes(m[1], tool);
    if (n === undefined) return undefined;
    total += 1 + n;
  }
  const partials = outputNodes(form.partials, tool);
  return partials === undefined ? undefined : total + partials;
}
