"""``wealthcalc plan <mode>``: combined-deposit design (组合存款设计), the five modes.

Each command prints the plan's totals, the naive choices it beats and one
row per deposit. Rates come from a catalog rate table (``--rate-table ID``,
default: the catalog's default table). Exit 3 when no plan reaches a target.
"""

from __future__ import annotations

from typing import Any, Callable

import click

from ._output import AMOUNT, DATE, Table, bilingual, emit, plot_option, save_plot, settings, summary_table

LABELS = {
    "summary": ("组合存款方案", "Combined-deposit plan"),
    "mode": ("设计方式", "Mode"),
    "rate_table": ("利率表", "Rate table"),
    "months": ("存期（月）", "Months"),
    "monthly": ("每月存入", "Monthly"),
    "target": ("目标金额", "Target"),
    "keep_available": ("保留活期", "Kept available"),
    "start_date": ("起存日", "Start date"),
    "legs": ("存款明细", "Deposits"),
    "alternatives": ("与简单做法比较", "Against the naive choices"),
    "pot": ("资金组", "Pot"),
    "product": ("储种", "Product"),
    "start_month": ("起存月", "Start month"),
    "maturity_date": ("到期日", "Maturity date"),
    "choice": ("做法", "Choice"),
    "shortfall": ("少得", "Less than the plan"),
    "tax_rule": ("利息税", "Interest tax"),
    "note": ("说明", "Note"),
    "insurance": ("存款保险", "Deposit insurance"),
    "iterations": ("规划次数", "Programs solved"),
}

MODE_NAMES = {
    "max_value": ("已知金额和存期：最大本息", "amount + term: largest value"),
    "shortest_term": ("已知金额和到期金额：最短存期", "amount + target: shortest term"),
    "monthly_max_value": ("已知每月存入和存期：最大本息", "monthly + term: largest value"),
    "monthly_shortest_term": ("已知每月存入和到期金额：最短存期", "monthly + target: shortest term"),
    "monthly_required": ("已知存期和到期金额：每月存入", "term + target: monthly amount"),
}


# ---------------------------------------------------------------- shared options


def _options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--rate-table", "rate_table_id", default=None, metavar="ID",
                     help="Catalog rate table (default: the table in force on --start, else the "
                     "catalog's default table). 利率表"),
        click.option("--tax", default="0", show_default=True, metavar="RATE|dates",
                     help="Interest tax: a flat rate such as 20%, or 'dates' to tax by the periods "
                     "of rules §4 from --start. 利息税"),
        click.option("--start", type=DATE, default=None,
                     help="Date of month 0, YYYY-MM-DD: legs get maturity dates. 起存日"),
        click.option("--products", default=None, metavar="LIST",
                     help="Products the plan may use, comma-separated: fixed (整存整取), large_cd "
                     "(大额存单), installment (零存整取), interest_payout (存本取息→零存整取), "
                     "notice (通知存款), demand (活期). Default: all. 储种"),
        click.option("--terms", default=None, metavar="LIST",
                     help="整存整取 terms allowed, months, comma-separated (default: all). 定期存期"),
        click.option("--max-leg", "max_leg_months", type=click.IntRange(min=1), default=None,
                     help="Longest single deposit, months. 单笔最长存期"),
        click.option("--max-months", type=click.IntRange(1, 1200), default=360, show_default=True,
                     help="Longest horizon considered, months. 最长期限"),
    ]
    for option in reversed(options):
        command = option(command)
    return plot_option(command)


def _keep_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--keep", "keep_available", type=AMOUNT, default="0", show_default=True,
                        help="Yuan kept in 活期, available at any time. 保留活期金额")(command)


