/**
 * Derivations: the differentiator's trace turned into an ordered list of steps
 * a person can follow. Data only — rule ids, table rows, expressions before and
 * after, substitution names (A = w*x + b - y) for the inner functions of chain
 * steps. The wording lives in ./explain.ts, the layout in src/print/steps-*.ts.
 *
 * Contracts:
 * - Steps come in proof order: every step uses only results of earlier steps;
 *   the last step of a pass differentiates that pass's whole input.
 * - `full` keeps one step per differentiated node (constants and variables
 *   included). `brief` drops steps for constants, variables and c·x monomials,
 *   fuses a constant factor into the chain/power/function step below it
 *   (L = ½A² is one chain step with outer derivative A), and collapses runs of
 *   four or more sibling steps of the same kind to two plus a 'repeated' note.
 * - A pass whose simplified result differs from the raw derivative ends with a
 *   'simplify' step (before = raw, after = simplified).
 * - Recording re-runs the differentiator with a trace; `result` is the same
 *   expression `derivative()` returns for the same options.
 */
import { type Expr, children, mul, sym, rebuild, add, pow, num, neg } from '../core/expr.js';
import { isNegative, negQ } from '../core/rational.js';
import { differentiate, type RuleId, type TraceStep } from '../diff.js';
import { simplify, type SimplifyOptions } from '../simplify/simplify.js';
import { dependsOn, freeVariables } from '../analysis.js';
import { foldDag } from '../core/walk.js';
import { DisplayOrder, type VariableOrder } from '../print/display-order.js';
import type { SizeOptions } from '../limits.js';

export type Detail = 'brief' | 'full';
export type StepRule = RuleId | 'chain' | 'simplify' | 'repeated';

export interface ChainPart {
  /** The inner function uᵢ (an argument of the outer function). */
  readonly inner: Expr;
  /** ∂(outer)/∂uᵢ, evaluated at the arguments; includes a fused constant factor. */
  readonly outer: Expr;
  /** ∂uᵢ/∂x. */
  readonly innerDerivative: Expr;
}

export interface DerivationStep {
  readonly rule: StepRule;
  /** The rule-table row (function name, or 'pow') for chain, function and power steps. */
  readonly row?: string;
  /** The variable this step differentiates with respect to. */
  readonly wrt: string;
  /** The expression differentiated in this step. */
  readonly before: Expr;
  /** Its derivative (raw canonical form; for 'simplify', the simplified result). */
  readonly after: Expr;
  /** Sum terms or product factors that do not depend on wrt (for sum and constant-factor steps). */
  readonly constants: readonly Expr[];
  /** For chain, function and power steps: one part per argument that depends on wrt. */
  readonly parts?: readonly ChainPart[];
  /** A constant factor fused into this step in brief mode (½ in ½·A²). */
  readonly factor?: Expr;
  /** For 'repeated': the expressions whose (similar) steps were left out, and the rule they share. */
  readonly omitted?: readonly Expr[];
  readonly like?: { readonly rule: StepRule; readonly row?: string };
  /** True for the step that differentiates the whole input of its pass. */
  readonly isRoot: boolean;
  /** For a product step that is a quotient u/v: the quotient rule's form (u′·v − u·v′)/v², shown before the result. */
  readonly quotient?: Expr;
  /** For 'simplify': the identities and strategies that fired, in order, each once (rules/identities.ts, src/simplify/strategies.ts). */
  readonly simplifications?: readonly { readonly id: string; readonly name: string }[];
}

export interface DerivationPass {
  readonly wrt: string;
  /** What this pass differentiates: the input, or the previous pass's result. */
  readonly input: Expr;
  readonly steps: readonly DerivationStep[];
  /** The derivative as the differentiator built it. */
  readonly raw: Expr;
  /** The derivative after simplification (equal to raw when simplify is off or changes nothing). */
  readonly result: Expr;
}

export interface Substitution {
  readonly name: string;
  readonly expr: Expr;
}

export interface Derivation {
  readonly detail: Detail;
  readonly input: Expr;
  readonly wrt: readonly string[];
  /** Names for inner functions, in order of first use; later definitions may use earlier names. */
  readonly substitutions: readonly Substitution[];
  readonly passes: readonly DerivationPass[];
  readonly result: Expr;
}

