"""Limits of the loans calculators and their argument checks (through :mod:`wealthcalc._validate`)."""

from __future__ import annotations

import enum
from typing import Any, Mapping, TypeVar

import numpy as np

from .. import _validate
from ..errors import InputError

MAX_PRINCIPAL = 1e9
"""Largest loan accepted, in yuan (one billion): keeps fen arithmetic exact in int64."""

MAX_MONTHS = 600
"""Longest term accepted, in months (50 years)."""

MIN_PREPAYMENT = 10_000.0
"""Default smallest partial prepayment, in yuan (see :func:`amortize`, ``min_prepayment``)."""

# Rates are held as integers on a grid of 1e-7 (0.00001 %), far finer than any
# published rate, so that interest can be rounded half-up in exact integer
# arithmetic: interest_fen = round(balance_fen × rate_num / (12 × 10^7)).
_RATE_SCALE = 10_000_000
_MONTH_DEN = 12 * _RATE_SCALE
_DAY_DEN = 360 * _RATE_SCALE

E = TypeVar("E", bound=enum.Enum)


def _check_principal(value: Any, field_name: str = "principal") -> int:
    """A loan amount in fen: positive yuan to the fen, at most :data:`MAX_PRINCIPAL`."""
    return int(round(_validate.amount(value, field_name, maximum=MAX_PRINCIPAL) * 100))


def _check_rate(value: Any, field_name: str = "annual_rate") -> int:
    """An annual rate on the integer grid of 1e-7."""
    return int(round(_validate.rate(value, field_name) * _RATE_SCALE))


def _check_months(value: Any, field_name: str = "months") -> int:
    """A term in whole months from 1 to :data:`MAX_MONTHS` (360 and 360.0 alike, 360.5 refused)."""
    return _validate.whole(value, field_name, low=1, high=MAX_MONTHS, unit="months", example=360)


def _enum(kind: type[E], value: Any, field_name: str, aliases: Mapping[str, E] | None = None) -> E:
    """A member of ``kind``; text may write '-' or ' ' for '_' and use any case."""
    if isinstance(value, str) and not (aliases and value.strip() in aliases):
        value = value.strip().lower().replace("-", "_").replace(" ", "_")
    return _validate.choice(value, field_name, kind, aliases)


def _no_bool_or_complex(values: Any, field_name: str) -> None:
    """Refuse booleans and complex numbers in an array argument (numpy would take them as numbers)."""
    kinds = "bc"
    if isinstance(values, np.ndarray):
        if values.dtype.kind in kinds:
            raise InputError(field_name, str(values.dtype), code="loans.array_type")
        if values.dtype.kind != "O":
            return
        items: Any = values.ravel().tolist()
    elif isinstance(values, (list, tuple)):
        items = values
    else:
        items = [values]
    for item in items:
        if isinstance(item, (bool, np.bool_, complex, np.complexfloating)):
            raise InputError(field_name, item, code="loans.array_type")


class _ItemValue:
    """Mixin of a one-row result shown as an item/value table: rows, to_dict and summary."""

    __slots__ = ()

    headers = ("item", "value")

    def rows(self) -> list[list[Any]]:
        """(key, value) rows of :meth:`to_dict`."""
        return [[k, v] for k, v in self.to_dict().items()]

    def to_dict(self) -> dict[str, Any]:
        """All fields, JSON-ready."""
        from ..results import fields_dict

        return fields_dict(self)

    def summary(self) -> dict[str, Any]:
        """The same as :meth:`to_dict` (the whole result is a summary)."""
        return self.to_dict()