def _library_options(rate_table_id, tax, start, products, terms, max_leg_months, max_months):
    """Keyword options of wealthcalc.plans from the command line."""
    from ..errors import InputError
    from ..money import parse_rate

    text = str(tax).strip().lower()
    by_date = text == "dates"
    if by_date and start is None:
        raise click.UsageError(bilingual("--tax dates needs --start (the date of month 0)",
                                         "--tax dates（按日期计税）需要用 --start 给出起存日"))
    if terms is not None:
        try:
            terms = [int(t) for t in terms.split(",") if t.strip()]
        except ValueError:
            raise InputError("terms", terms, "whole months separated by commas, e.g. 12,36,60",
                             hint_zh="存期写整数月数，用逗号分隔，例如 12,36,60") from None
    catalog = settings().catalog()
    if rate_table_id is None and start is not None:
        from ..yields import rate_table_on

        table = rate_table_on(catalog, start)
        if table is None:
            raise InputError("start", start.isoformat(), "no rate table of the catalog was in force that day: "
                                                         "give --rate-table ID",
                             hint_zh="产品目录里没有那天执行的利率表：请用 --rate-table 指定利率表编号")
    else:
        table = catalog.rate_table(rate_table_id)
    return dict(
        rate_table=table,
        products=None if products is None else [p.strip() for p in products.split(",") if p.strip()],
        fixed_terms=terms,
        max_leg_months=max_leg_months,
        tax_rate=0.0 if by_date else parse_rate(tax, field="tax"),
        tax_by_date=by_date,
        start_date=start,
        max_months=max_months,
    )


def _show(plan: Any, table_id: str, plot: str | None) -> None:
    """Print the totals, the comparison with the naive choices, and the legs."""
    s = settings()
    table_view = s.output_format == "table"
    zh, en = MODE_NAMES[plan.mode]
    pairs = [("mode", s.pick(zh, en) if table_view else plan.mode), ("rate_table", table_id)]
    pairs += [(k, getattr(plan, k)) for k in ("amount", "monthly", "target", "keep_available")
              if getattr(plan, k)]
    pairs += [("months", plan.months), ("principal", plan.principal), ("interest", plan.interest),
              ("tax", plan.tax), ("maturity_value", plan.value)]
    if plan.tax_rate is None:
        pairs.append(("tax_rule", s.pick("按计息期间（规则§4）", "by period (rules §4)")))
    if plan.start_date:
        pairs.append(("start_date", plan.start_date))
    rule = next((a for a in plan.alternatives if a.key == "installment_rule"), None)
    if rule is not None and (rule.shortfall > 0 or (rule.months or 0) > plan.months
                             or (rule.monthly or 0) > (plan.monthly or 0)):
        pairs.append(("note", s.pick(
            "规则§5只用一个零存整取；本方案组合其他储种，结果更好。要规则§5的答案，加 --products installment",
            "rules §5 uses one installment account (零存整取) only; this plan combines other products "
            "and does better. For the §5 answer, add --products installment")))
    from ..deposits import deposit_insurance

    exposed = deposit_insurance(plan.value).exposed  # rules §2.10: 500,000 per depositor per bank
    if exposed > 0:
        pairs.append(("insurance", s.pick(
            f"到期本息超出存款保险 50 万元保障 {exposed:,.2f}（同一银行）：可分存几家银行",
            f"{exposed:,.2f} above the 500,000 deposit insurance cover at one bank: "
            "spread the deposits over several banks")))
    alternatives = [[s.pick(a.name, a.name_en) if table_view else a.key, a.months or plan.months,
                     a.monthly or plan.monthly, a.principal, a.value, a.shortfall]
                    for a in plan.alternatives]
    legs = [[leg.pot + 1 if table_view else leg.pot,
             s.pick(leg.name, leg.name_en) if table_view else leg.product, *row[2:]]
            for leg, row in zip(plan.legs, plan.rows())]
    headers = tuple("maturity_value" if h == "value" else h for h in plan.headers)
    emit({"rate_table": table_id, **plan.to_dict(), "insurance_exposed": exposed}, [
        summary_table(pairs, "summary"),
        Table(("choice", "months", "monthly", "principal", "maturity_value", "shortfall"), alternatives,
              "alternatives"),
        Table(headers, legs, "legs"),
    ], LABELS)
    save_plot(plan, plot)


