"""Combined loans (组合贷款): a provident-fund part and a commercial part, one monthly sum."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._validate import AmountLike, DateLike, RateLike
from ..errors import InputError
from ..results import jsonable
from ._engine import _dates_list
from .events import Method
from .schedule import Schedule, amortize

__all__ = ["CombinedSchedule", "combined"]


@dataclass(frozen=True, slots=True)
class CombinedSchedule:
    """A combined loan (组合贷款): provident and commercial parts and their monthly sum."""

    provident: Schedule
    commercial: Schedule
    first_payment: float
    total_interest: float
    total_paid: float
    months: int
    payment: NDArray[np.float64] = field(compare=False, repr=False)

    headers = ("period", "date", "provident_payment", "commercial_payment", "payment")

    def rows(self) -> list[list[Any]]:
        """period, date, provident part, commercial part, total."""
        n = self.months
        p = np.zeros(n)
        c = np.zeros(n)
        p[: self.provident.months] = self.provident.payment
        c[: self.commercial.months] = self.commercial.payment
        longer = self.provident if self.provident.months >= self.commercial.months else self.commercial
        dates = _dates_list(longer.date)
        return [[k + 1, dates[k], float(p[k]), float(c[k]), float(self.payment[k])] for k in range(n)]

    def to_dict(self) -> dict[str, Any]:
        """Totals and both parts' summaries, JSON-ready."""
        return jsonable({
            "first_payment": self.first_payment,
            "total_interest": self.total_interest,
            "total_paid": self.total_paid,
            "months": self.months,
            "provident": self.provident.summary(),
            "commercial": self.commercial.summary(),
            "payment": self.payment,
        })

    def summary(self) -> dict[str, Any]:
        """Both parts side by side and the totals, as a JSON-ready dict (what ``loan combined`` shows)."""
        return jsonable({
            "provident_amount": self.provident.loan_amount,
            "provident_rate": self.provident.annual_rate,
            "provident_payment": self.provident.first_payment,
            "commercial_amount": self.commercial.loan_amount,
            "commercial_rate": self.commercial.annual_rate,
            "commercial_payment": self.commercial.first_payment,
            "first_payment": self.first_payment,
            "months": self.months,
            "total_interest": self.total_interest,
            "total_paid": self.total_paid,
        })


def combined(
    provident: tuple[AmountLike, RateLike],
    commercial: tuple[AmountLike, RateLike],
    months: int | float,
    *,
    method: Method | str = Method.EQUAL_INSTALLMENT,
    start: DateLike | None = None,
    payment_day: int | None = None,
) -> CombinedSchedule:
    """A combined loan (组合贷款, docs/rules/loans.md#combined-loan): two loans, one monthly sum.

    ``provident`` and ``commercial`` are ``(amount, annual_rate)`` pairs; each
    part is rounded on its own and the monthly payment is their sum.

    Examples
    --------
    docs/rules/loans.md#combined-loan, L-10: 1,000,000 commercial at 3.5 % + 600,000 provident at 2.6 %, 30 years:

    >>> c = combined((600_000, 0.026), (1_000_000, 0.035), 360)
    >>> c.provident.first_payment, c.commercial.first_payment, c.first_payment
    (2402.04, 4490.45, 6892.49)
    """
    parts = []
    for name, pair in (("provident", provident), ("commercial", commercial)):
        try:
            amount, rate = pair
        except (TypeError, ValueError):
            raise InputError(name, pair, code="loans.combined_pair") from None
        try:
            parts.append(amortize(amount, rate, months, method=method, start=start,
                                  payment_day=payment_day))
        except InputError as error:
            raise InputError(f"{name}.{error.field}", error.value, error.hint, code=error.code,
                             params=error.params) from None
    prov, comm = parts
    n = max(prov.months, comm.months)
    fen = np.zeros(n, dtype=np.int64)
    fen[: prov.months] += np.rint(prov.payment * 100).astype(np.int64)
    fen[: comm.months] += np.rint(comm.payment * 100).astype(np.int64)
    return CombinedSchedule(
        provident=prov,
        commercial=comm,
        first_payment=round(prov.first_payment + comm.first_payment, 2),
        total_interest=round(prov.total_interest + comm.total_interest, 2),
        total_paid=round(prov.total_paid + comm.total_paid, 2),
        months=n,
        payment=fen / 100,
    )
