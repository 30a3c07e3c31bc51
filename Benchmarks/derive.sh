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

def sympy_once():
    d = sp.diff(loss, x[j])
    return sp.simplify(d)

times, result = [], None
for _ in range(5):
    t = time.perf_counter()
    result = sympy_once()
    times.append((time.perf_counter() - t) * 1e3)
sympy_ms = statistics.median(times)
ratio = sympy_ms / jacobi["derive_ms"]
print("| case | Jacobi ms (steps) | Jacobi ms with text | SymPy diff + simplify ms | SymPy / Jacobi | target |")
print("| --- | ---: | ---: | ---: | ---: | --- |")
print(f"| cross-entropy after softmax, {jacobi['steps']} steps | {jacobi['derive_ms']:.3f} | {jacobi['derive_and_render_ms']:.3f} | {sympy_ms:.0f} | {ratio:.0f}× | ≤ 5 ms and ≥ 50× |")
print()
print("SymPy's result:", result)
print("Jacobi's result: p_j - y_j (and p − y)")
met = jacobi["derive_ms"] <= 5 and ratio >= 50
print("target", "met" if met else "NOT met")
PY
