#!/usr/bin/env python3
"""Reference derivatives for typed-expressions.tsv, computed with JAX, independently of Jacobi.

    python3 Tests/DerivationTests/Suite/reference.py                 # writes reference.tsv
    python3 Tests/DerivationTests/Suite/reference.py --check .build/debug/jacobi
                                                                     # also compares with Jacobi's partial(…)

Each expression is read by a small parser for the index-notation subset Jacobi accepts (same precedence:
`+ -` < `* / @` < unary `-` and prefix `Σ_k` < `^` (right-associative) < call, subscript), translated to a
JAX function of the variable named by `wrt`, and differentiated by jax.jacrev. An indexed value is an
array with one named axis per free index letter; `+ - * / ^` and elementwise functions align operands
by letter (like einsum), `sum_k` sums the axis named k, `delta(i, j)` is an identity matrix on (i, j).
The result's free letters are the expression's plus the wrt letters, in alphabetical order (Jacobi's
convention); a letter that appears in both picks out the diagonal, as Jacobi does.

reference.tsv: `id<TAB>shape<TAB>values`, shape `scalar`, `n` or `nxm`, values row-major, `%.17g`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import re
import subprocess
import sys

os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

jax.config.update("jax_enable_x64", True)

HERE = os.path.dirname(os.path.abspath(__file__))
SUITE = os.path.join(HERE, "typed-expressions.tsv")
REFERENCE = os.path.join(HERE, "reference.tsv")


# ----------------------------------------------------------------------------------------------------
# Lexer

TOKEN = re.compile(
    r"""(?P<ws>\s+)
      | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
      | (?P<ident>[A-Za-z_\u0391-\u03c9\u2211][A-Za-z0-9_\u0391-\u03c9\u2211]*)
      | (?P<punct>[-+*/^@(),\[\]{}])
    """,
    re.VERBOSE,
)


class Tok:
    def __init__(self, kind, text, start, end):
        self.kind, self.text, self.start, self.end = kind, text, start, end

    def __repr__(self):
        return f"{self.kind}:{self.text}"


def tokenize(src):
    toks, pos = [], 0
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m:
            raise SyntaxError(f"cannot read {src[pos:]!r}")
        kind = m.lastgroup
        if kind != "ws":
            toks.append(Tok(kind, m.group(), m.start(), m.end()))
        pos = m.end()
    toks.append(Tok("end", "", len(src), len(src)))
    return toks


# ----------------------------------------------------------------------------------------------------
# Syntax tree: tuples ("num", v) ("var", name) ("pi",) ("letter", l) ("index", expr, [subs]) where a sub
# is a letter string or a 1-based int, ("call", fname, [args]) ("sum", letter, body) ("delta", a, b)
# ("bin", op, lhs, rhs) ("neg", e)

SUM_PREFIXES = ("sum_", "Σ_", "∑_")
FUNCTIONS = {
    "exp", "log", "sigmoid", "tanh", "relu", "softplus", "softsign", "abs", "sqrt", "step", "sign",
    "leaky_relu", "softmax", "log_softmax", "logsumexp", "cross_entropy", "delta",
}


def sum_letter(name):
    for p in SUM_PREFIXES:
        if name.startswith(p) and len(name) == len(p) + 1 and "a" <= name[-1] <= "z":
            return name[-1]
    return None


def read_subscripts(text):
    """`ij` -> ['i', 'j']; `2` -> [2]."""
    if text and all("a" <= c <= "z" for c in text):
        return list(text)
    if text.isdigit():
        return [int(text)]
    raise SyntaxError(f"bad subscript {text!r}")


class Parser:
    def __init__(self, src, names):
        self.toks = tokenize(src)
        self.i = 0
        self.names = names  # bound variable names

    @property
    def peek(self):
        return self.toks[self.i]

    def at(self, k):
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def advance(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, text):
        t = self.advance()
        if t.text != text:
            raise SyntaxError(f"expected {text!r}, got {t.text!r}")
        return t

    def parse(self):
        e = self.additive()
        if self.peek.kind != "end":
            raise SyntaxError(f"unexpected {self.peek.text!r}")
        return e

    def additive(self):
        lhs = self.multiplicative()
        while self.peek.text in ("+", "-") and self.peek.kind == "punct":
            op = self.advance().text
            lhs = ("bin", op, lhs, self.multiplicative())
        return lhs

    def multiplicative(self):
        lhs = self.unary()
        while self.peek.text in ("*", "/", "@") and self.peek.kind == "punct":
            op = self.advance().text
            lhs = ("bin", op, lhs, self.unary())
        return lhs

    def unary(self):
        if self.peek.kind == "punct" and self.peek.text in ("-", "+"):
            op = self.advance().text
            operand = self.unary()
            return ("neg", operand) if op == "-" else operand
        head = self.sum_head()
        if head is not None:
            letter, length = head
            nxt = self.at(length)
            adjacent_paren = nxt.text == "(" and nxt.start == self.at(length - 1).end
            if not adjacent_paren and (nxt.kind in ("number", "ident") or nxt.text in ("(", "[")):
                self.i += length
                return ("sum", letter, self.multiplicative())
        return self.power()

    def sum_head(self):
        """(letter, tokens spanned) for sum_k / Σ_k / Σ_{k} at the current token, else None."""
        t = self.peek
        if t.kind != "ident":
            return None
        letter = sum_letter(t.text)
        if letter:
            return letter, 1
        if t.text in SUM_PREFIXES and self.at(1).text == "{" and self.at(2).kind == "ident" and self.at(3).text == "}":
            return self.at(2).text, 4
        return None

    def power(self):
        base = self.postfix()
        if self.peek.kind == "punct" and self.peek.text == "^":
            self.advance()
            return ("bin", "^", base, self.unary())
        return base

    def postfix(self):
        e = self.primary()
        while True:
            t = self.peek
            if t.text == "(" and t.kind == "punct":
                self.advance()
                args = self.arguments(")")
                e = self.make_call(e, args)
            elif t.kind == "ident" and t.text.startswith("_") and t.start == self.at(-1).end:
                self.advance()
                if t.text == "_":
                    subs = self.braced()
                else:
                    subs = read_subscripts(t.text[1:])
                e = ("index", e, subs)
            else:
                return e

    def arguments(self, closing):
        args = []
        if self.peek.text == closing:
            self.advance()
            return args
        while True:
            args.append(self.additive())
            t = self.advance()
            if t.text == closing:
                return args
            if t.text != ",":
                raise SyntaxError(f"expected ',' or {closing!r}, got {t.text!r}")

    def braced(self):
        """`{i, j}`, `{ij}` or `{1, m}` after a bare `_`."""
        self.expect("{")
        items = self.arguments("}")
        subs = []
        for it in items:
            if it[0] == "num":
                subs.append(int(it[1]))
            elif it[0] == "letter":
                subs.append(it[1])
            elif it[0] == "var" and len(items) == 1 and len(it[1]) == 2:
                subs.extend(it[1])
            else:
                raise SyntaxError(f"unsupported braced subscript {it!r}")
        return subs

    def make_call(self, callee, args):
        if callee[0] == "sumname":
            (body,) = args
            return ("sum", callee[1], body)
        if callee[0] not in ("fname", "letter", "var"):
            raise SyntaxError(f"cannot call {callee!r}")
        name = callee[1]
        if name == "delta":
            a, b = args
            return ("delta", self.index_of(a), self.index_of(b))
        if name not in FUNCTIONS:
            raise SyntaxError(f"unknown function {name}")
        return ("call", name, args)

    @staticmethod
    def index_of(e):
        if e[0] == "letter":
            return e[1]
        if e[0] == "num":
            return int(e[1])
        raise SyntaxError(f"delta takes index letters, got {e!r}")

    def primary(self):
        t = self.advance()
        if t.kind == "number":
            return ("num", float(t.text))
        if t.text == "(":
            e = self.additive()
            self.expect(")")
            return e
        if t.kind != "ident":
            raise SyntaxError(f"unexpected {t.text!r}")
        name = t.text
        # Σ_{k}(…) spelled with braces
        if name in SUM_PREFIXES and self.peek.text == "{":
            self.expect("{")
            letter = self.advance().text
            self.expect("}")
            return ("sumname", letter)
        letter = sum_letter(name)
        if letter:
            return ("sumname", letter)
        if name in self.names:
            return ("var", name)
        if name == "pi":
            return ("pi",)
        if name in FUNCTIONS:
            return ("fname", name)
        # W_{i,j}: identifier ending in '_' followed by a brace
        if name.endswith("_") and self.peek.text == "{" and self.peek.start == t.end:
            base = name[:-1]
            subs = self.braced()
            if base in ("delta", "δ"):
                return ("delta", subs[0], subs[1])
            return ("index", ("var", base), subs)
        if "_" in name:
            base, suffix = name.rsplit("_", 1)
            if base in ("delta", "δ"):
                subs = read_subscripts(suffix) if not suffix.isdigit() else [int(c) for c in suffix]
                return ("delta", subs[0], subs[1])
            if base in self.names:
                return ("index", ("var", base), read_subscripts(suffix))
        if len(name) == 1 and "a" <= name <= "z":
            return ("letter", name)
        raise SyntaxError(f"unknown name {name!r}")


# ----------------------------------------------------------------------------------------------------
# Evaluation to JAX arrays with named axes


class IV:
    """An indexed value: `arr` with one axis per letter in `idx`; `idx is None` marks a plain (whole)
    vector or matrix, as in softmax(z)'s argument and result."""

    def __init__(self, arr, idx):
        self.arr, self.idx = arr, idx

    @property
    def plain(self):
        return self.idx is None


