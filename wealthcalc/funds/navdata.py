"""Fund NAV series: read the CSV files fund sites export, or make a synthetic one.

:func:`load_nav` reads a NAV history as exported by fund sites (天天基金,
fund companies, brokers): English or Chinese headers (净值日期, 单位净值,
累计净值, 日增长率, 分红送配), any date order, UTF-8 (with or without BOM)
or GBK. It gathers every problem in the file (bad dates, non-positive or
unreadable values, conflicting duplicate dates) and reports them together,
by line number, in one :class:`NavFileError`. Harmless oddities (identical
duplicate rows, calendar gaps longer than 15 days) become ``notes``.

:func:`synthetic_nav` makes a seeded random series for demos and tests; its
:class:`NavSeries` says ``synthetic=True``, and so does every back-test
run on it.

>>> s = synthetic_nav(days=5, seed=1)
>>> s.synthetic, len(s), s.first_date.isoformat()
(True, 5, '2015-01-05')
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from ..dates import to_date
from .. import _validate as check
from ..errors import InputError
from ..i18n import message
from ..results import Note, jsonable

__all__ = [
    "GAP_DAYS",
    "NavFileError",
    "NavSeries",
    "describe_source",
    "load_nav",
    "note_text",
    "synthetic_nav",
    "write_nav_csv",
]

GAP_DAYS = 15
"""Calendar gaps between NAV dates longer than this many days are noted."""

TRADING_DAYS_PER_YEAR = 250
"""Trading days per year assumed by :func:`synthetic_nav` (dt = 1/250)."""

# header spellings (lower-cased, spaces removed) -> column role
_HEADERS = {
    "date": ("净值日期", "日期", "交易日期", "date", "navdate", "nav_date", "fsrq"),
    "nav": ("单位净值", "净值", "nav", "unitnav", "unit_nav", "dwjz"),
    "acc_nav": ("累计净值", "accnav", "acc_nav", "accumulatednav", "accumulated_nav", "ljjz"),
    "growth": ("日增长率", "daily_return", "dailyreturn", "growth", "jzzzl"),
    "dividend": ("分红送配", "分红", "分红配送", "dividend", "dividends", "distribution", "fhsp"),
    "purchase": ("申购状态", "purchase_status", "purchasestatus", "sgzt"),
}
_EMPTY = ("", "--", "-", "—", "null", "none", "nan", "n/a")
_SUSPENDED = ("suspended", "closed")  # 申购状态 cells meaning suspended, besides those containing:
_SUSPENDED_WORDS = ("暂停", "封闭")  # 暂停申购, 封闭期
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_WRITTEN_HEADER = ("净值日期", "单位净值", "累计净值", "分红送配")  # what write_nav_csv writes
_WRITTEN_CASH = "每份派现金{:.4f}元"
_WRITTEN_SPLIT = "每份基金份额折算{:.6g}份"
_CASH = re.compile(r"(?:派现金|派|现金|cash)\s*([0-9]*\.?[0-9]+)")
_SPLIT = re.compile(r"(?:折算|拆分|分拆|split)\s*([0-9]*\.?[0-9]+)")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_PER_N = re.compile(r"每\s*([0-9]+)\s*份")  # 每10份派现金0.5元: cash per 10 shares
_UNIT = re.compile(r"[(（][^)）]*[)）]$")  # 单位净值(元), 日增长率（%）
_MAX_NAV = 1e6


def note_text(note: Note | str, lang: str = "en") -> str:
    """A note in ``lang`` ('zh' or 'en'): ``note.text(lang)``; plain strings come back unchanged.

    Kept for callers of the old ``navdata.note_text``; new code calls :meth:`Note.text`.

    >>> note_text(Note("funds.synthetic"), "zh"), note_text("plain", "zh")
    ('模拟净值序列：仅作演示，并非基金的真实历史', 'plain')
    """
    return note.text(lang) if isinstance(note, Note) else str(note)


class NavFileError(InputError):
    """A NAV file with problems; ``problems`` lists every one as a :class:`~wealthcalc.results.Note`.

    ``field`` names the file and the first bad line, ``value`` is the first
    bad cell, and the hint lists all the problems found, worded by the
    message catalog (:meth:`message` in Chinese puts the Chinese first).

    >>> err = NavFileError("a.csv, line 3", "x", problems=[Note("funds.nav.not_number",
    ...                    {"line": 3, "column": "nav", "got": "x"})])
    >>> err.hint, err.hint_in("zh")
    ("not a number (got 'x')", "不是数字（读到 'x'）")
    """

    def __init__(self, field: str, value: Any, hint: str = "", problems: Sequence[Note] = (), *,
                 code: str = "", params: Mapping[str, Any] | None = None, **wording: Any) -> None:
        # ``wording``: what else InputError takes, so code re-raising an error as its own type keeps working
        self.problems = tuple(problems)
        super().__init__(field, value, hint, code=code, params=params, **wording)
        if self.problems and not code:
            self.hint = self.hint_in("en")

    def hint_in(self, lang: str) -> str:
        """The hint in ``lang``: the one problem, or all of them with their line numbers."""
        if self.code or not self.problems:
            return super().hint_in(lang)
        if len(self.problems) == 1:
            one = self.problems[0]
            at = message("funds.nav.at", lang, line=one.params["line"], column=one.params["column"])
            return one.text(lang)[len(at):]
        listed = message("funds.nav.separator", lang).join(p.text(lang) for p in self.problems)
        return message("funds.nav.problems", lang, count=len(self.problems), listed=listed)

    def __reduce__(self) -> Any:
        return (_rebuild_nav_error, (self.field, self.value, self.hint, self.problems, self.code, self.params))


def _rebuild_nav_error(field: str, value: Any, hint: str, problems: tuple[Note, ...], code: str,
                       params: dict[str, Any]) -> NavFileError:
    return NavFileError(field, value, "" if code or problems else hint, problems, code=code, params=params)


@dataclass(frozen=True, slots=True)
class NavSeries:
    """A fund's NAV history, one row per trading (pricing) day, oldest first.

    Attributes
    ----------
    dates : datetime64[D] array of NAV dates, strictly increasing.
    nav : 单位净值 per share, yuan.
    acc_nav : 累计净值 (nan where the file has none).
    dividend : cash dividend per share with its ex-date on that row (0 if none).
    split : share split / conversion ratio on that row (1 if none).
    source : file name, or a description of the synthetic parameters.
    synthetic : True for a generated series (results say so too).
    notes : warnings found while reading (gaps, identical duplicates), as
        :class:`~wealthcalc.results.Note` (``note.text("zh")`` words one in Chinese).
    suspended : True on dates the file's 申购状态 says purchases were
        suspended (暂停申购, 封闭期); None when the file has no such column.
    """

    dates: NDArray[np.datetime64] = field(compare=False)
    nav: NDArray[np.float64] = field(compare=False)
    acc_nav: NDArray[np.float64] = field(compare=False)
    dividend: NDArray[np.float64] = field(compare=False)
    split: NDArray[np.float64] = field(compare=False)
    source: str = ""
    synthetic: bool = False
    notes: tuple[Note, ...] = ()
    suspended: NDArray[np.bool_] | None = field(default=None, compare=False)

    headers = ("date", "nav", "acc_nav", "dividend", "split")

    def __len__(self) -> int:
        return len(self.dates)

    @property
    def first_date(self) -> _dt.date:
        return self.dates[0].astype(_dt.date)

    @property
    def last_date(self) -> _dt.date:
        return self.dates[-1].astype(_dt.date)

    def rows(self) -> list[list[Any]]:
        """One row per NAV date, as in :attr:`headers`."""
        return [
            [d.astype(_dt.date), float(v), float(a), float(c), float(s)]
            for d, v, a, c, s in zip(self.dates, self.nav, self.acc_nav, self.dividend, self.split)
        ]

    def to_dict(self) -> dict[str, Any]:
        """What the series is (not its values): source, dates, count, notes as Note dicts."""
        return jsonable({"source": self.source, "synthetic": self.synthetic, "first_date": self.first_date,
                         "last_date": self.last_date, "count": len(self), "notes": list(self.notes)})


def _build(dates: Any, nav: Any, acc: Any, div: Any, split: Any, source: str, synthetic: bool,
           notes: Iterable[Note], suspended: Any = None) -> NavSeries:
    return NavSeries(
        dates=np.asarray(dates, dtype="datetime64[D]"),
        nav=np.asarray(nav, dtype=np.float64),
        acc_nav=np.asarray(acc, dtype=np.float64),
        dividend=np.asarray(div, dtype=np.float64),
        split=np.asarray(split, dtype=np.float64),
        source=source,
        synthetic=synthetic,
        notes=tuple(notes),
        suspended=None if suspended is None else np.asarray(suspended, dtype=bool),
    )


# ---------------------------------------------------------------- reading


def _decode(raw: bytes, name: str) -> str:
    if raw[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        raise NavFileError(name, "Excel workbook", code="funds.nav.excel")
    failed = []
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            failed.append(error.start)
    at = max(failed)  # the encoding that read furthest shows where the file breaks
    line = raw[:at].count(b"\n") + 1
    raise NavFileError(f"{name}, line {line}", "bytes " + raw[at:at + 4].hex(" "), code="funds.nav.encoding")


def _parse_date(text: str) -> _dt.date | None:
    t = text.strip().split(" ")[0].split("T")[0]
    m = _DATE.fullmatch(t) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", t
    )
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _parse_number(text: str) -> float | None:
    t = text.strip().replace(",", "")
    if not _PLAIN.fullmatch(t):
        return None
    value = float(t)
    return value if math.isfinite(value) else None


def _parse_dividend(text: str) -> tuple[float, float] | None:
    """(cash per share, split ratio) from a 分红送配 cell; None if unreadable."""
    t = text.strip().replace(" ", "")
    if t.lower() in _EMPTY:
        return 0.0, 1.0
    number = _parse_number(t)
    if number is not None:
        return (number, 1.0) if number >= 0 else None
    cash = _CASH.search(t)
    split = _SPLIT.search(t)
    if not cash and not split:
        return None
    per_share = 0.0
    if cash:
        per = _PER_N.search(t[:cash.start()])  # 每10份派现金0.5元 is 0.05 a share
        per_share = float(cash.group(1)) / max(int(per.group(1)) if per else 1, 1)
    return per_share, float(split.group(1)) if split else 1.0


def _roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _UNIT.sub("", cell.strip().lower().replace(" ", ""))  # 单位净值(元) -> 单位净值
        for role, names in _HEADERS.items():
            if key in names and role not in roles:
                roles[role] = index
    return roles


_Row = tuple[int, float, float, float, float, bool]  # line, nav, acc_nav, cash, split, suspended


def _content_lines(text: str, name: str) -> tuple[list[tuple[int, str]], bool, str]:
    """(line number, line) of the header and data lines; whether a first ``# synthetic``
    comment marks a generated file; the source (the file name, with that comment)."""
    synthetic = False
    source = name
    numbered: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip(" \t,;\ufeff"):  # blank, or only separators (",,,,," rows Excel leaves)
            continue
        if line.lstrip().startswith("#"):
            if not numbered and line.lstrip("# ").lower().startswith("synthetic"):
                synthetic = True
                source = f"{name}: {line.lstrip('# ').strip()}"
            continue
        numbered.append((number, line))
    if not numbered:
        raise NavFileError(name, "", code="funds.nav.empty")
    return numbered, synthetic, source


def _read_rows(lines: list[tuple[int, str]], delimiter: str, header: list[str], roles: dict[str, int],
               name: str) -> tuple[dict[_dt.date, _Row], list[Note], list[Note]]:
    """The rows by date, the notes (identical duplicates) and the problems of the data lines."""
    problems: list[Note] = []
    rows: dict[_dt.date, _Row] = {}
    notes: list[Note] = []
    for number, line in lines:
        cells = next(csv.reader([line], delimiter=delimiter))
        found = _read_cells(cells, number, header, roles, problems)
        if found is None:
            continue
        date, record = found
        if date in rows:
            first = rows[date]
            same = first[1:] == record[1:] or (
                first[1] == record[1] and first[3:] == record[3:]
                and (first[2] == record[2] or (math.isnan(first[2]) and math.isnan(record[2])))
            )
            if same:
                notes.append(Note("funds.repeated_row", {"file": name, "line": number, "date": date.isoformat(),
                                                         "first_line": first[0]}))
            else:
                problems.append(Note("funds.nav.duplicate", {"line": number, "column": header[roles["date"]].strip(),
                                                             "got": date.isoformat(), "first_line": first[0]}))
            continue
        rows[date] = record
    return rows, notes, problems


def _read_cells(cells: list[str], number: int, header: list[str], roles: dict[str, int],
                problems: list[Note]) -> tuple[_dt.date, _Row] | None:
    """One data line's date and record, or None when its date or NAV is bad (added to ``problems``)."""

    def get(role: str) -> str:
        return cells[roles[role]].strip() if role in roles and roles[role] < len(cells) else ""

    def problem(code: str, role: str) -> None:
        problems.append(Note(code, {"line": number, "column": header[roles[role]].strip(), "got": get(role)}))

    date = _parse_date(get("date"))
    if date is None:
        problem("funds.nav.bad_date", "date")
    nav = _parse_number(get("nav"))
    if nav is None:
        problem("funds.nav.not_number", "nav")
    elif not 0 < nav <= _MAX_NAV:
        problem("funds.nav.not_positive" if nav <= 0 else "funds.nav.too_large", "nav")
    acc = math.nan
    if "acc_nav" in roles and get("acc_nav").lower() not in _EMPTY:
        read = _parse_number(get("acc_nav"))
        if read is None or read <= 0:
            problem("funds.nav.bad_acc_nav", "acc_nav")
        else:
            acc = read
    div = (0.0, 1.0)
    if "dividend" in roles:
        parsed = _parse_dividend(get("dividend"))
        if parsed is None or parsed[1] <= 0:
            problem("funds.nav.bad_dividend", "dividend")
        else:
            div = parsed
    if date is None or nav is None or not 0 < nav <= _MAX_NAV:
        return None
    status = get("purchase").lower()
    closed = any(w in status for w in _SUSPENDED_WORDS) or status in _SUSPENDED
    return date, (number, nav, acc, div[0], div[1], closed)


