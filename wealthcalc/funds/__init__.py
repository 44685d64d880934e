"""Fund NAV data and fund DCA (基金定投).

- :mod:`.navdata`: NAV series, the fund-site CSV loader, synthetic series;
- :mod:`.fees`: 申购 / 赎回 fees, share rounding, dividends;
- :mod:`.smart`: the smart-DCA (均线定投) rule;
- :mod:`.dca`: the plan back-test (:func:`simulate`, :func:`lump_sum`);
- :mod:`.every_start`: the plan from every start date (定投胜率);
- :mod:`.benchmark`: the same contributions in a bank deposit.

>>> bt = simulate(synthetic_nav(days=300, annual_drift=0.0, volatility=0.0), 1000, fee_rate=0.0)
>>> bt.installments, bt.holding_return
(14, 0.0)
"""

from .benchmark import DepositBenchmark, deposit_benchmark
from .dca import FREQUENCIES, DcaBacktest, lump_sum, simulate
from .every_start import EveryStart, EveryStartPeriod, every_start
from .fees import (DEFAULT_REDEMPTION_TIERS, Dividend, Purchase, Redemption, parse_discount, purchase, redeem,
                   redemption_rate, reinvest_dividend, round_shares)
from .navdata import GAP_DAYS, NavFileError, NavSeries, describe_source, load_nav, synthetic_nav, write_nav_csv
from .smart import ICBC_2009, SmartRule, smart_factor

__all__ = [
    "DEFAULT_REDEMPTION_TIERS", "FREQUENCIES", "GAP_DAYS", "ICBC_2009", "DcaBacktest", "DepositBenchmark",
    "Dividend", "EveryStart", "EveryStartPeriod", "NavFileError", "NavSeries", "Purchase", "Redemption",
    "SmartRule", "deposit_benchmark", "describe_source", "every_start", "load_nav", "lump_sum",
    "parse_discount", "purchase", "redeem", "redemption_rate", "reinvest_dividend", "round_shares", "simulate",
    "smart_factor", "synthetic_nav", "write_nav_csv",
]
