#!/usr/bin/env bash
# Performance benchmark (not a test) of issues 4 and 14, Jacobi beside NumPy and JAX in the same run:
#   softmax of 10^7 scores                                   target ≤ 1.0 × NumPy
#   jacobian(softmax, z), n = 2000                           target ≤ 1.0 × NumPy's diag(p) − outer(p, p)
#   grad(z -> cross_entropy(softmax(z), y), z), n = 10^6     target ≤ 2.0 × NumPy's hand-written softmax(z) − y
#   z_i * z_j, n = 3000                                      target < 100 ms and ≤ 5 × NumPy's outer
#   the softmax Jacobian in index notation, n = 1000         target < 1 s
#   jacobian of a lambda (n = 3000), a Hessian (n = 2000)    timed beside NumPy's closed forms
#   jacobi derive softmax --at z = (1000 scores)             target < 1 s
#   peak memory above the inputs of five of these            target ≤ 3 × the result's size
# Prints the table and writes it to Benchmarks/RESULTS.md.
#
#   Benchmarks/autodiff.sh [--runs N] [--rounds R] [--no-jax]
#
# JAX is a peer for comparison only, never a dependency of Jacobi: when it is missing, this script tries
# `pip install jax` once (at most 5 minutes) and goes on without it if that fails; --no-jax skips it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

echo "== swift build -c release --product jacobi-bench" >&2
swift build -c release --product jacobi-bench >&2
bench="$root/.build/release/jacobi-bench"

if [[ " $* " != *" --no-jax "* ]] && ! python3 -c 'import jax' 2>/dev/null; then
    echo "== JAX is not installed; trying pip install jax (for comparison only)" >&2
    if ! timeout 300 python3 -m pip install --quiet jax >&2; then
        echo "   could not install JAX; the JAX column will be empty" >&2
    fi
fi

exec python3 "$root/Benchmarks/autodiff.py" --bench "$bench" --results "$root/Benchmarks/RESULTS.md" \
    --swift-version "$(swift --version 2>/dev/null | head -n 1)" "$@"
