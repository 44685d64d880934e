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
from ._output import (AMOUNT, DATE, RATE, Table, bilingual, emit, plot_option, progress, save_plot, settings,
                      summary_table)

LABELS = {
    "strategy": ("方式", "Strategy"),
    "dca": ("普通定投", "DCA"),
    "smart": ("智能定投", "Smart DCA"),
    "lump_sum": ("一次性投入", "Lump sum"),
    "deposit": ("零存整取/定期存款", "Bank deposit"),
    "installment": ("零存整取", "Installment savings"),
    "fixed": ("整存整取", "Fixed deposit"),
    "installments": ("扣款期数", "Installments"),
    "invested": ("投入本金（含费）", "Invested (fees incl.)"),
    "shares": ("持有份额", "Shares"),
    "average_cost": ("平均成本", "Average cost"),
    "market_value": ("持仓市值", "Market value"),
    "cash_dividends": ("现金分红", "Cash dividends"),
    "redemption_fee": ("赎回费", "Redemption fee"),
    "redemption_value": ("赎回到账", "Redemption proceeds"),
    "final_value": ("期末价值", "Final value"),
    "profit": ("收益", "Profit"),
    "holding_return": ("定投收益率", "Holding return"),
    "xirr": ("年化收益率 (XIRR)", "Annualized (XIRR)"),
    "max_drawdown": ("最大回撤", "Max drawdown"),
    "first_date": ("首次扣款", "First debit"),
    "value_date": ("估值日", "Valuation date"),
    "value_nav": ("估值日净值", "NAV on valuation date"),
    "scheduled_date": ("约定扣款日", "Scheduled"),
    "dealt_date": ("实际扣款日", "Dealt"),
    "net": ("净申购金额", "Net amount"),
    "nav": ("单位净值", "NAV"),
    "source": ("净值数据", "NAV data"),
    "summary": ("定投回测", "DCA back-test"),
    "lots": ("每期明细", "Installments"),
    "comparison": ("同日同额比较", "Same dates, same money"),
    "every_start": ("任意起点定投统计", "Every start date"),
    "years": ("持有年数", "Years"),
    "starts": ("起点数", "Starts"),
    "win_rate": ("定投胜率", "Win rate"),
    "median_return": ("收益率中位数", "Median return"),
    "p5_return": ("收益率5%分位", "5th pct return"),
    "p95_return": ("收益率95%分位", "95th pct return"),
    "median_xirr": ("年化中位数", "Median XIRR"),
    "p5_xirr": ("年化5%分位", "5th pct XIRR"),
    "p95_xirr": ("年化95%分位", "95th pct XIRR"),
    "best_start": ("最佳起点", "Best start"),
    "best_return": ("最佳收益率", "Best return"),
    "worst_start": ("最差起点", "Worst start"),
    "worst_return": ("最差收益率", "Worst return"),
    "annual_rate": ("存款利率", "Deposit rate"),
}

SUMMARY_KEYS = ("installments", "invested", "fees", "shares", "average_cost", "market_value",
                "cash_dividends", "redemption_fee", "redemption_value", "profit", "holding_return",
                "xirr", "max_drawdown", "first_date", "value_date", "value_nav")
COMPARE_HEADERS = ("strategy", "installments", "invested", "fees", "final_value", "profit",
                   "holding_return", "xirr", "max_drawdown")


def _discount(ctx, param, value: Any) -> float:
    """0.1, '1折' or '10%' of the list rate."""
    from ..dca import parse_discount

    try:
        return parse_discount(value)
    except InputError as error:
        raise click.BadParameter(f"{value!r}: " + bilingual(error.hint, error.hint_zh)) from None


def _notice(note: str, prefix: str = "") -> None:
    """One stderr line, in the --lang language (library notes carry their code for that)."""
    from ..navdata import note_text

    s = settings()
    click.echo(f"{s.pick('注意：', 'Note: ')}{prefix}{note_text(note, s.lang)}", err=True)


def _new_notes(result: Any, series: Any) -> list:
    """The result's notes beyond the series' own (already shown), without the synthetic one."""
    return [n for n in result.notes[len(series.notes):] if getattr(n, "code", "") != "synthetic"]


