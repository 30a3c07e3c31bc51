"""How Jacobi's derivations grow with nesting depth, and how long they take, beside SymPy in the same run.

Run through Benchmarks/derive-growth.sh, which builds `jacobi` in release mode first.

For each input, Jacobi is the whole process `jacobi derive EXPR --wrt VAR --format json --at …` (startup,
parse, derivation, numeric check and JSON output), timed from outside with time.perf_counter: one warm-up
run, then the median of 5 timed runs (when the warm-up takes over 5 s it counts as the first of the 5).
Every run is capped at 60 s; a run that hits the cap is recorded as "timeout" and the input is not run again.

SymPy runs the same input in a fresh worker process (this file with --sympy-worker): sympy.diff, then
sympy.simplify of the derivative, timed in-process with time.perf_counter (the import and the parse are not
timed); the median of 3 runs when the first takes under 1 s, else that one run. Each run is capped at 60 s
with signal.alarm, and the worker as a whole with a subprocess timeout as a backstop; a timeout or an
exception is a recorded result. SymPy's simplified derivative is then evaluated at the same point and
compared with the value Jacobi reports for the derivative (relative difference ≤ 1e-8).
"""

import argparse
import datetime
import json
import os
import platform
import resource
import signal
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import fmt_ms, load, machine, median_ms, run_once, run_worker  # noqa: E402

TIMEOUT_S = 60.0
JACOBI_RUNS = 5
SYMPY_RUNS = 3
SYMPY_FAST_S = 1.0  # a first SymPy run faster than this is repeated for a median of 3
WARMUP_COUNTS_S = 5.0  # a Jacobi warm-up slower than this counts as the first timed run
STEP_LIMIT = 200  # Strategy.maximumSteps: a derivation that stops there has 1 + 200 steps in the JSON
X = 0.3

# Nesting families: (name, what one level does to q, how depth d is spelled). q starts as x.
FAMILIES = [
    ("sigmoid", "q ← sigmoid(q)", lambda q, d: f"sigmoid({q})"),
    ("tanh", "q ← tanh(q)", lambda q, d: f"tanh({q})"),
    ("softplus", "q ← softplus(q)", lambda q, d: f"softplus({q})"),
    ("softsign", "q ← softsign(q)", lambda q, d: f"softsign({q})"),
    ("exp", "q ← exp(0.1*q) (scaled to stay finite)", lambda q, d: f"exp(0.1*{q})"),
    ("log1p", "q ← log(1+q)", lambda q, d: f"log(1+{q})"),
    ("mix", "q ← sigmoid, tanh, softplus in turn (level 1 sigmoid, innermost)",
     lambda q, d: f"{('sigmoid', 'tanh', 'softplus')[(d - 1) % 3]}({q})"),
    ("spelled σ", "q ← exp(q)/(1+exp(q)) (the sigmoid written out; the text doubles per level)",
     lambda q, d: f"exp({q})/(1+exp({q}))"),
]

# Vector entries: (name, Jacobi's typed expression, with respect to).
VECTOR_AT = ["z=[2,1,0.1]", "y=[0,1,0]", "T=2"]
VECTOR_CASES = [
    ("softmax element ∂p_i/∂z_j", "exp(z_i)/sum_k(exp(z_k))", "z_j"),
    ("cross-entropy after softmax", "cross_entropy(softmax(z), y)", "z_j"),
    ("logsumexp gradient", "log(sum_k(exp(z_k)))", "z_j"),
    ("log_softmax", "log_softmax(z)_i", "z_j"),
    ("temperature softmax", "exp(z_i/T)/sum_k(exp(z_k/T))", "z_j"),
]
# The same entries as SymPy writes them (IndexedBase, Sum over k = 1…n with n = 3, expanded by .doit()).
SYMPY_VECTOR_FORMS = {
    "softmax element ∂p_i/∂z_j": "exp(z[i])/Sum(exp(z[k]), (k, 1, 3))",
    "cross-entropy after softmax": "-Sum(y[k]*log(exp(z[k])/Sum(exp(z[m]), (m, 1, 3))), (k, 1, 3))",
    "logsumexp gradient": "log(Sum(exp(z[k]), (k, 1, 3)))",
    "log_softmax": "log(exp(z[i])/Sum(exp(z[k]), (k, 1, 3)))",
    "temperature softmax": "exp(z[i]/T)/Sum(exp(z[k]/T), (k, 1, 3))",
}


