"""Loan charts: a schedule's balance and payment split, a combined loan's two parts."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from .chart_style import (
    _PALETTE, _amount_axis, _check_path, _drawing, _figure, _footnote, _full, _money, _pct, _text, _title,
)
from ..i18n import has, message
from .fonts import _drawable, chart_lang
from . import chart_style

__all__ = ["plot_combined_loan", "plot_loan"]


def _x_axis(schedule: Any) -> tuple[Any, str]:
    """Dates when the loan has a start date, else loan years (period / 12)."""
    import numpy as np

    if schedule.start is not None:
        return schedule.date.astype("datetime64[D]"), "seminar.chart_loans.axis_date"
    return np.asarray(schedule.period) / 12.0, "seminar.chart_loans.axis_loan_year"


def _balance_line(schedule: Any) -> tuple[Any, Any]:
    """The balance from drawdown (the full loan) to the last payment."""
    import numpy as np

    x, _ = _x_axis(schedule)
    first = np.datetime64(schedule.start, "D") if schedule.start is not None else 0.0
    return (np.concatenate([np.array([first], dtype=x.dtype), x]),
            np.concatenate([[schedule.loan_amount], np.asarray(schedule.balance)]))


def plot_loan(
    schedule: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    baseline: Any = None,
    source: str = "",
) -> Path:
    """Loan balance and the interest/principal split of each payment over time.

    Parameters
    ----------
    schedule : a :class:`wealthcalc.loans.Schedule` (with or without prepayments).
    path : a .png or .svg file to write.
    lang : "zh" or "en" (English, with a warning, when no Chinese font exists).
    baseline : the same loan's Schedule without prepayments, drawn dashed
        for comparison (e.g. ``amortize(...)`` with ``prepayments=()``).
    source : where the rate comes from, for the footnote (e.g. "LPR 2025-05-20").

    Returns
    -------
    Path of the file written.

    Notes
    -----
    Top: remaining balance after each payment, with and without prepayment;
    prepayments are marked where they happen. Bottom: each regular payment
    split into principal and interest (stacked); prepaid principal is left
    out there so one large prepayment does not flatten the months.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import loans
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> s = loans.amortize(1_000_000, 0.0315, 360, prepayments=[(36, 200_000, "shorten")])
    >>> plot_loan(s, folder / "loan.png", baseline=loans.amortize(1_000_000, 0.0315, 360)).name
    'loan.png'
    """
    import numpy as np

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    with _drawing(lang):
        fig, (top, bottom) = _figure(rows=2, height=9.5, sharex=True)
        x, xlabel = _x_axis(schedule)
        if baseline is not None:
            bx, _ = _x_axis(baseline)
            top.plot(*_balance_line(baseline), "--", color="#777777", linewidth=2.5,
                     label=t("seminar.chart_loans.without_prepayment"))
        has_prepay = float(np.sum(schedule.prepaid)) > 0
        top.plot(*_balance_line(schedule), color=_PALETTE[0],
                 label=t("seminar.chart_loans.with_prepayment" if has_prepay else "seminar.chart_loans.balance"))
        for i in np.flatnonzero(np.asarray(schedule.prepaid) > 0):
            top.axvline(x[i], color=_PALETTE[1], linewidth=1.5, linestyle=":")
            top.annotate(
                t("seminar.chart_loans.prepaid", prepaid=_money(schedule.prepaid[i], lang)),
                (x[i], schedule.balance[i]), xytext=(14, -44), textcoords="offset points",
                fontsize=14, color=_PALETTE[1],
            )
        top.set_ylabel(t("seminar.chart_loans.balance_yuan"))
        top.set_ylim(bottom=0)
        _amount_axis(top, lang)
        top.legend(loc="upper right")
        top.set_title(t("seminar.chart_loans.remaining_balance"), loc="left", fontsize=18)

        regular = np.asarray(schedule.principal) - np.asarray(schedule.prepaid)
        bottom.stackplot(x, regular, schedule.interest, colors=[_PALETTE[2], _PALETTE[1]],
                         alpha=0.85, labels=[t("seminar.chart_loans.principal"), t("seminar.chart_loans.interest")],
                         step="post" if len(x) < 60 else None)
        if baseline is not None:
            bottom.plot(bx, np.asarray(baseline.payment) - np.asarray(baseline.prepaid),
                        "--", color="#777777", linewidth=2, label=t("seminar.chart_loans.payment_without_prepayment"))
        bottom.set_ylabel(t("seminar.chart_loans.payment_yuan"))
        bottom.set_xlabel(t(xlabel))
        peak = float(np.max(np.asarray(schedule.payment) - np.asarray(schedule.prepaid)))
        if baseline is not None:
            peak = max(peak, float(np.max(np.asarray(baseline.payment) - np.asarray(baseline.prepaid))))
        bottom.set_ylim(0, peak * 1.3)
        _amount_axis(bottom, lang)
        bottom.legend(loc="upper center", ncols=3)
        bottom.set_title(t("seminar.chart_loans.each_payment_principal_and_interest"), loc="left",
                         fontsize=18)

        _loan_text(fig, schedule, baseline, lang, source)
        return chart_style._save(fig, out)


def _loan_text(fig: Any, schedule: Any, baseline: Any, lang: str, source: str) -> None:
    """A loan chart's title (amount, term, method) and footnote (rate, payments, interest, source)."""
    t = functools.partial(_text, lang)
    method = getattr(schedule.method, "value", str(schedule.method))
    method_code = f"seminar.chart_loans.method.{method}"
    method_text = {lang_: message(method_code, lang_) if has(method_code) else method for lang_ in ("zh", "en")}
    years = schedule.term_months / 12
    term = f"{years:g}" if years.is_integer() else f"{schedule.term_months}"
    unit = "seminar.chart_loans.unit_years" if years.is_integer() else "seminar.chart_loans.unit_months"
    _title(fig, lang, "seminar.chart_loans.loan", {
        "loan_amount": _money(schedule.loan_amount, lang), "term": term, "unit_zh": message(unit, "zh"),
        "method_text": method_text["zh"], "loan_amount_en": _money(schedule.loan_amount, "en"),
        "unit_en": message(unit, "en"), "method_text_en": method_text["en"]})
    rate = _pct(schedule.annual_rate)
    final = float(schedule.rate[-1]) if len(schedule.rate) else schedule.annual_rate
    if round(final, 7) != round(schedule.annual_rate, 7):  # repriced or changed: first → last
        rate = f"{rate} → {_pct(final)}"
    facts = [
        t("seminar.chart_loans.annual_rate", rate=rate),
        t("seminar.chart_loans.first_payment", first_payment=_money(schedule.first_payment, lang)),
        t("seminar.chart_loans.total_interest", total_interest=_money(schedule.total_interest, lang)),
    ]
    if schedule.interest_saved:
        facts.append(t("seminar.chart_loans.interest_saved", interest_saved=_money(schedule.interest_saved,
                                                                                   lang)))
    if baseline is not None and baseline.months != schedule.months:
        facts.append(t("seminar.chart_loans.paid_off_months_early", value=baseline.months - schedule.months))
    if origin := _drawable(source):
        facts.append(t("seminar.chart_loans.rate_source", origin=origin))
    _footnote(fig, facts)


