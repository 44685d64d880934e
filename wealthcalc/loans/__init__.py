"""Loans (贷款): amortization schedules, prepayment, combined loans, true APR.

Schedules are rounded to the fen per period as banks do (see
:mod:`~wealthcalc.loans.schedule`); amounts are positive yuan, rates
decimal fractions (0.049 for 4.9 %).

Modules: :mod:`~wealthcalc.loans.schedule` (:func:`amortize`),
:mod:`~wealthcalc.loans.events` (methods, rate changes, prepayments),
:mod:`~wealthcalc.loans.lpr` (LPR + spread), :mod:`~wealthcalc.loans.batch`
(:func:`amortize_many`), :mod:`~wealthcalc.loans.book` (CSV loan books),
:mod:`~wealthcalc.loans.combined`, :mod:`~wealthcalc.loans.methods`, :mod:`~wealthcalc.loans.provident`,
:mod:`~wealthcalc.loans.offers` (APR, offers, benchmark rates) and
:mod:`~wealthcalc.loans.terms`.

>>> s = amortize(1_000_000, 0.049, 360)
>>> print(s.first_payment, s.total_interest, s.payment[-1])
5307.27 910615.12 5305.19
"""

from __future__ import annotations

from ._checks import MAX_MONTHS, MAX_PRINCIPAL, MIN_PREPAYMENT, _check_months, _check_principal, _check_rate
from ._engine import _annuity_fen, _fen_sum, _half_up_div, _run
from .batch import LoanBatch, amortize_many
from .book import BOOK_COLUMNS, OUT_HEADERS, BookSummary, OnError, book_columns, run_book
from .combined import CombinedSchedule, combined
from .events import METHOD_ALIASES, Method, Prepayment, PrepaymentMode, RateChange, Repricing, _method, parse_method
from .lpr import LPR_TENOR_MONTHS, first_lpr_rate, lpr_on, lpr_path, lpr_rate_changes, lpr_tenor, parse_spread
from .methods import MethodComparison, compare_methods
from .offers import (AprResult, Offer, OfferComparison, apr, benchmark_columns, benchmark_rate, car_loan_offer,
                     compare_offers, installment_offer, quoted_apr)
from .provident import ProvidentQuote, ProvidentRate, provident_quote, provident_rate, provident_rate_column
from .schedule import Schedule, amortize
from .terms import loan_term

__all__ = [
    "AprResult",
    "BOOK_COLUMNS",
    "BookSummary",
    "CombinedSchedule",
    "LPR_TENOR_MONTHS",
    "LoanBatch",
    "MAX_MONTHS",
    "MAX_PRINCIPAL",
    "METHOD_ALIASES",
    "MIN_PREPAYMENT",
    "MethodComparison",
    "Method",
    "OUT_HEADERS",
    "Offer",
    "OfferComparison",
    "OnError",
    "Prepayment",
    "PrepaymentMode",
    "ProvidentQuote",
    "ProvidentRate",
    "RateChange",
    "Repricing",
    "Schedule",
    "amortize",
    "amortize_many",
    "apr",
    "benchmark_columns",
    "benchmark_rate",
    "book_columns",
    "car_loan_offer",
    "combined",
    "compare_methods",
    "compare_offers",
    "first_lpr_rate",
    "installment_offer",
    "loan_term",
    "lpr_on",
    "lpr_path",
    "lpr_rate_changes",
    "lpr_tenor",
    "parse_method",
    "parse_spread",
    "provident_quote",
    "provident_rate",
    "provident_rate_column",
    "quoted_apr",
    "run_book",
]

# the records keep their old home as their public module: charts dispatch on it and pickles name it
for _cls in (AprResult, BookSummary, CombinedSchedule, LoanBatch, Method, Offer, OfferComparison, OnError,
             MethodComparison, Prepayment, PrepaymentMode, ProvidentQuote, ProvidentRate, RateChange, Repricing, Schedule):
    _cls.__module__ = __name__
del _cls

_PRIVATE = (_annuity_fen, _check_months, _check_principal, _check_rate, _fen_sum, _half_up_div, _method, _run)
