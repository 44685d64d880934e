"""``wealthcalc deposit <type>``: interest, tax and cash flows of one savings deposit.

Rates come from ``--rate`` or from a rate table of the catalog (``--rate-table
ID``, default: the table in force on ``--start``, else the catalog's default table), picked by
deposit type and term (:func:`wealthcalc.deposits.rate_for`, :func:`~wealthcalc.deposits.table_on`).
When the table is used, its minimum deposit for the type is enforced.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable

import click

from .. import deposits
from ..errors import InputError
from ..i18n import label, message
from ._output import AMOUNT, DATE, RATE, Table, emit, settings, summary_table, words

if TYPE_CHECKING:
    from ..catalog import RateTable

# keys of the deposit tables, worded by the codes label.deposit_<key> (other keys by label.<key>)
_LABEL_KEYS = ("kind", "rate_table", "start_date", "end_date", "day", "flow", "part", "base", "cash_flows",
               "interest_parts", "summary", "withdrawn_value", "total", "covered", "exposed", "limit",
               "insurance", "start", "end")


def _labels() -> dict[str, tuple[str, str]]:
    """The table labels of the deposit commands, from the message catalog."""
    return {key: (label(f"deposit_{key}", "zh"), label(f"deposit_{key}", "en")) for key in _LABEL_KEYS}


def _help(code: str) -> str:
    """An option's help text as --help shows it: the English, then the Chinese term."""
    zh, en = message(f"deposits.help.{code}", "zh"), message(f"deposits.help.{code}", "en")
    return f"{en} {zh}" if zh else en


# ---------------------------------------------------------------- shared options


def _common(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--rate", type=RATE, default=None, help=_help("rate")),
        click.option("--rate-table", "rate_table_id", default=None, metavar="ID", help=_help("rate_table")),
        click.option("--start", type=DATE, default=None, help=_help("start")),
        click.option("--tax", default=deposits.AUTO_TAX, show_default=True, metavar="RATE|auto", help=_help("tax")),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _day_count_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--day-count", type=click.Choice([d.value for d in deposits.DayCount]), default="30/360",
        show_default=True, help=_help("day_count"))(command)


def _withdraw_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option("--held-days", type=click.IntRange(min=0), default=None,
                           help=_help("held_days"))(command)
    return click.option("--withdraw-on", type=DATE, default=None, help=_help("withdraw_on"))(command)


def _demand_rate_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--demand-rate", type=RATE, default=None, help=_help("demand_rate"))(command)


# ---------------------------------------------------------------- helpers


@contextmanager
def _options(option: str = "--rate") -> Iterator[None]:
    """Reword the library's rate-table errors with the options that avoid them."""
    try:
        yield
    except InputError as err:
        if err.code == "deposits.no_table":
            raise InputError(err.field, err.value, code="deposits.cli.no_table", params={"option": option}) from None
        if err.code.startswith("deposits.table_terms_"):
            raise InputError(err.field, err.value, code=err.code.replace("deposits.", "deposits.cli.", 1),
                             params=err.params) from None
        raise


class _Rates:
    """Rates and minimums from the rate table, loaded only when needed.

    Without --rate-table a dated deposit reads the catalog's table in force
    on ``on`` (its opening day); an undated one the catalog's default table.
    """

    def __init__(self, table_id: str | None, on: _dt.date | None = None) -> None:
        self.table_id = table_id
        self.on = on
        self._table: RateTable | None = None

    @property
    def table(self) -> RateTable:
        if self._table is None:
            with _options():
                self._table = deposits.table_on(self.on, table=self.table_id, catalog=settings().catalog())
        return self._table

    @property
    def used(self) -> bool:
        return self._table is not None

    def demand_on(self, when: _dt.date | int | None, given: float | None, field: str) -> float | None:
        """活期 rate listed on the withdrawal day (docs/rules/deposits.md#lump-sum-fixed-deposit), ``when`` a date or days held
        from the opening day; ``given`` if set, or when nothing is withdrawn early."""
        if given is not None or when is None:
            return given
        day = deposits.withdrawal_day(self.on, when)
        if self.table_id is not None or self.on is None or day is None or day == self.on:
            return self.table.demand
        with _options(f"--{field.replace('_', '-')}"):
            return deposits.demand_rate_on(day, catalog=settings().catalog(), field=field)

    def pick(self, given: float | None, kind: str, term: int | None, field: str) -> float:
        if given is not None:
            return given
        with _options():
            return deposits.rate_for(self.table, kind, term, field=field)

    def minimum(self, kind: str) -> float | None:
        return deposits.minimum_for(self.table, kind) if self.used else None


