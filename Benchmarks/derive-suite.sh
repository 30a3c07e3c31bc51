#!/usr/bin/env bash
# Suite benchmark (not a test): Jacobi's derivation engine beside SymPy diff + simplify on entries of the
# held-out suite (Tests/DerivationTests/Suite/typed-expressions.tsv): softmax Jacobian, softmax with a shift
# and with temperature, log-softmax, logsumexp, cross-entropy after softmax (with sum(y) = 1), attention
# weights, quadratic form, l2-normalise, focal loss and KL between two softmaxes.
#   Jacobi: the whole process `jacobi derive EXPR --wrt WRT --format json --at …`, median of 5 after a warm-up.
#   SymPy: the same entry with IndexedBase/Idx/Sum over a symbolic length n, falling back to the concrete
#     length of the row's vectors (n = 3) when SymPy fails with a symbolic one; diff w.r.t. the indexed
#     element, then simplify; each run in a subprocess capped at 60 s; a timeout or an exception is a result.
# Prints a Markdown report and writes it to Benchmarks/SUITE-SYMPY.md. Takes a few minutes.
#
#   Benchmarks/derive-suite.sh [--ids softmax-explicit,lse-explicit,…] [--no-sympy] [--raw FILE.json]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

echo "== swift build -c release --product jacobi" >&2
swift build -c release --product jacobi >&2

exec python3 "$root/Benchmarks/derive_suite.py" --jacobi "$root/.build/release/jacobi" \
    --results "$root/Benchmarks/SUITE-SYMPY.md" --swift-version "$(swift --version 2>/dev/null | head -n 1)" "$@"
