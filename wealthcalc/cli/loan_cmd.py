"""``wealthcalc loan``: repayment schedules, combined loans, provident quotes, APR, batches.

``wealthcalc loan --amount 100万 --rate 4.9% --years 30`` runs the basic
calculation; the subcommands cover the rest.
"""

from __future__ import annotations

import csv
import datetime as _dt
import os
from typing import Any, Iterator

import click

from ..errors import InputError, WealthcalcError
from ._output import (AMOUNT, DATE, RATE, Table, bilingual, emit, plot_option, progress, safe_csv_cell,
                      save_plot, settings, summary_table)

LABELS: dict[str, tuple[str, str]] = {
    "loan_amount": ("贷款金额", "Loan amount"),
    "method": ("还款方式", "Method"),
    "term_months": ("合同期限(月)", "Term (months)"),
    "start": ("放款日", "Drawdown date"),
    "first_payment": ("首期月供", "First payment"),
    "last_payment": ("末期还款", "Last payment"),
    "total_penalty": ("违约金", "Prepayment penalty"),
    "interest_saved": ("节省利息", "Interest saved"),
    "payment_after_prepayment": ("提前还款后月供", "Payment after prepayment"),
    "last_rate": ("末期年利率", "Rate at the end"),
    "payoff_date": ("结清日", "Payoff date"),
    "prepaid": ("提前还款", "Prepaid"),
    "penalty": ("违约金", "Penalty"),
    "year": ("年度", "Year"),
    "schedule": ("还款计划", "Repayment schedule"),
    "by_year": ("按年汇总", "By year"),
    "summary": ("汇总", "Summary"),
    "provident_payment": ("公积金月供", "Provident payment"),
    "commercial_payment": ("商贷月供", "Commercial payment"),
    "provident_amount": ("公积金贷款", "Provident loan"),
    "commercial_amount": ("商业贷款", "Commercial loan"),
    "provident_rate": ("公积金利率", "Provident rate"),
    "commercial_rate": ("商贷利率", "Commercial rate"),
    "provident_bound": ("公积金额度依据", "Provident limited by"),
    "commercial_bound": ("商贷额度依据", "Commercial limited by"),
    "down_payment": ("首付款", "Down payment"),
    "down_payment_bound": ("首付依据", "Down payment set by"),
    "price": ("房价", "Price"),
    "policy_id": ("公积金政策", "Provident policy"),
    "rate_rule": ("利率规则", "Rate rule"),
    "total_cost": ("总成本", "Total cost"),
    "monthly_rate": ("月利率(IRR)", "Monthly rate (IRR)"),
    "apr": ("年化利率(APR)", "APR"),
    "effective_rate": ("实际年利率", "Effective annual rate"),
    "simple_rate": ("单利年化", "Simple-interest rate"),
    "converged": ("已收敛", "Converged"),
    "upfront_fee": ("前置费用", "Up-front fee"),
    "offers": ("方案比较(按真实年化从低到高)", "Offers, cheapest true rate first"),
    "name": ("方案", "Offer"),
    "equal_installment": ("等额本息", "Equal installment"),
    "equal_principal": ("等额本金", "Equal principal"),
    "interest_only": ("先息后本", "Interest only"),
    "difference": ("差额(等额本金−等额本息)", "Difference (principal − installment)"),
    "method_comparison": ("等额本息 vs 等额本金", "Equal installment vs equal principal"),
    "rows_read": ("读取行数", "Rows read"),
    "rows_written": ("写出行数", "Rows written"),
    "rows_skipped": ("跳过行数", "Rows skipped"),
    "output": ("输出文件", "Output"),
    "cap_couple": ("夫妻双方缴存最高额度", "cap, both spouses paying"),
    "cap_single": ("单方缴存最高额度", "cap, one spouse paying"),
    "cap_county": ("县(市)最高额度", "county cap"),
    "ltv_first_home": ("首套房贷款比例", "first-home loan-to-value"),
    "ltv_second_hand": ("二手房贷款比例", "second-hand loan-to-value"),
    "ltv_second_home": ("二套房贷款比例", "second-home loan-to-value"),
    "requested": ("按申请金额", "as requested"),
    "first_home": ("首套房利率", "first-home rate"),
    "second_home_multiplier": ("二套房: 首套利率 × 政策倍数", "second home: policy multiple of the first-home rate"),
    "second_home_table": ("二套房利率(利率表)", "second-home rate (table)"),
    "rate_on": ("利率日期", "Rate as of"),
}

_METHODS = ["equal-installment", "equal-principal", "interest-only", "等额本息", "等额本金", "先息后本"]


# ---------------------------------------------------------------- option parsing


def _parse_bp(text: str, field: str) -> float:
    """A spread: '10bp', '+10bp', '-30bp', '0.1%' or 0.001."""
    from ..money import parse_rate

    value = text.strip().lower()
    try:
        if value.endswith("bp"):
            return float(value[:-2]) / 10_000
        return parse_rate(value, field=field, allow_negative=True)
    except ValueError:
        raise InputError(field, text, "a spread like '10bp', '-30bp' or '0.1%'",
                         hint_zh="加点请写成 '10bp'、'-30bp' 或 '0.1%'") from None


def _parse_at(text: str, field: str):
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(field, text, "a date YYYY-MM-DD or an installment number",
                         hint_zh="请写日期 YYYY-MM-DD 或期数") from None


