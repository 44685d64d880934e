"""The report's section renderers: loan, comparison, DCA and deposit plan, one HTML fragment each."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from ..i18n import has
from .page import _e, _Html, _Page


def _render_loan(page: _Page, schedule: Any, extra: Mapping[str, Any]) -> str:
    if hasattr(schedule, "provident"):
        return _render_combined(page, schedule, extra)
    t = page.t
    baseline = extra.get("baseline")
    method = getattr(schedule.method, "value", str(schedule.method))
    figures = [
        (t("seminar.sections.loan_amount"), page.money(schedule.loan_amount, compact=True),
         "loan_amount", schedule.loan_amount),
        (t("seminar.sections.annual_rate"), page.rate(schedule.annual_rate), "annual_rate",
         schedule.annual_rate),
        (t("seminar.sections.term"), t("seminar.sections.months", term_months=schedule.term_months),
         "term_months", schedule.term_months),
        (t("seminar.sections.method"), _word(page, f"seminar.method.{method}", method), "method", method),
        (t("seminar.sections.first_payment"), page.money(schedule.first_payment), "first_payment",
         schedule.first_payment),
        (t("seminar.sections.total_interest"), page.money(schedule.total_interest), "total_interest",
         schedule.total_interest),
        (t("seminar.sections.total_paid"), page.money(schedule.total_paid), "total_paid", schedule.total_paid),
    ]
    if baseline is not None:
        figures += [
            (t("seminar.sections.interest_saved"), page.money(schedule.interest_saved), "interest_saved",
             schedule.interest_saved),
            (t("seminar.sections.months_paid"), t("seminar.sections.months_paid_n", months=schedule.months),
             "months", schedule.months),
        ]
    parts = [page.key_figures(figures), _loan_rate_source(page, extra)]
    if baseline is not None:
        parts.append(_prepayment_table(page, schedule, baseline))
    parts.append(page.figure(schedule, t("seminar.sections.balance_and_each_payment_s_split"),
                             baseline=baseline, source=extra.get("rate_source") or ""))
    rows = [[str(year), page.num(pay), page.num(prin), page.num(intr), page.num(bal)]
            for year, pay, prin, intr, bal in schedule.by_year()]
    year_label = t("seminar.sections.year") if schedule.start is not None else t("seminar.sections.loan_year")
    parts.append(f"<h3>{_e(t('seminar.sections.repayment_by_year'))}</h3>")
    parts.append(page.table(
        [(year_label, False), (page.yuan("seminar.col.paid"), True), (page.yuan("seminar.chart_loans.principal"), True),
         (page.yuan("seminar.chart_loans.interest"), True), (page.yuan("seminar.col.balance_at_year_end"), True)],
        rows,
    ))
    return "".join(parts)


def _render_combined(page: _Page, loan: Any, extra: Mapping[str, Any]) -> str:
    """A combined loan: totals, each part with its rate and source, the chart."""
    t = page.t
    prov, comm = loan.provident, loan.commercial
    total = prov.loan_amount + comm.loan_amount
    figures = [
        (t("seminar.sections.total_loan"), page.money(total, compact=True), "loan_amount", total),
        (t("seminar.sections.term"), t("seminar.sections.months_n", months=loan.months), "months", loan.months),
        (t("seminar.sections.first_payment"), page.money(loan.first_payment), "first_payment", loan.first_payment),
        (t("seminar.sections.total_interest"), page.money(loan.total_interest), "total_interest",
         loan.total_interest),
        (t("seminar.sections.total_paid"), page.money(loan.total_paid), "total_paid", loan.total_paid),
    ]
    sources = [(t("seminar.chart_loans.provident_fund_loan"), prov, extra.get("provident") or {}),
               (t("seminar.chart_loans.commercial_loan"), comm, extra)]
    rows = []
    for name, part, meta in sources:
        source = meta.get("rate_source") or t("seminar.sections.contract_rate_entered_in_the_case")
        when = meta.get("rate_as_of")
        rows.append([name, page.num(part.loan_amount), page.rate(part.annual_rate),
                     f"{source} · {when.isoformat() if when else '—'}", page.num(part.first_payment),
                     page.num(part.total_interest), page.num(part.total_paid)])
    parts = [page.key_figures(figures)]
    parts.append(f"<h3>{_e(t('seminar.sections.the_two_parts'))}</h3>")
    parts.append(page.table(
        [(t("seminar.sections.part"), False), (page.yuan("seminar.col.amount"), True), (t("seminar.sections.rate"), True),
         (t("seminar.sections.rate_source_as_of"), False), (page.yuan("seminar.sections.first_payment"), True),
         (page.yuan("seminar.sections.total_interest"), True), (page.yuan("seminar.sections.total_paid"), True)],
        rows,
    ))
    rate_text = " / ".join(f"{name} {page.rate(part.annual_rate)}" for name, part, _ in sources)
    parts.append(page.figure(loan, t("seminar.sections.combined_loan_balance_and_payments"),
                             source=rate_text))
    return "".join(parts)


def _loan_rate_source(page: _Page, extra: Mapping[str, Any]) -> str:
    source = extra.get("rate_source") or page.t("seminar.sections.contract_rate_entered_in_the_case")
    return page.source(source, extra.get("rate_as_of"))


def _prepayment_table(page: _Page, schedule: Any, baseline: Any) -> str:
    t = page.t
    rows = [
        [t("seminar.chart_loans.without_prepayment"), str(baseline.months), page.num(baseline.total_interest),
         page.num(baseline.total_paid)],
        [t("seminar.sections.with_prepayment"), str(schedule.months), page.num(schedule.total_interest),
         page.num(schedule.total_paid)],
    ]
    return (f"<h3>{_e(t('seminar.sections.prepayment_compared'))}</h3>"
            + page.table([(t("seminar.sections.case"), False), (t("seminar.sections.months_repaid"), True),
                          (page.yuan("seminar.sections.total_interest"), True),
                          (page.yuan("seminar.sections.total_paid"), True)],
                         rows))


def _word(page: _Page, code: str, fallback: str) -> str:
    """The catalog's wording of ``code``, or ``fallback`` for a value it has no word for."""
    return page.t(code) if has(code) else fallback


