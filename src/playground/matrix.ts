/**
 * The playground's view in matrix form (the shape field, the CLI's --shape): one gradient per chosen
 * variable (`∇w = 2/n*X'*(X*w + b - y)`), the backpropagation steps (text: the library prints them as
 * text only), and the values at the point (matrix literals in the fields, `[[1,2],[3,4]]`). No plot:
 * the variables are not scalars.
 */
import { matrixDerivation } from '../matrix/api.js';
import { stepsText } from '../matrix/steps.js';
import type { Shape } from '../matrix/shape.js';
import { parseMatrixValues } from '../matrix/values.js';
import { valueText, valueTex } from '../matrix/format-value.js';
import { formatAt, type PlaygroundState } from './state.js';
import { chosen } from './expression.js';
import { errorView, type View, type ValuesView, type ErrorView } from './model.js';
import { DerivError } from '../errors.js';

export function matrixView(state: PlaygroundState, shapes: ReadonlyMap<string, Shape>, name: string): View {
  const derivation = matrixDerivation(state.f, undefined, { shapes });
  const variables = [...(derivation.results[0]?.order ?? derivation.results.map((r) => r.wrt))].filter((v) => derivation.results.some((r) => r.wrt === v));
  const wrt = chosen(variables, state.wrt);
  const results = derivation.results.filter((r) => wrt.includes(r.wrt));
  const resultLatex = results.map((r) => `${r.heading('latex', name)} = ${r.toTex()}`);
  const resultText = results.map((r) => `${r.heading('text')} = ${r.toString()}`).join('\n');
  let values: ValuesView | undefined;
  let valuesError: ErrorView | undefined;
  if (results.length > 0 && variables.every((v) => (state.at.get(v) ?? '').trim() !== '')) {
    try {
      const point = parseMatrixValues(formatAt(state.at, variables));
      const f = results[0]!.evaluateFunction(point);
      values = {
        rows: [{ latex: `${name} = ${valueTex(f)}`, text: `${name} = ${valueText(f)}` }, ...results.map((r) => {
          const v = r.evaluate(point);
          return { latex: `${r.heading('latex', name)} = ${valueTex(v)}`, text: `${r.heading('text')} = ${valueText(v)}` };
        })],
        notes: [],
      };
    } catch (e) {
      if (!(e instanceof DerivError)) throw e;
      valuesError = errorView(e, 'at');
    }
  }
  const stepsShown = state.steps !== 'off';
  const markdown = (): string =>
    [`**Input**`, `\`${derivation.input}\` with ${state.shape}`, '**Result**', ...resultLatex.map((t) => `$$\n${t}\n$$`), results.map((r) => `\`${r.toString()}\``).join(', '), ...(stepsShown ? ['**Steps**', '```', stepsText(derivation.steps).join('\n'), '```'] : [])].join('\n\n') + '\n';
  return {
    kind: 'matrix',
    variables,
    wrt,
    name,
    inputLatex: [],
    inputText: `${name} = ${derivation.input}`,
    resultLatex,
    resultText,
    warnings: [],
    ...(wrt.length === 0 ? { message: 'choose a variable to differentiate with respect to' } : {}),
    ...(stepsShown ? { steps: [{ heading: '', definitions: [], steps: [], results: [], text: stepsText(derivation.steps).join('\n') }] } : {}),
    ...(values === undefined ? {} : { values }),
    ...(valuesError === undefined ? {} : { valuesError }),
    copy: {
      latex: () => resultLatex.join('\n'),
      markdown,
      text: () => (stepsShown ? [`${name} = ${derivation.input}`, ...stepsText(derivation.steps), resultText].join('\n') : resultText),
    },
  };
}