def load_nav(path: str | Path) -> NavSeries:
    """Read a fund NAV history CSV as exported by fund sites.

    Parameters
    ----------
    path : a CSV (comma, tab or semicolon separated) with a header row.
        Columns are found by name: date (净值日期 / 日期 / date), NAV
        (单位净值 / nav), and optionally 累计净值 / acc_nav, 日增长率
        (ignored) and 分红送配 / dividend (cash per share: ``0.05`` or
        ``每份派现金0.0500元``; splits: ``每份基金份额折算1.0234份``).
        Other columns are ignored; lines starting with ``#`` are comments,
        and a first comment starting ``# synthetic`` marks a generated file.

    Returns
    -------
    NavSeries, oldest first, whatever the file's order.

    Raises
    ------
    NavFileError (an InputError)
        naming the file and line of every bad row: dates that do not parse,
        NAVs that are not positive numbers, unreadable dividends, conflicting
        rows for one date, a missing date or NAV column, an empty file.

    Notes
    -----
    Encoding: UTF-8 (with or without BOM) is tried first, then GBK
    (GB18030). Identical duplicate rows are dropped with a note; calendar
    gaps longer than ``GAP_DAYS`` (15) days are noted (a suspended fund or a
    missing export page) but accepted.

    Examples
    --------
    >>> import tempfile, os
    >>> text = "净值日期,单位净值,累计净值,日增长率\\n2024-01-09,1.0100,1.2100,1.00%\\n2024-01-08,1.0000,1.2000,\\n"
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="gbk") as f:
    ...     _ = f.write(text)
    >>> s = load_nav(f.name); os.unlink(f.name)
    >>> [d.isoformat() for d in s.dates.astype(object)], s.nav.tolist()
    (['2024-01-08', '2024-01-09'], [1.0, 1.01])
    """
    if not isinstance(path, (str, Path)) or not str(path).strip():
        raise InputError("path", path, code="funds.nav_path")
    p = Path(path)
    name = p.name
    try:
        raw = p.read_bytes()
    except OSError as error:
        raise InputError("path", str(path), code="funds.nav.unreadable",
                         params={"reason": error.strerror}) from None
    numbered, synthetic, source = _content_lines(_decode(raw, name), name)
    header_line, header_text = numbered[0]
    delimiter = max((",", "\t", ";"), key=header_text.count)
    header = next(csv.reader([header_text], delimiter=delimiter))
    roles = _roles(header)
    missing = [r for r in ("date", "nav") if r not in roles]
    if missing:
        code = "funds.nav.no_columns" if len(missing) == 2 else f"funds.nav.no_{missing[0]}_column"
        raise NavFileError(f"{name}, line {header_line}", header_text.strip(), code=code)
    rows, notes, problems = _read_rows(numbered[1:], delimiter, header, roles, name)
    if not problems and not rows:
        raise NavFileError(f"{name}, line {header_line}", header_text.strip(), code="funds.nav.no_rows")
    if problems:
        bad = problems[0].params
        raise NavFileError(f"{name}, line {bad['line']}", bad["got"], problems=problems)
    ordered = sorted(rows)
    dates = np.array(ordered, dtype="datetime64[D]")
    gaps = np.diff(dates).astype(int)
    for i in np.flatnonzero(gaps > GAP_DAYS):
        notes.append(Note("funds.gap", {"file": name, "days": int(gaps[i] - 1), "start": ordered[i].isoformat(),
                                        "end": ordered[i + 1].isoformat(), "first_line": rows[ordered[i]][0],
                                        "second_line": rows[ordered[i + 1]][0]}))
    values = np.array([rows[d][1:] for d in ordered], dtype=np.float64)
    suspended = values[:, 4] > 0 if "purchase" in roles else None
    return _build(dates, values[:, 0], values[:, 1], values[:, 2], values[:, 3], source, synthetic, notes, suspended)


