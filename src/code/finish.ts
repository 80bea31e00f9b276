/**
 * From expressions with placeholder bindings to a tidy CodeProgram.
 *
 * Builders (reverse mode, programs) produce bindings: placeholders (temporaries the builder
 * invented, free to inline and rename) and kept names (a program's own intermediates). Here:
 * 1. a placeholder used once whose body is small, or whose body is trivial (a number, a name,
 *    c·name), is substituted into its use;
 * 2. CSE (src/cse.ts) names compound pieces shared between the remaining bodies and outputs;
 * 3. bindings go in definition order, ones no output needs are dropped, and temporaries are
 *    named t1, t2, … in order (skipping the inputs' and kept names).
 */
import { type Expr, sym, children } from '../core/expr.js';
import { foldDag } from '../core/walk.js';
import { freeVariables, treeSize } from '../analysis.js';
import { simplify } from '../simplify/simplify.js';
import { rebuild } from '../core/expr.js';
import { cse, useCounts } from '../cse.js';
import { definitionOrder } from '../cse-products.js';
import { opsOf, type CodeBinding, type CodeOutput, type CodeProgram } from './ir.js';

/** Placeholder names start with a character no variable name has. */
const PLACEHOLDER = '\u0001';
let nextPlaceholder = 0;
export const placeholder = (): Expr => sym(`${PLACEHOLDER}${++nextPlaceholder}`);
const isPlaceholder = (name: string): boolean => name.startsWith(PLACEHOLDER);

export interface Draft {
  readonly name: string;
  readonly inputs: readonly string[];
  /** In definition order: each body uses only inputs and earlier bindings. */
  readonly bindings: readonly CodeBinding[];
  readonly outputs: readonly CodeOutput[];
  /** Display order of the inputs (and kept names). */
  readonly order: readonly string[];
  /** Leave shared pieces inline (no CSE), e.g. when the outputs are already small. */
  readonly noCse?: boolean;
}

/** Trivial: a number, a constant, a name, or a number times a name. */
function trivial(e: Expr): boolean {
  if (e.kind === 'num' || e.kind === 'const' || e.kind === 'sym') return true;
  return e.kind === 'mul' && e.factors.length === 2 && e.factors[0]!.kind === 'num' && e.factors[1]!.kind === 'sym';
}

/** Nodes in e up to `cap`, not descending into `leaves` (forward values that CSE will name anyway). */
function smallSize(e: Expr, leaves: ReadonlySet<Expr>, cap: number): number {
  let n = 0;
  const stack: Expr[] = [e];
  while (stack.length > 0 && n <= cap) {
    const node = stack.pop()!;
    n++;
    if (leaves.has(node)) continue;
    for (const k of children(node)) stack.push(k);
  }
  return n;
}

/** Symbol uses per name over the trees of the roots (a name under a shared node counts once per parent). */
function symbolUses(roots: readonly Expr[]): Map<string, number> {
  const uses = new Map<string, number>();
  for (const [node, count] of useCounts(roots)) if (node.kind === 'sym') uses.set(node.name, (uses.get(node.name) ?? 0) + count);
  return uses;
}

const INLINE_SIZE = 40;

/** Bodies up to this many nodes (written out) go through the simplifier: 1/(x+3) − x/(x+3)² is 3/(x+3)². */
const SIMPLIFY_SIZE = 80;
const simplifyMemo = new Map<Expr, Expr>();
/** An adjoint as the simplifier finishes it, when small and no costlier. */
function tidy(e: Expr): Expr {
  if (treeSize(e, SIMPLIFY_SIZE + 1) > SIMPLIFY_SIZE) return e;
  if (simplifyMemo.size > 50_000) simplifyMemo.clear();
  const simplified = simplify(e, { memo: simplifyMemo });
  // Kept only when it costs no more to evaluate (a common denominator can add a division per product).
  return opsOf(simplified) <= opsOf(e) ? simplified : e;
}

