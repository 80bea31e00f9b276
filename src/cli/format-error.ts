/**
 * Turns a DerivError into what a person reads on stderr: the code and message,
 * the input with a caret under the position (a window around it for long
 * input), and the hint. Never a stack trace. The column is 1-based (as
 * editors count); DerivError.position stays 0-based.
 */
import type { DerivError } from '../errors.js';
import type { DerivWarning } from '../warnings.js';

const WINDOW = 60;

export interface Paint {
  readonly red: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
}
export const NO_PAINT: Paint = { red: (s) => s, bold: (s) => s, dim: (s) => s };

/**
 * User text reaches stderr inside messages and hints too (a --wrt or --name that is no name is quoted in
 * its error): control characters (C0, DEL, C1 — ESC sequences would recolour or rewrite the terminal)
 * and bidirectional overrides (which reorder what is shown) become a visible '·' of the same width.
 */
const visible = (s: string): string => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\u00b7');

export function formatError(err: DerivError, paint: Paint = NO_PAINT): string {
  const lines = [`${paint.red(paint.bold('error'))} ${paint.bold(err.code)}: ${visible(err.message)}`];
  lines.push(...caret(err.input, err.position, paint));
  if (err.hint !== undefined) lines.push(`hint: ${visible(err.hint)}`);
  return lines.join('\n');
}

/** A warning: the result stands, but the input may not have been read as meant (src/warnings.ts). */
export function formatWarning(w: DerivWarning, input: string | undefined, paint: Paint = NO_PAINT): string {
  const lines = [`${paint.bold('warning')}: ${visible(w.message)}`, ...caret(input, w.position, paint)];
  if (w.hint !== undefined) lines.push(`hint: ${visible(w.hint)}`);
  return lines.join('\n');
}

/**
 * Columns a terminal gives the text: East Asian wide and fullwidth characters (中, （, ｘ) take two, combining
 * marks and zero-width characters none, others one — so the caret stands under the character in Chinese text.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) {
    const k = c.codePointAt(0)!;
    if ((k >= 0x300 && k <= 0x36f) || (k >= 0x200b && k <= 0x200f) || k === 0xfeff) continue;
    const wide =
      (k >= 0x1100 && k <= 0x115f) || (k >= 0x2e80 && k <= 0x303e) || (k >= 0x3041 && k <= 0x33ff) || (k >= 0x3400 && k <= 0x4dbf) ||
      (k >= 0x4e00 && k <= 0x9fff) || (k >= 0xa000 && k <= 0xa4cf) || (k >= 0xac00 && k <= 0xd7a3) || (k >= 0xf900 && k <= 0xfaff) ||
      (k >= 0xfe30 && k <= 0xfe4f) || (k >= 0xff00 && k <= 0xff60) || (k >= 0xffe0 && k <= 0xffe6) || (k >= 0x1f300 && k <= 0x1f64f) ||
      (k >= 0x1f900 && k <= 0x1f9ff) || (k >= 0x20000 && k <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** The input (a window of it) with a caret under the position, and the 1-based column as editors count. */
function caret(input: string | undefined, position: number | undefined, paint: Paint): string[] {
  if (input === undefined || position === undefined) return [];
  const pos = Math.max(0, Math.min(position, input.length));
  const start = Math.max(0, pos - WINDOW);
  const end = Math.min(input.length, pos + WINDOW);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < input.length ? '…' : '';
  const shown = visible(input.slice(start, end).replace(/[\t\n\r]/g, ' '));
  return [
    `  ${prefix}${shown}${suffix}`,
    `  ${' '.repeat(prefix.length + displayWidth(visible(input.slice(start, pos).replace(/[\t\n\r]/g, ' '))))}${paint.red('^')}`,
    paint.dim(`  at column ${[...input.slice(0, pos)].length + 1}`),
  ];
}
