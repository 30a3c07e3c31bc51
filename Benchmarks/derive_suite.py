"""Jacobi's derivation engine beside SymPy diff + simplify, on entries of the held-out suite.

Run it through Benchmarks/derive-suite.sh, which builds `jacobi` in release mode first:

    bash Benchmarks/derive-suite.sh                          # every entry; writes Benchmarks/SUITE-SYMPY.md
    bash Benchmarks/derive-suite.sh --ids softmax-explicit,lse-explicit --no-sympy

or directly, with a binary you built yourself:

    python3 Benchmarks/derive_suite.py --jacobi .build/release/jacobi [--results FILE.md] [--raw FILE.json]

The entries (CASES below) are rows of Tests/DerivationTests/Suite/typed-expressions.tsv, read from that
file: Jacobi gets the row's expression, wrt and bindings as typed, plus the facts that the row's line of
expected-forms.tsv lists (`--assume 'sum(y) = 1'` for cross-entropy after softmax). The textbook form from
expected-forms.tsv is printed beside both tools' forms.

Jacobi: the whole process `jacobi derive EXPR --wrt WRT --format json --at … [--assume …]` (startup, parse,
derivation, numeric check, JSON), timed from outside with time.perf_counter: one warm-up, then the median
of 5 timed runs, each capped at 60 s (as Benchmarks/derive_growth.py does). steps = the length of the JSON
`steps` array (the `start` step included); Jacobi's form = the last step's `expression`, with the JSON's
`definitions` (p := softmax(z)) in front; its value is the last step's `value`.

SymPy: the same entry written by hand with IndexedBase, Idx and Sum (CASES), in a fresh worker process
(this file with --sympy-worker): sympy.diff with respect to the indexed element (z[j]), then sympy.simplify,
timed in-process (import and parse not timed); the median of 3 runs when the first takes under 1 s, SymPy's
cache cleared before each run (else the repeats would reuse the first run's results). Each
run is capped at 60 s with signal.setitimer, the worker as a whole by a subprocess timeout as a backstop.
The length is first a symbolic n (Sum(…, (k, 1, n))); when that attempt raises, times out or its result
cannot be evaluated to a number, the entry is run again with the concrete length of the row's vectors
(n = 3: the sums expanded by .doit() before diff), and the table says which, and why. Either way the
result is then evaluated at the row's bindings (n = the bound vector's length, every free index i, j over
its range, .doit(), the values substituted) and compared with Jacobi's value (|a − b| ≤ 1e-8·max(1, |a|,
|b|)). A timeout or an exception is a recorded result, never dropped.
"""

import argparse
import datetime
import itertools
import json
import os
import platform
import resource
import signal
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import ROOT, commit, fmt_ms, load, machine, median_ms, run_once, run_worker  # noqa: E402

TIMEOUT_S = 60.0
JACOBI_RUNS = 5
SYMPY_RUNS = 3
SYMPY_FAST_S = 1.0  # a first SymPy run faster than this is repeated for a median of 3
WARMUP_COUNTS_S = 5.0  # a Jacobi warm-up slower than this counts as the first timed run
FORM_CHARS = 120  # forms in the table are cut here; "Forms in full" below the table has more
TOLERANCE = 1e-8

SUITE = os.path.join(ROOT, "Tests", "DerivationTests", "Suite")

