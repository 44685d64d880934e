"""Shared pieces of the CLI: global settings, option types, and rendering.

A command parses its options with the types here, calls one library
function and hands the result to :func:`emit`, which prints a table
(tabulate), json or csv. Labels live in the command modules as
``{key: (zh, en)}`` maps; machine formats always use the English keys.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import io
import json
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import click

from ..errors import WealthcalcError
from ..results import safe_csv_cell

Labels = Mapping[str, tuple[str, str]]

# Keys shown as percents in tables (values are decimal fractions).
_RATE_SUFFIXES = ("rate", "yield", "xirr", "return", "apr", "irr", "ear", "ratio", "share_pct")
# Results a customer compares (returns, true annual rates) print with 2 decimals, as banks
# quote them (13.03%); quoted and input rates keep up to 4 (0.935%, 3.3307%).
_RESULT_SUFFIXES = ("yield", "xirr", "return", "apr", "irr", "ear", "win_rate", "net_annual_rate",
                    "effective_annual_rate")


@dataclass
class Settings:
    """Options of the ``wealthcalc`` group that every command sees."""

    output_format: str = "table"
    lang: str = "zh"
    catalog_path: str | None = None
    debug: bool = False
    _catalog: Any = field(default=None, repr=False)

    def label(self, key: str, labels: Labels | None = None) -> str:
        """The display label of ``key`` in the chosen language."""
        pair = (labels or {}).get(key)
        if pair is None:
            from ..i18n import label

            return label(key, self.lang)
        return pair[0] if self.lang == "zh" else pair[1]

    def pick(self, zh: str, en: str) -> str:
        """Of two texts the data holds in both languages (a catalog entry's name), the one to show."""
        return zh if self.lang == "zh" else en

    def catalog(self):
        """The product catalog chosen by --catalog / WEALTHCALC_CATALOG (loaded once)."""
        if self._catalog is None:
            from .. import catalog as _catalog_module

            self._catalog = _catalog_module.load(self.catalog_path)
        return self._catalog


def words(code: str, /, **params: Any) -> str:
    """A message-catalog entry as the CLI shows it: with --lang zh the Chinese wording, then
    the English after ｜; with --lang en the English alone (outside a command: English).

    >>> words("rate.negative")
    'a rate must not be negative'
    """
    from ..i18n import message

    ctx = click.get_current_context(silent=True)
    lang = settings().lang if ctx is not None else "en"
    en = message(code, "en", **params)
    return f"{message(code, 'zh', **params)} ｜ {en}" if lang == "zh" else en


def settings() -> Settings:
    """The current command's :class:`Settings` (the defaults before the group has run)."""
    ctx = click.get_current_context()
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


# ---------------------------------------------------------------- option types


class _LibraryParam(click.ParamType):
    """A click type that parses with a wealthcalc.money function."""

    def convert(self, value: Any, param, ctx):  # noqa: D401 - click API
        if not isinstance(value, str):
            return value
        try:
            return self.parse(value, param)
        except WealthcalcError as error:
            self.fail(f"{value!r}: {error.shown_hint(settings().lang if ctx is not None else 'en')}", param, ctx)

    def parse(self, value: str, param: click.Parameter | None) -> Any:
        """The parsed value (each subclass parses with its library function)."""
        raise NotImplementedError

    @staticmethod
    def _field(param: click.Parameter | None) -> str:
        return (param.name or "value") if param is not None else "value"


class AmountType(_LibraryParam):
    """Yuan: 100000, 100,000, 10万, ¥5,000, 5000元."""

    name = "amount"

    def parse(self, value: str, param) -> float:
        from ..money import parse_amount

        return parse_amount(value, field=self._field(param))


class RateType(_LibraryParam):
    """A rate: 3.24% or 0.0324."""

    name = "rate"

    def __init__(self, allow_negative: bool = False, max_rate: float | None = 1.0) -> None:
        self.allow_negative = allow_negative
        self.max_rate = max_rate  # None: any size (spreadsheet arithmetic)

    def parse(self, value: str, param) -> float:
        from ..errors import InputError
        from ..money import parse_rate

        field = self._field(param)
        rate = parse_rate(value, field=field, allow_negative=self.allow_negative)
        if self.max_rate is not None and abs(rate) > self.max_rate:
            raise InputError(field, value, code="rate.too_large",
                             params={"value": value, "limit": f"{self.max_rate:.0%}"})
        return rate


class DateType(click.ParamType):
    """An ISO date, 2026-01-15."""

    name = "date"

    def convert(self, value: Any, param, ctx):
        from ..dates import to_date

        try:
            value = to_date(value, param.name if param is not None else "date")
        except WealthcalcError as error:
            self.fail(f"{value!r}: {error.shown_hint(settings().lang if ctx is not None else 'en')}", param, ctx)
        if not 1900 <= value.year <= 2199:
            self.fail(f"{value.isoformat()!r}: " + words("date.range"),
                      param, ctx)
        return value


AMOUNT = AmountType()
RATE = RateType()
DATE = DateType()


# ---------------------------------------------------------------- rendering


@dataclass
class Table:
    """Rows for one printed table; ``headers`` are English snake_case keys."""

    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]
    title: str | None = None


