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
from typing import Any, Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from ..dates import to_date
from ..errors import InputError

__all__ = [
    "GAP_DAYS",
    "NOTES_ZH",
    "NavFileError",
    "NavSeries",
    "Note",
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
_SUSPENDED = ("suspended", "closed")  # 申购状态 besides 暂停申购 / 封闭期
_CASH = re.compile(r"(?:派现金|派|现金|cash)\s*([0-9]*\.?[0-9]+)")
_SPLIT = re.compile(r"(?:折算|拆分|分拆|split)\s*([0-9]*\.?[0-9]+)")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_PER_N = re.compile(r"每\s*([0-9]+)\s*份")  # 每10份派现金0.5元: cash per 10 shares
_UNIT = re.compile(r"[(（][^)）]*[)）]$")  # 单位净值(元), 日增长率（%）
_MAX_NAV = 1e6


class Note(str):
    """A note: its English words, with ``code`` and ``params`` to word it in another language.

    It is a ``str`` (the English text), so it prints, compares and goes into
    JSON as text; :func:`note_text` words it in Chinese.

    >>> n = Note("gap", file="a.csv", days=20, start="2024-01-08", end="2024-01-29", first_line=9,
    ...          second_line=8)
    >>> str(n), n.code
    ('a.csv: no NAV for 20 days between 2024-01-08 and 2024-01-29 (lines 9 and 8)', 'gap')
    >>> note_text(n, "zh")
    'a.csv：2024-01-08 至 2024-01-29 之间 20 天没有净值（第 9、8 行）'
    """

    code: str
    params: dict

    def __new__(cls, code: str, **params: Any) -> "Note":
        self = super().__new__(cls, NOTES_EN[code].format(**params))
        self.code, self.params = code, params
        return self

    def __reduce__(self):
        return (_note, (self.code, self.params))

    def to_dict(self) -> dict:
        """``{"code": ..., **params}``, JSON-ready."""
        return {"code": self.code, **self.params}


def _note(code: str, params: dict) -> Note:
    return Note(code, **params)


# Every note of NAV series and back-tests on them, in English and Chinese.
NOTES_EN = {
    "repeated_row": "{file}: line {line} repeats {date} (line {first_line}); dropped",
    "gap": "{file}: no NAV for {days} days between {start} and {end} (lines {first_line} and {second_line})",
    "synthetic": "synthetic NAV series: an illustration, not a fund's history",
    "left_out": "{count} installment(s) from {first} on fall after the valuation date {value_date} "
                "(or past the series end) and were left out",
    "short_ma": "{count} installment(s) had fewer than {ma_days} closes before them for the moving average "
                "and were made at the base amount",
    "stale_reference": "the reference series ends on {last}: debits on {count} later NAV date(s) used its "
                       "last close",
    "short_ma_dates": "the first {count} NAV dates lack {ma_days} earlier closes: installments there use "
                      "the base amount",
    "suspended": "{count} installment(s) from {first} fell on days the file marks purchases suspended "
                 "(暂停申购); a platform would not have debited them, the back-test bought anyway",
    "suspended_dates": "{count} NAV date(s) are marked purchases suspended (暂停申购); plans bought on them "
                       "anyway",
    "xirr_no_sign_change": "XIRR undefined: the flows do not change sign",
    "xirr_no_root": "XIRR: no root found",
}
NOTES_ZH = {
    "repeated_row": "{file}：第 {line} 行与第 {first_line} 行重复（{date}），已去掉",
    "gap": "{file}：{start} 至 {end} 之间 {days} 天没有净值（第 {first_line}、{second_line} 行）",
    "synthetic": "模拟净值序列：仅作演示，并非基金的真实历史",
    "left_out": "自 {first} 起 {count} 期扣款晚于估值日 {value_date}（或超出净值序列），未计入",
    "short_ma": "{count} 期扣款之前不足 {ma_days} 个收盘价可算均线，按基础金额扣款",
    "stale_reference": "参考指数序列止于 {last}：其后 {count} 个净值日的扣款沿用其最后一个收盘价",
    "short_ma_dates": "前 {count} 个净值日之前不足 {ma_days} 个收盘价可算均线，这些日子按基础金额扣款",
    "suspended": "自 {first} 起 {count} 期扣款落在文件标为暂停申购的日子：平台通常不会扣款，回测仍按买入计算",
    "suspended_dates": "{count} 个净值日标为暂停申购：回测在这些日子仍按买入计算",
    "xirr_no_sign_change": "无法计算年化收益率（XIRR）：现金流没有正负变化",
    "xirr_no_root": "年化收益率（XIRR）无解",
}


def note_text(note: str, lang: str = "en") -> str:
    """A note in ``lang`` ('zh' or 'en'); plain strings come back unchanged."""
    code = getattr(note, "code", None)
    if lang == "zh" and code in NOTES_ZH:
        return NOTES_ZH[code].format(**note.params)
    return str(note)


class NavFileError(InputError):
    """A NAV file with problems; ``problems`` lists every one as text.

    ``field`` names the file and the first bad line, ``value`` is the first
    bad cell, and the hint lists all the problems found. ``problems_zh`` and
    ``hint_zh`` say the same in Chinese (the CLI shows them with ``--lang zh``).
    """

    def __init__(self, field: str, value, hint: str = "", problems: Sequence[str] = (), *,
                 hint_zh: str = "", problems_zh: Sequence[str] = ()) -> None:
        self.problems = tuple(problems)
        self.problems_zh = tuple(problems_zh)
        super().__init__(field, value, hint, hint_zh=hint_zh)

    def __reduce__(self):
        return (type(self), (self.field, self.value, self.hint, self.problems),
                {"hint_zh": self.hint_zh, "problems_zh": self.problems_zh})


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
        :class:`Note` strings (English; :func:`note_text` gives Chinese).
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

    def rows(self) -> list[list]:
        return [
            [d.astype(_dt.date), float(v), float(a), float(c), float(s)]
            for d, v, a, c, s in zip(self.dates, self.nav, self.acc_nav, self.dividend, self.split)
        ]

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "synthetic": self.synthetic,
            "first_date": self.first_date.isoformat(),
            "last_date": self.last_date.isoformat(),
            "count": len(self),
            "notes": list(self.notes),
            "note_codes": [n.to_dict() for n in self.notes if isinstance(n, Note)],
        }


