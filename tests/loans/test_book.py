"""The loan-book CSV engine (wealthcalc.loans.run_book) on its own, without the command."""

from __future__ import annotations

import csv

import pytest

from tests.support import DATA
from wealthcalc import loans
from wealthcalc.errors import InputError


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_run_book_skip_reports_each_bad_row_and_progress(tmp_path):
    out = tmp_path / "out.csv"
    bad, done = [], []
    summary = loans.run_book(DATA / "loans_batch.csv", out, chunk_size=2, on_error="skip",
                             on_bad_row=bad.append, on_progress=done.append)
    assert (summary.rows_read, summary.rows_written, summary.rows_skipped) == (9, 4, 5)
    assert summary.output == str(out) and summary.to_dict()["rows_read"] == 9
    assert [e.field.split(",")[0] for e in bad] == [f"loans_batch.csv line {n}" for n in (5, 6, 7, 8, 9)]
    assert all(e.code for e in bad)
    assert sum(done) == (DATA / "loans_batch.csv").stat().st_size
    rows = _rows(out)
    assert [r["id"] for r in rows] == ["a1", "a2", "a3", "a4"]
    assert rows[0]["first_payment"] == "5307.27"  # docs/rules/loans.md#equal-installment, L-1


def test_run_book_fail_names_file_line_column_and_code(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("amount,rate,months\n100000,0.049,360\n1000,0.05,13.5\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    with pytest.raises(InputError) as info:
        loans.run_book(src, out)
    assert (info.value.field, info.value.code) == ("in.csv line 3, months", "loans.book_months")
    assert "期限为 1 到 600 的整月数" in info.value.message("zh")
    assert not out.exists() and not (tmp_path / "out.csv.part").exists()


def test_run_book_years_method_and_start_columns(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("ID,principal,annual_rate,years,method,start\n"
                   "x,1000000,4.9%,30,等额本金,2026-01-15\ny,600000,0.026,20,,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    loans.run_book(src, out, method="equal-installment")
    rows = _rows(out)
    assert rows[0]["first_payment"] == "6861.11" and rows[0]["payoff_date"] == "2056-01-15"  # docs/rules/loans.md#equal-principal, L-7
    assert rows[1]["first_payment"] == "3208.73" and rows[1]["months"] == "240"  # docs/rules/loans.md#equal-installment, L-3


@pytest.mark.parametrize("text, field, code", [
    ("amount,months\n1000,12\n", "header", "loans.book_header"),
    ("", "input", "loans.book_empty"),
    ("amount,rate,months\n1000,0.05,12,\n1000,4.9,12\n", "in.csv line 3, rate", "rate.bare_percent"),
    ("amount,rate,years\n1000,0.05,abc\n", "in.csv line 2, years", "loans.book_years"),
    ("amount,rate,months,method\n1000,0.05,12,weekly\n", "in.csv line 2, method", "choice.format"),
    ("amount,rate,months,start\n1000,0.05,12,2026-02-30\n", "in.csv line 2, start", None),
    ("amount,rate,months\n2000000000,0.05,12\n", "in.csv line 2, amount", "amount.too_large"),
])
def test_run_book_errors(tmp_path, text, field, code):
    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        loans.run_book(src, tmp_path / "out.csv")
    assert info.value.field == field
    if code:
        assert info.value.code == code
    assert info.value.hint


def test_run_book_argument_errors(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("amount,rate,months\n1000,0.05,12\n", encoding="utf-8")
    cases = [
        ((src, tmp_path / "no" / "out.csv"), {}, "OUT.csv", "loans.book_no_folder"),
        ((src, src), {}, "OUT.csv", "loans.book_same_file"),
        ((tmp_path / "missing.csv", tmp_path / "out.csv"), {}, "IN.csv", "loans.book_no_input"),
        ((src, tmp_path / "out.csv"), {"encoding": "klingon"}, "encoding", "loans.book_encoding"),
        ((src, tmp_path / "out.csv"), {"chunk_size": 0}, "chunk_size", "whole.range"),
        ((src, tmp_path / "out.csv"), {"on_error": "ignore"}, "on_error", "choice.format"),
        ((src, tmp_path / "out.csv"), {"method": "weekly"}, "method", "choice.format"),
    ]
    for args, kwargs, field, code in cases:
        with pytest.raises(InputError) as info:
            loans.run_book(*args, **kwargs)
        assert (info.value.field, info.value.code) == (field, code), kwargs
    assert src.read_text(encoding="utf-8").startswith("amount,rate,months")


def test_run_book_undecodable_text(tmp_path):
    src = tmp_path / "gbk.csv"
    src.write_bytes("编号,amount,rate,months\n甲,600000,2.6%,240\n".encode("gb18030"))
    with pytest.raises(InputError) as info:
        loans.run_book(src, tmp_path / "out.csv")
    assert (info.value.field, info.value.code) == ("gbk.csv line 1", "loans.book_decode")
    assert loans.run_book(src, tmp_path / "out.csv", encoding="gb18030").rows_written == 1


def test_book_columns():
    assert loans.book_columns(["Loan_ID", "amount", "Rate", "term_months"]) == {
        "amount": 1, "rate": 2, "months": 3, "id": 0}
    with pytest.raises(InputError) as info:
        loans.book_columns(["id", "amount"], "book.csv")
    assert info.value.code == "loans.book_header" and "months (or years)" in info.value.params["missing"]
