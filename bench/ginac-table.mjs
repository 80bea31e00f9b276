/**
 * deriv against GiNaC (issue 26): one row per seed and per family at N = 100 and 1000 — both times (deriv's full
 * time, text to printed partials; GiNaC's ex::diff on the parsed f), their ratio, deriv's time on the parsed input,
 * output nodes (bench/size.mjs; deriv's the smaller of plain and --cse) — then the cold parse of each family at
 * N = 1000 (deriv: the first parse in a fresh process, bench/parse-cold.mjs; GiNaC: its first parse, in its fresh
 * process per case), and the issue's targets, met or missed.
 */
import { FAMILIES } from './workloads.mjs';
import { coldParseMs } from './parse-cold.mjs';
import { formatMs, formatRatio, markdownTable } from './table.mjs';

const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'yes' : '**no**');

/** The Markdown of the section; `results.get(tool).get(case id)` as bench/run.mjs keeps them. */
export function ginacTable({ root, cases, results, perDerivative, derivNodes }) {
  const deriv = results.get('deriv');
  const ginac = results.get('ginac');
  const judged = cases.filter((c) => c.family === 'seed' || (FAMILIES[c.family] && (c.n === 100 || c.n === 1000)));
  const out = ['\n## deriv against GiNaC (issue 26)\n'];
  out.push('GiNaC: `ex::diff` on the parsed f, timed in its process with a steady clock (one process per case, untimed warm-up).');
  out.push('deriv: text to printed partials (full), and on the parsed input without printing. Seeds: per derivative. ratio = deriv / GiNaC.');
  out.push('nodes: bench/size.mjs, deriv the smaller of its plain and --cse forms.\n');
  const rows = [];
  const seedRatios = [];
  const familyMisses = [];
  for (const c of judged) {
    const ours = deriv.get(c.id);
    const theirs = ginac.get(c.id);
    const okOurs = ours?.status === 'ok';
    const okTheirs = theirs?.status === 'ok';
    const ratio = okOurs && okTheirs ? perDerivative(c, ours) / perDerivative(c, theirs) : undefined;
    const ourNodes = okOurs ? derivNodes(ours) : undefined;
    if (c.family === 'seed' && ratio !== undefined) seedRatios.push([c, ratio]);
    if (c.family !== 'seed') {
      const bigger = ourNodes !== undefined && theirs?.nodes !== undefined && ourNodes > 1.1 * theirs.nodes;
      if (!okOurs || (okTheirs && (ratio > 1 || bigger))) familyMisses.push(`${c.id} ${ratio === undefined ? ours?.status : ratio.toFixed(2)}${bigger ? ` (${ourNodes} vs ${theirs.nodes} nodes)` : ''}`);
    }
    rows.push([
      c.family === 'seed' ? `\`${c.text}\` (${c.wrt.join(', ')})` : c.id,
      okTheirs ? formatMs(perDerivative(c, theirs)) : (theirs?.status ?? '—'),
      okOurs ? formatMs(perDerivative(c, ours)) : (ours?.status ?? '—'),
      ratio === undefined ? '' : formatRatio(ratio, 1),
      okOurs && ours.parsedMedianMs !== undefined ? formatMs(perDerivative(c, { medianMs: ours.parsedMedianMs })) : '',
      `${okTheirs ? (theirs.nodes ?? 'n/a') : '—'} / ${ourNodes ?? 'n/a'}`,
    ]);
  }
  out.push(markdownTable(['case', 'GiNaC', 'deriv', 'ratio', 'deriv parsed', 'output nodes GiNaC / deriv'], rows));

  const parseRows = [];
  const parseMisses = [];
  for (const c of cases.filter((c) => FAMILIES[c.family] && c.n === 1000)) {
    const theirs = ginac.get(c.id);
    const ours = coldParseMs(root, c.text);
    const ratio = ours !== undefined && theirs?.parseMs !== undefined ? ours / theirs.parseMs : undefined;
    if (ratio === undefined || ratio > 3) parseMisses.push(`${c.id} ${ratio === undefined ? 'n/a' : `${ratio.toFixed(1)}×`}`);
    parseRows.push([c.id, formatMs(theirs?.parseMs), formatMs(ours), ratio === undefined ? '' : formatRatio(ratio, 1)]);
  }
  if (parseRows.length > 0) {
    out.push('\nCold parse (first call in a fresh process; deriv: median of 3 processes):\n');
    out.push(markdownTable(['case', 'GiNaC parse', 'deriv parse', 'ratio'], parseRows));
  }

  const worstSeed = seedRatios.sort((a, b) => b[1] - a[1])[0];
  const targets = [
    ['every seed ≤ 1.5× GiNaC', worstSeed === undefined ? undefined : worstSeed[1] <= 1.5, worstSeed ? `worst ${worstSeed[1].toFixed(2)}× (\`${worstSeed[0].text}\`)` : 'no seed GiNaC did'],
    ['every family at N = 100 and 1000 ≤ GiNaC\'s time, nodes within 10 %', familyMisses.length === 0, familyMisses.length === 0 ? 'all met' : `missed: ${familyMisses.join(', ')}`],
    ['cold parse of each family at N = 1000 within 3× GiNaC', parseRows.length === 0 ? undefined : parseMisses.length === 0, parseMisses.length === 0 ? 'all met' : `missed: ${parseMisses.join(', ')}`],
  ];
  out.push('\n## Targets (issue 26)\n');
  out.push(markdownTable(['target', 'met', 'measured'], targets.map(([t, ok, m]) => [t, verdict(ok), m])));
  return out.join('\n');
}
