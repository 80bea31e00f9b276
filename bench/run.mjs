/**
 * `npm run bench`: deriv against its peers on the seed examples and the scaling
 * families, every answer checked against finite differences; then whole-process
 * CLI time. Prints Markdown tables and the issue's targets, met or missed.
 * Environment: BENCH_LIMIT_S (per-case limit for peers, default 20), BENCH_PEERS
 * (comma list, default mathjs,nerdamer,sympy,maxima,maxima-ratsimp,ginac), BENCH_QUICK=1 (N ≤ 100, fewer CLI runs),
 * BENCH_CASES (comma list of seeds, poly, nest, prod, tanh, mse, logistic: only those workloads, and only the
 * in-process tables and targets; no CLI, batch, bounds, code or playground parts), BENCH_SIZES (comma list of the
 * families' N).
 * How to read the output: bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';
import { seedCases, FAMILIES, logisticCase } from './workloads.mjs';
import { reference, verify } from './check.mjs';
import { Worker } from './worker-pool.mjs';
import { MAXIMA_TOOLS, maximaVersion, maximaWorker } from './maxima-peer.mjs';
import { timeCommand } from './cli-time.mjs';
import { buildGinacWorker, ginacVersion, ginacWorker } from './ginac-peer.mjs';
import { ginacTable } from './ginac-table.mjs';
import { formatMs, formatRatio, markdownTable } from './table.mjs';
import { outputNodes, cseNodes } from './size.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quick = process.env.BENCH_QUICK === '1';
const limitMs = Number(process.env.BENCH_LIMIT_S ?? 20) * 1000;
/** BENCH_SIZES=100,1000: the families at these N only (default 10, 100, 1000, 3000; 10 and 100 with BENCH_QUICK). */
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number).filter((n) => n > 0) : quick ? [10, 100] : [10, 100, 1000, 3000];
/** BENCH_CASES=seeds,poly,…: only these workloads (and no CLI, batch, code or playground parts); unset = all. */
const only = process.env.BENCH_CASES?.split(',').map((s) => s.trim()).filter(Boolean);
const KNOWN_CASES = ['seeds', ...Object.keys(FAMILIES), 'logistic'];
for (const name of only ?? []) {
  if (!KNOWN_CASES.includes(name)) {
    process.stderr.write(`bench: BENCH_CASES: unknown workload "${name}" (known: ${KNOWN_CASES.join(', ')})\n`);
    process.exit(2);
  }
}
const runs = (name) => only === undefined || only.includes(name);
/** N = 3000 runs only for a tool whose N = 1000 case finished within this. */
const BIG_N_GATE_MS = 1500;

const hasSympy = spawnSync('python3', ['-c', 'import sympy'], { encoding: 'utf8' }).status === 0;
const maxima = maximaVersion();
const wanted = (process.env.BENCH_PEERS ?? 'mathjs,nerdamer,sympy,maxima,maxima-ratsimp,ginac').split(',').filter(Boolean);
/** GiNaC's worker, compiled when it is wanted (bench/ginac-peer.mjs): { binary } or { error }. */
const ginac = wanted.includes('ginac') ? buildGinacWorker(root) : undefined;
const peers = wanted.filter(
  (p) => (p !== 'sympy' || hasSympy) && (!MAXIMA_TOOLS.includes(p) || maxima !== undefined) && (p !== 'ginac' || ginac?.binary !== undefined),
);
const notes = [];
if (ginac?.error !== undefined) {
  notes.push(`GiNaC skipped: bench/ginac/worker.cc did not build (\`g++ … -lginac -lcln\`; Debian: \`apt-get install libginac-dev\`): ${ginac.error}`);
  process.stderr.write('bench: GiNaC (libginac-dev) is not installed or does not build; going on without it\n');
}
if (wanted.includes('sympy') && !hasSympy) notes.push('SymPy skipped: `python3 -c "import sympy"` failed on this machine.');
if (wanted.some((p) => MAXIMA_TOOLS.includes(p)) && maxima === undefined) {
  notes.push('Maxima skipped: `maxima --version` failed on this machine (Debian: `apt-get install maxima`).');
  process.stderr.write('bench: Maxima is not installed; going on without it\n');
}

