"""Comparing Jacobi's and SymPy's results of derive_vector.py, and the Markdown report (VECTOR-SYMPY.md)."""

import re
import statistics

import numpy as np

from benchlib import commit, fmt_ms, load, machine
from vector_sympy import FD_STEP, HELPERS, SYMPY_FAST_S, SYMPY_RUNS, SYMPY_TIMEOUT_S, failed, not_expressible

TOLERANCE = 1e-8
FD_TOLERANCE = 1e-5
FORM_CHARS = 110  # forms in the tables are cut here; "The rows in full" has more
INDEXED = re.compile(r"[A-Za-z0-9]_[a-z]|sum_|delta\(")


# ---------------------------------------------------------------------------------------------------------
# Jacobi's record


def jacobi_ok(r):
    return "form" in r and not r.get("timeout") and r["complete"] and r["agrees"] is not False


def jacobi_form(r):
    if "form" not in r:
        return ""
    defs = "; ".join(r["definitions"])
    return (f"[{defs}] " if defs else "") + r["form"]


def matrix_form(r):
    """'yes' when the last step is the matrix form; an index-free result (0) needs none."""
    if r["last_rule"] == "matrix form":
        return "yes"
    if not INDEXED.search(r["form"]):
        return f"needs none (`{r['form']}`)"
    return f"no (last: {r['last_rule']})"


# ---------------------------------------------------------------------------------------------------------
# Values


def squeeze(value):
    a = np.array(value, dtype=float)
    return a.reshape([d for d in a.shape if d != 1])


def same(a, b, tolerance=TOLERANCE):
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tolerance * np.maximum(1.0, np.maximum(abs(a), abs(b)))))


def compare(ours, theirs):
    """'yes', 'yes (transposed)' or 'NO (…)': SymPy's value against Jacobi's, singleton axes dropped."""
    a, b = squeeze(ours), squeeze(theirs)
    if same(a, b):
        return "yes"
    if b.ndim == 2 and same(a, b.T):
        return "yes (transposed)"
    if a.shape != b.shape and (b.ndim != 2 or a.shape != b.T.shape):
        return f"NO (SymPy's value has shape {list(b.shape)}, Jacobi's {list(a.shape)})"
    b = b if a.shape == b.shape else b.T
    return f"NO (largest difference {np.abs(a - b).max():.3g})"


def near_fd(value, fd, either=False):
    a, b = squeeze(value), squeeze(fd)
    return same(a, b, FD_TOLERANCE) or (either and a.ndim == 2 and same(a.T, b, FD_TOLERANCE))


def agreement(r, s):
    """SymPy's value against Jacobi's last value ('—' when there is nothing to compare); where they differ,
    which of the two the finite differences of the input side with."""
    if not s or "value" not in s or r.get("value") is None:
        return "—"
    verdict = compare(r["value"], s["value"])
    if verdict.startswith("NO") and s.get("fd") is not None:
        ours, theirs = near_fd(r["value"], s["fd"]), near_fd(s["value"], s["fd"], either=True)
        side = {(True, False): "Jacobi", (False, True): "SymPy", (True, True): "both"}.get((ours, theirs), "neither")
        verdict += f"; finite differences side with {side}"
    return verdict


def fd_check(r, s):
    """Whether the finite differences of the SymPy input match Jacobi's value (the translation check)."""
    if not s or s.get("fd") is None or r.get("value") is None:
        return "—"
    return "yes" if near_fd(r["value"], s["fd"]) else "NO"


# ---------------------------------------------------------------------------------------------------------
# Times


def sympy_ms(s):
    """(diff ms, diff + simplify ms), medians over the runs."""
    return (statistics.median(x["diff_ms"] for x in s["runs"]), statistics.median(x["total_ms"] for x in s["runs"]))


def sympy_times(s):
    """(diff ms, diff + simplify ms) as table cells."""
    if not s:
        return "", ""
    if s.get("runs") and "timeout" not in s:
        diff, total = sympy_ms(s)
        return fmt_ms(diff), fmt_ms(total) + (" (simplify failed)" if s.get("simplify_error") else "")
    return (fmt_ms(s["diff_ms"]) if "diff_ms" in s else "—"), "—"


