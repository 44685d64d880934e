"""Hypothesis strategies shared by the property tests (``from tests.strategies import ...``).

Amounts are drawn in whole fen and rates in whole basis points, so every
drawn value is one a bank could write.
"""

import datetime as dt
from types import SimpleNamespace

from hypothesis import strategies as st


def yuan(low: float, high: float) -> st.SearchStrategy[float]:
    """Amounts of yuan from ``low`` to ``high``, whole fen."""
    return st.integers(min_value=round(low * 100), max_value=round(high * 100)).map(lambda fen: fen / 100)


def basis_points(low: int, high: int) -> st.SearchStrategy[float]:
    """Rates from ``low`` to ``high`` basis points, as decimal fractions (100 bp = 0.01)."""
    return st.integers(min_value=low, max_value=high).map(lambda bp: bp / 10_000)


# ---------------------------------------------------------------- catalog

# any YAML-ish value a hostile or careless catalog file could hold
weird_values = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=8), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.dates().map(lambda d: d.isoformat()),
)


# ---------------------------------------------------------------- deposits

deposit_amounts = yuan(50, 10_000_000)
deposit_rates = basis_points(1, 800)
deposit_starts = st.dates(min_value=dt.date(1998, 1, 1), max_value=dt.date(2030, 12, 31))
# 活期 deposits (+) and withdrawals (−) on day k of the account, in fen
demand_changes = st.lists(
    st.tuples(st.integers(min_value=1, max_value=700), st.integers(min_value=-5_000_00, max_value=5_000_00)),
    max_size=6,
)


# ---------------------------------------------------------------- plans

def _term_rates(keys):
    return st.fixed_dictionaries({k: basis_points(0, 500) for k in keys})  # 0 … 5 %


# small random deposit rate tables with the fields a plan reads
rate_tables = st.builds(
    SimpleNamespace,
    demand=basis_points(0, 100),
    fixed=st.sets(st.sampled_from([3, 6, 12, 24]), min_size=1).flatmap(_term_rates),
    installment=_term_rates([12]),
    interest_payout=_term_rates([12]),
    notice=_term_rates([1, 7]),
    large_cd=st.sets(st.sampled_from([1, 3, 6, 12])).flatmap(_term_rates),
    large_cd_min=st.sampled_from([1_000, 20_000]),
    minimums=st.fixed_dictionaries({
        "fixed": st.sampled_from([50, 500]), "installment": st.just(5),
        "interest_payout": st.sampled_from([100, 5_000]), "notice": st.sampled_from([3_000, 50_000]),
        "large_cd": st.just(20_000)}),
)
plan_amounts = yuan(1, 400_000)


# ---------------------------------------------------------------- loans

loan_principals = yuan(1_000, 5_000_000)
loan_rates = basis_points(0, 2400)
loan_terms = st.integers(min_value=1, max_value=360)
loan_methods = st.sampled_from(["equal_installment", "equal_principal", "interest_only"])


# ---------------------------------------------------------------- yields

fee_rates = st.floats(min_value=0, max_value=0.02, allow_nan=False)