# The entries. For each suite id: a short topic, the same expression written for SymPy, the element to
# differentiate by, the free indices of the derivative in Jacobi's order (alphabetical: the layout of
# Jacobi's `value`) each with the size it runs over, and where each size comes from (binding name, axis).
# In the SymPy text, every name bound in the row is an IndexedBase (vectors, matrices) or a real Symbol
# (numbers); letters i…t are Idx labels; sizes are positive integer Symbols. Indices start at 1, as in
# Jacobi (K_{1,m} is the first row).
SOFTMAX_Z = "exp(z[k])/Sum(exp(z[m]), (m, 1, n))"
CASES = [
    ("softmax-explicit", "softmax Jacobian, exp/sum written out",
     "exp(z[i])/Sum(exp(z[k]), (k, 1, n))", "z[j]", [("i", "n"), ("j", "n")], {"n": ("z", 0)}),
    ("softmax-shift-c", "softmax shifted by c",
     "exp(z[i] - c)/Sum(exp(z[k] - c), (k, 1, n))", "z[j]", [("i", "n"), ("j", "n")], {"n": ("z", 0)}),
    ("softmax-temperature-explicit", "softmax with temperature T",
     "exp(z[i]/T)/Sum(exp(z[k]/T), (k, 1, n))", "z[j]", [("i", "n"), ("j", "n")], {"n": ("z", 0)}),
    ("log-softmax-explicit", "log-softmax",
     "log(exp(z[i])/Sum(exp(z[k]), (k, 1, n)))", "z[j]", [("i", "n"), ("j", "n")], {"n": ("z", 0)}),
    ("lse-explicit", "logsumexp",
     "log(Sum(exp(z[k]), (k, 1, n)))", "z[j]", [("j", "n")], {"n": ("z", 0)}),
    ("ce-fully-explicit", "cross-entropy after softmax (Jacobi told sum(y) = 1)",
     "-Sum(y[k]*log(exp(z[k])/Sum(exp(z[m]), (m, 1, n))), (k, 1, n))", "z[j]", [("j", "n")],
     {"n": ("z", 0)}),
    ("attention-weights-wrt-q", "attention weights softmax(Kq/√d) by the query",
     "exp(Sum(q[m]*K[i, m], (m, 1, dk))/sqrt(d))/Sum(exp(Sum(q[m]*K[r, m], (m, 1, dk))/sqrt(d)), (r, 1, nk))",
     "q[j]", [("i", "nk"), ("j", "dk")], {"nk": ("K", 0), "dk": ("q", 0)}),
    ("quadratic-form-wrt-x", "quadratic form xᵀAx",
     "Sum(Sum(x[k]*A[k, m]*x[m], (m, 1, n)), (k, 1, n))", "x[j]", [("j", "n")], {"n": ("x", 0)}),
    ("l2-normalise", "l2-normalise x/‖x‖",
     "x[i]/sqrt(Sum(x[k]**2, (k, 1, n)))", "x[j]", [("i", "n"), ("j", "n")], {"n": ("x", 0)}),
    ("focal-loss-multiclass", "focal loss after softmax (softmax written out for SymPy)",
     f"-Sum(y[k]*(1 - {SOFTMAX_Z})**g*log({SOFTMAX_Z}), (k, 1, n))", "z[j]", [("j", "n")],
     {"n": ("z", 0)}),
    ("kl-explicit-exp", "KL(softmax(a) ‖ softmax(b)) by b, written out",
     "Sum(exp(a[k])/Sum(exp(a[l]), (l, 1, n))*log((exp(a[k])/Sum(exp(a[l]), (l, 1, n)))"
     "/(exp(b[k])/Sum(exp(b[r]), (r, 1, n)))), (k, 1, n))", "b[j]", [("j", "n")], {"n": ("a", 0)}),
]
INDEX_LETTERS = "ijklmr"


