"""A loan's term given in years or in months (贷款期限)."""

from __future__ import annotations

from .. import _validate
from ..errors import InputError
from ._checks import MAX_MONTHS

__all__ = ["loan_term"]


def loan_term(years: int | float | None = None, months: int | float | None = None) -> int:
    """The term in months from ``years`` or ``months``: give one (or both, agreeing).

    Raises InputError on ``years`` when neither is given or when they disagree,
    and on the bad one when it is not a whole number in range (1–50 years, 1–600 months).

    >>> loan_term(years=30), loan_term(months=18), loan_term(2, 24)
    (360, 18, 24)
    >>> loan_term(2, 18)
    Traceback (most recent call last):
    ...
    wealthcalc.errors.InputError: years: got 2; years and months disagree (2 years are 24 months, not 18); give one of them
    """
    if years is None and months is None:
        raise InputError("years", None, code="loans.term_missing")
    y = None if years is None else _validate.whole(years, "years", low=1, high=MAX_MONTHS // 12, unit="years",
                                                   example=30)
    m = None if months is None else _validate.whole(months, "months", low=1, high=MAX_MONTHS, unit="months",
                                                    example=360)
    if y is not None and m is not None and y * 12 != m:
        raise InputError("years", years, code="loans.term_disagree", params={"years": y, "months": m, "as_months": y * 12})
    return m if m is not None else 12 * (y or 0)