def scalar_iv(x):
    return IV(jnp.asarray(x, dtype=jnp.float64), ())


def concrete(x):
    """x as a NumPy array, or None while JAX traces it (a value that depends on the wrt variable)."""
    try:
        return np.asarray(x)
    except (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError):
        return None


class Evaluator:
    def __init__(self, env, kinks):
        self.env = env
        self.sizes = {}
        self.kinks = kinks  # list of (function, min |argument|), for a check away from kinks
        self.deltas = []  # letter pairs of delta(i, j): a letter seen only in a delta ranges as its partner

    def collect_sizes(self, e):
        """Index ranges read off every subscripted value before evaluation, so that delta(i, j) knows
        its shape wherever it stands."""
        if not isinstance(e, tuple):
            return
        if e[0] == "index":
            base = e[1]
            shape = self.env[base[1]].shape if base[0] == "var" else self.ev(base).arr.shape
            for s, n in zip(e[2], shape):
                if isinstance(s, str):
                    self.size(s, n)
        if e[0] == "delta" and all(isinstance(x, str) for x in e[1:]):
            self.deltas.append((e[1], e[2]))
        for child in e[1:]:
            if isinstance(child, tuple):
                self.collect_sizes(child)
            elif isinstance(child, list):
                for c in child:
                    self.collect_sizes(c)

    def size(self, letter, n):
        old = self.sizes.setdefault(letter, n)
        if old != n:
            raise ValueError(f"index {letter} ranges over both {old} and {n}")

    def gather(self, arr, subs):
        if arr.ndim != len(subs):
            raise ValueError(f"{len(subs)} subscripts on an array of rank {arr.ndim}")
        letters = []
        for s, n in zip(subs, arr.shape):
            if isinstance(s, str):
                self.size(s, n)
                if s not in letters:
                    letters.append(s)
        grids = []
        for s in subs:
            if isinstance(s, int):
                grids.append(s - 1)
            else:
                shape = [1] * len(letters)
                shape[letters.index(s)] = self.sizes[s]
                grids.append(np.arange(self.sizes[s]).reshape(shape))
        return IV(arr[tuple(grids)], tuple(letters))

    @staticmethod
    def align(*vals):
        """Broadcast indexed values to the union of their letters; plain arrays only with scalars."""
        if any(v.plain for v in vals):
            if any((not v.plain) and len(v.idx) > 0 for v in vals):
                raise ValueError("a whole vector mixed with an indexed expression")
            return [v.arr for v in vals], None
        letters = sorted(set().union(*[v.idx for v in vals]))
        out = []
        for v in vals:
            present = [l for l in letters if l in v.idx]
            a = jnp.transpose(v.arr, [v.idx.index(l) for l in present]) if v.idx else v.arr
            shape = [a.shape[present.index(l)] if l in present else 1 for l in letters]
            out.append(jnp.reshape(a, shape))
        return out, tuple(letters)

    def ev(self, e):
        kind = e[0]
        if kind == "num":
            return scalar_iv(e[1])
        if kind == "pi":
            return scalar_iv(math.pi)
        if kind == "var":
            a = self.env[e[1]]
            return IV(a, ()) if a.ndim == 0 else IV(a, None)
        if kind == "index":
            base = self.ev(e[1])
            if not base.plain:
                raise ValueError("subscript on an indexed expression")
            return self.gather(base.arr, e[2])
        if kind == "neg":
            v = self.ev(e[1])
            return IV(-v.arr, v.idx)
        if kind == "bin":
            lhs, rhs = self.ev(e[2]), self.ev(e[3])
            (a, b), idx = self.align(lhs, rhs)
            op = e[1]
            if op == "+":
                r = a + b
            elif op == "-":
                r = a - b
            elif op == "*":
                r = a * b
            elif op == "/":
                r = a / b
            elif op == "@":
                if idx is not None:
                    raise ValueError("@ takes whole vectors and matrices")
                r = jnp.matmul(a, b)
            else:
                r = self.power(a, b)
            return IV(r, idx)
        if kind == "sum":
            letter, body = e[1], self.ev(e[2])
            if body.plain or letter not in body.idx:
                raise ValueError(f"sum_{letter} over a body without {letter}")
            ax = body.idx.index(letter)
            return IV(jnp.sum(body.arr, axis=ax), tuple(l for l in body.idx if l != letter))
        if kind == "delta":
            a, b = e[1], e[2]
            if isinstance(a, int) and isinstance(b, int):
                return scalar_iv(1.0 if a == b else 0.0)
            if isinstance(a, str) and isinstance(b, str) and a != b:
                eye = jnp.eye(self.sizes[a], self.sizes[b], dtype=jnp.float64)
                return IV(eye, (a, b))
            raise ValueError("unsupported delta form")
        if kind == "call":
            return self.call(e[1], [self.ev(x) for x in e[2]])
        raise ValueError(f"cannot evaluate {e!r}")

    @staticmethod
    def power(a, b):
        bn = concrete(b)
        if bn is not None and bn.ndim == 0 and float(bn).is_integer():
            return a ** int(bn)  # integer power: exact for negative bases, as on paper
        return jnp.power(a, b)

    def note_kink(self, name, x):
        xn = concrete(x)
        if xn is not None:
            self.kinks.append((name, float(np.min(np.abs(xn)))))

    def call(self, name, args):
        elementwise = {
            "exp": jnp.exp,
            "log": jnp.log,
            "sigmoid": jax.nn.sigmoid,
            "tanh": jnp.tanh,
            "softplus": jax.nn.softplus,
            "softsign": lambda x: x / (1 + jnp.abs(x)),
            "sqrt": jnp.sqrt,
            "relu": lambda x: jnp.where(x > 0, x, 0.0),
            "abs": jnp.abs,
            "step": lambda x: jnp.where(x > 0, 1.0, 0.0),
            "sign": jnp.sign,
        }
        if name in elementwise:
            (x,) = args
            if name in ("relu", "abs", "step", "sign"):
                self.note_kink(name, x.arr)
            return IV(elementwise[name](x.arr), x.idx)
        if name == "leaky_relu":
            (x, a), idx = self.align(*args)
            self.note_kink(name, x)
            return IV(jnp.where(x > 0, x, a * x), idx)
        # Functions of a whole vector: the argument must be a plain vector.
        if not all(a.plain or a.idx == () for a in args):
            raise ValueError(f"{name} expects whole vectors, got an indexed expression")
        vs = [a.arr for a in args]
        if name == "softmax":  # softmax(z) or softmax(z, T) = softmax(z / T); each row of a matrix
            return IV(jax.nn.softmax(vs[0] if len(vs) == 1 else vs[0] / vs[1], axis=-1), None)
        if name == "log_softmax":
            return IV(jax.nn.log_softmax(vs[0], axis=-1), None)
        if name == "logsumexp":
            if vs[0].ndim != 1:
                raise ValueError("logsumexp of a matrix is not supported here")
            return IV(jax.scipy.special.logsumexp(vs[0]), ())
        if name == "cross_entropy":
            p, y = vs  # -Σ y log p (0·log 0 = 0); on matrices, the mean over rows
            terms = jnp.where(y == 0, 0.0, y * jnp.log(p))
            return IV(-jnp.sum(terms) / (p.shape[0] if p.ndim == 2 else 1), ())
        raise ValueError(f"unknown function {name}")


