"""Smart DCA (智能定投, 均线定投): each installment scaled by the price's distance from its
moving average (rules §9.3).

>>> 1000 * smart_factor(-0.10)
1300.0
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import InputError
from ..money import round_fen
from .fees import _number
from .navdata import NavSeries, Note

__all__ = ["ICBC_2009", "SmartRule", "smart_factor"]

# ---------------------------------------------------------------- smart DCA


@dataclass(frozen=True, slots=True)
class SmartRule:
    """A smart-DCA (均线定投) rule: installment factor by distance from a moving average.

    ``above`` and ``below`` list (min_distance, factor) pairs, distance as a
    fraction of the moving average; a band includes its lower bound and runs
    to the next one (``0.15 <= d < 0.50`` → 0.8). Exactly on the average
    counts as "above by 0".
    """

    above: tuple[tuple[float, float], ...]
    below: tuple[tuple[float, float], ...]
    ma_days: int = 180
    name: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "ma_days": self.ma_days,
                "above": [list(p) for p in self.above], "below": [list(p) for p in self.below]}


ICBC_2009 = SmartRule(
    above=((0.0, 0.9), (0.15, 0.8), (0.50, 0.7), (1.10, 0.6)),
    below=((0.0, 1.1), (0.05, 1.2), (0.10, 1.3), (0.15, 1.4)),
    ma_days=180,
    name="ICBC 基智定投 (2009)",
)
"""ICBC 基智定投 (2009), rules §9.3: T−1 close vs its 180-day MA. The top band
(above by 110 % or more → 60 %) is garbled in the source ("0.0 %") and
unconfirmed: replace it with ``dataclasses.replace(ICBC_2009, above=...)``."""


def _check_rule(rule: Any) -> SmartRule:
    if not isinstance(rule, SmartRule):
        raise InputError("smart", rule, "a SmartRule such as wealthcalc.dca.ICBC_2009",
                         hint_zh="请给出智能定投规则（SmartRule），例如 wealthcalc.dca.ICBC_2009")
    for side in (rule.above, rule.below):
        if not side or side[0][0] != 0 or any(f < 0 for _, f in side) or any(
            b <= a for (a, _), (b, _) in zip(side, side[1:])
        ):
            raise InputError("smart", rule.name or rule, "bands must start at distance 0, rise strictly, "
                             "and have factors of 0 or more",
                             hint_zh="偏离档位须从 0 开始、严格递增，扣款比例不小于 0")
    if not isinstance(rule.ma_days, int) or rule.ma_days < 2:
        raise InputError("smart.ma_days", rule.ma_days, "a moving-average length of 2 days or more",
                         hint_zh="均线天数至少为 2 天")
    return rule


def _factors(deviation: NDArray, rule: SmartRule) -> NDArray:
    d = np.round(np.asarray(deviation, dtype=np.float64), 10)  # 0.1 - float noise stays 0.1
    out = np.empty_like(d)
    for side, sign in ((rule.above, 1.0), (rule.below, -1.0)):
        bounds = np.array([b for b, _ in side])
        factors = np.array([f for _, f in side])
        mask = (d >= 0) if sign > 0 else (d < 0)
        out[mask] = factors[np.searchsorted(bounds, sign * d[mask], side="right") - 1]
    return out


def smart_factor(deviation: float, rule: SmartRule = ICBC_2009) -> float:
    """The installment factor for a price ``deviation`` from its moving average.

    ``deviation = (close(T−1) − MA(T−1)) / MA(T−1)`` as a fraction.

    Examples
    --------
    DC-2: base 1,000, index 10 % below its MA → 1,300; 20 % above → 800:

    >>> 1000 * smart_factor(-0.10), 1000 * smart_factor(0.20)
    (1300.0, 800.0)
    """
    d = _number(deviation, "deviation", -1.0, 1e6, "a fraction: -0.10 for 10% below the average",
                hint_zh="偏离均线的比例，用小数表示：低于均线 10% 写作 -0.10")
    return float(_factors(np.array([d]), _check_rule(rule))[0])


def _smart_amounts(dates: NDArray, dealt: NDArray, base: float, rule: SmartRule, ref: NavSeries,
                   notes: list[Note], short_code: str) -> NDArray:
    """Installment amounts for the fund's NAV dates ``dates[dealt]``; notes what lacked a full MA.

    The factor uses the reference's last close before the dealing day (T−1)
    and the ``ma_days`` closes ending there; with fewer, the base amount.
    """
    when = dates[dealt]
    prev = np.searchsorted(ref.dates, when, side="left") - 1  # T-1 index
    cs = np.concatenate([[0.0], np.cumsum(ref.nav)])
    m = rule.ma_days
    ok = prev + 1 >= m
    factor = np.ones(len(when))
    i = prev[ok]
    ma = (cs[i + 1] - cs[i + 1 - m]) / m
    factor[ok] = _factors((ref.nav[i] - ma) / ma, rule)
    if (~ok).any():
        notes.append(Note(short_code, count=int((~ok).sum()), ma_days=m))
    # the fund traded after the reference's last close and before the debit: that close is stale
    stale = ok & (np.searchsorted(dates, when, side="left") > np.searchsorted(dates, ref.dates[-1], side="right"))
    if stale.any():
        notes.append(Note("stale_reference", last=str(ref.dates[-1]), count=int(stale.sum())))
    return round_fen(base * factor)
