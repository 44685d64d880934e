"""Argument checks and constants shared by the tvm functions (numpy-financial's conventions)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import InputError


_WHEN = {"end": 0, "begin": 1, "e": 0, "b": 1, "beginning": 1, "start": 1, "finish": 0, 0: 0, 1: 1}
_DAY_COUNTS = {
    "act/365": "act/365", "act/365f": "act/365", "a/365f": "act/365", "365": "act/365", "english": "act/365",
    "act_365f": "act/365",
    "act/360": "act/360", "a/360": "act/360", "360": "act/360", "french": "act/360", "act_360": "act/360",
    "30/360": "30/360", "30/360isda": "30/360", "bond": "30/360", "bondbasis": "30/360",
    "thirty_360_isda": "30/360",
    "30u/360": "30u/360", "30us/360": "30u/360", "30/360us": "30u/360", "30/360sia": "30u/360",
    "thirty_u_360": "30u/360",
    "30e/360": "30e/360", "30/360isma": "30e/360", "eurobondbasis": "30e/360", "thirty_e_360": "30e/360",
    "act/act": "act/act", "act/actisda": "act/act", "act_act_isda": "act/act",
}

# Grid of L = log(1 + rate) scanned when Newton's method cannot be trusted:
# rates from -99.9994% to about 1.6e5 (16,000,000%), densest near zero.
_SCAN = np.unique(np.concatenate([
    np.linspace(-12.0, -1.0, 441), np.linspace(-1.0, 1.0, 4001), np.linspace(1.0, 12.0, 441),
]))
# The same range, ten times coarser near zero: where the batch looks for a root nearer
# the guess than the one Newton's method found (two roots within 0.5% would slip through).
_CHECK = np.unique(np.concatenate([
    np.linspace(-12.0, -1.0, 441), np.linspace(-1.0, 1.0, 401), np.linspace(1.0, 12.0, 441),
]))


# ---------------------------------------------------------------- validation


def _num(x: Any, field: str) -> NDArray[np.float64]:
    """``x`` as a float64 array, or InputError naming ``field``."""
    if isinstance(x, (str, bytes)):
        raise InputError(field, x, code="tvm.number")
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError):
        raise InputError(field, x, code="tvm.number_rows") from None
    if arr.dtype.kind in "biuf":
        return arr.astype(np.float64, copy=False)
    if arr.dtype.kind == "O" and not any(e is None or isinstance(e, (str, bytes)) for e in arr.flat):
        try:
            return arr.astype(np.float64)
        except (ValueError, TypeError):
            pass
    raise InputError(field, x, code="tvm.number")


def _when(when: Any) -> NDArray[np.float64]:
    if isinstance(when, np.ndarray) and when.dtype.kind in "biuf":
        arr = when.astype(np.float64)
        if not np.isin(arr, (0.0, 1.0)).all():
            raise InputError("when", when, code="tvm.when")
        return arr
    try:
        return np.asarray(_WHEN[when], dtype=np.float64)
    except (KeyError, TypeError):
        if isinstance(when, (str, bytes)) or not hasattr(when, "__iter__"):
            raise InputError("when", when, code="tvm.when") from None
    try:
        return np.asarray([_when(w) for w in when], dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError("when", when, code="tvm.when") from None


def _args(**named: Any) -> tuple[bool, list[NDArray[np.float64]]]:
    """Arrays for the named arguments, checked to broadcast together.

    Returns whether every argument was a scalar, and the arrays.
    """
    arrays = []
    shape: tuple[int, ...] = ()
    for field, value in named.items():
        arr = _when(value) if field == "when" else _num(value, field)
        try:
            shape = np.broadcast_shapes(shape, arr.shape)
        except ValueError:
            raise InputError(
                field, value, code="tvm.broadcast", params={"shape": arr.shape, "others": shape},
            ) from None
        arrays.append(arr)
    return all(a.ndim == 0 for a in arrays), arrays


def _out(result: Any, scalar: bool) -> Any:
    result = np.asarray(result, dtype=np.float64)
    return result[()] if scalar else result


def _flows(values: Any, field: str = "values") -> NDArray[np.float64]:
    """Cash flows as a finite 1-D or 2-D float array with at least one column."""
    arr = _num(values, field)
    if arr.ndim not in (1, 2) or arr.shape[-1] == 0:
        raise InputError(field, values, code="tvm.flows_shape")
    if not np.isfinite(arr).all():
        raise InputError(field, values, code="tvm.flows_finite")
    return arr


_NUMBER = (int, float)
