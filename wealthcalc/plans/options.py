"""Choosing a plan's rate table and tax, and reading lists written as text (what a front end asks).

A command line or a web form gives the rate table as an id or not at all,
the tax as "20%" or "dates", and products or terms as comma-separated text;
these functions turn that into the keywords of the five modes, by the same
rules everywhere.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from .. import _validate
from ..errors import InputError
from .inputs import PRODUCTS

if TYPE_CHECKING:
    from ..catalog import Catalog, RateTable

__all__ = ["parse_products", "parse_terms", "rate_table_for", "tax_terms"]


def rate_table_for(rate_table: "RateTable | str | None" = None, start_date: _validate.DateLike | None = None,
                   *, catalog: "Catalog | None" = None) -> "RateTable":
    """The rate table a plan uses: the one named, else the one in force on ``start_date``, else the default.

    Parameters
    ----------
    rate_table : a RateTable or its id; None chooses by ``start_date``.
    start_date : the date of month 0 (any :data:`~wealthcalc._validate.DateLike`).
    catalog : where ids are looked up (default: the bundled catalog).

    Returns
    -------
    RateTable

    Raises
    ------
    InputError
        an unknown id or a wrong type (``rate_table``); no table of the
        catalog in force on ``start_date`` (``start_date``).

    Examples
    --------
    >>> import datetime
    >>> rate_table_for(None, datetime.date(2005, 1, 1)).id
    'pboc-2004-10-29'
    >>> rate_table_for("pboc-2004-10-29").id
    'pboc-2004-10-29'
    """
    from ..catalog import load, resolve_rate_table

    if rate_table is not None or start_date is None:
        return resolve_rate_table(rate_table, catalog)
    day = _validate.date(start_date, "start_date")
    table = (catalog or load()).rate_table_on(day)
    if table is None:
        raise InputError("start_date", day.isoformat(), code="plans.no_table_on")
    return table


def tax_terms(tax: _validate.RateLike, start_date: _validate.DateLike | None = None) -> tuple[float, bool]:
    """``(tax_rate, tax_by_date)`` for a tax given as a rate ("20%", 0.2) or as "dates".

    "dates" taxes each leg by the tax periods of its dates and needs ``start_date``.

    Parameters
    ----------
    tax : a rate below 1 (0.2, "20%", "0"), or the text "dates".
    start_date : the date of month 0 (needed for "dates").

    Returns
    -------
    tuple of (float, bool)
        the keywords ``tax_rate`` and ``tax_by_date`` of the five modes.

    Raises
    ------
    InputError
        a rate that is not a fraction below 1 (``tax``); "dates" without a
        start date (``start_date``).

    Examples
    --------
    >>> tax_terms("20%"), tax_terms("dates", "2005-01-01")
    ((0.2, False), (0.0, True))
    """
    if isinstance(tax, str) and tax.strip().lower() == "dates":
        if start_date is None:
            raise InputError("start_date", None, code="plans.tax_by_date_start")
        _validate.date(start_date, "start_date")
        return 0.0, True
    rate = _validate.rate(tax, "tax")
    if rate >= 1:
        raise InputError("tax", tax, code="plans.tax_rate")
    return rate, False


def parse_terms(text: str | None) -> tuple[int, ...] | None:
    """整存整取 terms written as comma-separated months ("12,36,60"); None stays None.

    Raises
    ------
    InputError
        text that is not whole months separated by commas (``terms``).

    Examples
    --------
    >>> parse_terms("12, 36,60")
    (12, 36, 60)
    """
    if text is None:
        return None
    if not isinstance(text, str):
        raise InputError("terms", text, code="plans.terms_format")
    try:
        return tuple(int(t) for t in text.split(",") if t.strip())
    except ValueError:
        raise InputError("terms", text, code="plans.terms_format") from None


def parse_products(text: str | None) -> tuple[str, ...] | None:
    """Product keys written as a comma-separated list ("fixed,demand"); None stays None.

    Examples
    --------
    >>> parse_products("fixed, demand")
    ('fixed', 'demand')
    """
    if text is None:
        return None
    if not isinstance(text, str):
        raise InputError("products", text, code="plans.products", params={"choices": ", ".join(PRODUCTS)})
    return tuple(p.strip() for p in text.split(",") if p.strip())


