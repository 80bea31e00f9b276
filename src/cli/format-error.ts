/**
 * Turns a DerivError into what a person reads on stderr: the code and message,
 * the input with a caret under the position (a window around it for long
 * input), and the hint. Never a stack trace.
 */
import type { DerivError } from '../errors.js';

const WINDOW = 60;

export interface Paint {
  readonly red: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
}
export const NO_PAINT: Paint = { red: (s) => s, bold: (s) => s, dim: (s) => s };

/** Control characters would garble the terminal: show them as visible escapes of the same width 1. */
const visible = (s: string): string => s.replace(/[\u0000-\u001f\u007f]/g, '\u00b7');

export function formatError(err: DerivError, paint: Paint = NO_PAINT): string {
  const lines = [`${paint.red(paint.bold('error'))} ${paint.bold(err.code)}: ${err.message}`];
  if (err.input !== undefined && err.position !== undefined) {
    const pos = Math.max(0, Math.min(err.position, err.input.length));
    const start = Math.max(0, pos - WINDOW);
    const end = Math.min(err.input.length, pos + WINDOW);
    const prefix = start > 0 ? '…' : '';
    const suffix = end < err.input.length ? '…' : '';
    const shown = visible(err.input.slice(start, end).replace(/[\t\n\r]/g, ' '));
    lines.push(`  ${prefix}${shown}${suffix}`);
    lines.push(`  ${' '.repeat(prefix.length + [...err.input.slice(start, pos)].length)}${paint.red('^')}`);
    lines.push(paint.dim(`  at position ${pos + 1}`));
  }
  if (err.hint !== undefined) lines.push(`hint: ${err.hint}`);
  return lines.join('\n');
}
