/**
 * The one error class deriv throws for anything a user can get wrong.
 * Callers (tests, the CLI) branch on `code`, never on message text.
 */
export type ErrorCode =
  | 'PARSE' // the text is not a well-formed expression
  | 'UNKNOWN_FUNCTION' // a call to a function the rule table lacks
  | 'ARITY' // a known function called with the wrong number of arguments
  | 'BAD_VARIABLE' // a --wrt / point name that is not a usable variable
  | 'UNSUPPORTED' // valid mathjs syntax outside deriv's language (matrices, units, assignment, …)
  | 'TOO_LARGE' // input or result exceeds a configured limit
  | 'UNDEFINED' // a value is undefined at the requested point
  | 'BAD_OPTION' // a CLI/library option has an invalid value
  | 'SHAPE' // matrix language: operand shapes that do not fit (both are named)
  | 'ASSIGNED_TWICE' // programs: a name assigned a second time
  | 'USED_BEFORE_ASSIGNED' // programs: a name used above its assignment
  | 'CYCLE'; // programs: a name that depends on itself

export class DerivError extends Error {
  readonly code: ErrorCode;
  /** 0-based character offset into `input`, when the problem has a place. */
  readonly position: number | undefined;
  /** The text the position refers to (the expression, or an option's value). */
  readonly input: string | undefined;
  /** A short suggestion ("did you mean …"), printed after the message. */
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: { position?: number; input?: string; hint?: string } = {},
  ) {
    super(message);
    this.name = 'DerivError';
    this.code = code;
    this.position = details.position;
    this.input = details.input;
    this.hint = details.hint;
  }
}

export function isDerivError(e: unknown): e is DerivError {
  return e instanceof DerivError;
}
