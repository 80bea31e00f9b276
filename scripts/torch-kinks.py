#!/usr/bin/python3
"""Records PyTorch's values and gradients for deriv's PyTorch ops, at their kinks and at ordinary points.

Run once with a Python that has PyTorch (Debian's python3-torch: /usr/bin/python3 scripts/torch-kinks.py);
it writes test/data/torch-kinks.json, which test/torch-values.test.ts reads, so the suite needs no PyTorch.
Each case: deriv's expression, the same in PyTorch (float64 tensors named as the variables; F is
torch.nn.functional), a point, and what autograd gives: the value and the gradient for every variable.
`kink` marks a point where the function is not differentiable (or an argument of max/min ties).
"""
import json
import math
import os
import torch
import torch.nn.functional as F

# (deriv expression, torch expression, point, kink?)
CASES = [
    # kinks, as PyTorch takes them
    ("relu(x)", "F.relu(x)", {"x": 0}, True),
    ("leaky_relu(x)", "F.leaky_relu(x)", {"x": 0}, True),
    ("leaky_relu(x, 0.2)", "F.leaky_relu(x, 0.2)", {"x": 0}, True),
    ("elu(x)", "F.elu(x)", {"x": 0}, True),
    ("elu(x, 2)", "F.elu(x, 2.0)", {"x": 0}, True),
    ("selu(x)", "F.selu(x)", {"x": 0}, True),
    ("celu(x)", "F.celu(x)", {"x": 0}, True),
    ("celu(x, 2)", "F.celu(x, 2.0)", {"x": 0}, True),
    ("hardtanh(x)", "F.hardtanh(x)", {"x": -1}, True),
    ("hardtanh(x)", "F.hardtanh(x)", {"x": 1}, True),
    ("relu6(x)", "F.relu6(x)", {"x": 0}, True),
    ("relu6(x)", "F.relu6(x)", {"x": 6}, True),
    ("hardsigmoid(x)", "F.hardsigmoid(x)", {"x": -3}, True),
    ("hardsigmoid(x)", "F.hardsigmoid(x)", {"x": 3}, True),
    ("hardswish(x)", "F.hardswish(x)", {"x": -3}, True),
    ("hardswish(x)", "F.hardswish(x)", {"x": 3}, True),
    ("clamp(x, lo, hi)", "torch.clamp(x, lo, hi)", {"x": -1, "lo": -1, "hi": 2}, True),
    ("clamp(x, lo, hi)", "torch.clamp(x, lo, hi)", {"x": 2, "lo": -1, "hi": 2}, True),
    ("abs(x)", "torch.abs(x)", {"x": 0}, True),
    ("max(x, y)", "torch.maximum(x, y)", {"x": 1, "y": 1}, True),
    ("min(x, y)", "torch.minimum(x, y)", {"x": 1, "y": 1}, True),
    ("max(0, x)", "torch.maximum(torch.zeros_like(x), x)", {"x": 0}, True),
    ("min(0, x)", "torch.minimum(torch.zeros_like(x), x)", {"x": 0}, True),
    ("max(x, 0)*y", "torch.maximum(x, torch.zeros_like(x))*y", {"x": 0, "y": 3}, True),
    ("max(0, x) + min(0, exp(x) - 1)", "torch.maximum(torch.zeros_like(x), x) + torch.minimum(torch.zeros_like(x), torch.exp(x) - 1)", {"x": 0}, True),
    ("max(0, x) + min(0, 2*(exp(x/2) - 1))", "torch.maximum(torch.zeros_like(x), x) + torch.minimum(torch.zeros_like(x), 2*(torch.exp(x/2) - 1))", {"x": 0}, True),
    ("max(x, 2*x)", "torch.maximum(x, 2*x)", {"x": 0}, True),
    ("logaddexp(x, y)", "torch.logaddexp(x, y)", {"x": 1, "y": 1}, True),
    ("softsign(x)", "F.softsign(x)", {"x": 0}, True),
    ("xlogy(x, y)", "torch.xlogy(x, y)", {"x": 0, "y": 2}, True),
    # ordinary points
    ("erf(x)", "torch.erf(x)", {"x": 0.7}, False),
    ("erfc(x)", "torch.erfc(x)", {"x": -1.3}, False),
    ("erfinv(x)", "torch.erfinv(x)", {"x": 0.6}, False),
    ("gelu(x)", "F.gelu(x)", {"x": -0.8}, False),
    ("gelu_tanh(x)", "F.gelu(x, approximate='tanh')", {"x": 1.4}, False),
    ("leaky_relu(x)", "F.leaky_relu(x)", {"x": -2}, False),
    ("leaky_relu(x, 0.2)", "F.leaky_relu(x, 0.2)", {"x": -2}, False),
    ("elu(x)", "F.elu(x)", {"x": -0.5}, False),
    ("elu(x, 2)", "F.elu(x, 2.0)", {"x": -0.5}, False),
    ("selu(x)", "F.selu(x)", {"x": -0.5}, False),
    ("selu(x)", "F.selu(x)", {"x": 0.5}, False),
    ("celu(x, 2)", "F.celu(x, 2.0)", {"x": -0.5}, False),
    ("silu(x)", "F.silu(x)", {"x": 1.1}, False),
    ("mish(x)", "F.mish(x)", {"x": -0.9}, False),
    ("softsign(x)", "F.softsign(x)", {"x": -2.5}, False),
    ("hardtanh(x)", "F.hardtanh(x)", {"x": 0.3}, False),
    ("relu6(x)", "F.relu6(x)", {"x": 4}, False),
    ("hardsigmoid(x)", "F.hardsigmoid(x)", {"x": 1.2}, False),
    ("hardswish(x)", "F.hardswish(x)", {"x": 1.2}, False),
    ("clamp(x, lo, hi)", "torch.clamp(x, lo, hi)", {"x": 0.5, "lo": -1, "hi": 2}, False),
    ("logsigmoid(x)", "F.logsigmoid(x)", {"x": -1.7}, False),
    ("logit(x)", "torch.logit(x)", {"x": 0.3}, False),
    ("xlogy(x, y)", "torch.xlogy(x, y)", {"x": 1.5, "y": 2.5}, False),
    ("logaddexp(x, y)", "torch.logaddexp(x, y)", {"x": 0.4, "y": -1.1}, False),
    ("hypot(x, y)", "torch.hypot(x, y)", {"x": 3, "y": -4}, False),
    ("rsqrt(x)", "torch.rsqrt(x)", {"x": 2.5}, False),
    ("softplus(x, b)", "F.softplus(x, beta=b.item())", {"x": 0.8, "b": 2}, False),
    ("sinc(x)", "torch.sinc(x)", {"x": 0.3}, False),
    ("lgamma(x)", "torch.lgamma(x)", {"x": 3.7}, False),
    ("digamma(x)", "torch.digamma(x)", {"x": 0.6}, False),
    ("polygamma(2, x)", "torch.polygamma(2, x)", {"x": 1.9}, False),
    # large arguments: no overflow
    ("logaddexp(x, y)", "torch.logaddexp(x, y)", {"x": 1000, "y": 0}, False),
    ("log(exp(x) + exp(y))", "torch.logaddexp(x, y)", {"x": 1000, "y": 0}, False),
    ("log(exp(x) + exp(y))", "torch.logaddexp(x, y)", {"x": -1000, "y": 0}, False),
    ("softplus(x)", "F.softplus(x)", {"x": 1000}, False),
    ("softplus(x)", "F.softplus(x)", {"x": -1000}, False),
    ("log(1 + exp(x))", "F.softplus(x)", {"x": 1000}, False),
    ("sigmoid(x)", "torch.sigmoid(x)", {"x": 1000}, False),
    ("sigmoid(x)", "torch.sigmoid(x)", {"x": -1000}, False),
    ("1/(1 + exp(-x))", "torch.sigmoid(x)", {"x": -1000}, False),
    ("logsigmoid(x)", "F.logsigmoid(x)", {"x": 1000}, False),
    ("logsigmoid(x)", "F.logsigmoid(x)", {"x": -1000}, False),
    ("log(sigmoid(x))", "F.logsigmoid(x)", {"x": -1000}, False),
]