def _withdraw(withdraw_on: _dt.date | None, held_days: int | None) -> _dt.date | int | None:
    if withdraw_on is not None and held_days is not None:
        raise click.UsageError(words("deposits.cli.withdraw_both"))
    return withdraw_on if withdraw_on is not None else held_days


def _withdrawal(withdraw_on: _dt.date | None, held_days: int | None) -> _dt.date | int:
    """The withdrawal a command cannot do without (a date or days held)."""
    when = _withdraw(withdraw_on, held_days)
    if when is None:
        raise click.UsageError(words("deposits.cli.withdraw_missing"))
    return when


def _show(result: deposits.DepositResult, rates: _Rates) -> None:
    """Print the summary, the cash flows and the interest parts."""
    s = settings()
    table_id = rates.table.id if rates.used else None
    data = {"type": result.kind, "rate_table": table_id, **result.to_dict()}
    pairs: list[tuple[str, Any]] = [
        ("kind", deposits.kind_name(result.kind, s.lang) if s.output_format == "table" else result.kind)]
    if table_id:
        pairs.append(("rate_table", table_id))
    withdrawn = s.output_format == "table" and any(r[2] == "withdrawal" for r in result.rows())
    pairs += [("withdrawn_value" if k == "maturity_value" and withdrawn else k, getattr(result, k)) for k in
              ("principal", "annual_rate", "interest", "tax", "net_interest", "maturity_value", "days")]
    pairs += [(k, getattr(result, k)) for k in ("start_date", "end_date") if getattr(result, k)]
    flows = result.rows()
    parts = result.part_rows()
    if s.output_format == "table":
        flows = [[r[0], r[1], deposits.flow_name(r[2], s.lang), r[3]] for r in flows]
        parts = [[deposits.flow_name(r[0], s.lang), *r[1:]] for r in parts]
    tables = [
        summary_table(pairs, "summary"),
        Table(result.headers, flows, "cash_flows"),
        Table(deposits.InterestPart.headers if result.parts else ("part",), parts, "interest_parts"),
    ]
    emit(data, tables, _labels())


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


def _change(text: str) -> tuple[_dt.date, float]:
    """A --change DATE:AMOUNT (+ deposit, - withdrawal)."""
    from ..money import parse_amount

    day, sep, value = text.partition(":")
    try:
        if not sep:
            raise ValueError(text)
        when = _dt.date.fromisoformat(day.strip())
    except ValueError:
        raise click.BadParameter(f"{text!r}: " + words("deposits.cli.change_format"), param_hint="--change") from None
    sign = -1.0 if value.strip().startswith("-") else 1.0
    return when, sign * parse_amount(value.strip().lstrip("+-"), field="change")


@deposit.command("demand")
@click.option("--amount", type=AMOUNT, required=True, help=_help("opening"))
@_common
@click.option("--end", type=DATE, required=True, help=_help("end"))
@click.option("--change", "changes", multiple=True, metavar="DATE:AMOUNT", help=_help("change"))
def demand_cmd(amount: float, rate: float | None, rate_table_id: str | None, start: _dt.date | None, tax: str,
               end: _dt.date, changes: tuple[str, ...]) -> None:
    """活期 demand deposit (积数 method, settled quarterly on the 20th)."""
    if start is None:
        raise click.UsageError(words("deposits.cli.demand_needs_start"))
    parsed = [_change(text) for text in changes]
    rates = _Rates(rate_table_id, start)
    result = deposits.demand(
        amount, rates.pick(rate, "demand", None, "rate"), start=start, end=end, changes=parsed,
        tax=tax, minimum=rates.minimum("demand"))
    _show(result, rates)


@deposit.command("fixed")
@click.option("--amount", type=AMOUNT, required=True, help=_help("amount"))
@click.option("--months", type=int, required=True, help=_help("months_fixed"))
@_common
@_withdraw_options
@click.option("--partial", type=AMOUNT, default=None, help=_help("partial"))
@click.option("--rollovers", type=click.IntRange(min=0), default=0, show_default=True, help=_help("rollovers"))
@_demand_rate_option
@_day_count_option
def fixed_cmd(amount: float, months: int, rate: float | None, rate_table_id: str | None, start: _dt.date | None,
              tax: str, withdraw_on: _dt.date | None, held_days: int | None, partial: float | None,
              rollovers: int, demand_rate: float | None, day_count: str) -> None:
    """整存整取 lump-sum fixed deposit (early, partial, overdue, auto-rollover)."""
    rates = _Rates(rate_table_id, start)
    when = _withdraw(withdraw_on, held_days)
    annual = rates.pick(rate, "fixed", months, "months")
    demand_rate = rates.demand_on(when, demand_rate, "demand_rate")
    result = deposits.fixed(
        amount, annual, months, start=start, withdraw_on=when, partial=partial, rollovers=rollovers,
        demand_rate=demand_rate, tax=tax, day_count=day_count, minimum=rates.minimum("fixed"))
    _show(result, rates)


