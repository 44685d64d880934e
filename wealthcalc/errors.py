"""One family of exceptions for everything wealthcalc raises.

Every error carries the offending ``field``, the ``value`` received and a
``hint`` saying what would be accepted, both as attributes and in the message.

>>> from wealthcalc.errors import InputError
>>> err = InputError("annual_rate", 3.24, "write 3.24% or 0.0324")
>>> print(err)
annual_rate: got 3.24; write 3.24% or 0.0324
>>> isinstance(err, ValueError)
True
>>> import datetime
>>> print(InputError("end", datetime.date(2023, 1, 1), "must not be before the start"))
end: got 2023-01-01; must not be before the start
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

__all__ = [
    "CatalogError",
    "InputError",
    "NoSolutionError",
    "ProductNotFoundError",
    "WealthcalcError",
]


def _shown(value: Any, limit: int = 120) -> str:
    """The value as the message shows it: its repr, dates as people write them,
    numpy values as plain numbers and lists, long ones cut short."""
    if type(value).__module__ == "numpy" and hasattr(value, "tolist"):
        value = value.tolist()  # np.float64(3.0) -> 3.0, array([...]) -> [...]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class WealthcalcError(Exception):
    """Base of every error wealthcalc raises.

    Parameters
    ----------
    field : name of the argument, column or catalog field at fault.
    value : the value received.
    hint : what would be accepted, or how to fix it.
    hint_zh : the same advice in Chinese, where it has been written; the CLI
        shows it beside the English with ``--lang zh``.
    """

    def __init__(self, field: str, value: Any, hint: str = "", *, hint_zh: str = "") -> None:
        self.field = field
        self.value = value
        self.hint = hint
        self.hint_zh = hint_zh
        super().__init__(field, value, hint)

    def __str__(self) -> str:
        text = f"{self.field}: got {_shown(self.value)}"
        return f"{text}; {self.hint}" if self.hint else text

    def __reduce__(self):  # keep subclasses picklable with their attributes
        return (type(self), (self.field, self.value, self.hint), {"hint_zh": self.hint_zh})


class InputError(WealthcalcError, ValueError):
    """A bad argument value or combination of arguments."""


class CatalogError(WealthcalcError, ValueError):
    """A problem in a product catalog file.

    ``problems`` lists every problem found in the file (each a
    ``CatalogError`` of its own) when the loader gathers several.
    """

    def __init__(
        self,
        field: str,
        value: Any,
        hint: str = "",
        *,
        path: str | None = None,
        product: str | None = None,
        problems: tuple["CatalogError", ...] = (),
        hint_zh: str = "",
    ) -> None:
        self.path = path
        self.product = product
        self.problems = tuple(problems)
        super().__init__(field, value, hint, hint_zh=hint_zh)

    def __str__(self) -> str:
        if self.problems:
            lines = [f"{len(self.problems)} problem(s) in the catalog:"]
            lines += [f"  {p}" for p in self.problems]
            return "\n".join(lines)
        where = []
        if self.path:
            where.append(str(self.path))
        if self.product:
            where.append(f"product {self.product!r}")
        where.append(f"field {self.field!r}")
        text = f"{', '.join(where)}: got {_shown(self.value)}"
        return f"{text}; {self.hint}" if self.hint else text

    def __reduce__(self):
        return (
            _rebuild_catalog_error,
            (self.field, self.value, self.hint, self.path, self.product, self.problems),
            {"hint_zh": self.hint_zh},
        )


def _rebuild_catalog_error(field, value, hint, path, product, problems):
    return CatalogError(field, value, hint, path=path, product=product, problems=problems)


class ProductNotFoundError(WealthcalcError, LookupError):
    """No product with the requested id in the catalog."""


class NoSolutionError(WealthcalcError, ArithmeticError):
    """A valid request with no answer: no root, no feasible plan."""
