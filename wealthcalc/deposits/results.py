"""Result records of the deposit calculators, and their display names.

>>> from wealthcalc.deposits import fixed
>>> fixed(10_000, 0.0324, 36).to_dict()["cash_flows"][-1]
{'date': None, 'day': 1080, 'flow': 'maturity', 'amount': 10972.0}
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from ..errors import InputError
from ..i18n import has, message
from ..results import fields_dict, jsonable


@dataclass(frozen=True, slots=True)
class InterestPart:
    """One published interest amount: a term, coupon, settlement or segment.

    ``base`` is the balance (or 积数 ÷ days) it was computed on; ``days`` is
    counted on the deposit's day-count basis; ``tax`` is withheld from it.
    """

    label: str
    start_date: _dt.date | None
    end_date: _dt.date | None
    days: int
    base: float
    annual_rate: float
    interest: float
    tax: float

    headers: ClassVar[tuple[str, ...]] = (
        "part", "start_date", "end_date", "days", "base", "annual_rate", "interest", "tax",
    )

    def row(self) -> list[Any]:
        """The part as a table row (see :attr:`headers`)."""
        return [self.label, self.start_date, self.end_date, self.days, self.base,
                self.annual_rate, self.interest, self.tax]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict keyed by :attr:`headers` (the label as ``part``)."""
        data = fields_dict(self)
        data["part"] = data.pop("label")
        return {k: data[k] for k in self.headers}


@dataclass(frozen=True, slots=True)
class DepositResult:
    """Interest, tax and cash flows of one deposit.

    ``maturity_value`` is ``principal + net_interest``: everything the
    customer gets back over the life of the deposit. Cash flows carry the
    customer's sign (deposits negative, receipts positive, net of tax);
    ``flow_days`` count days from the start on the deposit's basis and
    ``flow_dates`` are set when a start date was given.
    """

    kind: str
    principal: float
    annual_rate: float
    interest: float
    tax: float
    net_interest: float
    maturity_value: float
    days: int
    start_date: _dt.date | None
    end_date: _dt.date | None
    flow_labels: tuple[str, ...]
    flow_dates: tuple[_dt.date, ...] | None
    flow_days: NDArray[np.int64] = field(compare=False)
    flow_amounts: NDArray[np.float64] = field(compare=False)
    parts: tuple[InterestPart, ...] = ()

    headers: ClassVar[tuple[str, ...]] = ("date", "day", "flow", "amount")

    def rows(self) -> list[list[Any]]:
        """The cash flows as table rows (date, day, flow, amount)."""
        dates = self.flow_dates or (None,) * len(self.flow_labels)
        return [[d, int(n), label, float(a)]
                for d, n, label, a in zip(dates, self.flow_days, self.flow_labels, self.flow_amounts)]

    def part_rows(self) -> list[list[Any]]:
        """The interest parts as table rows (see :attr:`InterestPart.headers`)."""
        return [p.row() for p in self.parts]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with English snake_case keys and ISO dates."""
        data = fields_dict(self, exclude=("flow_labels", "flow_dates", "flow_days", "flow_amounts", "parts"))
        data["cash_flows"] = [dict(zip(self.headers, jsonable(row))) for row in self.rows()]
        data["interest_parts"] = [p.to_dict() for p in self.parts]
        return data


@dataclass(frozen=True, slots=True)
class TaxPart:
    """Interest accrued in one tax period (docs/rules/tax.md) and the tax on it."""

    start_date: _dt.date
    end_date: _dt.date
    days: int
    tax_rate: float
    interest: float
    tax: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the fields (dates ISO)."""
        return fields_dict(self)


@dataclass(frozen=True, slots=True)
class DepositInsurance:
    """Deposit-insurance cover at one bank (docs/rules/deposit-insurance.md#coverage-limit)."""

    total: float
    covered: float
    exposed: float
    limit: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the fields."""
        return fields_dict(self)


def kind_name(kind: str, lang: str = "en") -> str:
    """The name of a deposit type (:attr:`DepositResult.kind`) in ``lang``.

    >>> kind_name("fixed"), kind_name("fixed", "zh")
    ('Lump-sum fixed deposit', '整存整取')
    """
    code = f"deposits.kind.{kind}"
    return message(code, lang) if has(code) else kind


def flow_name(text: str, lang: str = "en") -> str:
    """The wording of a cash-flow or interest-part label such as ``"term 2"`` or
    ``"early withdrawal (term 2)"`` in ``lang`` (labels without wording stay as they are).

    >>> flow_name("early withdrawal (term 2)", "zh")
    '提前支取（活期）（存期 2）'
    >>> flow_name("term 2", "en")
    'term 2'
    """
    if not isinstance(text, str):
        raise InputError("text", text, code="deposits.label_text")
    head, _, tail = text.partition(" (")
    words = head.rsplit(" ", 1)
    if not has(_flow_code(head)) and len(words) == 2 and words[1].isdigit():
        head_text = f"{_flow_word(words[0], lang)} {words[1]}"
    else:
        head_text = _flow_word(head, lang)
    if not tail:
        return head_text
    inner = flow_name(tail.rstrip(")"), lang)
    return f"{head_text}（{inner}）" if lang == "zh" else f"{head_text} ({inner})"


def _flow_code(word: str) -> str:
    return "deposits.flow." + word.replace(" ", "_")


def _flow_word(word: str, lang: str) -> str:
    code = _flow_code(word)
    return message(code, lang) if has(code) else word
