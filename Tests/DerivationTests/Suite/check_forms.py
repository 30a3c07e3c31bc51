#!/usr/bin/env python3
"""Checks expected-forms.tsv against Jacobi's automatic derivative of every row of typed-expressions.tsv.

    swift build
    python3 Tests/DerivationTests/Suite/check_forms.py [--jacobi .build/debug/jacobi] [--tol 1e-9]

For every row it checks that
- the form's free index letters are exactly the expression's free letters plus the wrt's letters;
- the facts are written in Jacobi's vocabulary (`sum(y) = 1`, `y onehot`, `y simplex`, `x > 0`,
  `A symmetric`, with the row's own names) and hold at the row's bindings (same tolerance as
  Assumption.holds: 1e-9 per element summed);
- `partial(EXPRESSION, WRT) - (FORM)`, evaluated by Jacobi at the row's bindings, has the shape of
  `partial(EXPRESSION, WRT)` and every entry within tol · max(1, largest |entry of the derivative|).

It also probes each fact: it evaluates the row again with the named value changed so that the fact no
longer holds, and warns (without failing) when the form still agrees, since then the fact is not needed.
Prints one line per problem and a summary; exits 1 on any mismatch, 2 when the files cannot be read.
Needs only Python 3 and the jacobi binary.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SUITE = os.path.join(HERE, "typed-expressions.tsv")
FORMS = os.path.join(HERE, "expected-forms.tsv")


def read_tsv(path, columns):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise ValueError(f"{os.path.basename(path)}:{n}: {len(fields)} columns, expected {columns}")
        rows.append(fields)
    return rows


# ----------------------------------------------------------------------------------------------------
# Free index letters, by a small parser of the index-notation subset (Jacobi's precedence:
# `+ -` < `* / @` < unary `-` and prefix `Σ_k` < `^` (right-associative) < call, subscript).

TOKEN = re.compile(
    r"""(?P<ws>\s+)
      | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
      | (?P<ident>[A-Za-z_\u0391-\u03c9\u2211][A-Za-z0-9_\u0391-\u03c9\u2211]*)
      | (?P<punct>[-+*/^@(),\[\]{}'])
    """,
    re.VERBOSE,
)
# Builtin names that contain an underscore (everything else `name_ij` is a subscripted name).
UNDERSCORE_FUNCTIONS = {"log_softmax", "cross_entropy", "leaky_relu", "cross_entropy_logits"}
SUM_PREFIXES = ("sum_", "Σ_", "∑_")


def tokenize(src):
    toks, pos = [], 0
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m:
            raise SyntaxError(f"cannot read {src[pos:]!r}")
        if m.lastgroup != "ws":
            toks.append((m.lastgroup, m.group()))
        pos = m.end()
    toks.append(("end", ""))
    return toks


def sum_letter(name):
    for p in SUM_PREFIXES:
        if name.startswith(p) and len(name) == len(p) + 1 and "a" <= name[-1] <= "z":
            return name[-1]
    return None


class FreeLetters:
    """free(src): the set of index letters not bound by a sum."""

    def __init__(self, src):
        self.toks = tokenize(src)
        self.i = 0

    def peek(self, k=0):
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self, text=None):
        t = self.toks[self.i]
        if text is not None and t[1] != text:
            raise SyntaxError(f"expected {text!r}, found {t[1]!r}")
        self.i += 1
        return t

    def run(self):
        letters = self.expr()
        if self.peek()[0] != "end":
            raise SyntaxError(f"unexpected {self.peek()[1]!r}")
        return letters

    def expr(self):
        letters = self.term()
        while self.peek()[1] in ("+", "-"):
            self.take()
            letters |= self.term()
        return letters

    def term(self):
        letters = self.unary()
        while self.peek()[1] in ("*", "/", "@"):
            self.take()
            letters |= self.unary()
        return letters

    def unary(self):
        kind, text = self.peek()
        if text == "-":
            self.take()
            return self.unary()
        if kind == "ident" and sum_letter(text) and self.peek(1)[1] != "(":
            self.take()  # prefix Σ_k body
            return self.unary() - {sum_letter(text)}
        return self.power()

    def power(self):
        letters = self.postfix()
        if self.peek()[1] == "^":
            self.take()
            letters |= self.unary()
        return letters

    def subscript_letters(self, text):
        """The letters of a subscript `ij`, `2`, or (after `_` alone) `{1,m}`."""
        if text == "":
            self.take("{")
            letters = set()
            while True:
                kind, item = self.take()
                if kind == "ident" and len(item) == 1:
                    letters.add(item)
                elif kind != "number":
                    raise SyntaxError(f"bad subscript item {item!r}")
                if self.take()[1] == "}":
                    return letters
        if text.isdigit():
            return set()
        if all("a" <= c <= "z" for c in text):
            return set(text)
        raise SyntaxError(f"bad subscript {text!r}")

    def postfix(self):
        letters = self.primary()
        while True:
            kind, text = self.peek()
            if kind == "ident" and text.startswith("_"):  # softmax(z)_i
                self.take()
                letters |= self.subscript_letters(text[1:])
            elif text == "'":
                self.take()
            else:
                return letters

    def arguments(self):
        self.take("(")
        args = []
        if self.peek()[1] != ")":
            args.append(self.expr())
            while self.peek()[1] == ",":
                self.take()
                args.append(self.expr())
        self.take(")")
        return args

    def primary(self):
        kind, text = self.take()
        if kind == "number":
            return set()
        if text == "(":
            letters = self.expr()
            self.take(")")
            return letters
        if text == "[":
            letters = set()
            if self.peek()[1] != "]":
                letters |= self.expr()
                while self.peek()[1] == ",":
                    self.take()
                    letters |= self.expr()
            self.take("]")
            return letters
        if kind != "ident":
            raise SyntaxError(f"unexpected {text!r}")
        bound = sum_letter(text)
        if bound and self.peek()[1] == "(":
            (body,) = self.arguments()
            return body - {bound}
        if text == "delta":
            self.take("(")
            letters = set()
            for n in range(2):
                k, item = self.take()
                if k == "ident" and len(item) == 1:
                    letters.add(item)
                elif k != "number":
                    raise SyntaxError(f"bad delta argument {item!r}")
                self.take("," if n == 0 else ")")
            return letters
        if "_" in text and text not in UNDERSCORE_FUNCTIONS:
            return self.subscript_letters(text.split("_", 1)[1])  # W_ij, K_{1,m}
        if self.peek()[1] == "(":  # a call: exp(…), softmax(z, T)
            letters = set()
            for a in self.arguments():
                letters |= a
            return letters
        return set()  # a name: x, T, eps, pi


def free_letters(src):
    return FreeLetters(src).run()


def wrt_letters(wrt):
    return set(wrt.split("_", 1)[1]) if "_" in wrt else set()


# ----------------------------------------------------------------------------------------------------
# Facts

FACT_FORMS = [
    (re.compile(r"^sum\(\s*([A-Za-z_]\w*)\s*\)\s*=\s*1$"), "sum"),
    (re.compile(r"^([A-Za-z_]\w*)\s+onehot$"), "onehot"),
    (re.compile(r"^([A-Za-z_]\w*)\s+simplex$"), "simplex"),
    (re.compile(r"^([A-Za-z_]\w*)\s*>\s*0$"), "positive"),
    (re.compile(r"^([A-Za-z_]\w*)\s+symmetric$"), "symmetric"),
]


def parse_facts(text):
    facts = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        for pattern, kind in FACT_FORMS:
            m = pattern.match(part)
            if m:
                facts.append((kind, m.group(1), part))
                break
        else:
            raise ValueError(f"not a fact in the vocabulary: {part!r}")
    return facts


def parse_bindings(text):
    values = {}
    for b in (b.strip() for b in text.split(";")):
        if b:
            name, value = b.split("=", 1)
            values[name.strip()] = json.loads(value.strip())
    return values


def rows_of(value):
    if isinstance(value, list) and value and isinstance(value[0], list):
        return value
    return [value if isinstance(value, list) else [value]]


def holds(kind, value):
    tol = 1e-9
    if kind == "sum":
        return all(abs(sum(r) - 1) <= tol * max(1, len(r)) for r in rows_of(value))
    if kind == "onehot":
        return all(r.count(1) == 1 and all(v in (0, 1) for v in r) for r in rows_of(value))
    if kind == "simplex":
        return all(min(r) >= 0 and abs(sum(r) - 1) <= tol * max(1, len(r)) for r in rows_of(value))
    if kind == "positive":
        return all(v > 0 for r in rows_of(value) for v in r)
    if kind == "symmetric":
        m = rows_of(value)
        n = len(m)
        return all(len(r) == n for r in m) and all(abs(m[r][c] - m[c][r]) <= tol for r in range(n) for c in range(n))
    raise ValueError(kind)


def violate(kind, value):
    """The value changed so that the fact no longer holds (None when no change makes sense)."""
    if not isinstance(value, list):
        return None
    if kind in ("sum", "onehot", "simplex"):
        return [[v * 1.25 for v in r] for r in value] if isinstance(value[0], list) else [v * 1.25 for v in value]
    if kind == "symmetric" and isinstance(value[0], list):
        m = [list(r) for r in value]
        m[0][1] += 0.3
        return m
    return None  # x > 0: the expression is not real-valued elsewhere


# ----------------------------------------------------------------------------------------------------
# Evaluation by Jacobi


def evaluate(jacobi, bindings, expression, wrt, form):
    """(derivative, derivative − form) as nested lists, from one jacobi run; a binding's value is the
    text as typed in the suite, or a JSON value."""
    args = [jacobi, "--json"]
    for name, value in bindings.items():
        args += ["-e", f"{name}={value if isinstance(value, str) else json.dumps(value)}"]
    args += ["-e", f"partial({expression}, {wrt})", "-e", f"partial({expression}, {wrt}) - ({form})"]
    p = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        message = [l.strip() for l in (p.stderr or p.stdout).splitlines() if "error" in l]
        raise RuntimeError(message[0] if message else f"exit status {p.returncode}")
    lines = p.stdout.strip().splitlines()
    return json.loads(lines[-2]), json.loads(lines[-1])


def shape(v):
    s = []
    while isinstance(v, list):
        s.append(len(v))
        v = v[0] if v else None
    return s


def flat(v):
    if isinstance(v, list):
        return [x for e in v for x in flat(e)]
    return [v]


def largest_gap(derivative, difference):
    if shape(derivative) != shape(difference):
        return None, 0.0
    d, r = flat(difference), flat(derivative)
    gap = max((abs(x) if x is not None else float("inf")) for x in d)
    scale = max([1.0] + [abs(x) for x in r if x is not None])
    return gap, scale


def check_row(jacobi, tol, expr_row, form_row):
    rid, expression, wrt, bindings_text = expr_row[:4]
    _, form, facts_text, source = form_row
    problems, warnings = [], []
    if not form.strip():
        return [f"{rid}: empty form"], warnings, None
    if not source.strip():
        problems.append(f"{rid}: no source")
    try:
        want = free_letters(expression) | wrt_letters(wrt)
        have = free_letters(form)
        if want != have:
            problems.append(f"{rid}: form has free letters {sorted(have)}, expected {sorted(want)}")
    except SyntaxError as exc:
        problems.append(f"{rid}: cannot read for free letters: {exc}")
    bindings = parse_bindings(bindings_text)
    try:
        facts = parse_facts(facts_text)
    except ValueError as exc:
        problems.append(f"{rid}: {exc}")
        facts = []
    for kind, name, text in facts:
        if name not in bindings:
            problems.append(f"{rid}: fact '{text}' names {name}, which the row does not bind")
        elif not holds(kind, bindings[name]):
            problems.append(f"{rid}: the bindings violate the fact '{text}' ({name} = {json.dumps(bindings[name])})")
    try:
        typed = {b.split("=", 1)[0].strip(): b.split("=", 1)[1].strip() for b in bindings_text.split(";") if b.strip()}
        derivative, difference = evaluate(jacobi, typed, expression, wrt, form)
    except Exception as exc:  # report every row
        return problems + [f"{rid}: Jacobi could not evaluate: {exc}"], warnings, None
    gap, scale = largest_gap(derivative, difference)
    if gap is None:
        problems.append(f"{rid}: partial - (form) has shape {shape(difference)}, the derivative {shape(derivative)}")
    elif not gap <= tol * scale:
        problems.append(f"{rid}: differs by {gap:.3g} (derivative {json.dumps(derivative)}, difference {json.dumps(difference)})")
    for kind, name, text in facts:
        changed = violate(kind, bindings.get(name)) if name in bindings else None
        if changed is None:
            continue
        probe = dict(bindings, **{name: changed})
        try:
            d2, diff2 = evaluate(jacobi, probe, expression, wrt, form)
            g2, s2 = largest_gap(d2, diff2)
            if g2 is not None and g2 <= tol * s2:
                warnings.append(f"{rid}: the form still agrees when '{text}' fails, so it may not need the fact")
        except Exception:
            pass
    return problems, warnings, gap


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jacobi", default=os.path.join(ROOT, ".build", "debug", "jacobi"), help="the jacobi binary (default .build/debug/jacobi)")
    ap.add_argument("--tol", type=float, default=1e-9, help="largest |derivative − form| allowed, relative to max(1, |derivative|) (default 1e-9)")
    ap.add_argument("--only", nargs="*", help="check only these ids")
    ap.add_argument("--forms", default=FORMS, help="the forms file (default expected-forms.tsv beside this script)")
    opts = ap.parse_args()
    if not os.access(opts.jacobi, os.X_OK):
        print(f"no jacobi binary at {opts.jacobi}: run swift build first, or pass --jacobi", file=sys.stderr)
        sys.exit(2)
    try:
        suite = read_tsv(SUITE, 5)
        forms = read_tsv(opts.forms, 4)
    except (OSError, ValueError) as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)

    problems = []
    by_id = {}
    for f in forms:
        if f[0] in by_id:
            problems.append(f"{f[0]}: two rows in expected-forms.tsv")
        by_id[f[0]] = f
    suite_ids = [r[0] for r in suite]
    for extra in sorted(set(by_id) - set(suite_ids)):
        problems.append(f"{extra}: in expected-forms.tsv but not in typed-expressions.tsv")
    rows = [r for r in suite if not opts.only or r[0] in opts.only]
    for r in rows:
        if r[0] not in by_id:
            problems.append(f"{r[0]}: no expected form")
    rows = [r for r in rows if r[0] in by_id]

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        def guarded(r):
            try:
                return check_row(opts.jacobi, opts.tol, r, by_id[r[0]])
            except Exception as exc:  # one row's trouble is reported with the rest
                return [f"{r[0]}: cannot check: {exc}"], [], None
        results = list(pool.map(guarded, rows))
    warnings, gaps = [], []
    for r, (p, w, gap) in zip(rows, results):
        problems += p
        warnings += w
        if gap is not None:
            gaps.append((gap, r[0]))
    for line in problems:
        print(line)
    for line in warnings:
        print("warning: " + line)
    with_facts = sum(1 for r in rows if by_id[r[0]][2].strip())
    worst = max(gaps) if gaps else (0.0, "-")
    failed_ids = {line.split(":", 1)[0] for line in problems}
    print(f"{len(rows) - len(failed_ids & set(suite_ids))} of {len(rows)} forms agree with Jacobi's derivative to {opts.tol:g}; "
          f"{with_facts} rely on facts; largest |derivative − form| {worst[0]:.3g} ({worst[1]})")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
