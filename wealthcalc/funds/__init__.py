"""Fund NAV data and fund DCA (基金定投).

- :mod:`.navdata`: NAV series, the fund-site CSV loader, synthetic series;
- :mod:`.fees`: 申购 / 赎回 fees, share rounding, dividends;
- :mod:`.smart`: the smart-DCA (均线定投) rule;
- :mod:`.dca`: the plan back-test (:func:`simulate`, :func:`lump_sum`) and the rules for
  combining its options (:func:`check_plan_options`);
- :mod:`.every_start`: the plan from every start date (定投胜率);
- :mod:`.benchmark`: the same contributions in a bank deposit.

>>> bt = simulate(synthetic_nav(days=300, annual_drift=0.0, volatility=0.0), 1000, fee_rate=0.0)
>>> bt.installments, bt.holding_return
(14, 0.0)
"""

from .benchmark import (DepositBenchmark, DepositKind, deposit_benchmark, deposit_rate_for, deposit_term_months,
                        plan_deposit_benchmark)
from .dca import FREQUENCIES, DcaBacktest, DividendOption, Frequency, check_plan_options, lump_sum, simulate
from .every_start import EveryStart, EveryStartPeriod, every_start
from .fees import (DEFAULT_REDEMPTION_TIERS, Dividend, FeeMethod, Purchase, Redemption, Rounding, parse_discount,
                   purchase, redeem, redemption_rate, reinvest_dividend, round_shares)
from .navdata import GAP_DAYS, NavFileError, NavSeries, describe_source, load_nav, synthetic_nav, write_nav_csv
from .smart import ICBC_2009, SmartRule, smart_factor, smart_rule

__all__ = [
    "DEFAULT_REDEMPTION_TIERS", "FREQUENCIES", "GAP_DAYS", "ICBC_2009", "DcaBacktest", "DepositBenchmark",
    "DepositKind", "Dividend", "DividendOption", "EveryStart", "EveryStartPeriod", "FeeMethod", "Frequency",
    "NavFileError", "NavSeries", "Purchase", "Redemption", "Rounding", "SmartRule", "check_plan_options",
    "deposit_benchmark", "deposit_rate_for", "deposit_term_months", "describe_source", "every_start", "load_nav",
    "lump_sum", "parse_discount", "plan_deposit_benchmark", "purchase", "redeem", "redemption_rate",
    "reinvest_dividend", "round_shares", "simulate", "smart_factor", "smart_rule", "synthetic_nav",
    "write_nav_csv",
]
