"""``wealthcalc loan``: repayment schedules, combined loans, provident quotes, APR, batches.

``wealthcalc loan --amount 100万 --rate 4.9% --years 30`` runs the basic
calculation; the subcommands cover the rest. Every rule and engine lives in
:mod:`wealthcalc.loans`; this module parses options, calls it and renders.
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Callable, Mapping

import click

from ..errors import InputError
from ..i18n import label as _label
from ..i18n import message
from ._output import (AMOUNT, DATE, RATE, Table, emit, plot_option, progress, save_plot, settings, summary_table,
                      words)

# Input syntax the options accept besides English (one place): method names, 'all' and 'benchmark'.
_METHODS = ["equal-installment", "equal-principal", "interest-only", "等额本息", "等额本金", "先息后本"]
_PAY_OFF_WORDS = ("all", "full", "全部", "结清")
_BENCHMARK_WORDS = ("benchmark", "基准", "基准利率")
_PREPAY_EXAMPLE = "12:1万"  # shown in an error: prepay 10,000 with installment 12


def _help(key: str) -> str:
    """An option's help text (the English wording of ``loans.help.<key>``, with its Chinese terms)."""
    return message(f"loans.help.{key}", "en")


# keys shown in this command's tables; each is worded by the catalog code label.loan_<key>
_LABEL_KEYS = (
    "loan_amount", "method", "term_months", "start", "first_payment", "last_payment", "total_penalty",
    "interest_saved", "payment_after_prepayment", "last_rate", "payoff_date", "prepaid", "penalty", "year",
    "schedule", "by_year", "summary", "provident_payment", "commercial_payment", "provident_amount",
    "commercial_amount", "provident_rate", "commercial_rate", "provident_bound", "commercial_bound",
    "down_payment", "down_payment_bound", "price", "policy_id", "rate_rule", "total_cost", "monthly_rate", "apr",
    "effective_rate", "simple_rate", "converged", "upfront_fee", "offers", "name", "equal_installment",
    "equal_principal", "interest_only", "difference", "method_comparison", "rows_read", "rows_written",
    "rows_skipped", "output", "cap_couple", "cap_single", "cap_county", "ltv_first_home", "ltv_second_hand",
    "ltv_second_home", "requested", "first_home", "second_home_multiplier", "second_home_table", "rate_on",
)


def _labels(**override: str) -> dict[str, tuple[str, str]]:
    """{key: (zh, en)} of this command's keys from the message catalog; ``override`` maps a key to
    another label key (the by-year table's payment column is a yearly total, not 月供)."""
    keys = {key: f"loan_{key}" for key in _LABEL_KEYS}
    keys.update(override)
    return {key: (_label(code, "zh"), _label(code, "en")) for key, code in keys.items()}


LABELS = _labels()


# ---------------------------------------------------------------- option parsing


def _parse_at(text: str, field: str) -> _dt.date | int:
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(field, text, code="loans.cli.at_format") from None


def _parse_prepay(spec: str) -> Any:
    """DATE:AMOUNT[:MODE[:PENALTY]] → Prepayment; PENALTY '1%' of the amount or '2m' of interest."""
    from .. import _validate
    from ..loans import Prepayment

    parts = spec.split(":")
    if len(parts) < 2 or len(parts) > 4:
        raise InputError("prepay", spec, code="loans.cli.prepay_format")
    at = _parse_at(parts[0], "prepay")
    amount: float | None
    if parts[1].strip().lower() in _PAY_OFF_WORDS:
        amount, mode = None, "full"
    else:
        amount = _validate.amount(parts[1], "prepay")
        mode = parts[2].strip() if len(parts) > 2 and parts[2].strip() else "shorten"
    penalty_rate = penalty_months = 0.0
    if len(parts) == 4:
        pen = parts[3].strip().lower()
        if pen.endswith("m"):
            try:
                penalty_months = float(pen[:-1])
            except ValueError:
                raise InputError("prepay", spec, code="loans.cli.prepay_penalty") from None
        else:
            penalty_rate = _validate.rate(pen, "prepay")
    return Prepayment(at, amount, mode, penalty_rate, penalty_months)


def _parse_rate_change(spec: str) -> Any:
    from .. import _validate
    from ..loans import RateChange

    at, sep, rate = spec.rpartition(":")
    if not sep:
        raise InputError("rate_change", spec, code="loans.cli.rate_change_format")
    return RateChange(_parse_at(at, "rate_change"), _validate.rate(rate, "rate_change"))