def _parse_prepay(spec: str):
    """DATE:AMOUNT[:MODE[:PENALTY]] → Prepayment; PENALTY '1%' of the amount or '2m' of interest."""
    from ..loans import Prepayment
    from ..money import parse_amount, parse_rate

    parts = spec.split(":")
    hint = "write DATE:AMOUNT[:shorten|reduce[:PENALTY]], e.g. 2027-06-01:20万:shorten or 2027-06-01:all"
    hint_zh = ("请写成 日期:金额[:shorten 缩短期限|reduce 减少月供[:违约金]]，"
               "例如 2027-06-01:20万:shorten，一次性结清写 2027-06-01:all")
    if len(parts) < 2 or len(parts) > 4:
        raise InputError("prepay", spec, hint, hint_zh=hint_zh)
    at = _parse_at(parts[0], "prepay")
    if parts[1].strip().lower() in ("all", "full", "全部", "结清"):
        amount, mode = None, "full"
    else:
        amount = parse_amount(parts[1], field="prepay")
        mode = parts[2].strip() if len(parts) > 2 and parts[2].strip() else "shorten"
    penalty_rate = penalty_months = 0.0
    if len(parts) == 4:
        pen = parts[3].strip().lower()
        if pen.endswith("m"):
            try:
                penalty_months = float(pen[:-1])
            except ValueError:
                raise InputError("prepay", spec, "penalty as '1%' of the amount or '2m' (months of interest)",
                                 hint_zh="违约金写成还款额的 '1%'，或 '2m'（几个月的利息）") from None
        else:
            penalty_rate = parse_rate(pen, field="prepay")
    return Prepayment(at, amount, mode, penalty_rate, penalty_months)


def _parse_rate_change(spec: str):
    from ..loans import RateChange
    from ..money import parse_rate

    at, sep, rate = spec.rpartition(":")
    if not sep:
        raise InputError("rate_change", spec, "write DATE:RATE, e.g. 2027-01-01:3.5%",
                         hint_zh="请写成 日期:利率，例如 2027-01-01:3.5%")
    return RateChange(_parse_at(at, "rate_change"), parse_rate(rate, field="rate_change"))


def _term(years: int | None, months: int | None) -> int:
    if years is None and months is None:
        raise click.UsageError(bilingual("give the term with --years or --months",
                                         "请用 --years 或 --months 给出贷款期限"))
    if years is not None and months is not None and years * 12 != months:
        raise click.UsageError(bilingual("--years and --months disagree; give one of them",
                                         "--years 与 --months 不一致；只给其中一个"))
    return months if months is not None else years * 12


def _lpr_path(term_months: int) -> list[tuple[_dt.date, float]]:
    """The catalog's LPR path of the tenor that prices the loan (5y+ above five years)."""
    tenor = "5y" if term_months > 60 else "1y"
    path = settings().catalog().lpr
    return [(row.effective, row.rates[tenor]) for row in path.rows if tenor in row.rates]


def _schedule_table(schedule) -> Table:
    """Every installment; the prepaid and penalty columns when the loan has any."""
    extra = [name for name in ("prepaid", "penalty") if getattr(schedule, name).any()]
    rows = schedule.rows()
    if extra:
        columns = [getattr(schedule, name).tolist() for name in extra]
        rows = [row + [col[i] for col in columns] for i, row in enumerate(rows)]
    return Table(headers=(*schedule.headers, *extra), rows=rows, title="schedule")


def _by_year_table(schedule) -> Table:
    return Table(headers=schedule.by_year_headers, rows=schedule.by_year(), title="by_year")


def _summary_pairs(data: dict[str, Any]) -> list[tuple[str, Any]]:
    s = settings()
    pairs = []
    for key, value in data.items():
        if key == "method" and s.output_format == "table":  # csv keeps json's English codes
            value = s.label(value, LABELS)
        if key in ("interest_saved", "total_penalty") and not value:
            continue
        pairs.append((key, value))
    return pairs


# ---------------------------------------------------------------- loan


@click.group("loan", invoke_without_command=True)
@click.option("--amount", type=AMOUNT, help="Loan amount (贷款金额), e.g. 100万.")
@click.option("--rate", type=RATE, help="Annual rate (年利率), e.g. 4.9%.")
@click.option("--years", type=click.IntRange(1, 50), help="Term in years (贷款年限).")
@click.option("--months", type=click.IntRange(1, 600), help="Term in months (instead of --years).")
@click.option("--method", type=click.Choice(_METHODS), default="equal-installment", show_default=True,
              help="等额本息 equal-installment, 等额本金 equal-principal, 先息后本 interest-only.")
@click.option("--start", type=DATE, help="Drawdown date (放款日), YYYY-MM-DD.")
@click.option("--payment-day", type=click.IntRange(1, 31),
              help="Repayment day of the month (还款日); default the drawdown day.")
@click.option("--prepay", multiple=True, metavar="DATE:AMOUNT[:MODE[:PENALTY]]",
              help="Prepayment (提前还款), repeatable: 2027-06-01:20万:shorten (缩短期限) or "
                   ":reduce (减少月供); AMOUNT 'all' pays off (一次性结清); PENALTY (违约金) '1%' of "
                   "the amount or '2m' of interest, e.g. 2027-06-01:all::1%.")
@click.option("--min-prepay", type=AMOUNT, default="1万", show_default=True,
              help="Smallest partial prepayment the bank takes (最低部分提前还款金额); 0 allows any amount.")
@click.option("--rate-change", multiple=True, metavar="DATE:RATE",
              help="New annual rate from a date (利率调整), repeatable: 2027-01-01:3.5%.")
