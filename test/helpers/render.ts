/**
 * LaTeX that must render in both engines notes are read with: KaTeX (Obsidian) with throwOnError and strict
 * errors, and MathJax (Typora) with base + ams, whose formatError throws instead of drawing a red box.
 * MathJax stops once the TeX is compiled to its internal MathML: every TeX error (an unknown macro, a
 * missing brace, a misplaced &) is raised there; laying out SVG glyphs after it finds none and took most of
 * the time of the test files that use this.
 */
import { expect } from 'vitest';
import katex from 'katex';
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { STATE } from 'mathjax-full/js/core/MathItem.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';

RegisterHTMLHandler(liteAdaptor());
const mathjaxDoc = mathjax.document('', {
  InputJax: new TeX({
    packages: ['base', 'ams'],
    formatError: (_jax: unknown, err: Error) => {
      throw err;
    },
  }),
  OutputJax: new SVG({ fontCache: 'none' }),
});

/** Expects `tex` (display style) to render in KaTeX and in MathJax. */
export function renderBoth(tex: string): void {
  expect(() => katex.renderToString(tex, { displayMode: true, throwOnError: true, strict: 'error' }), tex).not.toThrow();
  expect(() => mathjaxDoc.convert(tex, { display: true, end: STATE.COMPILED }), tex).not.toThrow();
}
