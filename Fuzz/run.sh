#!/usr/bin/env bash
# Builds a libFuzzer target (with AddressSanitizer) and runs it: FuzzParseEvaluate (parse + evaluate,
# the default), FUZZ_TARGET=FuzzDerive, the derivation engine (parse → derive → render → check), or
# FUZZ_TARGET=FuzzLessons, a lesson file (parse → lessons check).
#
#   [FUZZ_TARGET=FuzzDerive|FuzzLessons] Fuzz/run.sh [SECONDS] [extra libFuzzer flags…]     default 600 seconds
#
# Inputs up to 300,000 bytes (-max_len): long enough for a line of 100,000 operators, which the parser
# refuses, and for the deepest it accepts (20,000). Not run by .ci/run: a run is ten minutes or more.
#
# Seeds:    Fuzz/corpus/, Fuzz/corpus-derive/, or Fuzz/corpus-lessons/ and the course, Lessons/ (read only)     Dictionary: Fuzz/jacobi.dict
# Output:   Fuzz/corpus-generated[-derive]/ (new inputs) and Fuzz/crashes/ (crash-*, timeout-*, oom-*), both git-ignored.
# Env:      FUZZ_SANITIZERS (default "fuzzer,address"; "fuzzer" alone runs ~2x faster)
#
# A crash is reproduced with   .build-fuzz/release/$FUZZ_TARGET Fuzz/crashes/crash-…
# and minimised with           .build-fuzz/release/$FUZZ_TARGET -minimize_crash=1 -runs=20000 Fuzz/crashes/crash-…
# Keep the minimised input as Tests/VectorLangTests/FuzzRegressions/NAME.txt once it is fixed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-600}
shift $(( $# > 0 ? 1 : 0 ))
sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}
target=${FUZZ_TARGET:-FuzzParseEvaluate}
case $target in
    FuzzParseEvaluate) seeds=Fuzz/corpus generated=Fuzz/corpus-generated ;;
    FuzzDerive) seeds=Fuzz/corpus-derive generated=Fuzz/corpus-generated-derive ;;
    FuzzLessons) seeds="Fuzz/corpus-lessons Lessons" generated=Fuzz/corpus-generated-lessons ;;
    *) echo "unknown FUZZ_TARGET $target (FuzzParseEvaluate, FuzzDerive or FuzzLessons)" >&2; exit 2 ;;
esac

echo "== building $target (-sanitize=$sanitizers) into .build-fuzz"
# -Xswiftc instruments VectorLang (and swift-numerics) too, not only the entry point: coverage needs it.
JACOBI_FUZZ=1 swift build -c release --product "$target" --scratch-path .build-fuzz \
    -Xswiftc "-sanitize=$sanitizers"
binary=$(JACOBI_FUZZ=1 swift build -c release --scratch-path .build-fuzz --show-bin-path)/$target

mkdir -p "$generated" Fuzz/crashes
echo "== fuzzing for $seconds s; new inputs in $generated, crashes in Fuzz/crashes"
status=0
# detect_leaks=0: a crash is what we hunt; the evaluator's closures form reference cycles by design
# (a function bound in the environment it captures), which LeakSanitizer would report on every run.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$binary" \
    -max_total_time="$seconds" \
    -dict=Fuzz/jacobi.dict \
    -artifact_prefix=Fuzz/crashes/ \
    -max_len=300000 \
    -timeout=20 \
    -rss_limit_mb=4096 \
    -print_final_stats=1 \
    "$@" \
    "$generated" $seeds || status=$?

crashes=$(find Fuzz/crashes -type f | sort)
if [[ -n $crashes ]]; then
    echo "== artefacts in Fuzz/crashes:"
    echo "$crashes"
else
    echo "== no crashes"
fi
exit "$status"