def read_tsv(name):
    """{id: [columns…]} of a suite file, without its header and # comment lines."""
    rows = {}
    with open(os.path.join(SUITE, name), encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    for line in lines[1:]:
        cols = line.split("\t")
        rows[cols[0]] = cols
    return rows


def parse_bindings(text):
    """'z=[1.3,-0.4,2.1];c=2.1' → {'z': [1.3, -0.4, 2.1], 'c': 2.1}."""
    out = {}
    for part in text.split(";"):
        name, value = part.split("=", 1)
        out[name.strip()] = json.loads(value)
    return out


def size_of(values, name, axis):
    v = values[name]
    for _ in range(axis):
        v = v[0]
    return len(v)


# ---------------------------------------------------------------------------------------------------------
# SymPy worker (a separate process, so that a timeout or a blow-up never takes the benchmark down)


class Alarm(Exception):
    pass


def sympy_worker(spec):
    resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))  # a MemoryError rather than the OOM killer
    import sympy as sp
    from sympy.core.cache import clear_cache

    def on_alarm(signum, frame):
        raise Alarm()

    signal.signal(signal.SIGALRM, on_alarm)
    timeout = spec["timeout"]
    out = {"runs": [], "mode": spec["mode"]}
    stage = "parse"
    try:
        values = spec["values"]
        names = {"Sum": sp.Sum, "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt}
        bases, scalars = {}, {}
        for name, v in values.items():
            if isinstance(v, list):
                bases[name] = names[name] = sp.IndexedBase(name, real=True)
            else:
                scalars[name] = names[name] = sp.Symbol(name, real=True)
        idx = {letter: sp.Idx(letter) for letter in INDEX_LETTERS}
        names.update(idx)
        sizes = {s: sp.Symbol(s, integer=True, positive=True) for s in spec["sizes"]}
        if spec["mode"] == "symbolic":
            names.update(sizes)
            expr = sp.parse_expr(spec["expr"], local_dict=names, evaluate=True)
        else:  # the concrete length of the row's vectors, the sums expanded before diff
            names.update({s: sp.Integer(v) for s, v in spec["sizes"].items()})
            expr = sp.parse_expr(spec["expr"], local_dict=names, evaluate=True).doit()
        var = sp.parse_expr(spec["wrt"], local_dict=names)

        result = None
        for run in range(SYMPY_RUNS):
            clear_cache()  # else runs 2 and 3 would reuse the first run's cached results
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                stage = "diff"
                t0 = time.perf_counter()
                derivative = sp.diff(expr, var)
                t1 = time.perf_counter()
                out["diff_ms"] = (t1 - t0) * 1e3  # kept when simplify then fails
                stage = "simplify"
                result = sp.simplify(derivative)
                t2 = time.perf_counter()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            out["runs"].append({"diff_ms": (t1 - t0) * 1e3, "total_ms": (t2 - t0) * 1e3})
            if t2 - t0 >= SYMPY_FAST_S:
                break
        text = str(result)
        out["result"] = text if len(text) <= 2000 else text[:2000] + f"… ({len(text)} characters)"
        out["result_chars"] = len(text)
        out["ops"] = int(sp.count_ops(result))

        # The value at the row's bindings, for every free index (not timed).
        stage = "evaluate"
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            numbers = {}
            for name, v in values.items():
                if name in bases:
                    for position, x in flat(v):
                        numbers[bases[name][tuple(p + 1 for p in position)]] = sp.Float(x, 17)
                else:
                    numbers[scalars[name]] = sp.Float(v, 17)
            free = spec["free"]
            ranges = [range(1, spec["sizes"][size] + 1) for _, size in free]
            found = []
            for point in itertools.product(*ranges):
                v = result
                if spec["mode"] == "symbolic":
                    v = v.subs({sizes[s]: n for s, n in spec["sizes"].items()})
                v = v.subs({idx[letter]: p for (letter, _), p in zip(free, point)}).doit()
                v = v.subs(numbers).doit()
                c = complex(sp.N(v, 17))
                found.append([[p - 1 for p in point], [c.real, c.imag]])
            out["values"] = found
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Alarm:
        out["timeout"] = stage
    except MemoryError:
        out["error"] = f"{stage}: MemoryError (8 GB address-space cap)"
    except RecursionError:
        out["error"] = f"{stage}: RecursionError"
    except Exception as error:  # noqa: BLE001 - anything SymPy raises is a result
        out["error"] = f"{stage}: {type(error).__name__}" + (f": {error}" if str(error) else "")
        out["error"] = out["error"][:200]
    print(json.dumps(out))


def flat(v, position=()):
    """((i,), x) … or ((i, j), x) … over a nested list."""
    if isinstance(v, list):
        for n, item in enumerate(v):
            yield from flat(item, position + (n,))
    else:
        yield position, v


def run_sympy(spec):
    s = run_worker(__file__, spec, spec["timeout"] * (SYMPY_RUNS + 1) + 60)
    s = s if s is not None else {"timeout": "worker (killed by the backstop)", "runs": []}
    s.setdefault("mode", spec["mode"])
    return s


def sympy_failed(s):
    """Why a SymPy attempt gave no usable result ('' when it did)."""
    if s.get("timeout"):
        return f"{s['timeout']} timed out (> {TIMEOUT_S:.0f} s)"
    if s.get("error"):
        return s["error"]
    if not s.get("values"):
        return "no value"
    return ""


# ---------------------------------------------------------------------------------------------------------
# Jacobi


def run_jacobi(jacobi, expr, wrt, bindings, facts):
    argv = [jacobi, "derive", expr, "--wrt", wrt, "--format", "json"]
    for binding in bindings:
        argv += ["--at", binding]
    for fact in facts:
        argv += ["--assume", fact]

    record = {"timeout": False, "argv": argv[1:]}
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
    last = steps[-1] if steps else {}
    record.update(
        steps=len(steps),
        complete=bool(out.get("complete")),
        stopped=out.get("stopped"),
        agrees=(out.get("check") or {}).get("agrees"),
        definitions=out.get("definitions", []),
        assumptions=out.get("assumptions", []),
        form=last.get("expression", ""),
        last_rule=last.get("rule", ""),
        value=last.get("value", steps[0].get("value") if steps else None),
    )
    ms = median_ms(argv, warm, JACOBI_RUNS, WARMUP_COUNTS_S, TIMEOUT_S)
    if ms is None:
        record["timeout"] = True
        return record
    record["ms"] = ms
    return record


def jacobi_form(r):
    if "form" not in r:
        return ""
    defs = "; ".join(r["definitions"])
    return (f"[{defs}] " if defs else "") + r["form"]


# ---------------------------------------------------------------------------------------------------------
# Comparing and reporting


def close(a, b):
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def pick(value, position):
    for p in position:
        if not isinstance(value, list) or p >= len(value):
            return None
        value = value[p]
    return value


def agreement(r, s):
    """'yes', 'NO (…)' or '—' (nothing to compare): SymPy's value against Jacobi's, at every free index."""
    if s is None or not s.get("values") or r.get("value") is None:
        return "—"
    worst = None
    for position, (re, im) in s["values"]:
        ours = pick(r["value"], position)
        if not isinstance(ours, (int, float)):
            return f"NO (Jacobi has no value at {position})"
        if abs(im) > TOLERANCE * max(1.0, abs(re)) or not close(float(ours), re):
            worst = worst or (position, ours, re)
    if worst:
        position, ours, theirs = worst
        return f"NO (at {position}: Jacobi {ours:.6g}, SymPy {theirs:.6g})"
    return "yes"


def cut(text, n=FORM_CHARS):
    return text if len(text) <= n else text[: n - 1] + "…"


def cell(text):
    return text.replace("|", "\\|")


def sympy_times(s):
    """(diff ms, diff + simplify ms) as table cells."""
    if s is None:
        return "", ""
    why = sympy_failed(s)
    if s.get("runs"):
        diff = fmt_ms(statistics.median(x["diff_ms"] for x in s["runs"]))
        total = fmt_ms(statistics.median(x["total_ms"] for x in s["runs"]))
        return diff, total
    diff = fmt_ms(s["diff_ms"]) if "diff_ms" in s else "—"
    return diff, why or "—"


def ratio(r, s):
    if s is None or not r.get("ms") or r.get("timeout"):
        return ""
    if s.get("timeout") and not s.get("runs"):
        return f"> {TIMEOUT_S * 1e3 / r['ms']:,.0f}×"
    if not s.get("runs"):
        return ""
    x = statistics.median(y["total_ms"] for y in s["runs"]) / r["ms"]
    return f"{x:,.2f}×" if x < 10 else f"{x:,.0f}×"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sympy-worker", help=argparse.SUPPRESS)
    parser.add_argument("--jacobi", help="the release-built jacobi binary")
    parser.add_argument("--results", help="write the Markdown report to this file")
    parser.add_argument("--ids", help="comma-separated suite ids (default: every entry in CASES)")
    parser.add_argument("--no-sympy", action="store_true", help="Jacobi only")
    parser.add_argument("--swift-version", default="")
    parser.add_argument("--command", default="bash Benchmarks/derive-suite.sh")
    parser.add_argument("--raw", help="also write every record, as JSON, to this file")
    args = parser.parse_args()

    if args.sympy_worker:
        sympy_worker(json.loads(args.sympy_worker))
        return
    if not args.jacobi:
        parser.error("--jacobi is required")

    import numpy
    import sympy

    typed, expected = read_tsv("typed-expressions.tsv"), read_tsv("expected-forms.tsv")
    cases = CASES
    if args.ids:
        wanted = args.ids.split(",")
        unknown = set(wanted) - {c[0] for c in CASES}
        if unknown:
            parser.error(f"not in CASES: {', '.join(sorted(unknown))}")
        cases = [c for c in CASES if c[0] in wanted]

    started = datetime.datetime.now()
    load_before = load()
    rows = []
    for case in cases:
        cid, topic, sympy_expr, sympy_wrt, free, size_from = case
        _, expr, wrt, binding_text, source = typed[cid][:5]
        form, facts = (expected[cid] + ["", ""])[1:3] if cid in expected else ("", "")
        facts = [f.strip() for f in facts.split(";") if f.strip()]
        values = parse_bindings(binding_text)
        r = run_jacobi(args.jacobi, expr, wrt, binding_text.split(";"), facts)
        attempts = []
        if not args.no_sympy:
            spec = {"expr": sympy_expr, "wrt": sympy_wrt, "free": free, "values": values,
                    "sizes": {s: size_of(values, *where) for s, where in size_from.items()},
                    "timeout": TIMEOUT_S, "mode": "symbolic"}
            attempts.append(run_sympy(spec))
            if sympy_failed(attempts[0]):
                attempts.append(run_sympy(dict(spec, mode="concrete")))
        row = dict(id=cid, topic=topic, expr=expr, wrt=wrt, bindings=binding_text, facts=facts, source=source,
                   expected=form, sympy_expr=sympy_expr, sympy_wrt=sympy_wrt,
                   sizes={s: size_of(values, *where) for s, where in size_from.items()},
                   jacobi=r, attempts=attempts)
        rows.append(row)
        s = attempts[-1] if attempts else None
        print(f"  {cid:30} jacobi {fmt_ms(r['ms']) if r.get('ms') else '—':>7} ms  steps {r.get('steps', '—'):>3}"
              f"  sympy {' → '.join(a['mode'] + (': ' + sympy_failed(a) if sympy_failed(a) else '') for a in attempts)}"
              f"  agree {agreement(r, s)}", file=sys.stderr, flush=True)
    finished = datetime.datetime.now()

    if args.raw:
        with open(args.raw, "w") as out:
            json.dump(rows, out, indent=1)
    versions = (f"{args.swift_version or 'Swift'}; SymPy {sympy.__version__}; NumPy {numpy.__version__}; "
                f"Python {platform.python_version()}")
    text = "\n".join(report(args, rows, started, finished, load_before, versions)) + "\n"
    print(text)
    if args.results:
        with open(args.results, "w") as out:
            out.write(text)


def sympy_n(row):
    """Which length SymPy ran with, and why it fell back."""
    attempts = row["attempts"]
    if not attempts:
        return ""
    first = attempts[0]
    if len(attempts) == 1:
        return "symbolic"
    sizes = ", ".join(f"{s} = {v}" for s, v in row["sizes"].items())
    return f"{sizes} (symbolic: {sympy_failed(first)})"


def report(args, rows, started, finished, load_before, versions):
    lines = [
        "# Jacobi beside SymPy on entries of the held-out suite",
        "",
        f"Regenerate with `{args.command}` (release build; writes this file). Generated "
        f"{finished:%Y-%m-%d %H:%M} in {(finished - started).total_seconds() / 60:.1f} min, "
        f"at commit {commit()}.",
        "",
        f"- machine: {machine()}; load average {load_before} at the start, {load()} at the end "
        "(a shared machine: the figures are wall times)",
        f"- {versions}",
        f"- Jacobi: the whole process `jacobi derive EXPR --wrt WRT --format json --at …` (startup, parse, "
        f"derivation, numeric check, JSON), median of {JACOBI_RUNS} runs after a warm-up, each capped at "
        f"{TIMEOUT_S:.0f} s; the row's facts from expected-forms.tsv are passed with `--assume`. "
        "steps = the length of the JSON `steps` array (the `start` step included); Jacobi's form = the last "
        "step's `expression`, with the JSON's definitions in brackets in front.",
        f"- SymPy: the entry written with `IndexedBase`, `Idx` and `Sum`; `sympy.diff` by the indexed element, "
        f"then `sympy.simplify`, timed in-process (import and parse not timed), median of {SYMPY_RUNS} runs "
        f"when the first takes under {SYMPY_FAST_S:.0f} s (SymPy's cache cleared before each), each capped at "
        f"{TIMEOUT_S:.0f} s, in a subprocess. "
        "\"SymPy n\" says whether the length was symbolic (`Sum(…, (k, 1, n))`) or, when the symbolic attempt "
        "failed, the concrete length of the row's vectors (the sums expanded by `.doit()` before diff), and "
        "why. Bound numbers are real symbols, vectors and matrices real `IndexedBase`s; SymPy is told no "
        "facts (not sum(y) = 1).",
        f"- ratio = SymPy diff + simplify ÷ Jacobi's whole process (SymPy's figure excludes Python startup and "
        "the import, Jacobi's includes its startup and the numeric check). agree? = SymPy's simplified "
        "derivative, evaluated at the row's bindings (n = the bound length, every free index, `.doit()`), "
        f"against the value of Jacobi's last step, |a − b| ≤ {TOLERANCE:g}·max(1, |a|, |b|) at every index.",
        "- Jacobi's engine is under active change: its forms and step counts here are those of the commit "
        "above.",
        "",
        "| id | Jacobi ms | steps | complete | SymPy n | SymPy diff ms | SymPy diff + simplify ms | "
        "SymPy / Jacobi | agree? | Jacobi's form | SymPy's form |",
        "| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for row in rows:
        r = row["jacobi"]
        s = row["attempts"][-1] if row["attempts"] else None
        if r.get("timeout") and "steps" not in r:
            jms, steps, complete = f"timeout (> {TIMEOUT_S:.0f} s)", "—", "—"
        elif "error" in r:
            jms, steps, complete = "error: " + r["error"], "—", "—"
        else:
            jms = f"timeout (> {TIMEOUT_S:.0f} s)" if r.get("timeout") else fmt_ms(r["ms"])
            steps = str(r["steps"])
            complete = "yes" if r["complete"] else f"no ({r.get('stopped') or 'stopped'})"
        diff, total = sympy_times(s)
        sform = cut(s["result"]) if s and "result" in s else ""
        lines.append(
            f"| {row['id']} | {jms} | {steps} | {complete} | {cell(sympy_n(row))} | {cell(diff)} | "
            f"{cell(total)} | {ratio(r, s)} | {cell(agreement(r, s))} | `{cell(cut(jacobi_form(r)))}` | "
            f"{'`' + cell(sform) + '`' if sform else ''} |")

    lines += [
        "",
        "## SymPy with a symbolic length, every entry",
        "",
        "The first SymPy attempt of each entry, as it went (the table above falls back to the concrete length "
        "when this one failed).",
        "",
        "| id | diff ms | diff + simplify ms | outcome | agree? | SymPy's form |",
        "| --- | ---: | ---: | --- | --- | --- |",
    ]
    for row in rows:
        if not row["attempts"]:
            continue
        s = row["attempts"][0]
        diff, total = sympy_times(s)
        outcome = sympy_failed(s) or "ok"
        total = "—" if sympy_failed(s) else total
        sform = cut(s["result"]) if "result" in s else ""
        lines.append(f"| {row['id']} | {cell(diff)} | {cell(total)} | {cell(outcome)} | "
                     f"{cell(agreement(row['jacobi'], s))} | {'`' + cell(sform) + '`' if sform else ''} |")

    lines += ["", "## The entries and their forms in full", ""]
    for row in rows:
        r = row["jacobi"]
        lines += [
            f"### {row['id']}: {row['topic']}",
            "",
            f"- Jacobi input: `{row['expr']}` by `{row['wrt']}` at `{row['bindings']}`"
            + (f", assuming `{'`, `'.join(row['facts'])}`" if row["facts"] else ""),
            f"- SymPy input: `{row['sympy_expr']}` by `{row['sympy_wrt']}`",
            f"- source: {row['source']}",
            f"- textbook form (expected-forms.tsv): `{row['expected']}`",
            f"- Jacobi's form (last step: {r.get('last_rule') or '—'}): `{jacobi_form(r)}`",
        ]
        for s in row["attempts"]:
            label = "symbolic n" if s["mode"] == "symbolic" else \
                ", ".join(f"{k} = {v}" for k, v in row["sizes"].items())
            if "result" in s:
                shown = s["result"] if len(s["result"]) <= 600 else s["result"][:600] + "…"
                lines.append(f"- SymPy's form ({label}, {s['result_chars']:,} characters, "
                             f"count_ops {s['ops']}): `{shown}`")
            else:
                lines.append(f"- SymPy ({label}): {sympy_failed(s)}")
        lines.append("")

    notes = []
    for row in rows:
        r = row["jacobi"]
        if r.get("timeout"):
            notes.append(f"- Jacobi timed out (> {TIMEOUT_S:.0f} s): {row['id']}")
        elif "error" in r:
            notes.append(f"- Jacobi error on {row['id']}: {r['error']}")
        else:
            if not r["complete"]:
                notes.append(f"- Jacobi did not complete {row['id']} ({r.get('stopped') or 'stopped'})")
            if r["agrees"] is False:
                notes.append(f"- Jacobi's own numeric check failed on {row['id']}")
        for s in row["attempts"]:
            why = sympy_failed(s)
            label = "symbolic n" if s["mode"] == "symbolic" else "concrete n"
            if why:
                notes.append(f"- SymPy ({label}) on {row['id']}: {why}")
            elif agreement(r, s).startswith("NO"):
                notes.append(f"- SymPy ({label}) differs from Jacobi on {row['id']}: {agreement(r, s)}")
    lines += ["## Did not go well", ""] + (notes or ["- nothing: every derivation completed and agreed"])
    return lines


if __name__ == "__main__":
    main()