def both_ok(r, s):
    return (jacobi_ok(r) and r.get("ms") and s and not failed(s)
            and agreement(r, s).startswith("yes"))


def ratio_of(r, s, add_ms=0.0):
    return (sympy_ms(s)[1] + add_ms) / r["ms"] if both_ok(r, s) else None


def times(x):
    return f"{x:,.2f}×" if x < 10 else f"{x:,.0f}×"


# ---------------------------------------------------------------------------------------------------------
# Markdown


def cut(text, n=FORM_CHARS):
    return text if len(text) <= n else text[: n - 1] + "…"


def cell(text):
    return text.replace("|", "\\|")


def name_of(row):
    return row["id"] + (" (order 2)" if row["order"] == 2 else "")


def sympy_sizes(row):
    """Which sizes SymPy ran with, and why it fell back."""
    attempts = row["attempts"]
    if not attempts:
        return ""
    if len(attempts) == 1:
        return "not expressible" if not_expressible(attempts[0]) else "symbolic"
    sizes = ", ".join(f"{s} = {v}" for s, v in row["sizes"].items())
    return f"{sizes} (symbolic: {failed(attempts[0])})"


def table(rows, settings):
    lines = [
        "| id | Jacobi ms | steps | complete | matrix form | SymPy sizes | SymPy diff ms | SymPy diff + simplify ms "
        "| SymPy / Jacobi | agree? | Jacobi's form | SymPy's form |",
        "| --- | ---: | ---: | --- | --- | --- | ---: | ---: | ---: | --- | --- | --- |",
    ]
    cap_s = settings["jacobi_timeout_s"]
    for row in rows:
        r = row["jacobi"]
        s = row["attempts"][-1] if row["attempts"] else None
        if r.get("timeout") and "steps" not in r:
            jms, steps, complete, matrix = f"timeout (> {cap_s:.0f} s)", "—", "—", "—"
        elif "error" in r:
            jms, steps, complete, matrix = "error: " + r["error"], "—", "—", "—"
        else:
            jms = f"timeout (> {cap_s:.0f} s)" if r.get("timeout") else fmt_ms(r["ms"])
            steps = str(r["steps"])
            complete = "yes" if r["complete"] else f"no ({r.get('stopped') or 'stopped'})"
            if r["agrees"] is False:
                complete += ", check FAILED"
            matrix = matrix_form(r)
            if r.get("value_from"):
                matrix += f"; no value on it (compared: the {r['value_from']} step's)"
        diff, total = sympy_times(s)
        if s and failed(s):
            total = failed(s)
        sform = cut(s.get("simplified") or s["result"]) if s and "result" in s else ""
        x = ratio_of(r, s) if s else None
        lines.append(
            f"| {row['id']} | {jms} | {steps} | {complete} | {cell(matrix)} | {cell(sympy_sizes(row))} | "
            f"{cell(diff)} | {cell(total)} | {times(x) if x else ''} | {cell(agreement(r, s))} | "
            f"`{cell(cut(jacobi_form(r)))}` | {'`' + cell(sform) + '`' if sform else ''} |")
    return lines