# ----------------------------------------------------------------------------------------------------
# One suite entry


def parse_bindings(text):
    env = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        name, value = part.split("=", 1)
        env[name.strip()] = jnp.asarray(np.array(json.loads(value.strip()), dtype=np.float64))
    return env


def parse_wrt(text, env):
    if text in env:
        return text, []
    base, suffix = text.rsplit("_", 1)
    letters = list(suffix)
    if base not in env or not all("a" <= c <= "z" for c in letters) or env[base].ndim != len(letters):
        raise ValueError(f"cannot read wrt {text!r}")
    return base, letters


def derivative(expr, wrt, bindings):
    """(letters, values as an ndarray over sorted letters, kinks) of ∂expr/∂wrt at the bindings."""
    env = parse_bindings(bindings)
    tree = Parser(expr, set(env)).parse()
    var, wrt_letters = parse_wrt(wrt, env)
    kinks = []
    probe = Evaluator(env, kinks)
    probe.collect_sizes(tree)
    for a, b in probe.deltas * 2:
        for x, y in ((a, b), (b, a)):
            if x not in probe.sizes and y in probe.sizes:
                probe.size(x, probe.sizes[y])
    value = probe.ev(tree)  # concrete pass: index ranges, kinks, free letters
    if value.plain:
        raise ValueError("the expression is a whole vector, not index notation")
    free = sorted(value.idx)

    def f(v):
        ev = Evaluator({**env, var: v}, [])
        ev.sizes = dict(probe.sizes)
        r = ev.ev(tree)
        return jnp.transpose(r.arr, [r.idx.index(l) for l in free]) if r.idx else r.arr

    jac = np.asarray(jax.jacrev(f)(env[var]))  # shape: free axes, then the axes of var
    sizes = dict(probe.sizes)
    for l, n in zip(wrt_letters, env[var].shape):
        if sizes.setdefault(l, n) != n:
            raise ValueError(f"index {l} ranges over both {sizes[l]} and {n}")
    letters = sorted(set(free) | set(wrt_letters))
    out = np.empty([sizes[l] for l in letters])
    for combo in itertools.product(*[range(sizes[l]) for l in letters]):
        at = dict(zip(letters, combo))
        out[combo] = jac[tuple(at[l] for l in free) + tuple(at[l] for l in wrt_letters)]
    return letters, out, kinks