/** Column names of the peers. */
const PEER_NAME = { mathjs: 'mathjs', nerdamer: 'nerdamer', sympy: 'SymPy', maxima: 'Maxima diff', 'maxima-ratsimp': 'Maxima ratsimp(diff)', ginac: 'GiNaC' };
const peerName = (tool) => PEER_NAME[tool] ?? tool;

const workerFor = (tool) =>
  tool === 'sympy'
    ? new Worker('python3', [path.join(root, 'bench/sympy_worker.py')], root)
    : MAXIMA_TOOLS.includes(tool)
      ? maximaWorker(tool, root)
      : tool === 'ginac'
        ? ginacWorker(ginac.binary, root)
        : new Worker(process.execPath, [path.join(root, 'bench/js-worker.mjs'), tool], root);

const log = (s) => process.stderr.write(s + '\n');

/** Runs one case on one tool and classifies the answer. */
async function runCase(worker, tool, c, ref) {
  const limit = tool === 'deriv' ? 10 * limitMs : limitMs;
  const answer = await worker.ask(c, limit + 1000);
  if (answer.timeout) return { status: 'timeout' };
  if (answer.error !== undefined) return { status: 'error', note: answer.error };
  if (answer.firstMs > limit) return { status: 'timeout', note: `first run ${formatMs(answer.firstMs)}` };
  const wrong = verify(ref, answer.values);
  if (wrong !== undefined) return { status: 'wrong', note: wrong, ...answer };
  return { status: 'ok', ...answer, ...nodeSizes(tool, answer) };
}

/**
 * The notation-neutral sizes of an answer (bench/size.mjs): `nodes` of its printed partials and, for deriv,
 * `cseNodes` of its --cse form; undefined when the texts were not sent (too long, or a case that does not ask)
 * or do not parse.
 */
function nodeSizes(tool, answer) {
  return { nodes: outputNodes(answer.texts, tool), cseNodes: tool === 'deriv' ? cseNodes(answer.cseForm) : undefined };
}

// ------------------------------------------------------------------ cases
const cases = runs('seeds') ? [...seedCases()] : [];
const families = Object.keys(FAMILIES).filter(runs);
for (const n of SIZES) for (const fam of families) cases.push(FAMILIES[fam](n));
if (runs('logistic')) for (const n of quick ? [5] : [5, 10]) cases.push(logisticCase(n));
// The workers send back their printed partials (for the node size) on the cases the size comparison uses.
for (const c of cases) c.wantTexts = c.family === 'seed' || c.n <= 1000;

log(`bench: ${cases.length} cases, tools deriv ${peers.join(' ')}, peer limit ${limitMs / 1000} s, ${os.cpus().length} cores${maxima ? `, ${maxima}` : ''}${peers.includes('ginac') ? `, ${ginacVersion()}` : ''}`);
const refs = new Map(cases.map((c) => [c.id, reference(c)]));

/** results.get(tool).get(case id) */
const results = new Map();
for (const tool of ['deriv', ...peers]) {
  const worker = workerFor(tool);
  const mine = new Map();
  results.set(tool, mine);
  const gaveUp = new Set(); // families this tool failed at a smaller N
  for (const c of cases) {
    let r;
    const prev = c.n === 3000 ? mine.get(`${c.family} 1000`) : undefined;
    if (gaveUp.has(c.family)) r = { status: 'skipped', note: 'failed at a smaller N' };
    else if (c.n === 3000 && !(prev?.status === 'ok' && prev.firstMs <= BIG_N_GATE_MS))
      r = { status: 'skipped', note: `N = 1000 took over ${BIG_N_GATE_MS / 1000} s` };
    else r = await runCase(worker, tool, c, refs.get(c.id));
    if (c.family !== 'seed' && r.status !== 'ok' && r.status !== 'skipped') gaveUp.add(c.family);
    mine.set(c.id, r);
    log(`  ${tool.padEnd(8)} ${c.id.slice(0, 40).padEnd(40)} ${r.status === 'ok' ? formatMs(r.medianMs) : r.status}`);
    if (r.status !== 'ok' && r.status !== 'skipped') notes.push(`${tool}, ${c.id}: ${r.status}${r.note ? ` (${r.note})` : ''}`);
  }
  worker.close();
}