def _term(years: int | None, months: int | None) -> int:
    """The term from --years/--months (:func:`wealthcalc.loans.loan_term`), worded for the options."""
    from ..loans import loan_term

    try:
        return loan_term(years, months)
    except InputError as error:
        if error.code == "loans.term_missing":
            raise click.UsageError(words("loans.cli.term_missing")) from None
        if error.code == "loans.term_disagree":
            raise click.UsageError(words("loans.cli.term_disagree")) from None
        raise


def _schedule_table(schedule: Any) -> Table:
    """Every installment; the prepaid and penalty columns when the loan has any."""
    extra = [name for name in ("prepaid", "penalty") if getattr(schedule, name).any()]
    rows = schedule.rows()
    if extra:
        columns = [getattr(schedule, name).tolist() for name in extra]
        rows = [row + [col[i] for col in columns] for i, row in enumerate(rows)]
    return Table(headers=(*schedule.headers, *extra), rows=rows, title="schedule")


def _summary_pairs(data: Mapping[str, Any]) -> list[tuple[str, Any]]:
    s = settings()
    pairs = []
    for key, value in data.items():
        if key in ("by_year", "schedule"):
            continue
        if key == "method" and s.output_format == "table":  # csv keeps json's English codes
            value = s.label(value, LABELS)
        if key in ("interest_saved", "total_penalty") and not value:
            continue
        pairs.append((key, value))
    return pairs


def _emit_parts(data: Mapping[str, Any], parts: list[tuple[list[Table], Mapping[str, tuple[str, str]]]]) -> None:
    """:func:`emit` for tables that need labels of their own: json once, tables part by part."""
    if settings().output_format == "json":
        emit(data, [], LABELS)
        return
    for i, (tables, labels) in enumerate(parts):
        if i and settings().output_format == "table":
            click.echo("")
        emit(data, tables, labels)


def _option_error(error: InputError) -> InputError:
    """The library's error worded with option names instead of keyword names."""
    params = dict(error.params)
    if error.field == "start" and error.value is None and error.code == "loans.dated_needs_start":
        # dated events on an undated loan
        rate = params.get("what") == "rate_changes"
        option, example = ("--rate-change", "13:3.5%") if rate else ("--prepay", _PREPAY_EXAMPLE)
        return InputError("start", None, code="loans.cli.dated_needs_start", params={"option": option, "example": example})
    if params.get("option") == "min_prepayment":
        params["option"] = "--min-prepay"
        return InputError(error.field, error.value, code=error.code, params=params)
    return error


# ---------------------------------------------------------------- loan


@click.group("loan", invoke_without_command=True)
@click.option("--amount", type=AMOUNT, help=_help("amount"))
@click.option("--rate", type=RATE, help=_help("rate"))
@click.option("--years", type=click.IntRange(1, 50), help=_help("years"))
@click.option("--months", type=click.IntRange(1, 600), help="Term in months (instead of --years).")
@click.option("--method", type=click.Choice(_METHODS), default="equal-installment", show_default=True,
              help=_help("method"))
@click.option("--start", type=DATE, help=_help("start"))
@click.option("--payment-day", type=click.IntRange(1, 31),
              help=_help("payment_day"))
@click.option("--prepay", multiple=True, metavar="DATE:AMOUNT[:MODE[:PENALTY]]",
              help=_help("prepay"))
@click.option("--min-prepay", type=AMOUNT, default="10000", show_default=True,
              help=_help("min_prepay"))
@click.option("--rate-change", multiple=True, metavar="DATE:RATE",
              help=_help("rate_change"))
@click.option("--lpr-spread", metavar="BP",
              help=_help("lpr_spread"))
@click.option("--repricing", type=click.Choice(["january", "anniversary"]), default="january",
              show_default=True, help=_help("repricing"))
