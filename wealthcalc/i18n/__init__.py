"""The one message catalog: codes -> Chinese and English wording.

The library raises errors and writes notes, labels and headers as a *code*
with parameters; every front end (CLI, report, charts, web) words them here,
in the user's language. Each table module below holds one topic's entries as
``{code: (zh, en)}``; fixing a word is one edit in one table, and a code is
defined exactly once across all tables (a test checks it).

>>> message("rate.bare_percent", "en", percent="3.24", fraction="0.0324")
"a rate is a fraction or a percent: write '3.24%' (or 0.0324)"
>>> message("rate.bare_percent", "zh", percent="3.24", fraction="0.0324")
"利率请写成百分数或小数：'3.24%'（或 0.0324）"
>>> label("interest", "zh"), label("interest", "en")
('利息', 'Interest')
"""

from __future__ import annotations

import importlib
from typing import Literal, Mapping

__all__ = ["LANGS", "Lang", "has", "label", "message", "messages", "pick"]

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# the table modules, one topic each (wealthcalc/i18n/_<topic>.py)
_TOPICS = ("core", "catalog", "deposits", "plans", "yields", "loans", "funds", "seminar", "tvm", "cli")
_TABLE: dict[str, tuple[str, str]] | None = None


def messages() -> Mapping[str, tuple[str, str]]:
    """Every entry of every table, ``{code: (zh, en)}`` (loaded once)."""
    global _TABLE
    if _TABLE is None:
        table: dict[str, tuple[str, str]] = {}
        for topic in _TOPICS:
            module = importlib.import_module(f"{__name__}._{topic}")
            for code, pair in module.MESSAGES.items():
                if code in table:
                    raise RuntimeError(f"message code {code!r} is defined twice (in _{topic}.py and earlier)")
                table[code] = pair
        _TABLE = table
    return _TABLE


def has(code: str) -> bool:
    """Whether ``code`` has wording."""
    return code in messages()


def message(code: str, lang: str = "en", /, **params: object) -> str:
    """The wording of ``code`` in ``lang`` with ``params`` filled in.

    An unknown code is a bug in the caller and raises KeyError.
    """
    zh, en = messages()[code]
    template = zh if lang == "zh" else en
    return template.format(**params) if params else template


def label(key: str, lang: str = "en") -> str:
    """A table header or row label: the code ``label.<key>``, or ``key`` itself when it has none."""
    pair = messages().get(f"label.{key}")
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]


def pick(lang: str, zh: str, en: str) -> str:
    """Choose between two already worded texts (for text built from parts)."""
    return zh if lang == "zh" else en