@click.option("--lpr-spread", metavar="BP",
              help="LPR + spread pricing (LPR加点), e.g. 10bp or -30bp; reprices from the catalog's LPR.")
@click.option("--repricing", type=click.Choice(["january", "anniversary"]), default="january",
              show_default=True, help="Repricing day (重定价日) for --lpr-spread.")
@click.option("--schedule", "show_schedule", is_flag=True, help="Print every installment (还款计划).")
@click.option("--by-year", is_flag=True, help="Print yearly totals (按年汇总).")
@plot_option
@click.pass_context
def loan(ctx, amount, rate, years, months, method, start, payment_day, prepay, min_prepay, rate_change,
         lpr_spread, repricing, show_schedule, by_year, plot) -> None:
    """Loan repayment schedule (贷款计算): 等额本息 / 等额本金 / 先息后本, to the fen.

    \b
    Examples:
      wealthcalc loan --amount 100万 --rate 4.9% --years 30
      wealthcalc loan --amount 100万 --rate 4.9% --years 30 --start 2026-01-15 \\
          --prepay 2027-01-15:20万:reduce --by-year
      wealthcalc loan --amount 100万 --rate 4.9% --years 30 --start 2019-06-15 \\
          --lpr-spread 10bp --repricing january
    Subcommands: combined (组合贷), provident (公积金额度), apr (真实年化),
    compare (方案比较), batch (批量计算).
    """
    if ctx.invoked_subcommand is not None:
        return
    if amount is None:
        raise click.UsageError(bilingual("give --amount, --rate and --years (or a subcommand; see --help)",
                                         "请给出 --amount、--rate 和 --years（或用子命令，见 --help）"))
    from .. import loans

    term = _term(years, months)
    kwargs: dict[str, Any] = {}
    if lpr_spread is not None:
        if start is None:
            raise click.UsageError(bilingual("--lpr-spread needs --start (the drawdown date)",
                                             "--lpr-spread 需要放款日 --start"))
        spread = _parse_bp(lpr_spread, "lpr_spread")
        path = _lpr_path(term)
        kwargs = {"lpr_path": path, "lpr_spread": spread, "repricing": repricing}
        if rate is None:
            first = min(day for day, _ in path)
            if start < first:
                raise InputError("start", start.isoformat(),
                                 f"the LPR starts on {first}; for a loan drawn before it give its contract "
                                 "rate with --rate (LPR + spread applies from the first repricing day)",
                                 hint_zh=f"LPR 从 {first} 起才有；在此之前放款的贷款请用 --rate 给出合同利率"
                                 "（LPR 加点从第一个重定价日起执行）")
            rate = round(loans.lpr_on(start, path) + spread, 7)
    if rate is None:
        raise click.UsageError(bilingual("give --rate (or --lpr-spread with --start)",
                                         "请给出 --rate（或 --lpr-spread 加 --start）"))
    kwargs.update(method=method, start=start, payment_day=payment_day,
                  rate_changes=[_parse_rate_change(c) for c in rate_change])
    try:
        result = loans.amortize(amount, rate, term, prepayments=[_parse_prepay(p) for p in prepay],
                                min_prepayment=min_prepay, **kwargs)
    except InputError as error:  # name the option, not the library keyword
        hint = error.hint.replace("min_prepayment", "--min-prepay")
        hint_zh = error.hint_zh.replace("min_prepayment", "--min-prepay")
        if error.field == "start" and error.value is None:  # dated events on an undated loan
            option, example = ("--rate-change", "13:3.5%") if "rate_changes" in hint else ("--prepay", "12:1万")
            hint = (f"{option} given by date needs the loan's start date: add --start (the drawdown "
                    f"date) or give the installment number, e.g. {option} {example}")
            hint_zh = f"按日期给出的 {option} 需要放款日：请加 --start（放款日），或改写期数，例如 {option} {example}"
        raise InputError(error.field, error.value, hint, hint_zh=hint_zh) from None
    data = result.summary()
    prepaid = result.prepaid.nonzero()[0]
    if prepaid.size and prepaid[-1] + 1 < result.months:
        data["payment_after_prepayment"] = float(result.payment[prepaid[-1] + 1])
    if result.months and round(float(result.rate[-1]), 7) != round(rate, 7):  # repriced or changed
        data["last_rate"] = float(result.rate[-1])
    tables = [summary_table(_summary_pairs(data), title="summary")]
    if by_year:
        data["by_year"] = [dict(zip(result.by_year_headers, row)) for row in result.by_year()]
        tables.append(_by_year_table(result))
    if show_schedule:
        data["schedule"] = result.to_dict()["schedule"]
        tables.append(_schedule_table(result))
    emit(data, tables, LABELS)
    if plot:
        baseline = loans.amortize(amount, rate, term, **kwargs) if prepay else None
        save_plot(result, plot, baseline=baseline)


# ---------------------------------------------------------------- combined


@loan.command("combined")
@click.option("--provident", "provident_amount", type=AMOUNT, required=True,
              help="Provident-fund part (公积金贷款), e.g. 60万.")
@click.option("--provident-rate", type=RATE, required=True, help="Provident rate, e.g. 2.6%.")
@click.option("--commercial", "commercial_amount", type=AMOUNT, required=True,
              help="Commercial part (商业贷款), e.g. 100万.")
@click.option("--commercial-rate", type=RATE, required=True, help="Commercial rate, e.g. 3.5%.")
@click.option("--years", type=click.IntRange(1, 50), help="Term in years, both parts (贷款年限).")
@click.option("--months", type=click.IntRange(1, 600), help="Term in months (instead of --years).")
@click.option("--method", type=click.Choice(_METHODS), default="equal-installment", show_default=True,
              help="Repayment method of both parts (还款方式).")
