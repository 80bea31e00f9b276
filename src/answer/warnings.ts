/** Warnings in an answer: as JSON, and the one the answer of a constant carries. */
import { type DerivWarning, NO_VARIABLES } from '../warnings.js';

/** What is said when a constant's value is printed instead of a derivative. */
export const CONSTANT_PRINTED: DerivWarning = { ...NO_VARIABLES, message: 'the expression has no variables: printed its value (every derivative of a constant is 0)' };
/** x/x: variables were written, and cancel; the value is printed, and saying "no variables" would be false. */
export const cancelled = (written: readonly string[]): DerivWarning => ({
  ...NO_VARIABLES,
  message: `the expression simplifies to a constant (${written.join(', ')} cancel${written.length === 1 ? 's' : ''}): printed its value (every derivative of a constant is 0)`,
});

export const warningJSON = (w: DerivWarning): Record<string, unknown> => ({ code: w.code, message: w.message, ...(w.position === undefined ? {} : { position: w.position }), ...(w.hint === undefined ? {} : { hint: w.hint }) });
