"""The value of a SymPy matrix or array expression at given bindings, as a NumPy array.

Used by derive_vector.py to check SymPy's matrix derivatives numerically. Two readings:

- `by_sympy`: SymPy's own: sizes substituted, every MatrixSymbol replaced by its matrix (xreplace), then
  `.doit()` and `.as_explicit()`. It fails on many of the forms `diff` returns (an ArrayAdd inside a
  DiagMatrix, a Matrix added to an NDimArray).
- `by_numpy`: a walk over the expression that computes each node in NumPy: matrix nodes (MatMul, MatAdd,
  Transpose, Inverse, HadamardProduct/Power, ElementwiseApplyFunction, DiagMatrix, Trace, …) and the array
  nodes `diff` falls back to (ArrayTensorProduct, ArrayContraction, ArrayDiagonal, PermuteDims, ArrayAdd,
  ArrayElementwiseApplyFunc), following SymPy's conventions: ArrayContraction sums each group of axes
  together, ArrayDiagonal moves each diagonal to the end, PermuteDims is numpy.transpose by the
  permutation's array form. Every node's result is checked against the node's own shape, so a misreading
  shows up as an error rather than as a number.

Both raise on an unevaluated Derivative: that is no value.
"""

import functools

import numpy as np
import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalMatrix, DiagonalOf
from sympy.tensor.array.expressions.array_expressions import (
    ArrayAdd, ArrayContraction, ArrayDiagonal, ArrayElementwiseApplyFunc, ArrayTensorProduct, OneArray,
    PermuteDims, ZeroArray)

TOLERANCE = 1e-8


class Unevaluated(Exception):
    """The expression still holds a Derivative that SymPy did not carry out."""


def has_derivative(expr):
    from sympy.tensor.array.array_derivatives import ArrayDerivative
    return bool(expr.atoms(sp.Derivative, ArrayDerivative)) or isinstance(expr, (sp.Derivative, ArrayDerivative))


def real(numbers):
    numbers = np.asarray(numbers, dtype=complex)
    if numbers.size and np.max(np.abs(numbers.imag)) > TOLERANCE * max(1.0, np.max(np.abs(numbers.real))):
        raise ValueError("a complex value")
    return numbers.real


def bound(symbols, values, concrete):
    """{symbol after the sizes are substituted: its value} (matrices as 2-D arrays, vectors as columns)."""
    out = {}
    for name, s in symbols.items():
        v = values[name]
        key = s.subs(concrete) if concrete else s
        if isinstance(v, list):
            out[key] = np.array(v if isinstance(v[0], list) else [[x] for x in v], dtype=float)
        else:
            out[key] = float(v)
    return out


def by_sympy(expr, symbols, values, concrete):
    if has_derivative(expr):
        raise Unevaluated(str(expr))
    e = expr.subs(concrete) if concrete else expr
    replace = {k: (sp.ImmutableMatrix(v) if isinstance(v, np.ndarray) else sp.Float(v, 17))
               for k, v in bound(symbols, values, concrete).items()}
    e = e.xreplace(replace).doit()
    for _ in range(3):  # an array expression may take more than one round to become explicit
        if isinstance(e, (sp.MatrixBase, sp.NDimArray)) or not hasattr(e, "as_explicit"):
            break
        e = e.as_explicit().doit()
    if isinstance(e, sp.MatrixBase):
        items, shape = list(e), e.shape
    elif isinstance(e, sp.NDimArray):
        items, shape = sp.flatten(e.tolist()), e.shape
    else:
        items, shape = [e], ()
    return real([complex(sp.N(x, 17)) for x in items]).reshape(shape)


def by_numpy(expr, symbols, values, concrete):
    if has_derivative(expr):
        raise Unevaluated(str(expr))
    e = expr.subs(concrete) if concrete else expr
    return real(Reader(bound(symbols, values, concrete)).read(e))


def elementwise(function, array):
    t = sp.Dummy("t")
    f = sp.lambdify(t, function(t), "numpy")
    with np.errstate(all="ignore"):
        out = np.asarray(f(array.astype(complex) if np.iscomplexobj(array) else array))
    if out.shape != array.shape:  # a constant function gives one number
        out = np.broadcast_to(out, array.shape).copy()
    return out