def nest(family, depth):
    _, _, level = family
    q = "x"
    for d in range(1, depth + 1):
        q = level(q, d)
    return q


# ---------------------------------------------------------------------------------------------------------
# SymPy worker (a separate process, so that a timeout or a blow-up never takes the benchmark down)


class Alarm(Exception):
    pass


def sympy_scalar_locals(sp, x):
    return {
        "x": x,
        "exp": sp.exp, "log": sp.log, "tanh": sp.tanh,
        "sigmoid": lambda u: 1 / (1 + sp.exp(-u)),
        "softplus": lambda u: sp.log(1 + sp.exp(u)),
        "softsign": lambda u: u / (1 + sp.Abs(u)),
    }


def sympy_worker(spec):
    resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))  # a MemoryError rather than the OOM killer
    import sympy as sp

    def on_alarm(signum, frame):
        raise Alarm()

    signal.signal(signal.SIGALRM, on_alarm)
    timeout = spec["timeout"]
    out = {"runs": []}
    try:
        if spec["kind"] == "scalar":
            x = sp.Symbol("x", real=True)
            expr = sp.parse_expr(spec["expr"], local_dict=sympy_scalar_locals(sp, x))
            var = x
            points = [([{x: sp.Float(X)}], None)]
        else:
            z, y = sp.IndexedBase("z", real=True), sp.IndexedBase("y", real=True)
            i, j, k, m = sp.symbols("i j k m", integer=True, positive=True)
            T = sp.Symbol("T", positive=True)
            names = {"z": z, "y": y, "i": i, "j": j, "k": k, "m": m, "T": T, "Sum": sp.Sum, "exp": sp.exp,
                     "log": sp.log}
            expr = sp.parse_expr(spec["expr"], local_dict=names).doit()
            var = z[j]
            zv, yv = [2, 1, 0.1], [0, 1, 0]
            base = {T: 2}
            base.update({z[a + 1]: sp.Float(zv[a]) for a in range(3)})
            base.update({y[a + 1]: sp.Float(yv[a]) for a in range(3)})
            points = []
            for ii in range(1, 4):
                for jj in range(1, 4):
                    points.append(([{i: ii, j: jj}, base], (ii - 1, jj - 1)))
        result = None
        for run in range(SYMPY_RUNS):
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                t0 = time.perf_counter()
                derivative = sp.diff(expr, var)
                t1 = time.perf_counter()
                out["diff_ms"] = (t1 - t0) * 1e3  # kept when simplify then times out
                result = sp.simplify(derivative)
                t2 = time.perf_counter()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            out["runs"].append({"diff_ms": (t1 - t0) * 1e3, "total_ms": (t2 - t0) * 1e3})
            if t2 - t0 >= SYMPY_FAST_S:
                break
        out["ops"] = int(sp.count_ops(result))
        text = str(result)
        out["result"] = text if len(text) <= 300 else text[:300] + f"… ({len(text)} characters)"
        # The value of SymPy's derivative at the same point, to compare with Jacobi's (not timed).
        signal.setitimer(signal.ITIMER_REAL, 20)
        try:
            values = []
            for subs, where in points:
                v = result
                for stage in subs:  # the indices first, so that z[i] becomes z[1] before z[1] gets its value
                    v = v.subs(stage)
                v = v.doit()
                values.append((where, complex(sp.N(v, 17))))
            out["values"] = [[w, [v.real, v.imag]] for w, v in values]
        except Alarm:
            out["values_error"] = "evaluation timed out"
        except Exception as error:  # noqa: BLE001 - anything SymPy raises is a result
            out["values_error"] = f"{type(error).__name__}: {error}"[:200]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Alarm:
        out["timeout"] = True
    except MemoryError:
        out["error"] = "MemoryError (8 GB address-space cap)"
    except RecursionError:
        out["error"] = "RecursionError"
    except Exception as error:  # noqa: BLE001 - anything SymPy raises is a result
        out["error"] = f"{type(error).__name__}: {error}"[:200]
    print(json.dumps(out))