def summary(rows, label, settings):
    """The figures of one order: expressible, derived, agreeing, ratios."""
    with_sympy = [row for row in rows if row["attempts"]]
    jacobi_done = [row for row in rows if jacobi_ok(row["jacobi"])]
    matrix = [row for row in jacobi_done if not matrix_form(row["jacobi"]).startswith("no")]
    lines = [f"- {label}: {len(rows)} rows. Jacobi completed and checked {len(jacobi_done)}, {len(matrix)} of them "
             "ending in a matrix form (or a result with no index, such as 0)."]
    if not with_sympy:
        return lines
    last = {row["id"]: row["attempts"][-1] for row in with_sympy}
    expressible = [row for row in with_sympy if not not_expressible(row["attempts"][0])]
    own = [row for row in expressible if not (set(row["written"]) - {"sum", "mean", "dot"})]
    symbolic = [row for row in expressible if not failed(row["attempts"][0])]
    derived = [row for row in expressible if not failed(last[row["id"]])]
    agree = [row for row in derived if agreement(row["jacobi"], last[row["id"]]).startswith("yes")]
    disagree = [row for row in derived if agreement(row["jacobi"], last[row["id"]]).startswith("NO")]
    ratios = [x for x in (ratio_of(row["jacobi"], last[row["id"]]) for row in with_sympy) if x is not None]
    whole = [x for x in (ratio_of(row["jacobi"], last[row["id"]], settings["sympy_import_ms"]) for row in with_sympy)
             if x is not None]
    lines += [
        f"- SymPy could express {len(expressible)} of {len(with_sympy)} with MatrixSymbol: {len(own)} with its own "
        f"functions (and sum as vᵀ1), {len(expressible) - len(own)} only with functions written from their "
        f"definitions. It derived {len(derived)} ({len(symbolic)} with symbolic sizes, "
        f"{len(derived) - len(symbolic)} only with the concrete sizes) and failed on "
        f"{len(expressible) - len(derived)} (an exception, an unevaluated derivative or a timeout).",
        f"- Of the {len(derived)} SymPy derived, {len(agree)} agree with Jacobi's value at the bindings and "
        f"{len(disagree)} disagree" + (f" ({', '.join(row['id'] for row in disagree)})" if disagree else "") + ".",
    ]
    if ratios:
        lines.append(
            f"- SymPy diff + simplify ÷ Jacobi's whole process, where both succeeded and agree ({len(ratios)} rows): "
            f"median {times(statistics.median(ratios))}, min {times(min(ratios))}, max {times(max(ratios))}; with "
            f"SymPy's Python startup and import ({fmt_ms(settings['sympy_import_ms'])} ms) added, as a whole process "
            f"of its own would pay: median {times(statistics.median(whole))}, min {times(min(whole))}, "
            f"max {times(max(whole))}.")
    return lines