# ---------------------------------------------------------------- synthetic


def synthetic_nav(
    start: check.DateLike = _dt.date(2015, 1, 5),
    days: int = 2500,
    *,
    annual_drift: float = 0.08,
    volatility: float = 0.20,
    seed: int = 0,
    start_nav: float = 1.0,
    holidays: Iterable[check.DateLike] = (),
) -> NavSeries:
    """A seeded random NAV series (geometric Brownian motion) for demos and tests.

    Parameters
    ----------
    start : first trading day, a date or 'YYYY-MM-DD' (moved to the next weekday if
        it is not one).
    days : number of NAV points (trading days).
    annual_drift : expected log-growth plus half the variance per year, e.g. 0.08.
    volatility : annual volatility, e.g. 0.20 (a broad equity index is ~0.2-0.3).
    seed : random seed; the same arguments give the same series.
    start_nav : NAV on the first day.
    holidays : dates to skip besides weekends. By default trading days are
        simply Monday to Friday; pass a list of exchange holidays to mimic
        the Shanghai/Shenzhen calendar.

    Returns
    -------
    NavSeries with ``synthetic=True``; NAVs rounded to 4 decimals as
    published; 累计净值 equal to the NAV; no dividends.

    Notes
    -----
    ``nav[t] = start_nav * exp(sum((mu - sigma**2 / 2) dt + sigma sqrt(dt) z))``
    with ``dt = 1/250`` and standard normal ``z`` from
    ``numpy.random.default_rng(seed)``.

    Examples
    --------
    >>> s = synthetic_nav(days=500, annual_drift=0.0, volatility=0.0)
    >>> float(s.nav.min()), float(s.nav.max()), s.last_date.isoformat()
    (1.0, 1.0, '2016-12-02')
    """
    days = check.whole(days, "days", low=1, high=100_000, unit="days", example=2500)
    checked = []
    for label, value, low, high in (("annual_drift", annual_drift, -1.0, 1.0),
                                    ("volatility", volatility, 0.0, 2.0),
                                    ("start_nav", start_nav, 1e-6, 1e6)):
        number = check.number(value, label)
        if not low <= number <= high:
            raise InputError(label, value, code="funds.synthetic_number", params={"low": low, "high": high})
        checked.append(number)
    annual_drift, volatility, start_nav = checked
    seed = check.whole(seed, "seed", low=0, high=2**32 - 1, unit="seed", example=0)
    first_day = check.date(start, "start")
    skip = {np.datetime64(check.date(d, "holidays"), "D") for d in holidays}
    first = np.datetime64(first_day, "D")
    # enough calendar days for `days` weekdays plus the holidays
    span = np.arange(first, first + int(days * 7 / 5) + 10 + 2 * len(skip), dtype="datetime64[D]")
    weekday = (span.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday (3)
    keep = weekday < 5
    if skip:
        keep &= ~np.isin(span, np.array(sorted(skip), dtype="datetime64[D]"))
    dates = span[keep][:days]
    dt = 1.0 / TRADING_DAYS_PER_YEAR
    z = np.random.default_rng(seed).standard_normal(days - 1)
    steps = (annual_drift - volatility**2 / 2) * dt + volatility * math.sqrt(dt) * z
    nav = np.round(start_nav * np.exp(np.concatenate([[0.0], np.cumsum(steps)])), 4)
    nav = np.maximum(nav, 0.0001)
    source = (f"synthetic (start={dates[0]}, days={days}, annual_drift={annual_drift}, "
              f"volatility={volatility}, seed={seed})")
    zeros = np.zeros(days)
    return _build(dates, nav, nav.copy(), zeros, zeros + 1.0, source, True, ())


_SYNTHETIC_SOURCE = re.compile(
    r"synthetic \(start=(?P<start>[\d-]+), days=(?P<days>\d+), annual_drift=(?P<drift>[-\d.eE+]+), "
    r"volatility=(?P<vol>[-\d.eE+]+), seed=(?P<seed>\d+)\)"
)


def describe_source(source: str, lang: str = "en") -> str:
    """A NAV series' source for people: a synthetic series' parameters worded in ``lang``.

    Other sources (file names) come back unchanged.

    >>> describe_source("synthetic (start=2015-01-05, days=2500, annual_drift=0.08, volatility=0.2, seed=3)",
    ...                 "zh")
    '模拟序列（几何布朗运动）：自 2015-01-05 起 2,500 个交易日，年化漂移 8.00%，年化波动率 20.00%，随机种子 3'
    >>> describe_source("fund_110020.csv", "en")
    'fund_110020.csv'
    """
    found = _SYNTHETIC_SOURCE.search(source or "")
    if found is None:
        return source
    first, days, seed = found["start"], int(found["days"]), found["seed"]
    drift, vol = float(found["drift"]) * 100, float(found["vol"]) * 100
    words = message("funds.synthetic_source", lang, start=first, days=days, drift=drift, volatility=vol, seed=seed)
    return source[: found.start()] + words + source[found.end():]


def write_nav_csv(series: NavSeries, path: str | Path) -> None:
    """Write a series as a UTF-8 CSV that :func:`load_nav` reads back.

    Synthetic series get a first comment line ``# synthetic ...`` so results
    computed from the file stay labelled synthetic.
    """
    if not isinstance(series, NavSeries):
        raise InputError("series", type(series).__name__, code="funds.nav_type")
    if not isinstance(path, (str, Path)):
        raise InputError("path", path, code="funds.nav_path")
    buffer = io.StringIO()
    if series.synthetic:
        buffer.write(f"# {series.source}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_WRITTEN_HEADER)
    for d, v, a, c, s in zip(series.dates, series.nav, series.acc_nav, series.dividend, series.split):
        event = []
        if c:
            event.append(_WRITTEN_CASH.format(c))
        if s != 1:
            event.append(_WRITTEN_SPLIT.format(s))
        writer.writerow([str(d), f"{v:.4f}", "" if math.isnan(a) else f"{a:.4f}", " ".join(event)])
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")
