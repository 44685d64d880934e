"""Loan books (贷款台账): a CSV of loans in, a CSV of their summaries out, in bounded memory.

:func:`run_book` streams the input chunk by chunk through :func:`amortize_many`;
memory grows with ``chunk_size``, not with the file. The output appears only
when the run succeeds (it is written to ``OUT.part`` and renamed).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "in.csv").write_text("id,amount,rate,months\\nA,1000000,4.9%,360\\n", encoding="utf-8")
>>> s = run_book(folder / "in.csv", folder / "out.csv")
>>> (s.rows_read, s.rows_written, s.rows_skipped)
(1, 1, 0)
>>> (folder / "out.csv").read_text(encoding="utf-8").splitlines()[1]
'A,5307.27,5305.19,910615.12,1910615.12,360,'
"""

from __future__ import annotations

import codecs
import csv
import enum
import os
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterator, Union

import numpy as np
from numpy.typing import NDArray

from .. import _validate
from ..errors import InputError, WealthcalcError
from ..results import safe_csv_cell
from ._checks import MAX_MONTHS, MAX_PRINCIPAL, _ItemValue
from .batch import amortize_many
from .events import Method, parse_method

__all__ = ["BOOK_COLUMNS", "BookSummary", "OUT_HEADERS", "OnError", "book_columns", "run_book"]

PathLike = Union[str, "os.PathLike[str]"]

OUT_HEADERS = ("id", "first_payment", "last_payment", "total_interest", "total_paid", "months", "payoff_date")
"""The columns of the output file."""

BOOK_COLUMNS: dict[str, tuple[str, ...]] = {
    "amount": ("amount", "principal", "loan_amount"),
    "rate": ("rate", "annual_rate"),
    "months": ("months", "term_months"),
    "years": ("years",),
    "id": ("id", "loan_id"),
    "method": ("method",),
    "start": ("start", "start_date"),
}
"""Input columns and the header names accepted for each (any case); amount, rate and months (or years) are required."""

MAX_YEARS = MAX_MONTHS // 12


class OnError(str, enum.Enum):
    """What a bad row does: stop the run (``fail``) or get reported and skipped (``skip``)."""

    FAIL = "fail"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class BookSummary(_ItemValue):
    """What :func:`run_book` did: rows read, written and skipped, and the output path."""

    rows_read: int
    rows_written: int
    rows_skipped: int
    output: str


def book_columns(header: list[str], path: str = "input") -> dict[str, int]:
    """The index of each known column in a header row (:data:`BOOK_COLUMNS`).

    Raises InputError on ``header`` naming the missing required columns.

    >>> book_columns(["ID", "principal", "annual_rate", "years"])
    {'amount': 1, 'rate': 2, 'years': 3, 'id': 0}
    >>> book_columns(["amount", "months"])
    Traceback (most recent call last):
    ...
    wealthcalc.errors.InputError: header: got 'amount,months'; input needs columns amount, rate and months (or years); missing rate
    """
    names = [h.strip().lower() for h in header]
    found: dict[str, int] = {}
    for key, aliases in BOOK_COLUMNS.items():
        for alias in aliases:
            if alias in names:
                found[key] = names.index(alias)
                break
    missing = [k for k in ("amount", "rate") if k not in found]
    if "months" not in found and "years" not in found:
        missing.append("months (or years)")
    if missing:
        raise InputError("header", ",".join(header), code="loans.book_header",
                         params={"path": path, "missing": ", ".join(missing)})
    return found


