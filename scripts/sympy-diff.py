"""Reads JSON lines {"expr": "...", "wrt": "x"} on stdin; prints JSON lines {"diff": "..."} with SymPy's diff.

Used by test/sympy-length.test.ts to compare output lengths with SymPy (the test skips when SymPy is absent).
The expression syntax is deriv's text output, which SymPy reads with convert_xor (^ as power).
"""
import json
import sys

from sympy import Symbol, diff
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

TRANSFORMS = standard_transformations + (convert_xor,)

for line in sys.stdin:
    item = json.loads(line)
    names = {n: Symbol(n) for n in item.get("names", [])}
    try:
        f = parse_expr(item["expr"], local_dict=names, transformations=TRANSFORMS)
        print(json.dumps({"diff": str(diff(f, names.get(item["wrt"], Symbol(item["wrt"]))))}), flush=True)
    except Exception as e:  # report, the test decides
        print(json.dumps({"error": str(e)}), flush=True)
