"""``wealthcalc products``: list, show and validate the product catalog; show rate tables."""

from __future__ import annotations

from typing import Any

import click

from ._output import AMOUNT, Table, emit, settings, summary_table

LABELS: dict[str, tuple[str, str]] = {
    "products": ("产品", "Products"),
    "product": ("产品", "Product"),
    "name_en": ("英文名称", "English name"),
    "issuer": ("发行机构", "Issuer"),
    "code": ("代码", "Code"),
    "min_amount": ("起购金额", "Minimum"),
    "max_amount": ("最高金额", "Maximum"),
    "step": ("递增金额", "Step"),
    "terms": ("期限", "Term"),
    "term_days": ("期限(天)", "Term (days)"),
    "term": ("期限", "Term"),
    "deposit_type": ("存款种类", "Deposit type"),
    "rate_table": ("利率表", "Rate table"),
    "rate_kind": ("收益类型", "Rate kind"),
    "rate_net_of_fees": ("已扣费用", "Net of fees"),
    "day_count": ("计息天数/年", "Day count"),
    "raise_days": ("募集期(天)", "Raise days"),
    "payout_days": ("到账(天)", "Payout days"),
    "tax_rate": ("税率", "Tax rate"),
    "rollover": ("自动转存", "Rollover"),
    "bundled_deposit": ("搭配存款", "Bundled deposit"),
    "bundled_deposit_rate": ("搭配存款利率", "Bundled deposit rate"),
    "bundled_deposit.share": ("搭配存款比例", "Bundled deposit share"),
    "sale_period": ("发售期", "Sale period"),
    "notes": ("说明", "Notes"),
    "unconfirmed": ("未经核实", "Unconfirmed"),
    "fees": ("费用", "Fees"),
    "subscription_rate": ("认购费率", "Subscription fee rate"),
    "management_rate": ("管理费率(年)", "Management fee rate (yearly)"),
    "custody_rate": ("托管费率(年)", "Custody fee rate (yearly)"),
    "sales_service_rate": ("销售服务费率(年)", "Sales service fee rate (yearly)"),
    "performance_share_ratio": ("超额业绩报酬比例", "Performance fee share"),
    "performance_hurdle_rate": ("业绩报酬计提基准", "Performance hurdle rate"),
    "channel_discount_ratio": ("渠道折扣(费率乘数)", "Channel discount (rate multiplier)"),
    "fees_assumed": ("费用为假设", "Fees are assumptions"),
    "redemption": ("赎回费", "Redemption fees"),
    "front_end": ("申购费", "Front-end (purchase) fees"),
    "tiers": ("收益档次", "Rate tiers"),
    "min_days": ("持有天数自", "From day"),
    "max_days": ("持有天数至", "To day"),
    "fee_rate": ("费率", "Fee rate"),
    "fixed_fee": ("每笔固定费用", "Fixed fee per order"),
    "confirmed": ("已核实", "Confirmed"),
    "bank": ("银行", "Bank"),
    "effective": ("生效日期", "Effective"),
    "until": ("有效至", "In force until"),
    "rate_tables": ("利率表", "Rate tables"),
    "minimums": ("起存金额", "Minimum deposits"),
    "minimum": ("起存金额", "Minimum"),
    "large_cd_min": ("大额存单起点", "Large CD minimum"),
    "flexible_rule": ("定活两便", "Fixed-or-demand"),
    "ok": ("通过", "OK"),
    "path": ("文件", "File"),
    "count": ("数量", "Count"),
    "column": ("项目", "Column"),
    # rate-path columns (products rates --table lpr | provident_rates | loan_benchmarks)
    "1y": ("1年期LPR", "1-year LPR"),
    "5y": ("5年期以上LPR", "5-year+ LPR"),
    "first_le5y": ("首套 5年以下(含)", "First home ≤5y"),
    "first_gt5y": ("首套 5年以上", "First home >5y"),
    "second_le5y": ("二套 5年以下(含)", "Second home ≤5y"),
    "second_gt5y": ("二套 5年以上", "Second home >5y"),
    "6m": ("6个月以内(含)", "Up to 6 months"),
    "1_3y": ("1至3年(含)", "1-3 years"),
    "3_5y": ("3至5年(含)", "3-5 years"),
    "1_5y": ("1至5年(含)", "1-5 years"),
    "gt5y": ("5年以上", "Over 5 years"),
    "provident_le5y": ("公积金 5年以下(含)", "Provident ≤5y"),
    "provident_gt5y": ("公积金 5年以上", "Provident >5y"),
}