export interface RecordOptions extends SimplifyOptions, SizeOptions {
  readonly detail?: Detail;
  /** Simplify after each pass (default true), as derivative() does. */
  readonly simplify?: boolean;
  /** Variable order of the input: sibling steps and listed constants follow the printed term order. */
  readonly order?: VariableOrder;
  /** Names in use besides the variables (the function's name, --name L): inner functions never get them. */
  readonly reserved?: readonly string[];
  /** Names already given on the same page (a gradient's earlier sections): the same inner function keeps its name. */
  readonly names?: readonly Substitution[];
}

/** A node of the step tree rebuilt from the post-order trace. */
interface Node {
  step: DerivationStep;
  kids: Node[];
}

/** Siblings of one kind kept before the rest collapse to a 'repeated' note (brief). */
const KEEP_SIMILAR = 2;
const COLLAPSE_FROM = 4;

export function recordDerivation(input: Expr, wrt: readonly string[], options: RecordOptions = {}): Derivation {
  const detail = options.detail ?? 'brief';
  const passes: DerivationPass[] = [];
  const chainSteps: DerivationStep[] = [];
  let current = input;
  for (const x of wrt) {
    const trace: TraceStep[] = [];
    const raw = differentiate(current, x, { trace: (s) => trace.push(s), ...(options.maxSize === undefined ? {} : { maxSize: options.maxSize }) });
    const fired = new Map<string, { id: string; name: string }>();
    const result = options.simplify === false ? raw : simplify(raw, { ...options, onRewrite: (r) => fired.set(r.id, { id: r.id, name: r.name }) });
    let root = buildTree(trace, x, new DisplayOrder(options.order));
    const everyStep: DerivationStep[] = [];
    emit(root, everyStep);
    // Names come from every chain step, shown or not, so no expression is ever printed in full twice.
    for (const s of everyStep) if (s.rule === 'chain') chainSteps.push(s); // a spread of an input-sized list can overflow the stack
    if (detail === 'brief') root = collapseNested(briefen(root, x));
    const steps: DerivationStep[] = [];
    emit(root, steps);
    for (let i = 0; i < steps.length; i++) {
      const quotient = steps[i]!.rule === 'product' ? quotientRuleForm(steps[i]!.before, x) : undefined;
      if (quotient !== undefined) steps[i] = { ...steps[i]!, quotient };
    }
    if (result !== raw) steps.push({ rule: 'simplify', wrt: x, before: raw, after: result, constants: [], isRoot: false, simplifications: [...fired.values()] });
    passes.push({ wrt: x, input: current, steps, raw, result });
    current = result;
  }
  return { detail, input, wrt: [...wrt], substitutions: nameInners(input, chainSteps, options.reserved ?? [], options.names ?? []), passes, result: current };
}

function constantsOf(e: Expr, x: string, order: DisplayOrder): Expr[] {
  return children(e).filter((c) => !dependsOn(c, x)).sort(order.compareTerms);
}

/** The trace is post-order over the DAG; each node's parent is the first later step that has it as a child. */
function buildTree(trace: readonly TraceStep[], x: string, order: DisplayOrder): Node {
  const nodes = new Map<Expr, Node>();
  const taken = new Set<Expr>();
  let last: Node | undefined;
  for (const t of trace) {
    const constants = t.before.kind === 'add' || t.before.kind === 'mul' ? constantsOf(t.before, x, order) : [];
    const step: DerivationStep = {
      rule: t.rule,
      ...(t.row === undefined ? {} : { row: t.row }),
      wrt: x,
      before: t.before,
      after: t.after,
      constants,
      ...(t.parts === undefined ? {} : { parts: t.parts }),
      isRoot: false,
    };
    const node: Node = { step, kids: [] };
    for (const c of dependsOn(t.before, x) ? children(t.before) : []) {
      const kid = nodes.get(c);
      if (kid !== undefined && !taken.has(c)) {
        taken.add(c);
        node.kids.push(kid);
      }
    }
    node.kids.sort((a, b) => order.compareTerms(a.step.before, b.step.before));
    nodes.set(t.before, node);
    last = node;
  }
  if (last === undefined) throw new Error('empty trace');
  last.step = { ...last.step, isRoot: true };
  return last;
}

const isTrivial = (n: Node, x: string): boolean => {
  const s = n.step;
  if (s.rule === 'constant' || s.rule === 'variable') return !s.isRoot;
  // c·x: its derivative c is read off at a glance.
  if (s.rule === 'constant-factor' && !s.isRoot && s.before.kind === 'mul')
    return s.before.factors.every((f) => !dependsOn(f, x) || (f.kind === 'sym' && f.name === x));
  return false;
};

