"""``wealthcalc compare`` and ``wealthcalc yield``: products after every fee, side by side.

``compare`` values every eligible product of the catalog and the deposit
alternatives of a rate table over one horizon and ranks them by what the
customer holds at its end; ``yield`` shows one product's income, fee by fee.
"""

from __future__ import annotations

import click

from typing import TYPE_CHECKING, Iterable

from ..catalog import ProductKind, term_code
from ..i18n import message
from ._output import AMOUNT, DATE, RateType, Table, emit, plot_option, save_plot, settings, summary_table

if TYPE_CHECKING:
    from ..results import Note
    from ..yields import Comparison, ComparisonRow

_LABEL_KEYS = (
    "rank", "product", "term", "quoted_rate", "net_amount", "net_income", "net_annual_rate", "effective_annual_rate",
    "insured", "reason", "ranked", "unranked", "ineligible", "notes", "annual_rate", "raise_days", "payout_days",
    "total_days", "gross_income", "subscription_fee", "management_fee", "custody_fee", "sales_service_fee",
    "performance_fee", "purchase_fee", "redemption_fee", "idle_income", "deposit_income", "tax",
)
"""Headers and row labels of these commands, worded by the codes ``label.compare_<key>``."""

_KIND_CHOICES = tuple(k.value for k in ProductKind)


