"""Running a report case: each section's library call, and the results gathered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..errors import InputError, WealthcalcError
from .case import ReportCase, parse_case

__all__ = ["CaseResults", "run_case"]


@dataclass(frozen=True, slots=True)
class CaseResults:
    """The library results of each section present (None where absent)."""

    case: ReportCase
    comparison: Any = None
    plan: Any = None
    loan: Any = None
    dca: Any = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready numbers of every section (the results' own ``to_dict``)."""
        out: dict[str, Any] = {
            "title": self.case.title,
            "customer": self.case.customer,
            "date": self.case.date.isoformat() if self.case.date else None,
            "sections": list(self.case.sections),
        }
        for name in self.case.sections:
            out[name] = _to_dict(getattr(self, name))
        loan = self.extras.get("loan") or {}
        if loan.get("baseline") is not None:
            out["loan_baseline"] = loan["baseline"].summary()
        dca = self.extras.get("dca") or {}
        if dca.get("every_start") is not None:
            out["dca_every_start"] = dca["every_start"].to_dict()
        for name in ("comparison", "plan"):
            table = (self.extras.get(name) or {}).get("rate_table")
            if table is not None:
                out[f"{name}_rate_table"] = {"id": table.id, "name": table.name, "source": table.source,
                                             "as_of": table.as_of.isoformat() if table.as_of else None}
        return out


def _to_dict(result: Any) -> Any:
    return result.to_dict() if hasattr(result, "to_dict") else result


def run_case(case: ReportCase, *, catalog: Any = None) -> CaseResults:
    """Make each section's library call and gather the results.

    ``catalog`` is the product catalog for the comparison and the plan's
    rate table (default: the bundled one, ``wealthcalc.catalog.load()``).

    Examples
    --------
    >>> results = run_case(parse_case({"loan": {"amount": "100万", "rate": "4.9%", "years": 30}}))
    >>> results.loan.first_payment, results.loan.total_interest
    (5307.27, 910615.12)
    """
    results: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    if catalog is None and case.needs_catalog:
        from ..catalog import load

        catalog = load()  # once, for both sections
    for name in case.sections:
        results[name], extra = _RUNNERS[name](getattr(case, name), catalog)
        if extra:
            extras[name] = extra
    return CaseResults(case=case, extras=extras, **results)


def _in_section(name: str, call: Callable[[], Any], *, field: str | None = None) -> Any:
    """Run a library call; its InputError names the section too (loan.months).

    With ``field``, the error names that case field instead, and keeps the
    library's own field in its hint (e.g. a NAV file's bad line).
    """
    try:
        return call()
    except WealthcalcError as error:
        if field is not None:
            raise _renamed(error, field, code="seminar.run.in_field",
                           params={"inner": error.field, "hint": error.hint_in("en"),
                                   "hint_zh": error.hint_in("zh")}) from None
        key = str(error.field)
        key = _CASE_KEYS.get(name.split(".")[0], {}).get(key, key)
        field_name = key if key.startswith(f"{name}.") else f"{name}.{key}"
        if error.code:
            raise _renamed(error, field_name, code=error.code, params=error.params) from None
        raise _renamed(error, field_name, code="seminar.run.hint",
                       params={"hint": error.hint_in("en"), "hint_zh": error.hint_in("zh")}) from None


def _renamed(error: WealthcalcError, field: str, *, code: str, params: Mapping[str, Any]) -> WealthcalcError:
    """``error`` of the same class naming ``field`` (a plain InputError where the class takes no code)."""
    try:
        return type(error)(field, error.value, code=code, params=dict(params))
    except TypeError:
        return InputError(field, error.value, code=code, params=dict(params))


# Library argument names that a case section spells differently (dca.simulate's start is dca.from).
_CASE_KEYS = {
    "dca": {"start": "from", "end": "to", "fee_rate": "fee"},
    "loan": {"principal": "amount", "annual_rate": "rate"},
    "plan": {"start": "start_date"},
}


def _run_loan(section: Mapping[str, Any], catalog: Any) -> tuple[Any, Any]:
    """The schedule, and the same loan without prepayments as a baseline (when it has any)."""
    from .. import loans

    if "combined" in section:
        combined = _in_section("loan", lambda: loans.combined(*section["combined"], **section["kwargs"]))
        return combined, {"baseline": None, **section["meta"]}
    schedule = _in_section("loan", lambda: loans.amortize(*section["args"], **section["kwargs"]))
    baseline = None
    if section["kwargs"].get("prepayments"):
        plain = {k: v for k, v in section["kwargs"].items() if k != "prepayments"}
        baseline = _in_section("loan", lambda: loans.amortize(*section["args"], **plain))
    return schedule, {"baseline": baseline, **section["meta"]}


def _run_plan(section: Mapping[str, Any], catalog: Any) -> tuple[Any, Any]:
    from .. import plans

    table = _in_section("plan", lambda: catalog.rate_table(section["rate_table"]), field="plan.rate_table") \
        if section["rate_table"] else catalog.rate_table()
    call = getattr(plans, section["mode"])
    plan = _in_section("plan", lambda: call(*section["args"], rate_table=table, **section["kwargs"]))
    return plan, {"rate_table": table}


def _run_comparison(section: Mapping[str, Any], catalog: Any) -> tuple[Any, Any]:
    from .. import yields

    result = _in_section("comparison",
                         lambda: yields.compare(*section["args"], catalog=catalog, **section["kwargs"]))
    table = catalog.rate_table(result.rate_table)
    return result, {"rate_table": table, **section["meta"]}


def _run_dca(section: Mapping[str, Any], catalog: Any) -> tuple[Any, Any]:
    """dca.simulate on the NAV series; dca.every_start too when asked."""
    from .. import dca

    spec = section["nav"]
    if "path" in spec:
        series = _in_section("dca", lambda: dca.load_nav(spec["path"]), field="dca.nav")
    else:
        series = _in_section("dca", lambda: dca.synthetic_nav(**spec["synthetic"]))
    backtest = _in_section("dca", lambda: dca.simulate(series, *section["args"], **section["kwargs"]))
    every = None
    if section["every_start"] is not None:
        # every start date of the whole series (from/to and day belong to the single plan)
        shared = {k: v for k, v in section["kwargs"].items()
                  if k in ("frequency", "fee_rate", "discount", "dividends", "redeem")}
        every = _in_section("dca.every_start", lambda: dca.every_start(series, *section["args"],
                                                           years=section["every_start"]["years"], **shared))
    return backtest, {"nav": series, "every_start": every, "amount": section["args"][0],
                      **section["kwargs"]}


_RUNNERS: dict[str, Callable[[Mapping[str, Any], Any], tuple[Any, Any]]] = {
    "comparison": _run_comparison,
    "plan": _run_plan,
    "loan": _run_loan,
    "dca": _run_dca,
}
