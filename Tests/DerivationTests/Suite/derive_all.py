#!/usr/bin/env python3
"""Derives every row of typed-expressions.tsv with the jacobi binary and prints the suite's figures.

    python3 Tests/DerivationTests/Suite/derive_all.py [path/to/jacobi]      default .build/release/jacobi

For each row: `jacobi derive --wrt WRT --at BINDING… --format json -- EXPR`. Prints how many complete,
how many checks agree, the largest step difference from automatic differentiation, the largest
finite-difference gap, steps and whole-process times; exits 1 if any row fails.
"""
import json, subprocess, sys, time
from pathlib import Path

jacobi = sys.argv[1] if len(sys.argv) > 1 else ".build/release/jacobi"
rows = [l.rstrip("\n").split("\t") for l in open(Path(__file__).parent / "typed-expressions.tsv") if not l.startswith("#")][1:]
complete = agree = 0
largest_step = largest_fd = 0.0
steps, times, failures = [], [], []
for row in rows:
    if len(row) < 4:
        continue
    args = [jacobi, "derive", "--wrt", row[2], "--format", "json"]
    for binding in row[3].split(";"):
        args += ["--at", binding]
    args += ["--", row[1]]
    start = time.time()
    run = subprocess.run(args, capture_output=True, text=True, timeout=120)
    times.append(time.time() - start)
    try:
        d = json.loads(run.stdout)
    except ValueError:
        failures.append(f"{row[0]}: status {run.returncode}: {run.stderr.strip()[:200]}")
        continue
    check = d.get("check", {})
    complete += d["complete"]
    agree += bool(check.get("agrees"))
    largest_step = max(largest_step, check.get("largest_step_difference") or 0)
    largest_fd = max(largest_fd, check.get("finite_difference_gap") or 0)
    steps.append(len(d["steps"]))
    if run.returncode != 0:
        failures.append(f"{row[0]}: status {run.returncode}")
steps.sort(); times.sort()
print(f"{len(steps)} derived of {len([r for r in rows if len(r) >= 4])}: {complete} complete, {agree} checks agree")
print(f"largest step difference {largest_step:.2g}, largest finite-difference gap {largest_fd:.2g}")
print(f"steps: median {steps[len(steps) // 2]}, at most {steps[-1]}; whole process: median {times[len(times) // 2] * 1000:.0f} ms, at most {times[-1] * 1000:.0f} ms")
for f in failures:
    print("FAILED", f)
sys.exit(1 if failures else 0)
