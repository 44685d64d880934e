"""``wealthcalc deposit <type>``: interest, tax and cash flows of one savings deposit.

Rates come from ``--rate`` or from a rate table of the catalog (``--rate-table
ID``, default: the table in force on ``--start``, else the catalog's default table), picked by
deposit type and term.
When the table is used, its minimum deposit for the type is enforced.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable

import click

from ..errors import InputError
from ._output import AMOUNT, DATE, RATE, Table, bilingual, emit, settings, summary_table

LABELS = {
    "kind": ("存款种类", "Deposit type"),
    "rate_table": ("利率表", "Rate table"),
    "start_date": ("起始日", "Start date"),
    "end_date": ("截止日", "End date"),
    "day": ("第几天", "Day"),
    "flow": ("现金流", "Flow"),
    "part": ("计息段", "Part"),
    "base": ("计息本金", "Base"),
    "cash_flows": ("现金流（存入为负，收回为正）", "Cash flows (paid in negative, received positive)"),
    "interest_parts": ("利息明细", "Interest detail"),
    "summary": ("存款计算", "Deposit"),
    "withdrawn_value": ("支取本息", "Amount withdrawn"),
    "total": ("存款本息合计", "Principal + interest"),
    "covered": ("存款保险保障", "Covered"),
    "exposed": ("超出保障部分", "Exposed"),
    "limit": ("保障上限", "Limit"),
    "insurance": ("存款保险（每人每家银行）", "Deposit insurance (per depositor per bank)"),
    "start": ("起", "From"),
    "end": ("止", "To"),
}

KIND_NAMES = {
    "demand": ("活期", "Demand deposit"),
    "fixed": ("整存整取", "Lump-sum fixed deposit"),
    "installment": ("零存整取", "Installment savings"),
    "lump_withdrawal": ("整存零取", "Lump sum, installment withdrawals"),
    "interest_payout": ("存本取息", "Keep principal, draw interest"),
    "flexible": ("定活两便", "Fixed-or-demand"),
    "notice": ("个人通知存款", "Notice deposit"),
    "large_cd": ("大额存单", "Large CD"),
}

FLOW_NAMES = {
    "deposit": ("存入", "deposit"),
    "installment": ("按月存入", "installment"),
    "maturity": ("到期支取", "maturity"),
    "withdrawal": ("支取", "withdrawal"),
    "partial withdrawal": ("部分提前支取", "partial withdrawal"),
    "principal": ("支取本金", "principal"),
    "interest": ("付息", "interest"),
    "closing balance": ("销户支取", "closing balance"),
    "term": ("存期", "term"),
    "early withdrawal": ("提前支取（活期）", "early withdrawal"),
    "overdue": ("逾期（活期）", "overdue"),
    "coupon": ("付息", "coupon"),
    "settlement": ("结息", "settlement"),
    "closing interest": ("销户利息", "closing interest"),
    "cycle": ("通知周期", "cycle"),
    "leftover days": ("不足周期（活期）", "leftover days"),
    "held": ("存期", "held"),
    "at demand rate": ("按活期", "at demand rate"),
}


def _flow_name(text: str, lang: str) -> str:
    """Chinese text for a library label such as 'term 2' or 'early withdrawal (term 2)'."""
    if lang != "zh":
        return text
    head, _, tail = text.partition(" (")
    words = head.rsplit(" ", 1)
    if head not in FLOW_NAMES and len(words) == 2 and words[1].isdigit():
        head_zh = f"{FLOW_NAMES.get(words[0], (words[0],))[0]} {words[1]}"
    else:
        head_zh = FLOW_NAMES.get(head, (head,))[0]
    return f"{head_zh}（{_flow_name(tail.rstrip(')'), lang)}）" if tail else head_zh


# ---------------------------------------------------------------- shared options


def _common(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--rate", type=RATE, default=None,
                     help="Annual rate, 3.24% or 0.0324 (default: from the rate table). 年利率"),
        click.option("--rate-table", "rate_table_id", default=None, metavar="ID",
                     help="Catalog rate table to read the rate and minimum from "
                     "(default: the table in force on --start, else the catalog's default table). 利率表"),
        click.option("--start", type=DATE, default=None,
                     help="Opening date YYYY-MM-DD (dates the cash flows; tax by period). 起存日"),
        click.option("--tax", default="auto", show_default=True, metavar="RATE|auto",
                     help="Interest tax: 'auto' = by period from --start (rules §4; none "
                     "without --start), or a flat rate such as 20%. 利息税"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _day_count_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--day-count", type=click.Choice(["30/360", "actual"]), default="30/360", show_default=True,
        help="30/360 anniversary method (对年对月对日) or actual days. 计息天数")(command)


def _withdraw_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option("--held-days", type=click.IntRange(min=0), default=None,
                           help="Days held instead of a date (needs no --start). 存期天数")(command)
    return click.option("--withdraw-on", type=DATE, default=None,
                        help="Withdrawal date YYYY-MM-DD (needs --start). 支取日")(command)


def _demand_rate_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--demand-rate", type=RATE, default=None,
                        help="活期 rate for early/overdue days (default: from the rate table). 活期利率")(command)


# ---------------------------------------------------------------- helpers


class _Rates:
    """Rates and minimums from the rate table, loaded only when needed.

    Without --rate-table a dated deposit reads the catalog's table in force
    on ``on`` (its opening day); an undated one the catalog's default table.
    """

    def __init__(self, table_id: str | None, on: _dt.date | None = None) -> None:
        self.table_id = table_id
        self.on = on
        self._table = None

    @property
    def table(self):
        if self._table is None:
            catalog = settings().catalog()
            if self.table_id is None and self.on is not None:
                self._table = _in_force(catalog, self.on, "start", "--rate")
            else:
                self._table = catalog.rate_table(self.table_id)
        return self._table

    def demand_on(self, when: Any, given: float | None, field: str) -> float | None:
        """活期 rate listed on the withdrawal day (rules §2.3), ``when`` a date or days held
        from the opening day; ``given`` if set, or when nothing is withdrawn early."""
        if given is not None or when is None:
            return given
        day = _day_of(self.on, when)
        if self.table_id is not None or self.on is None or day is None or day == self.on:
            return self.pick(None, "demand", None, field)
        return _in_force(settings().catalog(), day, field, f"--{field.replace('_', '-')}").demand

    @property
    def used(self) -> bool:
        return self._table is not None

    def pick(self, given: float | None, section: str, term: int | None, field: str) -> float:
        if given is not None:
            return given
        table = self.table
        if section == "demand":
            return table.demand
        lines = getattr(table, section)
        if term not in lines:
            unit = "days" if section == "notice" else "months"
            listed = "、".join(map(str, sorted(lines))) or "无"
            raise InputError(field, term, f"rate table {table.id!r} lists {section} {unit} "
                             f"{', '.join(map(str, sorted(lines))) or 'none'}; or give --rate",
                             hint_zh=f"利率表 {table.id!r} 的{KIND_NAMES[section][0]}只有这些期限"
                             f"（{'天' if section == 'notice' else '个月'}）：{listed}；或用 --rate 给出利率")
        return lines[term]

    def minimum(self, kind: str) -> float | None:
        if not self.used:
            return None
        if kind == "large_cd" and self.table.large_cd_min is not None:
            return self.table.large_cd_min
        return self.table.minimums.get(kind)


def _in_force(catalog: Any, day: _dt.date, field: str, option: str) -> Any:
    from ..yields import rate_table_on

    table = rate_table_on(catalog, day)
    if table is None:
        raise InputError(field, day.isoformat(), f"no rate table of the catalog was in force that day: give "
                                                 f"{option} or --rate-table ID",
                         hint_zh=f"产品目录里没有那天执行的利率表：请给出 {option} 或 --rate-table ID")
    return table


def _day_of(start: _dt.date | None, when: Any) -> _dt.date | None:
    """The withdrawal day: a date, or ``start`` + days held."""
    if isinstance(when, _dt.date) or when is None:
        return when
    return start + _dt.timedelta(days=when) if start is not None else None


def _tax(text: str) -> float | None:
    if str(text).strip().lower() == "auto":
        return None
    from ..money import parse_rate

    return parse_rate(text, field="tax")


def _withdraw(withdraw_on: _dt.date | None, held_days: int | None, required: bool = False) -> Any:
    if withdraw_on is not None and held_days is not None:
        raise click.UsageError(bilingual("give --withdraw-on or --held-days, not both",
                                         "--withdraw-on 和 --held-days 只能给一个"))
    if required and withdraw_on is None and held_days is None:
        raise click.UsageError(bilingual("give --withdraw-on DATE (with --start) or --held-days N",
                                         "请给出支取日 --withdraw-on DATE（同时给 --start）或存期天数 --held-days N"))
    return withdraw_on if withdraw_on is not None else held_days


def _show(result: Any, rates: _Rates) -> None:
    """Print the summary, the cash flows and the interest parts."""
    s = settings()
    kind_zh, kind_en = KIND_NAMES[result.kind]
    table_id = rates.table.id if rates.used else None
    data = {"type": result.kind, "rate_table": table_id, **result.to_dict()}
    pairs = [("kind", s.pick(kind_zh, kind_en) if s.output_format == "table" else result.kind)]
    if table_id:
        pairs.append(("rate_table", table_id))
    withdrawn = s.output_format == "table" and any(r[2] == "withdrawal" for r in result.rows())
    pairs += [("withdrawn_value" if k == "maturity_value" and withdrawn else k, getattr(result, k)) for k in
              ("principal", "annual_rate", "interest", "tax", "net_interest", "maturity_value", "days")]
    pairs += [(k, getattr(result, k)) for k in ("start_date", "end_date") if getattr(result, k)]
    flows = result.rows()
    parts = result.part_rows()
    if s.output_format == "table":
        flows = [[r[0], r[1], _flow_name(r[2], s.lang), r[3]] for r in flows]
        parts = [[_flow_name(r[0], s.lang), *r[1:]] for r in parts]
    tables = [
        summary_table(pairs, "summary"),
        Table(result.headers, flows, "cash_flows"),
        Table(result.parts[0].headers if result.parts else ("part",), parts, "interest_parts"),
    ]
    emit(data, tables, LABELS)


# ---------------------------------------------------------------- commands


@click.group("deposit")
def deposit() -> None:
    """Savings deposits 储蓄存款: interest, tax and cash flows to the fen.

    \b
    Types: demand 活期, fixed 整存整取, installment 零存整取,
    lump-withdrawal 整存零取, interest-payout 存本取息, flexible 定活两便,
    notice 通知存款, large-cd 大额存单; insurance 存款保险.
    Example: wealthcalc deposit fixed --amount 1万 --months 36 --rate 3.24%
    """


@deposit.command("demand")
@click.option("--amount", type=AMOUNT, required=True, help="Opening deposit in yuan. 存入金额")
@_common
@click.option("--end", type=DATE, required=True, help="Closing date YYYY-MM-DD. 销户日")
@click.option("--change", "changes", multiple=True, metavar="DATE:AMOUNT",
              help="A later deposit (+) or withdrawal (-), e.g. 2025-04-11:+20000; repeatable. 存取款")
def demand_cmd(amount, rate, rate_table_id, start, tax, end, changes) -> None:
    """活期 demand deposit (积数 method, settled quarterly on the 20th)."""
    from .. import deposits
    from ..money import parse_amount

    if start is None:
        raise click.UsageError(bilingual("活期 needs --start (and --end)", "活期存款需要起存日 --start（和销户日 --end）"))
    parsed = []
    for text in changes:
        day, sep, value = text.partition(":")
        try:
            if not sep:
                raise ValueError(text)
            when = _dt.date.fromisoformat(day.strip())
        except ValueError:
            raise click.BadParameter(f"{text!r}: " + bilingual("write DATE:AMOUNT, e.g. 2025-04-11:-5000",
                                                               "请写成 日期:金额，例如 2025-04-11:-5000"),
                                     param_hint="--change") from None
        sign = -1.0 if value.strip().startswith("-") else 1.0
        parsed.append((when, sign * parse_amount(value.strip().lstrip("+-"), field="change")))
    rates = _Rates(rate_table_id, start)
    result = deposits.demand(
        amount, rates.pick(rate, "demand", None, "rate"), start=start, end=end, changes=parsed,
        tax=_tax(tax), minimum=rates.minimum("demand"))
    _show(result, rates)


@deposit.command("fixed")
@click.option("--amount", type=AMOUNT, required=True, help="Yuan deposited. 存入金额")
@click.option("--months", type=int, required=True, help="Term: 3, 6, 12, 24, 36 or 60. 存期（月）")
@_common
@_withdraw_options
@click.option("--partial", type=AMOUNT, default=None,
              help="Yuan withdrawn early on the withdrawal day; the rest runs to maturity. 部分提前支取")
@click.option("--rollovers", type=click.IntRange(min=0), default=0, show_default=True,
              help="Automatic renewals after the first term. 自动转存次数")
@_demand_rate_option
@_day_count_option
def fixed_cmd(amount, months, rate, rate_table_id, start, tax, withdraw_on, held_days, partial,
              rollovers, demand_rate, day_count) -> None:
    """整存整取 lump-sum fixed deposit (early, partial, overdue, auto-rollover)."""
    from .. import deposits

    rates = _Rates(rate_table_id, start)
    when = _withdraw(withdraw_on, held_days)
    annual = rates.pick(rate, "fixed", months, "months")
    demand_rate = rates.demand_on(when, demand_rate, "demand_rate")
    result = deposits.fixed(
        amount, annual, months, start=start, withdraw_on=when, partial=partial, rollovers=rollovers,
        demand_rate=demand_rate, tax=_tax(tax), day_count=day_count, minimum=rates.minimum("fixed"))
    _show(result, rates)


@deposit.command("installment")
@click.option("--amount", "--monthly", "amount", type=AMOUNT, required=True,
              help="Yuan deposited each month. 每月存入")
@click.option("--months", type=int, required=True, help="Term: 12, 36 or 60. 存期（月）")
@_common
@_withdraw_options
@_demand_rate_option
@_day_count_option
def installment_cmd(amount, months, rate, rate_table_id, start, tax, withdraw_on, held_days,
                    demand_rate, day_count) -> None:
    """零存整取 monthly installment savings (月积数 method)."""
    from .. import deposits

    rates = _Rates(rate_table_id, start)
    when = _withdraw(withdraw_on, held_days)
    annual = rates.pick(rate, "installment", months, "months")
    demand_rate = rates.demand_on(when, demand_rate, "demand_rate")
    result = deposits.installment(
        amount, annual, months, start=start, withdraw_on=when, demand_rate=demand_rate,
        tax=_tax(tax), day_count=day_count, minimum=rates.minimum("installment"))
    _show(result, rates)


def _periodic(kind: str, intervals: tuple[int, ...], help_interval: str):
    @click.option("--amount", type=AMOUNT, required=True, help="Yuan deposited. 存入金额")
    @click.option("--months", type=int, required=True, help="Term: 12, 36 or 60. 存期（月）")
    @click.option("--interval", type=click.Choice([str(i) for i in intervals]), default="1",
                  show_default=True, help=help_interval)
    @_common
    @_withdraw_options
    @_demand_rate_option
    @_day_count_option
    def command(amount, months, interval, rate, rate_table_id, start, tax, withdraw_on, held_days,
                demand_rate, day_count) -> None:
        from .. import deposits

        rates = _Rates(rate_table_id, start)
        when = _withdraw(withdraw_on, held_days)
        annual = rates.pick(rate, kind, months, "months")
        demand_rate = rates.demand_on(when, demand_rate, "demand_rate")
        result = getattr(deposits, kind)(
            amount, annual, months, interval_months=int(interval), start=start, withdraw_on=when,
            demand_rate=demand_rate, tax=_tax(tax), day_count=day_count,
            minimum=rates.minimum(kind))
        _show(result, rates)

    return command


deposit.command("lump-withdrawal", help="整存零取: lump sum in, principal drawn every 1/3/6 months.")(
    _periodic("lump_withdrawal", (1, 3, 6), "Months between principal withdrawals. 取款间隔（月）"))
deposit.command("interest-payout", help="存本取息: keep the principal, draw the interest.")(
    _periodic("interest_payout", (1, 3, 6, 12), "Months between interest payouts. 取息间隔（月）"))


@deposit.command("flexible")
@click.option("--amount", type=AMOUNT, required=True, help="Yuan deposited. 存入金额")
@click.option("--rate", "fixed_rate", multiple=True, metavar="MONTHS=RATE",
              help="整存整取 rate of 3, 6 or 12 months, e.g. 6=2.07%; repeatable "
              "(missing ones from the rate table). 整存整取利率")
@click.option("--rate-table", "rate_table_id", default=None, metavar="ID",
              help="Catalog rate table (default: the table in force on the withdrawal day, "
              "else the catalog's default table). 利率表")
@click.option("--start", type=DATE, default=None, help="Opening date YYYY-MM-DD. 起存日")
@click.option("--tax", default="auto", show_default=True, metavar="RATE|auto",
              help="Interest tax: 'auto' (by period from --start) or a flat rate. 利息税")
@_withdraw_options
@_demand_rate_option
@_day_count_option
def flexible_cmd(amount, fixed_rate, rate_table_id, start, tax, withdraw_on, held_days,
                 demand_rate, day_count) -> None:
    """定活两便 fixed-or-demand: 60 % of the matching fixed rate (rules §2.7)."""
    from .. import deposits
    from ..money import parse_rate

    when = _withdraw(withdraw_on, held_days, required=True)
    rates = _Rates(rate_table_id, _day_of(start, when))  # rates listed on the withdrawal day (rules §2.7)
    given: dict[int, float] = {}
    for text in fixed_rate:
        months, sep, value = text.partition("=")
        if not sep or months.strip() not in ("3", "6", "12"):
            raise click.BadParameter(
                f"{text!r}: " + bilingual("write MONTHS=RATE with 3, 6 or 12 months, e.g. 6=2.07%",
                                          "请写成 月数=利率，月数为 3、6 或 12，例如 6=2.07%"),
                param_hint="--rate")
        given[int(months)] = parse_rate(value.strip(), field="rate")
    fixed_rates = {m: rates.pick(given.get(m), "fixed", m, "rate") for m in (3, 6, 12)}
    if demand_rate is None:
        demand_rate = rates.pick(None, "demand", None, "demand_rate")
    result = deposits.flexible(
        amount, demand_rate, fixed_rates, withdraw_on=when, start=start, tax=_tax(tax),
        day_count=day_count, minimum=rates.minimum("flexible"))
    _show(result, rates)


@deposit.command("notice")
@click.option("--amount", type=AMOUNT, required=True, help="Yuan deposited. 存入金额")
@click.option("--notice-days", type=click.Choice(["1", "7"]), default="7", show_default=True,
              help="1-day or 7-day notice. 通知天数")
@_common
@_withdraw_options
@click.option("--style", type=click.Choice(["classic", "rolling"]), default="classic",
              show_default=True,
              help="classic: all days at the notice rate; rolling: 7-day cycles compound, "
              "leftover days at 活期. 计息方式")
@click.option("--not-notified", is_flag=True, help="Withdrawn without notice: 活期 rate. 未通知支取")
@_demand_rate_option
def notice_cmd(amount, notice_days, rate, rate_table_id, start, tax, withdraw_on, held_days, style,
               not_notified, demand_rate) -> None:
    """个人通知存款 1-day / 7-day notice deposit (rules §2.8)."""
    from .. import deposits

    when = _withdraw(withdraw_on, held_days, required=True)
    rates = _Rates(rate_table_id, _day_of(start, when))  # rates listed on the withdrawal day (rules §2.8)
    annual = rates.pick(rate, "notice", int(notice_days), "notice_days")
    held = held_days if held_days is not None else (
        (withdraw_on - start).days if start is not None else None)
    too_early = held is not None and held < int(notice_days)
    if demand_rate is None and (style == "rolling" or not_notified or too_early):
        demand_rate = rates.pick(None, "demand", None, "demand_rate")
    result = deposits.notice(
        amount, annual, int(notice_days), withdraw_on=when, start=start, style=style,
        notified=not not_notified, demand_rate=demand_rate, tax=_tax(tax),
        minimum=rates.minimum("notice"))
    _show(result, rates)


@deposit.command("large-cd")
@click.option("--amount", type=AMOUNT, required=True, help="Yuan deposited. 存入金额")
@click.option("--months", type=int, required=True,
              help="Term: 1, 3, 6, 9, 12, 18, 24, 36 or 60. 存期（月）")
@click.option("--coupon-months", type=click.Choice(["1", "3", "6", "12"]), default=None,
              help="Pay interest every N months (default: at maturity). 付息间隔（月）")
@_common
@_withdraw_options
@click.option("--early-rate", type=RATE, default=None,
              help="Rate paid on early redemption (default: the table's 活期 rate). 提前支取利率")
@_day_count_option
def large_cd_cmd(amount, months, coupon_months, rate, rate_table_id, start, tax, withdraw_on,
                 held_days, early_rate, day_count) -> None:
    """大额存单 large certificate of deposit (rules §2.9)."""
    from .. import deposits

    rates = _Rates(rate_table_id, start)
    when = _withdraw(withdraw_on, held_days)
    annual = rates.pick(rate, "large_cd", months, "months")
    early_rate = rates.demand_on(when, early_rate, "early_rate")
    result = deposits.large_cd(
        amount, annual, months, coupon_months=None if coupon_months is None else int(coupon_months),
        start=start, withdraw_on=when, early_rate=early_rate, tax=_tax(tax), day_count=day_count,
        minimum=rates.minimum("large_cd"))
    _show(result, rates)


@deposit.command("insurance")
@click.option("--balance", "balances", type=AMOUNT, multiple=True, required=True,
              help="Principal plus interest of one account at the bank; repeatable. 账户本息")
def insurance_cmd(balances) -> None:
    """存款保险: how much of one depositor's money at one bank is covered (500,000)."""
    from .. import deposits

    cover = deposits.deposit_insurance(list(balances))
    emit(cover.to_dict(), [summary_table(cover.to_dict().items(), "insurance")], LABELS)
