"""One family of exceptions for everything wealthcalc raises.

Every error carries the offending ``field``, the ``value`` received and a
``hint`` saying what would be accepted, both as attributes and in the message.
An error raised with a message ``code`` (and its ``params``) is worded by the
message catalog (:mod:`wealthcalc.i18n`): ``hint`` is the English wording and
:meth:`WealthcalcError.message` words the whole error in Chinese or English.

>>> from wealthcalc.errors import InputError
>>> err = InputError("annual_rate", 3.24, "write 3.24% or 0.0324")
>>> print(err)
annual_rate: got 3.24; write 3.24% or 0.0324
>>> isinstance(err, ValueError)
True
>>> import datetime
>>> print(InputError("end", datetime.date(2023, 1, 1), "must not be before the start"))
end: got 2023-01-01; must not be before the start
>>> err = InputError("amount", -5, code="amount.negative")
>>> err.hint, err.message("zh")
('an amount must be positive', 'amount: got -5; 金额必须大于零 ｜ an amount must be positive')
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

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
    hint : what would be accepted, or how to fix it (English), when no ``code`` is given.
    code : the message-catalog code of the hint (:mod:`wealthcalc.i18n`); ``params``
        fill in its placeholders. With a code, ``hint`` is its English wording.
    """

    def __init__(
        self,
        field: str,
        value: Any,
        hint: str = "",
        *,
        code: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.field = field
        self.value = value
        self.code = code
        self.params = dict(params or {})
        if code:
            from .i18n import message

            hint = message(code, "en", **self.params)
        self.hint = hint
        super().__init__(field, value, hint)

    def hint_in(self, lang: str) -> str:
        """The hint in ``lang``: the catalog's wording of ``code`` (English when it has no code)."""
        if not self.code:
            return self.hint
        from .i18n import message

        return message(self.code, lang, **self.params)

    def _text(self, hint: str) -> str:
        text = f"{self.field}: got {_shown(self.value)}"
        return f"{text}; {hint}" if hint else text

    def __str__(self) -> str:
        return self._text(self.hint)

    def message(self, lang: str = "en") -> str:
        """The whole message in ``lang``; in Chinese the Chinese hint comes first, the English after."""
        return self._text(self.shown_hint(lang))

    def shown_hint(self, lang: str) -> str:
        """The hint as a front end shows it in ``lang``: in Chinese, the Chinese wording, then the English."""
        zh = self.hint_in("zh") if lang == "zh" else ""
        return f"{zh} ｜ {self.hint}" if zh and zh != self.hint else self.hint

    def to_dict(self) -> dict[str, Any]:
        """The error's fields, JSON-ready: what the HTTP API and ``--format json`` errors carry."""
        from .results import jsonable

        return {
            "error": type(self).__name__,
            "field": self.field,
            "value": jsonable(self.value) if _plain_json(self.value) else _shown(self.value),
            "code": self.code or None,
            "params": jsonable(self.params),
            "hint": self.hint,
            "hint_zh": self.hint_in("zh"),
        }

    def __reduce__(self) -> Any:  # keep subclasses picklable with their attributes
        return (_rebuild, (type(self), self.field, self.value, self.hint, self.code, self.params))


def _plain_json(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _rebuild(cls: type, field: str, value: Any, hint: str, code: str, params: dict[str, Any]) -> "WealthcalcError":
    if code:
        return cls(field, value, code=code, params=params)
    return cls(field, value, hint)


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
        code: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.product = product
        self.problems = tuple(problems)
        super().__init__(field, value, hint, code=code, params=params)

    def __str__(self) -> str:
        return self.message("en")

    def message(self, lang: str = "en") -> str:
        """The whole message in ``lang``, one line per problem when there are several."""
        if len(self.problems) == 1:  # a missing file, bad YAML: that one line
            return self.problems[0].message(lang)
        if self.problems:
            lines = [f"{len(self.problems)} problem(s) in the catalog:"]
            lines += [f"  {p.message(lang)}" for p in self.problems]
            return "\n".join(lines)
        where = []
        if self.path:
            where.append(str(self.path))
        if self.product:
            where.append(f"product {self.product!r}")
        where.append(f"field {self.field!r}")
        text = f"{', '.join(where)}: got {_shown(self.value)}"
        hint = self.shown_hint(lang)
        return f"{text}; {hint}" if hint else text

    def __reduce__(self) -> Any:
        return (
            _rebuild_catalog_error,
            (self.field, self.value, self.hint, self.path, self.product, self.problems, self.code, self.params),
        )


def _rebuild_catalog_error(
    field: str, value: Any, hint: str, path: str | None, product: str | None,
    problems: tuple[CatalogError, ...], code: str = "", params: dict[str, Any] | None = None,
) -> CatalogError:
    return CatalogError(field, value, "" if code else hint, path=path, product=product, problems=problems,
                        code=code, params=params)


class ProductNotFoundError(WealthcalcError, LookupError):
    """No product with the requested id in the catalog."""


class NoSolutionError(WealthcalcError, ArithmeticError):
    """A valid request with no answer: no root, no feasible plan."""
