#!/usr/bin/env bash
# Check benchmark (not a test): median wall time from process start to printed report of
#   jacobi check Benchmarks/check/ten-lines.txt   (release build)
# a ten-line derivation of cross-entropy after softmax whose last step is wrong, so the run includes
# the diagnosis; beside `python3 -c 'import numpy'`, measured in the same run, interleaved.
# Target: under 50 ms whole process.
#
#   Benchmarks/check.sh [RUNS]          default 30 runs each, after 3 warm-up runs each
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${1:-30}

echo "== swift build -c release"
swift build -c release
jacobi="$root/.build/release/jacobi"
python=$(python3 -c 'import sys; print(sys.executable)')

exec python3 - "$jacobi" "$python" "$runs" "$root/Benchmarks/check/ten-lines.txt" <<'PY'
import statistics, subprocess, sys, time

jacobi, python, runs, derivation = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
commands = {
    "jacobi": [jacobi, "check", derivation],
    "numpy": [python, "-c", "import numpy"],
}

def once(argv, expected):
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != expected:
        sys.exit(f"{' '.join(argv)} exited with {done.returncode}, not {expected}: {done.stderr.decode(errors='replace')}")
    return elapsed, done.stdout.decode(errors="replace").strip()

# The derivation's last step is wrong: jacobi check exits with 1.
expected = {"jacobi": 1, "numpy": 0}
print(once(commands["jacobi"], 1)[1])
for _ in range(3):
    for name, argv in commands.items():
        once(argv, expected[name])
times = {name: [] for name in commands}
for _ in range(runs):
    for name, argv in commands.items():
        times[name].append(once(argv, expected[name])[0])

median = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
for name, ts in times.items():
    ms = sorted(t * 1000 for t in ts)
    print(f"{name:7} median {median[name]:7.2f} ms   min {ms[0]:7.2f}   max {ms[-1]:7.2f}   ({runs} runs)")
print(f"jacobi check / numpy import = {median['jacobi'] / median['numpy']:.3f}")
print(f"target (< 50 ms whole process): {'met' if median['jacobi'] < 50 else 'MISSED'}")
PY
