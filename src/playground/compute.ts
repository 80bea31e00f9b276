/**
 * State → what the page shows: the program view for assignments, matrix form when shapes are given,
 * else one expression. Errors come back as values, placed in the field they belong to.
 */
import { splitNaming } from '../parse/naming.js';
import { isProgramText } from '../program/parse.js';
import { parseShapes } from '../matrix/shape.js';
import type { PlaygroundState } from './state.js';
import { errorView, type Outcome } from './model.js';
import { expressionView } from './expression.js';
import { programView } from './program.js';
import { matrixView } from './matrix.js';

export function compute(state: PlaygroundState): Outcome {
  const named = splitNaming(state.f);
  if (state.shape.trim() !== '') {
    let shapes;
    try {
      shapes = parseShapes(state.shape);
    } catch (e) {
      return { ok: false, error: errorView(e, 'shape') };
    }
    try {
      return { ok: true, view: matrixView({ ...state, f: named.expression }, shapes, named.name ?? 'f') };
    } catch (e) {
      return { ok: false, error: errorView(e, 'f') };
    }
  }
  try {
    const isProgram = isProgramText(state.f) && named.name === undefined;
    return { ok: true, view: isProgram ? programView(state) : expressionView(state) };
  } catch (e) {
    return { ok: false, error: errorView(e, 'f') };
  }
}