class Reader:
    """Computes a SymPy expression node by node in NumPy."""

    def __init__(self, values):
        self.values = values

    def read(self, e):
        value = self.node(e)
        shape = getattr(e, "shape", None)
        if shape is not None and all(isinstance(d, (int, sp.Integer)) for d in shape):
            want = tuple(int(d) for d in shape)
            if np.shape(value) != want:
                raise ValueError(f"{type(e).__name__} read as shape {np.shape(value)}, SymPy says {want}")
        return value

    def node(self, e):
        r = self.read
        if e in self.values:
            return self.values[e]
        if isinstance(e, sp.Number) or e in (sp.pi, sp.E):
            return complex(e)
        if isinstance(e, sp.Identity):
            return np.eye(int(e.rows))
        if isinstance(e, sp.OneMatrix):
            return np.ones((int(e.rows), int(e.cols)))
        if isinstance(e, sp.ZeroMatrix):
            return np.zeros((int(e.rows), int(e.cols)))
        if isinstance(e, OneArray):
            return np.ones(tuple(int(d) for d in e.shape))
        if isinstance(e, ZeroArray):
            return np.zeros(tuple(int(d) for d in e.shape))
        if isinstance(e, (sp.MatAdd, ArrayAdd)):
            parts = [r(a) for a in e.args]
            if len({np.shape(p) for p in parts if np.ndim(p)}) > 1:
                raise ValueError(f"{type(e).__name__} of shapes {[np.shape(p) for p in parts]}")
            return functools.reduce(np.add, parts)
        if isinstance(e, sp.MatMul):
            scalar, product = 1, None
            for a in e.args:
                v = r(a)
                if np.ndim(v) == 0:
                    scalar = scalar * v
                else:
                    product = v if product is None else product @ v
            return scalar * product if product is not None else scalar
        if isinstance(e, sp.Transpose):
            return r(e.arg).T
        if isinstance(e, sp.Inverse):
            return np.linalg.inv(r(e.arg))
        if isinstance(e, sp.MatPow):
            return np.linalg.matrix_power(r(e.base), int(e.exp))
        if isinstance(e, sp.HadamardProduct):
            return functools.reduce(np.multiply, [r(a) for a in e.args])
        if isinstance(e, sp.HadamardPower):
            return r(e.base) ** r(e.exp)
        if isinstance(e, ElementwiseApplyFunction):
            return elementwise(e.function, r(e.expr))
        if isinstance(e, ArrayElementwiseApplyFunc):
            return elementwise(e.function, r(e.expr))
        if isinstance(e, DiagMatrix):
            return np.diag(r(e.args[0]).reshape(-1))
        if isinstance(e, DiagonalMatrix):
            return np.diag(np.diag(r(e.arg)))
        if isinstance(e, DiagonalOf):
            return np.diag(r(e.arg)).reshape(-1, 1)
        if isinstance(e, sp.Trace):
            return np.trace(r(e.arg))
        if isinstance(e, ArrayTensorProduct):
            return functools.reduce(np.multiply.outer, [np.asarray(r(a)) for a in e.args])
        if isinstance(e, ArrayContraction):
            return self.einsum(r(e.expr), e.contraction_indices, keep=False)
        if isinstance(e, ArrayDiagonal):
            return self.einsum(r(e.expr), e.diagonal_indices, keep=True)
        if isinstance(e, PermuteDims):
            return np.transpose(r(e.expr), e.permutation.array_form)
        if isinstance(e, sp.Mul):
            return functools.reduce(np.multiply, [r(a) for a in e.args])
        if isinstance(e, sp.Add):
            return functools.reduce(np.add, [r(a) for a in e.args])
        if isinstance(e, sp.Pow):
            return np.power(r(e.base), r(e.exp))
        if isinstance(e, sp.Function) and len(e.args) == 1:
            return elementwise(e.func, np.asarray(r(e.args[0])))
        raise NotImplementedError(f"no NumPy reading of {type(e).__name__}")

    @staticmethod
    def einsum(array, groups, keep):
        """Each group of axes shares one letter; summed away (contraction) or kept at the end (diagonal)."""
        letters = [chr(ord("a") + k) for k in range(array.ndim)]
        for n, group in enumerate(groups):
            for axis in group:
                letters[axis] = chr(ord("A") + n)
        grouped = {axis for group in groups for axis in group}
        free = [letters[k] for k in range(array.ndim) if k not in grouped]
        out = free + ([chr(ord("A") + n) for n in range(len(groups))] if keep else [])
        return np.einsum("".join(letters) + "->" + "".join(out), array)
