"""The report's section renderers: loan, comparison, DCA and deposit plan, one HTML fragment each."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from .page import _e, _Html, _Page


_METHOD_NAMES = {
    "equal_installment": ("等额本息", "Equal installment"),
    "equal_principal": ("等额本金", "Equal principal"),
    "interest_only": ("先息后本", "Interest only"),
}


def _render_loan(page: _Page, schedule: Any, extra: Mapping[str, Any]) -> str:
    if hasattr(schedule, "provident"):
        return _render_combined(page, schedule, extra)
    t = page.t
    baseline = extra.get("baseline")
    method = getattr(schedule.method, "value", str(schedule.method))
    figures = [
        (t("贷款金额", "Loan amount"), page.money(schedule.loan_amount, compact=True),
         "loan_amount", schedule.loan_amount),
        (t("年利率", "Annual rate"), page.rate(schedule.annual_rate), "annual_rate",
         schedule.annual_rate),
        (t("期限", "Term"), t(f"{schedule.term_months} 个月", f"{schedule.term_months} months"),
         "term_months", schedule.term_months),
        (t("还款方式", "Method"), page.t(*_METHOD_NAMES.get(method, (method, method))), "method", method),
        (t("首期月供", "First payment"), page.money(schedule.first_payment), "first_payment",
         schedule.first_payment),
        (t("总利息", "Total interest"), page.money(schedule.total_interest), "total_interest",
         schedule.total_interest),
        (t("还款总额", "Total paid"), page.money(schedule.total_paid), "total_paid", schedule.total_paid),
    ]
    if baseline is not None:
        figures += [
            (t("节省利息", "Interest saved"), page.money(schedule.interest_saved), "interest_saved",
             schedule.interest_saved),
            (t("实际还款期数", "Months paid"), t(f"{schedule.months} 期", f"{schedule.months}"),
             "months", schedule.months),
        ]
    parts = [page.key_figures(figures), _loan_rate_source(page, extra)]
    if baseline is not None:
        parts.append(_prepayment_table(page, schedule, baseline))
    parts.append(page.figure(schedule, t("剩余本金与每期还款构成", "Balance and each payment's split"),
                             baseline=baseline, source=extra.get("rate_source") or ""))
    rows = [[str(year), page.num(pay), page.num(prin), page.num(intr), page.num(bal)]
            for year, pay, prin, intr, bal in schedule.by_year()]
    year_label = t("年份", "Year") if schedule.start is not None else t("第几年", "Loan year")
    parts.append(f"<h3>{_e(t('逐年还款汇总', 'Repayment by year'))}</h3>")
    parts.append(page.table(
        [(year_label, False), (page.yuan("还款额", "Paid"), True), (page.yuan("本金", "Principal"), True),
         (page.yuan("利息", "Interest"), True), (page.yuan("年末剩余本金", "Balance at year end"), True)],
        rows,
    ))
    return "".join(parts)


def _render_combined(page: _Page, loan: Any, extra: Mapping[str, Any]) -> str:
    """A combined loan: totals, each part with its rate and source, the chart."""
    t = page.t
    prov, comm = loan.provident, loan.commercial
    total = prov.loan_amount + comm.loan_amount
    figures = [
        (t("贷款总额", "Total loan"), page.money(total, compact=True), "loan_amount", total),
        (t("期限", "Term"), t(f"{loan.months} 个月", f"{loan.months} months"), "months", loan.months),
        (t("首期月供", "First payment"), page.money(loan.first_payment), "first_payment", loan.first_payment),
        (t("总利息", "Total interest"), page.money(loan.total_interest), "total_interest", loan.total_interest),
        (t("还款总额", "Total paid"), page.money(loan.total_paid), "total_paid", loan.total_paid),
    ]
    sources = [(t("公积金贷款", "Provident-fund loan"), prov, extra.get("provident") or {}),
               (t("商业贷款", "Commercial loan"), comm, extra)]
    rows = []
    for name, part, meta in sources:
        source = meta.get("rate_source") or t("方案中录入的合同利率", "contract rate entered in the case")
        when = meta.get("rate_as_of")
        rows.append([name, page.num(part.loan_amount), page.rate(part.annual_rate),
                     f"{source} · {when.isoformat() if when else '—'}", page.num(part.first_payment),
                     page.num(part.total_interest), page.num(part.total_paid)])
    parts = [page.key_figures(figures)]
    parts.append(f"<h3>{_e(t('组合贷款构成', 'The two parts'))}</h3>")
    parts.append(page.table(
        [(t("部分", "Part"), False), (page.yuan("金额", "Amount"), True), (t("年利率", "Rate"), True),
         (t("利率来源 · 数据日期", "Rate source · as of"), False), (page.yuan("首期月供", "First payment"), True),
         (page.yuan("总利息", "Total interest"), True), (page.yuan("还款总额", "Total paid"), True)],
        rows,
    ))
    rate_text = " / ".join(f"{name} {page.rate(part.annual_rate)}" for name, part, _ in sources)
    parts.append(page.figure(loan, t("组合贷款：剩余本金与每期还款", "Combined loan: balance and payments"),
                             source=rate_text))
    return "".join(parts)


def _loan_rate_source(page: _Page, extra: Mapping[str, Any]) -> str:
    source = extra.get("rate_source") or page.t("方案中录入的合同利率", "contract rate entered in the case")
    return page.source(source, extra.get("rate_as_of"))


def _prepayment_table(page: _Page, schedule: Any, baseline: Any) -> str:
    t = page.t
    rows = [
        [t("不提前还款", "Without prepayment"), str(baseline.months), page.num(baseline.total_interest),
         page.num(baseline.total_paid)],
        [t("提前还款", "With prepayment"), str(schedule.months), page.num(schedule.total_interest),
         page.num(schedule.total_paid)],
    ]
    return (f"<h3>{_e(t('提前还款对比', 'Prepayment compared'))}</h3>"
            + page.table([(t("方案", "Case"), False), (t("还款期数", "Months"), True),
                          (page.yuan("总利息", "Total interest"), True),
                          (page.yuan("还款总额", "Total paid"), True)],
                         rows))


_KIND_NAMES = {
    "deposit": ("存款", "Deposit"),
    "wealth": ("理财", "Wealth product"),
    "trust": ("信托", "Trust"),
    "fund": ("基金", "Fund"),
    "money_fund": ("货币基金", "Money fund"),
}


_INSURED = {"yes": ("是", "yes"), "partial": ("部分", "partly"), "no": ("否", "no")}


# Notes whose library wording names a command-line option: a handout names the case field instead.
_HANDOUT_NOTES = {
    "zh": {
        "historical": "{as_of} 的历史产品，早于所用利率表，现已不售（在方案中写 as_of: {as_of} 可按当时利率比较）",
        "late_by_days": "{count} 个产品在比较期限后 {most} 天内到账（募集期、到账天数也计入）；"
                        "将方案中的 days 改为 {days} 可让它们与其他各行一起排名",
    },
    "en": {
        "historical": "an offer of {as_of}, before the rate table in use: history, not on sale "
                      "(set as_of: {as_of} in the case to compare it)",
        "late_by_days": "{count} product(s) pay back within {most} days after the horizon (the raise period "
                        "(募集期) and the days to payout (到账) count); set days: {days} in the case to rank "
                        "them with the rest",
    },
}


def _notes_text(page: _Page, items: Any) -> str:
    from ..yields import NOTES_ZH, note_text

    if page.note_templates is not None:
        templates = page.note_templates if page.lang == "zh" else None
    else:
        templates = {**NOTES_ZH, **_HANDOUT_NOTES["zh"]} if page.lang == "zh" else _HANDOUT_NOTES["en"]
    sep = "；" if page.lang == "zh" else "; "
    return sep.join(note_text(code, params, templates) for code, params in items if code)


def _term_text(page: _Page, row: Any) -> str:
    months = getattr(row, "term_months", None)
    if months:
        if months % 12 == 0:
            return page.t(f"{months // 12}年", f"{months // 12} y")
        return page.t(f"{months}个月", f"{months} m")
    if row.term_days:
        return page.t(f"{row.term_days}天", f"{row.term_days} d")
    return page.t("随时", "open")


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
        return (f'<h3>{_e(page.t("数据来源", "Sources"))}</h3>'
                f'<ol class="sources source">{items}</ol>')


def _product_cell(page: _Page, row: Any, sources: _Sources) -> _Html:
    name = page.name(row)
    when = row.as_of.isoformat() if row.as_of else "—"
    return _Html(
        f'{_e(name)}<br><small class="source">{_e(page.t("数据日期", "as of"))} {_e(when)} · '
        f'{_e(page.t("来源", "source"))} [{sources.ref(row.source)}]</small>'
    )


def _kind_risk(page: _Page, row: Any) -> str:
    kind = page.t(*_KIND_NAMES.get(row.kind, (row.kind, row.kind)))
    return f"{kind} R{row.risk}" if row.risk else kind


def _render_comparison(page: _Page, result: Any, extra: Mapping[str, Any]) -> str:
    t = page.t
    table = extra["rate_table"]
    parts = []
    best = result.best
    figures = [
        (t("投资金额", "Amount"), page.money(result.amount, compact=True), "amount", result.amount),
        (t("持有期限", "Horizon"), t(f"{result.days} 天", f"{result.days} days"), "days", result.days),
    ]
    if best is not None:
        name = page.name(best)
        figures += [
            (t("期末净额最高", "Best net amount"), page.money(best.net_amount), "best_net_amount",
             best.net_amount),
            (t("对应产品", "Product"), name, "best_id", best.id),
            (t("净年化收益率", "Net annual rate"), page.rate(best.net_annual_rate), "best_net_annual_rate",
             best.net_annual_rate),
        ]
    parts.append(page.key_figures(figures))
    table_name = page.name(table)
    parts.append(page.source(f"{table_name} ({table.id}) — {table.source}", table.as_of))
    parts.append(page.figure(result, t("到期净收益与风险等级", "Net income at the horizon and risk level"),
                             top=extra.get("top", 12), source=table_name))
    sources = _Sources()
    headers = [
        (t("排名", "Rank"), True), (t("产品", "Product"), False),
        (t("类型 / 风险", "Kind / risk"), False), (t("期限", "Term"), True),
        (t("报价年化", "Quoted rate"), True), (page.yuan("期末净额", "Net amount"), True),
        (t("净年化", "Net annual rate"), True), (t("存款保险", "Insured"), False),
        (t("提示", "Notes"), False),
    ]
    top = extra.get("top", 12)
    shown = result.ranked[:top]
    rows = [
        [str(r.rank), _product_cell(page, r, sources), _kind_risk(page, r), _term_text(page, r),
         page.rate(r.quoted_rate), page.num(r.net_amount), page.rate(r.net_annual_rate),
         t(*_INSURED.get(r.insured, (r.insured, r.insured))), _notes_text(page, r.notes)]
        for r in shown
    ]
    parts.append(f"<h3>{_e(t('排名（按期末净额）', 'Ranked by net amount at the horizon'))}</h3>")
    parts.append(page.table(headers, rows))
    if len(result.ranked) > len(shown):
        rest = len(result.ranked) - len(shown)
        parts.append(f'<p class="note">{_e(t(f"其余 {rest} 项排名靠后，从略。", f"{rest} lower-ranked rows left out."))}</p>')
    if result.unranked:
        parts.append(f"<h3>{_e(t('基金（无承诺收益，不排名）', 'Funds (no promised yield, not ranked)'))}</h3>")
        parts.append(page.table(
            [(t("产品", "Product"), False), (t("类型 / 风险", "Kind / risk"), False),
             (page.yuan("净值不变时期末净额", "Net amount if the NAV is unchanged"), True),
             (t("提示", "Notes"), False)],
            [[_product_cell(page, r, sources), _kind_risk(page, r), page.num(r.net_amount),
              _notes_text(page, r.notes)] for r in result.unranked],
        ))
    if result.ineligible:
        parts.append(f"<h3>{_e(t('不可选', 'Not eligible'))}</h3>")
        parts.append(page.table(
            [(t("产品", "Product"), False), (t("风险", "Risk"), False), (t("原因", "Why not"), False)],
            [[page.name(r), f"R{r.risk}" if r.risk else "—",
              _notes_text(page, [r.reason] if r.reason else [])] for r in result.ineligible],
        ))
    if result.notes:
        parts.append("".join(f'<p class="note">{_e(_notes_text(page, [n]))}</p>' for n in result.notes))
    parts.append(sources.html(page))
    return "".join(parts)


_FREQUENCIES = {"monthly": ("每月", "monthly"), "biweekly": ("每两周", "every two weeks"),
                "weekly": ("每周", "weekly"), "daily": ("每个交易日", "every trading day")}


def _dca_plan_line(page: _Page, plan: Mapping[str, Any]) -> str:
    """The plan as entered: amount, frequency, debit day, fee rate × discount."""
    t = page.t
    fee, discount = plan.get("fee_rate", 0.0), plan.get("discount", 1.0)
    pieces = [
        t(f"每期 {page.money(plan.get('amount', 0.0))}", f"{page.money(plan.get('amount', 0.0))} each time"),
        t(*_FREQUENCIES.get(plan.get("frequency", "monthly"), ("", ""))),
    ]
    if plan.get("day"):
        pieces.append(t(f"扣款日 {plan['day']} 日", f"debit day {plan['day']}"))
    pieces.append(t(f"申购费率 {page.rate(fee)} × 折扣 {discount:g} = {page.rate(fee * discount, 3)}",
                    f"purchase fee {page.rate(fee)} × discount {discount:g} = {page.rate(fee * discount, 3)}"))
    pieces.append(t("费率为方案录入值，以基金公告为准", "fee rates as entered in the case; the fund's notice prevails"))
    return f'<p class="source">{_e(" · ".join(pieces))}</p>'


def _render_dca(page: _Page, backtest: Any, extra: Mapping[str, Any]) -> str:
    t = page.t
    parts = []
    if backtest.synthetic:
        warning = t("模拟数据：以下净值为随机生成的示例序列，并非任何基金的真实历史。",
                    "Synthetic data: the NAV below is a generated example series, not any fund's history.")
        parts.append(f'<p class="synthetic">{_e(warning)}</p>')
    figures = [
        (t("定投期数", "Installments"), str(backtest.installments), "installments", backtest.installments),
        (t("累计投入", "Invested"), page.money(backtest.invested, compact=True), "invested", backtest.invested),
        (t("其中申购费", "of which fees"), page.money(backtest.fees), "fees", backtest.fees),
        (t("持仓市值", "Market value"), page.money(backtest.market_value), "market_value",
         backtest.market_value),
        (t("收益", "Profit"), page.money(backtest.profit), "profit", backtest.profit),
        (t("定投收益率", "Holding return"), page.rate(backtest.holding_return), "holding_return",
         backtest.holding_return),
        (t("年化收益率（XIRR）", "XIRR (a year)"), page.rate(backtest.xirr), "xirr", backtest.xirr),
        (t("最大回撤", "Max drawdown"), page.rate(backtest.max_drawdown), "max_drawdown",
         backtest.max_drawdown),
        (t("平均成本", "Average cost"), f"{backtest.average_cost:.4f}", "average_cost", backtest.average_cost),
    ]
    parts.append(page.key_figures(figures))
    from ..navdata import describe_source

    source = describe_source(backtest.source, page.lang)
    parts.append(
        f'<p class="source">{_e(t("净值来源", "NAV source"))}{page.colon()}{_e(source or "—")} · '
        f'{_e(t("首次扣款", "first debit"))} {_e(backtest.first_date.isoformat())} · '
        f'{_e(t("估值日", "valued on"))} {_e(backtest.value_date.isoformat())}'
        f'{_e(t(f"（单位净值 {backtest.value_nav:.4f}）", f" (NAV {backtest.value_nav:.4f})"))}</p>'
    )
    parts.append(_dca_plan_line(page, extra))
    parts.append(page.figure(backtest, t("净值、平均成本与持仓市值", "NAV, average cost and position value"),
                             nav=extra.get("nav")))
    every = extra.get("every_start")
    if every is not None:
        parts.append(f"<h3>{_e(t('从每一个起点开始定投', 'Starting the plan on every possible date'))}</h3>")
        parts.append(page.table(
            [(t("持有年数", "Years"), True), (t("起点数", "Starts"), True), (t("胜率", "Win rate"), True),
             (t("收益率中位数", "Median return"), True), (t("5%分位", "5th pct"), True),
             (t("95%分位", "95th pct"), True), (t("年化中位数", "Median XIRR"), True),
             (t("最差起点", "Worst start"), False), (t("最差收益率", "Worst return"), True)],
            [[str(p.years), str(p.starts), page.rate(p.win_rate), page.rate(p.median_return),
              page.rate(p.p5_return), page.rate(p.p95_return), page.rate(p.median_xirr),
              p.worst_start.isoformat(), page.rate(p.worst_return)] for p in every.periods],
        ))
        parts.append(page.figure(every, t("每个起点的定投收益率分布", "Holding return from every start date")))
    # the synthetic note is already said above, in large red type
    from ..navdata import note_text

    notes = [note_text(n, page.lang) for n in backtest.notes if getattr(n, "code", None) != "synthetic"]
    if notes:
        parts.append("".join(f'<p class="note">{_e(n)}</p>' for n in notes))
    caution = t("过往业绩不代表未来表现；基金投资有风险，定投不能保证盈利。",
                "Past performance does not guarantee future results; fund investment involves risk "
                "and DCA does not guarantee a profit.")
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
    question = _plan_title(plan)[0 if page.lang == "zh" else 1]
    parts = [f"<h3>{_e(question)}</h3>"]
    figures = [
        (t("存期", "Months"), t(f"{plan.months} 个月", f"{plan.months}"), "months", plan.months),
        (t("本金合计", "Principal"), page.money(plan.principal, compact=True), "principal", plan.principal),
        (t("到期本息", "Value"), page.money(plan.value), "value", plan.value),
        (t("利息", "Interest"), page.money(plan.interest), "interest", plan.interest),
    ]
    if plan.monthly:
        figures.insert(1, (t("每月存入", "Monthly"), page.money(plan.monthly), "monthly", plan.monthly))
    if plan.tax:
        figures.append((t("利息税", "Interest tax"), page.money(plan.tax), "tax", plan.tax))
    parts.append(page.key_figures(figures))
    table_name = page.name(table)
    parts.append(page.source(f"{table_name} ({table.id}) — {table.source}", table.as_of))
    parts.append(page.figure(plan, t("组合存款时间轴", "Plan timeline"),
                             source=f"{table_name} {table.as_of.isoformat() if table.as_of else ''}"))
    dated = plan.start_date is not None
    rows = []
    for leg in plan.legs:
        start = leg.start_date.isoformat() if dated and leg.start_date else \
            t(f"第{leg.start_month}月", f"month {leg.start_month}")
        end = leg.maturity_date.isoformat() if dated and leg.maturity_date else \
            t(f"第{leg.start_month + leg.months}月", f"month {leg.start_month + leg.months}")
        name = leg.name if page.lang == "zh" else leg.name_en
        if leg.monthly:
            name += t(f"（每月 {page.num(leg.monthly)}）", f" ({page.num(leg.monthly)} a month)")
        rows.append([str(leg.pot + 1), name, start, end, str(leg.months), page.num(leg.amount),
                     page.rate(leg.annual_rate), page.num(leg.interest), page.num(leg.tax), page.num(leg.value)])
    parts.append(f"<h3>{_e(t('每笔存款', 'Each deposit'))}</h3>")
    parts.append(page.table(
        [(t("笔", "Pot"), True), (t("存款种类", "Deposit"), False), (t("起存", "From"), True),
         (t("到期", "To"), True), (t("月数", "Months"), True), (page.yuan("本金", "Principal"), True),
         (t("年利率", "Rate"), True), (page.yuan("利息", "Interest"), True), (page.yuan("利息税", "Tax"), True),
         (page.yuan("到期本息", "Value"), True)],
        rows,
    ))
    if plan.alternatives:
        parts.append(f"<h3>{_e(t('对比简单做法', 'Compared with simple choices'))}</h3>")
        # monthly plans: rules §5's answer may pay in another monthly amount or term than the plan
        paid_in = [(t("月数", "Months"), True), (page.yuan("每月存入", "Monthly"), True),
                   (page.yuan("本金", "Paid in"), True)] if plan.monthly else []
        parts.append(page.table(
            [(t("做法", "Choice"), False), *paid_in, (page.yuan("到期本息", "Value"), True),
             (page.yuan("比本方案少", "Less than this plan"), True)],
            [[alt.name if page.lang == "zh" else alt.name_en, *_paid_in(page, plan, alt),
              page.num(alt.value), page.num(alt.shortfall)] for alt in plan.alternatives],
        ))
    from ..deposits import deposit_insurance

    cover = deposit_insurance(plan.value)  # rules §2.10: 500,000 per depositor per bank
    if cover.exposed > 0:
        exposed = page.num(cover.exposed)
        warning = t(f"存款保险：同一银行存款本息合计超过50万元的部分（本方案到期约 {exposed}元）"
                    "不在保障范围内，可考虑分存多家银行。",
                    f"Deposit insurance: at one bank, principal and interest above 500,000 (about {exposed} "
                    "at maturity here) is not covered; consider spreading the money over several banks.")
        parts.append(f'<p class="note">{_e(warning)}</p>')
    return "".join(parts)



_RENDERERS: dict[str, Callable[[_Page, Any, Any], str]] = {
    "comparison": _render_comparison,
    "plan": _render_plan,
    "loan": _render_loan,
    "dca": _render_dca,
}
