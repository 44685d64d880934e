"""``wealthcalc loan``: repayment schedules, combined loans, provident quotes, APR, batches.

``wealthcalc loan --amount 100万 --rate 4.9% --years 30`` runs the basic
calculation; the subcommands cover the rest.
"""

from __future__ import annotations

import csv
import datetime as _dt
import os
import sys
from typing import Any, Iterator

import click

from ..errors import InputError, WealthcalcError
from ._output import AMOUNT, DATE, RATE, Table, emit, plot_option, progress, save_plot, settings, summary_table

LABELS: dict[str, tuple[str, str]] = {
    "loan_amount": ("贷款金额", "Loan amount"),
    "method": ("还款方式", "Method"),
    "term_months": ("合同期限(月)", "Term (months)"),
    "start": ("放款日", "Drawdown date"),
    "first_payment": ("首期月供", "First payment"),
    "last_payment": ("末期还款", "Last payment"),
    "total_penalty": ("违约金", "Prepayment penalty"),
    "interest_saved": ("节省利息", "Interest saved"),
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
    "offers": ("方案比较", "Offers"),
    "equal_installment": ("等额本息", "Equal installment"),
    "equal_principal": ("等额本金", "Equal principal"),
    "interest_only": ("先息后本", "Interest only"),
    "difference": ("差额", "Difference"),
    "rows_read": ("读取行数", "Rows read"),
    "rows_written": ("写出行数", "Rows written"),
    "rows_skipped": ("跳过行数", "Rows skipped"),
    "output": ("输出文件", "Output"),
    "line": ("行号", "Line"),
    "cap_couple": ("夫妻双方缴存最高额度", "cap, both spouses paying"),
    "cap_single": ("单方缴存最高额度", "cap, one spouse paying"),
    "cap_county": ("县(市)最高额度", "county cap"),
    "ltv_first_home": ("首套房贷款比例", "first-home loan-to-value"),
    "ltv_second_hand": ("二手房贷款比例", "second-hand loan-to-value"),
    "ltv_second_home": ("二套房贷款比例", "second-home loan-to-value"),
    "requested": ("按申请金额", "as requested"),
}

_METHODS = ["equal-installment", "equal-principal", "interest-only"]


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
        raise InputError(field, text, "a spread like '10bp', '-30bp' or '0.1%'") from None


def _parse_at(text: str, field: str):
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(field, text, "a date YYYY-MM-DD or an installment number") from None


def _parse_prepay(spec: str):
    """DATE:AMOUNT[:MODE[:PENALTY]] → Prepayment; PENALTY '1%' of the amount or '2m' of interest."""
    from ..loans import Prepayment
    from ..money import parse_amount, parse_rate

    parts = spec.split(":")
    hint = "write DATE:AMOUNT[:shorten|reduce[:PENALTY]], e.g. 2027-06-01:20万:shorten or 2027-06-01:all"
    if len(parts) < 2 or len(parts) > 4:
        raise InputError("prepay", spec, hint)
    at = _parse_at(parts[0], "prepay")
    if parts[1].strip().lower() in ("all", "full", "全部", "结清"):
        return Prepayment(at, None, "full")
    amount = parse_amount(parts[1], field="prepay")
    mode = parts[2].strip() if len(parts) > 2 and parts[2].strip() else "shorten"
    penalty_rate = penalty_months = 0.0
    if len(parts) == 4:
        pen = parts[3].strip().lower()
        if pen.endswith("m"):
            try:
                penalty_months = float(pen[:-1])
            except ValueError:
                raise InputError("prepay", spec, "penalty as '1%' of the amount or '2m' (months of interest)") from None
        else:
            penalty_rate = parse_rate(pen, field="prepay")
    return Prepayment(at, amount, mode, penalty_rate, penalty_months)