def run_sympy(spec):
    s = run_worker(__file__, spec, spec["timeout"] * SYMPY_RUNS + 60)
    return s if s is not None else {"timeout": True, "runs": [], "note": "killed by the backstop"}


# ---------------------------------------------------------------------------------------------------------
# Jacobi


def run_jacobi(jacobi, expr, wrt, at):
    argv = [jacobi, "derive", expr, "--wrt", wrt, "--format", "json"]
    for binding in at:
        argv += ["--at", binding]

    record = {"timeout": False}
    warm, done = run_once(argv, TIMEOUT_S)
    if warm is None:
        record["timeout"] = True
        return record
    record["status"] = done.returncode
    try:
        out = json.loads(done.stdout)
    except json.JSONDecodeError:
        record["error"] = (done.stderr.strip().splitlines() or [f"exit {done.returncode}, no JSON"])[-1][:200]
        return record
    steps = out.get("steps", [])
    record.update(
        steps=len(steps),
        complete=bool(out.get("complete")),
        agrees=(out.get("check") or {}).get("agrees"),
        longest=max((len(s.get("expression", "")) for s in steps), default=0),
        result=out.get("result", ""),
        value=steps[0].get("value") if steps else None,
        stderr=done.stderr.strip(),
    )
    record["step_limit"] = not record["complete"] and len(steps) >= STEP_LIMIT + 1
    ms = median_ms(argv, warm, JACOBI_RUNS, WARMUP_COUNTS_S, TIMEOUT_S)
    if ms is None:
        record["timeout"] = True
        record["timeout_note"] = f"warm-up finished in {warm:.1f} s, a timed run hit {TIMEOUT_S:.0f} s"
        return record
    record["ms"] = ms
    record["runs"] = JACOBI_RUNS
    return record


# ---------------------------------------------------------------------------------------------------------
# Comparing, fitting, reporting


def close(a, b, tol=1e-8):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def sympy_agrees(kind, jacobi_value, sympy):
    """Whether SymPy's derivative has the value Jacobi reports: 'yes', 'NO', or '' when not comparable."""
    values = sympy.get("values")
    if not values or jacobi_value is None:
        return ""
    for where, (re, im) in values:
        if abs(im) > 1e-9 * max(1.0, abs(re)):
            return "NO"
        if kind == "scalar":
            ours = jacobi_value
        elif isinstance(jacobi_value, list) and jacobi_value and isinstance(jacobi_value[0], list):
            ours = jacobi_value[where[0]][where[1]]
        elif isinstance(jacobi_value, list):
            ours = jacobi_value[where[1]]  # a gradient: no i
        else:
            ours = jacobi_value
        if not isinstance(ours, (int, float)) or not close(float(ours), re):
            return "NO"
    return "yes"


def fit(points):
    """Least squares steps ≈ a·depth + b; (a, b, largest |residual|) or None with fewer than 2 points."""
    if len(points) < 2:
        return None
    n = len(points)
    mx = sum(d for d, _ in points) / n
    my = sum(s for _, s in points) / n
    sxx = sum((d - mx) ** 2 for d, _ in points)
    a = sum((d - mx) * (s - my) for d, s in points) / sxx
    b = my - a * mx
    return a, b, max(abs(s - (a * d + b)) for d, s in points)


def jacobi_cells(r):
    if r.get("timeout") and "steps" not in r:
        return ["—", "—", "—", "—", f"timeout (> {TIMEOUT_S:.0f} s)"]
    if "error" in r:
        return ["—", "—", "—", "—", "error: " + r["error"]]
    complete = "yes" if r["complete"] else ("no (step limit)" if r["step_limit"] else "no")
    agrees = {True: "yes", False: "NO", None: "—"}[r["agrees"]]
    ms = f"timeout (> {TIMEOUT_S:.0f} s)" if r.get("timeout") else fmt_ms(r["ms"])
    return [str(r["steps"]), complete, agrees, f"{r['longest']:,}", ms]