const FUSABLE = new Set<StepRule>(['chain', 'power', 'function', 'exponential']);

/** Rebuilds a tree bottom-up without recursion: f gets each node with its kids already rebuilt. */
function mapTree(root: Node, f: (node: Node, kids: Node[]) => Node): Node {
  const done = new Map<Node, Node>();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const pending = top.kids.filter((k) => !done.has(k));
    if (pending.length > 0) {
      stack.push(...pending.reverse());
      continue;
    }
    stack.pop();
    if (!done.has(top)) done.set(top, f(top, top.kids.map((k) => done.get(k)!)));
  }
  return done.get(root)!;
}

/** Brief mode, bottom-up: drop trivial steps, fuse constant factors, collapse long runs of similar siblings. */
function briefen(root: Node, x: string): Node {
  return mapTree(root, (n, rebuilt) => {
    let kids = rebuilt.filter((k, i) => !isTrivial(n.kids[i]!, x));
    let step = n.step;
    const only = kids[0];
    if (step.rule === 'constant-factor' && kids.length === 1 && only !== undefined && FUSABLE.has(only.step.rule)) {
      const inner = only.step;
      if (inner.before.kind !== 'mul' && inner.factor === undefined) {
        const factor = mul(...step.constants);
        const parts = inner.rule === 'chain' ? inner.parts?.map((p) => ({ ...p, outer: mul(factor, p.outer) })) : inner.parts;
        step = { ...inner, before: step.before, after: step.after, constants: step.constants, factor, isRoot: step.isRoot, ...(parts === undefined ? {} : { parts }) };
        kids = only.kids;
      }
    }
    return { step, kids: collapseSimilar(kids) };
  });
}

/** A chain step whose only child step differentiates its inner function through the same row: sin(sin(u)). */
function nestsSame(n: Node): Node | undefined {
  const kid = n.kids.length === 1 ? n.kids[0]! : undefined;
  const part = n.step.parts?.length === 1 ? n.step.parts[0]! : undefined;
  if (kid === undefined || part === undefined || n.step.rule !== 'chain' || kid.step.rule !== 'chain') return undefined;
  return kid.step.row === n.step.row && kid.step.parts?.length === 1 && kid.step.before === part.inner ? kid : undefined;
}

/**
 * Long nests of one function (sin(sin(sin(…)))) keep their outermost step and
 * the innermost two; the steps between become one 'repeated' note.
 */
function collapseNested(root: Node): Node {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const top = stack.pop()!;
    const run: Node[] = [top];
    for (let next = nestsSame(top); next !== undefined; next = nestsSame(next)) run.push(next);
    if (run.length >= COLLAPSE_FROM + 1) {
      const middle = run.slice(1, -KEEP_SIMILAR).reverse(); // innermost first, in proof order
      const first = middle[0]!.step;
      top.kids = [{
        step: {
          rule: 'repeated', wrt: first.wrt, before: first.before, after: first.after, constants: [],
          omitted: middle.map((m) => m.step.before), like: { rule: first.rule, ...(first.row === undefined ? {} : { row: first.row }) }, isRoot: false,
        },
        kids: [run[run.length - KEEP_SIMILAR]!],
      }];
    }
    // Every node of a run but the last has the next as its only kid.
    stack.push(...run[run.length - 1]!.kids);
  }
  return root;
}

function signature(s: DerivationStep): string {
  return `${s.rule}/${s.row ?? ''}/${s.factor === undefined ? '' : 'c'}`;
}

function collapseSimilar(kids: Node[]): Node[] {
  const groups = new Map<string, Node[]>();
  for (const k of kids) {
    const key = signature(k.step);
    groups.set(key, [...(groups.get(key) ?? []), k]);
  }
  const out: Node[] = [];
  const done = new Set<string>();
  for (const k of kids) {
    const key = signature(k.step);
    const group = groups.get(key)!;
    if (group.length < COLLAPSE_FROM) {
      out.push(k);
      continue;
    }
    if (done.has(key)) continue;
    done.add(key);
    out.push(...group.slice(0, KEEP_SIMILAR));
    const rest = group.slice(KEEP_SIMILAR);
    out.push({
      step: {
        rule: 'repeated',
        wrt: k.step.wrt,
        before: rest[0]!.step.before,
        after: rest[0]!.step.after,
        constants: [],
        omitted: rest.map((r) => r.step.before),
        like: { rule: k.step.rule, ...(k.step.row === undefined ? {} : { row: k.step.row }) },
        isRoot: false,
      },
      kids: [],
    });
  }
  return out;
}