def _parse_rate_change(spec: str):
    from ..loans import RateChange
    from ..money import parse_rate

    at, sep, rate = spec.rpartition(":")
    if not sep:
        raise InputError("rate_change", spec, "write DATE:RATE, e.g. 2027-01-01:3.5%")
    return RateChange(_parse_at(at, "rate_change"), parse_rate(rate, field="rate_change"))


def _term(years: int | None, months: int | None) -> int:
    if years is None and months is None:
        raise click.UsageError("give the term with --years or --months")
    if years is not None and months is not None and years * 12 != months:
        raise click.UsageError("--years and --months disagree; give one of them")
    return months if months is not None else years * 12


def _lpr_path(term_months: int) -> list[tuple[_dt.date, float]]:
    """The catalog's LPR path of the tenor that prices the loan (5y+ above five years)."""
    tenor = "5y" if term_months > 60 else "1y"
    path = settings().catalog().lpr
    return [(row.effective, row.rates[tenor]) for row in path.rows if tenor in row.rates]


def _schedule_table(schedule) -> Table:
    return Table(headers=schedule.headers, rows=schedule.rows(), title="schedule")


def _by_year_table(schedule) -> Table:
    return Table(headers=schedule.by_year_headers, rows=schedule.by_year(), title="by_year")


def _summary_pairs(data: dict[str, Any]) -> list[tuple[str, Any]]:
    s = settings()
    pairs = []
    for key, value in data.items():
        if key == "method":
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
                   ":reduce (减少月供); AMOUNT 'all' pays off; PENALTY '1%' or '2m'.")
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
def loan(ctx, amount, rate, years, months, method, start, payment_day, prepay, rate_change,
         lpr_spread, repricing, show_schedule, by_year, plot) -> None:
    """Loan repayment schedule (贷款计算): 等额本息 / 等额本金 / 先息后本, to the fen.

    \b
    Example: wealthcalc loan --amount 100万 --rate 4.9% --years 30
    Subcommands: combined (组合贷), provident (公积金额度), apr (真实年化),
    compare (方案比较), batch (批量计算).
    """
    if ctx.invoked_subcommand is not None:
        return
    if amount is None:
        raise click.UsageError("give --amount, --rate and --years (or a subcommand; see --help)")
    from .. import loans

    term = _term(years, months)
    kwargs: dict[str, Any] = {}
    if lpr_spread is not None:
        if start is None:
            raise click.UsageError("--lpr-spread needs --start (the drawdown date)")
        spread = _parse_bp(lpr_spread, "lpr_spread")
        path = _lpr_path(term)
        kwargs = {"lpr_path": path, "lpr_spread": spread, "repricing": repricing}
        if rate is None:
            rate = round(loans.lpr_on(start, path) + spread, 7)
    if rate is None:
        raise click.UsageError("give --rate (or --lpr-spread with --start)")
    kwargs.update(method=method, start=start, payment_day=payment_day,
                  rate_changes=[_parse_rate_change(c) for c in rate_change])
    result = loans.amortize(amount, rate, term, prepayments=[_parse_prepay(p) for p in prepay], **kwargs)
    data = result.summary()
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
@click.option("--years", type=click.IntRange(1, 50))
@click.option("--months", type=click.IntRange(1, 600))
@click.option("--method", type=click.Choice(_METHODS), default="equal-installment", show_default=True)
@click.option("--start", type=DATE, help="Drawdown date, YYYY-MM-DD.")
@click.option("--schedule", "show_schedule", is_flag=True, help="Print every month.")
@plot_option
def combined_cmd(provident_amount, provident_rate, commercial_amount, commercial_rate, years, months,
                 method, start, show_schedule, plot) -> None:
    """Combined loan (组合贷款): provident + commercial, each rounded on its own."""
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
@click.option("--policy", "policy_id", default=None, help="Provident policy id in the catalog (default: the catalog's).")
@click.option("--buyers", type=click.Choice(["couple", "single", "county"]), default="couple",
              show_default=True, help="夫妻双方缴存 couple, 单方 single, 县(市) county.")
