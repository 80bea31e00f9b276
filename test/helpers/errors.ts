/** The code of the DerivError that f throws, or undefined when it returns; any other error is rethrown. */
import { DerivError } from '../../src/errors.js';

export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof DerivError) return e.code;
    throw e;
  }
  return undefined;
}
