/**
 * Note-ready formats. Every LaTeX string any format emits (toTex with and
 * without steps, --format latex, the Markdown $$ blocks and inline $…$, the
 * TeX behind each formula of the HTML page) is collected over a corpus — the
 * seed examples plus one expression per rule-table row, brief and full — and
 * must render in KaTeX with throwOnError and in MathJax (base + ams, errors
 * thrown). The Markdown's structure and the HTML page's self-containment are
 * checked too. The browser rendering itself is in browser.test.ts.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { derivative, gradient, parse, FUNCTION_ROWS, type Derivative } from '../src/index.js';
import { run, type CliIO } from '../src/cli/main.js';
import { toMarkdownNote, toHtmlPage } from '../src/document/library-note.js';
import { renderBoth } from './helpers/render.js';

async function deriv(argv: readonly string[]): Promise<string> {
  const out: string[] = [];
  const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => out.push(`ERR ${s}`), readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
  const code = await run(argv, io);
  expect(code, out.join('\n')).toBe(0);
  return out.join('\n');
}

// ------------------------------------------------------------------ renderers

// ------------------------------------------------------------------ corpus

const SEEDS: readonly [string, string][] = [
  ['1/2*(w*x+b-y)^2', 'w'],
  ['1/2*(w2*max(0,w1*x+b1)+b2-y)^2', 'w1'],
  ['sin(x+x^2)', 'x'],
  ['x*w^2+b^2', 'w'],
  ['x*exp(w)+exp(b)', 'w'],
  ['(y-(x*w+b))^2', 'w'],
  ['y*log(x*w+b)', 'b'],
  ['3*x^2*y', 'x'],
  ['sin(x^2)', 'x'],
  ['1/(1+exp(-x))', 'x'],
  ['sigmoid(w*x+b)', 'w'],
  ['-(y*log(sigmoid(w*x+b))+(1-y)*log(1-sigmoid(w*x+b)))', 'w'],
  ['x^x', 'x'],
  ['2^(3*x)', 'x'],
  ['x/(1+x^2)', 'x'],
  ['x*exp(x)', 'x'],
  ['sin(x)+sin(2*x)+sin(3*x)+sin(4*x)+sin(5*x)', 'x'],
  ['theta_1*x + alpha^2*sin(theta_1)', 'theta_1'],
];

/** One expression per rule-table row: the row applied to inner functions of x (a chain), and bare (a table lookup). */
const ROW_CASES: readonly [string, string][] = FUNCTION_ROWS.filter((r) => r.name !== 'pow').flatMap((r): [string, string][] => {
  const inner = ['x^2+1', '2*x+3', '5-x'].slice(0, r.params.length);
  const bare = ['x', '3', '4'].slice(0, r.params.length);
  return [
    [`${r.name}(${inner.join(', ')})`, 'x'],
    [`3*${r.name}(${bare.join(', ')})`, 'x'],
  ];
});

const CORPUS = [...SEEDS, ...ROW_CASES];

/** Math in Markdown: $$ … $$ blocks and inline $…$. */
function markdownMath(md: string): string[] {
  const blocks = [...md.matchAll(/^\$\$\n([\s\S]*?)\n\$\$$/gm)].map((m) => m[1]!);
  const rest = md.replace(/^\$\$\n[\s\S]*?\n\$\$$/gm, '');
  const inline = [...rest.matchAll(/\$([^$\n]+)\$/g)].map((m) => m[1]!);
  return [...blocks, ...inline];
}

function latexOf(d: Derivative): string[] {
  return [
    d.toTex(),
    d.toTex({ steps: true }),
    d.toTex({ steps: 'full', name: 'L' }),
    ...markdownMath(d.toMarkdown({ steps: true })),
    ...markdownMath(d.toMarkdown({ steps: 'full', name: 'loss' })),
  ];
}

describe('every emitted LaTeX string renders in KaTeX (throwOnError) and MathJax', () => {
  it.each(CORPUS)('%s wrt %s -> toTex, steps (brief, full), Markdown', (f, x) => {
    const strings = latexOf(derivative(f, x));
    expect(strings.length).toBeGreaterThanOrEqual(7);
    for (const tex of strings) renderBoth(tex);
  });

  it.each(SEEDS.slice(0, 6))('deriv "%s" --format latex (gradient, one variable, with steps) -> renders', async (f, x) => {
    const strings = [
      await deriv([f, '--format', 'latex']),
      await deriv([f, '--wrt', x, '--format', 'latex', '--name', 'L']),
      await deriv([f, '--wrt', x, '--order', '2', '--format', 'latex']),
      ...(await deriv([f, '--format', 'latex', '--steps'])).split('\n\n'),
      ...markdownMath(await deriv([f, '--format', 'markdown', '--steps'])),
    ];
    for (const tex of strings.flatMap((s) => (s.startsWith('\\begin') ? [s] : s.split('\n')))) renderBoth(tex);
  });

  it.each(SEEDS.slice(0, 3))('%s -> the TeX behind every formula of the HTML page renders', (f) => {
    const page = toHtmlPage(gradient(f), { steps: true });
    const sources = [...page.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) =>
      m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&'),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const tex of sources) {
      expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex).not.toThrow();
    }
  });
});

