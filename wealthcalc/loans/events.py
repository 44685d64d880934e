"""Repayment methods and the events of a loan: rate changes and prepayments."""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass

from ._checks import _enum

__all__ = ["Method", "Prepayment", "PrepaymentMode", "RateChange", "Repricing", "parse_method"]


class Method(str, enum.Enum):
    """Repayment method (还款方式)."""

    EQUAL_INSTALLMENT = "equal_installment"  # 等额本息
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    INTEREST_ONLY = "interest_only"  # 先息后本

    def __str__(self) -> str:
        return self.value


# Chinese names of the methods that callers may pass as input (e.g. ``--method 等额本息``)
METHOD_ALIASES: dict[str, Method] = {
    "等额本息": Method.EQUAL_INSTALLMENT,
    "等额本金": Method.EQUAL_PRINCIPAL,
    "先息后本": Method.INTEREST_ONLY,
    "按月付息到期还本": Method.INTEREST_ONLY,
}
_METHOD_ALIASES = METHOD_ALIASES
_METHOD_CODES = {Method.EQUAL_INSTALLMENT: 0, Method.EQUAL_PRINCIPAL: 1, Method.INTEREST_ONLY: 2}


class PrepaymentMode(str, enum.Enum):
    """What a prepayment (提前还款) changes."""

    SHORTEN = "shorten"  # 缩短期限, 月供不变
    REDUCE = "reduce"  # 减少月供, 期限不变
    FULL = "full"  # 一次性结清

    def __str__(self) -> str:
        return self.value


class Repricing(str, enum.Enum):
    """Repricing day (重定价日) of an LPR-priced loan."""

    JANUARY = "january"  # every 1 January
    ANNIVERSARY = "anniversary"  # the drawdown anniversary (贷款发放日对应日)

    def __str__(self) -> str:
        return self.value


def parse_method(value: Method | str) -> Method:
    """The repayment method from its value, '-' spelling or Chinese name.

    Raises InputError on ``method`` for anything else.

    >>> parse_method("equal-principal"), parse_method("等额本息").value
    (<Method.EQUAL_PRINCIPAL: 'equal_principal'>, 'equal_installment')
    """
    return _enum(Method, value, "method", METHOD_ALIASES)


_method = parse_method


# ---------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class RateChange:
    """A new annual rate from a date (or from a period number, 1-based).

    With a date, the new rate applies from the first installment period that
    begins on or after that date.
    """

    at: _dt.date | int
    annual_rate: float


@dataclass(frozen=True, slots=True)
class Prepayment:
    """A prepayment (提前还款) made with a regular installment.

    ``at`` is a date (the prepayment goes with the first installment due on
    or after it) or the number of the installment it follows. ``amount`` is
    yuan (ignored for ``mode='full'``). A penalty, when the contract has one,
    is ``penalty_rate`` × amount plus ``penalty_months`` months of interest on
    the amount.
    """

    at: _dt.date | int
    amount: float | None = None
    mode: PrepaymentMode | str = PrepaymentMode.SHORTEN
    penalty_rate: float = 0.0
    penalty_months: float = 0.0

