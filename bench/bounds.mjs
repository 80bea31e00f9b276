/**
 * Issue 27 ("never unbounded", "every command bounded"): each bounded case as a whole process (bin/deriv.cjs, start-up included), its
 * exit code and answer checked, with wall time, CPU time (user + system, all threads: what the machine's load
 * does not inflate) and peak memory (maxRSS of the process, all threads) beside the targets: a TOO_LARGE (or
 * other coded) answer within 2 s and 500 MB. The streaming cases answer 200,000 lines: their time is throughput,
 * not a bound, so only their memory is held to the target. Prints Markdown; `npm run bench` runs it, and it runs
 * alone:
 *   node bench/bounds.mjs          (BENCH_QUICK=1: 20,000 lines instead of 200,000 in the streaming cases;
 *                                  BENCH_BOUNDS=<text>: only the cases whose finding contains it, e.g. "Σ";
 *                                  BENCH_KILL_AFTER=<s>: a case still running then is killed, default 120)
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { markdownTable } from './table.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const BIN = path.join(root, 'bin/deriv.cjs');
const quick = process.env.BENCH_QUICK === '1';
const LINES = quick ? 20_000 : 200_000;
const TARGET_S = 2;
const TARGET_MB = 500;
/** A case still running after this is killed and reported as such (an old build's runaway case ends the run too). */
const KILL_AFTER_S = Number(process.env.BENCH_KILL_AFTER ?? 120);

if (!existsSync(path.join(root, 'dist/batch-worker.cjs'))) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

const dir = mkdtempSync(path.join(os.tmpdir(), 'deriv-bounds-'));
const file = (name, text) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const sumOf = (n) => Array.from({ length: n }, (_, i) => `x${i}`).join('+');
const nested = (d) => `${'['.repeat(d)}${']'.repeat(d)}`;
const lines = (n, line) => Array.from({ length: n }, (_, i) => line(i)).join('\n') + '\n';

/** JSON answers of a batch: [line, error code or 'ok'] each. */
const answers = (stdout) => stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)).map((a) => [a.line, a.error?.code ?? 'ok']);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Long sums that the simplifier's strategies try to combine (issue 27, "every command bounded"): the family, one
 * term, and a check of the printed derivative (one marker per term, so a sum answered in full is told from a
 * partial or empty one). Up to 4,000 terms the sum is an argument, as typed; 20,000 terms (230–460 KB) pass
 * the argument limit of the system, so they come on stdin.
 */
