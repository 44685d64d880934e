"""Rates and minimums of a deposit read from a catalog rate table (挂牌利率表).

A deposit's rate is the one listed for its type and term in the table in
force on its opening day (docs/rules/deposits.md#lump-sum-fixed-deposit); the 活期 rate of an early or overdue
withdrawal, 定活两便 and 通知存款 rates are the ones listed on the
withdrawal day (docs/rules/deposits.md#fixed-or-demand, docs/rules/deposits.md#notice-deposits). Every function takes the table as a
:class:`~wealthcalc.catalog.RateTable` or its id.

>>> rate_for("pboc-2004-10-29", "fixed", 36)
0.0324
>>> table_on(_dt.date(2005, 6, 1)).id
'pboc-2004-10-29'
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from .. import _validate
from .._validate import DateLike
from ..errors import InputError
from ..i18n import message
from ._checks import _horizon_days
from ._fen import MAX_DAYS
from .results import kind_name
from .terms import DEPOSIT_KINDS, KIND_ALIASES

if TYPE_CHECKING:
    from ..catalog import Catalog, RateTable

__all__ = ["RATE_SECTIONS", "deposit_kind", "demand_rate_on", "held_days", "minimum_for", "notice_pays_demand",
           "rate_for", "table_on", "withdrawal_day"]

RATE_SECTIONS = ("demand", "fixed", "installment", "lump_withdrawal", "interest_payout", "notice", "large_cd")
"""Deposit types a rate table lists rates for (定活两便 derives its rate from 活期 and 整存整取)."""


def deposit_kind(value: str) -> str:
    """A deposit type as :attr:`DepositResult.kind` spells it, from it, its Chinese name or CLI name.

    >>> deposit_kind("整存整取"), deposit_kind("large-cd")
    ('fixed', 'large_cd')
    """
    if isinstance(value, str):
        text = value.strip()
        kind = KIND_ALIASES.get(text, text.lower())
        if kind in DEPOSIT_KINDS:
            return kind
    raise InputError("kind", value, code="choice.format",
                     params={"choices": ", ".join(DEPOSIT_KINDS + tuple(KIND_ALIASES))})


def _table(table: RateTable | str | None, catalog: Catalog | None) -> RateTable:
    from ..catalog import resolve_rate_table

    return resolve_rate_table(table, catalog)


def table_on(
    on: DateLike | None = None, *, table: RateTable | str | None = None, catalog: Catalog | None = None,
    field: str = "start",
) -> RateTable:
    """The rate table a deposit reads: ``table`` when named; else the market table in force on
    ``on`` (:meth:`Catalog.rate_table_on`); undated, the catalog's default table.

    Raises
    ------
    InputError
        (``field``, code ``deposits.no_table``) when no table of the catalog was in force on ``on``.

    Examples
    --------
    >>> table_on(_dt.date(2005, 6, 1)).id, table_on(table="pboc-2004-10-29").id
    ('pboc-2004-10-29', 'pboc-2004-10-29')
    """
    if table is not None or on is None:
        return _table(table, catalog)
    from ..catalog import load

    day = _validate.date(on, field)
    found = (catalog or load()).rate_table_on(day)
    if found is None:
        raise InputError(field, day.isoformat(), code="deposits.no_table")
    return found


def rate_for(table: RateTable | str | None, kind: str, term: int | None = None, *, field: str = "months",
             catalog: Catalog | None = None) -> float:
    """The rate ``table`` lists for a deposit type and term (months; notice: days; 活期: no term).

    Raises
    ------
    InputError
        (``field``, code ``deposits.table_terms``) when the table does not list the term.

    Examples
    --------
    >>> rate_for("pboc-2004-10-29", "demand"), rate_for("pboc-2004-10-29", "notice", 7)
    (0.0072, 0.0162)
    """
    rates = _table(table, catalog)
    section = deposit_kind(kind)
    if section == "demand":
        return float(rates.demand)
    if section not in RATE_SECTIONS:
        raise InputError("kind", kind, code="choice.format", params={"choices": ", ".join(RATE_SECTIONS)})
    unit = "days" if section == "notice" else "months"
    lines = getattr(rates, section)
    key = _validate.whole(term, field, low=0, high=MAX_DAYS, unit=unit) if term is not None else None
    if key not in lines:
        listed = sorted(lines)
        raise InputError(field, term, code=f"deposits.table_terms_{unit}", params={
            "table": rates.id, "section": section, "kind_zh": kind_name(section, "zh"),
            "terms": ", ".join(map(str, listed)) or message("deposits.no_terms", "en"),
            "terms_zh": "、".join(map(str, listed)) or message("deposits.no_terms", "zh")})
    return float(lines[key])


def minimum_for(table: RateTable | str | None, kind: str, *, catalog: Catalog | None = None) -> float | None:
    """The least deposit ``table`` sets for a deposit type (零存整取: per installment), or None.

    >>> minimum_for("pboc-2004-10-29", "fixed")
    50.0
    """
    rates = _table(table, catalog)
    section = deposit_kind(kind)
    if section == "large_cd" and rates.large_cd_min is not None:
        return float(rates.large_cd_min)
    found = rates.minimums.get(section)
    return None if found is None else float(found)


def withdrawal_day(start: DateLike | None, withdraw_on: DateLike | int | None) -> _dt.date | None:
    """The withdrawal day: ``withdraw_on`` when a date, else ``start`` plus the days held
    (None when undated or nothing is withdrawn).

    >>> withdrawal_day(_dt.date(2025, 1, 1), 100)
    datetime.date(2025, 4, 11)
    """
    if withdraw_on is None:
        return None
    if isinstance(withdraw_on, (int, float)) and not isinstance(withdraw_on, bool):
        days = _horizon_days(withdraw_on, "withdraw_on")
        return None if start is None else _validate.date(start, "start") + _dt.timedelta(days=days)
    return _validate.date(withdraw_on, "withdraw_on")


def held_days(start: DateLike | None, withdraw_on: DateLike | int | None) -> int | None:
    """Calendar days held to the withdrawal: ``withdraw_on`` when a number of days, else the
    days from ``start`` to that date (None when it cannot be known).

    >>> held_days(_dt.date(2025, 1, 1), _dt.date(2025, 1, 21)), held_days(None, 20)
    (20, 20)
    """
    if withdraw_on is None:
        return None
    if isinstance(withdraw_on, (int, float)) and not isinstance(withdraw_on, bool):
        return _horizon_days(withdraw_on, "withdraw_on")
    day = _validate.date(withdraw_on, "withdraw_on")
    return None if start is None else (day - _validate.date(start, "start")).days


def demand_rate_on(day: DateLike | None, *, table: RateTable | str | None = None,
                   catalog: Catalog | None = None, field: str = "demand_rate") -> float:
    """The 活期 rate listed on ``day`` (docs/rules/deposits.md#lump-sum-fixed-deposit): in ``table`` when named, else in the table in
    force that day; undated, the catalog's default table's.

    >>> demand_rate_on(_dt.date(2005, 6, 1))
    0.0072
    """
    return float(table_on(day, table=table, catalog=catalog, field=field).demand)


def notice_pays_demand(notice_days: int, held: int | None, *, style: str = "classic",
                       notified: bool = True) -> bool:
    """Whether a 通知存款 earns the 活期 rate on some days (docs/rules/deposits.md#notice-deposits): withdrawn without
    notice, held fewer than ``notice_days``, or the rolling style's leftover days.

    >>> notice_pays_demand(7, 5), notice_pays_demand(7, 20), notice_pays_demand(7, 20, style="rolling")
    (True, False, True)
    """
    days = _validate.whole(notice_days, "notice_days", low=1, high=7, unit="days")
    notified = _validate.flag(notified, "notified")
    held_for = None if held is None else _horizon_days(held, "held")
    return style == "rolling" or not notified or (held_for is not None and held_for < days)
