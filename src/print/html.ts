/**
 * A standalone HTML page: the input, the result and (optionally) the steps,
 * typeset by KaTeX on the server side (katex.renderToString), with KaTeX's CSS
 * and its woff2 fonts inlined as data: URLs. The page needs no JavaScript and
 * no network: it renders the same opened from disk.
 *
 * KaTeX is loaded on first use (not at import), so the CLI starts fast for
 * every other format.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KatexOptions } from 'katex';
import { toText } from './text.js';
import { toLatex, latexName } from './latex.js';
import { NOTE_WIDTH, resultEquations, isGradient } from './equation.js';
import { latexStepParts } from './steps-latex.js';
import { latexHeading } from './heading.js';
import { stepsDetail, type NoteItem, type NoteOptions } from './markdown.js';
import { pageDerivations } from '../steps/page.js';
import { VERSION } from '../version.js';
import { DerivError } from '../errors.js';
import { escapeHtml, noteHtml as noteHtmlWith } from './note-html.js';

interface Katex {
  renderToString(tex: string, options?: KatexOptions): string;
}

const load = createRequire(import.meta.url);
let katexModule: Katex | undefined;
let inlinedCss: string | undefined;

function katex(): Katex {
  katexModule ??= load('katex') as Katex;
  return katexModule;
}

/** KaTeX's stylesheet with each @font-face reduced to its woff2 file, inlined. */
export function katexCss(): string {
  if (inlinedCss !== undefined) return inlinedCss;
  const cssPath = load.resolve('katex/dist/katex.min.css');
  const fontDir = path.join(path.dirname(cssPath), 'fonts');
  const css = readFileSync(cssPath, 'utf8');
  inlinedCss = css.replace(/src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)(?:,url\([^)]*\) format\("[^"]*"\))*/g, (_, font: string) => {
    const data = readFileSync(path.join(fontDir, `${font}.woff2`)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  return inlinedCss;
}

export { escapeHtml };

/**
 * Typesets LaTeX; a LaTeX error is a bug in deriv's printers, so it throws.
 * KaTeX recurses on nesting depth: a formula nested thousands deep overflows
 * its stack, which is reported as TOO_LARGE, not as a crash.
 */
export function render(tex: string, display: boolean): string {
  try {
    return katex().renderToString(tex, { displayMode: display, throwOnError: true, output: 'htmlAndMathml', strict: 'ignore' });
  } catch (e) {
    if (e instanceof RangeError)
      throw new DerivError('TOO_LARGE', 'the formula is nested too deeply for KaTeX to typeset', {
        hint: 'use --format latex or --format markdown, which do not typeset',
      });
    throw e;
  }
}

/** A step's note, typeset here (note-html.ts). */
export const noteHtml = (tex: string): string => noteHtmlWith(tex, render);

const PAGE_CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; background: #fff; margin: 0; }
main { max-width: 62rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.5rem; font-weight: 600; margin-bottom: 1.5rem; }
h2 { font-size: 1.05rem; font-weight: 600; color: #555; letter-spacing: .02em; margin: 2rem 0 .5rem; }
h2 .katex { font-size: 1.1em; }
.math { overflow-x: auto; overflow-y: hidden; padding: .25rem 0; }
.katex-display { margin: .5rem 0; }
.katex-display > .katex { text-align: left; }
.katex { font-size: 1.15em; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9rem; background: #f3f3f5; padding: .1rem .35rem; border-radius: 4px; }
ol.steps { padding-left: 1.5rem; }
ol.steps li { margin: .9rem 0; }
ol.steps .note { color: #444; margin: .1rem 0 0; }
ol.steps .note .katex { font-size: 1em; }
.defs .katex-display { margin: .2rem 0; }
footer { margin: 3rem 0 2rem; color: #888; font-size: .8rem; }
`;

export function toHtmlPage(items: readonly NoteItem[], options: NoteOptions = {}): string {
  const name = options.name ?? 'f';
  const first = items[0]!;
  const title = `${isGradient(items) ? `∇${name}` : `∂${name}/∂${first.variables.join('∂')}`} of ${toText(first.input, { order: first.order })}`;
  const body: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  body.push('<section id="input"><h2>Input</h2>');
  body.push(`<div class="math">${render(`${latexName(name)} = ${toLatex(first.input, { order: first.order })}`, true)}</div>`);
  body.push(`<p><code>${escapeHtml(toText(first.input, { order: first.order }))}</code></p></section>`);
  body.push('<section id="result"><h2>Result</h2>');
  for (const eq of resultEquations(items, name, NOTE_WIDTH)) body.push(`<div class="math">${render(eq, true)}</div>`);
  body.push(`<p class="result-text">${items.map((r) => `<code>${escapeHtml(toText(r.expr, { order: r.order }))}</code>`).join(', ')}</p></section>`);
  const detail = stepsDetail(options.steps);
  if (detail !== undefined) {
    const derivations = pageDerivations(items, detail, name);
    for (const [i, item] of items.entries()) {
      const parts = latexStepParts(derivations[i]!, { order: item.order, name });
      const heading = items.length > 1 ? `Steps for ${render(latexHeading(item.variables, name), false)}` : 'Steps';
      body.push(`<section class="derivation"><h2>${heading}</h2>`);
      if (parts.definitions.length > 0) {
        body.push(`<div class="defs"><p>with the names</p>${parts.definitions.map((t) => `<div class="math">${render(t, true)}</div>`).join('')}</div>`);
      }
      body.push('<ol class="steps">');
      for (const s of parts.steps) {
        body.push(`<li data-rule="${escapeHtml(s.rule)}"><div class="math">${render(s.equation, true)}</div><p class="note">${noteHtml(s.note)}</p></li>`);
      }
      body.push('</ol>');
      body.push(`<div class="math final">${render(parts.result, true)}</div></section>`);
    }
  }
  return htmlDocument(title, body);
}

/** A standalone page: KaTeX's CSS and fonts inlined, the body's parts joined, a footer; no scripts. */
export function htmlDocument(title: string, parts: readonly string[]): string {
  const body = [...parts];
  body.push(`<footer>Generated by deriv ${escapeHtml(VERSION)}. Typeset with KaTeX; no scripts, no network.</footer>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${katexCss()}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
