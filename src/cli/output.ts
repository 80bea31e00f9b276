/**
 * Where the command line's answers go: standard output, or -o FILE. Answers are written as they come, nothing
 * held: the file grows as each is answered, the answers separated by line breaks and the file ended by one —
 * the same bytes as writing it once at the end.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { DerivError } from '../errors.js';

export interface Output {
  /** Queues one answer's text (written by the next flush). */
  readonly emit: (text: string) => void;
  readonly flush: () => Promise<void>;
  /** Ends the output (an -o file gets its last line break). */
  readonly close: () => void;
}

function write(file: string, text: string, append: boolean): void {
  try {
    (append ? appendFileSync : writeFileSync)(file, text);
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'error';
    throw new DerivError('BAD_OPTION', `cannot write ${file} (${reason})`);
  }
}

export function output(file: string | undefined, stdout: (text: string) => void, writeStdout?: (text: string) => void | Promise<void>): Output {
  const pending: string[] = [];
  let wrote = false;
  let endsLine = false;
  return {
    emit: (text) => void pending.push(text),
    flush: async () => {
      for (const text of pending) {
        if (file !== undefined) {
          write(file, wrote ? `\n${text}` : text, wrote);
          wrote = true;
          endsLine = text.endsWith('\n');
        } else if (writeStdout === undefined) stdout(text);
        else await writeStdout(`${text}\n`);
      }
      pending.length = 0;
    },
    close: () => {
      if (file === undefined) return;
      if (!wrote) write(file, '\n', false);
      else if (!endsLine) write(file, '\n', true);
    },
  };
}