# ---------------------------------------------------------------- commands


@click.group("plan")
def plan() -> None:
    """Combined-deposit design (组合存款设计): five modes, each optimal and explained.

    \b
    max-value         amount + months  → the largest value  (最大本息)
    shortest          amount + target  → the fewest months  (最短存期)
    monthly-max       monthly + months → the largest value
    monthly-shortest  monthly + target → the fewest months
    monthly-required  months + target  → the least monthly amount (每月存入)

    Each plan lists its deposits and compares itself with the naive choices;
    the monthly modes also show the answer of rules §5 (one 零存整取 account).
    With every product allowed the plan usually beats it; --products
    installment gives exactly the §5 answer.
    Example: wealthcalc plan monthly-required --months 36 --target 5万
    """


@plan.command("max-value")
@click.option("--amount", type=AMOUNT, required=True, help="Yuan deposited at month 0. 存入金额")
@click.option("--months", type=int, required=True, help="Horizon in whole months. 存期（月）")
@_keep_option
@_options
def max_value_cmd(amount, months, keep_available, plot, **options) -> None:
    """Mode 1: amount + months → the plan with the largest value (已知存入金额和存期)."""
    from .. import plans

    kwargs = _library_options(**options)
    result = plans.max_value(amount, months, keep_available=keep_available, **kwargs)
    _show(result, kwargs["rate_table"].id, plot)


@plan.command("shortest")
@click.option("--amount", type=AMOUNT, required=True, help="Yuan deposited at month 0. 存入金额")
@click.option("--target", type=AMOUNT, required=True, help="Yuan to reach. 到期金额")
@_keep_option
@_options
def shortest_cmd(amount, target, keep_available, plot, **options) -> None:
    """Mode 2: amount + target → the fewest months (已知存入金额及到期金额)."""
    from .. import plans

    kwargs = _library_options(**options)
    result = plans.shortest_term(amount, target, keep_available=keep_available, **kwargs)
    _show(result, kwargs["rate_table"].id, plot)


@plan.command("monthly-max")
@click.option("--monthly", type=AMOUNT, required=True, help="Yuan paid in each month. 每月存入")
@click.option("--months", type=int, required=True, help="Horizon in whole months. 存期（月）")
@_options
def monthly_max_cmd(monthly, months, plot, **options) -> None:
    """Mode 3: monthly amount + months → the largest value (已知每月存入金额及存期)."""
    from .. import plans

    kwargs = _library_options(**options)
    _show(plans.monthly_max_value(monthly, months, **kwargs), kwargs["rate_table"].id, plot)


@plan.command("monthly-shortest")
@click.option("--monthly", type=AMOUNT, required=True, help="Yuan paid in each month. 每月存入")
@click.option("--target", type=AMOUNT, required=True, help="Yuan to reach. 到期金额")
@_options
def monthly_shortest_cmd(monthly, target, plot, **options) -> None:
    """Mode 4: monthly amount + target → the fewest months (已知每月存入金额及到期金额)."""
    from .. import plans

    kwargs = _library_options(**options)
    _show(plans.monthly_shortest_term(monthly, target, **kwargs), kwargs["rate_table"].id, plot)


@plan.command("monthly-required")
@click.option("--months", type=int, required=True, help="Horizon in whole months. 存期（月）")
@click.option("--target", type=AMOUNT, required=True, help="Yuan to reach. 到期金额")
@click.option("--round-to", type=click.Choice(["fen", "yuan"]), default="fen", show_default=True,
              help="Round the monthly amount up to the fen or the yuan. 取整")
@_options
def monthly_required_cmd(months, target, round_to, plot, **options) -> None:
    """Mode 5: months + target → the least monthly amount (已知存期及到期金额)."""
    from .. import plans

    kwargs = _library_options(**options)
    result = plans.monthly_required(months, target, round_to=round_to, **kwargs)
    _show(result, kwargs["rate_table"].id, plot)
