"""Where the catalog comes from: the bundled products.yaml, a path, or ``$WEALTHCALC_CATALOG``."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from ..errors import CatalogError
from .queries import Catalog
from .reader import _failure, _parse_text

ENV_VAR = "WEALTHCALC_CATALOG"
"""Environment variable naming the catalog file to read instead of the bundled one."""


def bundled_path() -> Any:
    """The packaged products.yaml (an importlib.resources Traversable)."""
    from importlib import resources

    return resources.files("wealthcalc").joinpath("products.yaml")


def load(path: str | os.PathLike | None = None) -> Catalog:
    """Load and validate a catalog.

    Parameters
    ----------
    path : a YAML file; None reads ``$WEALTHCALC_CATALOG`` if set, else the
        bundled products.yaml.

    Raises
    ------
    CatalogError
        with ``problems`` listing every problem found (file, product, field,
        value, accepted form), including a missing file and bad YAML syntax.

    Examples
    --------
    >>> cat = load()
    >>> len(cat.products) > 10, cat.default_rate_table
    (True, 'big-banks-2025-05-20')
    """
    if path is None:
        env = os.environ.get(ENV_VAR, "").strip()
        if env:
            path = env
    if path is None:
        return _load_bundled()
    path = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _failure(path, [CatalogError(
            "path", path, code="catalog.no_file", params={"env": ENV_VAR}, path=path)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise _failure(path, [CatalogError(
            "path", path, code="catalog.unreadable", params={"error": f"{type(error).__name__}: {error}"},
            path=path)]) from None
    return _parse_text(text, path)


@functools.lru_cache(maxsize=1)
def _load_bundled() -> Catalog:
    resource = bundled_path()
    return _parse_text(resource.read_text(encoding="utf-8"), "products.yaml (bundled)")