def _json_default(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return value.tolist()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    """JSON text for ``data`` (dates as ISO strings, NaN as null)."""
    return json.dumps(_clean(data), ensure_ascii=False, indent=2, default=_json_default)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return _clean(value.tolist())
    return value


def to_csv(table: Table) -> str:
    """CSV text of one table, with English keys as the header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([safe_csv_cell(_csv_value(v)) for v in row])
    return buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return value


def format_cell(key: str, value: Any, lang: str = "zh") -> str:
    """Display text of one value: money to the fen with separators, rates as percents."""
    from ..money import format_amount

    if value is None:
        return "—"
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, bool):
        from ..i18n import label

        return label("yes" if value else "no", lang)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "—"
        if key.endswith(_RESULT_SUFFIXES):
            return f"{value * 100:.2f}%"
        if key.endswith(_RATE_SUFFIXES):
            return _percent(value)
        return format_amount(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def _percent(rate: float) -> str:
    """A percent with 2 to 4 decimals, as rate tables print them: 5.50%, 3.3307%."""
    text = f"{rate * 100:.4f}"
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.rstrip('0').ljust(2, '0')}%"


def render_table(table: Table, s: Settings, labels: Labels | None = None) -> str:
    """A tabulate table with headers and title in the chosen language."""
    from tabulate import tabulate

    headers = [s.label(h, labels) for h in table.headers]
    if tuple(table.headers) == ("item", "value"):  # a summary: format each value by its item
        body = [[s.label(k, labels), format_cell(k, v, s.lang)] for k, v in table.rows]
    else:
        body = [[format_cell(h, v, s.lang) for h, v in zip(table.headers, row)] for row in table.rows]
    text = tabulate(body, headers=headers, tablefmt="simple", disable_numparse=True)
    if table.title:
        text = f"{s.label(table.title, labels)}\n{text}"
    return text


def emit(data: Mapping[str, Any], tables: Iterable[Table], labels: Labels | None = None) -> None:
    """Print a result in the format chosen with --format.

    ``data`` is the JSON-ready dict (``result.to_dict()``); ``tables`` are what
    people see (and what csv writes).
    """
    s = settings()
    tables = list(tables)
    if s.output_format == "json":
        click.echo(to_json(data))
    elif s.output_format == "csv":
        click.echo("\n".join(to_csv(t) for t in tables), nl=False)
    else:
        click.echo("\n\n".join(render_table(t, s, labels) for t in tables))


def summary_table(pairs: Iterable[tuple[str, Any]], title: str | None = None) -> Table:
    """A two-column item/value table from (key, value) pairs.

    Values are formatted by key (money or percent) before display.
    """
    return Table(headers=("item", "value"), rows=[[k, v] for k, v in pairs], title=title)


def progress(iterable: Iterable[Any], length: int | None = None, label: str = ""):
    """A progress bar on stderr when it is a terminal; the bare iterable otherwise."""
    import sys

    if not sys.stderr.isatty():
        return contextlib.nullcontext(iterable)
    return click.progressbar(iterable, length=length, label=label, file=sys.stderr)


# ---------------------------------------------------------------- charts


def plot_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--plot FILE.png|FILE.svg`` to a command; the value arrives as ``plot`` (or None).

    In the command, after computing ``result``: ``save_plot(result, plot)``
    (extra keywords go to the chart function, e.g. ``baseline=`` for a loan).
    """
    return click.option(
        "--plot",
        "plot",
        type=click.Path(dir_okay=False, writable=True),
        callback=_check_plot_path,
        default=None,
        metavar="FILE.png|FILE.svg",
        help="Also draw a chart of the result to a .png or .svg file (needs the 'plot' extra: "
        "matplotlib, mplfonts). 同时保存图表",
    )(command)


def _check_plot_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse a chart file that cannot be written before any work is done."""
    if value is None:
        return None
    path = Path(value)
    if path.suffix.lower() not in (".png", ".svg"):
        raise click.BadParameter(f"{value!r}: " + words("cli.chart_suffix"), ctx, param)
    if not path.parent.is_dir():
        raise click.BadParameter(f"{value!r}: " + words("cli.no_folder", folder=repr(str(path.parent))), ctx, param)
    return value


def save_plot(result: Any, path: str | None, **kw: Any) -> Path | None:
    """Draw ``result`` to ``path`` in the --lang language; warnings go to stderr as one line each.

    Does nothing when ``path`` is None. Returns the file written.
    """
    if not path:
        return None
    from .. import charts

    s = settings()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", charts.FontFallbackWarning)
        written = charts.save_chart(result, path, lang=s.lang, **kw)
    echo_warnings(caught)
    from ..i18n import message

    click.echo(message("cli.chart_written", s.lang, path=written), err=True)
    return written


def echo_warnings(caught: list[warnings.WarningMessage]) -> None:
    """Print caught warnings on stderr, one line each, without repeats."""
    seen = set()
    for item in caught:
        text = " ".join(str(item.message).split())
        if text not in seen:
            seen.add(text)
            click.echo(f"Warning: {text}", err=True)