@click.option("--start", type=DATE, help="Drawdown date (放款日), YYYY-MM-DD.")
@click.option("--schedule", "show_schedule", is_flag=True, help="Print every month: both parts and the sum.")
@plot_option
def combined_cmd(provident_amount, provident_rate, commercial_amount, commercial_rate, years, months,
                 method, start, show_schedule, plot) -> None:
    """Combined loan (组合贷款): provident + commercial, each rounded on its own.

    \b
    Example (rules §10.5, L-10: 2,402.04 + 4,490.45 = 6,892.49 a month):
      wealthcalc loan combined --provident 60万 --provident-rate 2.6% \\
          --commercial 100万 --commercial-rate 3.5% --years 30
    """
    from .. import loans

    result = loans.combined((provident_amount, provident_rate), (commercial_amount, commercial_rate),
                            _term(years, months), method=method, start=start)
    data = {
        "provident_amount": result.provident.loan_amount,
        "provident_rate": result.provident.annual_rate,
        "provident_payment": result.provident.first_payment,
        "commercial_amount": result.commercial.loan_amount,
        "commercial_rate": result.commercial.annual_rate,
        "commercial_payment": result.commercial.first_payment,
        "first_payment": result.first_payment,
        "months": result.months,
        "total_interest": result.total_interest,
        "total_paid": result.total_paid,
    }
    tables = [summary_table(data.items(), title="summary")]
    if show_schedule:
        rows = result.rows()
        data["schedule"] = [dict(zip(result.headers, r)) for r in rows]
        tables.append(Table(result.headers, rows, title="schedule"))
    emit(data, tables, LABELS)
    save_plot(result, plot)


# ---------------------------------------------------------------- provident


@loan.command("provident")
@click.option("--price", type=AMOUNT, required=True, help="Home price (房价), e.g. 100万.")
@click.option("--policy", "policy_id", default=None,
              help="Provident policy id in the catalog, e.g. zhengzhou-2013 or national-default "
                   "(default: the catalog's).")
@click.option("--buyers", type=click.Choice(["couple", "single", "county"]), default="couple",
              show_default=True, help="夫妻双方缴存 couple, 单方 single, 县(市) county.")
@click.option("--second-home", is_flag=True, help="Second home (二套房).")
@click.option("--second-hand", is_flag=True, help="Second-hand home (二手房).")
@click.option("--rate", type=RATE,
              help="Provident rate (公积金利率): the first-home rate (a policy multiplier applies for a "
                   "second home) or, under a policy without one, the second-home rate. Default: the "
                   "catalog's provident rate in force on --on.")
@click.option("--on", "on_date", type=DATE, help="Date for the catalog rate (default today).")
@click.option("--years", type=click.IntRange(1, 30), default=20, show_default=True, help="Term in years.")
def provident_cmd(price, policy_id, buyers, second_home, second_hand, rate, on_date, years) -> None:
    """Provident-fund loan quote (公积金贷款额度): most allowed, commercial top-up, down payment.

    \b
    Each number names the rule that bound it (city cap or loan-to-value).
    Example: wealthcalc loan provident --price 100万 --on 2013-06-01
    """
    from .. import loans

    s = settings()
    catalog = s.catalog()
    policy = catalog.provident_policy(policy_id)
    rate_on = None
    if rate is None:
        # the policy's multiplier applies to the first-home rate; without one, second homes
        # take the table's second-home column (rules §3.6)
        table_second = second_home and getattr(policy, "second_home_rate_multiplier", None) is None
        column = ("second" if table_second else "first") + ("_gt5y" if years > 5 else "_le5y")
        rate_on = on_date or _dt.date.today()
        rate = catalog.provident_rates.rate(column, rate_on)
        if on_date is None and (rate_on - policy.as_of).days > 2 * 365:
            click.echo(s.pick(
                f"注意：公积金政策 {policy.id} 的数据日期是 {policy.as_of}，利率取 {rate_on} 执行的利率；"
                f"加 --on {policy.as_of} 可用当时的利率。",
                f"Note: policy {policy.id} is as of {policy.as_of}; the rate is the one in force "
                f"on {rate_on}. Add --on {policy.as_of} for the rate of its time."), err=True)
    quote = loans.provident_quote(price, policy=policy, buyers=buyers, second_home=second_home,
                                  second_hand=second_hand, annual_rate=rate, months=years * 12)
    data = quote.to_dict()
    data["rate_on"] = rate_on
    words = s.output_format == "table"  # csv keeps json's English codes
    shown = [(k, s.label(v, LABELS) if words and (k.endswith("_bound") or k == "rate_rule") else v)
             for k, v in data.items()]
    emit(data, [summary_table(shown, title="summary")], LABELS)


# ---------------------------------------------------------------- apr


@loan.command("apr")
@click.option("--amount", type=AMOUNT, required=True, help="Amount lent (借款金额).")
@click.option("--months", type=click.IntRange(1, 600), required=True, help="Number of monthly payments.")
@click.option("--payment", type=AMOUNT, help="Monthly payment as quoted (每期还款).")
@click.option("--monthly-fee", type=RATE,
              help="Installment fee per month on the original amount (每期手续费率), e.g. 0.6%.")
@click.option("--rate", type=RATE,
              help="Contract annual rate of an equal-installment loan (合同年利率), e.g. 4.75% or 0% "
                   "for '0 interest' (零利率) offers.")
