"""Jacobi's numeric kernels and automatic differentiation beside NumPy (and JAX, when installed).

Run through Benchmarks/autodiff.sh, which builds jacobi-bench in release mode first. Each case is timed
in rounds that alternate between Jacobi and the peers, so both see the same machine; the figure is the
median of all timed runs after warm-up. Jacobi is timed in-process by jacobi-bench (ContinuousClock,
through the evaluator: parsed once, evaluated each run); NumPy and JAX with time.perf_counter.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import machine  # noqa: E402

import numpy as np

GOLDEN = 0.6180339887498949

CASES = [
    # name, what, target ratio Jacobi / NumPy (or None), time budget in ms (or None)
    ("softmax", "softmax, n = 10^7", 1.0, None),
    ("jacobian", "jacobian(softmax, z), n = 2000", 1.0, None),
    ("grad", "grad(z -> cross_entropy(softmax(z), y), z), n = 10^6, y one-hot", 2.0, None),
    ("outer", "z_i * z_j in index notation, n = 3000", 5.0, 100),
    ("partial", "partial(exp(z_i) / sum_k(exp(z_k)), z_j), n = 1000", None, 1000),
    ("jacobian-lambda", "jacobian(v -> exp(v) * 2, z), n = 3000", None, None),
    ("hessian", "hessian(v -> sum(exp(v)) * sum(v), z), n = 2000", None, None),
]
NUMPY_FORMS = {
    "softmax": "e = np.exp(x - x.max()); e / e.sum()",
    "jacobian": "np.diag(p) - np.outer(p, p)",
    "grad": "softmax(z) - y (by hand)",
    "outer": "np.outer(z, z)",
    "partial": "np.diag(p) - np.outer(p, p)",
    "jacobian-lambda": "np.diag(2 * np.exp(z))",
    "hessian": "np.diag(e * z.sum()) + e[:, None] + e[None, :], e = np.exp(z)",
}
# Peak memory above the inputs, as a multiple of the result's own size.
MEMORY_TARGET = 3.0
MEMORY_CASES = ["softmax", "outer", "partial", "jacobian-lambda", "hessian"]
# jacobi derive softmax --at z = (n scores): derive, check every step at the numbers, render the text.
DERIVE_N, DERIVE_BUDGET_MS = 1000, 1000


def scores(n):
    """The inputs jacobi-bench uses: 20·frac(i·φ) − 10, the same numbers in the same order."""
    return 20 * ((np.arange(n) * GOLDEN) % 1.0) - 10


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def numpy_case(name):
    """(function to time, check values of its result)."""
    if name == "softmax":
        x = scores(10**7)
        f = lambda: softmax(x)
        p = f()
        return f, {"sum": p.sum(), "first": p[0], "last": p[-1]}
    if name == "jacobian":
        p = softmax(scores(2000))
        f = lambda: np.diag(p) - np.outer(p, p)
        j = f()
        return f, {"j11": j[0, 0], "j12": j[0, 1], "trace": np.trace(j)}
    if name == "grad":
        n = 10**6
        z, y = scores(n), np.zeros(n)
        y[n // 3] = 1
        f = lambda: softmax(z) - y
        g = f()
        return f, {"first": g[0], "hot": g[n // 3], "l1": np.abs(g).sum()}
    if name == "outer":
        z = scores(3000)
        f = lambda: np.outer(z, z)
        t = f()
        return f, {"first": t[0, 0], "corner": t[0, -1], "trace": np.trace(t)}
    if name in ("partial", "jacobian-lambda", "hessian"):
        z = scores({"partial": 1000, "jacobian-lambda": 3000, "hessian": 2000}[name])
        f = {
            "partial": lambda: (lambda p: np.diag(p) - np.outer(p, p))(softmax(z)),
            "jacobian-lambda": lambda: np.diag(2 * np.exp(z)),
            "hessian": lambda: (lambda e: np.diag(e * z.sum()) + e[:, None] + e[None, :])(np.exp(z)),
        }[name]
        m = f()
        return f, {"m11": m[0, 0], "m12": m[0, 1], "trace": np.trace(m)}
    raise ValueError(name)


def jax_case(name, jax, jnp):
    if name == "softmax":
        x = jnp.asarray(scores(10**7))
        f = jax.jit(jax.nn.softmax)
        return lambda: f(x).block_until_ready()
    if name == "jacobian":
        z = jnp.asarray(scores(2000))
        f = jax.jit(jax.jacrev(jax.nn.softmax))
        return lambda: f(z).block_until_ready()
    if name == "grad":
        n = 10**6
        z, y = jnp.asarray(scores(n)), jnp.zeros(n).at[n // 3].set(1.0)
        f = jax.jit(jax.grad(lambda z: -jnp.sum(y * jnp.log(jax.nn.softmax(z)))))
        return lambda: f(z).block_until_ready()
    if name == "outer":
        z = jnp.asarray(scores(3000))
        f = jax.jit(lambda z: jnp.outer(z, z))
        return lambda: f(z).block_until_ready()
    if name == "partial":
        z = jnp.asarray(scores(1000))
        f = jax.jit(jax.jacfwd(jax.nn.softmax))
        return lambda: f(z).block_until_ready()
    if name == "jacobian-lambda":
        z = jnp.asarray(scores(3000))
        f = jax.jit(jax.jacrev(lambda v: jnp.exp(v) * 2))
        return lambda: f(z).block_until_ready()
    if name == "hessian":
        z = jnp.asarray(scores(2000))
        f = jax.jit(jax.hessian(lambda v: jnp.sum(jnp.exp(v)) * jnp.sum(v)))
        return lambda: f(z).block_until_ready()
    raise ValueError(name)


def time_python(f, runs, warmup):
    for _ in range(warmup):
        f()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1e3)
    return times


def run_json(argv):
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout)


def agree(ours, theirs):
    """Jacobi's check values against NumPy's: relative difference at most 1e-9."""
    worst = 0.0
    for key, b in theirs.items():
        a = ours.get(key)
        if a is None:
            return f"missing {key}"
        scale = max(abs(a), abs(b), 1e-300)
        worst = max(worst, abs(a - b) / scale)
    return "agree" if worst <= 1e-9 else f"DIFFER (relative {worst:.1e})"


NUMPY_MEMORY = r"""
import numpy as np, sys
name = sys.argv[1]
def scores(n):
    return 20 * ((np.arange(n) * 0.6180339887498949) % 1.0) - 10
