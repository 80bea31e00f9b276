/**
 * --format torch (issue 24): the derivatives as PyTorch with a ready-to-run check against torch.autograd.
 * Every generated file is run with /usr/bin/python3 where PyTorch is installed (Debian's python3-torch):
 * its check() must agree with autograd at its random points, for gradients (the batched MLP with
 * cross-entropy, det/logdet/inv, norms) and Hessians. Where PyTorch is missing the run says SKIPPED.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';

const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

async function deriv(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => '', stdinIsTTY: true, color: false });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const MLP_SHAPES = 'X=n×d,W1=h×d,b1=h,W2=k×h,b2=k,Y=n×k';
const CASES: readonly (readonly [string, readonly string[]])[] = [
  ['the batched MLP with cross-entropy', ["cross_entropy(relu(X*W1' + b1)*W2' + b2, Y)", '--wrt', 'W1,b1,W2,b2', '--shape', MLP_SHAPES]],
  ['the MLP as a program', ["H = relu(X*W1' + b1); Z = H*W2' + b2; L = cross_entropy(Z, Y)", '--wrt', 'W1,b1,W2,b2', '--shape', MLP_SHAPES]],
  ['log_softmax written out, tanh layer', ["-mean(Y.*log_softmax(tanh(X*W' + b)))", '--wrt', 'W,b', '--shape', 'X=n×d,W=k×d,b=k,Y=n×k']],
  ['det, logdet, inv, norms', ['logdet(A) + tr(inv(A)*B) + det(A) + norm1(x) + norm(A*x)', '--wrt', 'A,x', '--shape', 'A=n×n,B=n×n,x=n']],
  ['logsumexp and softmax of a vector', ['logsumexp(x) + dot(softmax(x), y)', '--wrt', 'x', '--shape', 'x=n,y=n']],
  ['the largest entry of a batch', ["max(X*w) + mean(sigmoid(X*w))", '--wrt', 'w', '--shape', 'X=n×d,w=d']],
  ['least-squares Hessian', ['mean((X*w - y).^2)', '--wrt', 'w', '--shape', 'X=n×d,w=d,y=n', '--hessian']],
  ['logistic-regression Hessian', ['-mean(y.*log(sigmoid(X*w)) + (1-y).*log(1-sigmoid(X*w)))', '--wrt', 'w', '--shape', 'X=n×d,w=d,y=n', '--hessian']],
];

describe('--format torch', () => {
  it.each(CASES)('%s -> a file whose check() agrees with torch.autograd', async (_, argv) => {
    const r = await deriv([...argv, '--format', 'torch']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('def check(');
    expect(r.stdout).toContain('torch.autograd');
    if (!hasTorch) {
      console.warn(`SKIPPED: running the generated PyTorch needs ${PYTHON} with torch`);
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'deriv-torch-'));
    try {
      const file = path.join(dir, 'check.py');
      writeFileSync(file, r.stdout);
      const ran = spawnSync(PYTHON, ['-W', 'error::UserWarning', file], { encoding: 'utf8', timeout: 120_000 });
      expect(ran.status, `${ran.stdout}\n${ran.stderr}`).toBe(0);
      const lines = ran.stdout.trim().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/: largest difference \S+, agrees with torch\.autograd$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it.each([
    [['x^2', '--format', 'torch'], 'BAD_OPTION'],
    [['mean((X*w - y).^2)', '--shape', 'X=n×d,w=d,y=n', '--format', 'torch', '--at', 'X=[[1]],w=[1],y=[1]'], 'BAD_OPTION'],
  ])('%j -> %s', async (argv, code) => {
    const r = await deriv(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(code);
  });
});