def plot_combined_loan(
    loan: Any,
    path: str | os.PathLike,
    *,
    lang: str = "zh",
    source: str = "",
) -> Path:
    """A combined loan (组合贷款): both parts' balances, and each month's payment by part.

    Parameters
    ----------
    loan : a :class:`wealthcalc.loans.CombinedSchedule` (from ``loans.combined``).
    path : a .png or .svg file to write.
    lang : "zh" or "en".
    source : where the rates come from, for the footnote.

    Notes
    -----
    Top: the provident-fund and commercial balances stacked, so the top edge
    is the total owed. Bottom: each month's payment, provident part and
    commercial part stacked.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from wealthcalc import loans
    >>> c = loans.combined((600_000, 0.026), (1_000_000, 0.035), 360)
    >>> plot_combined_loan(c, pathlib.Path(tempfile.mkdtemp(), "combined.png")).name
    'combined.png'
    """
    import numpy as np

    out = _check_path(path)
    lang = chart_lang(lang)
    t = functools.partial(_text, lang)
    prov, comm = loan.provident, loan.commercial
    longer = prov if prov.months >= comm.months else comm
    x, xlabel = _x_axis(longer)
    n = loan.months

    def padded(values: Any, months: int) -> Any:
        out_values = np.zeros(n)
        out_values[:months] = values
        return out_values

    with _drawing(lang):
        fig, (top, bottom) = _figure(rows=2, height=9.5, sharex=True)
        bx, _ = _balance_line(longer)
        top.stackplot(bx, np.concatenate([[prov.loan_amount], padded(prov.balance, prov.months)]),
                      np.concatenate([[comm.loan_amount], padded(comm.balance, comm.months)]),
                      colors=[_PALETTE[2], _PALETTE[0]], alpha=0.85,
                      labels=[t("seminar.chart_loans.provident_fund_loan"), t("seminar.chart_loans.commercial_loan")])
        top.set_ylabel(t("seminar.chart_loans.balance_yuan"))
        top.set_ylim(bottom=0)
        _amount_axis(top, lang)
        top.legend(loc="upper right")
        top.set_title(t("seminar.chart_loans.remaining_balance"), loc="left", fontsize=18)
        bottom.stackplot(x, padded(prov.payment, prov.months), padded(comm.payment, comm.months),
                         colors=[_PALETTE[2], _PALETTE[0]], alpha=0.85,
                         labels=[t("seminar.chart_loans.provident_part"), t("seminar.chart_loans.commercial_part")])
        bottom.set_ylim(0, float(np.max(loan.payment)) * 1.3)
        bottom.set_ylabel(t("seminar.chart_loans.payment_yuan"))
        bottom.set_xlabel(t(xlabel))
        _amount_axis(bottom, lang)
        bottom.legend(loc="upper center", ncols=2)
        bottom.set_title(t("seminar.chart_loans.each_payment_by_part"), loc="left", fontsize=18)
        total = prov.loan_amount + comm.loan_amount
        _title(fig, lang, "seminar.chart_loans.combined_loan_first_payment", {
            "total": _money(total, lang),
            "first_payment": _money(loan.first_payment, lang),
            "total_en": _money(total, 'en'),
            "first_payment_en": _money(loan.first_payment, 'en'),
        })
        facts = [
            t("seminar.chart_loans.provident_at", loan_amount=_money(prov.loan_amount, lang),
              annual_rate=_pct(prov.annual_rate)),
            t("seminar.chart_loans.commercial_at", loan_amount=_money(comm.loan_amount, lang),
              annual_rate=_pct(comm.annual_rate)),
            t("seminar.chart_loans.total_interest_lower", total_interest=_money(loan.total_interest, lang)),
        ]
        if origin := _drawable(source):
            facts.append(t("seminar.chart_loans.rate_source", origin=origin))
        _footnote(fig, facts)
        return chart_style._save(fig, out)
