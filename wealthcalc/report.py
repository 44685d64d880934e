"""A printable customer report from a CASE.yaml (kept path; the code lives in :mod:`wealthcalc.seminar`).

>>> case = parse_case({"title": "Demo"})
>>> case.title, case.sections
('Demo', ())
"""

from __future__ import annotations

from .seminar.case import SECTIONS, ReportCase, load_case, parse_case
from .seminar.report import render_html, save_page, write_report
from .seminar.run import CaseResults, run_case

__all__ = [
    "SECTIONS",
    "CaseResults",
    "ReportCase",
    "load_case",
    "parse_case",
    "render_html",
    "run_case",
    "save_page",
    "write_report",
]