def header(args, started, finished, load_before, versions, settings):
    lines = [
        "# Jacobi beside SymPy's matrix expressions on the vector-notation suite",
        "",
        f"Regenerate with `{args.command}` (release build; writes this file). Generated "
        f"{finished:%Y-%m-%d %H:%M} in {(finished - started).total_seconds() / 60:.1f} min, "
        f"at commit {commit()}.",
        "",
        f"- machine: {machine()}; load average {load_before} at the start, {load()} at the end "
        "(a shared machine: the figures are wall times)",
        f"- {versions}",
        "- rows: Tests/DerivationTests/Suite/vector-expressions.tsv, each derived by its `wrt`; the rows whose "
        "expression is a number-valued function of a vector again with `--order 2` (the Hessian).",
        f"- Jacobi: the whole process `jacobi derive EXPR --wrt V --at … --format json [--order 2]` (startup, "
        f"parse, lowering, derivation, matrix form, numeric check, JSON), median of {settings['jacobi_runs']} runs "
        f"after a warm-up, each capped at {settings['jacobi_timeout_s']:.0f} s. For scale: the whole process "
        f"`jacobi --version` takes {fmt_ms(settings['jacobi_startup_ms'])} ms. steps = the length of the JSON "
        "`steps` array (the `start` step included); complete = the JSON's `complete` (and its numeric check); "
        "matrix form = whether the last step is the matrix form; Jacobi's form = the JSON's `result`, with "
        "its definitions in brackets in front.",
        f"- SymPy: the row written with `MatrixSymbol` (vectors n×1, matrices m×n, the row's shapes), "
        f"`expr.diff(V)` (twice for a Hessian), then `sympy.simplify`, timed in-process (Python startup, the "
        f"import and building the expression not timed: `python3 -c 'import sympy'` alone takes "
        f"{fmt_ms(settings['sympy_import_ms'])} ms), median of {SYMPY_RUNS} runs when the first takes under "
        f"{SYMPY_FAST_S:.0f} s (SymPy's cache cleared before each), each capped at {SYMPY_TIMEOUT_S:.0f} s, in a "
        "subprocess. \"SymPy sizes\" says whether the sizes were symbols (`MatrixSymbol('x', n, 1)`) or, when "
        "that attempt failed, the concrete sizes of the row's bindings, and why. Numbers are real symbols. "
        "SymPy's form is the simplified derivative when simplify changed it.",
        "- SymPy's vocabulary, as used for the rows. SymPy has no sigmoid, softplus, relu, softmax, "
        "cross_entropy or logsumexp for matrix expressions: these are written from their definitions. sum(v) "
        "is vᵀ1: written 1ᵀv, diff raises \"diagonalizing indices of different dimensions\" on every sum of "
        "a Hadamard power or product (SymPy 1.14), written vᵀ1 it does not. A function of a 1×1 matrix "
        "(logsumexp's log) goes through `applyfunc`: `sympy.log(S(EW(exp, z))).diff(z)` returns 0 without "
        "complaint, a wrong derivative, so that spelling is not used.",
        "",
    ]
    lines += [f"  - `{name}` = `{what}`" for name, what in HELPERS.items()]
    lines += [
        "",
        f"- agree? = SymPy's derivative (before simplify) evaluated at the row's bindings against the value of "
        f"Jacobi's last step, singleton axes dropped, |a − b| ≤ {TOLERANCE:g}·max(1, |a|, |b|); \"yes "
        "(transposed)\" where SymPy lays the derivative out the other way (for a vector by a vector SymPy's "
        "d(Wx)/dx is Wᵀ; Jacobi's Jacobian has a row per output). SymPy's value is its own (sizes "
        "substituted, matrices put in, `.doit()`, `.as_explicit()`) or, where SymPy cannot make its result "
        "explicit, Benchmarks/sympy_values.py's NumPy reading of its nodes (checked against `as_explicit` "
        "wherever both work). Where the two differ, central finite differences of the SymPy input "
        f"(h = {FD_STEP:g}) say which side the function's own numbers are on. FD = whether those finite "
        "differences match Jacobi's value, a check on the translation (first derivatives only).",
        "- ratio = SymPy diff + simplify ÷ Jacobi's whole process, only where both completed and agree.",
        "- Jacobi's engine is under active change: its forms and step counts here are those of the commit above.",
        "",
    ]
    return lines


def in_full(row):
    r = row["jacobi"]
    lines = [
        f"### {name_of(row)}",
        "",
        f"- Jacobi input: `{row['expr']}` by `{row['wrt']}`" + (" with `--order 2`" if row["order"] == 2 else "")
        + f" at `{row['bindings']}`",
        f"- SymPy input: `{row['sympy_expr']}` by `{row['wrt']}`, shapes "
        + ", ".join(f"{k} {'×'.join(str(d) for d in v)}" for k, v in row["shapes"].items())
        + (f"; written from definitions: {', '.join(row['written'])}" if row["written"] else ""),
        f"- source: {row['source']}",
        f"- expected form (vector-expressions.tsv, first derivative): `{row['expected']}`",
        f"- Jacobi's form ({r.get('steps', '—')} steps, last: {r.get('last_rule') or '—'}): "
        f"`{jacobi_form(r) or r.get('error', '')}`",
    ]
    if r.get("assumptions"):
        lines.append(f"- Jacobi's assumptions: {'; '.join(r['assumptions'])}")
    for s in row["attempts"]:
        label = "symbolic sizes" if s["mode"] == "symbolic" else ", ".join(f"{k} = {v}" for k, v in row["sizes"].items())
        if "input" in s:
            lines.append(f"- SymPy reads it ({label}) as: `{cut(s['input'], 600)}`")
        if "result" in s:
            lines.append(f"- SymPy's derivative ({label}; {s['kind']}, shape ({', '.join(s.get('shape', []))}), "
                         f"{s['result_chars']:,} characters): `{cut(s['result'], 600)}`")
            if s.get("simplified"):
                lines.append(f"- simplified: `{cut(s['simplified'], 600)}`")
            if s.get("simplify_error"):
                lines.append(f"- simplify failed: {s['simplify_error']}")
        why = failed(s)
        if why:
            lines.append(f"- SymPy ({label}): {why}")
        else:
            lines.append(f"- value by {s.get('evaluated_by', '?')}; agree? {agreement(r, s)}; FD {fd_check(r, s)}"
                         + (f" (finite differences failed: {s['fd_error']})" if s.get("fd_error") else ""))
    return lines + [""]