@click.option("--fee", type=AMOUNT, default="0", show_default=True,
              help="Up-front fee paid at drawdown (前置手续费/服务费).")
def apr_cmd(amount, months, payment, monthly_fee, rate, fee) -> None:
    """True annual rate (真实年化利率, IRR) of an installment plan or loan offer.

    \b
    Give exactly one of --payment, --monthly-fee or --rate; --fee adds an
    up-front fee. The APR counts every cost over the money really in use
    (rules §10.8). Examples:
      wealthcalc loan apr --amount 12000 --months 12 --monthly-fee 0.6%
      wealthcalc loan apr --amount 14万 --months 36 --rate 0% --fee 8000
    """
    from .. import loans

    if sum(x is not None for x in (payment, monthly_fee, rate)) != 1:
        raise click.UsageError(bilingual("give one of --payment, --monthly-fee or --rate",
                                         "--payment、--monthly-fee、--rate 请只给其中一个"))
    if monthly_fee is not None:
        payments = list(loans.installment_offer(amount, months, monthly_fee).payments)
    elif rate is not None:
        payments = loans.amortize(amount, rate, months).payment.tolist()
    else:
        payments = [payment] * months
    result = loans.apr(amount, payments, fees=fee)
    data = result.to_dict()
    emit(data, [summary_table([(k, _true_rate(k, v)) for k, v in data.items()], title="summary")], LABELS)


def _true_rate(key: str, value: Any) -> Any:
    """Table text of the effective and simple annual rates: 2 decimals, as the APR beside them."""
    if key in ("effective_rate", "simple_rate") and settings().output_format == "table" \
            and isinstance(value, float):
        return f"{value * 100:.2f}%"
    return value


# ---------------------------------------------------------------- compare


@loan.command("compare")
@click.option("--amount", type=AMOUNT, help="Loan amount, to compare repayment methods.")
@click.option("--rate", type=RATE, help="Annual rate, to compare repayment methods.")
@click.option("--years", type=click.IntRange(1, 50), help="Term in years.")
@click.option("--months", type=click.IntRange(1, 600), help="Term in months (instead of --years).")
@click.option("--installment", "installments", multiple=True, metavar="AMOUNT:MONTHS:FEE%",
              help="Card installment offer (信用卡分期), repeatable: 12000:12:0.6%.")
@click.option("--car", "cars", multiple=True, metavar="PRICE:MONTHS:RATE[:FEE[:RATIO]]",
              help="Car loan offer (汽车贷款), equal installments on RATIO of the price (default 70%), "
                   "repeatable: 20万:36:0%:8000 ('0 interest' + service fee) or 20万:60:benchmark "
                   "(the PBOC benchmark rate for the term on --on).")
@click.option("--offer", "offers", multiple=True, metavar="NAME:AMOUNT:MONTHS:PAYMENT[:FEE]",
              help="Any offer, repeatable: bankA:10万:36:3000:500.")
@click.option("--on", "on_date", type=DATE, help="Date for 'benchmark' rates (default today).")
def compare_cmd(amount, rate, years, months, installments, cars, offers, on_date) -> None:
    """Compare 等额本息 vs 等额本金, or several offers by true annual rate.

    \b
    Examples:
      wealthcalc loan compare --amount 100万 --rate 4.9% --years 30
      wealthcalc loan compare --car 20万:60:benchmark --car 20万:36:0%:8000 \\
          --installment 12000:12:0.6% --on 2004-12-01
    Offers are listed cheapest first by APR (12 × the monthly IRR).
    """
    from .. import loans

    if installments or cars or offers:
        items = ([_installment(x) for x in installments] + [_car(x, on_date) for x in cars]
                 + [_offer(x) for x in offers])
        result = loans.compare_offers(items)
        rows = [[_true_rate(h, v) for h, v in zip(result.headers, row)] for row in result.rows()]
        emit(result.to_dict(), [Table(result.headers, rows, title="offers")], LABELS)
        return
    if amount is None or rate is None:
        raise click.UsageError(bilingual("give --amount, --rate and --years, or offers (--installment/--car/--offer)",
                                         "请给出 --amount、--rate 和 --years，或给出方案（--installment/--car/--offer）"))
    term = _term(years, months)
    ei = loans.amortize(amount, rate, term, method="equal_installment")
    ep = loans.amortize(amount, rate, term, method="equal_principal")
    keys = ("first_payment", "last_payment", "total_interest", "total_paid", "months")
    rows = [[k, getattr(ei, k), getattr(ep, k), _diff(getattr(ep, k), getattr(ei, k))] for k in keys]
    data = {
        "equal_installment": ei.summary(),
        "equal_principal": ep.summary(),
        "difference": {r[0]: r[3] for r in rows},
    }
    s = settings()
    if s.output_format == "table":  # people read labels; csv keeps the English keys
        rows = [[s.label(r[0], LABELS)] + r[1:] for r in rows]
    emit(data, [Table(("item", "equal_installment", "equal_principal", "difference"), rows,
                      title="method_comparison")], LABELS)


def _diff(a, b):
    return a - b if isinstance(a, int) else round(a - b, 2)


def _split(spec: str, low: int, high: int, hint: str, field: str, hint_zh: str) -> list[str]:
    parts = spec.split(":")
    if not low <= len(parts) <= high:
        raise InputError(field, spec, hint, hint_zh=hint_zh)
    return parts


