"""``wealthcalc dca``: back-test a fund DCA plan (基金定投) on a NAV file.

Reads a NAV CSV exported by a fund site (or makes a synthetic series with
``--synthetic``), runs the plan with real fees, and prints the summary;
optionally the lots, a lump sum, smart DCA and a 零存整取 deposit on the same
dates and money, or the statistics of every start date (定投胜率).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import click

from ..errors import InputError
from ..i18n import label, message
from ._output import AMOUNT, DATE, RATE, Table, emit, plot_option, progress, save_plot, settings, summary_table, words

_LABEL_KEYS = ("strategy", "dca", "smart", "lump_sum", "deposit", "installment", "fixed", "installments", "invested",
               "shares", "average_cost", "market_value", "cash_dividends", "redemption_fee", "redemption_value",
               "final_value", "profit", "holding_return", "xirr", "max_drawdown", "first_date", "value_date",
               "value_nav", "scheduled_date", "dealt_date", "net", "nav", "source", "summary", "lots",
               "comparison", "every_start", "years", "starts", "win_rate", "median_return", "p5_return",
               "p95_return", "median_xirr", "p5_xirr", "p95_xirr", "best_start", "best_return", "worst_start",
               "worst_return", "annual_rate")


def _labels() -> dict[str, tuple[str, str]]:
    """This command's headers and row names: the catalog's ``label.dca_<key>`` codes by key."""
    return {k: (label(f"dca_{k}", "zh"), label(f"dca_{k}", "en")) for k in _LABEL_KEYS}


SUMMARY_KEYS = ("installments", "invested", "fees", "shares", "average_cost", "market_value",
                "cash_dividends", "redemption_fee", "redemption_value", "profit", "holding_return",
                "xirr", "max_drawdown", "first_date", "value_date", "value_nav")
COMPARE_HEADERS = ("strategy", "installments", "invested", "fees", "final_value", "profit",
                   "holding_return", "xirr", "max_drawdown")
# command-line parameter -> the option name of funds.check_plan_options
_OPTION_NAMES = {"years": "years", "deposit_kind": "deposit_kind", "deposit_rate": "deposit_rate",
                 "rate_table_id": "rate_table", "seed": "seed", "synthetic_days": "days", "drift": "drift",
                 "volatility": "volatility"}


def _discount(ctx: click.Context, param: click.Parameter, value: Any) -> float:
    """0.1, '1折' or '10%' of the list rate."""
    from ..funds import parse_discount

    try:
        return parse_discount(value)
    except InputError as error:
        raise click.BadParameter(f"{value!r}: " + words(error.code, **error.params)) from None


def _notice(note: Any, prefix: str = "") -> None:
    """One stderr line, in the --lang language."""
    lang = settings().lang
    text = note.text(lang) if hasattr(note, "text") else str(note)
    click.echo(f"{message('funds.notice', lang)}{prefix}{text}", err=True)


def _new_notes(result: Any, series: Any) -> list[Any]:
    """The result's notes beyond the series' own (already shown), without the synthetic one."""
    return [n for n in result.notes[len(series.notes):] if getattr(n, "code", "") != "funds.synthetic"]


def _given(ctx: click.Context, flags: dict[str, bool]) -> set[str]:
    """The plan options set: flags that are on, and options typed on the command line."""
    given = {name for name, on in flags.items() if on}
    for param, name in _OPTION_NAMES.items():
        if ctx.get_parameter_source(param) == click.core.ParameterSource.COMMANDLINE:
            given.add(name)
    return given


def _bt_row(bt: Any, name: str) -> list[Any]:
    return [name, bt.installments, bt.invested, bt.fees, bt.final_value, bt.profit,
            bt.holding_return, bt.xirr, bt.max_drawdown]


@click.command("dca")
@click.argument("nav_file", required=False, type=click.Path(dir_okay=False))
@click.option("--amount", type=AMOUNT, required=True, help="Yuan per installment, fee included. 每期定投金额")
@click.option("--monthly", "frequency", flag_value="monthly", default=True, help="Every month (default). 每月")
@click.option("--biweekly", "frequency", flag_value="biweekly", help="Every two weeks. 每两周")
@click.option("--weekly", "frequency", flag_value="weekly", help="Every week. 每周")
@click.option("--daily", "frequency", flag_value="daily", help="Every trading day. 每日")
@click.option("--day", type=int, default=None,
              help="Debit day: 1-31 of the month, or weekday 1-5 (Mon=1) for weekly plans "
              "(default: the start date's). 扣款日")
@click.option("--from", "start", type=DATE, default=None, help="First possible debit day YYYY-MM-DD. 开始日期")
@click.option("--to", "end", type=DATE, default=None, help="Last possible debit day YYYY-MM-DD. 结束日期")
@click.option("--value-date", type=DATE, default=None,
              help="Valuation date (default --to, else the last NAV). 估值日")
@click.option("--fee", "fee_rate", type=RATE, default="1.5%", show_default=True,
              help="List purchase fee rate (申购费率), 外扣法. 申购费率")
@click.option("--discount", default="1", show_default=True, callback=_discount,
              help="Channel discount on the fee rate: 0.1, 1折 or 10%. 费率折扣")
@click.option("--rounding", type=click.Choice(["half_up", "truncate"]), default="half_up", show_default=True,
              help="Shares to 0.01: 四舍五入 or truncate (截位). 份额取舍")
@click.option("--dividends", type=click.Choice(["reinvest", "cash"]), default="reinvest", show_default=True,
              help="红利再投资 or 现金分红. 分红方式")
@click.option("--redeem", is_flag=True, help="Redeem everything on the valuation date (fees by lot). 期末赎回")
@click.option("--smart", is_flag=True,
              help="Compare smart DCA: ICBC 2009 table on the 180-day MA (docs/rules/dca.md#smart-dca). 智能定投")
@click.option("--ma-days", type=click.IntRange(2, 1000), default=None, help="Moving-average days for --smart. 均线天数")
@click.option("--top-factor", type=click.FloatRange(0, 5), default=None,
              help="Factor of the unconfirmed top band (above the MA by 110%+; default 0.6). 最高档比例")
@click.option("--reference", type=click.Path(dir_okay=False), default=None,
              help="Index CSV whose moving average drives --smart (default: the fund's NAV). 参考指数")
@click.option("--vs-lump-sum", is_flag=True, help="Compare investing the same money at once. 对比一次性投入")
@click.option("--vs-deposit", is_flag=True,
              help="Compare the same contributions in a bank deposit. 对比银行存款")
@click.option("--deposit-kind", type=click.Choice(["installment", "fixed"]), default="installment",
              show_default=True, help="零存整取 or 整存整取 for --vs-deposit.")
@click.option("--deposit-rate", type=RATE, default=None,
              help="Deposit rate for --vs-deposit (default: the catalog rate table). 存款利率")
@click.option("--rate-table", "rate_table_id", default=None, metavar="ID",
              help="Catalog rate table for --vs-deposit (default: the catalog's default). 利率表")
@click.option("--every-start", is_flag=True,
              help="Run the plan from every start date: win rate and spread. 任意起点统计")
@click.option("--years", type=click.IntRange(1, 50), multiple=True,
              help="Holding period(s) in years for --every-start (repeatable; default 1, 3, 5). 持有年数")
@click.option("--lots", is_flag=True, help="Show every installment. 显示每期明细")
@click.option("--synthetic", is_flag=True, help="Use a synthetic NAV series instead of a file. 模拟净值")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --synthetic.")
@click.option("--days", "synthetic_days", type=click.IntRange(2, 100_000), default=2500, show_default=True,
              help="Trading days of --synthetic (from 2015-01-05).")
@click.option("--drift", type=RATE.__class__(allow_negative=True), default="8%", show_default=True,
              help="Annual drift of --synthetic.")
@click.option("--volatility", type=RATE, default="20%", show_default=True,
              help="Annual volatility of --synthetic.")
@plot_option
def dca(nav_file, amount, frequency, day, start, end, value_date, fee_rate, discount, rounding, dividends,
        redeem, smart, ma_days, top_factor, reference, vs_lump_sum, vs_deposit, deposit_kind, deposit_rate,
        rate_table_id, every_start, years, lots, synthetic, seed, synthetic_days, drift, volatility,
        plot) -> None:
    """Fund DCA back-test 基金定投回测: real fees (外扣法, discount), XIRR, every start date.

    \b
    NAV_FILE: a NAV history exported by a fund site (天天基金, fund companies):
    净值日期, 单位净值 and optionally 累计净值, 分红送配 (日增长率, 申购状态 and other
    columns are ignored); UTF-8 or GBK, comma or tab, any date order. Or --synthetic.
    Examples:
      wealthcalc dca examples/nav_synthetic.csv --amount 1000 --day 8 --fee 1.5% --discount 0.1
      wealthcalc dca examples/nav_synthetic.csv --amount 1000 --every-start --years 1 --years 3
    """
    from .. import funds as lib

    ctx = click.get_current_context()
    try:
        lib.check_plan_options(_given(ctx, {
            "nav_file": nav_file is not None, "synthetic": synthetic, "every_start": every_start,
            "vs_lump_sum": vs_lump_sum, "vs_deposit": vs_deposit, "lots": lots, "day": day is not None,
            "value_date": value_date is not None}))
    except InputError as error:
        raise click.UsageError(words(error.code, **error.params)) from None
    s = settings()
    labels = _labels()
    if synthetic:
        series = lib.synthetic_nav(days=synthetic_days, annual_drift=drift, volatility=volatility, seed=seed)
    else:
        series = lib.load_nav(nav_file)
    if series.synthetic:
        click.echo(message("funds.notice", s.lang) + message(
            "funds.notice_synthetic", s.lang, source=lib.describe_source(series.source, s.lang)), err=True)
    for note in series.notes:
        _notice(note)
    rule = None
    if smart or ma_days or top_factor is not None or reference:
        rule = lib.smart_rule(ma_days=ma_days, top_factor=top_factor)
    ref = lib.load_nav(reference) if reference else None
    options = dict(fee_rate=fee_rate, discount=discount, rounding=rounding, dividends=dividends, redeem=redeem)
    if every_start:
        result = _every_start(lib, series, amount, frequency, tuple(years) or (1, 3, 5), start, end, rule, ref,
                              options, labels)
        save_plot(result, plot)
        return
    plan = dict(frequency=frequency, day=day, start=start, end=end, value_date=value_date, **options)
    bt = lib.simulate(series, amount, **plan)
    results = [("dca", bt)]
    if rule is not None:
        results.append(("smart", lib.simulate(series, amount, smart=rule, reference=ref, **plan)))
    if vs_lump_sum:
        results.append(("lump_sum", lib.lump_sum(series, bt.invested, date=bt.scheduled_dates[0].astype(_dt.date),
                                                 value_date=bt.value_date, **options)))
    bench = None
    if vs_deposit:
        bench = lib.plan_deposit_benchmark(bt, kind=deposit_kind, annual_rate=deposit_rate,
                                           rate_table=None if deposit_rate is not None else rate_table_id,
                                           catalog=s.catalog())
    for name, result in results:
        for note in _new_notes(result, series):
            _notice(note, s.label(name, labels) + message("funds.colon", s.lang))
    # --plot draws the plan asked about: the smart one with --smart (the table compares both)
    charted = dict(results).get("smart", bt)
    data: dict[str, Any] = {"synthetic": bt.synthetic, "source": bt.source,
                            **{name: r.to_dict() for name, r in results}}
    if bench is not None:
        data["deposit"] = bench.to_dict()
    if s.output_format == "csv":
        tables = [Table(bt.headers, bt.rows(), "lots")] if lots else []
        tables.append(_comparison(results, bench, s, labels))
        emit(data, tables, labels)
        save_plot(charted, plot, nav=series)
        return
    figures = bt.summary() | {"first_date": bt.first_date, "value_date": bt.value_date, "value_nav": bt.value_nav}
    pairs = [("source", lib.describe_source(bt.source, s.lang))] + [(k, _shown(k, figures[k])) for k in SUMMARY_KEYS]
    if not redeem:
        pairs = [p for p in pairs if p[0] not in ("redemption_fee", "redemption_value")]
    if not bt.cash_dividends:
        pairs = [p for p in pairs if p[0] != "cash_dividends"]
    tables = [summary_table(pairs, "summary")]
    if lots:
        tables.append(Table(bt.headers, [row[:5] + [_shown("nav", row[5])] + row[6:] for row in bt.rows()],
                            "lots"))
    if len(results) > 1 or bench is not None:
        tables.append(_comparison(results, bench, s, labels))
    emit(data, tables, labels)
    save_plot(charted, plot, nav=series)


def _shown(key: str, value: Any) -> Any:
    """Table text for values the shared formatter would show as money."""
    if key in ("average_cost", "value_nav", "nav"):
        return f"{value:.4f}"
    if key == "max_drawdown":
        return f"{value * 100:.2f}%"
    return value


def _comparison(results: list[tuple[str, Any]], bench: Any, s: Any, labels: dict[str, tuple[str, str]]) -> Table:
    machine = s.output_format != "table"
    rows = [_bt_row(r, name if machine else s.label(name, labels)) for name, r in results]
    if bench is not None:
        name = bench.kind if machine else f"{s.label(bench.kind, labels)} {bench.annual_rate * 100:.2f}%"
        rows.append([name, len(results[0][1].amounts), bench.invested, 0.0, bench.final_value,
                     bench.profit, bench.holding_return, bench.xirr, None])
    if not machine:
        rows = [row[:-1] + [None if row[-1] is None else _shown("max_drawdown", row[-1])] for row in rows]
    return Table(COMPARE_HEADERS, rows, "comparison")


def _every_start(lib: Any, series: Any, amount: float, frequency: str, years: tuple[int, ...], start: Any,
                 end: Any, rule: Any, ref: Any, options: dict[str, Any], labels: dict[str, tuple[str, str]]) -> Any:
    s = settings()
    state: dict[str, Any] = {}

    def report(done: int, total: int) -> None:
        if "bar" not in state:
            state["ctx"] = progress(range(total), length=total, label=message("funds.progress", s.lang))
            state["bar"] = state["ctx"].__enter__()
            state["done"] = 0
        if hasattr(state["bar"], "update"):
            state["bar"].update(done - state["done"])
        state["done"] = done

    try:
        result = lib.every_start(series, amount, years=years, frequency=frequency, start=start, end=end,
                                 smart=rule, reference=ref, progress=report, **options)
    finally:
        if "ctx" in state:
            state["ctx"].__exit__(None, None, None)
    for note in _new_notes(result, series):
        _notice(note)
    rows = result.rows()
    emit(result.to_dict(), [Table(result.headers, rows, "every_start")], labels)
    return result
