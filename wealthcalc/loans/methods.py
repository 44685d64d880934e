"""Equal installment against equal principal (等额本息 vs 等额本金) for the same loan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._validate import AmountLike, RateLike
from ..results import jsonable
from .events import Method
from .schedule import Schedule, amortize

__all__ = ["MethodComparison", "compare_methods"]

_KEYS = ("first_payment", "last_payment", "total_interest", "total_paid", "months")


@dataclass(frozen=True, slots=True)
class MethodComparison:
    """The same loan repaid both ways; ``difference`` is equal principal minus equal installment."""

    equal_installment: Schedule
    equal_principal: Schedule

    headers = ("item", "equal_installment", "equal_principal", "difference")

    @property
    def difference(self) -> dict[str, float | int]:
        """Equal principal minus equal installment, for each of the compared figures."""
        out: dict[str, float | int] = {}
        for key in _KEYS:
            a, b = getattr(self.equal_principal, key), getattr(self.equal_installment, key)
            out[key] = a - b if isinstance(a, int) else round(a - b, 2)
        return out

    def rows(self) -> list[list[Any]]:
        """One row per compared figure in ``headers`` order."""
        diff = self.difference
        return [[key, getattr(self.equal_installment, key), getattr(self.equal_principal, key), diff[key]]
                for key in _KEYS]

    def to_dict(self) -> dict[str, Any]:
        """Both summaries and the difference, JSON-ready."""
        return jsonable({
            "equal_installment": self.equal_installment.summary(),
            "equal_principal": self.equal_principal.summary(),
            "difference": self.difference,
        })


def compare_methods(principal: AmountLike, annual_rate: RateLike, months: int | float) -> MethodComparison:
    """A loan repaid by equal installments and by equal principal, side by side (docs/rules/loans.md#equal-installment and docs/rules/loans.md#equal-principal).

    >>> c = compare_methods(1_000_000, 0.049, 360)
    >>> c.difference["total_interest"], c.difference["first_payment"]
    (-173574.04, 1553.84)
    """
    return MethodComparison(amortize(principal, annual_rate, months, method=Method.EQUAL_INSTALLMENT),
                            amortize(principal, annual_rate, months, method=Method.EQUAL_PRINCIPAL))