@click.option("--second-home", is_flag=True, help="Second home (二套房).")
@click.option("--second-hand", is_flag=True, help="Second-hand home (二手房).")
@click.option("--rate", type=RATE, help="First-home provident rate; default the catalog's >5y rate on --on.")
@click.option("--on", "on_date", type=DATE, help="Date for the catalog rate (default today).")
@click.option("--years", type=click.IntRange(1, 30), default=20, show_default=True)
def provident_cmd(price, policy_id, buyers, second_home, second_hand, rate, on_date, years) -> None:
    """Provident-fund loan quote (公积金贷款额度): most allowed, commercial top-up, down payment."""
    from .. import loans

    catalog = settings().catalog()
    policy = catalog.provident_policy(policy_id)
    if rate is None:
        # the policy's multiplier applies to the first-home rate; without one, second homes
        # take the table's second-home column (rules §3.6)
        table_second = second_home and getattr(policy, "second_home_rate_multiplier", None) is None
        column = ("second" if table_second else "first") + ("_gt5y" if years > 5 else "_le5y")
        rate = catalog.provident_rates.rate(column, on_date or _dt.date.today())
    quote = loans.provident_quote(price, policy=policy, buyers=buyers, second_home=second_home,
                                  second_hand=second_hand, annual_rate=rate, months=years * 12)
    data = quote.to_dict()
    s = settings()
    shown = [(k, s.label(v, LABELS) if k.endswith("_bound") else v) for k, v in data.items()]
    emit(data, [summary_table(shown, title="summary")], LABELS)


# ---------------------------------------------------------------- apr


@loan.command("apr")
@click.option("--amount", type=AMOUNT, required=True, help="Amount received (借款金额).")
@click.option("--months", type=click.IntRange(1, 600), required=True, help="Number of monthly payments.")
@click.option("--payment", type=AMOUNT, help="Monthly payment (每期还款).")
@click.option("--monthly-fee", type=RATE, help="Installment fee per month on the original amount (每期手续费率), e.g. 0.6%.")
@click.option("--fee", type=AMOUNT, default="0", show_default=True, help="Up-front fee (前置手续费/服务费).")
def apr_cmd(amount, months, payment, monthly_fee, fee) -> None:
    """True annual rate (真实年化利率, IRR) of an installment plan or loan offer."""
    from .. import loans

    if (payment is None) == (monthly_fee is None):
        raise click.UsageError("give either --payment or --monthly-fee")
    if monthly_fee is not None:
        offer = loans.installment_offer(amount, months, monthly_fee)
        result = loans.apr(offer.amount, list(offer.payments), fees=fee)
    else:
        result = loans.apr(amount, payment, months=months, fees=fee)
    data = result.to_dict()
    emit(data, [summary_table(data.items(), title="summary")], LABELS)


# ---------------------------------------------------------------- compare


@loan.command("compare")
@click.option("--amount", type=AMOUNT, help="Loan amount, to compare repayment methods.")
@click.option("--rate", type=RATE, help="Annual rate, to compare repayment methods.")
@click.option("--years", type=click.IntRange(1, 50))
@click.option("--months", type=click.IntRange(1, 600))
@click.option("--installment", "installments", multiple=True, metavar="AMOUNT:MONTHS:FEE%",
              help="Card installment offer (信用卡分期), repeatable: 12000:12:0.6%.")
@click.option("--car", "cars", multiple=True, metavar="PRICE:MONTHS:RATE[:FEE[:RATIO]]",
              help="Car loan offer (汽车贷款), repeatable: 20万:36:0%:8000:70%.")
@click.option("--offer", "offers", multiple=True, metavar="NAME:AMOUNT:MONTHS:PAYMENT[:FEE]",
              help="Any offer, repeatable: bankA:10万:36:3000:500.")
