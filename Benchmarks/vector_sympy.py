"""The SymPy side of derive_vector.py: a row written with MatrixSymbol, differentiated in a worker process.

derive_vector.py runs this file as `python3 vector_sympy.py --sympy-worker SPEC` (through
benchlib.run_worker), once per attempt, so that a timeout, a RecursionError or a blow-up never takes the
benchmark down. SPEC is JSON: the row's SymPy text, wrt, shapes, values, sizes, order, timeout and mode
("symbolic": sizes are Symbols, x is MatrixSymbol('x', n, 1); "concrete": the bindings' lengths). The
worker prints one JSON line: the timed runs, SymPy's derivative as it prints it, its value at the bindings
and the central finite differences of the input (first derivatives), or why there is none.
"""

import json
import os
import resource
import signal
import sys
import time
import traceback
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sympy_values  # noqa: E402
from benchlib import run_worker  # noqa: E402

SYMPY_TIMEOUT_S = 30.0
SYMPY_RUNS = 3
SYMPY_FAST_S = 1.0  # a first run faster than this is repeated for a median of 3
FD_STEP = 1e-6

# What the rows' SymPy text is written in, besides the bindings and sp.exp/log/tanh. SymPy 1.14 has no
# sigmoid, softplus, relu, softmax, cross_entropy or logsumexp for matrix expressions: they are written from
# their definitions. sum(v) is vᵀ1, not 1ᵀv: with 1ᵀv, diff raises "diagonalizing indices of different
# dimensions" on every sum of a HadamardPower or HadamardProduct, with vᵀ1 it does not.
HELPERS = {
    "S(v)": "v.T * OneMatrix(v.rows, 1)   (sum)",
    "mean(v)": "S(v) / v.rows",
    "ones(k)": "OneMatrix(k, 1)   (a number broadcast to a column)",
    "EW(f, v)": "v.applyfunc(f)   (ElementwiseApplyFunction)",
    "HP(v, k)": "HadamardPower(v, k)   (elementwise power)",
    "HM(a, b)": "HadamardProduct(a, b)   (elementwise product)",
    "sigmoid": "Lambda(t, 1/(1 + exp(-t)))",
    "softplus": "Lambda(t, log(1 + exp(t)))",
    "relu": "Lambda(t, Max(t, 0))",
    "softmax(u)": "EW(exp, u) * Inverse(S(EW(exp, u)))",
    "xent(p, y)": "-y.T * EW(log, p)   (cross_entropy)",
    "lse(z)": "EW(log, S(EW(exp, z)))   (logsumexp)",
}


class Alarm(Exception):
    pass


def namespace(sp, spec, symbolic):
    """(names the row's SymPy text is evaluated in, {size: Symbol or Integer}, {binding: symbol})."""
    from sympy import HadamardPower, HadamardProduct, Inverse, MatrixSymbol, OneMatrix

    sizes = {s: (sp.Symbol(s, integer=True, positive=True) if symbolic else sp.Integer(v))
             for s, v in spec["sizes"].items()}
    symbols = {}
    for name, v in spec["values"].items():
        if isinstance(v, list):
            symbols[name] = MatrixSymbol(name, *[sizes[d] if isinstance(d, str) else d for d in spec["shapes"][name]])
        else:
            symbols[name] = sp.Symbol(name, real=True)
    t = sp.Symbol("t")

    def S(v):
        return v.T * OneMatrix(v.rows, 1)

    def EW(f, v):
        return v.applyfunc(f)

    ns = {"exp": sp.exp, "log": sp.log, "tanh": sp.tanh, "S": S, "EW": EW,
          "mean": lambda v: S(v) / v.rows, "ones": lambda k: OneMatrix(k, 1),
          "HP": HadamardPower, "HM": HadamardProduct,
          "sigmoid": sp.Lambda(t, 1 / (1 + sp.exp(-t))), "softplus": sp.Lambda(t, sp.log(1 + sp.exp(t))),
          "relu": sp.Lambda(t, sp.Max(t, 0)),
          "softmax": lambda u: EW(sp.exp, u) * Inverse(S(EW(sp.exp, u))),
          "xent": lambda p, y: -y.T * EW(sp.log, p), "lse": lambda z: EW(sp.log, S(EW(sp.exp, z)))}
    ns.update(sizes)
    ns.update({("lam" if name == "lambda" else name): s for name, s in symbols.items()})
    return ns, sizes, symbols


def value_at(expr, symbols, values, concrete):
    """(value, how): SymPy's own explicit value when it gives one, else the NumPy reading of SymPy's nodes
    (sympy_values.py); `how` says which, and, when both gave one, whether they matched."""
    import numpy as np
    try:
        theirs = sympy_values.by_sympy(expr, symbols, values, concrete)
    except sympy_values.Unevaluated:
        raise
    except Exception as error:  # noqa: BLE001 - SymPy's explicit evaluation fails on many diff results
        return (sympy_values.by_numpy(expr, symbols, values, concrete),
                f"NumPy reading (SymPy's as_explicit: {type(error).__name__})")
    try:
        ours = sympy_values.by_numpy(expr, symbols, values, concrete)
    except Exception as error:  # noqa: BLE001
        return theirs, f"as_explicit (NumPy reading: {type(error).__name__}: {str(error)[:80]})"
    if ours.shape != theirs.shape or not np.allclose(ours, theirs, rtol=1e-10, atol=1e-12):
        return theirs, "as_explicit (the NumPy reading DIFFERS)"
    return theirs, "as_explicit (= NumPy reading)"


