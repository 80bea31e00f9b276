/**
 * Programs on the command line, in-process: the backward pass, --expand, --at tables
 * with seed 000's numbers, --sgd, --steps, --file and stdin, every --format (LaTeX
 * rendered by KaTeX with throwOnError), and errors (code, caret, exit status).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { deriv as derivCli, type CliResult } from './helpers/cli.js';
import { renderBoth } from './helpers/render.js';
import { runs } from './helpers/run-seed.js';


const deriv = (argv: readonly string[], stdin?: string): Promise<CliResult> => derivCli(argv, stdin === undefined ? {} : { stdin });

const NET = 'z = w1*x + b1; h = relu(z); y_hat = w2*h + b2; L = (y_hat - y)^2/2';
const AT = 'x=2,y=10,w1=3,b1=1,w2=2,b2=0';
const WRT = 'w2,b2,w1,b1';


describe('text', () => {
  it('the backward pass, then with --at the forward and backward tables (seed 000)', async () => {
    const r = await deriv([NET, '--wrt', WRT, '--at', AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'forward pass:',
        '  z     = w1*x + b1 = 7',
        '  h     = relu(z) = 7',
        '  y_hat = w2*h + b2 = 14',
        '  L     = (y_hat - y)^2/2 = 8',
        'backward pass:',
        '  ∂L/∂y_hat = y_hat - y = 4',
        '  ∂L/∂h     = w2*∂L/∂y_hat = 8',
        '  ∂L/∂z     = heaviside(z)*∂L/∂h = 8',
        '  ∂L/∂w2    = h*∂L/∂y_hat = 28',
        '  ∂L/∂b2    = ∂L/∂y_hat = 4',
        '  ∂L/∂w1    = x*∂L/∂z = 16',
        '  ∂L/∂b1    = ∂L/∂z = 8',
      ].join('\n'),
    );
  });

  it('--expand adds each entry in the inputs, as the inlined formula gives it', async () => {
    const r = await deriv([NET, '--wrt', 'w1', '--expand']);
    const inlined = await deriv(['1/2*(w2*relu(w1*x+b1)+b2-y)^2', '--wrt', 'w1']);
    expect(r.stdout.split('\n').slice(-1)[0]).toBe(`  ∂L/∂w1 = ${inlined.stdout.replace('w2*x', 'x*w2')}`);
  });

  it('--sgd: the parameters and the loss after each step, exact', async () => {
    const r = await deriv([NET, '--wrt', WRT, '--at', AT, '--sgd', '0.01']);
    expect(r.stdout.split('\n').slice(-2)).toEqual(['step 0: w2 = 2, b2 = 0, w1 = 3, b1 = 1, L = 8', 'step 1: w2 = 1.72, b2 = -0.04, w1 = 2.84, b1 = 0.92, L = 0.860672']);
  });

  it('--steps names the rule of each local derivative and ReLU′ at the kink', async () => {
    const r = await deriv([NET, '--wrt', WRT, '--steps']);
    expect(r.stdout).toContain('3. ∂L/∂z = heaviside(z)*∂L/∂h\n   h = relu(z): from the rule table, relu′(z) = heaviside(z), 1 where z > 0, else 0 (0 at the kink z = 0, as in PyTorch); times ∂L/∂h');
  });

  it('a kink at the point is a note on stderr', async () => {
    const r = await deriv([NET, '--wrt', WRT, '--at', 'x=1,y=10,w1=-1,b1=1,w2=2,b2=0']);
    expect(r.stderr).toMatch(/^note: relu\(z\) is at a kink here/);
  });

  it('--file and stdin read the same program; --of picks the function', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-program-'));
    const file = path.join(dir, 'net.txt');
    writeFileSync(file, '# seed 000\nz = w1*x + b1\nh = relu(z)\ny_hat = w2*h + b2\nL = (y_hat - y)^2/2\nM = 2*L\n');
    const fromArg = await deriv([NET, '--wrt', WRT]);
    expect((await deriv(['--file', file, '--of', 'L', '--wrt', WRT])).stdout).toBe(fromArg.stdout);
    expect((await deriv(['--wrt', WRT, '--of', 'L'], NET.replace(/; /g, '\n'))).stdout).toBe(fromArg.stdout);
  });
});

describe('formats', () => {
  it('json: program, wrt, backward, gradient, forward, with exact values', async () => {
    const r = await deriv([NET, '--wrt', WRT, '--at', AT, '--format', 'json']);
    const j = JSON.parse(r.stdout) as { program: { name: string }[]; wrt: string[]; backward: { name: string; text: string; exact: string }[]; gradient: { wrt: string; text: string; exact: string }[]; forward: { name: string; exact: string }[] };
    expect(j.program.map((a) => a.name)).toEqual(['z', 'h', 'y_hat', 'L']);
    expect(j.wrt).toEqual(['w2', 'b2', 'w1', 'b1']);
    expect(j.backward.map((b) => `${b.name}:${b.text}=${b.exact}`)).toEqual(['y_hat:y_hat - y=4', 'h:w2*∂L/∂y_hat=8', 'z:heaviside(z)*∂L/∂h=8', 'w2:h*∂L/∂y_hat=28', 'b2:∂L/∂y_hat=4', 'w1:x*∂L/∂z=16', 'b1:∂L/∂z=8']);
    expect(j.gradient.map((g) => `${g.wrt}=${g.exact}`)).toEqual(['w2=28', 'b2=4', 'w1=16', 'b1=8']);
    expect(j.forward.map((f) => `${f.name}=${f.exact}`)).toEqual(['z=7', 'h=7', 'y_hat=14', 'L=8']);
  });

  it.each([[[]], [['--steps']], [['--at', AT]], [['--expand', '--steps', '--at', AT]]])('latex %j renders in KaTeX', async (extra) => {
    const r = await deriv([NET, '--wrt', WRT, '--format', 'latex', ...extra]);
    expect(r.code).toBe(0);
    for (const block of r.stdout.split('\n\n')) renderBoth(block);
  });

  it.each([[[]], [['--steps']], [['--steps', '--at', AT]]])('markdown %j: every $…$ and $$…$$ renders', async (extra) => {
    const r = await deriv([NET, '--wrt', WRT, '--format', 'markdown', ...extra]);
    expect(r.code).toBe(0);
    const display = [...r.stdout.matchAll(/\$\$\n([\s\S]*?)\n\$\$/g)].map((m) => m[1]!);
    const inline = [...r.stdout.replace(/\$\$\n[\s\S]*?\n\$\$/g, '').matchAll(/\$([^$\n]+)\$/g)].map((m) => m[1]!);
    expect(display.length + inline.length).toBeGreaterThan(2);
    for (const tex of [...display, ...inline]) renderBoth(tex);
  });

  it('html: a standalone page, typeset, with the tables', async () => {
    const r = await deriv([NET, '--wrt', WRT, '--format', 'html', '--steps', '--at', AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout).not.toContain('katex-error');
    expect(r.stdout).toContain('<table class="values">');
  });
});

describe('errors', () => {
  it.each([
    [['z = w*x + b; z = 2'], 'ASSIGNED_TWICE', 2],
    [['z = w*q + b; q = z*2'], 'CYCLE', 2],
    [['z = w*q + b; q = 2*x'], 'USED_BEFORE_ASSIGNED', 2],
    [['exp = w*x; L = exp^2'], 'BAD_VARIABLE', 2],
    [[NET, '--at', 'x=1'], 'BAD_VARIABLE', 2],
    [[NET, '--check', '1'], 'BAD_OPTION', 2],
    [[NET, '--sgd', '0.1'], 'BAD_OPTION', 2],
    [[NET, '--name', 'g'], 'BAD_OPTION', 2], // L = … names the function; --name would name it twice
    [['--file', '/nonexistent/net.txt'], 'BAD_OPTION', 2],
    [['x^2', '--expand'], 'BAD_OPTION', 2],
  ])('%j -> %s (exit %i)', async (argv, code, exit) => {
    const r = await deriv(argv);
    expect(r.code).toBe(exit);
    expect(r.stderr).toMatch(new RegExp(`^error ${code}:`));
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('the caret sits under the offending use', async () => {
    const r = await deriv(['z = w*q + b; q = 2*x']);
    expect(r.stderr.split('\n').slice(1, 3)).toEqual(['  z = w*q + b; q = 2*x', '        ^']);
  });
});

describe('fuzz: programs never crash the command', () => {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('x', 'y', 'w', 'b', 'z', 'h', 'L', 'sin', 'relu', 'pi') },
    { weight: 3, arbitrary: fc.constantFrom(' = ', '=', '==', ';', '\n', '#', ' ') },
    { weight: 3, arbitrary: fc.constantFrom('+', '-', '*', '/', '^', '(', ')', ',', "'") },
    { weight: 2, arbitrary: fc.constantFrom('0', '1', '2', '1/2', '0.5') },
  );
  const soup = fc.array(piece, { minLength: 1, maxLength: 24 }).map((p) => p.join(''));
  const modes: readonly (readonly string[])[] = [[], ['--at', 'x=1,y=2,w=3,b=1/2'], ['--format', 'json', '--expand'], ['--steps', '--format', 'markdown'], ['--shape', 'w=2,x=2']];
  it('random statement soups: a result or a coded error (exit 0, 2, 3 or 4), never an internal error', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(soup, fc.constantFrom(...modes), async (text, extra) => {
        const r = await deriv([...extra, "--", text]);
        seen.add(r.code);
        expect([0, 2, 3, 4], `${JSON.stringify(text)} ${extra.join(' ')}: ${r.stderr}`).toContain(r.code);
        if (r.code !== 0) expect(r.stderr).toMatch(/^error [A-Z_]+: /);
      }),
      { numRuns: runs(300) },
    );
    expect(seen.has(0) && seen.has(2)).toBe(true);
  });
});

describe('json --steps', () => {
  it('per line: the terms with the rule of each local derivative, and the notes in text and LaTeX', async () => {
    const r = await deriv([NET, '--wrt', 'w1', '--steps', '--format', 'json']);
    const j = JSON.parse(r.stdout) as { steps: { name: string; terms: { consumer: string; rule: string; local: string }[]; notes: string[]; latex: string[] }[] };
    expect(j.steps.map((s) => `${s.name}: ${s.terms.map((t) => `${t.consumer}/${t.rule}/${t.local}`).join(', ')}`)).toEqual([
      'y_hat: L/power/y_hat - y',
      'h: y_hat/linear/w2',
      'z: h/function/heaviside(z)',
      'w1: z/linear/x',
    ]);
    for (const s of j.steps) for (const tex of s.latex) renderBoth(tex);
  });
});