// ------------------------------------------------------------------ tables
const perDerivative = (c, r) => (c.family === 'seed' ? r.medianMs / c.wrt.length : r.medianMs);
const peerCell = (c, r, ours) => {
  if (r === undefined || r.status !== 'ok') return '—';
  const t = perDerivative(c, r);
  return `${formatMs(t)} · ${r.size} · ${formatRatio(ours?.status === 'ok' ? perDerivative(c, ours) : undefined, t)}`;
};
const header = ['case (wrt)', 'deriv median', 'deriv 1st run', 'deriv size', 'deriv --cse size', ...peers.map((p) => `${peerName(p)}: time · size · ratio`)];
const rows = cases.map((c) => {
  const ours = results.get('deriv').get(c.id);
  const label = `${c.family === 'seed' ? `\`${c.text}\`` : c.id} (${c.wrt.length > 3 ? `${c.wrt.length} vars` : c.wrt.join(', ')})`;
  const ok = ours.status === 'ok';
  return [
    label,
    ok ? formatMs(perDerivative(c, ours)) : ours.status,
    ok ? formatMs(c.family === 'seed' ? ours.firstMs / c.wrt.length : ours.firstMs) : '',
    ok ? String(ours.size) : '',
    ok && ours.cseSize !== undefined ? String(ours.cseSize) : '',
    ...peers.map((p) => peerCell(c, results.get(p).get(c.id), ours)),
  ];
});
console.log('## In-process differentiation\n');
console.log('Seed rows: time per derivative. Family rows: time for all partials of the case. size = characters of printed output;');
console.log('ratio = deriv time / peer time (0.01 = deriv 100× faster). — = timed out, failed, wrong or skipped (see notes).\n');
console.log(markdownTable(header, rows));

// ------------------------------------------------------------------ against the fastest correct peer
/** The correct peers of a case, fastest first: [tool, result]. */
const correctPeers = (c) =>
  peers
    .map((p) => [p, results.get(p).get(c.id)])
    .filter(([, r]) => r?.status === 'ok')
    .sort(([, a], [, b]) => a.medianMs - b.medianMs);
/** deriv's node size: the smaller of the plain and the --cse form (undefined when neither was measured). */
const derivNodes = (r) => {
  const sizes = [r.nodes, r.cseNodes].filter((n) => n !== undefined);
  return sizes.length > 0 ? Math.min(...sizes) : undefined;
};
/**
 * The correct peer with the fewest nodes (the faster on a tie), [tool, result], and the correct peers whose node
 * size is unavailable.
 */
const smallestPeer = (others) => ({
  smallest: others.filter(([, r]) => r.nodes !== undefined).sort(([, a], [, b]) => a.nodes - b.nodes || a.medianMs - b.medianMs)[0],
  unmeasured: others.filter(([, r]) => r.nodes === undefined).map(([p]) => peerName(p)),
});
const nodesText = (n) => (n === undefined ? 'n/a' : String(n));
/** deriv's size cell: chars · nodes, each `plain / --cse` when the two forms differ. */
const derivSizeCell = (r) => {
  const pair = (a, b) => (b === undefined || a === b ? a : `${a} / ${b}`);
  const cse = r.cseSize !== undefined;
  return `${pair(String(r.size), cse ? String(r.cseSize) : undefined)} · ${pair(nodesText(r.nodes), cse ? nodesText(r.cseNodes) : undefined)}`;
};
const headToHead = cases.filter((c) => c.family === 'seed' || (FAMILIES[c.family] && (c.n === 100 || c.n === 1000)));
const h2h = headToHead.map((c) => {
  const ours = results.get('deriv').get(c.id);
  const ok = ours.status === 'ok';
  const others = correctPeers(c);
  const fastest = others[0];
  const { smallest, unmeasured } = smallestPeer(others);
  const maximaDiff = results.get('maxima')?.get(c.id);
  const ourNodes = ok ? derivNodes(ours) : undefined;
  return {
    c,
    ours,
    smallest,
    maximaRatio: ok && maximaDiff?.status === 'ok' ? perDerivative(c, ours) / perDerivative(c, maximaDiff) : undefined,
    sizeOver: ourNodes !== undefined && smallest ? ourNodes > smallest[1].nodes : undefined,
    unmeasured,
    row: [
      c.family === 'seed' ? `\`${c.text}\` (${c.wrt.join(', ')})` : c.id,
      ok ? formatMs(perDerivative(c, ours)) : ours.status,
      ok && ours.parsedMedianMs !== undefined ? formatMs(perDerivative(c, { medianMs: ours.parsedMedianMs })) : '',
      fastest ? `${peerName(fastest[0])} ${formatMs(perDerivative(c, fastest[1]))}` : 'none correct',
      ok && fastest ? formatRatio(perDerivative(c, ours), perDerivative(c, fastest[1])) : '',
      ok && maximaDiff?.status === 'ok' ? formatRatio(perDerivative(c, ours), perDerivative(c, maximaDiff)) : '—',
      ok && maximaDiff?.status === 'ok' && ours.parsedMedianMs !== undefined
        ? formatRatio(perDerivative(c, { medianMs: ours.parsedMedianMs }), perDerivative(c, maximaDiff))
        : '—',
      ok ? derivSizeCell(ours) : '',
      smallest
        ? `${smallest[1].size} · ${smallest[1].nodes} (${peerName(smallest[0])})`
        : unmeasured.length > 0
          ? `n/a (${unmeasured.join(', ')})`
          : '—',
    ],
  };
});
console.log('\n## deriv against the fastest correct peer (seeds, N = 100 and 1000)\n');
console.log('ratio = deriv time / peer time per derivative (seeds) or per case (families): under 1 = deriv ahead.');
console.log('deriv parsed = deriv on the already-parsed input, not printing: what SymPy and Maxima are timed on (the targets use the full time).');
console.log('size = characters · nodes of the expression tree (bench/size.mjs: every output read by one parser; spaces, brackets,');
console.log('`exp` against `%e^`, `**` against `^` do not count). deriv: plain / --cse when they differ. The smallest correct peer is the one');
console.log('with the fewest nodes; the size target compares its nodes with the smaller of deriv\'s plain and --cse forms.\n');
console.log(
  markdownTable(
    ['case', 'deriv', 'deriv parsed', 'fastest correct peer', 'ratio', 'ratio to Maxima diff', 'same, deriv parsed', 'deriv size: chars · nodes', 'smallest correct peer: chars · nodes'],
    h2h.map((h) => h.row),
  ),
);

