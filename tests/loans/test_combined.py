"""Tests for wealthcalc.loans.combined: combined loans, docs/rules/loans.md#combined-loan (L-10)."""

from __future__ import annotations

import json

import pytest

from wealthcalc.errors import InputError
from wealthcalc.loans import combined


def test_l10_combined():
    # docs/rules/loans.md#combined-loan, L-10
    c = combined((600_000, 0.026), (1_000_000, 0.035), 360)
    assert (c.provident.first_payment, c.commercial.first_payment, c.first_payment) == (2402.04, 4490.45, 6892.49)
    assert c.payment[0] == 6892.49
    assert c.total_interest == round(c.provident.total_interest + c.commercial.total_interest, 2)
    assert json.loads(json.dumps(c.to_dict()))["months"] == 360
    assert len(c.rows()) == 360


def test_combined_error_names_the_part():
    with pytest.raises(InputError) as info:
        combined((600_000, 2.6), (1_000_000, 0.035), 360)
    assert info.value.field == "provident.annual_rate"
    with pytest.raises(InputError) as info:
        combined(600_000, (1_000_000, 0.035), 360)
    assert info.value.field == "provident"