def _months(text: str, field: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(field, text, "months as a whole number", hint_zh="期数请写整数") from None


def _installment(spec: str):
    from .. import loans
    from ..money import parse_amount, parse_rate

    amount, months, fee = _split(spec, 3, 3, "write AMOUNT:MONTHS:FEE%, e.g. 12000:12:0.6%", "installment",
                                 "请写成 金额:期数:每期手续费率%，例如 12000:12:0.6%")
    n, fee_rate = _months(months, "installment"), parse_rate(fee, field="installment")
    name = settings().pick(f"信用卡分期 {n}期 × {fee_rate * 100:g}%/月", f"card installment {n} × {fee_rate * 100:g}%/month")
    return loans.installment_offer(parse_amount(amount, field="installment"), n, fee_rate, name=name)


_BENCHMARK_COLUMNS = ((6, ("6m", "1y")), (12, ("1y",)), (36, ("1_3y", "1_5y")), (60, ("3_5y", "1_5y")),
                      (10**9, ("gt5y",)))


def _benchmark_rate(months: int, on: _dt.date) -> float:
    """The PBOC benchmark lending rate (贷款基准利率) for a term, from the catalog's table on ``on``."""
    row = settings().catalog().loan_benchmarks.at(on)
    columns = next(cols for limit, cols in _BENCHMARK_COLUMNS if months <= limit)
    for column in columns:
        if column in row.rates:
            return row.rates[column]
    raise InputError("car", f"{months} months", f"the benchmark table of {row.effective} has no "
                     f"{' or '.join(columns)} rate; give the rate, e.g. 4.75%",
                     hint_zh=f"{row.effective} 的贷款基准利率表没有 {' 或 '.join(columns)} 档利率；"
                     "请直接写利率，例如 4.75%")


def _car(spec: str, on: _dt.date | None = None):
    from .. import loans
    from ..money import parse_amount, parse_rate

    parts = _split(spec, 3, 5, "write PRICE:MONTHS:RATE[:FEE[:RATIO]], e.g. 20万:36:0%:8000:70% "
                   "or 20万:60:benchmark", "car",
                   "请写成 车价:期数:利率[:服务费[:贷款比例]]，例如 20万:36:0%:8000:70% 或 20万:60:benchmark（基准利率）")
    n = _months(parts[1], "car")
    benchmark = parts[2].strip().lower() in ("benchmark", "基准", "基准利率")
    rate = _benchmark_rate(n, on or _dt.date.today()) if benchmark else parse_rate(parts[2], field="car")
    fee = parse_amount(parts[3], field="car") if len(parts) > 3 and parts[3] else 0.0
    ratio = parse_rate(parts[4], field="car") if len(parts) > 4 else 0.7
    s = settings()
    rate_text = s.pick(f"基准利率 {rate * 100:g}%", f"benchmark {rate * 100:g}%") if benchmark else f"{rate * 100:g}%"
    name = s.pick(f"汽车贷款 {ratio * 100:g}% × {n}期 {rate_text}", f"car loan {ratio * 100:g}% × {n} months {rate_text}")
    if fee:
        name += s.pick(f" 服务费 {fee:,.0f}", f" + fee {fee:,.0f}")
    return loans.car_loan_offer(parse_amount(parts[0], field="car"), n, annual_rate=rate, service_fee=fee,
                                loan_ratio=ratio, name=name)


def _offer(spec: str):
    from .. import loans
    from ..money import parse_amount

    parts = _split(spec, 4, 5, "write NAME:AMOUNT:MONTHS:PAYMENT[:FEE], e.g. bankA:10万:36:3000:500", "offer",
                   "请写成 名称:金额:期数:每期还款[:费用]，例如 bankA:10万:36:3000:500")
    n = _months(parts[2], "offer")
    if not 1 <= n <= 600:
        raise InputError("offer", spec, "months from 1 to 600", hint_zh="期数为 1 到 600")
    payment = parse_amount(parts[3], field="offer")
    fee = parse_amount(parts[4], field="offer") if len(parts) > 4 else 0.0
    return loans.Offer(parts[0], parse_amount(parts[1], field="offer"), (payment,) * n, fee)


# ---------------------------------------------------------------- batch


@loan.command("batch")
@click.argument("input_path", metavar="IN.csv", type=click.Path(exists=True, dir_okay=False))
@click.argument("output_path", metavar="OUT.csv", type=click.Path(dir_okay=False, writable=True))
@click.option("--chunk-size", type=click.IntRange(1, 1_000_000), default=10_000, show_default=True,
              help="Loans computed per step; memory grows with this, not with the file.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Text encoding of IN.csv: utf-8 (a BOM is fine) or gb18030 for files saved by "
                   "Chinese Excel (GBK).")
@click.option("--on-error", type=click.Choice(["fail", "skip"]), default="fail", show_default=True,
              help="A bad row stops the run (fail) or is reported on stderr and skipped (skip).")
@click.option("--method", type=click.Choice(_METHODS), default="equal-installment", show_default=True,
              help="Method for rows without a method column.")
def batch_cmd(input_path, output_path, chunk_size, encoding, on_error, method) -> None:
    """Summaries of a CSV of loans (批量计算), streamed in chunks.

    \b
    IN.csv columns: amount (or principal), rate, months (or years);
    optional id, method, start. OUT.csv: id (or line), first_payment,
    last_payment, total_interest, total_paid, months, payoff_date.
    Bad rows are reported as FILE line N; OUT.csv is written only on success.
    Example: wealthcalc loan batch --on-error skip book.csv summaries.csv
    """
    stats = _run_batch(input_path, output_path, chunk_size=chunk_size, on_error=on_error,
                       default_method=method, encoding=encoding)
    if stats["rows_skipped"]:
        click.echo(f"{stats['rows_skipped']} bad row(s) skipped", err=True)
    emit(stats, [summary_table(stats.items(), title="summary")], LABELS)


_OUT_HEADERS = ("id", "first_payment", "last_payment", "total_interest", "total_paid", "months", "payoff_date")


def _run_batch(input_path: str, output_path: str, *, chunk_size: int, on_error: str,
               default_method: str, encoding: str = "utf-8") -> dict[str, Any]:
    """Stream IN.csv to OUT.csv chunk by chunk; OUT.csv appears only if the run succeeds."""
    folder = os.path.dirname(os.path.abspath(output_path))
    if not os.path.isdir(folder):
        raise InputError("OUT.csv", output_path, f"the folder {folder} does not exist",
                         hint_zh=f"文件夹 {folder} 不存在")
    if os.path.exists(output_path) and os.path.samefile(input_path, output_path):
        raise InputError("OUT.csv", output_path, "write the summaries to another file than IN.csv",
                         hint_zh="结果请写到 IN.csv 以外的另一个文件")
    partial = f"{output_path}.part"
    try:
        stats = _stream(input_path, partial, chunk_size=chunk_size, on_error=on_error,
                        default_method=default_method, encoding=encoding)
    except BaseException:
        if os.path.exists(partial):
            os.remove(partial)
        raise
    os.replace(partial, output_path)
    stats["output"] = output_path
    return stats


def _stream(input_path, output_path, *, chunk_size, on_error, default_method, encoding) -> dict[str, Any]:
    read = written = skipped = 0
    name = os.path.basename(input_path)
    lines = _TextLines(input_path, encoding)
    with open(input_path, "rb") as raw, open(output_path, "w", newline="", encoding="utf-8") as dst:
        reader = csv.reader(lines.decode(raw))
        header = next(reader, None)
        if header is None:
            raise InputError("input", input_path, "the file is empty; it needs a header row",
                             hint_zh="文件是空的；第一行须是表头")
        columns = _batch_columns(header, input_path)
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(_OUT_HEADERS)
        # the bar counts bytes of IN.csv (known length: percent and time left); None off a terminal
        with progress(None, length=max(lines.size, 1), label=f"{name}") as bar:
            shown = 0
            for numbers, rows in _chunks(reader, chunk_size):
                read += len(rows)
                good, errors = _compute_chunk(numbers, rows, columns, default_method)
                for line, (field, value, hint, hint_zh) in errors:
                    where = f"{name} line {line}"
                    if on_error == "fail":
                        raise InputError(f"{where}, {field}", value, hint, hint_zh=hint_zh)
                    click.echo(f"Error: {where}, {field}: got {value!r}; {bilingual(hint, hint_zh)}", err=True)
                skipped += len(errors)
                if good:
                    writer.writerows([safe_csv_cell(cell) for cell in row] for row in good)
                    written += len(good)
                if bar is not None:
                    bar.update(lines.done - shown)
                    shown = lines.done
    return {"rows_read": read, "rows_written": written, "rows_skipped": skipped}


class _TextLines:
    """Decode a CSV file line by line, counting the bytes read (for the progress bar)."""

    def __init__(self, path: str, encoding: str) -> None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError("encoding", encoding, "a text encoding such as utf-8 or gb18030",
                             hint_zh="文本编码，例如 utf-8 或 gb18030") from None
        self.path = path
        self.encoding = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        self.size = os.path.getsize(path)
        self.done = 0

    def decode(self, raw) -> Iterator[str]:
        name = os.path.basename(self.path)
        encoding = self.encoding
        for number, line in enumerate(raw, 1):
            self.done += len(line)
            try:
                yield line.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name} line {number}", line[:40].decode(encoding, "replace"),
                                 f"not {self.encoding.replace('-sig', '')} text; save the file as UTF-8 "
                                 "(Excel: 'CSV UTF-8') or pass --encoding gb18030",
                                 hint_zh=f"不是 {self.encoding.replace('-sig', '')} 编码的文本；请把文件另存为 UTF-8"
                                 "（Excel：“CSV UTF-8”）或加 --encoding gb18030") from None
            if encoding == "utf-8-sig":
                encoding = "utf-8"  # a BOM can only open the file