_KIND_LABELS = {
    "deposit": ("存款", "deposit"),
    "wealth": ("理财", "wealth product"),
    "trust": ("信托", "trust"),
    "fund": ("基金", "fund"),
    "money_fund": ("货币基金", "money-market fund"),
}
_RATE_KIND_LABELS = {
    "guaranteed": ("保证收益/存款利率", "guaranteed"),
    "expected": ("预期/业绩比较基准", "expected"),
    "benchmark": ("基准利率", "benchmark"),
    "seven_day_yield": ("七日年化", "7-day yield"),
}
_SECTION_LABELS = {
    "demand": ("活期", "demand"),
    "fixed": ("整存整取", "lump-sum fixed"),
    "installment": ("零存整取", "installment savings"),
    "lump_withdrawal": ("整存零取", "lump-sum, installment withdrawals"),
    "interest_payout": ("存本取息", "keep principal, draw interest"),
    "flexible": ("定活两便", "fixed-or-demand"),
    "notice": ("通知存款", "notice deposit"),
    "large_cd": ("大额存单", "large CD"),
}
_PATHS = ("lpr", "provident_rates", "loan_benchmarks")


def _pick(pair: tuple[str, str]) -> str:
    return settings().pick(*pair)


def _term_text(months: int | None, section: str = "fixed") -> str:
    if months is None:
        return "—"
    s = settings()
    if section == "notice":
        return s.pick(f"{months}天", f"{months}-day")
    if months % 12 == 0:
        years = months // 12
        return s.pick(f"{years}年", f"{years} year" + ("s" if years > 1 else ""))
    return s.pick(f"{months}个月", f"{months} month" + ("s" if months > 1 else ""))


def _terms_text(product) -> str:
    s = settings()
    if product.open_ended:
        return s.pick("活期/开放式", "open-ended")
    if product.term_months is not None and not product.tiers:
        return _term_text(product.term_months)
    return "/".join(str(d) for d in product.terms) + s.pick("天", " days")


def _terms_code(product) -> str:
    """Terms for csv: 3m, 182d/365d, open."""
    if product.open_ended:
        return "open"
    if product.term_months is not None and not product.tiers:
        return f"{product.term_months}m"
    return "/".join(f"{d}d" for d in product.terms)


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
    return rate_kind.value if code else _pick(_RATE_KIND_LABELS[rate_kind.value])


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
              type=click.Choice(["deposit", "wealth", "trust", "fund", "money_fund"]),
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
    found = s.catalog().filter(max_risk=max_risk, amount=amount, term_days=term_days)
    if kinds:
        found = tuple(p for p in found if p.kind.value in kinds)
    headers = ("id", "name", "kind", "risk", "annual_rate", "rate_kind", "terms", "min_amount", "as_of")
    codes = s.output_format == "csv"  # codes, as in the json, whatever the language
    rows = [
        [p.id, p.name if s.lang == "zh" else (p.name_en or p.name),
         p.kind.value if codes else _pick(_KIND_LABELS[p.kind.value]), _risk_text(p.risk), p.rate,
         _rate_kind_text(p.rate_kind, codes), _terms_code(p) if codes else _terms_text(p), p.min_amount,
         p.as_of]
        for p in found
    ]
    data = {"count": len(found), "products": [p.to_dict() for p in found]}
    emit(data, [Table(headers, rows, title="products")], LABELS)


