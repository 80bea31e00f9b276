/** Formatting of the benchmark's Markdown tables. */

export function formatMs(ms) {
  if (ms === undefined) return '—';
  if (ms < 0.01) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 10000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatRatio(ours, theirs) {
  if (ours === undefined || theirs === undefined) return '';
  const r = ours / theirs;
  return r >= 0.1 ? r.toFixed(2) : r >= 0.001 ? r.toFixed(4) : r.toExponential(1);
}

export function markdownTable(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}