describe('LaTeX equations', () => {
  it.each([
    [['1/2*(w*x+b-y)^2', '--wrt', 'w,b', '--format', 'latex', '--name', 'L'], '\\nabla_{w,b} L = \\left( x \\left(w x + b - y\\right), w x + b - y \\right)'],
    [['x*w^2+b^2', '--format', 'latex'], '\\nabla_{x,w,b} f = \\left( w^{2}, 2 x w, 2 b \\right)'],
    [['1/2*(w*x+b-y)^2', '--wrt', 'w', '--format', 'latex', '--name', 'L'], '\\frac{\\partial L}{\\partial w} = x \\left(w x + b - y\\right)'],
    [['x^2*y^3', '--wrt', 'x,y', '--mixed', '--format', 'latex'], '\\frac{\\partial^{2} f}{\\partial x \\, \\partial y} = 6 x y^{2}'],
  ])('deriv %j -> %s', async (argv, expected) => {
    expect(await deriv(argv)).toBe(expected);
  });

  it('toTex({ steps: true }) -> an aligned block: input, names, one \\text note per step, the result', () => {
    const tex = derivative('1/2*(w*x+b-y)^2', 'w').toTex({ steps: true, name: 'L' });
    const rows = tex.split(' \\\\\n');
    expect(rows[0]).toBe('\\begin{aligned}\nL &= \\frac{\\left(w x + b - y\\right)^{2}}{2}');
    expect(rows[1]).toBe('A &= w x + b - y');
    expect(rows[2]).toBe('\\frac{\\partial A}{\\partial w} &= x && \\quad \\text{sum rule, term by term}\\text{; }b\\text{ and }y\\text{ do not depend on }w');
    expect(rows[3]).toContain('\\frac{\\partial L}{\\partial w} &= \\frac{\\partial}{\\partial w}\\left[\\frac{A^{2}}{2}\\right] = x A && \\quad \\text{chain rule: }');
    expect(rows[4]).toBe('\\frac{\\partial L}{\\partial w} &= x \\left(w x + b - y\\right)\n\\end{aligned}');
  });
});

