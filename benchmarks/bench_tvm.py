"""Benchmark wealthcalc.tvm against numpy-financial and pyxirr (run by hand, not in CI).

    python benchmarks/bench_tvm.py [--repeat 7]

All in one process, on the same inputs: pmt/ipmt/ppmt on 1,000,000-element
arrays; irr of 1,000 series of 120 monthly flows (our 2-D call against the
peers called once per series); xirr of 10,000 series of 120 monthly dated
flows (our xirr_batch against pyxirr.xirr per series), 2,000 and 10,000 of
them with 3-10 cash dividends paid out mid-plan (several sign changes), and
2,000 such series padded into a 960-column date grid. Prints the median time
of each and the ratio peer/ours (above 1: we are faster), plus the largest
difference between the answers; then single calls (xirr on five flows, irr,
pmt and cumipmt on numbers) in microseconds, with ours/peer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
import warnings

import numpy as np

from wealthcalc import tvm

try:
    import numpy_financial as npf
except ImportError:  # pragma: no cover - optional peer
    npf = None
try:
    import pyxirr
except ImportError:  # pragma: no cover - optional peer
    pyxirr = None


def median_ms(func, repeat: int) -> float:
    func()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def loans(n: int, rng: np.random.Generator):
    rate = rng.uniform(0.001, 0.01, n)  # monthly
    nper = rng.integers(12, 361, n).astype(float)
    per = np.floor(rng.uniform(0, 1, n) * nper) + 1
    pv = rng.uniform(1e4, 1e6, n)
    return rate, per, nper, pv


def dca_flows(series: int, months: int, rng: np.random.Generator) -> np.ndarray:
    """Monthly contributions (negative) and the final value (positive), like a DCA back-test."""
    flows = -rng.uniform(500, 1500, (series, months))
    growth = rng.uniform(-0.02, 0.03, (series, 1)) + rng.normal(0, 0.04, (series, months))
    value = (-flows[:, :-1] * np.exp(np.cumsum(growth[:, ::-1], axis=1)[:, ::-1][:, 1:])).sum(axis=1)
    flows[:, -1] = value
    return flows


def monthly_dates(months: int) -> list[dt.date]:
    return [dt.date(2015 + (k + 0) // 12, k % 12 + 1, 8) for k in range(months)]


def with_dividends(flows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """3 to 10 cash dividends (positive) paid out in each series' months 2..118."""
    count = rng.integers(3, 11, flows.shape[0])
    months = np.argsort(rng.random((flows.shape[0], flows.shape[1] - 3)), axis=1)[:, :10] + 1
    paid = np.arange(10) < count[:, None]
    rows = np.repeat(np.arange(flows.shape[0])[:, None], 10, axis=1)
    flows[rows[paid], months[paid]] = rng.uniform(10, 300, int(paid.sum()))
    return flows


