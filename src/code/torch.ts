/**
 * --format torch: matrix-form derivatives as PyTorch, with a ready-to-run check against torch.autograd (the
 * check seed 004 teaches). The formulas are the NumPy code's own text (src/code/matrix.ts), run on tensors
 * through a small `np` that maps NumPy's names onto torch's (axis → dim, keepdims → keepdim, floats →
 * tensors), so what is checked is exactly what --format numpy prints. The file defines the function, its
 * derivatives and `check()`: random float64 inputs (sizes 2…4, square matrices made well conditioned,
 * cross_entropy targets one-hot), autograd's gradient (or torch.autograd.functional.hessian), and the largest
 * difference per variable; run as a script it prints them and exits 1 when any disagrees.
 */
import type { MatrixDerivative } from '../matrix/api.js';
import type { ParameterOptions } from './ir.js';
import { numpyParts } from './matrix.js';

const SHIM = `class _TorchAsNumpy:
    """NumPy's names over torch, so the NumPy formulas run on tensors (and autograd follows them)."""

    _names = {"max": torch.amax, "min": torch.amin, "float64": lambda x: torch.as_tensor(x, dtype=torch.float64), "power": torch.pow,
              "outer": lambda a, b: torch.outer(torch.flatten(a), torch.flatten(b))}
    pi, e, inf, nan = math.pi, math.e, math.inf, math.nan

    class linalg:
        norm = staticmethod(lambda v, ord=None: torch.linalg.norm(v, ord))
        det = staticmethod(torch.linalg.det)
        inv = staticmethod(torch.linalg.inv)
        slogdet = staticmethod(torch.linalg.slogdet)

    def __getattr__(self, name):
        f = self._names.get(name) or getattr(torch, name)

        def call(*args, **kwargs):
            args = [torch.tensor(a) if isinstance(a, float) else a for a in args]
            kwargs = {{"axis": "dim", "keepdims": "keepdim"}.get(k, k): v for k, v in kwargs.items()}
            return f(*args, **kwargs)

        return call


np = _TorchAsNumpy()`;

export function matrixTorch(results: readonly MatrixDerivative[], options: ParameterOptions & { readonly name?: string | undefined } = {}): string {
  const p = numpyParts(results, { ...options, withFunction: true });
  const d = results[0]!;
  const sizes = d.sizeNames();
  const oneHot = new Set(d.oneHotTargets());
  const hessian = d.kind === 'hessian';
  // Each input drawn with its declared shape: sizes by name, a vector 1-D, a scalar 0-D.
  const dimText = (x: string | number): string => (typeof x === 'number' ? String(x) : `size[${JSON.stringify(x)}]`);
  const inputs = p.params.map(({ id, variable }) => {
    const s = d.shapeOf(variable);
    const shape = s.rows === 1 && s.cols === 1 ? '()' : s.cols === 1 ? `(${dimText(s.rows)},)` : `(${dimText(s.rows)}, ${dimText(s.cols)})`;
    if (oneHot.has(variable)) return `        ${JSON.stringify(id)}: torch.eye(${dimText(s.cols)})[torch.randint(0, ${dimText(s.cols)}, (${dimText(s.rows)},), generator=g)],`;
    const square = s.cols !== 1 && s.rows === s.cols ? ` + ${dimText(s.rows)} * torch.eye(${dimText(s.rows)})` : '';
    return `            ${JSON.stringify(id)}: torch.randn(${shape}, generator=g)${square},`;
  });
  const wrt = results.map((r) => JSON.stringify(p.params.find((q) => q.variable === r.wrt)?.id ?? r.wrt));
  const expected = hessian
    ? `            expected = torch.autograd.functional.hessian(lambda t: ${p.name}(**{**inputs, name: t}), inputs[name])`
    : `            expected = torch.autograd.grad(${p.name}(**inputs), inputs[name], allow_unused=True)[0]`;
  return [
    'import math',
    '',
    'import torch',
    '',
    'torch.set_default_dtype(torch.float64)',
    '',
    '',
    SHIM,
    '',
    '',
    ...p.helpers.flatMap((def) => [def, '', '']),
    ...p.func,
    '',
    '',
    ...p.gradient,
    '',
    '',
    `def check(points=3, seed=0, tolerance=1e-8):`,
    `    """Compares ${p.functionName} with torch.autograd at random points; True when every entry agrees."""`,
    '    g = torch.Generator().manual_seed(seed)',
    '    agree = True',
    '    for _ in range(points):',
    `        size = {${sizes.map((s) => `${JSON.stringify(s)}: int(torch.randint(2, 5, (), generator=g))`).join(', ')}}`,
    '        inputs = {',
    ...inputs,
    '        }',
    '        inputs = {k: v.clone().requires_grad_(v.is_floating_point()) for k, v in inputs.items()}',
    `        got = ${p.functionName}(**inputs)`,
    `        for name in [${wrt.join(', ')}]:`,
    expected,
    '            expected = torch.zeros_like(inputs[name]) if expected is None else expected',
    '            mine = torch.broadcast_to(torch.as_tensor(got[name], dtype=torch.float64), expected.shape)',
    '            difference = float((mine - expected).abs().max())',
    '            ok = difference <= tolerance * (1 + float(expected.abs().max()))',
    '            agree = agree and ok',
    `            print(f"{name}: largest difference {difference:.3g}, {'agrees' if ok else 'DISAGREES'} with torch.autograd")`,
    '    return agree',
    '',
    '',
    'if __name__ == "__main__":',
    '    raise SystemExit(0 if check() else 1)',
  ].join('\n');
}
