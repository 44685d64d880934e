"""Every-start DCA statistics: the vectorized every_start against a per-start simulate loop.

Run: ``python benchmarks/bench_dca.py [--days 5000] [--repeat 3] [--every 10] [--frequency monthly]
[--dividends reinvest|cash]``.

A synthetic series of ``--days`` daily NAVs (about 20 years), with a cash
dividend of 0.03 a share once a year (every 250th NAV date) as equity funds
pay, is run for holding periods of 1 to 5 years from every possible start
date. Cash dividends make each plan's flows change sign several times, the
slower XIRR case. The loop
calls :func:`wealthcalc.funds.simulate` once per start; to keep the run short
it times every ``--every``-th start and scales the time up (``--every 1``
times the full loop). The sampled starts are also checked for equal results.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import time

import numpy as np

from wealthcalc import funds as dca

YEARS = (1, 2, 3, 4, 5)


def _loop(series, years, frequency, every, dividends):
    """Per-start simulate calls for every ``every``-th start: (seconds, holding returns, xirrs, starts)."""
    t0 = time.perf_counter()
    returns, rates, starts = [], [], 0
    for d in series.dates:
        start = d.astype(dt.date)
        try:
            target = start.replace(year=start.year + years)
        except ValueError:
            target = start.replace(year=start.year + years, day=28)
        if target > series.last_date:
            continue
        starts += 1
        if (starts - 1) % every:
            continue
        day = None if frequency == "daily" else (start.day if frequency == "monthly" else start.isoweekday())
        bt = dca.simulate(series, 1000, frequency=frequency, day=day, start=start,
                          end=target - dt.timedelta(days=1), value_date=target, dividends=dividends)
        returns.append(bt.holding_return)
        rates.append(bt.xirr)
    return time.perf_counter() - t0, np.array(returns), np.array(rates), starts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--frequency", choices=dca.FREQUENCIES, default="monthly")
    parser.add_argument("--dividends", choices=("reinvest", "cash"), default="reinvest")
    args = parser.parse_args()

    series = dca.synthetic_nav(days=args.days, seed=1)
    dividend = series.dividend.copy()
    dividend[250::250] = 0.03
    series = dataclasses.replace(series, dividend=dividend)
    options = dict(years=YEARS, frequency=args.frequency, dividends=args.dividends)
    print(f"{args.days} daily NAVs {series.first_date} to {series.last_date} (synthetic, "
          f"{int((dividend > 0).sum())} dividends), {args.frequency} plan of 1,000, fee 1.5 %, "
          f"dividends {args.dividends}")
    best = min(_timed(lambda: dca.every_start(series, 1000, **options)) for _ in range(args.repeat))
    result = dca.every_start(series, 1000, **options)
    print(f"every_start, years 1-5, all {sum(p.starts for p in result.periods):,} plans: "
          f"{best:.3f} s (best of {args.repeat})")
    print(f"{'years':>5} {'starts':>7} {'vectorized s':>13} {'loop s':>9} {'ratio':>7} {'max |diff|':>11}")
    total_loop = 0.0
    for period in result.periods:
        one = dict(options, years=period.years)
        vec = min(_timed(lambda: dca.every_start(series, 1000, **one)) for _ in range(args.repeat))
        seconds, returns, rates, starts = _loop(series, period.years, args.frequency, args.every, args.dividends)
        loop = seconds * args.every
        total_loop += loop
        diff = max(np.abs(returns - period.holding_return[::args.every]).max(),
                   np.nanmax(np.abs(rates - period.xirr[::args.every])))
        print(f"{period.years:>5} {starts:>7,} {vec:>13.3f} {loop:>9.2f} {loop / vec:>7.0f} {diff:>11.1e}")
    scaled = " (scaled from every %d-th start)" % args.every if args.every > 1 else ""
    print(f"total: vectorized {best:.3f} s, per-start loop {total_loop:.1f} s{scaled}, "
          f"ratio {total_loop / best:.0f}x")


def _timed(call) -> float:
    t0 = time.perf_counter()
    call()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
