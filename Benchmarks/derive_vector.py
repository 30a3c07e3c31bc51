"""Jacobi's derivations of vector notation beside SymPy's matrix expressions (MatrixSymbol diff), on the vector suite.

Run it through Benchmarks/derive-vector.sh, which builds `jacobi` in release mode first:

    bash Benchmarks/derive-vector.sh                      # every row; writes Benchmarks/VECTOR-SYMPY.md
    bash Benchmarks/derive-vector.sh --ids quadratic-form,ridge --no-sympy

or directly, with a binary you built yourself:

    python3 Benchmarks/derive_vector.py --jacobi .build/release/jacobi [--results FILE.md] [--raw FILE.json]

The rows are those of Tests/DerivationTests/Suite/vector-expressions.tsv (read from that file): Jacobi gets
the row's expression, wrt and bindings as typed. The rows marked for a Hessian in CASES (a number-valued
function of a vector) are run a second time with `--order 2`.

Jacobi: the whole process `jacobi derive EXPR --wrt V --at … --format json [--order 2]` (startup, parse,
lowering to index notation, derivation, matrix form, numeric check, JSON), timed from outside: one warm-up,
then the median of 5 timed runs, each capped at 60 s. steps = the length of the JSON `steps` array (the
`start` step included); Jacobi's form = the JSON's `result` (the last step's `expression`), with its
`definitions` in front; its value = the last step's `value`.

SymPy (vector_sympy.py): the row written by hand with MatrixSymbol (CASES): vectors are n×1 MatrixSymbols,
matrices m×n, with the row's shapes; `@` is `*`, `'` is `.T`; elementwise functions are `applyfunc`
(ElementwiseApplyFunction), `v^2` is HadamardPower, `a * x` of two vectors HadamardProduct, `sum(v)` is
vᵀ·OneMatrix(n, 1), a number broadcast to a vector (1 + v) is OneMatrix(n, 1) + v. What SymPy has no
function for is written from its definition (sigmoid, softplus and relu as Lambdas, softmax as
exp(u)·(Σexp(u))⁻¹, cross_entropy as −yᵀlog(p), logsumexp as log(Σexp(z))), and the report says so. In a
fresh worker process: `expr.diff(V)` (twice for a Hessian), then `sympy.simplify`, timed in-process (import
and construction not timed); the median of 3 runs when the first takes under 1 s, SymPy's cache cleared
before each. Each run is capped at 30 s with signal.setitimer, the worker as a whole by a subprocess
timeout as a backstop. The sizes are first symbols (x is MatrixSymbol('x', n, 1)); when that attempt raises,
times out or its result cannot be evaluated, the row is run again with the concrete sizes of its bindings
(MatrixSymbol('x', 3, 1)), and the table says which, and why. A timeout or an exception is a recorded
result, never dropped.

Checks (vector_report.py): SymPy's derivative (before simplify) is evaluated at the row's bindings, by
SymPy's own as_explicit or, where that fails, by sympy_values.py's NumPy reading of its nodes, and compared
with the value of Jacobi's last step, singleton axes dropped on both sides: |a − b| ≤ 1e-8·max(1, |a|, |b|)
everywhere, as laid out, or else transposed (SymPy lays out the derivative of a vector by a vector as
∂yⱼ/∂xᵢ at (i, j), Jacobi as a Jacobian, rows = outputs). As a referee independent of both derivatives, the
worker also takes central finite differences of the SymPy input itself (h = 1e-6) for first derivatives:
when SymPy and Jacobi disagree this says which one the function's own numbers side with, and when the
finite differences disagree with Jacobi the translation (or Jacobi) is wrong.
"""

import argparse
import datetime
import json
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vector_sympy  # noqa: E402
from benchlib import ROOT, fmt_ms, load, median_ms, run_once  # noqa: E402
from vector_report import agreement, report  # noqa: E402

JACOBI_TIMEOUT_S = 60.0
JACOBI_RUNS = 5
WARMUP_COUNTS_S = 5.0  # a Jacobi warm-up slower than this counts as the first timed run

SUITE = os.path.join(ROOT, "Tests", "DerivationTests", "Suite", "vector-expressions.tsv")