def compare_cmd(amount, rate, years, months, installments, cars, offers) -> None:
    """Compare 等额本息 vs 等额本金, or several offers by true annual rate."""
    from .. import loans

    if installments or cars or offers:
        items = [_installment(s) for s in installments] + [_car(s) for s in cars] + [_offer(s) for s in offers]
        result = loans.compare_offers(items)
        emit(result.to_dict(), [Table(result.headers, result.rows(), title="offers")], LABELS)
        return
    if amount is None or rate is None:
        raise click.UsageError("give --amount, --rate and --years, or offers (--installment/--car/--offer)")
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
                      title="summary")], LABELS)


def _diff(a, b):
    return a - b if isinstance(a, int) else round(a - b, 2)


def _split(spec: str, low: int, high: int, hint: str, field: str) -> list[str]:
    parts = spec.split(":")
    if not low <= len(parts) <= high:
        raise InputError(field, spec, hint)
    return parts


def _months(text: str, field: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(field, text, "months as a whole number") from None


def _installment(spec: str):
    from .. import loans
    from ..money import parse_amount, parse_rate

    amount, months, fee = _split(spec, 3, 3, "write AMOUNT:MONTHS:FEE%, e.g. 12000:12:0.6%", "installment")
    return loans.installment_offer(parse_amount(amount, field="installment"), _months(months, "installment"),
                                   parse_rate(fee, field="installment"))


def _car(spec: str):
    from .. import loans
    from ..money import parse_amount, parse_rate

    parts = _split(spec, 3, 5, "write PRICE:MONTHS:RATE[:FEE[:RATIO]], e.g. 20万:36:0%:8000:70%", "car")
    fee = parse_amount(parts[3], field="car") if len(parts) > 3 and parts[3] else 0.0
    ratio = parse_rate(parts[4], field="car") if len(parts) > 4 else 0.7
    return loans.car_loan_offer(parse_amount(parts[0], field="car"), _months(parts[1], "car"),
                                annual_rate=parse_rate(parts[2], field="car"), service_fee=fee,
                                loan_ratio=ratio)


def _offer(spec: str):
    from .. import loans
    from ..money import parse_amount

    parts = _split(spec, 4, 5, "write NAME:AMOUNT:MONTHS:PAYMENT[:FEE], e.g. bankA:10万:36:3000:500", "offer")
    n = _months(parts[2], "offer")
    if not 1 <= n <= 600:
        raise InputError("offer", spec, "months from 1 to 600")
    payment = parse_amount(parts[3], field="offer")
    fee = parse_amount(parts[4], field="offer") if len(parts) > 4 else 0.0
    return loans.Offer(parts[0], parse_amount(parts[1], field="offer"), (payment,) * n, fee)


# ---------------------------------------------------------------- batch


@loan.command("batch")
@click.argument("input_path", metavar="IN.csv", type=click.Path(exists=True, dir_okay=False))
@click.argument("output_path", metavar="OUT.csv", type=click.Path(dir_okay=False, writable=True))
@click.option("--chunk-size", type=click.IntRange(1, 1_000_000), default=50_000, show_default=True,
              help="Loans computed per step; memory grows with this, not with the file.")
@click.option("--on-error", type=click.Choice(["fail", "skip"]), default="fail", show_default=True,
              help="A bad row stops the run (fail) or is reported on stderr and skipped (skip).")
@click.option("--method", type=click.Choice(_METHODS), default="equal-installment", show_default=True,
              help="Method for rows without a method column.")
def batch_cmd(input_path, output_path, chunk_size, on_error, method) -> None:
    """Summaries of a CSV of loans (批量计算), streamed in chunks.

    \b
    IN.csv columns: amount (or principal), rate, months (or years);
    optional id, method, start. OUT.csv: id (or line), first_payment,
    last_payment, total_interest, total_paid, months, payoff_date.
    """
    stats = _run_batch(input_path, output_path, chunk_size=chunk_size, on_error=on_error,
                       default_method=method)
    if stats["rows_skipped"]:
        click.echo(f"{stats['rows_skipped']} bad row(s) skipped", err=True)
    emit(stats, [summary_table(stats.items(), title="summary")], LABELS)


_OUT_HEADERS = ("id", "first_payment", "last_payment", "total_interest", "total_paid", "months", "payoff_date")


def _run_batch(input_path: str, output_path: str, *, chunk_size: int, on_error: str,
               default_method: str) -> dict[str, Any]:
    """Stream IN.csv to OUT.csv chunk by chunk; OUT.csv appears only if the run succeeds."""
    partial = f"{output_path}.part"
    try:
        stats = _stream(input_path, partial, chunk_size=chunk_size, on_error=on_error,
                        default_method=default_method)
    except BaseException:
        if os.path.exists(partial):
            os.remove(partial)
        raise
    os.replace(partial, output_path)
    stats["output"] = output_path
    return stats


def _stream(input_path, output_path, *, chunk_size, on_error, default_method) -> dict[str, Any]:
    read = written = skipped = 0
    name = os.path.basename(input_path)
    with open(input_path, newline="", encoding="utf-8-sig") as src, \
            open(output_path, "w", newline="", encoding="utf-8") as dst:
        reader = csv.reader(src)
        header = next(reader, None)
        if header is None:
            raise InputError("input", input_path, "the file is empty; it needs a header row")
        columns = _batch_columns(header, input_path)
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(_OUT_HEADERS)
        with progress(_chunks(reader, chunk_size), length=None, label="loans") as bar:
            for lines, rows in bar:
                read += len(rows)
                good, errors = _compute_chunk(lines, rows, columns, default_method)
                for line, (field, value, hint) in errors:
                    where = f"{name} line {line}"
                    if on_error == "fail":
                        raise InputError(f"{where}, {field}", value, hint)
                    click.echo(f"Error: {where}, {field}: got {value!r}; {hint}", err=True)
                skipped += len(errors)
                if good:
                    writer.writerows(good)
                    written += len(good)
    return {"rows_read": read, "rows_written": written, "rows_skipped": skipped}


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
        raise InputError("header", ",".join(header),
                         f"{path} needs columns amount, rate and months (or years); missing {', '.join(missing)}")
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

    Returns (output rows, errors) with errors as (line, (field, value, hint)).
    """
    import numpy as np

    from .. import loans
    from ..money import parse_amount, parse_rate

    count = len(rows)
    bad = np.zeros(count, dtype=bool)
    errors: dict[int, tuple[Any, str, str]] = {}

    def fail(i: int, error: WealthcalcError) -> None:
        if not bad[i]:
            bad[i] = True
            errors[i] = (error.field, error.value, error.hint)

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
                raise InputError(field, texts[i], "not accepted")
            except WealthcalcError as error:
                fail(int(i), error)
        return values

    def amount_ok(v):
        return np.isfinite(v) & (v > 0) & (v <= loans.MAX_PRINCIPAL) & (np.abs(v * 100 - np.rint(v * 100)) < 1e-6)

    def parse_amount_row(text):
        value = parse_amount(text, field="amount", allow_zero=False)
        if value > loans.MAX_PRINCIPAL:
            raise InputError("amount", text, f"loans above {loans.MAX_PRINCIPAL:,.0f} yuan are not accepted")
        return value

    amount = numbers(_column(rows, columns["amount"]), parse_amount_row, "amount", amount_ok)
    rate = numbers(_column(rows, columns["rate"]), lambda t: parse_rate(t, field="rate"), "rate",
                   lambda v: np.isfinite(v) & (v >= 0) & (v <= 1))

    def months_parse(text, per=1):
        hint = f"whole months from 1 to {loans.MAX_MONTHS}" if per == 1 else "whole years from 1 to 50"
        try:
            value = float(text)
        except ValueError:
            raise InputError("months" if per == 1 else "years", text, hint) from None
        if value != int(value) or not 1 <= value * per <= loans.MAX_MONTHS:
            raise InputError("months" if per == 1 else "years", text, hint)
        return value * per

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
                        fail(i, InputError("start", text, "a date YYYY-MM-DD"))
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
