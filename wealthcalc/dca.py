"""Fund DCA (基金定投): the old import path of :mod:`wealthcalc.funds`.

Everything here lives in :mod:`wealthcalc.funds` (fees, smart DCA, the
back-test, every start date, the deposit benchmark); this module re-exports
it so ``from wealthcalc.dca import simulate`` keeps working.

>>> from wealthcalc.dca import simulate, synthetic_nav
>>> simulate(synthetic_nav(days=300, annual_drift=0.0, volatility=0.0), 1000, fee_rate=0.0).installments
14
"""

from __future__ import annotations

from .funds.benchmark import (DepositBenchmark, deposit_benchmark, deposit_rate_for, deposit_term_months,
                              plan_deposit_benchmark)
from .funds.dca import FREQUENCIES, DcaBacktest, check_plan_options, lump_sum, simulate
from .funds.every_start import EveryStart, EveryStartPeriod, every_start
from .funds.fees import (DEFAULT_REDEMPTION_TIERS, Dividend, Purchase, Redemption, parse_discount, purchase,
                         redeem, redemption_rate, reinvest_dividend, round_shares)
from .funds.navdata import NavFileError, NavSeries, describe_source, load_nav, note_text, synthetic_nav, write_nav_csv
from .funds.smart import ICBC_2009, SmartRule, smart_factor, smart_rule
from .results import Note

__all__ = [
    "DEFAULT_REDEMPTION_TIERS",
    "ICBC_2009",
    "DcaBacktest",
    "DepositBenchmark",
    "Dividend",
    "EveryStart",
    "EveryStartPeriod",
    "FREQUENCIES",
    "NavFileError",
    "NavSeries",
    "Note",
    "Purchase",
    "Redemption",
    "SmartRule",
    "check_plan_options",
    "deposit_benchmark",
    "deposit_rate_for",
    "deposit_term_months",
    "describe_source",
    "every_start",
    "load_nav",
    "lump_sum",
    "note_text",
    "parse_discount",
    "plan_deposit_benchmark",
    "purchase",
    "redeem",
    "redemption_rate",
    "reinvest_dividend",
    "round_shares",
    "simulate",
    "smart_factor",
    "smart_rule",
    "synthetic_nav",
    "write_nav_csv",
]