def labels_for(prefix: str, keys: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """``{key: (zh, en)}`` of the message codes ``label.<prefix><key>``, for :func:`emit`."""
    from ..i18n import messages

    table = messages()
    return {key: table[f"label.{prefix}{key}"] for key in keys}


def _labels() -> dict[str, tuple[str, str]]:
    return labels_for("compare_", _LABEL_KEYS)


def _term(row: ComparisonRow, lang: str) -> str:
    if row.term_months:
        months = row.term_months
        if months % 12 == 0:
            return message("yields.term_years", lang, n=months // 12)
        return message("yields.term_months", lang, n=months)
    if row.term_days:
        return message("yields.term_days", lang, n=row.term_days)
    return message("yields.term_open", lang)


def _name(row: ComparisonRow, lang: str) -> str:
    """The name a customer reads: Chinese as sold in zh (the English name is in
    ``products show`` and the json), English in en."""
    return row.name if lang == "zh" else (row.name_en or row.name)


_NOTE_CELLS = 64  # display cells per line of a note in a table (a Chinese character takes two)


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int = _NOTE_CELLS) -> str:
    """Lines of at most ``width`` cells, broken at spaces or after Chinese punctuation
    (never inside a number or a word, nor between an option and its value).

    >>> print(_wrap("第 372 天才到账，比比较期限晚 7 天", 20))
    第 372 天才到账，
    比比较期限晚 7 天
    >>> print(_wrap("compare it with --as-of 2004-12-31", 20))
    compare it with
    --as-of 2004-12-31
    """
    import re

    lines, line = [], ""
    for piece in re.findall(r"(?:--\S+\s+)?[^\s，。；：、]*(?:[，。；：、]|\s+|$)", text):  # "--days 372" stays whole
        if line and _cells((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def _words(items: Iterable[Note | None], lang: str, wrap: bool = False) -> str:
    """The notes in ``lang``; wrapped into lines for a table (``wrap``), whole for csv."""
    text = message("yields.note_sep", lang).join(note.text(lang) for note in items if note is not None)
    return _wrap(text) if wrap else text


def _risk(row: ComparisonRow) -> str:
    return f"R{row.risk}" if row.risk else "—"


def comparison_tables(result: Comparison, lang: str, wrap: bool = False, codes: bool = False) -> list[Table]:
    """The ranked, unranked, ineligible and notes tables of a Comparison, in ``lang``;
    ``wrap`` breaks long notes into lines (for a printed table, not csv); ``codes``
    gives the json's id, kind, term and insured codes instead of words (csv)."""
    def words(items: Iterable[Note | None]) -> str:
        return _words(items, lang, wrap)

    def name(r: ComparisonRow) -> str:
        return r.id if codes else _name(r, lang)

    def kind(r: ComparisonRow) -> str:
        return r.kind if codes else message(f"yields.kind.{r.kind}", lang)

    ranked = Table(
        ("rank", "product", "kind", "risk", "term", "quoted_rate", "net_amount", "net_annual_rate",
         "insured", "note"),
        [[r.rank, name(r), kind(r), _risk(r), term_code(r.term_months, r.term_days) if codes else _term(r, lang), r.quoted_rate,
          r.net_amount, r.net_annual_rate, r.insured if codes else message(f"yields.insured.{r.insured}", lang),
          words(r.notes)]
         for r in result.ranked],
        title="ranked",
    )
    tables = [ranked]
    if result.unranked:
        tables.append(Table(
            ("product", "risk", "net_amount", "net_annual_rate", "note"),
            [[name(r), _risk(r), r.net_amount, r.net_annual_rate, words(r.notes)]
             for r in result.unranked],
            title="unranked",
        ))
    if result.ineligible:
        tables.append(Table(
            ("product", "kind", "risk", "reason"),
            [[name(r), kind(r), _risk(r), words([r.reason])]
             for r in result.ineligible],
            title="ineligible",
        ))
    if result.notes:
        tables.append(Table(("note",), [[words([n])] for n in result.notes], title="notes"))
    return tables


@click.command("compare")
@click.option("--amount", type=AMOUNT, required=True, help="Amount to place, e.g. 10万 or 100,000. 金额")
@click.option("--days", type=click.IntRange(min=1), required=True,
              help="Horizon in days: when you want the money back. 期限（天）")
@click.option("--kind", type=click.Choice(_KIND_CHOICES), multiple=True,
              help="Only these kinds (repeatable): deposit 存款, wealth 理财, trust 信托, fund 基金, "
                   "money_fund 货币基金.")
@click.option("--max-risk", default=None, metavar="R1-R5",
              help="Leave out products riskier than this grade. 最高风险等级")
@click.option("--rate-table", default=None, metavar="ID",
              help="Deposit rate table for the deposit alternatives (default: the one in force on "
                   "--as-of or --start, else the catalog's default). 存款利率表")
@click.option("--as-of", type=DATE, default=None,
              help="Compare as of this date: products dated later are left out, the deposit table "
                   "in force then is used, offers closed before it are historical. 数据截止日期")
@click.option("--start", type=DATE, default=None,
              help="Day the money is placed (default: --as-of, or the rate table's date for deposits "
                   "and each product's own date). 起始日")
@plot_option
def compare(amount, days, kind, max_risk, rate_table, as_of, start, plot):
    """产品比较 Rank products and deposits by what you hold after --days days.

    Each row is valued over the same horizon after every fee, tax and idle
    day: shorter products roll over when they allow it, else the money waits
    in 活期. A product whose money comes back after the horizon (募集期 and
    到账 days count: a 1-year 理财 may need 372 days) is ranked after every
    row that pays back in time; the notes give the --days that ranks it with
    the rest. Funds with no promised yield are listed apart. Offers of an
    earlier era (e.g. the 2004 products) are listed as historical: compare
    them with --as-of 2004-12-31.

    \b
    Example: wealthcalc compare --amount 10万 --days 365
             wealthcalc compare --amount 10万 --days 372 --kind wealth --kind deposit
    """
    from ..yields import compare as run

    s = settings()
    result = run(amount, days, catalog=s.catalog(), kind=list(kind) or None, max_risk=max_risk,
                 rate_table=rate_table, as_of=as_of, start=start)
    emit(result.to_dict(), comparison_tables(result, s.lang, wrap=s.output_format == "table",
                                             codes=s.output_format == "csv"), _labels())
    if plot:
        table = s.catalog().rate_table(result.rate_table)
        save_plot(result, plot, source=f"{s.pick(table.name, table.name_en or table.name)} ({table.effective})")


@click.command("yield")
@click.argument("product_id", metavar="ID")
@click.option("--amount", type=AMOUNT, required=True, help="Amount, e.g. 10万. 金额")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="Days held: needed for open-ended products, picks the term of tiered ones. 天数")
@click.option("--start", type=DATE, default=None, help="Day the money is paid in (default: the product's as_of); inside a 理财 sale window "
                   "(募集期) a later day waits fewer days. 起始日")
@click.option("--annual-return", type=RateType(allow_negative=True), default="0%",
              help="Assumed NAV growth per year for a fund with no promised yield (default 0%). 假设年化收益")
def yield_(product_id, amount, days, start, annual_return):
    """单个产品扣费后收益 One product's income after fees, tax and idle days, fee by fee.

    Example: wealthcalc yield citic-licai-2004 --amount 10万
    """
    from ..yields import product_yield

    s = settings()
    found = product_yield(product_id, amount, days, start, catalog=s.catalog(), annual_return=annual_return)
    product = found.product
    title = s.pick(product.name, product.name_en or product.name)
    emit(found.to_dict(), [summary_table(found.rows(), title=title)], _labels())
