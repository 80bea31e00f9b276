/**
 * `answer(request)`: what a request asks for, computed once, as a document every front end prints the same
 * way (the command line and --batch through src/document/render.ts, the playground in its page, a library
 * caller as data). The request's mode says what is computed (src/request/rules.ts refuses, by rule, an option
 * that does not apply to it); each mode has its module here.
 */
import { DerivError } from '../errors.js';
import type { Document } from '../document/model.js';
import { isCodeFormat, type Mode, type Request } from '../request/request.js';
import { checkRequest, modeOf } from '../request/rules.js';
import { readInput, asTyped, type Reading } from './reading.js';
import { answerDerivatives, derivativesDocument, reverseModeDocument } from './derivatives.js';
import { numbersDocument } from './numbers.js';
import { answerProgram, programDocument } from './program.js';
import { answerMatrix, matrixDocument } from './matrix.js';
import { answerMatrixProgram, matrixProgramDocument } from './matrix-program.js';
import { codeDocument } from './code.js';
import { checkInputLength } from './size.js';

export interface Answer {
  readonly mode: Mode;
  readonly reading: Reading;
  readonly document: Document;
}

export interface AnswerContext {
  /** The input came from --file: it is a program, whatever it looks like. */
  readonly fromFile?: boolean;
}

export function answer(request: Request, context: AnswerContext = {}): Answer {
  checkInputLength(request);
  const reading = readInput(request, context.fromFile === true);
  const mode = modeOf(request, reading.program);
  checkRequest(request, mode);
  try {
    return { mode, reading, document: documentOf(request, reading, mode) };
  } catch (e) {
    throw asTyped(reading, e);
  }
}

const asksNumbers = (r: Request): boolean => r.at !== undefined || r.check !== undefined || r.sgd !== undefined || r.hessian || r.jacobian;

function documentOf(r: Request, reading: Reading, mode: Mode): Document {
  if (isCodeFormat(r.format)) return codeDocument(r, reading, mode, r.format);
  switch (mode) {
    case 'program':
      return programDocument(answerProgram(r, reading), r, reading);
    case 'matrix':
      return matrixDocument(answerMatrix(r, reading), r, reading);
    case 'matrix-program':
      return matrixProgramDocument(answerMatrixProgram(r, reading), r, reading);
    default:
      if (asksNumbers(r)) return numbersDocument(r, reading, () => answerDerivatives(r, reading));
      if (!reading.program && reading.expression.includes(';'))
        throw new DerivError('BAD_OPTION', 'several expressions separated by ; need --jacobian', { input: reading.line, position: reading.line.indexOf(';') });
      try {
        return derivativesDocument(answerDerivatives(r, reading), r, reading);
      } catch (e) {
        // --cse of a gradient too large to write out: reverse mode gives it at a small multiple of the function's size.
        if (e instanceof DerivError && e.code === 'TOO_LARGE' && r.cse && r.format === 'text' && mode !== 'higher' && r.steps === undefined) return reverseModeDocument(r, reading);
        throw e;
      }
  }
}
