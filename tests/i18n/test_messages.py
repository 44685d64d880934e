"""The message catalog: every code worded in both languages with the same placeholders, once."""

import importlib
import re
import string

import pytest

from wealthcalc import i18n
from wealthcalc.errors import InputError
from wealthcalc.results import Note

CJK = re.compile(r"[\u4e00-\u9fff]")


def _fields(template):
    """Placeholder names; a name ending _en or _zh is the same parameter worded per language."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {re.sub(r"_(en|zh)$", "", name) for name in names}


# entries whose two wordings deliberately use different parameters
DIFFERENT_PLACEHOLDERS = {
    "catalog.not_found_list",  # the Chinese names what was looked for, the English only lists the ids
    "deposits.table_terms_months", "deposits.table_terms_days",  # zh: the deposit kind; en: the catalog section
    "deposits.cli.table_terms_months", "deposits.cli.table_terms_days",
    "yields.not_lump_sum_deposit",  # the English names the deposit type
}


def test_every_entry_has_chinese_and_english_with_the_same_placeholders():
    for code, (zh, en) in i18n.messages().items():
        assert zh and (en or code == "seminar.yuan_suffix"), code  # English writes no 元 after amounts
        if code in DIFFERENT_PLACEHOLDERS:
            assert _fields(zh) != _fields(en), f"{code} no longer differs: drop it from the list"
            continue
        assert _fields(zh) == _fields(en), code


def test_no_english_entry_is_left_in_chinese_alone():
    # the Chinese column is Chinese (or a symbol/abbreviation such as "PMT"); never the English copied over
    copied = [code for code, (zh, en) in i18n.messages().items() if zh == en and re.search(r"[a-z]{4,}", en)]
    assert copied == []


def test_a_code_is_defined_in_one_table_only():
    seen = {}
    for topic in i18n._TOPICS:
        for code in importlib.import_module(f"wealthcalc.i18n._{topic}").MESSAGES:
            assert code not in seen, f"{code} in _{topic}.py and _{seen[code]}.py"
            seen[code] = topic


def test_message_fills_parameters_in_each_language():
    assert i18n.message("amount.too_large", "en", limit="1,000") == "amounts above 1,000 yuan are not accepted"
    assert i18n.message("amount.too_large", "zh", limit="1,000") == "金额不能超过 1,000 元"


def test_an_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        i18n.message("no.such.code")


def test_label_falls_back_to_the_key():
    assert i18n.label("interest", "zh") == "利息"
    assert i18n.label("no_such_label", "zh") == "no_such_label"


def test_errors_and_notes_word_through_the_catalog():
    error = InputError("amount", -1, code="amount.negative")
    assert error.hint == "an amount must be positive"
    assert error.message("zh") == "amount: got -1; 金额必须大于零 ｜ an amount must be positive"
    assert error.message("en") == "amount: got -1; an amount must be positive"
    note = Note("core.synthetic")
    assert note.to_dict() == {"code": "core.synthetic", "text": "synthetic data, not a real fund", "params": {}}
