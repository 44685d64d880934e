"""Terms, day counts and styles of Chinese savings deposits (docs/rules/rounding.md#deposit-day-count, docs/rules/deposits.md)."""

from __future__ import annotations

import enum

FIXED_TERMS = (3, 6, 12, 24, 36, 60)
"""Terms of 整存整取 in months (docs/rules/deposits.md#product-summary)."""
INSTALLMENT_TERMS = (12, 36, 60)
"""Terms of 零存整取, 整存零取 and 存本取息 in months (docs/rules/deposits.md#product-summary)."""
LARGE_CD_TERMS = (1, 3, 6, 9, 12, 18, 24, 36, 60)
"""Terms of 大额存单 in months (docs/rules/deposits.md#large-certificates-of-deposit)."""
NOTICE_DAYS = (1, 7)
"""Notice periods of 个人通知存款 in days (docs/rules/deposits.md#notice-deposits)."""
WITHDRAWAL_INTERVALS = (1, 3, 6)
"""Months between principal withdrawals of 整存零取 (docs/rules/deposits.md#lump-sum-installment-withdrawals)."""
PAYOUT_INTERVALS = (1, 3, 6, 12)
"""Months between interest payouts of 存本取息 and 大额存单 coupons."""
FLEXIBLE_TIERS = (3, 6, 12)
"""Months of the 整存整取 rates 定活两便 pays 60 % of (docs/rules/deposits.md#fixed-or-demand)."""

DEPOSIT_KINDS = ("demand", "fixed", "installment", "lump_withdrawal", "interest_payout", "flexible",
                 "notice", "large_cd")
"""Every deposit type, as :attr:`DepositResult.kind` spells it."""

KIND_ALIASES: dict[str, str] = {
    "活期": "demand", "整存整取": "fixed", "零存整取": "installment", "整存零取": "lump_withdrawal",
    "存本取息": "interest_payout", "定活两便": "flexible", "通知存款": "notice", "个人通知存款": "notice",
    "大额存单": "large_cd", "lump-withdrawal": "lump_withdrawal", "interest-payout": "interest_payout",
    "large-cd": "large_cd",
}
"""Other spellings of the deposit types accepted as input (Chinese names, CLI command names)."""


class DayCount(str, enum.Enum):
    """How days are counted (docs/rules/rounding.md#deposit-day-count, 银发〔2005〕129号).

    ``"30/360"``: whole months of 30 days (对月对日) plus the odd actual days;
    ``"actual"``: calendar days. The daily rate is annual/360 in both.
    """

    THIRTY_360 = "30/360"
    ACTUAL = "actual"


class NoticeStyle(str, enum.Enum):
    """个人通知存款 product style for incomplete cycles (docs/rules/deposits.md#notice-deposits)."""

    CLASSIC = "classic"
    ROLLING = "rolling"
