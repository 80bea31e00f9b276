/**
 * The option table as Markdown, for docs/command-line.md (test/options-doc.test.ts keeps the two equal, and
 * `UPDATE_DOCS=1` rewrites the docs from here): one line per row, with its flag, its field in a --batch line
 * and in answer(), its key in a playground link, what it does, and the modes and formats it applies to.
 */
import { ROWS, flagOf, type OptionRow } from './options.js';
import { FORMATS, MODES, isCodeFormat, type Mode } from './request.js';

const MODE_WORDS: Readonly<Record<Mode, string>> = {
  expression: 'expression',
  gradient: 'gradient',
  higher: 'higher',
  program: 'program',
  matrix: 'matrix',
  'matrix-program': 'matrix program',
};

const cell = (s: string): string => s.replace(/\|/g, '\\|');

function modes(row: OptionRow): string {
  return row.modes.length === MODES.length ? 'all' : row.modes.map((m) => MODE_WORDS[m]).join(', ');
}

function formats(row: OptionRow): string {
  const f = row.formats;
  if (f === undefined || f.length === FORMATS.length) return 'all';
  const code = FORMATS.filter(isCodeFormat);
  if (f.length === FORMATS.length - code.length && f.every((x) => !isCodeFormat(x))) return 'all but code';
  return f.join(', ');
}

export function optionsTableMarkdown(rows: readonly OptionRow[] = ROWS): string {
  const lines = [
    '| option | field | link key | what it does | modes | formats |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| \`${cell(r.flags)}\` | \`${r.field}\` | ${r.hash === undefined ? '—' : `\`${r.hash}\``} | ${cell(r.help)} | ${modes(r)} | ${formats(r)} |`),
  ];
  return lines.join('\n');
}

/** Every flag, for a sentence that lists them. */
export const allFlags = (rows: readonly OptionRow[] = ROWS): string => rows.map((r) => `\`${flagOf(r)}\``).join(', ');