def field(name):
    for line in open("/proc/self/status"):
        if line.startswith(name + ":"):
            return int(line.split()[1])
x = scores({"softmax": 10**7, "outer": 3000, "partial": 1000, "jacobian-lambda": 3000, "hessian": 2000}[name])
before = field("VmRSS")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")
if name == "softmax":
    e = np.exp(x - x.max()); r = e / e.sum()
elif name == "outer":
    r = np.outer(x, x)
elif name == "partial":
    e = np.exp(x - x.max()); p = e / e.sum(); r = np.diag(p) - np.outer(p, p)
elif name == "jacobian-lambda":
    r = np.diag(2 * np.exp(x))
else:
    e = np.exp(x); r = np.diag(e * x.sum()) + e[:, None] + e[None, :]
print((field("VmHWM") - before) * 1024 / 1e6)
"""


def numpy_memory(name):
    try:
        done = subprocess.run([sys.executable, "-c", NUMPY_MEMORY, name], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, check=True)
        return float(done.stdout.strip())
    except (subprocess.CalledProcessError, ValueError, OSError):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", required=True, help="path of the release-built jacobi-bench")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per side and case (default 30)")
    parser.add_argument("--rounds", type=int, default=3, help="alternations between Jacobi and the peers")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--no-jax", action="store_true")
    parser.add_argument("--results", help="write the table, as Markdown, to this file")
    parser.add_argument("--command", default="Benchmarks/autodiff.sh", help="the command to cite in --results")
    parser.add_argument("--swift-version", default="")
    args = parser.parse_args()

    jax = jnp = None
    jax_note = "not installed"
    if not args.no_jax:
        try:
            import jax
            jax.config.update("jax_enable_x64", True)
            import jax.numpy as jnp
            jax_note = f"{jax.__version__}, float64, jit-compiled, XLA on {os.cpu_count()} threads"
        except Exception as error:  # an incompatible install should not stop the benchmark
            jax, jax_note = None, f"not usable ({type(error).__name__})"
    else:
        jax_note = "skipped (--no-jax)"

    per_round = max(1, args.runs // args.rounds)
    rows = []
    for name, what, target, budget in CASES:
        f, numpy_check = numpy_case(name)
        g = jax_case(name, jax, jnp) if jax else None
        ours, theirs, jaxes, check, faults = [], [], [], {}, []
        for _ in range(args.rounds):
            result = run_json([args.bench, "time", name, str(per_round), str(args.warmup)])
            ours += result["times_ms"]
            check = result["check"]
            faults.append(result["page_faults"])
            theirs += time_python(f, per_round, args.warmup)
            if g:
                jaxes += time_python(g, per_round, args.warmup)
        row = {
            "case": name, "what": what, "numpy_form": NUMPY_FORMS[name], "target": target, "budget": budget,
            "jacobi_ms": statistics.median(ours), "numpy_ms": statistics.median(theirs),
            "jax_ms": statistics.median(jaxes) if jaxes else None,
            "agreement": agree(check, numpy_check), "page_faults": statistics.median(faults),
        }
        row["ratio"] = row["jacobi_ms"] / row["numpy_ms"]
        rows.append(row)
        print(f"  {name}: jacobi {row['jacobi_ms']:.3f} ms, numpy {row['numpy_ms']:.3f} ms", file=sys.stderr)

    memories = []
    for name in MEMORY_CASES:
        measured = run_json([args.bench, "memory", name])
        measured["numpy_extra_mb"] = numpy_memory(name)
        memories.append(measured)

    derive = run_json([args.bench, "derive-at", "softmax", str(DERIVE_N), "5"])
    derive_numpy = statistics.median(time_python(numpy_case("partial")[0], 20, 3))

    lines = table(rows, memories, derive, derive_numpy)
    for line in lines:
        print(line)
    if args.results:
        header = [
            "# Benchmark results: automatic differentiation and kernels",
            "",
            f"Regenerate with `{args.command}` (release build; writes this file). Generated "
            f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}.",
            "",
            f"- machine: {machine()}",
            f"- {args.swift_version or 'Swift'}; NumPy {np.__version__}; Python {platform.python_version()}; JAX: {jax_note}",
            f"- each figure: the median of {per_round * args.rounds} timed runs after {args.warmup} warm-up runs, in "
            f"{args.rounds} rounds alternating between Jacobi and the peers",
            "- Jacobi is timed in-process through the evaluator (the line parsed once, then evaluated each run); "
            "NumPy single-threaded, as Jacobi; JAX jit-compiled, on all cores",
            "- inputs: the scores 20·frac(i·φ) − 10, spread over [−10, 10), the same numbers on both sides; "
            "\"results\" compares a few numbers of Jacobi's result with NumPy's (relative difference ≤ 1e-9)",
            "",
        ]
        with open(args.results, "w") as out:
            out.write("\n".join(header + lines) + "\n")
    missed = [r["case"] for r in rows if not met(r)]
    missed += [f"memory of {m['case']}" for m in memories if m["extra_over_result"] > MEMORY_TARGET]
    if derive["median_ms"] > DERIVE_BUDGET_MS or not derive["agrees"]:
        missed.append("derive softmax")
    print(f"\ntargets: {'all met' if not missed else 'MISSED: ' + ', '.join(missed)}")


def met(row):
    """A row meets its ratio target and its time budget, where it has them."""
    return ((row["target"] is None or row["ratio"] <= row["target"])
            and (row["budget"] is None or row["jacobi_ms"] < row["budget"]))


def table(rows, memories, derive, derive_numpy):
    def ms(x):
        return "—" if x is None else f"{x:.2f}"

    def target(r):
        parts = ([f"≤ {r['target']:.1f} ×"] if r["target"] is not None else []) + \
                ([f"< {r['budget']} ms"] if r["budget"] is not None else [])
        return ", ".join(parts) or "—"

    lines = [
        "| case | NumPy computes | Jacobi ms | NumPy ms | JAX ms | Jacobi / NumPy | target | met | results |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['what']} | `{r['numpy_form']}` | {ms(r['jacobi_ms'])} | {ms(r['numpy_ms'])} | {ms(r['jax_ms'])} | "
            f"{r['ratio']:.2f} | {target(r)} | {'yes' if met(r) else 'NO'} | {r['agreement']} |")
    derive_met = derive["median_ms"] < DERIVE_BUDGET_MS and derive["agrees"]
    lines += [
        "",
        f"| `jacobi derive softmax --at z=…`, n = {derive['n']} | Jacobi ms | NumPy ms (`np.diag(p) - np.outer(p, p)`) | "
        "Jacobi / NumPy | target | met | check |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
        f"| derive, check every step at the numbers, render | {derive['median_ms']:.0f} | {derive_numpy:.2f} | "
        f"{derive['median_ms'] / derive_numpy:.0f} | < {DERIVE_BUDGET_MS} ms | {'yes' if derive_met else 'NO'} | "
        f"{'agrees' if derive['agrees'] else 'DISAGREES'} |",
        "",
        "| peak memory above the inputs | result | Jacobi | NumPy | target | met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in memories:
        ratio = m["extra_over_result"]
        theirs = m["numpy_extra_mb"]
        numpy_text = "—" if theirs is None else f"{theirs:.0f} MB ({theirs / m['result_mb']:.2f} ×)"
        lines.append(
            f"| `{m['line']}` | {m['result_mb']:.0f} MB | {m['extra_mb']:.0f} MB ({ratio:.2f} ×) | {numpy_text} | "
            f"≤ {MEMORY_TARGET:.0f} × result | {'yes' if ratio <= MEMORY_TARGET else 'NO'} |")
    lines += [
        "",
        f"Peak memory: {memories[0]['method']}, output included (the same for NumPy, in a fresh Python process). "
        "The derivation is timed in-process (jacobi-bench derive-at), the median of 5 runs.",
    ]
    return lines


if __name__ == "__main__":
    main()
