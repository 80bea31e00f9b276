/**
 * Names for derivatives: ∂²/∂x∂y in text, \frac{\partial^{2} f}{\partial x \partial y} in LaTeX.
 * Repeated variables are grouped with powers (∂²/∂x², \partial x^{2}).
 */
import { latexName } from './latex.js';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscript = (n: number): string => (n === 1 ? '' : [...String(n)].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join(''));

/** Runs of the same variable: ['x','x','y'] → [['x',2],['y',1]]. */
function runs(wrt: readonly string[]): [string, number][] {
  const out: [string, number][] = [];
  for (const v of wrt) {
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === v) last[1]++;
    else out.push([v, 1]);
  }
  return out;
}

/** `∂/∂w`, `∂²/∂w²`, `∂²/∂x∂y`. */
export function textHeading(wrt: readonly string[]): string {
  if (wrt.length === 0) return '';
  return `∂${superscript(wrt.length)}/${runs(wrt).map(([v, k]) => `∂${v}${superscript(k)}`).join('')}`;
}

/** `\frac{\partial f}{\partial w}`, `\frac{\partial^{2} L}{\partial w^{2}}`. */
export function latexHeading(wrt: readonly string[], name = 'f'): string {
  const n = wrt.length;
  const top = n === 1 ? `\\partial ${latexName(name)}` : `\\partial^{${n}} ${latexName(name)}`;
  const bottom = runs(wrt)
    .map(([v, k]) => `\\partial ${latexName(v)}${k === 1 ? '' : `^{${k}}`}`)
    .join(' \\, ');
  return `\\frac{${top}}{${bottom}}`;
}
