"""``wealthcalc products``: list, show and validate the product catalog; show rate tables."""

from __future__ import annotations

from typing import Any

import click

from ..catalog import Product, ProductKind, RatePath, term_code
from ..i18n import message
from ._output import AMOUNT, Table, emit, settings, summary_table
from .compare_cmd import labels_for

_LABEL_KEYS = (
    "products", "product", "name_en", "issuer", "code", "min_amount", "max_amount", "step", "terms",
    "term_days", "term", "deposit_type", "rate_table", "rate_kind", "rate_net_of_fees", "day_count",
    "raise_days", "payout_days", "tax_rate", "rollover", "bundled_deposit", "bundled_deposit_rate",
    "bundled_deposit.share", "sale_period", "notes", "unconfirmed", "fees", "subscription_rate",
    "management_rate", "custody_rate", "sales_service_rate", "performance_share_ratio",
    "performance_hurdle_rate", "channel_discount_ratio", "fees_assumed", "redemption", "front_end", "tiers",
    "min_days", "max_days", "fee_rate", "fixed_fee", "confirmed", "bank", "effective", "until", "rate_tables",
    "minimums", "minimum", "large_cd_min", "flexible_rule", "ok", "path", "count", "column", "1y", "5y",
    "first_le5y", "first_gt5y", "second_le5y", "second_gt5y", "6m", "1_3y", "3_5y", "1_5y", "gt5y",
    "provident_le5y", "provident_gt5y",
)
"""Headers and row labels of ``wealthcalc products``, worded by the codes ``label.products_<key>``."""


def _labels() -> dict[str, tuple[str, str]]:
    return labels_for("products_", _LABEL_KEYS)


def _word(code: str, **params: Any) -> str:
    """A message-catalog entry in the chosen language."""
    return message(code, settings().lang, **params)


_PATHS = ("lpr", "provident_rates", "loan_benchmarks")


def _term_text(months: int | None, section: str = "fixed") -> str:
    if months is None:
        return "—"
    if section == "notice":
        return _word("catalog.term_notice", n=months)
    if months % 12 == 0:
        years = months // 12
        return _word("catalog.term_years_plural" if years > 1 else "catalog.term_years", n=years)
    return _word("catalog.term_months_plural" if months > 1 else "catalog.term_months", n=months)


def _terms_text(product: Product) -> str:
    if product.open_ended:
        return _word("catalog.open_ended")
    if product.term_months is not None and not product.tiers:
        return _term_text(product.term_months)
    return "/".join(str(d) for d in product.terms) + _word("catalog.days_suffix")


def _terms_code(product: Product) -> str:
    """Terms for csv: 3m, 182d/365d, open."""
    if product.open_ended:
        return "open"
    if product.term_months is not None and not product.tiers:
        return term_code(product.term_months, None)
    return "/".join(term_code(None, d) for d in product.terms)


def _wrap(text: str | None, width: int = 72) -> str | None:
    """Long notes wrapped for a table; left whole for json and csv."""
    import textwrap

    if not text or settings().output_format != "table":
        return text
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False))  # ids and dates stay whole


def _rate_kind_text(rate_kind: Any, code: bool = False) -> str | None:
    """The rate kind in words, or its code (csv)."""
    if rate_kind is None:
        return None
    return rate_kind.value if code else _word(f"catalog.rate_kind_name.{rate_kind.value}")


def _risk_text(risk: int) -> str:
    return f"R{risk}"


@click.group("products")
def products() -> None:
    """产品目录 Product catalog: list, show, validate; deposit rate tables.

    The catalog is the bundled products.yaml unless --catalog PATH (or
    WEALTHCALC_CATALOG) names another file.
    """


@products.command("list")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice([k.value for k in ProductKind]),
              help="Only these kinds (repeatable): deposit 存款, wealth 理财, trust 信托, fund 基金, "
                   "money_fund 货币基金. 产品类型")
@click.option("--max-risk", type=click.Choice(["R1", "R2", "R3", "R4", "R5", "1", "2", "3", "4", "5"],
                                              case_sensitive=False),
              help="Highest risk grade to list, R1–R5. 最高风险等级")
@click.option("--amount", type=AMOUNT, help="Only products this amount can buy (min, max, step). 金额")
@click.option("--term-days", type=click.IntRange(min=1),
              help="Only products with a term of at most this many days (open-ended always). 期限")
def list_products(kinds: tuple[str, ...], max_risk: str | None, amount: float | None,
                  term_days: int | None) -> None:
    """List products (产品列表), optionally filtered."""
    s = settings()
    found = s.catalog().filter(kind=kinds or None, max_risk=max_risk, amount=amount, term_days=term_days)
    headers = ("id", "name", "kind", "risk", "annual_rate", "rate_kind", "terms", "min_amount", "as_of")
    codes = s.output_format == "csv"  # codes, as in the json, whatever the language
    rows = [
        [p.id, p.name if s.lang == "zh" else (p.name_en or p.name),
         p.kind.value if codes else _word(f"catalog.kind_name.{p.kind.value}"), _risk_text(p.risk), p.rate,
         _rate_kind_text(p.rate_kind, codes), _terms_code(p) if codes else _terms_text(p), p.min_amount,
         p.as_of]
        for p in found
    ]
    data = {"count": len(found), "products": [p.to_dict() for p in found]}
    emit(data, [Table(headers, rows, title="products")], _labels())