def read_suite(path=SUITE):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header == ["id", "expression", "wrt", "bindings", "source"], header
        for n, line in enumerate(f, start=2):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                raise ValueError(f"{path}:{n}: expected 5 tab-separated columns, got {len(cols)}")
            rows.append(dict(zip(header, cols)))
    ids = [r["id"] for r in rows]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ValueError(f"duplicate ids: {sorted(dup)}")
    return rows


def shape_text(arr):
    return "scalar" if arr.ndim == 0 else "x".join(str(n) for n in arr.shape)


def write_reference(rows, results, path=REFERENCE):
    with open(path, "w", encoding="utf-8") as f:
        f.write("id\tshape\tvalues\n")
        for r in rows:
            _, out, _ = results[r["id"]]
            values = " ".join("%.17g" % v for v in out.reshape(-1))
            f.write(f"{r['id']}\t{shape_text(out)}\t{values}\n")


# ----------------------------------------------------------------------------------------------------
# Cross-check with Jacobi


def jacobi_partial(jacobi, row):
    args = [jacobi, "--json"]
    for b in row["bindings"].split(";"):
        if b.strip():
            args += ["-e", b.strip()]
    args += ["-e", f"partial({row['expression']}, {row['wrt']})"]
    p = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise RuntimeError((p.stderr or p.stdout).strip())
    last = p.stdout.strip().splitlines()[-1]
    return np.array(json.loads(last), dtype=np.float64)


