"""Interest on Chinese savings deposits (储蓄存款), to the fen, as banks compute it.

One function per deposit type, each taking the amount and the annual rate
(decimal fractions, 0.0324 for 3.24 %) and returning a frozen
:class:`DepositResult`:

=====================  =====================================================
:func:`demand`          活期 demand deposit, 积数 method, quarterly settlement
:func:`fixed`           整存整取 lump-sum fixed deposit (early, partial, overdue,
                        auto-rollover)
:func:`installment`     零存整取 monthly installment savings (月积数 method)
:func:`lump_withdrawal` 整存零取 lump sum, principal drawn in installments
:func:`interest_payout` 存本取息 keep the principal, draw the interest
:func:`flexible`        定活两便 fixed-or-demand (60 % of the matching fixed rate)
:func:`notice`          个人通知存款 1-day / 7-day notice (classic or rolling)
:func:`large_cd`        大额存单 large CD, at maturity or periodic coupons
=====================  =====================================================

Modules: ``terms`` (terms offered, :class:`DayCount`, :class:`NoticeStyle`),
``results`` (:class:`DepositResult` and the other records), ``_fen`` (exact
arithmetic in fen), ``ledger`` (the calendar and books of one deposit),
``demand`` (活期, 定活两便, 通知存款), ``fixed`` (整存整取, 零存整取),
``payouts`` (存本取息, 整存零取, 大额存单), ``tax``, ``insurance``,
``vectorized`` (the planner's rules) and ``rates``.

Also :func:`interest_tax` (储蓄存款利息所得税 by accrual period, docs/rules/tax.md),
:func:`deposit_insurance` (存款保险, docs/rules/deposit-insurance.md#coverage-limit) and the vectorized
:func:`fixed_maturity_value` and :func:`installment_interest` used by the
combined-deposit planner, with their whole-fen fast paths
:func:`fixed_maturity_fen` and :func:`interest_tax_fen` (rules checked once,
amounts not checked) for its inner loops. :func:`tax_rule` is the one rule
for a deposit's ``tax=`` argument (by dates, or flat).

Rates from a catalog rate table (:mod:`wealthcalc.deposits.rates`):
:func:`rate_for` (a type and term), :func:`minimum_for`, :func:`table_on`
(the table in force on a date), :func:`demand_rate_on` (the 活期 rate on a
withdrawal day), :func:`withdrawal_day`, :func:`held_days` and
:func:`notice_pays_demand`.

Every public function validates its arguments (:mod:`wealthcalc._validate`):
terms are whole months (36 and 36.0 alike, 36.5 refused), and horizons are
bounded by :data:`MAX_MONTHS` (100 years) and :data:`MAX_DAYS`.

Rules: rates are fixed for the term on the opening day; interest is rounded
half-up to the fen per published amount (each term, coupon, settlement), with
exact rational arithmetic so that ties such as 6.135 round up. Cash flows use
the customer's sign: money deposited is negative, money received positive, so
``tvm.xirr(result.flow_dates, result.flow_amounts)`` values them.

>>> r = fixed(10_000, 0.0324, 36)
>>> print(f"{r.interest:.2f} {r.maturity_value:.2f}")
972.00 10972.00
"""

from __future__ import annotations

from ._checks import _amount, _day_count, _minimum, _nonnegative, _rate, _term
from ._fen import (MAX_DAYS, MAX_MONTHS, _amount_array, _flat_tax_fen, _half_up, _interest_fen, _ratio,
                   _to_fen, _whole, _yuan)
from .demand import _flexible_rate, demand, flexible, flexible_rate, notice
from .fixed import _fixed_terms, fixed, installment
from .insurance import DEPOSIT_INSURANCE_LIMIT, deposit_insurance
from .ledger import (_balance_interest_fen, _books, _Clock, _day_interest, _demand_rate, _early, _interval,
                     _Ledger, _Point, _shift)
from .payouts import _coupon_deposit, interest_payout, large_cd, lump_withdrawal
from .rates import (RATE_SECTIONS, demand_rate_on, deposit_kind, held_days, minimum_for, notice_pays_demand,
                    rate_for, table_on, withdrawal_day)
from .results import DepositInsurance, DepositResult, InterestPart, TaxPart, flow_name, kind_name
from .tax import (AUTO_TAX, TAX_PERIODS, _tax_periods, _tax_split_fen, interest_tax, interest_tax_fen,
                  interest_tax_parts, interest_tax_rate, tax_rule)
from .terms import (DEPOSIT_KINDS, FIXED_TERMS, FLEXIBLE_TIERS, INSTALLMENT_TERMS, KIND_ALIASES, LARGE_CD_TERMS,
                    NOTICE_DAYS, PAYOUT_INTERVALS, WITHDRAWAL_INTERVALS, DayCount, NoticeStyle)
from .vectorized import _term_ratios, fixed_maturity_fen, fixed_maturity_value, installment_interest

__all__ = [
    "AUTO_TAX",
    "DEPOSIT_INSURANCE_LIMIT",
    "DEPOSIT_KINDS",
    "DayCount",
    "DepositInsurance",
    "DepositResult",
    "FIXED_TERMS",
    "FLEXIBLE_TIERS",
    "INSTALLMENT_TERMS",
    "InterestPart",
    "KIND_ALIASES",
    "LARGE_CD_TERMS",
    "MAX_DAYS",
    "MAX_MONTHS",
    "NOTICE_DAYS",
    "NoticeStyle",
    "PAYOUT_INTERVALS",
    "RATE_SECTIONS",
    "TAX_PERIODS",
    "TaxPart",
    "WITHDRAWAL_INTERVALS",
    "demand",
    "demand_rate_on",
    "deposit_insurance",
    "deposit_kind",
    "fixed",
    "fixed_maturity_fen",
    "fixed_maturity_value",
    "flexible",
    "flexible_rate",
    "flow_name",
    "held_days",
    "installment",
    "installment_interest",
    "interest_payout",
    "interest_tax",
    "interest_tax_fen",
    "interest_tax_parts",
    "interest_tax_rate",
    "kind_name",
    "large_cd",
    "lump_withdrawal",
    "minimum_for",
    "notice",
    "notice_pays_demand",
    "rate_for",
    "table_on",
    "tax_rule",
    "withdrawal_day",
]

# private helpers other modules of the package use, importable here as before the split
_PRIVATE = (_amount, _amount_array, _balance_interest_fen, _books, _Clock, _coupon_deposit, _day_count,
            _day_interest, _demand_rate, _early, _fixed_terms, _flat_tax_fen, _flexible_rate, _half_up,
            _interest_fen, _interval, _Ledger, _minimum, _nonnegative, _Point, _rate, _ratio, _shift,
            _tax_periods, _tax_split_fen, _term, _term_ratios, _to_fen, _whole, _yuan)
