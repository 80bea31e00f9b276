/**
 * `deriv --functions`: the rule table (rules/functions.ts) as people read it, one row per function:
 * its call, its partial derivatives, where it is smooth, and what it is. JSON gives the same rows.
 */
import { FUNCTION_ROWS } from '../../rules/functions.js';

interface Listed {
  readonly call: string;
  readonly partials: string;
  readonly smooth: string;
  readonly summary: string;
}

function rows(): Listed[] {
  return FUNCTION_ROWS.map((r) => ({
    call: `${r.name === 'pow' ? 'a^b' : `${r.name}(${r.params.join(', ')})`}${r.aliases === undefined ? '' : ` (also ${r.aliases.join(', ')})`}`,
    partials: r.partials.join(' ; '),
    smooth: r.domain,
    summary: r.summary,
  }));
}

/** The widest a column of the text table grows. */
const COLUMN = 60;

export function functionTable(format: string): string {
  const list = rows();
  if (format === 'json') return JSON.stringify(list.map((r) => ({ function: r.call, partials: r.partials.split(' ; '), smooth: r.smooth, summary: r.summary })));
  if (format === 'markdown')
    return ['| function | partial derivatives | smooth where | |', '|---|---|---|---|', ...list.map((r) => `| \`${r.call}\` | \`${r.partials}\` | ${r.smooth} | ${r.summary} |`)].join('\n');
  // Columns as wide as most entries need: a longer one (gelu_tanh's partial) pushes only its own line on.
  const width = (k: keyof Listed): number => Math.min(COLUMN, Math.max(...list.map((r) => r[k].length)));
  const [a, b] = [width('call'), width('partials')];
  const line = (r: Listed): string => `${r.call.padEnd(a)}  ${r.partials.padEnd(b)}  ${r.smooth}`;
  return [line({ call: 'function', partials: 'partial derivatives', smooth: 'smooth where', summary: '' }), ...list.map(line)].join('\n');
}