def _check_needs(flags: dict[str, bool]) -> None:
    """Refuse an option given without the one it belongs to (it would be silently ignored)."""
    ctx = click.get_current_context()
    for options, needs, names in (
        ("--years", "--every-start", ("years",)),
        ("--deposit-kind, --deposit-rate, --rate-table", "--vs-deposit",
         ("deposit_kind", "deposit_rate", "rate_table_id")),
        ("--seed, --days, --drift, --volatility", "--synthetic", ("seed", "synthetic_days", "drift", "volatility")),
    ):
        if not flags[needs] and any(
                ctx.get_parameter_source(n) == click.core.ParameterSource.COMMANDLINE for n in names):
            raise click.UsageError(bilingual(f"{options} only work(s) with {needs}; add {needs} or drop them",
                                             f"{options} 须与 {needs} 一起使用；请加上 {needs}，或不用 {options}"))


def _bt_row(bt: Any, name: str) -> list:
    final = bt.redemption_value if bt.redemption_value else bt.market_value
    return [name, bt.installments, bt.invested, bt.fees, final + bt.cash_dividends, bt.profit,
            bt.holding_return, bt.xirr, bt.max_drawdown]


_KIND_ZH = {"installment": "零存整取", "fixed": "整存整取"}


def _deposit_rate(months: int, kind: str, table_id: str | None) -> tuple[float, str]:
    table = settings().catalog().rate_table(table_id)
    lines = dict(getattr(table, kind))
    if not lines:
        raise InputError("rate_table", table.id, f"the table lists no {kind} rates; give --deposit-rate",
                         hint_zh=f"该利率表没有{_KIND_ZH.get(kind, kind)}利率；请用 --deposit-rate 给出存款利率")
    term = min((m for m in lines if m >= months), default=max(lines))
    return float(lines[term]), f"{table.id} {kind} {term}m"


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
              help="Compare smart DCA: ICBC 2009 table on the 180-day MA (rules §9.3). 智能定投")
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
        rate_table_id, every_start, years, lots, synthetic, seed, synthetic_days, drift, volatility, plot) -> None:
    """Fund DCA back-test 基金定投回测: real fees (外扣法, discount), XIRR, every start date.

    \b
    NAV_FILE: a NAV history exported by a fund site (天天基金, fund companies):
    净值日期, 单位净值 and optionally 累计净值, 分红送配 (日增长率, 申购状态 and other
    columns are ignored); UTF-8 or GBK, comma or tab, any date order. Or --synthetic.
    Examples:
      wealthcalc dca examples/nav_synthetic.csv --amount 1000 --day 8 --fee 1.5% --discount 0.1
      wealthcalc dca examples/nav_synthetic.csv --amount 1000 --every-start --years 1 --years 3
    """
    import dataclasses

    from .. import dca as lib

    if synthetic == (nav_file is not None):
        raise click.UsageError(bilingual("give a NAV_FILE or --synthetic (one of them)",
                                         "请给出净值文件 NAV_FILE 或 --synthetic（二者选一）"))
    _check_needs({"--every-start": every_start, "--vs-deposit": vs_deposit, "--synthetic": synthetic})
    s = settings()
    if synthetic:
        series = lib.synthetic_nav(days=synthetic_days, annual_drift=drift, volatility=volatility, seed=seed)
    else:
        series = lib.load_nav(nav_file)
    if series.synthetic:
        _notice(s.pick(f"模拟净值（非真实基金历史）：{lib.describe_source(series.source, 'zh')}",
                       f"synthetic NAV series, not a fund's history: {lib.describe_source(series.source, 'en')}"))
    for note in series.notes:
        _notice(note)
    rule = None
    if smart or ma_days or top_factor is not None or reference:
        rule = lib.ICBC_2009
        if ma_days:
            rule = dataclasses.replace(rule, ma_days=ma_days)
        if top_factor is not None:
            rule = dataclasses.replace(rule, above=rule.above[:-1] + ((rule.above[-1][0], top_factor),))
    ref = lib.load_nav(reference) if reference else None
    options = dict(fee_rate=fee_rate, discount=discount, rounding=rounding, dividends=dividends, redeem=redeem)
    if every_start:
        if vs_lump_sum or vs_deposit or lots:
            raise click.UsageError(bilingual(
                "--every-start shows statistics only; drop --vs-lump-sum, --vs-deposit, --lots",
                "--every-start 只给出统计结果；请去掉 --vs-lump-sum、--vs-deposit、--lots"))
        if day is not None or value_date is not None:
            raise click.UsageError(bilingual(
                "--every-start uses each start date's own day and values each plan at the "
                "end of its holding period; drop --day and --value-date",
                "--every-start 以每个起点当天为扣款日，并在持有期末估值；请去掉 --day 和 --value-date"))
        result = _every_start(lib, series, amount, frequency, tuple(years) or (1, 3, 5), start, end, rule, ref,
                              options)
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
        months = max(1, round((bt.value_date - bt.first_date).days / 30.4375))
        if deposit_rate is None:
            deposit_rate, where = _deposit_rate(months, deposit_kind, rate_table_id)
        else:
            where = "--deposit-rate"
        bench = lib.deposit_benchmark(bt.dealt_dates, bt.amounts, bt.value_date, annual_rate=deposit_rate,
                                      kind=deposit_kind)
    for name, result in results:
        for note in _new_notes(result, series):
            _notice(note, s.label(name, LABELS) + s.pick('：', ': '))
    # --plot draws the plan asked about: the smart one with --smart (the table compares both)
    charted = dict(results).get("smart", bt)
    data = {"synthetic": bt.synthetic, "source": bt.source, **{name: r.to_dict() for name, r in results}}
    if bench is not None:
        data["deposit"] = {**bench.to_dict(), "rate_source": where}
    if s.output_format == "csv":
        tables = [Table(bt.headers, bt.rows(), "lots")] if lots else []
        tables.append(_comparison(results, bench, s))
        emit(data, tables, LABELS)
        save_plot(charted, plot, nav=series)
        return
    pairs = [("source", lib.describe_source(bt.source, s.lang))] + [(k, _shown(k, getattr(bt, k))) for k in SUMMARY_KEYS]
    if not redeem:
        pairs = [p for p in pairs if p[0] not in ("redemption_fee", "redemption_value")]
    if not bt.cash_dividends:
        pairs = [p for p in pairs if p[0] != "cash_dividends"]
    tables = [summary_table(pairs, "summary")]
    if lots:
        tables.append(Table(bt.headers, [row[:5] + [_shown("nav", row[5])] + row[6:] for row in bt.rows()],
                            "lots"))
    if len(results) > 1 or bench is not None:
        tables.append(_comparison(results, bench, s))
    emit(data, tables, LABELS)
    save_plot(charted, plot, nav=series)