def sympy_cells(s):
    if s is None:
        return ["", ""]
    if s.get("timeout"):
        return [fmt_ms(s["diff_ms"]) if "diff_ms" in s else "", f"timeout (> {TIMEOUT_S:.0f} s)"]
    if "error" in s:
        return ["", "error: " + s["error"].replace("|", "\\|")]
    diff = statistics.median(r["diff_ms"] for r in s["runs"])
    total = statistics.median(r["total_ms"] for r in s["runs"])
    return [fmt_ms(diff), fmt_ms(total)]


def ratio(r, s):
    if s is None or not r.get("ms") or r.get("timeout") or not r.get("complete"):
        return ""
    if s.get("timeout"):
        return f"> {TIMEOUT_S * 1e3 / r['ms']:,.0f}×"
    if "error" in s or not s["runs"]:
        return ""
    total = statistics.median(x["total_ms"] for x in s["runs"])
    x = total / r["ms"]
    return f"{x:,.1f}×" if x < 100 else f"{x:,.0f}×"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sympy-worker", help=argparse.SUPPRESS)
    parser.add_argument("--jacobi", help="the release-built jacobi binary")
    parser.add_argument("--results", help="write the Markdown report to this file")
    parser.add_argument("--depths", type=int, default=10)
    parser.add_argument("--families", help="comma-separated family names (default: all)")
    parser.add_argument("--no-sympy", action="store_true", help="Jacobi only")
    parser.add_argument("--no-vector", action="store_true", help="skip the vector entries")
    parser.add_argument("--swift-version", default="")
    parser.add_argument("--command", default="Benchmarks/derive-growth.sh")
    parser.add_argument("--raw", help="also write every record, as JSON, to this file")
    args = parser.parse_args()

    if args.sympy_worker:
        sympy_worker(json.loads(args.sympy_worker))
        return
    if not args.jacobi:
        parser.error("--jacobi is required")

    import sympy

    families = FAMILIES
    if args.families:
        wanted = set(args.families.split(","))
        families = [f for f in FAMILIES if f[0] in wanted]
    started = datetime.datetime.now()
    load_before = load()
    rows = []  # (section, family, depth, input, jacobi record, sympy record, kind)

    def progress(row):
        section, name, depth, expr, r, s, kind = row
        js = jacobi_cells(r)
        ss = sympy_cells(s)
        print(f"  {name:28} {str(depth or ''):>2}  steps {js[0]:>4}  complete {js[1]:>15}  agrees {js[2]:>3}"
              f"  jacobi {js[4]:>16} ms  sympy {ss[1]:>16}  {ratio(r, s)}", file=sys.stderr, flush=True)

    print(f"== nested compositions, depth 1…{args.depths}", file=sys.stderr)
    for family in families:
        for depth in range(1, args.depths + 1):
            expr = nest(family, depth)
            r = run_jacobi(args.jacobi, expr, "x", [f"x={X}"])
            s = None if args.no_sympy else run_sympy(
                {"kind": "scalar", "expr": expr, "timeout": TIMEOUT_S})
            row = ("nest", family[0], depth, expr, r, s, "scalar")
            rows.append(row)
            progress(row)
    if not args.no_vector:
        print("== vector entries", file=sys.stderr)
        for name, expr, wrt in VECTOR_CASES:
            r = run_jacobi(args.jacobi, expr, wrt, VECTOR_AT)
            s = None if args.no_sympy else run_sympy(
                {"kind": "vector", "expr": SYMPY_VECTOR_FORMS[name], "timeout": TIMEOUT_S})
            row = ("vector", name, None, expr, r, s, "vector")
            rows.append(row)
            progress(row)
    finished = datetime.datetime.now()

    # Fits over the depths whose derivation completed (a timeout has no steps; a stop at the step limit
    # counts the limit, not the derivation).
    fits, depth8 = [], []
    for family in families:
        name = family[0]
        nest_rows = [row for row in rows if row[0] == "nest" and row[1] == name]
        points = [(row[2], row[4]["steps"]) for row in nest_rows
                  if "steps" in row[4] and row[4]["complete"]]
        fits.append((name, fit(points), len(points), len(nest_rows)))
        at8 = [row for row in nest_rows if row[2] == 8]
        if at8:
            r = at8[0][4]
            steps_ok = "steps" in r and r["complete"] and r["steps"] <= 60
            ms_ok = bool(r.get("ms")) and not r.get("timeout") and r["ms"] < 150
            depth8.append((name, r, steps_ok, ms_ok))

    if args.raw:
        with open(args.raw, "w") as out:
            json.dump([dict(zip(("section", "name", "depth", "input", "jacobi", "sympy", "kind"), row))
                       for row in rows], out, indent=1)
    lines = report(args, rows, fits, depth8, families, started, finished, load_before, sympy.__version__)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results:
        with open(args.results, "w") as out:
            out.write(text)