// ------------------------------------------------------------------ against GiNaC (issue 26)
if (peers.includes('ginac')) console.log(ginacTable({ root, cases, results, perDerivative, derivNodes }));

// ------------------------------------------------------------------ CLI
const cliRuns = quick ? 5 : 20;
const mathjsOneLiner = "import {derivative} from 'mathjs'; console.log(derivative('x*w^2+b^2', 'w').toString())";
const cli = [
  ['`node -e 0` (Node start-up)', process.execPath, ['-e', '0'], cliRuns],
  ['`deriv "x*w^2+b^2" --wrt w`', process.execPath, [path.join(root, 'bin/deriv.cjs'), 'x*w^2+b^2', '--wrt', 'w'], cliRuns],
  ['mathjs one-liner (ESM import + derivative)', process.execPath, ['--input-type=module', '-e', mathjsOneLiner], quick ? 3 : 7],
];
if (peers.includes('maxima'))
  cli.push(['Maxima one-liner (maxima --batch-string, diff)', 'maxima', ['--very-quiet', '--batch-string=display2d:false$ diff(x*w^2+b^2, w);'], quick ? 3 : 5]);
if (peers.includes('sympy'))
  cli.push(['SymPy one-liner (python3, import + diff)', 'python3', ['-c', "from sympy import *; w,x,b=symbols('w x b'); print(diff(x*w**2+b**2, w))"], quick ? 3 : 5]);