@deposit.command("installment")
@click.option("--amount", "--monthly", "amount", type=AMOUNT, required=True, help=_help("monthly"))
@click.option("--months", type=int, required=True, help=_help("months_installment"))
@_common
@_withdraw_options
@_demand_rate_option
@_day_count_option
def installment_cmd(amount: float, months: int, rate: float | None, rate_table_id: str | None,
                    start: _dt.date | None, tax: str, withdraw_on: _dt.date | None, held_days: int | None,
                    demand_rate: float | None, day_count: str) -> None:
    """零存整取 monthly installment savings (月积数 method)."""
    rates = _Rates(rate_table_id, start)
    when = _withdraw(withdraw_on, held_days)
    annual = rates.pick(rate, "installment", months, "months")
    demand_rate = rates.demand_on(when, demand_rate, "demand_rate")
    result = deposits.installment(
        amount, annual, months, start=start, withdraw_on=when, demand_rate=demand_rate,
        tax=tax, day_count=day_count, minimum=rates.minimum("installment"))
    _show(result, rates)


def _periodic(kind: str, intervals: tuple[int, ...], help_interval: str) -> Callable[..., None]:
    @click.option("--amount", type=AMOUNT, required=True, help=_help("amount"))
    @click.option("--months", type=int, required=True, help=_help("months_installment"))
    @click.option("--interval", type=click.Choice([str(i) for i in intervals]), default="1",
                  show_default=True, help=help_interval)
    @_common
    @_withdraw_options
    @_demand_rate_option
    @_day_count_option
    def command(amount: float, months: int, interval: str, rate: float | None, rate_table_id: str | None,
                start: _dt.date | None, tax: str, withdraw_on: _dt.date | None, held_days: int | None,
                demand_rate: float | None, day_count: str) -> None:
        rates = _Rates(rate_table_id, start)
        when = _withdraw(withdraw_on, held_days)
        annual = rates.pick(rate, kind, months, "months")
        demand_rate = rates.demand_on(when, demand_rate, "demand_rate")
        calculate = deposits.lump_withdrawal if kind == "lump_withdrawal" else deposits.interest_payout
        result = calculate(
            amount, annual, months, interval_months=int(interval), start=start, withdraw_on=when,
            demand_rate=demand_rate, tax=tax, day_count=day_count, minimum=rates.minimum(kind))
        _show(result, rates)

    return command


deposit.command("lump-withdrawal", help=_help("lump_withdrawal"))(
    _periodic("lump_withdrawal", deposits.WITHDRAWAL_INTERVALS, _help("lump_interval")))
deposit.command("interest-payout", help=_help("interest_payout"))(
    _periodic("interest_payout", deposits.PAYOUT_INTERVALS, _help("payout_interval")))


def _tier_rate(text: str) -> tuple[int, float]:
    """A --rate MONTHS=RATE of 定活两便 (3, 6 or 12 months)."""
    from .. import _validate

    months, sep, value = text.partition("=")
    if not sep or months.strip() not in {str(m) for m in deposits.FLEXIBLE_TIERS}:
        raise click.BadParameter(f"{text!r}: " + words("deposits.cli.flexible_rate_format"), param_hint="--rate")
    return int(months), _validate.rate(value.strip(), "rate")