@products.command("show")
@click.argument("product_id")
def show(product_id: str) -> None:
    """Everything about one product (产品详情): rate, fees, tiers, source."""
    s = settings()
    p = s.catalog().get(product_id)
    yes_no = {True: s.pick("是", "yes"), False: s.pick("否", "no")}
    bundled = None
    if p.bundled_deposit is not None:
        b = p.bundled_deposit
        bundled = s.pick(
            f"{b.share:.2%} 存入{_pick(_SECTION_LABELS[b.deposit_type])} {_term_text(b.term_months)}（{b.rate_table}）",
            f"{b.share:.2%} of the outlay in a {_term_text(b.term_months)} "
            f"{_pick(_SECTION_LABELS[b.deposit_type])} deposit ({b.rate_table})",
        )
    sale = None
    if p.sale_start or p.sale_end:
        sale = f"{p.sale_start or '…'} – {p.sale_end or '…'}"
    pairs: list[tuple[str, Any]] = [
        ("id", p.id),
        ("name", p.name),
        ("name_en", p.name_en),
        ("kind", _pick(_KIND_LABELS[p.kind.value])),
        ("issuer", p.issuer),
        ("code", p.code),
        ("risk", _risk_text(p.risk)),
        ("min_amount", p.min_amount),
        ("max_amount", p.max_amount),
        ("step", p.step),
        ("terms", _terms_text(p)),
        ("deposit_type", None if p.deposit_type is None else _pick(_SECTION_LABELS[p.deposit_type])),
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
        ("unconfirmed", s.pick("、", ", ").join(s.label(key, LABELS) for key in p.unconfirmed) or None),
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
    emit(p.to_dict(), tables, LABELS)


@products.command("validate")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def validate(path: str | None) -> None:
    """Check a catalog file (校验目录): every problem is listed, one per line; exit 2 if any.

    PATH defaults to --catalog / WEALTHCALC_CATALOG, else the bundled products.yaml.
    """
    from ..catalog import load

    s = settings()
    chosen = path or s.catalog_path
    catalog = load(chosen)
    data = {
        "ok": True,
        "path": catalog.path,
        "products": len(catalog.products),
        "rate_tables": len(catalog.rate_tables),
        "provident_policies": len(catalog.provident_policies),
    }
    if s.output_format == "json":
        emit(data, [])
    elif s.output_format == "csv":
        emit(data, [summary_table(data.items())])
    else:
        click.echo(s.pick(f"通过：{len(catalog.products)} 个产品，{len(catalog.rate_tables)} 张利率表（{catalog.path}）",
                          f"OK: {len(catalog.products)} products, {len(catalog.rate_tables)} rate tables "
                          f"({catalog.path})"))


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
    rows = []
    for section, term, rate in table.lines():
        rows.append([
            _pick(_SECTION_LABELS[section]), _term_text(term, section) if term is not None else "—",
            rate, table.is_confirmed(section, term) and table.is_confirmed(section),
            table.minimums.get(section),
        ])
    rows.insert(
        1 + len(table.fixed),
        [_pick(_SECTION_LABELS["flexible"]), s.pick("按存期", "by days held"), None, True,
         table.minimums.get("flexible")],
    )
    head = summary_table(
        [("id", table.id), ("name", table.name if s.lang == "zh" else (table.name_en or table.name)),
         ("bank", table.bank), ("effective", table.effective),
         *([("until", table.until)] if table.until else []), ("as_of", table.as_of),
         ("large_cd_min", table.large_cd_min),
         ("flexible_rule", s.pick("存期<3个月按活期；满3个月、6个月、1年分别按相应整存整取利率的60%",
                                  "under 3 months: demand rate; from 3 months, 6 months, 1 year: 60% of that "
                                  "term's fixed rate")),
         ("source", _wrap(table.source)), ("notes", _wrap(table.notes))],
        title="rate_tables",
    )
    body = Table(("deposit_type", "term", "annual_rate", "confirmed", "minimum"), rows)
    emit(table.to_dict(), [head, body], LABELS)


def _show_path(path) -> None:
    headers = ("effective",) + tuple(f"{c}_rate" for c in path.columns) + ("confirmed", "note")
    rows = [[r.effective, *[r.rates.get(c) for c in path.columns], r.confirmed, r.note or None] for r in path.rows]
    labels = dict(LABELS)
    labels.update({f"{c}_rate": LABELS.get(c, (c, c)) for c in path.columns})
    emit(path.to_dict(), [Table(headers, rows, title=settings().pick(path.name, path.name_en or path.name))], labels)