const cliRows = [];
const cliTimes = {};
// BENCH_CASES runs the chosen workloads only: no CLI timing (nor the batch, code and playground parts below).
if (only === undefined) {
  for (const [label, cmd, args, runs] of cli) {
    const r = timeCommand(cmd, args, { runs, cwd: root });
    cliTimes[label] = r.medianMs;
    cliRows.push([label, String(runs), r.error ? `error: ${r.error}` : formatMs(r.medianMs), r.error ? '' : formatMs(r.minMs), (r.output ?? '').split('\n').at(-1)]);
    log(`  cli ${label}: ${r.error ?? formatMs(r.medianMs)}`);
  }
  console.log('\n## Whole-process CLI time (wall clock, spawn to exit)\n');
  console.log(markdownTable(['command', 'runs', 'median', 'min', 'output'], cliRows));
}

// ------------------------------------------------------------------ targets
/**
 * [met, measured] for "deriv's output is no larger than the smallest correct peer's", in nodes (bench/size.mjs):
 * the smaller of deriv's plain and --cse forms against the correct peer with the fewest nodes. Met is undefined
 * (n/a) when either side has no node size; correct peers without one are named.
 */
function sizeVerdict(ours, peerOk) {
  const { smallest, unmeasured } = smallestPeer(peerOk);
  const mine = derivNodes(ours);
  const missing = unmeasured.length > 0 ? `; no node size for ${unmeasured.join(', ')}` : '';
  if (mine === undefined || smallest === undefined)
    return [undefined, `node size unavailable (${mine === undefined ? 'deriv' : 'every correct peer'}): ${derivNodes(ours) ?? '?'} vs ${smallest?.[1].nodes ?? '?'} nodes${missing}`];
  return [mine <= smallest[1].nodes, `${mine} vs ${smallest[1].nodes} nodes (${peerName(smallest[0])}); chars ${Math.min(ours.size, ours.cseSize ?? Infinity)} vs ${smallest[1].size}${missing}`];
}
const deriv = results.get('deriv');
const targets = [];
const seedTimes = cases.filter((c) => c.family === 'seed').map((c) => [c, deriv.get(c.id)]);
const worstSeed = Math.max(...seedTimes.map(([c, r]) => (r.status === 'ok' ? perDerivative(c, r) : Infinity)));
if (seedTimes.length > 0) targets.push([`every seed derivative ≤ 10 µs in-process`, worstSeed <= 0.01, `slowest ${formatMs(worstSeed)}`]);
const sympyRatio = Math.max(
  ...seedTimes.map(([c, r]) => {
    const s = results.get('sympy')?.get(c.id);
    return s?.status === 'ok' && r.status === 'ok' ? perDerivative(c, r) / perDerivative(c, s) : 0;
  }),
);
if (peers.includes('sympy') && seedTimes.length > 0) targets.push(['seeds ≥ 100× faster than SymPy', sympyRatio <= 0.01, `worst ratio ${formatRatio(sympyRatio, 1)}`]);
for (const fam of families) {
  const big = deriv.get(FAMILIES[fam](1000).id);
  const mid = deriv.get(FAMILIES[fam](100).id);
  if (big === undefined) continue;
  targets.push([`${fam} N=1000 correct in < 100 ms`, big.status === 'ok' && big.medianMs < 100, big.status === 'ok' ? formatMs(big.medianMs) : big.status]);
  if (mid?.status === 'ok' && big.status === 'ok')
    targets.push([`${fam} growth N=100→1000 ≤ 12×`, big.medianMs / mid.medianMs <= 12, `${(big.medianMs / mid.medianMs).toFixed(1)}×`]);
  const peerOk = peers.map((p) => [p, results.get(p).get(FAMILIES[fam](1000).id)]).filter(([, r]) => r?.status === 'ok');
  if (peerOk.length > 0 && big.status === 'ok') {
    const fastest = Math.min(...peerOk.map(([, r]) => r.medianMs));
    targets.push([`${fam} N=1000 ≥ 10× faster than the fastest peer`, big.medianMs * 10 <= fastest, `${formatMs(big.medianMs)} vs ${formatMs(fastest)}`]);
    targets.push([`${fam} N=1000 output nodes (plain or --cse) ≤ smallest correct peer's`, ...sizeVerdict(big, peerOk)]);
  } else if (big.status === 'ok') targets.push([`${fam} N=1000 vs peers`, undefined, 'no peer finished correctly']);
}
const cliMs = cliTimes['`deriv "x*w^2+b^2" --wrt w`'];
if (only === undefined)
  targets.push(['whole-process CLI median ≤ 80 ms', cliMs !== undefined && cliMs <= 80, `${formatMs(cliMs)} (node -e 0: ${formatMs(cliTimes['`node -e 0` (Node start-up)'])})`]);
