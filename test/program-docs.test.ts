/**
 * Every `$ deriv …` example in docs/programs.md is run and must print what the page shows
 * (an output shown starting with … is compared at its end).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deriv } from './helpers/cli.js';

interface Example {
  readonly argv: string[];
  readonly expected: string;
}

/** Words of a shell command line: "double-quoted" or bare. */
const words = (line: string): string[] => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

function examples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const block of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    const lines = block[1]!.split('\n');
    let current: { argv: string[]; output: string[] } | undefined;
    const flush = (): void => {
      if (current !== undefined) out.push({ argv: current.argv, expected: current.output.join('\n').replace(/\n+$/, '') });
    };
    for (const line of lines) {
      if (line.startsWith('$ deriv')) {
        flush();
        current = { argv: words(line.slice('$ deriv'.length)), output: [] };
      } else current?.output.push(line);
    }
    flush();
  }
  return out;
}


describe('docs/programs.md examples', () => {
  const all = examples(readFileSync(new URL('../docs/programs.md', import.meta.url), 'utf8'));
  it('has examples', () => expect(all.length).toBeGreaterThan(8));
  it.each(all.map((e) => [e.argv.join(' '), e] as const))('deriv %s', async (_, e) => {
    const r = await deriv(e.argv);
    const shown = r.code === 0 ? r.stdout : r.stderr;
    if (e.expected.startsWith('…')) expect(shown.endsWith(e.expected.slice(1).trimStart())).toBe(true);
    else expect(shown).toBe(e.expected);
  });
});