def notes(rows, settings):
    out = []
    for row in rows:
        r, name = row["jacobi"], name_of(row)
        if r.get("timeout"):
            out.append(f"- Jacobi timed out (> {settings['jacobi_timeout_s']:.0f} s): {name}")
        elif "error" in r:
            out.append(f"- Jacobi error on {name}: {r['error']}")
        else:
            if not r["complete"]:
                out.append(f"- Jacobi did not complete {name} ({r.get('stopped') or 'stopped'})")
            if r["agrees"] is False:
                out.append(f"- Jacobi's own numeric check failed on {name}")
            if matrix_form(r).startswith("no"):
                out.append(f"- Jacobi ends {name} in index form: `{r['form']}`")
            if r.get("value_from"):
                out.append(f"- Jacobi's last step ({r['last_rule']}: `{r['form']}`) has no value in the JSON on "
                           f"{name}; compared with the {r['value_from']} step's")
        whys = [failed(s) for s in row["attempts"]]
        if len(whys) == 2 and whys[0] and whys[0] == whys[1]:
            out.append(f"- SymPy on {name}, with symbolic and with concrete sizes: {whys[0]}")
        for s in row["attempts"]:
            label = "symbolic sizes" if s["mode"] == "symbolic" else "concrete sizes"
            why = failed(s)
            if why and not (len(whys) == 2 and whys[0] == whys[1]):
                out.append(f"- SymPy ({label}) on {name}: {why}")
            elif agreement(r, s).startswith("NO"):
                out.append(f"- SymPy ({label}) differs from Jacobi on {name}: {agreement(r, s)}")
            if fd_check(r, s) == "NO":
                out.append(f"- the finite differences of the SymPy input differ from Jacobi's value on {name}")
            if "DIFFERS" in s.get("evaluated_by", ""):
                out.append(f"- the NumPy reading of SymPy's result differs from its as_explicit on {name}")
    return out or ["- nothing: every derivation completed and agreed"]


def report(args, rows, started, finished, load_before, versions, settings):
    first = [row for row in rows if row["order"] == 1]
    second = [row for row in rows if row["order"] == 2]
    lines = header(args, started, finished, load_before, versions, settings)
    lines += ["## Summary", ""] + summary(first, "First derivatives", settings)
    if second:
        lines += summary(second, "Hessians (`--order 2`)", settings)
    lines += ["", "## First derivatives", ""] + table(first, settings)
    if second:
        lines += ["", "## Hessians (`--order 2`)", ""] + table(second, settings)
    lines += [
        "",
        "## SymPy with symbolic sizes, every row",
        "",
        "The first SymPy attempt of each row, as it went (the tables above fall back to the concrete sizes "
        "when this one failed).",
        "",
        "| id | order | diff ms | outcome | agree? | FD | SymPy's derivative |",
        "| --- | ---: | ---: | --- | --- | --- | --- |",
    ]
    for row in rows:
        if not row["attempts"]:
            continue
        s = row["attempts"][0]
        diff, _ = sympy_times(s)
        outcome = failed(s) or ("ok" + (f" (simplify: {s['simplify_error']})" if s.get("simplify_error") else ""))
        sform = cut(s["result"]) if "result" in s else ""
        lines.append(f"| {row['id']} | {row['order']} | {cell(diff)} | {cell(outcome)} | "
                     f"{cell(agreement(row['jacobi'], s))} | {fd_check(row['jacobi'], s)} | "
                     f"{'`' + cell(sform) + '`' if sform else ''} |")
    lines += ["", "## The rows in full", ""]
    for row in rows:
        lines += in_full(row)
    lines += ["## Did not go well", ""] + notes(rows, settings)
    return lines