const LONG_SUMS = [
  { name: 'Σ 1/(x+k)', term: (k) => `1/(x+${k})`, marker: /\)\^2/g },
  { name: 'Σ k/(x+k)^2', term: (k) => `${k}/(x+${k})^2`, marker: /\)\^3/g },
  { name: 'Σ 1/(x^2+k)', term: (k) => `1/(x^2+${k})`, marker: /\)\^2/g },
  { name: 'Σ exp(-k*x)/(1+k)', term: (k) => `exp(-${k}*x)/(1+${k})`, marker: /exp\(/g },
  { name: 'Σ sin(x+k)*cos(x+k)', term: (k) => `sin(x+${k})*cos(x+${k})`, marker: /cos\(/g, sizes: [4000] },
  { name: 'Σ 1/sin(k*x)', term: (k) => `1/sin(${k}*x)`, marker: /cos\(/g, sizes: [4000] },
  { name: 'Σ x/y_k', term: (k) => `x/y${k}`, marker: /\/y/g, sizes: [4000] },
];
const longSumCases = LONG_SUMS.flatMap((f) =>
  (f.sizes ?? [1000, 4000, 20000]).map((n) => {
    const text = Array.from({ length: n }, (_, i) => f.term(i + 1)).join('+');
    const command = `deriv "${f.term(1)}+${f.term(2)}+…+${f.term(n)}" --wrt x`;
    const base = { finding: `7. ${f.name}, ${n.toLocaleString('en')} terms`, exit: 0, check: (out) => (out.match(f.marker) ?? []).length === n };
    return n <= 4000
      ? { ...base, command, args: [text, '--wrt', 'x'] }
      : { ...base, command: `${command} (${Math.round(text.length / 1000)} KB on stdin)`, args: ['--wrt', 'x'], stdin: () => file(`sum-${n}.txt`, `${text}\n`) };
  }),
);

/**
 * The cases: the finding, the command as a user types it, its stdin (a file), the exit code and answer expected,
 * and whether its time is held to the 2 s target.
 */
const CASES = [
  {
    finding: '1. a batch line nested 5,000 arrays deep',
    command: `deriv --batch  (10 KB line: {"expr":"x","id":[[[…]]]}, then {"expr":"x^3"})`,
    args: ['--batch', '--workers', '0'],
    stdin: () => file('deep.jsonl', `{"expr":"x","id":${nested(5000)}}\n{"expr":"x^3","wrt":"x"}\n`),
    exit: 3,
    check: (out) => same(answers(out), [[1, 'TOO_LARGE'], [2, 'ok']]),
  },
  {
    finding: '1. the same, worker thread',
    command: 'deriv --batch --workers 1  (same input)',
    args: ['--batch', '--workers', '1'],
    stdin: () => file('deep.jsonl', `{"expr":"x","id":${nested(5000)}}\n{"expr":"x^3","wrt":"x"}\n`),
    exit: 3,
    check: (out) => same(answers(out), [[1, 'TOO_LARGE'], [2, 'ok']]),
  },
  {
    finding: '1. an 8 MB line nested 4 million deep',
    command: 'deriv --batch  ({"expr":"x","id":[[[…]]]} 4,000,000 deep, then {"expr":"x^3"})',
    args: ['--batch', '--workers', '0'],
    stdin: () => file('deeper.jsonl', `{"expr":"x","id":${nested(4_000_000)}}\n{"expr":"x^3","wrt":"x"}\n`),
    exit: 3,
    check: (out) => same(answers(out), [[1, 'TOO_LARGE'], [2, 'ok']]),
  },
  {
    finding: '2. Hessian of (x0+…+x399)^4',
    command: 'deriv "(x0+…+x399)^4" --hessian',
    args: [`(${sumOf(400)})^4`, '--hessian'],
    exit: 3,
    check: (out) => out === '',
  },
  {
    finding: '2. Jacobian of 200 functions of 200 variables',
    command: 'echo "(x0+…+x199)^3*x0; …; (x0+…+x199)^3*x199" | deriv --jacobian',
    args: ['--jacobian'],
    stdin: () => file('jacobian.txt', `${Array.from({ length: 200 }, (_, i) => `(${sumOf(200)})^3*x${i}`).join('; ')}\n`),
    exit: 3,
    check: (out) => out === '',
  },
  { finding: '3. atan(x*y*z), order 20, mixed', command: 'deriv "atan(x*y*z)" --order 20 --mixed', args: ['atan(x*y*z)', '--order', '20', '--mixed'], exit: 3, check: (out) => out === '' },
  { finding: '3. sin(x*y), order 50, mixed', command: 'deriv "sin(x*y)" --order 50 --mixed', args: ['sin(x*y)', '--order', '50', '--mixed'], exit: 3, check: (out) => out === '' },
  { finding: '3. sqrt(x^2+y^2+z^2), order 30, mixed', command: 'deriv "sqrt(x^2+y^2+z^2)" --order 30 --mixed', args: ['sqrt(x^2+y^2+z^2)', '--order', '30', '--mixed'], exit: 3, check: (out) => out === '' },
  { finding: '3. atan(x), order 100', command: 'deriv "atan(x)" --order 100', args: ['atan(x)', '--order', '100'], exit: 3, check: (out) => out === '' },
  {
    finding: '4. --workers 1000',
    command: `echo '{"expr":"x^2"}' | deriv --batch --workers 1000`,
    args: ['--batch', '--workers', '1000'],
    stdin: () => file('one.jsonl', '{"expr":"x^2"}\n'),
    exit: 2,
    check: (out) => out === '',
  },
  {
    finding: '5. stdin, many lines of new names',
    command: `deriv --wrt x < ${LINES.toLocaleString('en')} lines "sin(w_i*x) + x^2*y_i"`,
    args: ['--wrt', 'x'],
    stdin: () => file('lines.txt', lines(LINES, (i) => `sin(w${i}*x) + x^2*y${i}`)),
    exit: 0,
    stream: true,
    check: (out) => out.split('\n').length - 1 === LINES && out.endsWith(`w${LINES - 1}*cos(w${LINES - 1}*x) + 2*x*y${LINES - 1}\n`),
  },
  {
    finding: '5. stdin, many lines of seeds',
    command: `deriv --wrt w < ${LINES.toLocaleString('en')} lines "x^2*w+b", "(y-(x*w+b))^2"`,
    args: ['--wrt', 'w'],
    stdin: () => file('seeds.txt', lines(LINES, (i) => (i % 2 === 0 ? 'x^2*w+b' : '(y-(x*w+b))^2'))),
    exit: 0,
    stream: true,
    check: (out) => out.split('\n').length - 1 === LINES,
  },
  {
    finding: '6. a batch request listing 1.5 million names',
    command: 'deriv --batch  ({"expr":"x","wrt":"a,a,…"} 3 MB)',
    args: ['--batch', '--workers', '0'],
    stdin: () => file('names.jsonl', `${JSON.stringify({ expr: 'x', wrt: Array(1_500_000).fill('a').join(',') })}\n`),
    exit: 3,
    check: (out) => same(answers(out), [[1, 'TOO_LARGE']]),
  },
  {
    finding: '6. a request with 200,000 results (and a warning)',
    command: 'deriv --batch  ({"expr":"x","wrt":"y,y,…"}: 200,000 names that do not occur)',
    args: ['--batch', '--workers', '0'],
    stdin: () => file('results.jsonl', `${JSON.stringify({ expr: 'x', wrt: Array(200_000).fill('y').join(',') })}\n`),
    exit: 0,
    check: (out) => same(answers(out), [[1, 'ok']]),
  },
  ...longSumCases,
];

/** Runs the command as `deriv` would be run, reporting its maxRSS and CPU time on exit (all threads). */
function measure(c) {
  const wrapper = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\n@maxrss ' + u.maxRSS + ' @cpu ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); }); process.argv.splice(1, 0, ${JSON.stringify(BIN)}); require(${JSON.stringify(BIN)});`;
  const input = c.stdin === undefined ? undefined : openSync(c.stdin(), 'r');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', wrapper, '--', ...c.args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: [input ?? 'ignore', 'pipe', 'pipe'],
    timeout: KILL_AFTER_S * 1000,
    killSignal: 'SIGKILL',
  });
  if (input !== undefined) closeSync(input);
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = /@maxrss (\d+) @cpu (\d+)/.exec(r.stderr);
  return {
    wallS,
    cpuS: rss === null ? NaN : Number(rss[2]) / 1e6,
    peakMb: rss === null ? NaN : Number(rss[1]) / 1024,
    exit: r.status ?? `killed after ${KILL_AFTER_S} s`,
    answered: r.status === c.exit && c.check(r.stdout),
    // A batch's errors are in its output: the codes of its answers, in order.
    codes: c.args.includes('--batch') && r.stdout !== '' ? answers(r.stdout).map(([, code]) => code).join(', ') : undefined,
    stderr: r.stderr.replace(/\n?@maxrss.*\n?$/, '').trim(),
  };
}

const only = process.env.BENCH_BOUNDS;
const chosen = only === undefined ? CASES : CASES.filter((c) => c.finding.includes(only));
const rows = [];
let missed = 0;
for (const c of chosen) {
  process.stderr.write(`bench/bounds: ${c.finding}\n`);
  const m = measure(c);
  const timeOk = c.stream === true ? undefined : m.wallS <= TARGET_S;
  const memOk = m.peakMb <= TARGET_MB;
  if (!m.answered || timeOk === false || !memOk) missed++;
  const firstError = /^error ([A-Z_]+)/m.exec(m.stderr)?.[1] ?? m.codes;
  rows.push([
    c.finding,
    // A | inside a table cell ends the cell, even in code.
    `\`${(c.command.length > 90 ? `${c.command.slice(0, 87)}…` : c.command).replace(/\|/g, '\\|')}\``,
    `${m.exit}${firstError === undefined ? '' : ` ${firstError}`}${m.answered ? '' : ' **unexpected**'}`,
    m.wallS.toFixed(2),
    // A killed process reports neither.
    Number.isNaN(m.cpuS) ? '—' : m.cpuS.toFixed(2),
    Number.isNaN(m.peakMb) ? '—' : m.peakMb.toFixed(0),
    timeOk === undefined ? `n/a (${Math.round(LINES / m.wallS).toLocaleString('en')} lines/s)` : timeOk ? 'yes' : '**no**',
    memOk ? 'yes' : '**no**',
  ]);
}
rmSync(dir, { recursive: true, force: true });

const load = os.loadavg()[0].toFixed(1);
console.log(`\n## Bounds (issue 27): every case a whole process, start-up included\n`);
console.log(`${os.availableParallelism()} cores, load average ${load} at the end; CPU s = user + system of all threads (the wall time of a loaded machine is longer).\n`);
console.log(markdownTable(['finding', 'command', 'exit', 'wall s', 'CPU s', 'peak MB', `≤ ${TARGET_S} s`, `≤ ${TARGET_MB} MB`], rows));
console.log(`\n${missed === 0 ? 'Every case answered as expected within the targets.' : `${missed} of ${chosen.length} cases missed a target or answered unexpectedly.`}`);
