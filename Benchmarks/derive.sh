#!/usr/bin/env bash
# Derivation benchmark (not a test): time to derive cross-entropy after softmax with all its steps,
# beside SymPy's diff + simplify of the same expression, measured in the same run.
# Target: at most 5 ms, and at least 50 × faster than SymPy.
#
#   Benchmarks/derive.sh [RUNS]     default 200 Jacobi runs, 5 SymPy runs
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${1:-200}
swift build -c release --product jacobi-bench >/dev/null
jacobi=$(.build/release/jacobi-bench derive cross-entropy-softmax "$runs")
exec python3 - "$jacobi" <<'PY'
import json, statistics, sys, time
import sympy as sp

jacobi = json.loads(sys.argv[1])
n, k, m, j = sp.symbols("n k m j", integer=True, positive=True)
x, y = sp.IndexedBase("x"), sp.IndexedBase("y")
p_k = sp.exp(x[k]) / sp.Sum(sp.exp(x[m]), (m, 1, n))
loss = -sp.Sum(y[k] * sp.log(p_k), (k, 1, n))

def timed(f, repeats=5):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        try:
            result = f()
        except Exception as error:  # SymPy 1.14's simplify raises StopIteration on this Sum
            result = f"raised {type(error).__name__}"
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times), result

# Symbolic n, as Jacobi derives it: diff, then simplify (which SymPy 1.14 cannot finish on this Sum).
diff_ms, derivative = timed(lambda: sp.diff(loss, x[j]))
both_ms, simplified = timed(lambda: sp.simplify(sp.diff(loss, x[j])))
# n = 3 written out, so that SymPy's simplify can finish: the fairest number SymPy can produce.
xs, ys = sp.symbols("x1:4"), sp.symbols("y1:4")
loss3 = -sum(yk * sp.log(sp.exp(xk) / sum(sp.exp(xm) for xm in xs)) for xk, yk in zip(xs, ys))
small_ms, small = timed(lambda: sp.simplify(sp.diff(loss3, xs[0])))

d = jacobi["derive_ms"]
print("| case | Jacobi ms | SymPy ms | SymPy / Jacobi |")
print("| --- | ---: | ---: | ---: |")
print(f"| cross-entropy after softmax, all {jacobi['steps']} steps (symbolic n) | {d:.3f} | | |")
print(f"| … with the derivation rendered as text | {jacobi['derive_and_render_ms']:.3f} | | |")
print(f"| SymPy diff, symbolic n (no simplification) | | {diff_ms:.1f} | {diff_ms / d:.0f}× |")
print(f"| SymPy diff + simplify, symbolic n ({'raises' if isinstance(simplified, str) else 'finishes'}) | | {both_ms:.1f} | {both_ms / d:.0f}× |")
print(f"| SymPy diff + simplify, n = 3 written out | | {small_ms:.1f} | {small_ms / d:.0f}× |")
print()
print("SymPy, symbolic n, simplify:", simplified)
print("SymPy, n = 3, d/dx1 simplified:", small)
print("Jacobi: p_j - y_j, i.e. p − y")
ratio = min(both_ms, small_ms) / d
met = d <= 5 and ratio >= 50
print("target", "met" if met else "NOT met")
PY