def _note_text(page: _Page, note: Any) -> str:
    """One note of another area's result, in the page language.

    A note is a ``(code, params)`` pair or an object with ``code`` and
    ``params``. Notes whose library wording names a command-line option are
    worded for a handout instead (``seminar.handout.<code>``: the case field);
    ``note_templates`` words the rest on zh pages; else the note's own
    ``text(lang)``; else the comparison's Chinese (``yields.NOTES_ZH``) or
    English wording.
    """
    from ..yields import NOTES_ZH, note_text

    if isinstance(note, tuple):
        code, params = note
    else:
        code, params = getattr(note, "code", ""), getattr(note, "params", {})
    if page.note_templates is not None:
        return note_text(code, params, page.note_templates if page.lang == "zh" else None)
    handout = f"seminar.handout.{str(code).rsplit('.', 1)[-1]}"
    if has(handout):
        return page.t(handout, **params)
    text = getattr(note, "text", None)
    if callable(text):
        return str(text(page.lang))
    return note_text(code, params, NOTES_ZH if page.lang == "zh" else None)


def _notes_text(page: _Page, items: Any) -> str:
    notes = [n for n in items if (n[0] if isinstance(n, tuple) else getattr(n, "code", n))]
    return page.t("seminar.note_separator").join(_note_text(page, n) for n in notes)


