"""Combined-deposit design (组合存款设计): the five planning modes, optimal and explained.

The five modes of a bank's deposit planner (工商银行 电子银行, c. 2004):

1. :func:`max_value` — amount + term → the plan with the largest maturity value;
2. :func:`shortest_term` — amount + target → the plan reaching the target soonest;
3. :func:`monthly_max_value` — monthly amount + term → the largest maturity value;
4. :func:`monthly_shortest_term` — monthly amount + target → the shortest term;
5. :func:`monthly_required` — term + target → the smallest monthly amount.

Each returns a :class:`Plan`: its legs (one record per deposit), totals, and
the naive choices it beats (one deposit of the longest term that fits,
1-year deposits rolled over, everything in 活期), so an advisor can say why.

A front end chooses the keywords with :func:`rate_table_for` (a table by id,
or the one in force on the start date), :func:`tax_terms` ("20%" or
"dates"), :func:`parse_products` and :func:`parse_terms`; names and notes are
worded by :func:`product_name`, :func:`mode_name` and the plan's ``notes``.

Modules: ``results`` (the records), ``model`` (legs, context, growth),
``program`` (the pot program), ``inputs`` (checks, the context), ``blocks``
(the monthly model), ``alternatives`` (naive choices, the single 零存整取 answer),
``lump`` (modes 1, 2), ``monthly`` (modes 3–5), ``options`` (front-end keywords).

The model
---------
Time runs in whole months; the plan's horizon is month ``H``. Money is always
in one *leg*, a deposit opened at month ``s`` for ``t`` months:

* 整存整取 of each allowed term (3, 6, 12, 24, 36, 60 months), from its minimum;
* 大额存单 of each listed term, from the 大额存单 minimum, at its own rates;
* 存本取息 of term n feeding a 零存整取 of term n with its monthly interest
  (利滚利, docs/rules/plans.md#worked-examples C-7): the interest is paid from month 1 to n into the 零存整取,
  which matures at n + 1; the principal waits that last month in 活期, so the leg
  lasts n + 1 months;
* 活期 or 通知存款 (1-day / 7-day, from its minimum) for one month (30 days) at a
  time. Liquid months chain: the money is withdrawn with its interest and
  deposited again, which any customer may do.

A leg pays ``round(v × rate × t/12)`` at maturity, taxed ``round(interest × τ)``
(docs/rules/plans.md#growth-of-a-deposit; :func:`wealthcalc.deposits.fixed_maturity_value`), or taxed
by the dates of docs/rules/tax.md when a start date and ``tax_by_date`` are given.
Legs never end after the horizon: withdrawing early earns 活期, which a
liquid month earns anyway.

Why one pot suffices (modes 1, 2). Without rounding, a leg multiplies what it
holds by a fixed factor and is open to every amount above its minimum. Take
any plan that splits and merges the money, and among the chains of legs in it
the one with the largest product of factors ``G``, choosing at each leg the
best chain leading to it. Every yuan of the plan ends with at most ``A × G``
in total, and a single pot following that chain holds at each leg at least as
much as the plan put in that leg — so it meets every minimum the plan met.
Hence no splitting beats one pot except by the half-up rounding of its extra
maturities (at most 0.005 yuan each, then grown). For one pot, the dynamic
program ``best[m] = max over legs (s → m) of grow(best[s])`` is exact with the
rounding included, because ``grow`` never decreases when its input grows
(interest rounds half-up; tax rises at most one fen per fen of interest) and a
larger pot may use every leg a smaller one may. (With dated tax a leg spanning
three tax periods can, rarely, pay two fen more tax for one fen more interest,
as each period's share is rounded; there the program is exact to a fen a leg.)
``keep_available`` sets that
sum aside in 活期 for the whole horizon and plans the rest as one pot: keeping
more in 活期 never helps, by the same argument.

Monthly modes (3, 4, 5). ``monthly`` is paid at months 0 … H−1; the value is
counted at month H. The contributions are cut into consecutive *blocks*:

* a *pool* of k consecutive contributions (any k ≥ 1) gathered month by month
  in 活期 and invested together with the last one — k = 1 invests a
  contribution at once (the "十二存单" pattern); longer pools reach a minimum
  (整存整取 50, 通知存款 50,000, 大额存单 200,000) that one contribution cannot;
* a 零存整取 of term n taking n contributions.

Each block's money then rolls to the horizon as one pot (optimal by the
program above). Blocks are independent, so a second program over the
contribution months, ``fen[j] = max over blocks b of value(b, j) + fen[j +
length(b)]``, finds the best cut exactly, in fen. Outside the model: pots
merging after they were invested, a contribution split between blocks, and
pools waiting anywhere but 活期. With dated tax (each start month its own
pot), pools are limited to 12 months and to the least lengths reaching a
minimum, to keep the work bounded.

Legs that can never win are dropped before the programs run: a 1-day notice
deposit when the 7-day pays more from the same minimum, and a 存本取息→零存整取
leg when a fixed deposit of the same term followed by a month of 活期 earns
more at every amount, rounding included (the bound is in ``_combo_dominated``).

Modes 2 and 4 look for the first whole month reaching the target, up to
``max_months`` (30 years by default); mode 5 searches the monthly amount in
whole fen (or yuan). The best value never falls when the horizon (with 活期
allowed) or the monthly amount grows, so the first month or amount reaching
the target is the answer; each plan's ``iterations`` counts the horizons or
amounts examined.

Examples
--------
10,000 yuan for five years at the 2004-10-29 rates: one 5-year deposit.

>>> from types import SimpleNamespace
>>> t2004 = SimpleNamespace(demand=0.0072,
...     fixed={3: 0.0171, 6: 0.0207, 12: 0.0225, 24: 0.027, 36: 0.0324, 60: 0.036},
...     installment={12: 0.0171, 36: 0.0207, 60: 0.0225},
...     interest_payout={12: 0.0171, 36: 0.0207, 60: 0.0225}, notice={}, large_cd={},
...     large_cd_min=200_000, minimums={"fixed": 50, "installment": 5,
...     "interest_payout": 5000, "notice": 50_000, "large_cd": 200_000})
>>> plan = max_value(10_000, 60, rate_table=t2004)
>>> plan.value, [(leg.product, leg.months) for leg in plan.legs]
(11800.0, [('fixed', 60)])
"""

from __future__ import annotations

from .inputs import DEFAULT_MAX_MONTHS, PRODUCTS, _context
from .lump import _lump, max_value, shortest_term
from .monthly import RoundTo, monthly_max_value, monthly_required, monthly_shortest_term
from .options import parse_products, parse_terms, rate_table_for, tax_terms
from .results import Plan, PlanAlternative, PlanLeg, mode_name, product_name

__all__ = [
    "DEFAULT_MAX_MONTHS",
    "PRODUCTS",
    "Plan",
    "PlanAlternative",
    "PlanLeg",
    "RoundTo",
    "max_value",
    "mode_name",
    "monthly_max_value",
    "monthly_required",
    "monthly_shortest_term",
    "parse_products",
    "parse_terms",
    "product_name",
    "rate_table_for",
    "shortest_term",
    "tax_terms",
]

# the records' public home is this package (charts dispatch on it, pickles name it)
for _cls in (Plan, PlanAlternative, PlanLeg, RoundTo):
    _cls.__module__ = __name__
del _cls
