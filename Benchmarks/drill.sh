#!/usr/bin/env bash
# Drill benchmark (not a test), release build: for every catalog entry with a variable, the wall time of
#   jacobi drill NAME --seed S --answers     (derive, plant, finish again, check, print the sheet)
# beside
#   jacobi derive NAME                       (derive, check every step, print)
# over seeds 1..SEEDS, reported as medians and the largest drill, with the ratio drill / derive.
#
#   Benchmarks/drill.sh [SEEDS]          default 5 seeds
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seeds=${1:-5}
swift build -c release --product jacobi >/dev/null
jacobi="$root/.build/release/jacobi"
names=$("$jacobi" derive --list | awk 'NF && $1 !~ /:$/ {print $1}' | grep -v '^shift-invariance$' || true)
python3 - "$jacobi" "$seeds" $names <<'PY'
import statistics, subprocess, sys, time
jacobi, seeds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def wall(args):
    t = time.perf_counter()
    run = subprocess.run([jacobi] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000, run.returncode
drills, derives, worst = [], [], (0, "")
for name in names:
    ms, code = wall(["derive", name])
    if code != 0: continue
    derives.append(ms)
    for seed in range(1, seeds + 1):
        ms, code = wall(["drill", name, "--seed", str(seed), "--answers"])
        if code != 0:
            print(f"{name} seed {seed}: exit {code}"); continue
        drills.append(ms)
        worst = max(worst, (ms, f"{name} --seed {seed}"))
print(f"entries: {len(derives)}, drills: {len(drills)}")
print(f"jacobi drill: median {statistics.median(drills):.1f} ms, largest {worst[0]:.1f} ms ({worst[1]})")
print(f"jacobi derive: median {statistics.median(derives):.1f} ms")
print(f"ratio of medians drill / derive: {statistics.median(drills) / statistics.median(derives):.2f}")
PY