@click.option("--schedule", "show_schedule", is_flag=True, help=_help("schedule"))
@click.option("--by-year", is_flag=True, help=_help("by_year"))
@plot_option
@click.pass_context
def loan(ctx: click.Context, amount: float | None, rate: float | None, years: int | None, months: int | None,
         method: str, start: _dt.date | None, payment_day: int | None, prepay: tuple[str, ...], min_prepay: float,
         rate_change: tuple[str, ...], lpr_spread: str | None, repricing: str, show_schedule: bool, by_year: bool,
         plot: str | None) -> None:
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
        raise click.UsageError(words("loans.cli.need_amount"))
    from .. import loans

    term = _term(years, months)
    kwargs: dict[str, Any] = {}
    if lpr_spread is not None:
        if start is None:
            raise click.UsageError(words("loans.cli.lpr_needs_start"))
        spread = loans.parse_spread(lpr_spread, "lpr_spread")
        path = loans.lpr_path(term, settings().catalog())
        kwargs = {"lpr_path": path, "lpr_spread": spread, "repricing": repricing}
        if rate is None:
            try:
                rate = loans.first_lpr_rate(start, spread, path)
            except InputError as error:
                if error.code != "loans.lpr_start_before":
                    raise
                raise InputError(error.field, error.value, code="loans.cli.lpr_start_before",
                                 params=error.params) from None
    if rate is None:
        raise click.UsageError(words("loans.cli.need_rate"))
    kwargs.update(method=method, start=start, payment_day=payment_day,
                  rate_changes=[_parse_rate_change(c) for c in rate_change])
    try:
        result = loans.amortize(amount, rate, term, prepayments=[_parse_prepay(p) for p in prepay],
                                min_prepayment=min_prepay, **kwargs)
    except InputError as error:  # name the option, not the library keyword
        raise _option_error(error) from None
    data = result.to_dict(schedule=show_schedule, by_year=by_year)
    parts: list[tuple[list[Table], Mapping[str, tuple[str, str]]]] = [
        ([summary_table(_summary_pairs(data), title="summary")], LABELS)]
    if by_year:
        parts.append(([Table(result.by_year_headers, result.by_year(), title="by_year")],
                      _labels(payment="loan_year_payment")))
    if show_schedule:
        parts.append(([_schedule_table(result)], LABELS))
    _emit_parts(data, parts)
    if plot:
        baseline = loans.amortize(amount, rate, term, **kwargs) if prepay else None
        save_plot(result, plot, baseline=baseline)


# ---------------------------------------------------------------- combined


@loan.command("combined")
@click.option("--provident", "provident_amount", type=AMOUNT, required=True,
              help=_help("provident"))
@click.option("--provident-rate", type=RATE, required=True, help="Provident rate, e.g. 2.6%.")
@click.option("--commercial", "commercial_amount", type=AMOUNT, required=True,
              help=_help("commercial"))
@click.option("--commercial-rate", type=RATE, required=True, help="Commercial rate, e.g. 3.5%.")
@click.option("--years", type=click.IntRange(1, 50), help=_help("combined_years"))
@click.option("--months", type=click.IntRange(1, 600), help="Term in months (instead of --years).")
@click.option("--method", type=click.Choice(_METHODS), default="equal-installment", show_default=True,
              help=_help("combined_method"))
@click.option("--start", type=DATE, help=_help("start"))
@click.option("--schedule", "show_schedule", is_flag=True, help="Print every month: both parts and the sum.")
@plot_option
def combined_cmd(provident_amount: float, provident_rate: float, commercial_amount: float, commercial_rate: float,
                 years: int | None, months: int | None, method: str, start: _dt.date | None, show_schedule: bool,
                 plot: str | None) -> None:
    """Combined loan (组合贷款): provident + commercial, each rounded on its own.

    \b
    Example (docs/rules/loans.md#combined-loan, L-10: 2,402.04 + 4,490.45 = 6,892.49 a month):
      wealthcalc loan combined --provident 60万 --provident-rate 2.6% \\
          --commercial 100万 --commercial-rate 3.5% --years 30
    """
    from .. import loans

    result = loans.combined((provident_amount, provident_rate), (commercial_amount, commercial_rate),
                            _term(years, months), method=method, start=start)
    data = result.summary()
    tables = [summary_table(data.items(), title="summary")]
    if show_schedule:
        rows = result.rows()
        data["schedule"] = [dict(zip(result.headers, r)) for r in rows]
        tables.append(Table(result.headers, rows, title="schedule"))
    emit(data, tables, LABELS)
    save_plot(result, plot)


# ---------------------------------------------------------------- provident


@loan.command("provident")
@click.option("--price", type=AMOUNT, required=True, help=_help("price"))
@click.option("--policy", "policy_id", default=None,
              help="Provident policy id in the catalog, e.g. zhengzhou-2013 or national-default "
                   "(default: the catalog's).")
@click.option("--buyers", type=click.Choice(["couple", "single", "county"]), default="couple",
              show_default=True, help=_help("buyers"))
@click.option("--second-home", is_flag=True, help=_help("second_home"))
@click.option("--second-hand", is_flag=True, help=_help("second_hand"))
@click.option("--rate", type=RATE,
              help=_help("provident_rate"))