def _build(dates, nav, acc, div, split, source, synthetic, notes, suspended=None) -> NavSeries:
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
        raise NavFileError(name, "Excel workbook", "this is an Excel file, not CSV text; "
                           "open it and save it as CSV (逗号分隔)",
                           hint_zh="这是 Excel 文件，不是 CSV 文本；请打开后另存为 CSV（逗号分隔）")
    failed = []
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            failed.append(error.start)
    at = max(failed)  # the encoding that read furthest shows where the file breaks
    line = raw[:at].count(b"\n") + 1
    raise NavFileError(f"{name}, line {line}", "bytes " + raw[at:at + 4].hex(" "),
                       "the file is neither UTF-8 nor GBK text there; save it as UTF-8 CSV",
                       hint_zh="文件在此处既不是 UTF-8 也不是 GBK 文本；请另存为 UTF-8 编码的 CSV")


def _parse_date(text: str) -> _dt.date | None:
    t = text.strip().split(" ")[0].split("T")[0]
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", t) or re.fullmatch(
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
    p = Path(path)
    name = p.name
    try:
        raw = p.read_bytes()
    except OSError as error:
        raise InputError("path", str(path), f"cannot read the NAV file ({error.strerror})",
                         hint_zh=f"无法读取净值文件（{error.strerror}）；请检查文件路径") from None
    text = _decode(raw, name)
    lines = text.splitlines()
    synthetic = False
    source = name
    numbered = []
    for number, line in enumerate(lines, start=1):
        if not line.strip(" \t,;\ufeff"):  # blank, or only separators (",,,,," rows Excel leaves)
            continue
        if line.lstrip().startswith("#"):
            if not numbered and line.lstrip("# ").lower().startswith("synthetic"):
                synthetic = True
                source = f"{name}: {line.lstrip('# ').strip()}"
            continue
        numbered.append((number, line))
    if not numbered:
        raise NavFileError(name, "", "the file has no header row and no data; "
                           "expected a header such as 净值日期,单位净值,累计净值",
                           hint_zh="文件既没有表头也没有数据；第一行应是表头，例如 净值日期,单位净值,累计净值")
    header_line, header_text = numbered[0]
    delimiter = max((",", "\t", ";"), key=header_text.count)
    header = next(csv.reader([header_text], delimiter=delimiter))
    roles = _roles(header)
    missing = [r for r in ("date", "nav") if r not in roles]
    if missing:
        raise NavFileError(
            f"{name}, line {header_line}",
            header_text.strip(),
            "no " + " and no ".join({"date": "date column (净值日期 / date)",
                                     "nav": "NAV column (单位净值 / nav)"}[m] for m in missing),
            hint_zh="缺少" + "和".join({"date": "日期列（净值日期 / date）",
                                       "nav": "净值列（单位净值 / nav）"}[m] for m in missing),
        )
    problems: list[tuple[int, str, str, str, str]] = []  # line, column, value, reason, reason in Chinese
    rows: dict[_dt.date, tuple[int, float, float, float, float]] = {}
    notes: list[Note] = []
    for number, line in numbered[1:]:
        cells = next(csv.reader([line], delimiter=delimiter))
        get = lambda role: cells[roles[role]].strip() if role in roles and roles[role] < len(cells) else ""  # noqa: E731
        date = _parse_date(get("date"))
        if date is None:
            problems.append((number, header[roles["date"]].strip(), get("date"), "not a date (write 2024-01-08)",
                             "不是有效日期（请写成 2024-01-08）"))
        nav = _parse_number(get("nav"))
        if nav is None:
            problems.append((number, header[roles["nav"]].strip(), get("nav"), "not a number", "不是数字"))
        elif not 0 < nav <= _MAX_NAV:
            problems.append((number, header[roles["nav"]].strip(), get("nav"),
                             *(("a NAV must be positive", "单位净值必须大于零") if nav <= 0
                               else ("a NAV above 1,000,000 a share", "单位净值超过每份 1,000,000 元"))))
        acc = math.nan
        if "acc_nav" in roles and get("acc_nav").lower() not in _EMPTY:
            acc = _parse_number(get("acc_nav"))
            if acc is None or acc <= 0:
                problems.append((number, header[roles["acc_nav"]].strip(), get("acc_nav"),
                                 "累计净值 must be a positive number or empty", "累计净值须为正数或留空"))
                acc = math.nan
        div = (0.0, 1.0)
        if "dividend" in roles:
            parsed = _parse_dividend(get("dividend"))
            if parsed is None or parsed[1] <= 0:
                problems.append((number, header[roles["dividend"]].strip(), get("dividend"),
                                 "unreadable dividend; write cash per share (0.05 or 每份派现金0.0500元) "
                                 "or a split (每份基金份额折算1.0234份)",
                                 "分红送配无法识别；现金分红写每份金额（0.05 或 每份派现金0.0500元），"
                                 "份额折算写 每份基金份额折算1.0234份"))
            else:
                div = parsed
        if date is None or nav is None or not 0 < nav <= _MAX_NAV:
            continue
        status = get("purchase").lower()
        record = (number, nav, acc, div[0], div[1], "暂停" in status or "封闭" in status or status in _SUSPENDED)
        if date in rows:
            first = rows[date]
            same = first[1:] == record[1:] or (
                first[1] == nav and first[3:] == record[3:]
                and (first[2] == acc or (math.isnan(first[2]) and math.isnan(acc)))
            )
            if same:
                notes.append(Note("repeated_row", file=name, line=number, date=date.isoformat(),
                                  first_line=first[0]))
            else:
                problems.append((number, header[roles["date"]].strip(), date.isoformat(),
                                 f"duplicate date with different values (first on line {first[0]})",
                                 f"日期重复且数值不同（首次出现在第 {first[0]} 行）"))
            continue
        rows[date] = record
    if not problems and not rows:
        raise NavFileError(f"{name}, line {header_line}", header_text.strip(),
                           "the file has a header but no data rows under it",
                           hint_zh="文件只有表头，下面没有数据行")
    if problems:
        listed = [f"line {n}, {col}: {reason} (got {val!r})" for n, col, val, reason, _ in problems]
        listed_zh = [f"第 {n} 行，{col}：{reason}（读到 {val!r}）" for n, col, val, _, reason in problems]
        first = problems[0]
        hint = listed[0][listed[0].index(":") + 2:] if len(problems) == 1 else (
            f"{len(problems)} problems: " + "; ".join(listed)
        )
        hint_zh = f"{first[4]}（读到 {first[2]!r}）" if len(problems) == 1 else (
            f"共 {len(problems)} 处问题：" + "；".join(listed_zh)
        )
        raise NavFileError(f"{name}, line {first[0]}", first[2], hint, listed,
                           hint_zh=hint_zh, problems_zh=listed_zh)
    ordered = sorted(rows)
    dates = np.array(ordered, dtype="datetime64[D]")
    gaps = np.diff(dates).astype(int)
    for i in np.flatnonzero(gaps > GAP_DAYS):
        notes.append(Note("gap", file=name, days=int(gaps[i] - 1), start=ordered[i].isoformat(),
                          end=ordered[i + 1].isoformat(), first_line=rows[ordered[i]][0],
                          second_line=rows[ordered[i + 1]][0]))
    values = np.array([rows[d][1:] for d in ordered], dtype=np.float64)
    suspended = values[:, 4] > 0 if "purchase" in roles else None
    return _build(dates, *values[:, :4].T, source, synthetic, notes, suspended)


