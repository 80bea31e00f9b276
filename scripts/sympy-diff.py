"""Reads JSON lines {"expr": "...", "wrt": "x", "simplify": false} on stdin; prints JSON lines {"diff": "..."} with
SymPy's diff, or with simplify(diff(...)) when "simplify" is true (at most 5 s each: past that, {"error": "timeout"}).

Used by test/sympy-length.test.ts to compare output lengths with SymPy (the test skips when SymPy is absent).
The expression syntax is deriv's text output, which SymPy reads with convert_xor (^ as power).
"""
import json
import signal
import sys

from sympy import Symbol, diff, simplify
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

TRANSFORMS = standard_transformations + (convert_xor,)


def on_alarm(signum, frame):
    raise TimeoutError("timeout")


signal.signal(signal.SIGALRM, on_alarm)

for line in sys.stdin:
    item = json.loads(line)
    names = {n: Symbol(n) for n in item.get("names", [])}
    try:
        f = parse_expr(item["expr"], local_dict=names, transformations=TRANSFORMS)
        d = diff(f, names.get(item["wrt"], Symbol(item["wrt"])))
        if item.get("simplify"):
            signal.alarm(5)
            try:
                d = simplify(d)
            finally:
                signal.alarm(0)
        print(json.dumps({"diff": str(d)}), flush=True)
    except Exception as e:  # report, the test decides
        print(json.dumps({"error": str(e)}), flush=True)
