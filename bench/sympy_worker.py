"""SymPy side of the benchmark: one JSON case per stdin line, one JSON answer per line.

Timed: sympy.diff on the already-parsed expression, one call per partial (parsing and printing are not
timed, which favours SymPy). SymPy's cache is cleared before every run, so a repeat does not just look up
the previous answer. Mirrors bench/timing.mjs: first run; unless it took over a second, repeats for ~0.4 s
and at least MIN_REPEATS; the median of the repeats.
When the case asks for them ("wantTexts") and they total at most MAX_TEXT_CHARS, the answer carries the printed
partials (str(d)) as "texts", for the node size of bench/size.mjs.
"""
import json
import sys
import time

sys.setrecursionlimit(100000)

from sympy import Symbol, Function, sin, diff, Float  # noqa: E402
from sympy.core.cache import clear_cache  # noqa: E402
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations  # noqa: E402

TRANSFORMS = standard_transformations + (convert_xor,)
BUDGET = 0.4
MAX_REPS = 5000
MIN_REPEATS = 3
MAX_CHECKED = 12
MAX_TEXT_CHARS = 300000  # as bench/size.mjs


def checked(wrt):
    if len(wrt) <= MAX_CHECKED:
        return list(wrt)
    step = len(wrt) / MAX_CHECKED
    return [wrt[int(i * step + step / 2)] for i in range(MAX_CHECKED)]


def build(case, names):
    nest = case.get("nest")
    if nest:
        f = names[nest["inner"]]
        for _ in range(nest["depth"]):
            f = sin(f)
        return f
    local = dict(names)
    local["max"] = __import__("sympy").Max
    return parse_expr(case["peerText"], local_dict=local, transformations=TRANSFORMS)


def answer(case):
    names = {n: Symbol(n) for n in case["point"]}
    f = build(case, names)
    print(json.dumps({"progress": True}), flush=True)  # f is read: the limit restarts for the timed work
    wrt = [names[v] for v in case["wrt"]]
    def once():
        clear_cache()
        t0 = time.perf_counter()
        ds = [diff(f, v) for v in wrt]
        return ds, (time.perf_counter() - t0) * 1000

    ds, first = once()
    repeats = []
    spent = 0.0
    if first < 1000:
        while (spent < BUDGET * 1000 or len(repeats) < MIN_REPEATS) and len(repeats) < MAX_REPS:
            ds, ms = once()
            repeats.append(ms)
            spent += ms
    times = sorted(repeats) if repeats else [first]
    texts = [str(d) for d in ds]
    subs = {names[k]: Float(v, 17) for k, v in case["point"].items()}
    values = {}
    for v in checked(case["wrt"]):
        d = ds[case["wrt"].index(v)]
        try:
            values[v] = float(d.xreplace(subs).evalf())
        except Exception as e:  # an unevaluated Derivative or a symbolic leftover
            values[v] = "evaluation failed: " + str(e)[:80]
    size = sum(len(t) for t in texts)
    out = {"medianMs": times[len(times) // 2], "firstMs": first, "runs": 1 + len(repeats), "size": size, "values": values}
    if case.get("wantTexts") and size <= MAX_TEXT_CHARS:
        out["texts"] = texts
    return out


for line in sys.stdin:
    if not line.strip():
        continue
    try:
        out = answer(json.loads(line))
    except Exception as e:
        out = {"error": (type(e).__name__ + ": " + str(e)).splitlines()[0][:120]}
    print(json.dumps(out), flush=True)