@products.command("show")
@click.argument("product_id")
def show(product_id: str) -> None:
    """Everything about one product (产品详情): rate, fees, tiers, source."""
    s = settings()
    p = s.catalog().get(product_id)
    yes_no = {True: s.label("yes"), False: s.label("no")}
    bundled = None
    if p.bundled_deposit is not None:
        b = p.bundled_deposit
        bundled = _word("catalog.bundled_text", share=f"{b.share:.2%}", term=_term_text(b.term_months),
                        section=_word(f"catalog.section.{b.deposit_type}"), table=b.rate_table)
    sale = None
    if p.sale_start or p.sale_end:
        sale = f"{p.sale_start or '…'} – {p.sale_end or '…'}"
    pairs: list[tuple[str, Any]] = [
        ("id", p.id),
        ("name", p.name),
        ("name_en", p.name_en),
        ("kind", _word(f"catalog.kind_name.{p.kind.value}")),
        ("issuer", p.issuer),
        ("code", p.code),
        ("risk", _risk_text(p.risk)),
        ("min_amount", p.min_amount),
        ("max_amount", p.max_amount),
        ("step", p.step),
        ("terms", _terms_text(p)),
        ("deposit_type", None if p.deposit_type is None else _word(f"catalog.section.{p.deposit_type}")),
        ("rate_table", p.rate_table),
        ("annual_rate", p.rate),
        ("rate_kind", _rate_kind_text(p.rate_kind)),
        ("rate_net_of_fees", yes_no[p.rate_net_of_fees]),
        ("day_count", str(p.day_count)),
        ("raise_days", p.raise_days),
        ("payout_days", p.payout_days),
        ("tax_rate", p.tax_rate),
        ("rollover", yes_no[p.rollover]),
        ("bundled_deposit", bundled),
        ("bundled_deposit_rate", None if p.bundled_deposit is None else p.bundled_deposit.rate),
        ("sale_period", sale),
        ("as_of", p.as_of),
        ("source", _wrap(p.source)),
        ("notes", _wrap(p.notes)),
        ("unconfirmed", _word("catalog.list_sep").join(s.label(key, _labels()) for key in p.unconfirmed) or None),
    ]
    tables = [summary_table(pairs, title="product")]
    f = p.fees
    fee_pairs = [
        ("subscription_rate", f.subscription),
        ("management_rate", f.management),
        ("custody_rate", f.custody),
        ("sales_service_rate", f.sales_service),
        ("performance_share_ratio", f.performance_share),
        ("performance_hurdle_rate", f.performance_hurdle),
        ("channel_discount_ratio", f.channel_discount),
        ("fees_assumed", yes_no[f.assumed]),
    ]
    tables.append(summary_table(fee_pairs, title="fees"))
    if f.front_end:
        tables.append(Table(("min_amount", "max_amount", "fee_rate", "fixed_fee"),
                            [[t.min_amount, t.max_amount, t.rate, t.fixed_fee] for t in f.front_end],
                            title="front_end"))
    if f.redemption:
        tables.append(Table(("min_days", "max_days", "fee_rate"),
                            [[t.min_days, t.max_days, t.rate] for t in f.redemption], title="redemption"))
    if p.tiers:
        tables.append(Table(("term_days", "min_amount", "max_amount", "annual_rate"),
                            [[t.term_days, t.min_amount, t.max_amount, t.rate] for t in p.tiers], title="tiers"))
    emit(p.to_dict(), tables, _labels())


@products.command("validate")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def validate(path: str | None) -> None:
    """Check a catalog file (校验目录): every problem is listed, one per line; exit 2 if any.

    PATH defaults to --catalog / WEALTHCALC_CATALOG, else the bundled products.yaml.
    """
    from ..catalog import load

    s = settings()
    catalog = load(path or s.catalog_path)
    data = catalog.summary()
    if s.output_format == "json":
        emit(data, [])
    elif s.output_format == "csv":
        emit(data, [summary_table(data.items())])
    else:
        click.echo(_word("catalog.validate_ok", **data))


@products.command("rates")
@click.option("--table", "table_id", default=None,
              help="Rate table id (default: the catalog's default table); also lpr, provident_rates, "
                   "loan_benchmarks for the loan rate paths. 利率表")
def rates(table_id: str | None) -> None:
    """Show a deposit rate table (存款利率表) or a loan rate path."""
    s = settings()
    catalog = s.catalog()
    if table_id in _PATHS:
        _show_path(getattr(catalog, table_id))
        return
    table = catalog.rate_table(table_id)
    rows = [
        [_word(f"catalog.section.{line.section}"),
         _word("catalog.by_days_held") if line.section == "flexible"
         else (_term_text(line.term, line.section) if line.term is not None else "—"),
         line.rate, line.confirmed, line.minimum]
        for line in table.listing()
    ]
    head = summary_table(
        [("id", table.id), ("name", table.name if s.lang == "zh" else (table.name_en or table.name)),
         ("bank", table.bank), ("effective", table.effective),
         *([("until", table.until)] if table.until else []), ("as_of", table.as_of),
         ("large_cd_min", table.large_cd_min),
         ("flexible_rule", _word("catalog.flexible_rule")),
         ("source", _wrap(table.source)), ("notes", _wrap(table.notes))],
        title="rate_tables",
    )
    body = Table(("deposit_type", "term", "annual_rate", "confirmed", "minimum"), rows)
    emit(table.to_dict(), [head, body], _labels())


def _show_path(path: RatePath) -> None:
    headers = ("effective",) + tuple(f"{c}_rate" for c in path.columns) + ("confirmed", "note")
    rows = [[r.effective, *[r.rates.get(c) for c in path.columns], r.confirmed, r.note or None] for r in path.rows]
    labels = _labels()
    labels.update({f"{c}_rate": labels.get(c, (c, c)) for c in path.columns})
    emit(path.to_dict(), [Table(headers, rows, title=settings().pick(path.name, path.name_en or path.name))], labels)
