#!/usr/bin/env bash
# Builds the libFuzzer target over parse + evaluate (with AddressSanitizer) and runs it.
#
#   Fuzz/run.sh [SECONDS] [extra libFuzzer flags…]     default 600 seconds
#
# Seeds:    Fuzz/corpus/ (checked in; read only)     Dictionary: Fuzz/jacobi.dict
# Output:   Fuzz/corpus-generated/ (new inputs) and Fuzz/crashes/ (crash-*, timeout-*, oom-*), both git-ignored.
# Env:      FUZZ_SANITIZERS (default "fuzzer,address"; "fuzzer" alone runs ~2x faster)
#
# A crash is reproduced with   .build-fuzz/release/FuzzParseEvaluate Fuzz/crashes/crash-…
# and minimised with           .build-fuzz/release/FuzzParseEvaluate -minimize_crash=1 -runs=20000 Fuzz/crashes/crash-…
# Keep the minimised input as Tests/VectorLangTests/FuzzRegressions/NAME.txt once it is fixed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-600}
shift $(( $# > 0 ? 1 : 0 ))
sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}

echo "== building FuzzParseEvaluate (-sanitize=$sanitizers) into .build-fuzz"
# -Xswiftc instruments VectorLang (and swift-numerics) too, not only the entry point: coverage needs it.
JACOBI_FUZZ=1 swift build -c release --product FuzzParseEvaluate --scratch-path .build-fuzz \
    -Xswiftc "-sanitize=$sanitizers"
binary=$(JACOBI_FUZZ=1 swift build -c release --scratch-path .build-fuzz --show-bin-path)/FuzzParseEvaluate

mkdir -p Fuzz/corpus-generated Fuzz/crashes
echo "== fuzzing for $seconds s; new inputs in Fuzz/corpus-generated, crashes in Fuzz/crashes"
status=0
# detect_leaks=0: a crash is what we hunt; the evaluator's closures form reference cycles by design
# (a function bound in the environment it captures), which LeakSanitizer would report on every run.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$binary" \
    -max_total_time="$seconds" \
    -dict=Fuzz/jacobi.dict \
    -artifact_prefix=Fuzz/crashes/ \
    -max_len=4096 \
    -timeout=20 \
    -rss_limit_mb=4096 \
    -print_final_stats=1 \
    "$@" \
    Fuzz/corpus-generated Fuzz/corpus || status=$?

crashes=$(find Fuzz/crashes -type f | sort)
if [[ -n $crashes ]]; then
    echo "== artefacts in Fuzz/crashes:"
    echo "$crashes"
else
    echo "== no crashes"
fi
exit "$status"
