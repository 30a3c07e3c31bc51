#!/usr/bin/env bash
# Derivation growth benchmark (not a test): how the steps of `jacobi derive` grow with nesting depth, and how
# long the whole process takes, beside SymPy's diff + simplify of the same inputs, measured in the same run.
#   nested compositions, depth 1…10: sigmoid, tanh, softplus, softsign, exp(0.1*·), log(1+·) nested with
#   themselves; sigmoid, tanh, softplus in turn; the sigmoid spelled out, q ← exp(q)/(1+exp(q))
#   vector entries: softmax element, cross-entropy after softmax, logsumexp, log_softmax, temperature softmax
#     (SymPy: IndexedBase and Sum with n = 3)
# Fits steps ≈ a·depth + b per family. Target at depth 8: at most 60 steps and under 150 ms.
# Every run is capped at 60 s; a timeout or an error is a result. Takes tens of minutes (mostly SymPy's
# timeouts). Prints the report and writes it to Benchmarks/GROWTH.md.
#
#   Benchmarks/derive-growth.sh [--depths N] [--families sigmoid,tanh,…] [--no-sympy] [--no-vector]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

echo "== swift build -c release --product jacobi" >&2
swift build -c release --product jacobi >&2

exec python3 "$root/Benchmarks/derive_growth.py" --jacobi "$root/.build/release/jacobi" \
    --results "$root/Benchmarks/GROWTH.md" --swift-version "$(swift --version 2>/dev/null | head -n 1)" "$@"
