#!/usr/bin/env bash
# Startup benchmark (not a test), two parts, each measured in one run, interleaved, release build:
#
# 1. median wall time from process start to printed result of
#      jacobi -e 'softmax([1, 2, 3])'     beside `python3 -c 'import numpy'`
#    Target: Jacobi under 25 ms and at most a quarter of NumPy's import.
# 2. time to the first prompt in a pseudo-terminal (Python's pty module, 100x30): from just before the
#    fork to the moment the prompt's text has been read from the terminal, for
#      jacobi                              (JACOBI_STARTUP_TRACE=1 adds its own in-process figures)
#      sh -c "printf 'jacobi> '; read x"   (the floor: a shell that prints a prompt)
#      ipython                             (when installed)
#    each with its own empty HOME, reported as medians and ratios.
#
#   Benchmarks/startup.sh [RUNS]          default 30 runs each, after 3 warm-up runs each
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${1:-30}

echo "== swift build -c release"
swift build -c release
jacobi="$root/.build/release/jacobi"

# pyenv and similar put a shell-script shim first on PATH; time the interpreter itself, not the shim.
python=$(python3 -c 'import sys; print(sys.executable)')

python3 - "$jacobi" "$python" "$runs" <<'PY'
import statistics, subprocess, sys, time

jacobi, python, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
commands = {
    "jacobi": [jacobi, "-e", "softmax([1, 2, 3])"],
    "numpy": [python, "-c", "import numpy"],
}

def once(argv):
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed with status {done.returncode}: {done.stderr.decode(errors='replace')}")
    return elapsed, done.stdout.decode(errors="replace").strip()

print(f"jacobi prints: {once(commands['jacobi'])[1]}")
print(f"numpy from:    {python}")
for _ in range(3):
    for argv in commands.values():
        once(argv)
times = {name: [] for name in commands}
for _ in range(runs):
    for name, argv in commands.items():
        times[name].append(once(argv)[0])

median = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
for name, ts in times.items():
    ms = sorted(t * 1000 for t in ts)
    print(f"{name:7} median {median[name]:7.2f} ms   min {ms[0]:7.2f}   max {ms[-1]:7.2f}   ({runs} runs)")
ratio = median["jacobi"] / median["numpy"]
print(f"jacobi / numpy import = {ratio:.3f}  (numpy import takes {1 / ratio:.1f}x as long)")
verdict = "met" if median["jacobi"] < 25 and ratio <= 0.25 else "MISSED"
print(f"target (< 25 ms and <= 0.25 of numpy's import): {verdict}")
PY

echo
exec python3 "$root/Benchmarks/prompt_time.py" "$jacobi" "$runs"
