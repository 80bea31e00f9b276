/**
 * The options table in docs/command-line.md is the option table itself (src/request/options.ts), printed by
 * src/request/options-table.ts: the two cannot drift. UPDATE_DOCS=1 writes the table into the docs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionsTableMarkdown } from '../src/request/options-table.js';
import { ROWS, flagOf } from '../src/request/options.js';
import { readArgv } from '../src/request/read-argv.js';

const DOC = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'docs', 'command-line.md');
const BETWEEN = /(<!-- options-table:[^>]*-->\n)[\s\S]*?(<!-- \/options-table -->)/;

describe('the options table in the docs', () => {
  it('docs/command-line.md has the table made from the rows', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(doc).toMatch(BETWEEN);
    const made = doc.replace(BETWEEN, (_, open: string, close: string) => `${open}${optionsTableMarkdown()}\n${close}`);
    if (process.env['UPDATE_DOCS'] === '1' && made !== doc) writeFileSync(DOC, made);
    else expect(doc).toBe(made);
  });

  it('--help lists every row, with its help text', () => {
    const help = readArgv(['x'], { stdout: () => undefined, stderr: () => undefined });
    for (const row of ROWS) {
      expect(help.help).toContain(flagOf(row));
      expect(help.help.replace(/\s+/g, ' ')).toContain(row.help.replace(/\s+/g, ' '));
    }
  });
});
