"""Loan schedules at scale: wealthcalc vs numpy-financial and pyxirr, and batch-CLI memory.

Run: ``python benchmarks/bench_loans.py [--loans 100000] [--months 360] [--rows 1000000]``.

1. Time to amortize N loans over 360 months:
   - numpy-financial and pyxirr "the natural way": ``ipmt`` and ``ppmt`` over the
     360 periods, one call pair per loan (unrounded floats);
   - the same libraries broadcast over all loans at once (2-D, in chunks);
   - ``wealthcalc.loans.amortize_many``: every schedule rounded to the fen as
     banks do (docs/rules/loans.md#equal-installment), summaries only and full 2-D schedules.
   Prints each time and the ratio to wealthcalc.
2. Peak memory (ru_maxrss of a fresh process) of ``wealthcalc loan batch`` on
   CSV files of 100,000 and ``--rows`` loans: bounded by --chunk-size, not the file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np


def _loans(count: int, seed: int = 2026):
    rng = np.random.default_rng(seed)
    principal = np.round(rng.uniform(100_000, 3_000_000, count), 2)
    rate = np.round(rng.uniform(0.025, 0.06, count), 4)
    return principal, rate


def _timed(label: str, func, results: dict) -> float:
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    results[label] = seconds
    print(f"  {label:58} {seconds:8.2f} s", flush=True)
    return seconds


def _per_loan(module, principal, rate, months):
    per = np.arange(1, months + 1)
    for p, r in zip(principal.tolist(), rate.tolist()):
        module.ipmt(r / 12, per, months, -p)
        module.ppmt(r / 12, per, months, -p)


def _broadcast(module, principal, rate, months, chunk=10_000):
    per = np.arange(1, months + 1)[None, :]
    for i in range(0, len(principal), chunk):
        r = rate[i:i + chunk, None] / 12
        p = -principal[i:i + chunk, None]
        np.asarray(module.ipmt(r, per, months, p))
        np.asarray(module.ppmt(r, per, months, p))


def _wealthcalc(principal, rate, months, summary_only, chunk=20_000):
    from wealthcalc.loans import amortize_many

    for i in range(0, len(principal), chunk):
        amortize_many(principal[i:i + chunk], rate[i:i + chunk], months, summary_only=summary_only)


def speed(count: int, months: int) -> None:
    import numpy_financial as npf
    import pyxirr

    principal, rate = _loans(count)
    print(f"{count:,} loans x {months} months")
    results: dict[str, float] = {}
    _timed("numpy-financial ipmt+ppmt, one call pair per loan", lambda: _per_loan(npf, principal, rate, months), results)
    _timed("pyxirr ipmt+ppmt, one call pair per loan", lambda: _per_loan(pyxirr, principal, rate, months), results)
    _timed("numpy-financial ipmt+ppmt broadcast (10k-loan chunks)", lambda: _broadcast(npf, principal, rate, months), results)
    _timed("pyxirr ipmt+ppmt broadcast (10k-loan chunks)", lambda: _broadcast(pyxirr, principal, rate, months), results)
    _wealthcalc(principal[:1000], rate[:1000], months, True)  # warm-up (imports)
    fast = _timed("wealthcalc amortize_many, summaries (rounded to the fen)",
                  lambda: _wealthcalc(principal, rate, months, True), results)
    full = _timed("wealthcalc amortize_many, full schedules (20k chunks)",
                  lambda: _wealthcalc(principal, rate, months, False), results)
    print("  ratios (their time / wealthcalc time):")
    for label, seconds in results.items():
        if label.startswith("wealthcalc"):
            continue
        print(f"    {label:56} {seconds / fast:6.1f}x vs summaries  {seconds / full:6.1f}x vs full schedules")


_PEAK = """
import resource
def peak():  # (getrusage ru_maxrss, /proc VmHWM) in KiB
    hwm = 0
    try:
        with open("/proc/self/status") as f:
            hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM"))
    except (OSError, StopIteration):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, hwm
"""

_CHILD = _PEAK + """
import sys
from wealthcalc.cli import cli
code = cli.main(sys.argv[1:], standalone_mode=False)
print(code, *peak())
"""

_BASELINE = _PEAK + """
import numpy, click, wealthcalc.loans, wealthcalc.cli.loan_cmd
print(0, *peak())
"""


def _write_csv(path: str, rows: int) -> None:
    rng = np.random.default_rng(7)
    methods = np.array(["equal_installment", "equal_principal"])
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,amount,rate,months,method,start\n")
        step = 100_000
        for i in range(0, rows, step):
            n = min(step, rows - i)
            amount = np.round(rng.uniform(50_000, 3_000_000, n), 2)
            rate = np.round(rng.uniform(0.025, 0.06, n), 4)
            months = rng.choice([60, 120, 240, 360], n)
            method = methods[rng.integers(0, 2, n)]
            f.writelines(f"L{i + j},{a:.2f},{r},{m},{k},2026-01-15\n"
                         for j, (a, r, m, k) in enumerate(zip(amount.tolist(), rate.tolist(),
                                                               months.tolist(), method.tolist())))


def memory(rows: int, chunk: int) -> None:
    # Run before anything large: a child's ru_maxrss starts from its parent's peak at exec.
    print(f"wealthcalc loan batch, --chunk-size {chunk:,}: peak resident memory of a fresh process "
          "(getrusage ru_maxrss / VmHWM)")
    base = subprocess.run([sys.executable, "-c", _BASELINE], capture_output=True, text=True, check=True)
    _, rss, hwm = base.stdout.split()
    print(f"  {'imports only (numpy, click, wealthcalc.loans)':44} {int(rss) / 1024:8.1f} / {int(hwm) / 1024:.1f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted({100_000, rows}):
            src = os.path.join(tmp, f"loans_{n}.csv")
            _write_csv(src, n)
            out = os.path.join(tmp, "out.csv")
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, "--format", "json", "loan", "batch",
                 "--chunk-size", str(chunk), src, out],
                capture_output=True, text=True, check=True)
            seconds = time.perf_counter() - start
            code, rss, hwm = done.stdout.strip().splitlines()[-1].split()
            size = os.path.getsize(src) / 2**20
            print(f"  {n:>9,} rows ({size:6.1f} MiB in) exit {code}: {int(rss) / 1024:8.1f} / "
                  f"{int(hwm) / 1024:.1f} MiB peak, {seconds:6.1f} s ({n / seconds:,.0f} rows/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=360)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--chunk-size", type=int, default=10_000)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    if not args.skip_memory:
        memory(args.rows, args.chunk_size)
    if not args.skip_speed:
        print()
        speed(args.loans, args.months)


if __name__ == "__main__":
    main()
