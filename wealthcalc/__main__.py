"""Lets ``python -m wealthcalc`` run the command-line interface."""

from wealthcalc.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
