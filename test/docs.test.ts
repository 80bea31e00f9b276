/**
 * The documentation cannot drift: every `$ deriv …` example in README.md and docs/*.md is run (in-process)
 * and must print what the page shows — stdout, then stderr (warnings, errors). A line `…` in the shown
 * output stands for lines left out: the parts between must appear in that order. `$ echo "…" | deriv …`
 * feeds stdin. When the simplifier changes an answer, this test names the page and the example to update.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deriv } from './helpers/cli.js';

interface Example {
  readonly page: string;
  readonly command: string;
  readonly shown: string;
}

const root = new URL('../', import.meta.url);
const pages = ['README.md', ...readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The examples of a page: in fenced blocks, a `$ ` line and the lines after it up to the next `$ ` or the fence. */
function examples(page: string): Example[] {
  const out: Example[] = [];
  const text = readFileSync(new URL(page, root), 'utf8');
  for (const block of text.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)) {
    const lines = block[1]!.split('\n');
    let current: { command: string; shown: string[] } | undefined;
    const flush = (): void => {
      if (current !== undefined) out.push({ page, command: current.command, shown: current.shown.join('\n').replace(/\n+$/, '') });
      current = undefined;
    };
    for (const line of lines) {
      if (line.startsWith('$ ')) {
        flush();
        if (/^\$ (npx )?deriv |^\$ echo /.test(line)) current = { command: line.slice(2), shown: [] };
      } else current?.shown.push(line);
    }
    flush();
  }
  return out;
}

/** Shell words of a command line: double and single quotes, no expansion (the examples need none). */
function words(command: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === '"' || c === "'") {
      const end = command.indexOf(c, i + 1);
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === ' ') {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** Runs `deriv …` or `echo "…" | deriv …`. */
async function runExample(command: string): Promise<string> {
  const [left, right] = command.includes(' | ') ? command.split(' | ') : [undefined, command];
  const argv = words(right!);
  if (argv[0] === 'npx') argv.shift();
  expect(argv[0]).toBe('deriv');
  const stdin = left === undefined ? undefined : `${words(left).slice(1).join(' ')}\n`;
  const r = await deriv(argv.slice(1), stdin === undefined ? {} : { stdin });
  return [r.stdout, r.stderr].filter((s) => s !== '').join('\n');
}

const ALL = pages.flatMap(examples);

/** Replaces an example's shown output in its page by what it prints now. */
function updatePage(e: Example, actual: string): void {
  const file = new URL(e.page, root);
  const text = readFileSync(file, 'utf8');
  const before = `$ ${e.command}\n${e.shown}`;
  const at = text.indexOf(before);
  expect(at, `${e.page}: the example $ ${e.command} is not found as shown`).toBeGreaterThanOrEqual(0);
  writeFileSync(file, text.slice(0, at) + `$ ${e.command}\n${actual}` + text.slice(at + before.length));
}

describe('documentation examples print what they show', () => {
  it('there are examples on every page that has commands', () => {
    expect(ALL.length).toBeGreaterThan(40);
  });

  it.each(ALL.map((e) => [e.page, e.command, e] as const))('%s: $ %s', async (_page, _command, e) => {
    const actual = await runExample(e.command);
    if (!e.shown.split('\n').includes('…')) {
      // UPDATE_DOCS=1 writes what the example prints into the page (then read `git diff docs/` before committing).
      if (process.env['UPDATE_DOCS'] === '1' && actual !== e.shown) updatePage(e, actual);
      else expect(actual).toBe(e.shown);
      return;
    }
    let from = 0;
    for (const part of e.shown.split(/^…$/m).map((p) => p.replace(/^\n+|\n+$/g, '')).filter((p) => p !== '')) {
      const at = actual.indexOf(part, from);
      expect(at, `missing, in order:\n${part}\n--- actual:\n${actual}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
  });
});