@click.option("--on", "on_date", type=DATE, help="Date for the catalog rate (default today).")
@click.option("--years", type=click.IntRange(1, 30), default=20, show_default=True, help="Term in years.")
def provident_cmd(price: float, policy_id: str | None, buyers: str, second_home: bool, second_hand: bool,
                  rate: float | None, on_date: _dt.date | None, years: int) -> None:
    """Provident-fund loan quote (公积金贷款额度): most allowed, commercial top-up, down payment.

    \b
    Each number names the rule that bound it (city cap or loan-to-value).
    Example: wealthcalc loan provident --price 100万 --on 2013-06-01
    """
    from .. import loans
    from ..catalog import resolve_policy

    s = settings()
    catalog = s.catalog()
    policy = resolve_policy(policy_id, catalog)
    rate_on = None
    if rate is None:
        found = loans.provident_rate(years * 12, on=on_date or _dt.date.today(), second_home=second_home,
                                     policy=policy, catalog=catalog, dated=on_date is not None)
        rate, rate_on = found.rate, found.on
        for note in found.notes:
            click.echo(message("loans.cli.policy_stale", s.lang, **note.params), err=True)
    quote = loans.provident_quote(price, policy=policy, buyers=buyers, second_home=second_home,
                                  second_hand=second_hand, annual_rate=rate, months=years * 12)
    data = quote.to_dict()
    data["rate_on"] = rate_on.isoformat() if rate_on else None
    shown_words = s.output_format == "table"  # csv keeps json's English codes
    shown = [(k, s.label(v, LABELS) if shown_words and (k.endswith("_bound") or k == "rate_rule") else v)
             for k, v in data.items()]
    emit(data, [summary_table(shown, title="summary")], LABELS)


# ---------------------------------------------------------------- apr


@loan.command("apr")
@click.option("--amount", type=AMOUNT, required=True, help=_help("apr_amount"))
@click.option("--months", type=click.IntRange(1, 600), required=True, help="Number of monthly payments.")
@click.option("--payment", type=AMOUNT, help=_help("apr_payment"))
@click.option("--monthly-fee", type=RATE,
              help=_help("apr_monthly_fee"))
@click.option("--rate", type=RATE,
              help=_help("apr_rate"))
@click.option("--fee", type=AMOUNT, default="0", show_default=True,
              help=_help("apr_fee"))
def apr_cmd(amount: float, months: int, payment: float | None, monthly_fee: float | None, rate: float | None,
            fee: float) -> None:
    """True annual rate (真实年化利率, IRR) of an installment plan or loan offer.

    \b
    Give exactly one of --payment, --monthly-fee or --rate; --fee adds an
    up-front fee. The APR counts every cost over the money really in use
    (docs/rules/apr.md). Examples:
      wealthcalc loan apr --amount 12000 --months 12 --monthly-fee 0.6%
      wealthcalc loan apr --amount 14万 --months 36 --rate 0% --fee 8000
    """
    from .. import loans

    if sum(x is not None for x in (payment, monthly_fee, rate)) != 1:
        raise click.UsageError(words("loans.cli.apr_one"))
    result = loans.quoted_apr(amount, months, payment=payment, monthly_fee_rate=monthly_fee, annual_rate=rate,
                              fees=fee)
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
              help=_help("installment"))
@click.option("--car", "cars", multiple=True, metavar="PRICE:MONTHS:RATE[:FEE[:RATIO]]",
              help=_help("car"))
@click.option("--offer", "offers", multiple=True, metavar="NAME:AMOUNT:MONTHS:PAYMENT[:FEE]",
              help=_help("offer"))
@click.option("--on", "on_date", type=DATE, help="Date for 'benchmark' rates (default today).")
def compare_cmd(amount: float | None, rate: float | None, years: int | None, months: int | None,
                installments: tuple[str, ...], cars: tuple[str, ...], offers: tuple[str, ...],
                on_date: _dt.date | None) -> None:
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
        raise click.UsageError(words("loans.cli.compare_need"))
    both = loans.compare_methods(amount, rate, _term(years, months))
    rows = both.rows()
    s = settings()
    if s.output_format == "table":  # people read labels; csv keeps the English keys
        rows = [[s.label(r[0], LABELS)] + r[1:] for r in rows]
    emit(both.to_dict(), [Table(both.headers, rows, title="method_comparison")], LABELS)


def _split(spec: str, low: int, high: int, field: str, code: str) -> list[str]:
    parts = spec.split(":")
    if not low <= len(parts) <= high:
        raise InputError(field, spec, code=code)
    return parts


