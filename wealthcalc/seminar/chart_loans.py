"""Loan charts: a schedule's balance and payment split, a combined loan's two parts."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from .chart_style import (
    _PALETTE, _amount_axis, _check_path, _drawing, _figure, _footnote, _full, _money, _pct, _text, _title,
)
from .fonts import _drawable, chart_lang
from . import chart_style

__all__ = ["plot_combined_loan", "plot_loan"]


def _x_axis(schedule: Any) -> tuple[Any, str, str]:
    """Dates when the loan has a start date, else loan years (period / 12)."""
    import numpy as np

    if schedule.start is not None:
        return schedule.date.astype("datetime64[D]"), "日期", "Date"
    return np.asarray(schedule.period) / 12.0, "贷款年数", "Loan year"


def _balance_line(schedule: Any) -> tuple[Any, Any]:
    """The balance from drawdown (the full loan) to the last payment."""
    import numpy as np

    x, _, _ = _x_axis(schedule)
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
        x, xzh, xen = _x_axis(schedule)
        if baseline is not None:
            bx, _, _ = _x_axis(baseline)
            top.plot(*_balance_line(baseline), "--", color="#777777", linewidth=2.5,
                     label=t("不提前还款", "Without prepayment"))
        has_prepay = float(np.sum(schedule.prepaid)) > 0
        top.plot(*_balance_line(schedule), color=_PALETTE[0],
                 label=t("提前还款后" if has_prepay else "剩余本金",
                         "With prepayment" if has_prepay else "Balance"))
        for i in np.flatnonzero(np.asarray(schedule.prepaid) > 0):
            top.axvline(x[i], color=_PALETTE[1], linewidth=1.5, linestyle=":")
            top.annotate(
                t(f"提前还款 {_money(schedule.prepaid[i], lang)}",
                  f"Prepaid {_money(schedule.prepaid[i], lang)}"),
                (x[i], schedule.balance[i]), xytext=(14, -44), textcoords="offset points",
                fontsize=14, color=_PALETTE[1],
            )
        top.set_ylabel(t("剩余本金（元）", "Balance (yuan)"))
        top.set_ylim(bottom=0)
        _amount_axis(top, lang)
        top.legend(loc="upper right")
        top.set_title(t("剩余本金", "Remaining balance"), loc="left", fontsize=18)

        regular = np.asarray(schedule.principal) - np.asarray(schedule.prepaid)
        bottom.stackplot(x, regular, schedule.interest, colors=[_PALETTE[2], _PALETTE[1]],
                         alpha=0.85, labels=[t("本金", "Principal"), t("利息", "Interest")],
                         step="post" if len(x) < 60 else None)
        if baseline is not None:
            bottom.plot(bx, np.asarray(baseline.payment) - np.asarray(baseline.prepaid),
                        "--", color="#777777", linewidth=2, label=t("不提前还款月供", "Payment without prepayment"))
        bottom.set_ylabel(t("每期还款（元）", "Payment (yuan)"))
        bottom.set_xlabel(t(xzh, xen))
        peak = float(np.max(np.asarray(schedule.payment) - np.asarray(schedule.prepaid)))
        if baseline is not None:
            peak = max(peak, float(np.max(np.asarray(baseline.payment) - np.asarray(baseline.prepaid))))
        bottom.set_ylim(0, peak * 1.3)
        _amount_axis(bottom, lang)
        bottom.legend(loc="upper center", ncols=3)
        bottom.set_title(t("每期还款构成", "Each payment: principal and interest"), loc="left",
                         fontsize=18)

        method = getattr(schedule.method, "value", str(schedule.method))
        method_text = {
            "equal_installment": ("等额本息", "equal installment"),
            "equal_principal": ("等额本金", "equal principal"),
            "interest_only": ("先息后本", "interest only"),
        }.get(method, (method, method))
        years = schedule.term_months / 12
        term = f"{years:g}" if years.is_integer() else f"{schedule.term_months}"
        unit_zh, unit_en = ("年", " years") if years.is_integer() else ("个月", " months")
        _title(
            fig, lang,
            f"贷款 {_money(schedule.loan_amount, lang)} · {term}{unit_zh} · {method_text[0]}",
            f"Loan {_money(schedule.loan_amount, 'en')} · {term}{unit_en} · {method_text[1]}",
        )
        rate = _pct(schedule.annual_rate)
        final = float(schedule.rate[-1]) if len(schedule.rate) else schedule.annual_rate
        if round(final, 7) != round(schedule.annual_rate, 7):  # repriced or changed: first → last
            rate = f"{rate} → {_pct(final)}"
        facts = [
            t(f"年利率 {rate}", f"Annual rate {rate}"),
            t(f"首期月供 {_money(schedule.first_payment, lang)}",
              f"First payment {_money(schedule.first_payment, lang)}"),
            t(f"总利息 {_money(schedule.total_interest, lang)}",
              f"Total interest {_money(schedule.total_interest, lang)}"),
        ]
        if schedule.interest_saved:
            facts.append(t(f"节省利息 {_money(schedule.interest_saved, lang)}",
                           f"Interest saved {_money(schedule.interest_saved, lang)}"))
        if baseline is not None and baseline.months != schedule.months:
            facts.append(t(f"提前 {baseline.months - schedule.months} 个月还清",
                           f"Paid off {baseline.months - schedule.months} months early"))
        if origin := _drawable(source):
            facts.append(t(f"利率来源：{origin}", f"Rate source: {origin}"))
        _footnote(fig, facts)
        return chart_style._save(fig, out)


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
    x, xzh, xen = _x_axis(longer)
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
                      labels=[t("公积金贷款", "Provident-fund loan"), t("商业贷款", "Commercial loan")])
        top.set_ylabel(t("剩余本金（元）", "Balance (yuan)"))
        top.set_ylim(bottom=0)
        _amount_axis(top, lang)
        top.legend(loc="upper right")
        top.set_title(t("剩余本金", "Remaining balance"), loc="left", fontsize=18)
        bottom.stackplot(x, padded(prov.payment, prov.months), padded(comm.payment, comm.months),
                         colors=[_PALETTE[2], _PALETTE[0]], alpha=0.85,
                         labels=[t("公积金月供", "Provident part"), t("商贷月供", "Commercial part")])
        bottom.set_ylim(0, float(np.max(loan.payment)) * 1.3)
        bottom.set_ylabel(t("每期还款（元）", "Payment (yuan)"))
        bottom.set_xlabel(t(xzh, xen))
        _amount_axis(bottom, lang)
        bottom.legend(loc="upper center", ncols=2)
        bottom.set_title(t("每期还款构成", "Each payment by part"), loc="left", fontsize=18)
        total = prov.loan_amount + comm.loan_amount
        _title(fig, lang, f"组合贷款 {_money(total, lang)} · 首期月供 {_money(loan.first_payment, lang)}",
               f"Combined loan {_money(total, 'en')} · first payment {_money(loan.first_payment, 'en')}")
        facts = [
            t(f"公积金 {_money(prov.loan_amount, lang)} @ {_pct(prov.annual_rate)}",
              f"provident {_money(prov.loan_amount, lang)} at {_pct(prov.annual_rate)}"),
            t(f"商贷 {_money(comm.loan_amount, lang)} @ {_pct(comm.annual_rate)}",
              f"commercial {_money(comm.loan_amount, lang)} at {_pct(comm.annual_rate)}"),
            t(f"总利息 {_money(loan.total_interest, lang)}", f"total interest {_money(loan.total_interest, lang)}"),
        ]
        if origin := _drawable(source):
            facts.append(t(f"利率来源：{origin}", f"Rate source: {origin}"))
        _footnote(fig, facts)
        return chart_style._save(fig, out)