def _batch_columns(header: list[str], path: str) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    found = {}
    for key, aliases in {
        "amount": ("amount", "principal", "loan_amount"),
        "rate": ("rate", "annual_rate"),
        "months": ("months", "term_months"),
        "years": ("years",),
        "id": ("id", "loan_id"),
        "method": ("method",),
        "start": ("start", "start_date"),
    }.items():
        for alias in aliases:
            if alias in names:
                found[key] = names.index(alias)
                break
    missing = [k for k in ("amount", "rate") if k not in found]
    if "months" not in found and "years" not in found:
        missing.append("months (or years)")
    if missing:
        missing_zh = "、".join(m.replace(" (or years)", "（或 years）") for m in missing)
        raise InputError("header", ",".join(header),
                         f"{path} needs columns amount, rate and months (or years); missing {', '.join(missing)}",
                         hint_zh=f"{path} 需要 amount、rate 和 months（或 years）列；缺少 {missing_zh}")
    return found


def _chunks(reader, size: int) -> Iterator[tuple[list[int], list[list[str]]]]:
    lines: list[int] = []
    rows: list[list[str]] = []
    for row in reader:
        if not any(row):  # blank line
            continue
        lines.append(reader.line_num)
        rows.append(row)
        if len(rows) >= size:
            yield lines, rows
            lines, rows = [], []
    if rows:
        yield lines, rows