def _months(text: str, field: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(field, text, code="loans.cli.months_whole") from None


def _installment(spec: str) -> Any:
    from .. import _validate, loans

    amount, months, fee = _split(spec, 3, 3, "installment", "loans.cli.installment_format")
    n, fee_rate = _months(months, "installment"), _validate.rate(fee, "installment")
    name = message("loans.cli.name_installment", settings().lang, n=n, fee=f"{fee_rate * 100:g}")
    return loans.installment_offer(_validate.amount(amount, "installment"), n, fee_rate, name=name)


def _car(spec: str, on: _dt.date | None = None) -> Any:
    from .. import _validate, loans

    parts = _split(spec, 3, 5, "car", "loans.cli.car_format")
    n = _months(parts[1], "car")
    benchmark = parts[2].strip().lower() in _BENCHMARK_WORDS
    if benchmark:
        rate = loans.benchmark_rate(n, on or _dt.date.today(), settings().catalog(), field_name="car")
    else:
        rate = _validate.rate(parts[2], "car")
    fee = _validate.amount(parts[3], "car", allow_zero=True) if len(parts) > 3 and parts[3] else 0.0
    ratio = _validate.rate(parts[4], "car") if len(parts) > 4 else 0.7
    lang = settings().lang
    rate_text = f"{rate * 100:g}%"
    if benchmark:
        rate_text = message("loans.cli.name_benchmark", lang, rate=rate_text)
    name = message("loans.cli.name_car", lang, ratio=f"{ratio * 100:g}", n=n, rate=rate_text)
    if fee:
        name += message("loans.cli.name_fee", lang, fee=f"{fee:,.0f}")
    return loans.car_loan_offer(_validate.amount(parts[0], "car"), n, annual_rate=rate, service_fee=fee,
                                loan_ratio=ratio, name=name)


def _offer(spec: str) -> Any:
    from .. import _validate, loans

    parts = _split(spec, 4, 5, "offer", "loans.cli.offer_format")
    n = _months(parts[2], "offer")
    if not 1 <= n <= loans.MAX_MONTHS:
        raise InputError("offer", spec, code="loans.cli.offer_months")
    payment = _validate.amount(parts[3], "offer")
    fee = _validate.amount(parts[4], "offer", allow_zero=True) if len(parts) > 4 else 0.0
    return loans.Offer(parts[0], _validate.amount(parts[1], "offer"), (payment,) * n, fee)


# ---------------------------------------------------------------- batch


@loan.command("batch")
@click.argument("input_path", metavar="IN.csv", type=click.Path(exists=True, dir_okay=False))
@click.argument("output_path", metavar="OUT.csv", type=click.Path(dir_okay=False, writable=True))
@click.option("--chunk-size", type=click.IntRange(1, 1_000_000), default=10_000, show_default=True,
              help="Loans computed per step; memory grows with this, not with the file.")
@click.option("--encoding", default="utf-8", show_default=True,
              help=_help("encoding"))
@click.option("--on-error", type=click.Choice(["fail", "skip"]), default="fail", show_default=True,
              help="A bad row stops the run (fail) or is reported on stderr and skipped (skip).")
@click.option("--method", type=click.Choice(_METHODS), default="equal-installment", show_default=True,
              help="Method for rows without a method column.")
def batch_cmd(input_path: str, output_path: str, chunk_size: int, encoding: str, on_error: str, method: str) -> None:
    """Summaries of a CSV of loans (批量计算), streamed in chunks.

    \b
    IN.csv columns: amount (or principal), rate, months (or years);
    optional id, method, start. OUT.csv: id (or line), first_payment,
    last_payment, total_interest, total_paid, months, payoff_date.
    Bad rows are reported as FILE line N; OUT.csv is written only on success.
    Example: wealthcalc loan batch --on-error skip book.csv summaries.csv
    """
    from .. import loans

    lang = settings().lang

    def bad_row(error: InputError) -> None:
        click.echo(f"Error: {error.message(lang)}", err=True)

    # the bar counts bytes of IN.csv (known length: percent and time left); None off a terminal
    size = os.path.getsize(input_path)
    with progress(None, length=max(size, 1), label=os.path.basename(input_path)) as bar:  # type: ignore[arg-type]
        update: Callable[[int], None] | None = bar.update if bar is not None else None
        result = loans.run_book(input_path, output_path, chunk_size=chunk_size, on_error=on_error, method=method,
                                encoding=encoding, on_bad_row=bad_row, on_progress=update)
    if result.rows_skipped:
        click.echo(words("loans.cli.rows_skipped", count=result.rows_skipped), err=True)
    data = result.to_dict()
    emit(data, [summary_table(data.items(), title="summary")], LABELS)