def report(args, rows, fits, depth8, families, started, finished, load_before, sympy_version):
    lines = [
        "# Derivation growth with nesting depth, beside SymPy",
        "",
        f"Regenerate with `{args.command}` (release build; writes this file). Generated "
        f"{finished:%Y-%m-%d %H:%M} in {(finished - started).total_seconds() / 60:.0f} min.",
        "",
        f"- machine: {machine()}; load average {load_before} at the start, {load()} at the end "
        "(other jobs may have been running: the figures are wall times on a shared machine)",
        f"- {args.swift_version or 'Swift'}; SymPy {sympy_version}; Python {platform.python_version()}",
        f"- Jacobi: the whole process `jacobi derive EXPR --wrt VAR --format json --at …` (startup, parse, "
        f"derivation, numeric check, JSON), median of {JACOBI_RUNS} runs after a warm-up, each capped at "
        f"{TIMEOUT_S:.0f} s. steps = the length of the JSON `steps` array (the `start` step included); "
        f"longest = the longest step `expression`, in characters. The engine stops at {STEP_LIMIT} rule steps.",
        f"- SymPy: `sympy.diff` then `sympy.simplify`, timed in-process (import and parse not timed), median "
        f"of {SYMPY_RUNS} runs when the first takes under {SYMPY_FAST_S:.0f} s, each capped at "
        f"{TIMEOUT_S:.0f} s. x is a real symbol; sigmoid(u) = 1/(1+exp(−u)), softplus(u) = log(1+exp(u)), "
        "softsign(u) = u/(1+Abs(u)). \"SymPy = Jacobi\" compares SymPy's simplified derivative with the value "
        "Jacobi reports, at the same point (relative difference ≤ 1e-8).",
        f"- ratio = SymPy diff + simplify ÷ Jacobi's whole process; left empty where Jacobi did not finish "
        f"the derivation. Nested inputs at x = {X}.",
        "",
        "## Nesting families",
        "",
        "| family | one level | depth 2 as typed |",
        "| --- | --- | --- |",
    ]
    for name, what, _ in families:
        lines.append(f"| {name} | {what} | `{nest((name, what, _), 2)}` |")
    lines += [
        "",
        "## Fit: steps ≈ a·depth + b (least squares over the depths that completed)",
        "",
        "| family | a | b | max residual | depths fitted |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, f, used, total in fits:
        if f is None:
            lines.append(f"| {name} | — | — | — | {used} of {total} |")
        else:
            a, b, res = f
            lines.append(f"| {name} | {a:.2f} | {b:.2f} | {res:.2f} | {used} of {total} |")
    lines += [
        "",
        "## Depth 8: at most 60 steps and under 150 ms?",
        "",
        "| family | steps | complete | Jacobi ms | ≤ 60 steps | < 150 ms |",
        "| --- | ---: | --- | ---: | --- | --- |",
    ]
    for name, r, steps_ok, ms_ok in depth8:
        c = jacobi_cells(r)
        lines.append(f"| {name} | {c[0]} | {c[1]} | {c[4]} | {'yes' if steps_ok else 'NO'} | "
                     f"{'yes' if ms_ok else 'NO'} |")
    lines += [
        "",
        "## Jacobi's time against depth (whole process, ms)",
        "",
        "Steps grow linearly, but time need not: the last column is ms(d) ÷ ms(d − 1) for the deepest two "
        "depths that finished within the cap.",
        "",
        "| family | d = 2 | d = 4 | d = 6 | d = 8 | d = 10 | per level, at the deepest finished |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, _, _ in families:
        by_depth = {row[2]: row[4] for row in rows if row[0] == "nest" and row[1] == name}
        cells = []
        for d in (2, 4, 6, 8, 10):
            r = by_depth.get(d)
            cells.append("" if r is None else jacobi_cells(r)[4])
        finished = sorted(d for d, r in by_depth.items() if r.get("ms") and not r.get("timeout"))
        growth = ""
        if len(finished) >= 2 and finished[-1] - finished[-2] == 1:
            a, b = finished[-2], finished[-1]
            growth = f"{by_depth[b]['ms'] / by_depth[a]['ms']:.1f}× ({a} → {b})"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
    lines += [
        "",
        "## Every input",
        "",
        "| family | depth | steps | complete | agrees | longest | Jacobi ms | SymPy diff ms | "
        "SymPy diff + simplify ms | SymPy / Jacobi | SymPy = Jacobi |",
        "| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for section, name, depth, expr, r, s, kind in rows:
        if section != "nest":
            continue
        js, ss = jacobi_cells(r), sympy_cells(s)
        agree = sympy_agrees(kind, r.get("value"), s) if s else ""
        lines.append(f"| {name} | {depth} | {js[0]} | {js[1]} | {js[2]} | {js[3]} | {js[4]} | {ss[0]} | {ss[1]} "
                     f"| {ratio(r, s)} | {agree} |")
    vector_rows = [row for row in rows if row[0] == "vector"]
    if vector_rows:
        lines += [
            "",
            "## Vector entries (n = 3 for SymPy)",
            "",
            f"Jacobi derives the typed expression with `--at {' --at '.join(VECTOR_AT)}`; SymPy the entry "
            "written with `IndexedBase` and `Sum(…, (k, 1, 3)).doit()` (i, j symbolic indices), "
            "`diff(…, z[j])` then `simplify`. \"SymPy = Jacobi\" compares all nine (i, j) values.",
            "",
            "| entry | Jacobi input | wrt | steps | complete | agrees | Jacobi ms | Jacobi result | SymPy form | "
            "SymPy diff + simplify ms | SymPy / Jacobi | SymPy = Jacobi |",
            "| --- | --- | --- | ---: | --- | --- | ---: | --- | --- | ---: | ---: | --- |",
        ]
        for section, name, depth, expr, r, s, kind in vector_rows:
            js, ss = jacobi_cells(r), sympy_cells(s)
            wrt = dict((c[0], c[2]) for c in VECTOR_CASES)[name]
            agree = sympy_agrees(kind, r.get("value"), s) if s else ""
            lines.append(f"| {name} | `{expr}` | {wrt} | {js[0]} | {js[1]} | {js[2]} | {js[4]} | "
                         f"`{r.get('result', '')}` | `{SYMPY_VECTOR_FORMS[name]}` | {ss[1]} | {ratio(r, s)} | "
                         f"{agree} |")
        lines += ["", "SymPy's simplified results:", ""]
        for section, name, depth, expr, r, s, kind in vector_rows:
            if s and "result" in s:
                lines.append(f"- {name}: `{s['result']}`")
    # What did not go well, with the exact inputs.
    notes = []
    for section, name, depth, expr, r, s, kind in rows:
        label = f"{name}" + (f", depth {depth}" if depth else "")
        shown = expr if len(expr) <= 200 else expr[:200] + f"… ({len(expr):,} characters)"
        if r.get("timeout"):
            notes.append(f"- Jacobi timed out (> {TIMEOUT_S:.0f} s): {label}: `{shown}`")
        elif "error" in r:
            notes.append(f"- Jacobi error on {label}: {r['error']}: `{shown}`")
        else:
            if not r["complete"]:
                why = (f"stopped at the step limit, {r['steps']} steps, longest step {r['longest']:,} characters"
                       if r["step_limit"] else "no rule applies")
                notes.append(f"- Jacobi did not complete ({why}): {label}: `{shown}`")
            if r["agrees"] is False:
                notes.append(f"- Jacobi's check failed: {label}: `{shown}`")
        if s is not None and sympy_agrees(kind, r.get("value"), s) == "NO":
            notes.append(f"- SymPy's derivative differs from Jacobi's value: {label}: `{shown}`")
    lines += ["", "## Did not go well", ""] + (notes or ["- nothing: every derivation completed and checked"])
    return lines


if __name__ == "__main__":
    main()