def _column(rows: list[list[str]], index: int | None) -> list[str]:
    if index is None:
        return []
    return [row[index].strip() if index < len(row) else "" for row in rows]


def _compute_chunk(lines, rows, columns, default_method):
    """Parse one chunk (vectorized where the text is plain numbers) and amortize it.

    Returns (output rows, errors) with errors as (line, (field, value, hint, hint_zh)).
    """
    import numpy as np

    from .. import loans
    from ..money import parse_amount, parse_rate

    count = len(rows)
    bad = np.zeros(count, dtype=bool)
    errors: dict[int, tuple[Any, str, str, str]] = {}

    def fail(i: int, error: WealthcalcError) -> None:
        if not bad[i]:
            bad[i] = True
            errors[i] = (error.field, error.value, error.hint, error.hint_zh)

    def numbers(texts, parse, field, check):
        try:
            values = np.array(texts, dtype=np.float64)
        except ValueError:
            values = np.full(count, np.nan)
            for i, text in enumerate(texts):
                try:
                    values[i] = parse(text)
                except WealthcalcError as error:
                    fail(i, error)
            return values
        for i in np.flatnonzero(~check(values)):
            try:
                parse(texts[i])
                raise InputError(field, texts[i], "not accepted", hint_zh="不接受这个值")
            except WealthcalcError as error:
                fail(int(i), error)
        return values

    def amount_ok(v):
        with np.errstate(invalid="ignore"):  # inf - inf is nan, refused by isfinite anyway
            return np.isfinite(v) & (v > 0) & (v <= loans.MAX_PRINCIPAL) & (np.abs(v * 100 - np.rint(v * 100)) < 1e-6)

    def parse_amount_row(text):
        value = parse_amount(text, field="amount", allow_zero=False)
        if value > loans.MAX_PRINCIPAL:
            raise InputError("amount", text, f"loans above {loans.MAX_PRINCIPAL:,.0f} yuan are not accepted",
                             hint_zh=f"贷款金额不能超过 {loans.MAX_PRINCIPAL:,.0f} 元")
        return value

    amount = numbers(_column(rows, columns["amount"]), parse_amount_row, "amount", amount_ok)
    rate = numbers(_column(rows, columns["rate"]), lambda t: parse_rate(t, field="rate"), "rate",
                   lambda v: np.isfinite(v) & (v >= 0) & (v <= 1))

    def months_parse(text, per=1):  # the term in the column's own unit; years become months below
        hint = f"whole months from 1 to {loans.MAX_MONTHS}" if per == 1 else "whole years from 1 to 50"
        hint_zh = f"期限为 1 到 {loans.MAX_MONTHS} 的整月数" if per == 1 else "年限为 1 到 50 的整年数"
        try:
            value = float(text)
        except ValueError:
            raise InputError("months" if per == 1 else "years", text, hint, hint_zh=hint_zh) from None
        if not value.is_integer() or not 1 <= value * per <= loans.MAX_MONTHS:  # also refuses inf, nan
            raise InputError("months" if per == 1 else "years", text, hint, hint_zh=hint_zh)
        return value

    if "months" in columns:
        months = numbers(_column(rows, columns["months"]), months_parse, "months",
                         lambda v: np.isfinite(v) & (v == np.round(v)) & (v >= 1) & (v <= loans.MAX_MONTHS))
    else:
        months = numbers(_column(rows, columns["years"]), lambda t: months_parse(t, 12), "years",
                         lambda v: np.isfinite(v) & (v == np.round(v)) & (v >= 1) & (v * 12 <= loans.MAX_MONTHS))
        months = months * 12
    if "method" in columns:
        methods = np.array([m or default_method for m in _column(rows, columns["method"])], dtype=object)
        for value in set(methods.tolist()):
            try:
                loans._method(value)
            except WealthcalcError as error:
                for i in np.flatnonzero(methods == value):
                    fail(int(i), error)
        methods[bad] = default_method
    else:
        methods = default_method
    start = None
    if "start" in columns:
        texts = _column(rows, columns["start"])
        start = np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
        try:
            start = np.array([t or "NaT" for t in texts], dtype="datetime64[D]")
        except ValueError:
            for i, text in enumerate(texts):
                if text:
                    try:
                        start[i] = _dt.date.fromisoformat(text)
                    except ValueError:
                        fail(i, InputError("start", text, "a date YYYY-MM-DD", hint_zh="日期请写成 YYYY-MM-DD"))
    keep = ~bad
    ids = _column(rows, columns.get("id")) if "id" in columns else [str(x) for x in lines]
    errs = [(lines[i], errors[i]) for i in sorted(errors)]
    if not keep.any():
        return None, errs
    index = np.flatnonzero(keep)
    if isinstance(methods, np.ndarray):
        methods = methods[index]
    result = loans.amortize_many(amount[index], rate[index], months[index], methods,
                                 start=None if start is None else start[index])
    payoff = np.datetime_as_string(result.payoff_date)
    payoff[np.isnat(result.payoff_date)] = ""
    out = list(zip(
        [ids[i] for i in index.tolist()],
        result.first_payment.tolist(),
        result.last_payment.tolist(),
        result.total_interest.tolist(),
        result.total_paid.tolist(),
        result.months.tolist(),
        payoff.tolist(),
    ))
    return out, errs