def _term_text(page: _Page, row: Any) -> str:
    months = getattr(row, "term_months", None)
    if months:
        if months % 12 == 0:
            return page.t("seminar.sections.y", value=months // 12)
        return page.t("seminar.sections.m", months=months)
    if row.term_days:
        return page.t("seminar.sections.d", term_days=row.term_days)
    return page.t("seminar.sections.open")


class _Sources:
    """Numbered sources of a section, each listed once under its tables."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def ref(self, source: str) -> int:
        return self.numbers.setdefault(source or "—", len(self.numbers) + 1)

    def html(self, page: _Page) -> str:
        if not self.numbers:
            return ""
        items = "".join(f'<li value="{n}">{_e(text)}</li>' for text, n in self.numbers.items())
        return (f'<h3>{_e(page.t("seminar.sections.sources"))}</h3>'
                f'<ol class="sources source">{items}</ol>')


def _product_cell(page: _Page, row: Any, sources: _Sources) -> _Html:
    name = page.name(row)
    when = row.as_of.isoformat() if row.as_of else "—"
    return _Html(
        f'{_e(name)}<br><small class="source">{_e(page.t("seminar.page.as_of"))} {_e(when)} · '
        f'{_e(page.t("seminar.sections.source"))} [{sources.ref(row.source)}]</small>'
    )


def _kind_risk(page: _Page, row: Any) -> str:
    kind = _word(page, f"seminar.kind.{row.kind}", row.kind)
    return f"{kind} R{row.risk}" if row.risk else kind


def _render_comparison(page: _Page, result: Any, extra: Mapping[str, Any]) -> str:
    t = page.t
    table = extra["rate_table"]
    parts = []
    best = result.best
    figures = [
        (t("seminar.sections.amount"), page.money(result.amount, compact=True), "amount", result.amount),
        (t("seminar.sections.horizon"), t("seminar.sections.days", days=result.days), "days", result.days),
    ]
    if best is not None:
        name = page.name(best)
        figures += [
            (t("seminar.sections.best_net_amount"), page.money(best.net_amount), "best_net_amount",
             best.net_amount),
            (t("seminar.sections.best_product"), name, "best_id", best.id),
            (t("seminar.sections.best_net_annual_rate"), page.rate(best.net_annual_rate), "best_net_annual_rate",
             best.net_annual_rate),
        ]
    parts.append(page.key_figures(figures))
    table_name = page.name(table)
    parts.append(page.source(f"{table_name} ({table.id}) — {table.source}", table.as_of))
    parts.append(page.figure(result, t("seminar.sections.net_income_at_the_horizon_and"),
                             top=extra.get("top", 12), source=table_name))
    sources = _Sources()
    headers = [
        (t("seminar.sections.rank"), True), (t("seminar.sections.product"), False),
        (t("seminar.sections.kind_risk"), False), (t("seminar.sections.term"), True),
        (t("seminar.sections.quoted_rate"), True), (page.yuan("seminar.col.net_amount"), True),
        (t("seminar.sections.net_annual_rate"), True), (t("seminar.sections.insured"), False),
        (t("seminar.sections.notes"), False),
    ]
    top = extra.get("top", 12)
    shown = result.ranked[:top]
    rows = [
        [str(r.rank), _product_cell(page, r, sources), _kind_risk(page, r), _term_text(page, r),
         page.rate(r.quoted_rate), page.num(r.net_amount), page.rate(r.net_annual_rate),
         _word(page, f"seminar.insured.{r.insured}", r.insured), _notes_text(page, r.notes)]
        for r in shown
    ]
    parts.append(f"<h3>{_e(t('seminar.sections.ranked_by_net_amount_at_the'))}</h3>")
    parts.append(page.table(headers, rows))
    if len(result.ranked) > len(shown):
        rest = len(result.ranked) - len(shown)
        parts.append(f'<p class="note">{_e(t("seminar.sections.lower_ranked_rows_left_out", rest=rest))}</p>')
    if result.unranked:
        parts.append(f"<h3>{_e(t('seminar.sections.funds_no_promised_yield_not_ranked'))}</h3>")
        parts.append(page.table(
            [(t("seminar.sections.product"), False), (t("seminar.sections.kind_risk"), False),
             (page.yuan("seminar.col.net_amount_if_the_nav_is"), True),
             (t("seminar.sections.notes"), False)],
            [[_product_cell(page, r, sources), _kind_risk(page, r), page.num(r.net_amount),
              _notes_text(page, r.notes)] for r in result.unranked],
        ))
    if result.ineligible:
        parts.append(f"<h3>{_e(t('seminar.sections.not_eligible'))}</h3>")
        parts.append(page.table(
            [(t("seminar.sections.product"), False), (t("seminar.sections.risk"), False),
             (t("seminar.sections.why_not"), False)],
            [[page.name(r), f"R{r.risk}" if r.risk else "—",
              _notes_text(page, [r.reason] if r.reason else [])] for r in result.ineligible],
        ))
    if result.notes:
        parts.append("".join(f'<p class="note">{_e(_notes_text(page, [n]))}</p>' for n in result.notes))
    parts.append(sources.html(page))
    return "".join(parts)


def _dca_plan_line(page: _Page, plan: Mapping[str, Any]) -> str:
    """The plan as entered: amount, frequency, debit day, fee rate × discount."""
    t = page.t
    fee, discount = plan.get("fee_rate", 0.0), plan.get("discount", 1.0)
    pieces = [
        t("seminar.sections.each_time", get=page.money(plan.get('amount', 0.0))),
        _word(page, f"seminar.frequency.{plan.get('frequency', 'monthly')}", ""),
    ]
    if plan.get("day"):
        pieces.append(t("seminar.sections.debit_day", plan=plan['day']))
    pieces.append(t("seminar.sections.purchase_fee_discount", fee=page.rate(fee), discount=discount,
                    rate=page.rate(fee * discount, 3)))
    pieces.append(t("seminar.sections.fee_rates_as_entered_in_the"))
    return f'<p class="source">{_e(" · ".join(pieces))}</p>'


def _render_dca(page: _Page, backtest: Any, extra: Mapping[str, Any]) -> str:
    t = page.t
    parts = []
    if backtest.synthetic:
        warning = t("seminar.sections.synthetic_data_the_nav_below_is")
        parts.append(f'<p class="synthetic">{_e(warning)}</p>')
    figures = [
        (t("seminar.sections.installments"), str(backtest.installments), "installments", backtest.installments),
        (t("seminar.chart_dca.invested_label"), page.money(backtest.invested, compact=True), "invested",
         backtest.invested),
        (t("seminar.sections.of_which_fees"), page.money(backtest.fees), "fees", backtest.fees),
        (t("seminar.sections.market_value"), page.money(backtest.market_value), "market_value",
         backtest.market_value),
        (t("seminar.sections.profit"), page.money(backtest.profit), "profit", backtest.profit),
        (t("seminar.sections.holding_return"), page.rate(backtest.holding_return), "holding_return",
         backtest.holding_return),
        (t("seminar.sections.xirr_a_year"), page.rate(backtest.xirr), "xirr", backtest.xirr),
        (t("seminar.sections.max_drawdown"), page.rate(backtest.max_drawdown), "max_drawdown",
         backtest.max_drawdown),
        (t("seminar.sections.average_cost"), f"{backtest.average_cost:.4f}", "average_cost", backtest.average_cost),
    ]
    parts.append(page.key_figures(figures))
    from ..navdata import describe_source

    source = describe_source(backtest.source, page.lang)
    parts.append(
        f'<p class="source">{_e(t("seminar.sections.nav_source"))}{page.colon()}{_e(source or "—")} · '
        f'{_e(t("seminar.sections.first_debit"))} {_e(backtest.first_date.isoformat())} · '
        f'{_e(t("seminar.sections.valued_on"))} {_e(backtest.value_date.isoformat())}'
        f'{_e(t("seminar.sections.nav", value_nav=backtest.value_nav))}</p>'
    )
    parts.append(_dca_plan_line(page, extra))
    parts.append(page.figure(backtest, t("seminar.sections.nav_average_cost_and_position_value"),
                             nav=extra.get("nav")))
    every = extra.get("every_start")
    if every is not None:
        parts.append(f"<h3>{_e(t('seminar.sections.starting_the_plan_on_every_possible'))}</h3>")
        parts.append(page.table(
            [(t("seminar.sections.years"), True), (t("seminar.chart_dca.starts"), True), (t("seminar.sections.win_rate"), True),
             (t("seminar.sections.median_return"), True), (t("seminar.sections.5th_pct"), True),
             (t("seminar.sections.95th_pct"), True), (t("seminar.sections.median_xirr"), True),
             (t("seminar.sections.worst_start"), False), (t("seminar.sections.worst_return"), True)],
            [[str(p.years), str(p.starts), page.rate(p.win_rate), page.rate(p.median_return),
              page.rate(p.p5_return), page.rate(p.p95_return), page.rate(p.median_xirr),
              p.worst_start.isoformat(), page.rate(p.worst_return)] for p in every.periods],
        ))
        parts.append(page.figure(every, t("seminar.sections.holding_return_from_every_start_date")))
    # the synthetic note is already said above, in large red type
    from ..navdata import note_text

    notes = [n.text(page.lang) if callable(getattr(n, "text", None)) else note_text(n, page.lang)
             for n in backtest.notes if str(getattr(n, "code", "")).rsplit(".", 1)[-1] != "synthetic"]
    if notes:
        parts.append("".join(f'<p class="note">{_e(n)}</p>' for n in notes))
    caution = t("seminar.sections.past_performance_does_not_guarantee_future")
    parts.append(f'<p class="note">{_e(caution)}</p>')
    return "".join(parts)


def _paid_in(page: _Page, plan: Any, alternative: Any) -> list[str]:
    """Months, monthly amount and money paid in of a naive choice of a monthly plan (else nothing)."""
    if not plan.monthly:
        return []
    months = alternative.months or plan.months
    monthly = alternative.monthly or plan.monthly
    return [str(months), page.num(monthly), page.num(alternative.principal)]


def _render_plan(page: _Page, plan: Any, extra: Mapping[str, Any]) -> str:
    from .chart_plans import _plan_title

    t = page.t
    table = extra["rate_table"]
    question = _plan_title(plan, page.lang)
    parts = [f"<h3>{_e(question)}</h3>"]
    figures = [
        (t("seminar.sections.term_months"), t("seminar.sections.term_months_n", months=plan.months), "months", plan.months),
        (t("seminar.sections.principal"), page.money(plan.principal, compact=True), "principal", plan.principal),
        (t("seminar.sections.value"), page.money(plan.value), "value", plan.value),
        (t("seminar.chart_loans.interest"), page.money(plan.interest), "interest", plan.interest),
    ]
    if plan.monthly:
        figures.insert(1, (t("seminar.sections.monthly"), page.money(plan.monthly), "monthly", plan.monthly))
    if plan.tax:
        figures.append((t("seminar.sections.interest_tax"), page.money(plan.tax), "tax", plan.tax))
    parts.append(page.key_figures(figures))
    table_name = page.name(table)
    parts.append(page.source(f"{table_name} ({table.id}) — {table.source}", table.as_of))
    parts.append(page.figure(plan, t("seminar.sections.plan_timeline"),
                             source=f"{table_name} {table.as_of.isoformat() if table.as_of else ''}"))
    dated = plan.start_date is not None
    rows = []
    for leg in plan.legs:
        start = leg.start_date.isoformat() if dated and leg.start_date else \
            t("seminar.sections.month", start_month=leg.start_month)
        end = leg.maturity_date.isoformat() if dated and leg.maturity_date else \
            t("seminar.sections.month_end", value=leg.start_month + leg.months)
        name = leg.name if page.lang == "zh" else leg.name_en
        if leg.monthly:
            name += t("seminar.sections.a_month", monthly=page.num(leg.monthly))
        rows.append([str(leg.pot + 1), name, start, end, str(leg.months), page.num(leg.amount),
                     page.rate(leg.annual_rate), page.num(leg.interest), page.num(leg.tax), page.num(leg.value)])
    parts.append(f"<h3>{_e(t('seminar.sections.each_deposit'))}</h3>")
    parts.append(page.table(
        [(t("seminar.sections.pot"), True), (t("seminar.sections.deposit"), False), (t("seminar.sections.from"), True),
         (t("seminar.sections.to"), True), (t("seminar.sections.leg_months"),
                                            True), (page.yuan("seminar.chart_loans.principal"), True),
         (t("seminar.sections.rate"), True), (page.yuan("seminar.chart_loans.interest"),
                                              True), (page.yuan("seminar.col.tax"), True),
         (page.yuan("seminar.sections.value"), True)],
        rows,
    ))
    if plan.alternatives:
        parts.append(f"<h3>{_e(t('seminar.sections.compared_with_simple_choices'))}</h3>")
        # monthly plans: the one-account answer (docs/rules/plans.md#one-account-answer) may pay in another monthly amount or term than the plan
        paid_in = [(t("seminar.sections.leg_months"), True), (page.yuan("seminar.sections.monthly"), True),
                   (page.yuan("seminar.col.paid_in"), True)] if plan.monthly else []
        parts.append(page.table(
            [(t("seminar.sections.choice"), False), *paid_in, (page.yuan("seminar.sections.value"), True),
             (page.yuan("seminar.col.less_than_this_plan"), True)],
            [[alt.name if page.lang == "zh" else alt.name_en, *_paid_in(page, plan, alt),
              page.num(alt.value), page.num(alt.shortfall)] for alt in plan.alternatives],
        ))
    from ..deposits import deposit_insurance

    cover = deposit_insurance(plan.value)  # docs/rules/deposit-insurance.md#coverage-limit: 500,000 per depositor per bank
    if cover.exposed > 0:
        exposed = page.num(cover.exposed)
        warning = t("seminar.sections.deposit_insurance_at_one_bank_principal", exposed=exposed)
        parts.append(f'<p class="note">{_e(warning)}</p>')
    return "".join(parts)


_RENDERERS: dict[str, Callable[[_Page, Any, Any], str]] = {
    "comparison": _render_comparison,
    "plan": _render_plan,
    "loan": _render_loan,
    "dca": _render_dca,
}
