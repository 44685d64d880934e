"""Many loans at once (批量计算): :func:`amortize_many` and its :class:`LoanBatch`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _validate
from ..dates import add_months_array
from ..errors import InputError
from ..results import jsonable
from ._checks import _RATE_SCALE, MAX_MONTHS, MAX_PRINCIPAL, _no_bool_or_complex
from ._engine import _dates_list, _run
from .events import _METHOD_CODES, Method, parse_method

__all__ = ["LoanBatch", "amortize_many"]


@dataclass(frozen=True, slots=True)
class LoanBatch:
    """Summaries (and optionally full schedules) of many loans, one row per loan.

    1-D arrays: ``first_payment``, ``last_payment``, ``total_interest``,
    ``total_paid``, ``months``, ``payoff_date`` (NaT without start dates).
    With ``summary_only=False`` also 2-D (loans × periods) ``payment``,
    ``principal``, ``interest`` and ``balance`` arrays, zero after payoff.
    """

    first_payment: NDArray[np.float64] = field(compare=False)
    last_payment: NDArray[np.float64] = field(compare=False)
    total_interest: NDArray[np.float64] = field(compare=False)
    total_paid: NDArray[np.float64] = field(compare=False)
    months: NDArray[np.int64] = field(compare=False)
    payoff_date: NDArray[np.datetime64] = field(compare=False)
    payment: NDArray[np.float64] | None = field(default=None, compare=False)
    principal: NDArray[np.float64] | None = field(default=None, compare=False)
    interest: NDArray[np.float64] | None = field(default=None, compare=False)
    balance: NDArray[np.float64] | None = field(default=None, compare=False)

    headers = ("first_payment", "last_payment", "total_interest", "total_paid", "months",
               "payoff_date")

    def __len__(self) -> int:
        return int(self.months.shape[0])

    def rows(self) -> list[list[Any]]:
        """One row per loan in ``headers`` order."""
        dates = _dates_list(self.payoff_date)
        return [[float(a), float(b), float(c), float(d), int(e), f] for a, b, c, d, e, f in zip(
            self.first_payment, self.last_payment, self.total_interest, self.total_paid,
            self.months, dates)]

    def to_dict(self) -> dict[str, Any]:
        """Per-loan summary lists, JSON-ready (the 2-D schedules are left out)."""
        return {name: jsonable(getattr(self, name)) for name in self.headers}


def _batch_arrays(principal: Any, annual_rate: Any, months: Any,
                  method: Any) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int8]]:
    """Validate the batch columns; raises InputError naming the field and the first bad loan."""
    for name, values in (("principal", principal), ("annual_rate", annual_rate), ("months", months)):
        _no_bool_or_complex(values, name)
    columns = []
    for name, values in (("principal", principal), ("annual_rate", annual_rate), ("months", months)):
        try:
            columns.append(np.atleast_1d(np.asarray(values, dtype=np.float64)))
        except (TypeError, ValueError):
            raise InputError(name, values, code="loans.batch_numbers") from None
    try:
        p, r, mf = np.broadcast_arrays(*columns)
    except ValueError:
        raise InputError("principal", columns[0].shape, code="loans.batch_lengths") from None
    with np.errstate(invalid="ignore", over="ignore"):
        bad = ~np.isfinite(p) | (p <= 0) | (p > MAX_PRINCIPAL) | (np.abs(p * 100 - np.rint(p * 100)) > 1e-6)
        _first_bad(bad, "principal", p, "loans.batch_principal", {})
        bad = ~np.isfinite(r) | (r < 0) | (r > 1)
        _first_bad(bad, "annual_rate", r, "loans.batch_rate", {})
        bad = ~np.isfinite(mf) | (mf != np.round(mf)) | (mf < 1) | (mf > MAX_MONTHS)
        _first_bad(bad, "months", mf, "loans.batch_months", {"high": MAX_MONTHS})
    if isinstance(method, (str, Method)):
        codes = np.full(p.shape, _METHOD_CODES[parse_method(method)], dtype=np.int8)
    else:
        names = np.atleast_1d(np.asarray(method, dtype=object)).astype(str)
        codes = np.empty(names.shape, dtype=np.int8)
        for value in np.unique(names):  # one check per distinct name
            codes[names == value] = _METHOD_CODES[parse_method(str(value))]
        try:
            codes = np.broadcast_to(codes, p.shape)
        except ValueError:
            raise InputError("method", names.shape, code="loans.batch_lengths") from None
    p_fen = np.rint(p * 100).astype(np.int64)
    num = np.rint(r * _RATE_SCALE).astype(np.int64)
    return p_fen, num, mf.astype(np.int64), codes


def _first_bad(mask: NDArray[np.bool_], field_name: str, values: NDArray[Any], code: str,
               params: dict[str, Any]) -> None:
    if mask.any():
        index = int(np.argmax(mask))
        value = values[index].item()
        if field_name == "months" and isinstance(value, float) and value.is_integer():
            value = int(value)
        raise InputError(field_name, value, code=code, params={"index": index, **params})


def amortize_many(
    principal: ArrayLike,
    annual_rate: ArrayLike,
    months: ArrayLike,
    method: Method | str | ArrayLike = Method.EQUAL_INSTALLMENT,
    *,
    start: ArrayLike | None = None,
    summary_only: bool = True,
) -> LoanBatch:
    """Amortize many loans at once, vectorized across loans.

    Every loan comes out to the fen exactly as :func:`amortize` gives it (same
    rule, same integer arithmetic). Installments fall on the start's day of
    each month (no odd first period).

    Parameters
    ----------
    principal, annual_rate, months : arrays (or scalars) of equal length.
    method : one method for all, or an array of method names.
    start : drawdown dates (datetime64 or ISO strings) for payoff dates.
    summary_only : keep only per-loan totals (memory O(loans)); False also
        returns the 2-D schedules (memory O(loans × months)).

    Examples
    --------
    >>> b = amortize_many([1_000_000, 600_000], [0.049, 0.026], [360, 240])
    >>> b.first_payment.tolist(), b.total_interest.tolist()[0]
    ([5307.27, 3208.73], 910615.12)
    """
    only_summary = _validate.flag(summary_only, "summary_only")
    p_fen, num, n, codes = _batch_arrays(principal, annual_rate, months, method)
    starts = None
    if start is not None:
        try:
            starts = np.broadcast_to(np.asarray(start, dtype="datetime64[D]"), p_fen.shape)
        except (TypeError, ValueError):
            raise InputError("start", start, code="loans.batch_start") from None
    out = _run(p_fen, num, n, codes, full=not only_summary)
    payoff = np.full(p_fen.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    if starts is not None:
        payoff = add_months_array(starts, out["months"])
    extra = {}
    if not only_summary:
        extra = {name: out[name] for name in ("payment", "principal", "interest", "balance")}
    return LoanBatch(
        first_payment=out["first"] / 100,
        last_payment=out["last"] / 100,
        total_interest=out["total_interest"] / 100,
        total_paid=out["total_paid"] / 100,
        months=out["months"],
        payoff_date=payoff,
        **extra,
    )