# Where PyTorch's own value is less accurate than float64 (compared to a relative tolerance of 1e-7):
FLOAT32_INSIDE = {
    "hardsigmoid(x)": "its backward multiplies by 1/6 as a float32 constant",
    "digamma(x)": "its backward is torch's trigamma, good to about 1e-9 (polygamma(1, 0.6) = 3.63620967090236, mpmath)",
}


def plain(v):
    return None if math.isnan(v) else v


def record(expr, code, point, kink):
    names = list(point)
    tensors = {k: torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for k, v in point.items()}
    value = eval(code, {"torch": torch, "F": F}, dict(tensors))
    value.backward()
    # Only the variables autograd differentiates (softplus's beta is a Python float to PyTorch).
    grads = {k: plain(tensors[k].grad.item()) for k in names if tensors[k].grad is not None}
    case = {"expr": expr, "torch": code, "point": point, "kink": kink, "value": plain(value.item()), "grad": grads}
    if expr in FLOAT32_INSIDE:
        case["float32"] = FLOAT32_INSIDE[expr]
    return case


def main():
    out = {
        "torch": torch.__version__,
        "note": "written by scripts/torch-kinks.py; PyTorch autograd in float64",
        "cases": [record(*c) for c in CASES],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "test", "data", "torch-kinks.json")
    cases = ",\n  ".join(json.dumps(c) for c in out["cases"])
    with open(path, "w") as f:
        f.write(f'{{\n "torch": {json.dumps(out["torch"])},\n "note": {json.dumps(out["note"])},\n "cases": [\n  {cases}\n ]\n}}\n')
    print(f"{len(out['cases'])} cases, {sum(c['kink'] for c in out['cases'])} at kinks -> {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
