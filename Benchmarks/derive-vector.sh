#!/usr/bin/env bash
# Vector-notation benchmark (not a test): Jacobi's derivations of the REPL's vector notation beside SymPy's
# matrix expressions (MatrixSymbol diff) on every row of Tests/DerivationTests/Suite/vector-expressions.tsv
# (x' @ A @ x, least squares, ridge, logistic loss, softmax regression, two-layer networks, …), and again
# with --order 2 on the rows that are a number-valued function of a vector.
#   Jacobi: the whole process `jacobi derive EXPR --wrt V --at … --format json`, median of 5 after a warm-up.
#   SymPy: the row written with MatrixSymbol (softmax, sigmoid, relu… written from their definitions), diff
#     then simplify, with symbolic sizes and, when that fails, the bindings' sizes; each run in a subprocess
#     capped at 30 s; a timeout or an exception is a result. Its value at the bindings is checked against
#     Jacobi's, with finite differences of the input as referee.
# Prints a Markdown report and writes it to Benchmarks/VECTOR-SYMPY.md. Takes a few minutes.
#
#   Benchmarks/derive-vector.sh [--ids quadratic-form,ridge,…] [--no-sympy] [--no-hessians] [--raw FILE.json]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

echo "== swift build -c release --product jacobi" >&2
swift build -c release --product jacobi >&2

exec python3 "$root/Benchmarks/derive_vector.py" --jacobi "$root/.build/release/jacobi" \
    --results "$root/Benchmarks/VECTOR-SYMPY.md" --swift-version "$(swift --version 2>/dev/null | head -n 1)" "$@"