# The SymPy side of every row. The text is Python evaluated in a namespace holding the row's bindings (vectors
# and matrices as MatrixSymbols of the shapes given, numbers as real Symbols; `lambda` is spelled `lam`) and
# the helpers of HELPERS; the shapes name size symbols (n, m, h) or 1, and each size is read from the first
# binding that has it. `hessian` marks the rows also run with --order 2; `written` lists what SymPy has no
# function for and is written from its definition.
V_N = ("n", 1)
V_M = ("m", 1)
CASES = [
    # id, SymPy text, shapes, written out, hessian
    ("quadratic-form", "x.T*A*x", {"A": ("n", "n"), "x": V_N}, [], True),
    ("quadratic-form-wrt-matrix", "x.T*A*x", {"A": ("n", "n"), "x": V_N}, [], False),
    ("linear-form", "a.T*x", {"a": V_N, "x": V_N}, [], True),
    ("linear-form-right", "x.T*a", {"a": V_N, "x": V_N}, [], True),
    ("bilinear-matrix", "a.T*X*b", {"a": V_M, "X": ("m", "n"), "b": V_N}, [], False),
    ("bilinear-transposed", "a.T*X.T*b", {"a": V_N, "X": ("m", "n"), "b": V_M}, [], False),
    ("bilinear-two-vectors", "x.T*A*y", {"x": V_M, "A": ("m", "n"), "y": V_N}, [], False),
    ("least-squares", "S(HP(A*x - b, 2))", {"A": ("m", "n"), "x": V_N, "b": V_M}, ["sum"], True),
    ("least-squares-mean", "mean(HP(X*w - y, 2))", {"X": ("m", "n"), "w": V_N, "y": V_M}, ["mean"], True),
    ("ridge", "S(HP(X*w - y, 2)) + lam*S(HP(w, 2))", {"X": ("m", "n"), "w": V_N, "y": V_M}, ["sum"], True),
    ("weight-decay", "0.5*S(HP(w, 2))", {"w": V_N}, ["sum"], True),
    ("squared-norm", "x.T*x", {"x": V_N}, [], True),
    ("sum-of-squares", "S(HP(z, 2))", {"z": V_N}, ["sum"], True),
    ("dot-product", "a.T*x", {"a": V_N, "x": V_N}, ["dot"], True),
    ("elementwise-product-sum", "S(HM(a, x))", {"a": V_N, "x": V_N}, ["sum"], True),
    ("squared-linear", "HP(a.T*x, 2)", {"a": V_N, "x": V_N}, [], True),
    ("sum-exp", "S(EW(exp, z))", {"z": V_N}, ["sum"], True),
    ("logsumexp", "lse(z)", {"z": V_N}, ["logsumexp", "sum"], True),
    ("log-sum-exp-linear", "EW(log, S(EW(exp, W*x)))", {"W": ("m", "n"), "x": V_N}, ["sum"], True),
    ("linear-map", "W*x", {"W": ("m", "n"), "x": V_N}, [], False),
    ("affine-bias", "W*x + b", {"W": ("m", "n"), "x": V_N, "b": V_M}, [], False),
    ("tanh-layer", "EW(tanh, W*x)", {"W": ("m", "n"), "x": V_N}, [], False),
    ("sigmoid-layer", "EW(sigmoid, W*x)", {"W": ("m", "n"), "x": V_N}, ["sigmoid"], False),
    ("logistic-loss", "S(EW(log, ones(m) + EW(exp, HM(-y, X*w))))", {"X": ("m", "n"), "w": V_N, "y": V_M},
     ["sum"], True),
    ("binary-cross-entropy",
     "S(HM(y, EW(log, EW(sigmoid, X*w))) + HM(ones(m) - y, EW(log, ones(m) - EW(sigmoid, X*w))))",
     {"X": ("m", "n"), "w": V_N, "y": V_M}, ["sigmoid", "sum"], True),
    ("softplus-sum", "S(EW(softplus, X*w))", {"X": ("m", "n"), "w": V_N}, ["softplus", "sum"], True),
    ("sigmoid-sum", "S(EW(sigmoid, X*w))", {"X": ("m", "n"), "w": V_N}, ["sigmoid", "sum"], True),
    ("relu-sum", "S(EW(relu, W*x))", {"W": ("m", "n"), "x": V_N}, ["relu", "sum"], True),
    ("softmax-regression-weights", "xent(softmax(W*x), y)", {"W": ("m", "n"), "x": V_N, "y": V_M},
     ["softmax", "cross_entropy"], False),
    ("softmax-regression-input", "xent(softmax(W*x), y)", {"W": ("m", "n"), "x": V_N, "y": V_M},
     ["softmax", "cross_entropy"], True),
    ("two-layer-second-weights", "S(HP(W2*EW(tanh, W1*x) - y, 2))",
     {"W1": ("h", "n"), "W2": ("m", "h"), "x": V_N, "y": V_M}, ["sum"], False),
    ("two-layer-first-weights", "S(HP(W2*EW(tanh, W1*x) - y, 2))",
     {"W1": ("h", "n"), "W2": ("m", "h"), "x": V_N, "y": V_M}, ["sum"], False),
    ("two-layer-relu-softmax", "xent(softmax(W2*EW(relu, W1*x)), y)",
     {"W1": ("h", "n"), "W2": ("m", "h"), "x": V_N, "y": V_M}, ["relu", "softmax", "cross_entropy"], False),
    ("gaussian-mean", "S(HP(x - mu, 2))/s", {"x": V_N, "mu": V_N}, ["sum"], True),
]