@deposit.command("flexible")
@click.option("--amount", type=AMOUNT, required=True, help=_help("amount"))
@click.option("--rate", "fixed_rate", multiple=True, metavar="MONTHS=RATE", help=_help("fixed_rate"))
@click.option("--rate-table", "rate_table_id", default=None, metavar="ID", help=_help("rate_table_withdrawal"))
@click.option("--start", type=DATE, default=None, help=_help("start_plain"))
@click.option("--tax", default=deposits.AUTO_TAX, show_default=True, metavar="RATE|auto", help=_help("tax_plain"))
@_withdraw_options
@_demand_rate_option
@_day_count_option
def flexible_cmd(amount: float, fixed_rate: tuple[str, ...], rate_table_id: str | None, start: _dt.date | None,
                 tax: str, withdraw_on: _dt.date | None, held_days: int | None, demand_rate: float | None,
                 day_count: str) -> None:
    """定活两便 fixed-or-demand: 60 % of the matching fixed rate (docs/rules/deposits.md#fixed-or-demand)."""
    when = _withdrawal(withdraw_on, held_days)
    # rates listed on the withdrawal day (docs/rules/deposits.md#fixed-or-demand)
    rates = _Rates(rate_table_id, deposits.withdrawal_day(start, when))
    given = dict(_tier_rate(text) for text in fixed_rate)
    fixed_rates = {m: rates.pick(given.get(m), "fixed", m, "rate") for m in deposits.FLEXIBLE_TIERS}
    if demand_rate is None:
        demand_rate = rates.pick(None, "demand", None, "demand_rate")
    result = deposits.flexible(
        amount, demand_rate, fixed_rates, withdraw_on=when, start=start, tax=tax,
        day_count=day_count, minimum=rates.minimum("flexible"))
    _show(result, rates)


@deposit.command("notice")
@click.option("--amount", type=AMOUNT, required=True, help=_help("amount"))
@click.option("--notice-days", type=click.Choice([str(d) for d in deposits.NOTICE_DAYS]), default="7",
              show_default=True, help=_help("notice_days"))
@_common
@_withdraw_options
@click.option("--style", type=click.Choice([s.value for s in deposits.NoticeStyle]), default="classic",
              show_default=True, help=_help("style"))
@click.option("--not-notified", is_flag=True, help=_help("not_notified"))
@_demand_rate_option
def notice_cmd(amount: float, notice_days: str, rate: float | None, rate_table_id: str | None,
               start: _dt.date | None, tax: str, withdraw_on: _dt.date | None, held_days: int | None, style: str,
               not_notified: bool, demand_rate: float | None) -> None:
    """个人通知存款 1-day / 7-day notice deposit (docs/rules/deposits.md#notice-deposits)."""
    when = _withdrawal(withdraw_on, held_days)
    # rates listed on the withdrawal day (docs/rules/deposits.md#notice-deposits)
    rates = _Rates(rate_table_id, deposits.withdrawal_day(start, when))
    annual = rates.pick(rate, "notice", int(notice_days), "notice_days")
    held = deposits.held_days(start, when)
    if demand_rate is None and deposits.notice_pays_demand(int(notice_days), held, style=style,
                                                           notified=not not_notified):
        demand_rate = rates.pick(None, "demand", None, "demand_rate")
    result = deposits.notice(
        amount, annual, int(notice_days), withdraw_on=when, start=start, style=style,
        notified=not not_notified, demand_rate=demand_rate, tax=tax, minimum=rates.minimum("notice"))
    _show(result, rates)


@deposit.command("large-cd")
@click.option("--amount", type=AMOUNT, required=True, help=_help("amount"))
@click.option("--months", type=int, required=True, help=_help("months_large_cd"))
@click.option("--coupon-months", type=click.Choice([str(m) for m in deposits.PAYOUT_INTERVALS]), default=None,
              help=_help("coupon_months"))
@_common
@_withdraw_options
@click.option("--early-rate", type=RATE, default=None, help=_help("early_rate"))
@_day_count_option
def large_cd_cmd(amount: float, months: int, coupon_months: str | None, rate: float | None,
                 rate_table_id: str | None, start: _dt.date | None, tax: str, withdraw_on: _dt.date | None,
                 held_days: int | None, early_rate: float | None, day_count: str) -> None:
    """大额存单 large certificate of deposit (docs/rules/deposits.md#large-certificates-of-deposit)."""
    rates = _Rates(rate_table_id, start)
    when = _withdraw(withdraw_on, held_days)
    annual = rates.pick(rate, "large_cd", months, "months")
    early_rate = rates.demand_on(when, early_rate, "early_rate")
    result = deposits.large_cd(
        amount, annual, months, coupon_months=None if coupon_months is None else int(coupon_months),
        start=start, withdraw_on=when, early_rate=early_rate, tax=tax, day_count=day_count,
        minimum=rates.minimum("large_cd"))
    _show(result, rates)


@deposit.command("insurance")
@click.option("--balance", "balances", type=AMOUNT, multiple=True, required=True, help=_help("balance"))
def insurance_cmd(balances: tuple[float, ...]) -> None:
    """存款保险: how much of one depositor's money at one bank is covered (500,000)."""
    cover = deposits.deposit_insurance(list(balances))
    emit(cover.to_dict(), [summary_table(cover.to_dict().items(), "insurance")], _labels())
