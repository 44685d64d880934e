"""Time value of money: numpy-financial's functions, Excel's XNPV/XIRR, EFFECT/NOMINAL.

``pmt``, ``ipmt``, ``ppmt``, ``fv``, ``pv``, ``nper``, ``rate``, ``npv``,
``irr`` and ``mirr`` keep numpy-financial's names, argument order, defaults
and sign convention (money paid out is negative), accept ``when='end'`` or
``'begin'`` (or 0/1) and broadcast over every array argument, so code written
for numpy-financial runs unchanged. Like it, they return nan where no
solution exists; bad types, shapes and dates raise :class:`InputError`.

``xnpv``, ``xirr`` and ``xirr_batch`` follow Excel's XNPV/XIRR (actual/365
from the first date by default; also act/360, 30/360 ISDA, 30/360 US, 30E/360
and act/act ISDA); ``cumipmt``/``cumprinc``, ``effect`` and ``nominal`` follow
Excel's CUMIPMT/CUMPRINC/EFFECT/NOMINAL. ``irr``, ``npv`` and ``mirr`` also
take a 2-D array (one series per row).

>>> print(f"{pmt(0.049 / 12, 360, 1_000_000):.2f}")
-5307.27
>>> print(f"{irr([-100, 39, 59, 55, 20]):.5f}")
0.28095
"""

from __future__ import annotations

from .conversions import effect, nominal
from .dated import no_root_reason, xirr, xirr_batch, xnpv, year_fractions
from .periodic import cumipmt, cumprinc, fv, ipmt, nper, pmt, ppmt, pv, rate
from .series import irr, mirr, npv

__all__ = [
    "cumipmt",
    "cumprinc",
    "effect",
    "fv",
    "ipmt",
    "irr",
    "mirr",
    "no_root_reason",
    "nominal",
    "nper",
    "npv",
    "pmt",
    "ppmt",
    "pv",
    "rate",
    "xirr",
    "xirr_batch",
    "xnpv",
    "year_fractions",
]