def _shown(key: str, value: Any) -> Any:
    """Table text for values the shared formatter would show as money."""
    if key in ("average_cost", "value_nav", "nav"):
        return f"{value:.4f}"
    if key == "max_drawdown":
        return f"{value * 100:.2f}%"
    return value


def _comparison(results, bench, s) -> Table:
    machine = s.output_format != "table"
    rows = [_bt_row(r, name if machine else s.label(name, LABELS)) for name, r in results]
    if bench is not None:
        label = bench.kind if machine else f"{s.label(bench.kind, LABELS)} {bench.annual_rate * 100:.2f}%"
        rows.append([label, len(results[0][1].amounts), bench.invested, 0.0, bench.final_value,
                     bench.profit, bench.holding_return, bench.xirr, None])
    if not machine:
        rows = [row[:-1] + [None if row[-1] is None else _shown("max_drawdown", row[-1])] for row in rows]
    return Table(COMPARE_HEADERS, rows, "comparison")


def _every_start(lib, series, amount, frequency, years, start, end, rule, ref, options) -> Any:
    s = settings()
    state: dict[str, Any] = {}

    def report(done: int, total: int) -> None:
        if "bar" not in state:
            state["ctx"] = progress(range(total), length=total, label=s.pick("任意起点回测", "every start"))
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
    emit(result.to_dict(), [Table(result.headers, rows, "every_start")], LABELS)
    return result