def compare(ref, got, atol):
    """Largest absolute difference, and largest relative one |a - b| / max(|a|, |b|) over the entries
    that are not zeros up to rounding (both within atol of 0, or below 1e-12 of the largest entry)."""
    a, b = ref.reshape(-1), got.reshape(-1)
    diff = np.abs(a - b)
    size = np.maximum(np.abs(a), np.abs(b))
    counted = (size > atol) & (size > 1e-12 * size.max(initial=0))
    rel = diff[counted] / size[counted]
    return float(diff.max(initial=0)), float(rel.max(initial=0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", metavar="JACOBI", help="compare every entry with this jacobi binary's partial(…)")
    ap.add_argument("--rtol", type=float, default=1e-9, help="relative tolerance of --check (default 1e-9)")
    ap.add_argument("--atol", type=float, default=1e-15,
                    help="absolute tolerance of --check, for entries that are 0 up to rounding (default 1e-15)")
    ap.add_argument("--no-write", action="store_true", help="do not rewrite reference.tsv")
    opts = ap.parse_args()

    rows = read_suite()
    results = {}
    failed = False
    for r in rows:
        try:
            results[r["id"]] = derivative(r["expression"], r["wrt"], r["bindings"])
        except Exception as exc:  # report every entry, not only the first
            print(f"{r['id']}: cannot evaluate: {exc}", file=sys.stderr)
            failed = True
        else:
            for name, m in results[r["id"]][2]:
                if m < 1e-3:
                    print(f"{r['id']}: {name} evaluated within {m:g} of its kink", file=sys.stderr)
                    failed = True
    if failed:
        sys.exit(1)
    if not opts.no_write:
        write_reference(rows, results)
        print(f"wrote {os.path.relpath(REFERENCE)}: {len(rows)} entries")

    if opts.check:
        agree, largest_abs, largest_rel, worst = 0, 0.0, 0.0, None
        problems = []
        for r in rows:
            ref = results[r["id"]][1]
            try:
                got = jacobi_partial(opts.check, r)
            except Exception as exc:
                problems.append(f"{r['id']}: Jacobi could not evaluate: {exc}")
                continue
            if got.shape != ref.shape:
                problems.append(f"{r['id']}: shape {shape_text(got)} from Jacobi, {shape_text(ref)} from JAX")
                continue
            d_abs, d_rel = compare(ref, got, opts.atol)
            ok = np.all(np.abs(ref - got) <= opts.rtol * np.maximum(np.abs(ref), np.abs(got)) + opts.atol)
            if ok:
                agree += 1
            else:
                problems.append(f"{r['id']}: differs: largest |Δ| {d_abs:.3g}, relative {d_rel:.3g}\n"
                                f"  JAX    {ref.reshape(-1).tolist()}\n  Jacobi {got.reshape(-1).tolist()}")
            largest_abs = max(largest_abs, d_abs)
            if d_rel > largest_rel:
                largest_rel, worst = d_rel, r["id"]
        for p in problems:
            print(p)
        print(f"{agree} of {len(rows)} agree with Jacobi to {opts.rtol:g} relative "
              f"(+{opts.atol:g} absolute); largest |Δ| {largest_abs:.3g}, "
              f"largest relative difference {largest_rel:.3g} ({worst})")
        if problems:
            sys.exit(1)


if __name__ == "__main__":
    main()
