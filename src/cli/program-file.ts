/** --file: a program read from a file (an unreadable file is a usage error; an expression argument as well is one too). */
import { readFileSync } from 'node:fs';
import { DerivError } from '../errors.js';

export function readProgramFile(file: string, argument: string | undefined): string {
  if (argument !== undefined && argument !== '-') throw new DerivError('BAD_OPTION', '--file reads the program from a file: give no expression as well', { hint: `deriv --file ${file} --wrt …` });
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, ''); // a byte-order mark is no part of the program
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'error';
    throw new DerivError('BAD_OPTION', `cannot read ${file} (${reason})`);
  }
}