describe('Markdown', () => {
  it('1/2*(w*x+b-y)^2 wrt w, with steps -> the exact note', () => {
    expect(derivative('1/2*(w*x+b-y)^2', 'w').toMarkdown({ steps: true, name: 'L' })).toBe(`**Input**

$$
L = \\frac{\\left(w x + b - y\\right)^{2}}{2}
$$

\`(w*x + b - y)^2/2\`

**Result**

$$
\\frac{\\partial L}{\\partial w} = x \\left(w x + b - y\\right)
$$

\`x*(w*x + b - y)\`

**Steps**

$$
\\begin{aligned}
A &= w x + b - y \\\\
\\frac{\\partial A}{\\partial w} &= x && \\quad \\text{sum rule, term by term}\\text{; }b\\text{ and }y\\text{ do not depend on }w \\\\
\\frac{\\partial L}{\\partial w} &= \\frac{\\partial}{\\partial w}\\left[\\frac{A^{2}}{2}\\right] = x A && \\quad \\text{chain rule: }\\text{outer }\\frac{\\partial}{\\partial A}\\text{ of }\\frac{A^{2}}{2}\\text{ is }A\\text{, inner }\\frac{\\partial A}{\\partial w}\\text{ is }x \\\\
\\frac{\\partial L}{\\partial w} &= x \\left(w x + b - y\\right)
\\end{aligned}
$$
`);
  });

  it.each(CORPUS)('%s wrt %s -> Input, Result, Steps in order; $$ alone on their lines; no blank line inside a block; text forms parse back', (f, x) => {
    const d = derivative(f, x);
    const md = d.toMarkdown({ steps: true });
    const lines = md.split('\n');
    const labels = lines.filter((l) => l.startsWith('**'));
    expect(labels).toEqual(['**Input**', '**Result**', '**Steps**']);
    let inside = false;
    for (const line of lines) {
      if (line.includes('$$')) {
        expect(line).toBe('$$');
        inside = !inside;
      } else if (inside) expect(line.trim()).not.toBe('');
    }
    expect(inside).toBe(false);
    const code = [...md.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    expect(parse(code[0]!)).toBe(d.input);
    expect(parse(code[1]!)).toBe(d.expr);
  });

  it('a gradient -> one \\nabla result block and one Steps section per variable', () => {
    const md = toMarkdownNote(gradient('1/2*(w*x+b-y)^2', ['w', 'b']), { steps: true, name: 'L' });
    expect(md).toContain('$$\n\\nabla_{w,b} L = \\left( x \\left(w x + b - y\\right), w x + b - y \\right)\n$$');
    expect(md).toContain('**Steps for $\\frac{\\partial L}{\\partial w}$**');
    expect(md).toContain('**Steps for $\\frac{\\partial L}{\\partial b}$**');
    for (const tex of markdownMath(md)) renderBoth(tex);
  });

  it('without steps -> only Input and Result', () => {
    const md = derivative('sin(x^2)', 'x').toMarkdown();
    expect(md.split('\n').filter((l) => l.startsWith('**'))).toEqual(['**Input**', '**Result**']);
  });
});

describe('HTML page', () => {
  const page = derivative('1/2*(w2*max(0,w1*x+b1)+b2-y)^2', 'w1').toHtml({ steps: true });

  it('is standalone: no scripts, no external URLs, every KaTeX font inlined as woff2', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/(?:src|href)=["']?https?:/i);
    expect(page).not.toMatch(/url\((?!data:)/);
    const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css')), 'fonts');
    const woff2 = readdirSync(fontDir).filter((f) => f.endsWith('.woff2'));
    expect(page.match(/url\(data:font\/woff2;base64,/g)?.length).toBe(woff2.length);
  });

  it('shows the input, the result (typeset and as text) and each step, with no KaTeX error', () => {
    expect(page).not.toContain('katex-error');
    expect(page).toContain('<code>w2*x*(w2*max(0, w1*x + b1) + b2 - y)*heaviside(w1*x + b1, 1/2)</code>');
    expect(page.match(/<li data-rule=/g)?.length).toBe(4);
    expect(page).toContain('data-rule="chain"');
    expect(page).toContain('H_{\\frac{1}{2}}\\left(A\\right)'); // max(0, A)'s slope: heaviside(A, 1/2)
  });
});

describe('notes that fit the page', () => {
  it('a wide gradient in Markdown is one equation per partial; a narrow one stays one ∇ line', async () => {
    const { run } = await import('../src/cli/main.js');
    const go = async (argv: string[], stdin?: string): Promise<string> => {
      const out: string[] = [];
      await run(argv, { stdout: (s) => out.push(s), stderr: () => {}, readStdin: () => Promise.resolve(stdin ?? ''), stdinIsTTY: stdin === undefined, color: false });
      return out.join('\n');
    };
    const wide = await go(['1/2*(w2*max(0,w1*x+b1)+b2-y)^2', '--wrt', 'w2,b2,w1,b1', '-f', 'markdown']);
    expect(wide).not.toContain('\\nabla');
    expect(wide.match(/\\frac\{\\partial f\}\{\\partial/g)).toHaveLength(4);
    const narrow = await go(['x*w^2+b^2', '--wrt', 'w,b', '-f', 'markdown']);
    expect(narrow).toContain('\\nabla_{w,b} f');
    const two = await go(['--wrt', 'x', '-f', 'markdown'], 'x^2\nsin(x)\n');
    expect(two.split('\n---\n')).toHaveLength(2);
  });
});

describe('HTML step notes wrap', () => {
  it('the words of a note are HTML text, only the math is typeset', async () => {
    const { derivative } = await import('../src/index.js');
    const html = derivative('1/2*(w2*max(0,w1*x+b1)+b2-y)^2', 'w1').toHtml({ steps: true });
    const notes = [...html.matchAll(/<p class="note">([\s\S]*?)<\/p>/g)].map((m) => m[1]!);
    expect(notes.length).toBeGreaterThan(2);
    expect(notes.some((n) => n.startsWith('chain rule: outer <span class="katex">'))).toBe(true);
    expect(html).not.toContain('katex-error');
  });
});

describe('the library and the command line print one note (src/document/derivative-note.ts)', () => {
  it.each([
    ['sin(x+x^2)', ['x'], true],
    ['x*w^2+b^2', ['w', 'b'], false],
    ['1/2*(w*x+b-y)^2', ['w', 'b'], true],
  ] as const)('%s --wrt %s (steps: %s) -> toMarkdown() and toHtml() are the CLI note', async (f, wrt, steps) => {
    const lib = wrt.length === 1 ? derivative(f, wrt[0]!) : gradient(f, [...wrt]);
    const cli = async (format: string): Promise<string> => {
      const out: string[] = [];
      const io: CliIO = { stdout: (s) => out.push(s), stderr: () => undefined, readStdin: () => Promise.resolve(''), stdinIsTTY: true, color: false };
      expect(await run([f, '--wrt', wrt.join(','), ...(steps ? ['--steps'] : []), '--format', format], io)).toBe(0);
      return out.join('').replace(/\n$/, '');
    };
    const items = wrt.length === 1 ? [lib as Derivative] : [...(lib as Iterable<Derivative>)];
    // The library's note ends with a newline, as a file does; the command line prints its own.
    expect(toMarkdownNote(items, { steps })).toBe(`${await cli('markdown')}\n`);
    expect(toHtmlPage(items, { steps })).toBe(`${await cli('html')}\n`);
  });
});