export function finish(draft: Draft, forward: ReadonlySet<Expr> = new Set()): CodeProgram {
  const outputsFlat = draft.outputs.flatMap((o) => o.exprs);
  const uses = symbolUses([...draft.bindings.map((b) => b.expr), ...outputsFlat]);
  // 1. Inline placeholders; one substitution memo serves every body (a placeholder is decided before any body uses it).
  const inlined = new Map<string, Expr>();
  const memo = new Map<Expr, Expr>();
  const subst = (e: Expr): Expr =>
    inlined.size === 0 ? e : foldDag<Expr>(e, (node, kids) => (node.kind === 'sym' ? inlined.get(node.name) ?? node : kids.length === 0 ? node : rebuild(node, kids)), memo);
  const kept: CodeBinding[] = [];
  for (const b of draft.bindings) {
    const body = subst(b.expr);
    if (isPlaceholder(b.name) && (trivial(body) || ((uses.get(b.name) ?? 0) <= 1 && smallSize(body, forward, INLINE_SIZE) <= INLINE_SIZE))) inlined.set(b.name, body);
    else kept.push({ name: b.name, expr: body });
  }
  const outputs = draft.outputs.map((o) => ({ ...o, exprs: o.exprs.map((e) => (o.functionValue === true ? subst(e) : tidy(subst(e)))) }));
  for (let k = 0; k < kept.length; k++) if (isPlaceholder(kept[k]!.name)) kept[k] = { name: kept[k]!.name, expr: tidy(kept[k]!.expr) };
  // 2. CSE over what is left.
  const roots = [...kept.map((b) => b.expr), ...outputs.flatMap((o) => o.exprs)];
  const shared = draft.noCse === true ? { bindings: [], exprs: roots } : cse(roots, { prefix: PLACEHOLDER + 'c' });
  let at = 0;
  const bodies = kept.map((b) => ({ name: b.name, expr: shared.exprs[at++]! }));
  const outs: { -readonly [K in keyof CodeOutput]: CodeOutput[K] }[] = outputs.map((o) => ({ ...o, exprs: o.exprs.map(() => shared.exprs[at++]!) }));
  // 3. Order, drop aliases (a body that CSE reduced to a name) and the unneeded, rename.
  const aliases = new Map<string, Expr>();
  const amemo = new Map<Expr, Expr>();
  const resolve = (e: Expr): Expr =>
    aliases.size === 0 ? e : foldDag<Expr>(e, (node, kids) => (node.kind === 'sym' ? aliases.get(node.name) ?? node : kids.length === 0 ? node : rebuild(node, kids)), amemo);
  const ordered: CodeBinding[] = [];
  for (const b of definitionOrder([...shared.bindings, ...bodies])) {
    const body = resolve(b.expr);
    if (body.kind === 'sym' && isTemporary(b.name)) aliases.set(b.name, body);
    else ordered.push({ name: b.name, expr: body });
  }
  const all = ordered;
  for (const o of outs) o.exprs = o.exprs.map(resolve);
  const byName = new Map(all.map((b) => [b.name, b]));
  const needed = new Set<string>();
  const stack = outs.flatMap((o) => o.exprs.flatMap((e) => [...freeVariables(e)]));
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (needed.has(n) || !byName.has(n)) continue;
    needed.add(n);
    for (const v of freeVariables(byName.get(n)!.expr)) stack.push(v);
  }
  const live = all.filter((b) => needed.has(b.name));
  const taken = new Set([...draft.inputs, ...live.filter((b) => !isTemporary(b.name)).map((b) => b.name)]);
  const renames = new Map<string, Expr>();
  let i = 0;
  const names: string[] = [];
  for (const b of live) {
    if (!isTemporary(b.name)) {
      names.push(b.name);
      continue;
    }
    let name: string;
    do name = `t${++i}`;
    while (taken.has(name));
    renames.set(b.name, sym(name));
    names.push(name);
  }
  const rmemo = new Map<Expr, Expr>();
  const rename = (e: Expr): Expr =>
    renames.size === 0 ? e : foldDag<Expr>(e, (node, kids) => (node.kind === 'sym' ? renames.get(node.name) ?? node : kids.length === 0 ? node : rebuild(node, kids)), rmemo);
  const temps = live.map((b, k) => ({ name: names[k]!, expr: rename(b.expr) }));
  return {
    name: draft.name,
    inputs: draft.inputs,
    temps,
    outputs: outs.map((o) => ({ ...o, exprs: o.exprs.map(rename) })),
    order: [...draft.order, ...temps.map((t) => t.name)],
  };
}

/** A name finish() invents (a placeholder or a CSE temporary), as opposed to a program's own. */
const isTemporary = (name: string): boolean => isPlaceholder(name);
