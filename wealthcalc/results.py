"""One way to turn results into JSON and table rows, and the one Note type.

Every result record is a frozen dataclass; :func:`jsonable` turns it (and
anything inside it) into JSON-ready built-in types: dates as ISO text, numpy
values and arrays as numbers and lists, enums as their value, NaN and
infinity as ``None``, notes as ``{"code", "text", "params"}``. A result's
``to_dict()`` is ``jsonable`` of its fields unless it documents another shape.

>>> import datetime
>>> jsonable({"on": datetime.date(2026, 1, 15), "rate": float("nan"), "notes": [Note("core.synthetic")]})
{'on': '2026-01-15', 'rate': None, 'notes': [{'code': 'core.synthetic', 'text': 'synthetic data, not a real fund', 'params': {}}]}
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import math
from typing import Any, Mapping

__all__ = ["Note", "fields_dict", "jsonable", "safe_csv_cell"]


@dataclasses.dataclass(frozen=True, slots=True)
class Note:
    """A remark on a result: a message code and its parameters, worded by :mod:`wealthcalc.i18n`.

    ``str(note)`` is the English wording; :meth:`text` words it in either language.

    >>> n = Note("core.synthetic")
    >>> str(n), n.text("zh")
    ('synthetic data, not a real fund', '模拟数据，并非真实基金')
    """

    code: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The note worded in ``lang`` ("zh" or "en")."""
        from .i18n import message

        return message(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.text("en")

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "text", "params"}``, JSON-ready (text in English)."""
        return {"code": self.code, "text": self.text("en"), "params": jsonable(dict(self.params))}

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))


def jsonable(value: Any) -> Any:
    """``value`` as JSON-ready built-in types (see the module docstring)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and not isinstance(value, type):
        return jsonable(to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fields_dict(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if hasattr(value, "dtype") and hasattr(value, "tolist"):  # numpy scalars and arrays
        if getattr(value.dtype, "kind", "") == "M":  # datetime64: ISO dates, NaT as None
            return jsonable(value.astype("datetime64[D]").astype(object).tolist())
        return jsonable(value.tolist())
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def fields_dict(record: Any, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A dataclass record's fields as a JSON-ready dict, leaving out ``exclude`` and private fields."""
    return {
        f.name: jsonable(getattr(record, f.name))
        for f in dataclasses.fields(record)
        if f.name not in exclude and not f.name.startswith("_")
    }


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (=, +, -, @, tab or CR first).

    Numbers stay numbers; only text cells are prefixed with an apostrophe. Every CSV
    the library or the CLI writes passes its cells through here.

    >>> safe_csv_cell("=1+1"), safe_csv_cell(-5.0), safe_csv_cell("-x")
    ("'=1+1", -5.0, "'-x")
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