def per_call_us(func, number: int = 2000, repeat: int = 7) -> float:
    """Best of ``repeat`` runs of ``number`` calls, microseconds a call."""
    import timeit

    return min(timeit.repeat(func, number=number, repeat=repeat)) / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    warnings.simplefilter("ignore", RuntimeWarning)  # numpy-financial's overflow warnings
    rng = np.random.default_rng(20260101)
    rows: list[tuple[str, str, float, float | None, float | None, float | None]] = []

    rate, per, nper, pv = loans(1_000_000, rng)
    for name, call_args in (("pmt", (rate, nper, pv)), ("ipmt", (rate, per, nper, pv)),
                            ("ppmt", (rate, per, nper, pv))):
        ours = median_ms(lambda: getattr(tvm, name)(*call_args), args.repeat)
        t_npf = median_ms(lambda: getattr(npf, name)(*call_args), args.repeat) if npf else None
        t_pyx = median_ms(lambda: getattr(pyxirr, name)(*call_args), args.repeat) if pyxirr else None
        mine = getattr(tvm, name)(*call_args)
        diff = float(np.max(np.abs(mine - getattr(npf, name)(*call_args)) / np.abs(mine))) if npf else None
        rows.append((name, "1,000,000 elements", ours, t_npf, t_pyx, diff))

    flows = dca_flows(1000, 120, rng)
    ours = median_ms(lambda: tvm.irr(flows), args.repeat)
    t_pyx = median_ms(lambda: [pyxirr.irr(f) for f in flows], max(3, args.repeat // 2)) if pyxirr else None
    # numpy-financial's irr takes ~30 ms a series here: time 50 series and scale to 1,000
    t_npf = median_ms(lambda: [npf.irr(f) for f in flows[:50]], 3) * 20 if npf else None
    mine = tvm.irr(flows)
    diff = float(np.max(np.abs(mine - [pyxirr.irr(f) for f in flows]))) if pyxirr else None
    rows.append(("irr", "1,000 x 120, batch vs per series", ours, t_npf, t_pyx, diff))

    dates = np.array(monthly_dates(120), dtype="datetime64[D]")
    flows = dca_flows(10_000, 120, rng)
    ours = median_ms(lambda: tvm.xirr_batch(dates, flows), args.repeat)
    t_pyx = median_ms(lambda: [pyxirr.xirr(dates, f) for f in flows], max(3, args.repeat // 2)) if pyxirr else None
    mine = tvm.xirr_batch(dates, flows)
    diff = float(np.nanmax(np.abs(mine - np.array([pyxirr.xirr(dates, f) for f in flows], dtype=float)))) \
        if pyxirr else None
    rows.append(("xirr", "10,000 x 120, batch vs per series", ours, None, t_pyx, diff))

    # a DCA paying cash dividends: signs change several times (-, +, -, ..., +), 3-10 dividends a series
    for series in (2_000, 10_000):
        flows = with_dividends(dca_flows(series, 120, rng), rng)
        ours = median_ms(lambda: tvm.xirr_batch(dates, flows), max(3, args.repeat // 2))
        t_pyx = median_ms(lambda: [pyxirr.xirr(dates, f) for f in flows], max(3, args.repeat // 2)) \
            if pyxirr else None
        mine = tvm.xirr_batch(dates, flows)
        diff = float(np.nanmax(np.abs(mine - np.array([pyxirr.xirr(dates, f) for f in flows], dtype=float)))) \
            if pyxirr else None
        rows.append(("xirr", f"{series:,} x 120, 3-10 dividends", ours, None, t_pyx, diff))

    # the same, each series padded with zeros into a 960-column grid (as a back-test's batch of many
    # start dates): pyxirr gets each series' own 120 flows
    flows = with_dividends(dca_flows(2_000, 120, rng), rng)
    grid = np.array(monthly_dates(960), dtype="datetime64[D]")
    starts = rng.integers(0, 840, flows.shape[0])
    padded = np.zeros((flows.shape[0], 960))
    padded[np.arange(flows.shape[0])[:, None], starts[:, None] + np.arange(120)] = flows
    ours = median_ms(lambda: tvm.xirr_batch(grid, padded), max(3, args.repeat // 2))
    own = [grid[k:k + 120] for k in starts]
    t_pyx = median_ms(lambda: [pyxirr.xirr(d, f) for d, f in zip(own, flows)], max(3, args.repeat // 2)) \
        if pyxirr else None
    mine = tvm.xirr_batch(grid, padded)
    diff = float(np.nanmax(np.abs(mine - np.array([pyxirr.xirr(d, f) for d, f in zip(own, flows)],
                                                  dtype=float)))) if pyxirr else None
    rows.append(("xirr", "2,000 x 120 in 960 columns, dividends", ours, None, t_pyx, diff))

    def fmt(x, spec):
        return format("-", ">" + spec.split(".")[0]) if x is None else format(x, spec)

    print(f"numpy {np.__version__}, numpy-financial {getattr(npf, '__version__', '—')}, "
          f"pyxirr {getattr(pyxirr, '__version__', '—')}; median of {args.repeat} runs, ms")
    header = (f"{'function':<6} {'workload':<34} {'ours':>8} {'npf':>9} {'pyxirr':>9} "
              f"{'npf/ours':>9} {'pyx/ours':>9} {'max diff':>9}")
    print(header)
    print("-" * len(header))
    for name, load, ours, t_npf, t_pyx, diff in rows:
        print(f"{name:<6} {load:<34} {ours:8.2f} {fmt(t_npf, '9.2f')} {fmt(t_pyx, '9.2f')} "
              f"{fmt(t_npf and t_npf / ours, '9.2f')} {fmt(t_pyx and t_pyx / ours, '9.2f')} "
              f"{fmt(diff, '9.1e')}")
    print("npf irr: 50 series timed, scaled to 1,000. max diff: relative for pmt/ipmt/ppmt "
          "(vs numpy-financial), absolute rate for irr/xirr (vs pyxirr).")

    # single calls, as the CLI and a notebook make them: microseconds a call (best of 7)
    xdates = [dt.date(2008, 1, 1), dt.date(2008, 3, 1), dt.date(2008, 10, 30), dt.date(2009, 2, 15),
              dt.date(2009, 4, 1)]
    xtext = [d.isoformat() for d in xdates]
    xflows = [-10000, 2750, 4250, 3250, 2750]
    calls = [
        ("xirr", "5 flows, datetime.date", lambda: tvm.xirr(xdates, xflows),
         None, pyxirr and (lambda: pyxirr.xirr(xdates, xflows))),
        ("xirr", "5 flows, ISO text dates", lambda: tvm.xirr(xtext, xflows),
         None, pyxirr and (lambda: pyxirr.xirr(xtext, xflows))),
        ("irr", "5 flows, list", lambda: tvm.irr(xflows), npf and (lambda: npf.irr(xflows)),
         pyxirr and (lambda: pyxirr.irr(xflows))),
        ("pmt", "floats", lambda: tvm.pmt(0.049 / 12, 360, 1_000_000.0),
         npf and (lambda: npf.pmt(0.049 / 12, 360, 1_000_000.0)),
         pyxirr and (lambda: pyxirr.pmt(0.049 / 12, 360, 1_000_000.0))),
        ("cumipmt", "floats", lambda: tvm.cumipmt(0.09 / 12, 360, 125_000.0, 13, 24), None,
         pyxirr and (lambda: pyxirr.cumipmt(0.09 / 12, 360, 125_000.0, 13, 24))),
    ]
    print()
    header = (f"{'call':<8} {'inputs':<26} {'ours us':>8} {'npf us':>8} {'pyx us':>8} "
              f"{'ours/npf':>9} {'ours/pyx':>9}")
    print(header)
    print("-" * len(header))
    for name, load, mine_f, npf_f, pyx_f in calls:
        ours = per_call_us(mine_f)
        t_npf = per_call_us(npf_f) if npf_f else None
        t_pyx = per_call_us(pyx_f) if pyx_f else None
        print(f"{name:<8} {load:<26} {ours:8.2f} {fmt(t_npf, '8.2f')} {fmt(t_pyx, '8.2f')} "
              f"{fmt(t_npf and ours / t_npf, '9.2f')} {fmt(t_pyx and ours / t_pyx, '9.2f')}")
    print("per call: ours/peer below 1 means we are faster (the goal: ours/pyx at most 3).")


if __name__ == "__main__":
    main()