def run_book(
    input_path: PathLike,
    output_path: PathLike,
    *,
    chunk_size: int = 10_000,
    on_error: OnError | str = OnError.FAIL,
    method: Method | str = Method.EQUAL_INSTALLMENT,
    encoding: str = "utf-8",
    on_bad_row: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> BookSummary:
    """Summaries of a CSV of loans, streamed chunk by chunk to another CSV.

    Parameters
    ----------
    input_path : CSV with columns amount (or principal), rate, months (or
        years); optional id, method, start (see :data:`BOOK_COLUMNS`).
    output_path : CSV written with :data:`OUT_HEADERS` (id, or the line number
        without an id column); written only if the run succeeds.
    chunk_size : loans computed per step (memory grows with this, not the file).
    on_error : 'fail' (the first bad row raises InputError on "FILE line N,
        column") or 'skip' (bad rows are left out, each passed to ``on_bad_row``).
    method : the repayment method of rows without a method column (or with it empty).
    encoding : text encoding of the input: utf-8 (a BOM is fine) or e.g. gb18030.
    on_progress : called with the number of input bytes read since the last call.

    Returns
    -------
    BookSummary

    Raises
    ------
    InputError
        a missing output folder, the output being the input, an unknown encoding,
        undecodable text, an empty file, a header without the required columns,
        or (with 'fail') a bad row.
    """
    src = os.fspath(input_path)
    dst = os.fspath(output_path)
    size = _validate.whole(chunk_size, "chunk_size", low=1, high=1_000_000, unit="rows", example=10_000)
    mode = _validate.choice(on_error, "on_error", OnError)
    default = parse_method(method)
    folder = os.path.dirname(os.path.abspath(dst))
    if not os.path.isdir(folder):
        raise InputError("OUT.csv", dst, code="loans.book_no_folder", params={"folder": folder})
    if not os.path.isfile(src):
        raise InputError("IN.csv", src, code="loans.book_no_input")
    if os.path.exists(dst) and os.path.samefile(src, dst):
        raise InputError("OUT.csv", dst, code="loans.book_same_file")
    lines = _TextLines(src, encoding)
    partial = f"{dst}.part"
    try:
        counts = _stream(src, partial, lines, chunk_size=size, on_error=mode, default_method=default,
                         on_bad_row=on_bad_row, on_progress=on_progress)
    except BaseException:
        if os.path.exists(partial):
            os.remove(partial)
        raise
    os.replace(partial, dst)
    return BookSummary(*counts, output=dst)


def _stream(input_path: str, output_path: str, lines: "_TextLines", *, chunk_size: int, on_error: OnError,
            default_method: Method, on_bad_row: Callable[[InputError], None] | None,
            on_progress: Callable[[int], None] | None) -> tuple[int, int, int]:
    read = written = skipped = 0
    name = os.path.basename(input_path)
    with open(input_path, "rb") as raw, open(output_path, "w", newline="", encoding="utf-8") as out:
        reader = csv.reader(lines.decode(raw))
        header = next(reader, None)
        if header is None:
            raise InputError("input", input_path, code="loans.book_empty")
        columns = book_columns(header, input_path)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(OUT_HEADERS)
        shown = 0
        for numbers, rows in _chunks(reader, chunk_size):
            read += len(rows)
            good, errors = _compute_chunk(numbers, rows, columns, default_method)
            for line, error in errors:
                located = InputError(f"{name} line {line}, {error.field}", error.value, error.hint,
                                     code=error.code, params=error.params)
                if on_error is OnError.FAIL:
                    raise located
                if on_bad_row is not None:
                    on_bad_row(located)
            skipped += len(errors)
            if good:
                writer.writerows([safe_csv_cell(cell) for cell in row] for row in good)
                written += len(good)
            if on_progress is not None:
                on_progress(lines.done - shown)
                shown = lines.done
    return read, written, skipped


class _TextLines:
    """Decode a CSV file line by line, counting the bytes read (for progress)."""

    def __init__(self, path: str, encoding: str) -> None:
        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError):
            raise InputError("encoding", encoding, code="loans.book_encoding") from None
        self.path = path
        self.encoding = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        self.size = os.path.getsize(path)
        self.done = 0

    def decode(self, raw: IO[bytes]) -> Iterator[str]:
        name = os.path.basename(self.path)
        encoding = self.encoding
        for number, line in enumerate(raw, 1):
            self.done += len(line)
            try:
                yield line.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name} line {number}", line[:40].decode(encoding, "replace"),
                                 code="loans.book_decode",
                                 params={"encoding": self.encoding.replace("-sig", "")}) from None
            if encoding == "utf-8-sig":
                encoding = "utf-8"  # a BOM can only open the file


def _chunks(reader: Any, size: int) -> Iterator[tuple[list[int], list[list[str]]]]:
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


def _row_amount(text: str) -> float:
    return _validate.amount(text, "amount", maximum=MAX_PRINCIPAL)


def _row_rate(text: str) -> float:
    return _validate.rate(text, "rate")


def _row_term(text: str, per: int) -> float:
    """The term in the column's own unit (months, or years with ``per`` 12)."""
    field_name, code = ("months", "loans.book_months") if per == 1 else ("years", "loans.book_years")
    params = {"high": MAX_MONTHS if per == 1 else MAX_YEARS}
    try:
        value = float(text)
    except ValueError:
        raise InputError(field_name, text, code=code, params=params) from None
    if not value.is_integer() or not 1 <= value * per <= MAX_MONTHS:  # also refuses inf, nan
        raise InputError(field_name, text, code=code, params=params)
    return value


