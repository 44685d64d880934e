"""``wealthcalc report CASE.yaml -o report.html``: a printable customer handout."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import click

from ..i18n import label, message
from ._output import echo_warnings, emit, settings, summary_table

__all__ = ["report"]

@click.command("report")
@click.argument("case_file", metavar="CASE.yaml", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="HTML file to write (default: CASE.html beside the case file). 输出文件",
)
@click.option("--no-charts", is_flag=True, help="Leave the charts out (no matplotlib needed). 不含图表")
def report(case_file: str, output: str | None, no_charts: bool) -> None:
    """Customer report 客户报告: one self-contained, printable HTML page from CASE.yaml.

    CASE.yaml holds up to four sections — comparison, plan, loan, dca — each
    the arguments of one library call (see docs/report.md and
    examples/case.yaml). The page is in the --lang language, embeds its charts
    and the Chinese glyphs it uses, shows every rate with its source and date,
    and carries the risk disclosure. Print it on A4 from any browser. With
    --format json the report's numbers are printed as well.

    \b
    Examples:
      wealthcalc report examples/case.yaml -o report.html
      wealthcalc --lang en report examples/case.yaml -o report-en.html

    \b
    A minimal CASE.yaml (one loan):
      loan: {amount: 100万, rate: 3.15%, years: 30}
    """
    from .. import report as _report

    s = settings()
    out = Path(output) if output else Path(case_file).with_suffix(".html")
    case = _report.load_case(case_file)
    catalog = s.catalog() if case.needs_catalog else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = _report.run_case(case, catalog=catalog)
        text = _report.render_html(results, lang=s.lang, charts=not no_charts)
    echo_warnings(caught)
    _report.save_page(text, out)
    data = {
        "output": str(out),
        "sections": list(case.sections),
        "size_bytes": out.stat().st_size,
        "report": results.to_dict(),
    }
    summary = summary_table(
        [("output", str(out)), ("sections", _section_names(case.sections, s)),
         ("size_bytes", str(data["size_bytes"]))],
        title="report",
    )
    emit(data, [summary], _labels())


def _labels() -> dict[str, tuple[str, str]]:
    """The summary's row labels: the catalog's ``label.report_<key>``."""
    keys = ("output", "sections", "size_bytes", "report")
    return {key: (label(f"report_{key}", "zh"), label(f"report_{key}", "en")) for key in keys}


def _section_names(sections: tuple[str, ...], s: Any) -> str:
    """Section titles in the --lang language for a table; the English keys for csv."""
    if s.output_format != "table":
        return ",".join(sections)
    return message("seminar.list_separator", s.lang).join(s.label(f"report_{name}") for name in sections) or "—"