else targets.push(['whole-process CLI median ≤ 80 ms', undefined, 'not run (BENCH_CASES)']);
console.log('\n## Targets (issue 5)\n');
console.log(markdownTable(['target', 'met', 'measured'], targets.map(([t, ok, m]) => [t, ok === undefined ? 'n/a' : ok ? 'yes' : '**no**', m])));
// Issue 14: lead Maxima's diff at every size, with output no larger than any correct peer's.
const targets14 = [];
const caseName = (h) => (h.c.family === 'seed' ? `\`${h.c.text}\`` : h.c.id);
if (peers.includes('maxima')) {
  const judged = h2h.filter((h) => h.maximaRatio !== undefined);
  const behind = judged.filter((h) => h.maximaRatio >= 1);
  targets14.push([
    'every seed and family at N = 100 and 1000 faster than Maxima `diff`',
    behind.length === 0 && judged.length > 0,
    behind.length === 0
      ? `ahead on all ${judged.length} cases Maxima finished correctly`
      : `behind on ${behind.length} of ${judged.length}: ${behind.map((h) => `${caseName(h)} ${h.maximaRatio.toFixed(2)}`).join(', ')}`,
  ]);
} else targets14.push(['every seed and family at N = 100 and 1000 faster than Maxima `diff`', undefined, 'Maxima not run']);
const sized = h2h.filter((h) => h.sizeOver !== undefined);
const larger = sized.filter((h) => h.sizeOver);
const unsized = h2h.filter((h) => h.sizeOver === undefined && h.ours.status === 'ok' && (h.smallest !== undefined || h.unmeasured.length > 0));
const unsizedNote = unsized.length > 0 ? `; node size unavailable on ${unsized.map(caseName).join(', ')}` : '';
targets14.push([
  'output nodes (plain or --cse) ≤ smallest correct peer output, seeds and N = 100, 1000 (nodes of the expression tree, not characters)',
  sized.length === 0 ? undefined : larger.length === 0,
  (sized.length === 0
    ? 'no peer finished correctly with a node size'
    : larger.length === 0
      ? `no larger on all ${sized.length} cases a peer finished correctly`
      : `larger on ${larger.length} of ${sized.length}: ${larger.map((h) => `${caseName(h)} ${derivNodes(h.ours)} vs ${h.smallest[1].nodes} (${peerName(h.smallest[0])})`).join(', ')}`) + unsizedNote,
]);
const linear = ['poly', 'tanh', 'mse'].filter((f) => FAMILIES[f]);
const growth = linear.map((f) => [f, deriv.get(FAMILIES[f](100).id), deriv.get(FAMILIES[f](1000).id)]).filter(([, a, b]) => a?.status === 'ok' && b?.status === 'ok');
if (growth.length > 0)
  targets14.push([
    `growth N = 100 → 1000 ≤ 12× where the output is linear in N (${linear.join(', ')})`,
    growth.every(([, a, b]) => b.medianMs / a.medianMs <= 12),
    growth.map(([f, a, b]) => `${f} ${(b.medianMs / a.medianMs).toFixed(1)}×`).join(', '),
  ]);
