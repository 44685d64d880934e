"""Smart DCA (智能定投, 均线定投): each installment scaled by the price's distance from its
moving average (docs/rules/dca.md#smart-dca).

>>> 1000 * smart_factor(-0.10)
1300.0
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .. import _validate as check
from ..errors import InputError
from ..money import round_fen
from .fees import _number
from ..results import Note, fields_dict
from .navdata import NavSeries

__all__ = ["ICBC_2009", "SmartRule", "smart_factor", "smart_rule"]

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

    def to_dict(self) -> dict[str, Any]:
        """The rule's fields, JSON-ready (bands as [distance, factor] lists)."""
        return fields_dict(self)


ICBC_2009 = SmartRule(
    above=((0.0, 0.9), (0.15, 0.8), (0.50, 0.7), (1.10, 0.6)),
    below=((0.0, 1.1), (0.05, 1.2), (0.10, 1.3), (0.15, 1.4)),
    ma_days=180,
    name="ICBC 基智定投 (2009)",
)
"""ICBC 基智定投 (2009), docs/rules/dca.md#smart-dca: T−1 close vs its 180-day MA. The top band
(above by 110 % or more → 60 %) is garbled in the source ("0.0 %") and
unconfirmed: replace it with ``dataclasses.replace(ICBC_2009, above=...)``."""


def _check_rule(rule: Any) -> SmartRule:
    if not isinstance(rule, SmartRule):
        raise InputError("smart", rule, code="funds.smart_type")
    for side in (rule.above, rule.below):
        try:
            bands = [(check.number(a, "smart"), check.number(f, "smart")) for a, f in side]
        except (TypeError, ValueError):  # not (distance, factor) pairs of numbers
            raise InputError("smart", rule.name or rule, code="funds.smart_bands") from None
        if not bands or bands[0][0] != 0 or any(f < 0 for _, f in bands) or any(
            b <= a for (a, _), (b, _) in zip(bands, bands[1:])
        ):
            raise InputError("smart", rule.name or rule, code="funds.smart_bands")
    if isinstance(rule.ma_days, bool) or not isinstance(rule.ma_days, int) or rule.ma_days < 2:
        raise InputError("smart.ma_days", rule.ma_days, code="funds.ma_days")
    return rule


def smart_rule(
    ma_days: int | None = None,
    top_factor: float | None = None,
    *,
    base: SmartRule = ICBC_2009,
) -> SmartRule:
    """A smart-DCA rule: ``base`` (:data:`ICBC_2009`) with another moving-average length and/or
    another factor for its top band (the unconfirmed "above by 110 %" band).

    Parameters
    ----------
    ma_days : moving-average days, 2 to 1000 (default: the base rule's).
    top_factor : factor of the top band above the average, 0 to 5 (default: the base rule's).
    base : the rule to start from.

    Examples
    --------
    >>> r = smart_rule(ma_days=250, top_factor=0.5)
    >>> r.ma_days, r.above[-1], r.below == ICBC_2009.below
    (250, (1.1, 0.5), True)
    """
    rule = _check_rule(base)
    if ma_days is not None:
        rule = dataclasses.replace(rule, ma_days=check.whole(ma_days, "ma_days", low=2, high=1000, unit="days",
                                                             example=180))
    if top_factor is not None:
        factor = _number(top_factor, "top_factor", 0.0, 5.0, "funds.top_factor")
        rule = dataclasses.replace(rule, above=rule.above[:-1] + ((rule.above[-1][0], factor),))
    return _check_rule(rule)


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
    d = _number(deviation, "deviation", -1.0, 1e6, "funds.deviation")
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
        notes.append(Note(short_code, {"count": int((~ok).sum()), "ma_days": m}))
    # the fund traded after the reference's last close and before the debit: that close is stale
    stale = ok & (np.searchsorted(dates, when, side="left") > np.searchsorted(dates, ref.dates[-1], side="right"))
    if stale.any():
        notes.append(Note("funds.stale_reference", {"last": str(ref.dates[-1]), "count": int(stale.sum())}))
    return round_fen(base * factor)
