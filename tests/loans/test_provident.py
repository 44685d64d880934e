"""Tests for wealthcalc.loans.provident: provident-fund quotes, docs/rules/provident.md#loan-amount (L-9)."""

from __future__ import annotations

import pytest

from wealthcalc.errors import InputError
from wealthcalc.loans import provident_quote

# docs/rules/sources.md#zhengzhou-2013-provident-policy (Zhengzhou 2013), docs/rules/provident.md#loan-amount
ZHENGZHOU_2013 = {
    "id": "zhengzhou-2013", "cap_couple": 450_000, "cap_single": 350_000, "cap_county": 300_000,
    "ltv_first_home": 0.7, "ltv_second_hand": 0.6, "ltv_second_home": 0.4,
    "second_home_rate_multiplier": 1.1,
}


def test_l9_provident_quote():
    # docs/rules/provident.md#loan-amount, L-9 (docs/rules/sources.md#zhengzhou-2013-provident-policy): min(700,000, 450,000) = 450,000 → 2,846.92
    q = provident_quote(1_000_000, policy=ZHENGZHOU_2013, annual_rate=0.045, months=240)
    assert (q.provident_amount, q.provident_bound) == (450_000, "cap_couple")
    assert q.provident_payment == 2846.92
    assert (q.commercial_amount, q.down_payment) == (250_000, 300_000)
    single = provident_quote(1_000_000, policy=ZHENGZHOU_2013, buyers="single", annual_rate=0.045)
    assert single.provident_amount == 350_000 and single.provident_payment == 2214.27
    cheap = provident_quote(500_000, policy=ZHENGZHOU_2013, second_hand=True)
    assert (cheap.provident_amount, cheap.provident_bound) == (300_000, "ltv_second_hand")
    assert cheap.down_payment == 200_000
    second = provident_quote(1_000_000, policy=ZHENGZHOU_2013, second_home=True, annual_rate=0.045)
    assert (second.provident_amount, second.provident_bound) == (400_000, "ltv_second_home")
    assert second.provident_rate == 0.0495 and second.down_payment == 600_000
    county = provident_quote(1_000_000, policy=ZHENGZHOU_2013, buyers="county",
                             commercial_wanted=100_000)
    assert county.provident_amount == 300_000 and county.commercial_bound == "requested"
    assert county.down_payment == 600_000


def test_provident_quote_reads_attributes():
    class Policy:  # any record with the field names, like the catalog's
        id = "x"
        cap_couple = 600_000
        cap_single = 500_000
        cap_county = None
        ltv_first_home = 0.8
        ltv_second_hand = 0.8
        ltv_second_home = 0.6
        second_home_rate_multiplier = None

    q = provident_quote(1_000_000, policy=Policy())
    assert q.provident_amount == 600_000 and q.commercial_amount == 200_000
    no_cap = provident_quote(1_000_000, policy=Policy(), buyers="county")  # None: no cap
    assert (no_cap.provident_amount, no_cap.provident_bound) == (800_000, "ltv_first_home")
    del Policy.ltv_second_home
    with pytest.raises(InputError) as info:
        provident_quote(1_000_000, policy=Policy(), second_home=True)
    assert info.value.field == "policy"
    with pytest.raises(InputError) as info:
        provident_quote(1_000_000, policy=Policy(), buyers="family")
    assert info.value.field == "buyers"