class _Chunk:
    """One chunk of rows being parsed: the first error of each bad row, by row index."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.rows = rows
        self.count = len(rows)
        self.bad = np.zeros(self.count, dtype=bool)
        self.errors: dict[int, InputError] = {}

    def fail(self, i: int, error: WealthcalcError) -> None:
        if not self.bad[i]:
            self.bad[i] = True
            self.errors[i] = error if isinstance(error, InputError) else InputError(
                error.field, error.value, error.hint, code=error.code, params=error.params)

    def numbers(self, index: int, parse: Callable[[str], float],
                check: Callable[[NDArray[np.float64]], NDArray[np.bool_]]) -> NDArray[np.float64]:
        """A numeric column: numpy parses plain numbers at once; ``parse`` words each bad value."""
        texts = _column(self.rows, index)
        try:
            values = np.array(texts, dtype=np.float64)
        except ValueError:
            values = np.full(self.count, np.nan)
            for i, text in enumerate(texts):
                try:
                    values[i] = parse(text)
                except WealthcalcError as error:
                    self.fail(i, error)
            return values
        with np.errstate(invalid="ignore"):  # inf - inf is nan, refused by isfinite anyway
            ok = check(values)
        for bad_index in np.flatnonzero(~ok).tolist():
            try:
                parse(texts[bad_index])
                raise InputError("value", texts[bad_index], code="loans.book_value")
            except WealthcalcError as error:
                self.fail(bad_index, error)
        return values

    def methods(self, index: int, default: Method) -> NDArray[Any]:
        """The method column (empty cells take ``default``); unknown names are bad rows."""
        methods = np.array([m or default.value for m in _column(self.rows, index)], dtype=object)
        for value in set(methods.tolist()):
            try:
                parse_method(value)
            except WealthcalcError as error:
                for bad_index in np.flatnonzero(methods == value).tolist():
                    self.fail(bad_index, error)
        methods[self.bad] = default.value
        return methods

    def dates(self, index: int) -> NDArray[np.datetime64]:
        """The start column as datetime64 (empty cells NaT); text that is not a date is a bad row."""
        texts = _column(self.rows, index)
        try:
            return np.array([t or "NaT" for t in texts], dtype="datetime64[D]")
        except ValueError:
            start = np.full(self.count, np.datetime64("NaT"), dtype="datetime64[D]")
            for i, text in enumerate(texts):
                if text:
                    try:
                        start[i] = _validate.date(text, "start")
                    except WealthcalcError as error:
                        self.fail(i, error)
            return start


def _whole_months(per: int) -> Callable[[NDArray[np.float64]], NDArray[np.bool_]]:
    return lambda v: np.isfinite(v) & (v == np.round(v)) & (v >= 1) & (v * per <= MAX_MONTHS)


def _compute_chunk(lines: list[int], rows: list[list[str]], columns: dict[str, int],
                   default_method: Method) -> tuple[list[tuple[Any, ...]] | None, list[tuple[int, InputError]]]:
    """Parse one chunk (vectorized where the text is plain numbers) and amortize it.

    Returns (output rows, errors) with errors as (line, InputError).
    """
    chunk = _Chunk(rows)
    amount = chunk.numbers(columns["amount"], _row_amount,
                           lambda v: np.isfinite(v) & (v > 0) & (v <= MAX_PRINCIPAL)
                           & (np.abs(v * 100 - np.rint(v * 100)) < 1e-6))
    rate = chunk.numbers(columns["rate"], _row_rate, lambda v: np.isfinite(v) & (v >= 0) & (v <= 1))
    if "months" in columns:
        months = chunk.numbers(columns["months"], lambda t: _row_term(t, 1), _whole_months(1))
    else:
        months = chunk.numbers(columns["years"], lambda t: _row_term(t, 12), _whole_months(12)) * 12
    methods: Any = chunk.methods(columns["method"], default_method) if "method" in columns else default_method
    start = chunk.dates(columns["start"]) if "start" in columns else None
    ids = _column(rows, columns.get("id")) if "id" in columns else [str(x) for x in lines]
    errs = [(lines[i], chunk.errors[i]) for i in sorted(chunk.errors)]
    keep = ~chunk.bad
    if not keep.any():
        return None, errs
    index = np.flatnonzero(keep)
    if isinstance(methods, np.ndarray):
        methods = methods[index]
    result = amortize_many(amount[index], rate[index], months[index], methods,
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
