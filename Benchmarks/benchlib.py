"""What the benchmark scripts share: the machine they ran on, timing a whole process, running a worker.

Imported by autodiff.py, derive_growth.py, derive_suite.py and derive_vector.py (with vector_sympy.py); run from
any folder: they put this folder on sys.path through their own location.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def machine():
    """CPU model, cores and kernel, for the report's header."""
    model = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def load():
    """The load averages: the machine is shared, so a report says how busy it was."""
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def commit():
    """The checkout's commit and branch, and whether Sources/ has uncommitted changes."""
    def git(*args):
        try:
            return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""
    head = git("rev-parse", "--short", "HEAD") or "?"
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    dirty = git("status", "--porcelain", "--", "Sources", "Package.swift")
    return f"{head} ({branch}" + (", with uncommitted changes under Sources/" if dirty else "") + ")"


def fmt_ms(ms):
    return f"{ms:.1f}" if ms < 1000 else f"{ms:,.0f}"


def run_once(argv, timeout_s):
    """One run of a whole process: (seconds, CompletedProcess), or (None, None) when it hit the cap."""
    start = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return None, None
    return time.perf_counter() - start, done


def median_ms(argv, warm_s, runs, warmup_counts_s, timeout_s):
    """The median of `runs` timed runs in milliseconds, after a warm-up that took warm_s (it counts as the
    first run when it took longer than warmup_counts_s); None when a timed run hit the cap."""
    times = [warm_s] if warm_s > warmup_counts_s else []
    while len(times) < runs:
        t, _ = run_once(argv, timeout_s)
        if t is None:
            return None
        times.append(t)
    return statistics.median(times) * 1e3


def run_worker(script, spec, backstop_s):
    """Runs `script --sympy-worker SPEC` in a fresh process and returns the last JSON line it printed: None
    when the worker outlived the backstop, an error record when it printed none."""
    argv = [sys.executable, os.path.abspath(script), "--sympy-worker", json.dumps(spec)]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=backstop_s)
    except subprocess.TimeoutExpired:
        return None
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"worker exited {done.returncode}: {tail}"[:200], "runs": []}
    return json.loads(lines[-1])