# ---------------------------------------------------------------- synthetic


def synthetic_nav(
    start: _dt.date | str = _dt.date(2015, 1, 5),
    days: int = 2500,
    *,
    annual_drift: float = 0.08,
    volatility: float = 0.20,
    seed: int = 0,
    start_nav: float = 1.0,
    holidays: Iterable[_dt.date] = (),
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
    if isinstance(days, bool) or not isinstance(days, (int, np.integer)) or not 1 <= days <= 100_000:
        raise InputError("days", days, "a whole number of trading days from 1 to 100000",
                         hint_zh="交易日天数须为 1 到 100000 的整数")
    for label, value, low, high in (("annual_drift", annual_drift, -1.0, 1.0),
                                    ("volatility", volatility, 0.0, 2.0),
                                    ("start_nav", start_nav, 1e-6, 1e6)):
        if not isinstance(value, (int, float)) or not low <= float(value) <= high:
            raise InputError(label, value, f"a number from {low} to {high} (a fraction: 0.08 for 8%)",
                             hint_zh=f"请填 {low} 到 {high} 之间的数（用小数：8% 写作 0.08）")
    start = to_date(start, "start")
    skip = {np.datetime64(d, "D") for d in holidays}
    first = np.datetime64(start, "D")
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


def describe_source(source: str, lang: str) -> str:
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
    if lang == "zh":
        words = (f"模拟序列（几何布朗运动）：自 {first} 起 {days:,} 个交易日，年化漂移 {drift:.2f}%，"
                 f"年化波动率 {vol:.2f}%，随机种子 {seed}")
    else:
        words = (f"synthetic series (geometric Brownian motion): {days:,} trading days from {first}, "
                 f"drift {drift:.2f}% a year, volatility {vol:.2f}% a year, seed {seed}")
    return source[: found.start()] + words + source[found.end():]


def write_nav_csv(series: NavSeries, path: str | Path) -> None:
    """Write a series as a UTF-8 CSV that :func:`load_nav` reads back.

    Synthetic series get a first comment line ``# synthetic ...`` so results
    computed from the file stay labelled synthetic.
    """
    buffer = io.StringIO()
    if series.synthetic:
        buffer.write(f"# {series.source}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["净值日期", "单位净值", "累计净值", "分红送配"])
    for d, v, a, c, s in zip(series.dates, series.nav, series.acc_nav, series.dividend, series.split):
        event = []
        if c:
            event.append(f"每份派现金{c:.4f}元")
        if s != 1:
            event.append(f"每份基金份额折算{s:.6g}份")
        writer.writerow([str(d), f"{v:.4f}", "" if math.isnan(a) else f"{a:.4f}", " ".join(event)])
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")