/** Post-order: children's steps, then the node's own. */
/**
 * u/v written as the quotient rule gives it, (u′·v − u·v′)/v², for a product with factors raised to
 * negative powers (v is their product with the powers made positive); undefined for other products.
 * The constructors keep this form as built: they never distribute a product over a sum.
 */
function quotientRuleForm(product: Expr, x: string): Expr | undefined {
  if (product.kind !== 'mul') return undefined;
  const top: Expr[] = [];
  const bottom: Expr[] = [];
  for (const f of product.factors) {
    if (f.kind === 'pow' && f.exp.kind === 'num' && isNegative(f.exp.value)) bottom.push(pow(f.base, num(negQ(f.exp.value))));
    else top.push(f);
  }
  if (bottom.length === 0 || top.length === 0) return undefined;
  const u = mul(...top);
  const v = mul(...bottom);
  if (!dependsOn(v, x) || !dependsOn(u, x)) return undefined;
  const first = mul(differentiate(u, x), v);
  const second = mul(u, differentiate(v, x));
  // A sum here would merge with the other term as the numerator is built ((x + 3)·1 − x·1 is 3 at once): no form to show.
  if (first.kind === 'add' || second.kind === 'add') return undefined;
  return mul(add(first, neg(second)), pow(v, num(-2)));
}

function emit(root: Node, out: DerivationStep[]): void {
  const stack: { node: Node; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.expanded) {
      stack.pop();
      out.push(top.node.step);
      continue;
    }
    top.expanded = true;
    for (let i = top.node.kids.length - 1; i >= 0; i--) stack.push({ node: top.node.kids[i]!, expanded: false });
  }
}

/** A, B, C, …, Z, then A1, A2, …, skipping any name the expressions use. */
function* freshNames(taken: ReadonlySet<string>): Generator<string> {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let round = 0; ; round++) {
    for (const l of letters) {
      const name = round === 0 ? l : `${l}${round}`;
      if (!taken.has(name)) yield name;
    }
  }
}

/**
 * One name per distinct non-variable inner function of the chain steps, in order of first use. A name is
 * never a variable, a reserved name (the function's own) or a name `given` to another expression; an
 * inner function that was `given` a name keeps it.
 */
function nameInners(input: Expr, chainSteps: readonly DerivationStep[], reserved: readonly string[], given: readonly Substitution[]): Substitution[] {
  const taken = new Set<string>([...freeVariables(input), ...reserved, ...given.map((g) => g.name)]);
  const names = freshNames(taken);
  const known = new Map(given.map((g) => [g.expr, g.name]));
  const seen = new Set<Expr>();
  const out: Substitution[] = [];
  // In proof order over every chain step (shown or not): inner functions are named before the ones built on them.
  {
    for (const step of chainSteps) {
      if (step.rule !== 'chain') continue;
      for (const p of step.parts ?? []) {
        if (p.inner.kind === 'sym' || p.inner.kind === 'num' || seen.has(p.inner)) continue;
        seen.add(p.inner);
        out.push({ name: known.get(p.inner) ?? (names.next().value as string), expr: p.inner });
      }
    }
  }
  return out;
}

/**
 * e with every named inner function replaced by its name (outermost match
 * first), e.g. 2*x*(w*x + b - y) → 2*x*A. `except` leaves one name out, for
 * printing that name's own definition.
 */
export function abbreviate(e: Expr, substitutions: readonly Substitution[], except?: string): Expr {
  const byExpr = new Map<Expr, Expr>();
  for (const s of substitutions) if (s.name !== except) byExpr.set(s.expr, sym(s.name));
  if (byExpr.size === 0) return e;
  return foldDag<Expr>(
    e,
    (node, kids) => byExpr.get(node) ?? (kids.length === 0 ? node : rebuild(node, kids)),
    new Map(),
    (node) => (byExpr.has(node) ? [] : children(node)),
  );
}

/** The name given to an expression, if it is a named inner function. */
export function nameOf(e: Expr, substitutions: readonly Substitution[]): string | undefined {
  return substitutions.find((s) => s.expr === e)?.name;
}