console.log('\n## Targets (issue 14)\n');
console.log(markdownTable(['target', 'met', 'measured'], targets14.map(([t, ok, m]) => [t, ok === undefined ? 'n/a' : ok ? 'yes' : '**no**', m])));
if (larger.length > 0) {
  // The texts behind the size target's misses, so they can be looked at without rerunning anything.
  const clip = (s) => (s.length > 400 ? `${s.slice(0, 400)} … (${s.length} chars)` : s);
  const show = (texts) => texts.slice(0, 6).map((t) => `\`${clip(t)}\``).join('; ') + (texts.length > 6 ? `; … (${texts.length - 6} more)` : '');
  console.log('\n### Where deriv\'s output has more nodes than the smallest correct peer\'s\n');
  for (const h of larger) {
    const cse = h.ours.cseNodes !== undefined && (h.ours.nodes === undefined || h.ours.cseNodes < h.ours.nodes);
    const ourTexts = cse ? [...h.ours.cseForm.definitions, ...h.ours.cseForm.partials] : h.ours.texts;
    console.log(`- ${caseName(h)} (${h.c.wrt.length > 3 ? `${h.c.wrt.length} vars` : h.c.wrt.join(', ')}): deriv ${cse ? '--cse' : 'plain'} ${derivNodes(h.ours)} nodes, ${peerName(h.smallest[0])} ${h.smallest[1].nodes} nodes`);
    console.log(`  - deriv: ${show(ourTexts)}`);
    console.log(`  - ${peerName(h.smallest[0])}: ${show(h.smallest[1].texts)}`);
  }
}
if (only === undefined) {
  // ---------------------------------------------------------------- batch mode (issue 13), its own script
  const batchBench = spawnSync(process.execPath, [path.join(root, 'bench/batch-throughput.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  if (batchBench.status === 0) console.log(batchBench.stdout.trimEnd());
  else notes.push(`bench/batch-throughput.mjs failed (exit ${batchBench.status})`);
  // Issue 26: text in, answer out, in one synchronous loop (bench/loop.mjs, which also runs alone).
  const loopBench = spawnSync(process.execPath, [path.join(root, 'bench/loop.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (loopBench.status === 0) console.log(loopBench.stdout.trimEnd());
  else notes.push(`bench/loop.mjs failed (exit ${loopBench.status})`);
  // Issue 27: every bounded case as a whole process, time and memory against the targets (bench/bounds.mjs, which also runs alone).
  const boundsBench = spawnSync(process.execPath, [path.join(root, 'bench/bounds.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  if (boundsBench.status === 0) console.log(boundsBench.stdout.trimEnd());
  else notes.push(`bench/bounds.mjs failed (exit ${boundsBench.status})`);
  // Issue 13: gradients as code (bench/code.mjs, which also runs alone).
  const codeBench = spawnSync(process.execPath, [path.join(root, 'bench/code.mjs')], { encoding: 'utf8' });
  process.stdout.write(codeBench.status === 0 ? codeBench.stdout : `\n## Gradients as code\n\nbench/code.mjs failed: ${codeBench.stderr}\n`);
}
if (notes.length > 0) console.log(`\n## Notes\n\n${notes.map((n) => `- ${n}`).join('\n')}`);

// The playground's typing speed in Chromium (issue 15), a script of its own so it runs alone too.
if (only === undefined) spawnSync(process.execPath, [path.join(root, 'bench/playground.mjs')], { stdio: 'inherit' });
