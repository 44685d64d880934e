"""存款保险: deposit-insurance cover per depositor per bank (docs/rules/deposit-insurance.md#coverage-limit).

>>> deposit_insurance(600_000).exposed
100000.0
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._validate import AmountLike
from ._checks import _nonnegative
from ._fen import _to_fen
from .results import DepositInsurance

__all__ = ["DEPOSIT_INSURANCE_LIMIT", "deposit_insurance"]

DEPOSIT_INSURANCE_LIMIT = 500_000.0
"""存款保险 cover per depositor per bank, principal plus interest (docs/rules/deposit-insurance.md#coverage-limit)."""


def deposit_insurance(
    principal_plus_interest: AmountLike | Sequence[AmountLike], *, limit: AmountLike = DEPOSIT_INSURANCE_LIMIT
) -> DepositInsurance:
    """Deposit-insurance cover of one depositor's balances at one bank (docs/rules/deposit-insurance.md#coverage-limit).

    Parameters
    ----------
    principal_plus_interest : yuan, one total or the balances (principal plus
        accrued interest) of every insured account at the bank.
    limit : cover per depositor per bank (500,000 since 2015-05-01).

    Examples
    --------
    >>> cover = deposit_insurance([520_000, 20_000])
    >>> print(f"{cover.covered:.2f} {cover.exposed:.2f}")
    500000.00 40000.00
    """
    values = np.atleast_1d(np.asarray(principal_plus_interest, dtype=object)).ravel()
    total = sum(int(_to_fen(_nonnegative(v, "principal_plus_interest"))) for v in values)
    limit_fen = int(_to_fen(_nonnegative(limit, "limit")))
    covered = min(total, limit_fen)
    return DepositInsurance(total / 100, covered / 100, (total - covered) / 100, limit_fen / 100)
