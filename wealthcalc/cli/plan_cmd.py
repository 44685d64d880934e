"""``wealthcalc plan <mode>``: combined-deposit design (组合存款设计), the five modes.

Each command prints the plan's totals, the naive choices it beats and one
row per deposit. Rates come from a catalog rate table (``--rate-table ID``,
default: the catalog's default table). Exit 3 when no plan reaches a target.
"""

from __future__ import annotations

from typing import Any, Callable

import click

from ..i18n import message
from ._output import AMOUNT, DATE, Table, emit, plot_option, save_plot, settings, summary_table, words

# the keys of this command's tables, worded by the catalog codes label.plan_<key>
_LABEL_KEYS = ("summary", "mode", "rate_table", "months", "monthly", "target", "keep_available", "start_date",
               "legs", "alternatives", "pot", "product", "start_month", "maturity_date", "choice", "shortfall",
               "tax_rule", "insurance", "iterations")
# the summary row each note of a plan is shown in
_NOTE_ROWS = {"plans.note.insurance": "insurance"}


def _help(option: str) -> str:
    """An option's help: the English, then the Chinese term (catalog code plans.help.<option>)."""
    return f"{message(f'plans.help.{option}', 'en')} {message(f'plans.help.{option}', 'zh')}"


def _labels() -> dict[str, tuple[str, str]]:
    from ..i18n import label

    return {key: (label(f"plan_{key}", "zh"), label(f"plan_{key}", "en")) for key in _LABEL_KEYS}


# ---------------------------------------------------------------- shared options


def _options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--rate-table", "rate_table_id", default=None, metavar="ID",
                     help=_help("rate_table")),
        click.option("--tax", default="0", show_default=True, metavar="RATE|dates",
                     help=_help("tax")),
        click.option("--start", type=DATE, default=None,
                     help=_help("start")),
        click.option("--products", default=None, metavar="LIST",
                     help=_help("products")),
        click.option("--terms", default=None, metavar="LIST",
                     help=_help("terms")),
        click.option("--max-leg", "max_leg_months", type=click.IntRange(min=1), default=None,
                     help=_help("max_leg")),
        click.option("--max-months", type=click.IntRange(1, 1200), default=360, show_default=True,
                     help=_help("max_months")),
    ]
    for option in reversed(options):
        command = option(command)
    return plot_option(command)


def _keep_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--keep", "keep_available", type=AMOUNT, default="0", show_default=True,
                        help=_help("keep"))(command)


def _library_options(rate_table_id: str | None, tax: str, start: Any, products: str | None, terms: str | None,
                     max_leg_months: int | None, max_months: int) -> dict[str, Any]:
    """Keyword options of wealthcalc.plans from the command line (the rules are the library's)."""
    from .. import plans
    from ..errors import InputError

    try:
        tax_rate, by_date = plans.tax_terms(tax, start)
    except InputError as error:
        if error.field == "start_date":
            raise click.UsageError(words("plans.cli_tax_dates_start")) from None
        raise
    return dict(
        rate_table=plans.rate_table_for(rate_table_id, start, catalog=settings().catalog()),
        products=plans.parse_products(products),
        fixed_terms=plans.parse_terms(terms),
        max_leg_months=max_leg_months,
        tax_rate=tax_rate,
        tax_by_date=by_date,
        start_date=start,
        max_months=max_months,
    )


def plan_data(plan: Any, table_id: str) -> dict[str, Any]:
    """The JSON of a plan as the command writes it: the rate table's id and the plan's own JSON."""
    from ..results import jsonable

    return {"rate_table": table_id, **jsonable(plan.to_dict())}


