"""Time per planning mode across horizons of 1–30 years (the default rate table).

Run: ``python benchmarks/bench_plans.py [--repeat N] [--rate-table ID]``. Prints the best
of N runs per mode and horizon, then the growth of the time with the horizon
(time at 30 years ÷ time at 1 year, and the fitted exponent of time ∝ years^k).
"""

from __future__ import annotations

import argparse
import math
import time

from wealthcalc import plans
from wealthcalc.catalog import load

YEARS = (1, 2, 5, 10, 20, 30)


def _cases(table):
    """(mode, function of the horizon in months) with targets just inside each horizon."""
    amount, monthly = 100_000.0, 2_000.0
    reach = {}

    def lump_target(months):
        if months not in reach:
            reach[months] = plans.max_value(amount, months, rate_table=table).value
        return round(reach[months] - 0.5, 2)

    def monthly_target(months):
        return round(plans.monthly_max_value(monthly, months, rate_table=table).value - 0.5, 2)

    return [
        ("1 max_value", lambda m: (lambda: plans.max_value(amount, m, rate_table=table))),
        ("2 shortest_term", lambda m: (lambda t=lump_target(m): plans.shortest_term(amount, t, rate_table=table))),
        ("3 monthly_max_value", lambda m: (lambda: plans.monthly_max_value(monthly, m, rate_table=table))),
        ("4 monthly_shortest_term",
         lambda m: (lambda t=monthly_target(m): plans.monthly_shortest_term(monthly, t, rate_table=table))),
        ("5 monthly_required", lambda m: (lambda: plans.monthly_required(m, round(monthly * m * 1.1, 2), rate_table=table))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rate-table", default=None)
    args = parser.parse_args()
    table = load().rate_table(args.rate_table)
    print(f"rate table: {table.id}; best of {args.repeat} runs, milliseconds")
    print(f"{'mode':26}" + "".join(f"{y:>8}y" for y in YEARS) + "   30y/1y  exponent")
    for name, make in _cases(table):
        times = []
        for years in YEARS:
            run = make(12 * years)
            best = math.inf
            for _ in range(args.repeat):
                start = time.perf_counter()
                run()
                best = min(best, time.perf_counter() - start)
            times.append(best)
        slope = math.log(times[-1] / times[0]) / math.log(YEARS[-1] / YEARS[0])
        print(f"{name:26}" + "".join(f"{1000 * t:9.1f}" for t in times)
              + f"  {times[-1] / times[0]:7.1f}  {slope:8.2f}")


if __name__ == "__main__":
    main()