def read_suite():
    """[(id, expression, wrt, bindings text, expected, source)] in the file's order."""
    with open(SUITE, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    return [tuple(line.split("\t")[:6]) for line in lines[1:]]


def parse_bindings(text):
    """'A = [[1, 2]]; x = [0.3, -1.2]; s = 2' → {'A': [[1, 2]], 'x': [0.3, -1.2], 's': 2}."""
    out = {}
    for part in text.split(";"):
        name, value = part.split("=", 1)
        out[name.strip()] = json.loads(value)
    return out


def sizes_of(values, shapes):
    """{size symbol: length}, each read from the first binding whose shape names it."""
    sizes = {}
    for name, shape in shapes.items():
        v = values[name]
        actual = (len(v), len(v[0])) if isinstance(v[0], list) else (len(v), 1)
        for symbol, length in zip(shape, actual):
            if isinstance(symbol, str):
                if sizes.setdefault(symbol, length) != length:
                    raise ValueError(f"{name}: {symbol} is {sizes[symbol]} elsewhere, {length} here")
            elif symbol != length:
                raise ValueError(f"{name} has shape {actual}, CASES says {shape}")
    return sizes


# ---------------------------------------------------------------------------------------------------------
# Jacobi


def run_jacobi(jacobi, expr, wrt, bindings, order):
    argv = [jacobi, "derive", expr, "--wrt", wrt, "--format", "json"]
    if order == 2:
        argv += ["--order", "2"]
    for binding in bindings:
        argv += ["--at", binding]
    record = {"timeout": False, "argv": argv[1:]}
    warm, done = run_once(argv, JACOBI_TIMEOUT_S)
    if warm is None:
        record["timeout"] = True
        return record
    record["status"] = done.returncode
    try:
        out = json.loads(done.stdout)
    except json.JSONDecodeError:
        record["error"] = (done.stderr.strip().splitlines() or [f"exit {done.returncode}, no JSON"])[0][:200]
        return record
    steps = out.get("steps", [])
    last = steps[-1] if steps else {}
    record.update(
        steps=len(steps),
        complete=bool(out.get("complete")),
        stopped=out.get("stopped"),
        agrees=(out.get("check") or {}).get("agrees"),
        definitions=out.get("definitions", []),
        assumptions=out.get("assumptions", []),
        form=out.get("result") or last.get("expression", ""),
        last_rule=last.get("rule", ""),
        value=last.get("value"),
    )
    if record["value"] is None:  # compare with the last step that has a value, and say so
        for step in reversed(steps):
            if step.get("value") is not None:
                record.update(value=step["value"], value_from=step.get("rule", "?"))
                break
    ms = median_ms(argv, warm, JACOBI_RUNS, WARMUP_COUNTS_S, JACOBI_TIMEOUT_S)
    if ms is None:
        record["timeout"] = True
        return record
    record["ms"] = ms
    return record


def startup_ms(argv, runs):
    """The median wall time of a whole process that does (almost) nothing, for scale."""
    warm, _ = run_once(argv, 60)
    return median_ms(argv, warm or 0, runs, WARMUP_COUNTS_S, 60) or float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jacobi", help="the release-built jacobi binary")
    parser.add_argument("--results", help="write the Markdown report to this file")
    parser.add_argument("--ids", help="comma-separated suite ids (default: every row)")
    parser.add_argument("--no-sympy", action="store_true", help="Jacobi only")
    parser.add_argument("--no-hessians", action="store_true", help="first derivatives only")
    parser.add_argument("--swift-version", default="")
    parser.add_argument("--command", default="bash Benchmarks/derive-vector.sh")
    parser.add_argument("--raw", help="also write every record, as JSON, to this file")
    args = parser.parse_args()

    if not args.jacobi:
        parser.error("--jacobi is required")

    import numpy
    import sympy

    suite = read_suite()
    cases = {c[0]: c for c in CASES}
    missing = [row[0] for row in suite if row[0] not in cases]
    if missing:
        parser.error(f"suite rows without a SymPy translation in CASES: {', '.join(missing)}")
    if args.ids:
        wanted = args.ids.split(",")
        unknown = set(wanted) - set(cases)
        if unknown:
            parser.error(f"not in the suite: {', '.join(sorted(unknown))}")
        suite = [row for row in suite if row[0] in wanted]

    started = datetime.datetime.now()
    load_before = load()
    settings = {"jacobi_timeout_s": JACOBI_TIMEOUT_S, "jacobi_runs": JACOBI_RUNS,
                "jacobi_startup_ms": startup_ms([args.jacobi, "--version"], JACOBI_RUNS),
                "sympy_import_ms": startup_ms([sys.executable, "-c", "import sympy"], 3)}
    rows = []
    for order in (1, 2):
        for cid, expr, wrt, binding_text, expected, source in suite:
            _, sympy_expr, shapes, written, hessian = cases[cid]
            if order == 2 and (args.no_hessians or not hessian):
                continue
            values = parse_bindings(binding_text)
            bindings = [b.strip() for b in binding_text.split(";")]
            r = run_jacobi(args.jacobi, expr, wrt, bindings, order)
            attempts = []
            if not args.no_sympy:
                spec = {"expr": sympy_expr, "wrt": wrt, "shapes": shapes, "values": values, "order": order,
                        "sizes": sizes_of(values, shapes), "timeout": vector_sympy.SYMPY_TIMEOUT_S, "mode": "symbolic"}
                attempts.append(vector_sympy.run(spec))
                if vector_sympy.failed(attempts[0]) and not vector_sympy.not_expressible(attempts[0]):
                    attempts.append(vector_sympy.run(dict(spec, mode="concrete")))
            row = dict(id=cid, order=order, expr=expr, wrt=wrt, bindings=binding_text, expected=expected,
                       source=source, sympy_expr=sympy_expr, shapes=shapes, written=written,
                       sizes=sizes_of(values, shapes), jacobi=r, attempts=attempts)
            rows.append(row)
            s = attempts[-1] if attempts else None
            tried = " → ".join(a["mode"] + (": " + vector_sympy.failed(a) if vector_sympy.failed(a) else "")
                               for a in attempts)
            print(f"  {cid + (' (order 2)' if order == 2 else ''):38} jacobi "
                  f"{fmt_ms(r['ms']) if r.get('ms') else '—':>6} ms  steps {r.get('steps', '—'):>3}  sympy {tried}"
                  f"  agree {agreement(r, s)}", file=sys.stderr, flush=True)
    finished = datetime.datetime.now()

    if args.raw:
        with open(args.raw, "w") as out:
            json.dump(rows, out, indent=1)
    versions = (f"{args.swift_version or 'Swift'}; SymPy {sympy.__version__}; NumPy {numpy.__version__}; "
                f"Python {platform.python_version()}")
    text = "\n".join(report(args, rows, started, finished, load_before, versions, settings)) + "\n"
    print(text)
    if args.results:
        with open(args.results, "w") as out:
            out.write(text)


if __name__ == "__main__":
    main()