def _show(plan: Any, table_id: str, plot: str | None) -> None:
    """Print the totals, the comparison with the naive choices, and the legs."""
    s = settings()
    lang = s.lang
    table_view = s.output_format == "table"
    pairs: list[tuple[str, Any]] = [("mode", plan.mode_name(lang) if table_view else plan.mode),
                                    ("rate_table", table_id)]
    pairs += [(k, getattr(plan, k)) for k in ("amount", "monthly", "target", "keep_available")
              if getattr(plan, k)]
    pairs += [("months", plan.months), ("principal", plan.principal), ("interest", plan.interest),
              ("tax", plan.tax), ("maturity_value", plan.value)]
    if plan.tax_rate is None:
        pairs.append(("tax_rule", message("plans.tax_by_period", lang)))
    if plan.start_date:
        pairs.append(("start_date", plan.start_date))
    pairs += [(_NOTE_ROWS.get(note.code, "note"), note.text(lang)) for note in plan.notes]
    alternatives = [[a.display_name(lang) if table_view else a.key, a.months or plan.months,
                     a.monthly or plan.monthly, a.principal, a.value, a.shortfall]
                    for a in plan.alternatives]
    legs = [[leg.pot + 1 if table_view else leg.pot,
             leg.display_name(lang) if table_view else leg.product, *row[2:]]
            for leg, row in zip(plan.legs, plan.rows())]
    headers = tuple("maturity_value" if h == "value" else h for h in plan.headers)
    emit(plan_data(plan, table_id), [
        summary_table(pairs, "summary"),
        Table(("choice", "months", "monthly", "principal", "maturity_value", "shortfall"), alternatives,
              "alternatives"),
        Table(headers, legs, "legs"),
    ], _labels())
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
    the monthly modes also show the one-account answer (one 零存整取 account, docs/rules/plans.md#one-account-answer).
    With every product allowed the plan usually beats it; --products
    installment gives exactly the one-account answer.
    Example: wealthcalc plan monthly-required --months 36 --target 5万
    """


@plan.command("max-value")
@click.option("--amount", type=AMOUNT, required=True, help=_help("amount"))
@click.option("--months", type=int, required=True, help=_help("months"))
@_keep_option
@_options
def max_value_cmd(amount, months, keep_available, plot, **options) -> None:
    """Mode 1: amount + months → the plan with the largest value (已知存入金额和存期)."""
    from .. import plans

    kwargs = _library_options(**options)
    result = plans.max_value(amount, months, keep_available=keep_available, **kwargs)
    _show(result, kwargs["rate_table"].id, plot)


@plan.command("shortest")
@click.option("--amount", type=AMOUNT, required=True, help=_help("amount"))
@click.option("--target", type=AMOUNT, required=True, help=_help("target"))
@_keep_option
@_options
def shortest_cmd(amount, target, keep_available, plot, **options) -> None:
    """Mode 2: amount + target → the fewest months (已知存入金额及到期金额)."""
    from .. import plans

    kwargs = _library_options(**options)
    result = plans.shortest_term(amount, target, keep_available=keep_available, **kwargs)
    _show(result, kwargs["rate_table"].id, plot)


@plan.command("monthly-max")
@click.option("--monthly", type=AMOUNT, required=True, help=_help("monthly"))
@click.option("--months", type=int, required=True, help=_help("months"))
@_options
def monthly_max_cmd(monthly, months, plot, **options) -> None:
    """Mode 3: monthly amount + months → the largest value (已知每月存入金额及存期)."""
    from .. import plans

    kwargs = _library_options(**options)
    _show(plans.monthly_max_value(monthly, months, **kwargs), kwargs["rate_table"].id, plot)


@plan.command("monthly-shortest")
@click.option("--monthly", type=AMOUNT, required=True, help=_help("monthly"))
@click.option("--target", type=AMOUNT, required=True, help=_help("target"))
@_options
def monthly_shortest_cmd(monthly, target, plot, **options) -> None:
    """Mode 4: monthly amount + target → the fewest months (已知每月存入金额及到期金额)."""
    from .. import plans

    kwargs = _library_options(**options)
    _show(plans.monthly_shortest_term(monthly, target, **kwargs), kwargs["rate_table"].id, plot)


@plan.command("monthly-required")
@click.option("--months", type=int, required=True, help=_help("months"))
@click.option("--target", type=AMOUNT, required=True, help=_help("target"))
@click.option("--round-to", type=click.Choice(["fen", "yuan"]), default="fen", show_default=True,
              help=_help("round_to"))
@_options
def monthly_required_cmd(months, target, round_to, plot, **options) -> None:
    """Mode 5: months + target → the least monthly amount (已知存期及到期金额)."""
    from .. import plans

    kwargs = _library_options(**options)
    result = plans.monthly_required(months, target, round_to=round_to, **kwargs)
    _show(result, kwargs["rate_table"].id, plot)
