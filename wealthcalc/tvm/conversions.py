"""Rate conversions: effect and nominal (Excel EFFECT and NOMINAL)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import InputError
from ._common import _args, _num, _out


# ---------------------------------------------------------------- rate conversions


def _npery(npery: Any) -> NDArray[np.float64]:
    n = np.trunc(_num(npery, "npery"))
    if not (n >= 1).all():
        raise InputError("npery", npery, code="tvm.npery")
    return n


def effect(nominal_rate: ArrayLike, npery: ArrayLike) -> Any:
    """Effective annual rate of a nominal rate compounded ``npery`` times a year (Excel EFFECT).

    ``(1 + nominal_rate/npery)**npery - 1``; ``npery`` is truncated to a
    whole number as Excel does. Zero and negative rates are accepted (Excel
    refuses them) as long as ``nominal_rate > -npery``.

    Examples
    --------
    >>> print(f"{effect(0.0525, 4):.6f}")
    0.053543
    """
    scalar, (r,) = _args(nominal_rate=nominal_rate)
    n = _npery(npery)
    if not (r > -n).all():
        raise InputError("nominal_rate", nominal_rate, code="tvm.nominal_range")
    with np.errstate(all="ignore"):  # a huge rate overflows to inf, as fv does
        return _out(np.expm1(n * np.log1p(r / n)), scalar and n.ndim == 0)


def nominal(effect_rate: ArrayLike, npery: ArrayLike) -> Any:
    """Nominal annual rate compounded ``npery`` times a year giving ``effect_rate`` (Excel NOMINAL).

    ``npery * ((1 + effect_rate)**(1/npery) - 1)``.

    Examples
    --------
    >>> print(f"{nominal(0.053543, 4):.6f}")
    0.052500
    """
    scalar, (e,) = _args(effect_rate=effect_rate)
    n = _npery(npery)
    if not (e > -1).all():
        raise InputError("effect_rate", effect_rate, code="tvm.effect_range")
    return _out(n * np.expm1(np.log1p(e) / n), scalar and n.ndim == 0)