def finite_differences(expr, symbols, values, concrete, wrt):
    """Central differences of the input by each element of `wrt`, laid out as Jacobi lays out a derivative:
    the function's axes, then wrt's (singletons dropped)."""
    import numpy as np
    at = np.array(values[wrt], dtype=float)
    columns = []
    for position in np.ndindex(at.shape):
        sides = []
        for sign in (1, -1):
            moved = at.copy()
            moved[position] += sign * FD_STEP
            sides.append(value_at(expr, symbols, dict(values, **{wrt: moved.tolist()}), concrete)[0])
        columns.append(((sides[0] - sides[1]) / (2 * FD_STEP)).reshape(-1))
    f_shape = value_at(expr, symbols, values, concrete)[0].squeeze().shape
    return np.stack(columns, axis=-1).reshape(f_shape + at.shape)


def where(error):
    """The innermost frame an exception came from, for messages that say nothing (NotImplementedError)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return ""
    frame = frames[-1]
    return f" (in {frame.name}, {os.path.basename(frame.filename)}:{frame.lineno})"


def cap(text, n=4000):
    return text if len(text) <= n else text[:n] + f"… ({len(text)} characters)"


def worker(spec):
    resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))  # a MemoryError rather than the OOM killer
    warnings.simplefilter("ignore")  # SymPy's deprecation warnings about array expressions inside MatMul
    import sympy as sp
    from sympy.core.cache import clear_cache

    def on_alarm(signum, frame):
        raise Alarm()

    signal.signal(signal.SIGALRM, on_alarm)
    timeout = spec["timeout"]
    out = {"runs": [], "mode": spec["mode"]}
    stage = "express"
    try:
        ns, sizes, symbols = namespace(sp, spec, spec["mode"] == "symbolic")
        values = spec["values"]
        concrete = {s: sp.Integer(spec["sizes"][name]) for name, s in sizes.items() if isinstance(s, sp.Symbol)}
        expr = eval(spec["expr"], {"__builtins__": {}}, ns)  # noqa: S307 - the benchmark's own CASES text
        out["input"] = str(expr)
        var = symbols[spec["wrt"]]

        derivative = simplified = None
        for run in range(SYMPY_RUNS):
            clear_cache()  # else runs 2 and 3 would reuse the first run's cached results
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                stage = "diff"
                t0 = time.perf_counter()
                derivative = expr.diff(var)
                if spec["order"] == 2:
                    derivative = derivative.diff(var)
                t1 = time.perf_counter()
                out["diff_ms"] = (t1 - t0) * 1e3
                stage = "simplify"
                try:
                    simplified = sp.simplify(derivative)
                    out.pop("simplify_error", None)
                except Alarm:
                    raise
                except Exception as error:  # noqa: BLE001 - a failed simplify leaves the derivative
                    simplified = None
                    out["simplify_error"] = f"{type(error).__name__}: {error}"[:160]
                t2 = time.perf_counter()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            out["runs"].append({"diff_ms": (t1 - t0) * 1e3, "total_ms": (t2 - t0) * 1e3})
            if t2 - t0 >= SYMPY_FAST_S:
                break
        out["result"] = cap(str(derivative))
        out["result_chars"] = len(str(derivative))
        out["kind"] = type(derivative).__name__
        out["shape"] = [str(d) for d in getattr(derivative, "shape", ())]
        if simplified is not None and str(simplified) != str(derivative):
            out["simplified"] = cap(str(simplified))

        # Not timed: the value at the bindings, and the finite differences of the input.
        stage = "evaluate"
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            value, out["evaluated_by"] = value_at(derivative, symbols, values, concrete)
            out["value"] = value.tolist()
            if spec["order"] == 1:
                stage = "finite differences"
                try:
                    out["fd"] = finite_differences(expr, symbols, values, concrete, spec["wrt"]).tolist()
                except (Alarm, MemoryError):
                    raise
                except Exception as error:  # noqa: BLE001 - the referee failing is not SymPy failing
                    out["fd_error"] = f"{type(error).__name__}: {error}"[:160]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Alarm:
        out["timeout"] = stage
    except sympy_values.Unevaluated as error:
        out["error"] = f"diff left an unevaluated derivative: {str(error)[:120]}"
    except MemoryError:
        out["error"] = f"{stage}: MemoryError (8 GB address-space cap)"
    except RecursionError:
        out["error"] = f"{stage}: RecursionError"
    except Exception as error:  # noqa: BLE001 - anything SymPy raises is a result
        message = f": {error}" if str(error).strip() else where(error)
        out["error"] = f"{stage}: {type(error).__name__}{message}"[:200]
    print(json.dumps(out))


def run(spec):
    """One attempt in a fresh worker process; a worker that outlives the backstop is a timeout."""
    s = run_worker(__file__, spec, spec["timeout"] * (SYMPY_RUNS + 2) + 60)
    s = s if s is not None else {"timeout": "worker (killed by the backstop)", "runs": []}
    s.setdefault("mode", spec["mode"])
    return s


def failed(s):
    """Why a SymPy attempt gave no usable derivative ('' when it did)."""
    if s.get("timeout"):
        return f"{s['timeout']} timed out (> {SYMPY_TIMEOUT_S:.0f} s)"
    if s.get("error"):
        return s["error"]
    if "value" not in s:
        return "no value"
    return ""


def not_expressible(s):
    return bool(s) and (s.get("error", "").startswith("express") or s.get("timeout") == "express")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--sympy-worker":
        worker(json.loads(sys.argv[2]))
    else:
        sys.exit("usage: vector_sympy.py --sympy-worker SPEC (run by derive_vector.py)")
