"""Tests for wealthcalc.report: CASE.yaml checking, library calls, the HTML page."""

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wealthcalc import catalog, dca, loans, plans, report, yields
from wealthcalc.errors import InputError
from wealthcalc.seminar.page import _e as escaped

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "case.yaml"

LOAN_CASE = {
    "title": "张先生 <家庭> 方案 & 测算",
    "customer": "张先生",
    "date": dt.date(2026, 1, 15),
    "loan": {
        "amount": "100万",
        "rate": "3.15%",
        "years": 30,
        "start": dt.date(2025, 6, 20),
        "rate_source": "5年期以上LPR 3.50% 减 35BP",
        "rate_as_of": dt.date(2025, 5, 20),
        "prepayments": [{"at": dt.date(2028, 6, 20), "amount": "20万", "mode": "shorten"}],
    },
}


class PageParser(HTMLParser):
    """Collects sections, data-key/data-value pairs, images and the JSON block."""

    def __init__(self):
        super().__init__()
        self.sections, self.values, self.images, self.json_text = [], {}, [], None
        self._in_json = False
        self._section = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self._section = attrs.get("data-section")
            self.sections.append(self._section)
        if "data-key" in attrs:
            self.values[(self._section, attrs["data-key"])] = attrs["data-value"]
        if tag == "img":
            self.images.append(attrs["src"])
        if tag == "script" and attrs.get("id") == "report-data":
            self._in_json = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_text = (self.json_text or "") + data


def parse_page(text):
    parser = PageParser()
    parser.feed(text)
    return parser, json.loads(parser.json_text)


@pytest.fixture(scope="module")
def loan_results():
    return report.run_case(report.parse_case(LOAN_CASE))


# ---------------------------------------------------------------- the library calls


def test_loan_section_is_one_amortize_call(loan_results):
    # the same loan, written out by hand as a library user would
    expected = loans.amortize(1_000_000, 0.0315, 360, start=dt.date(2025, 6, 20),
                              prepayments=[(dt.date(2028, 6, 20), 200_000, "shorten")])
    assert loan_results.loan.to_dict() == expected.to_dict()
    baseline = loan_results.extras["loan"]["baseline"]
    assert baseline.to_dict() == loans.amortize(1_000_000, 0.0315, 360,
                                                start=dt.date(2025, 6, 20)).to_dict()
    assert loan_results.loan.interest_saved == pytest.approx(
        baseline.total_interest - loan_results.loan.total_interest, abs=0.005)


def test_report_numbers_equal_the_library(loan_results):
    page, data = parse_page(report.render_html(loan_results, lang="zh", charts=False))
    assert page.sections == ["loan"]
    schedule = loan_results.loan
    assert data["loan"] == json.loads(json.dumps(schedule.to_dict()))
    for key in ("first_payment", "total_interest", "total_paid", "interest_saved", "annual_rate"):
        assert float(page.values[("loan", key)]) == getattr(schedule, key)


# ---------------------------------------------------------------- the page


def test_page_escapes_text_and_carries_the_risk_wording(loan_results):
    text = report.render_html(loan_results, lang="zh", charts=False)
    assert "张先生 &lt;家庭&gt; 方案 &amp; 测算" in text
    assert "<家庭>" not in text.split('id="report-data"')[0]
    assert "理财非存款、产品有风险、投资须谨慎" in text
    assert "存款保险" in text and "50万元" in text
    assert "过往业绩不代表未来表现" in text and "风险承受能力评估" in text  # docs/rules/yields.md#risk-grades: grade must match
    assert "5年期以上LPR 3.50% 减 35BP" in text and "2025-05-20" in text  # rate source and date
    assert "@media print" in text and "size: A4" in text
    # the JSON block cannot close the script element early
    block = text.split('id="report-data">')[1].split("</script>")[0]
    assert "<" not in block


def test_english_page(loan_results):
    text = report.render_html(loan_results, lang="en", charts=False)
    assert '<html lang="en">' in text
    assert "Wealth products are not deposits" in text
    assert "Past performance does not guarantee future results" in text
    assert "500,000" in text
    assert "Total interest" in text and "总利息" not in text


def test_amounts_read_as_customers_read_them(loan_results):
    zh = report.render_html(loan_results, lang="zh", charts=False)
    en = report.render_html(loan_results, lang="en", charts=False)
    assert "100万元" in zh and "4,297.37元" in zh
    assert "4,297.37" in en and "万" not in en.split("<script")[0].replace("张先生", "")


def test_wan_only_for_whole_wan_amounts():
    odd = report.run_case(report.parse_case({"loan": {"amount": 1234567.89, "rate": "3%", "years": 10}}))
    text = report.render_html(odd, lang="zh", charts=False)
    assert "1,234,567.89元" in text and "123.46万" not in text  # 万 never rounds an amount away


def test_charts_are_embedded_as_png(loan_results):
    import base64

    page, _ = parse_page(report.render_html(loan_results, lang="zh"))
    assert len(page.images) == 1
    head, data = page.images[0].split(",", 1)
    assert head == "data:image/png;base64"
    assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_empty_case_still_renders():
    text = report.render_html(report.run_case(report.parse_case({})), lang="en", charts=False)
    assert "This case has no sections" in text


# ---------------------------------------------------------------- bad cases


@pytest.mark.parametrize(
    "data, field",
    [
        ([1, 2], "case"),
        ({"loans": {}}, "loans"),
        ({"loan": 5}, "loan"),
        ({"loan": {"rate": "3%", "years": 30}}, "loan.amount"),
        ({"loan": {"amount": "10万", "rate": 3.15, "years": 30}}, "loan.rate"),
        ({"loan": {"amount": "10万", "rate": "3%", "years": 30, "months": 12}}, "loan.years"),
        ({"loan": {"amount": "10万", "rate": "3%", "years": 2.5}}, "loan.years"),
        ({"loan": {"amount": "10万", "rate": "3%", "years": 3, "method": "balloon"}}, "loan.method"),
        ({"loan": {"amount": "10万", "rate": "3%", "years": 3, "colour": "red"}}, "loan.colour"),
        ({"loan": {"amount": "10万", "rate": "3%", "years": 3,
                   "prepayments": [{"at": "2027-13-01", "amount": 1000}]}}, "loan.prepayments[0].at"),
        ({"loan": {"amount": "10万", "rate": "3%", "years": 3,
                   "prepayments": [{"at": 5}]}}, "loan.prepayments[0].amount"),
        ({"date": "tomorrow"}, "date"),
    ],
)
def test_bad_case_names_the_section_and_field(data, field):
    with pytest.raises(InputError) as caught:
        report.run_case(report.parse_case(data))
    assert caught.value.field == field


def test_library_errors_name_the_section():
    # a prepayment by date needs the loan's start date: amortize says so, the report adds "loan."
    case = report.parse_case({"loan": {"amount": "10万", "rate": "3%", "years": 3,
                                       "prepayments": [{"at": "2027-01-01", "amount": 1000}]}})
    with pytest.raises(InputError) as caught:
        report.run_case(case)
    assert caught.value.field.startswith("loan.")


def test_load_case_reads_yaml_safely(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("loan: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        report.load_case(bad)
    assert caught.value.field == "case"
    broken = tmp_path / "broken.yaml"
    broken.write_text("loan: {amount: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="line"):
        report.load_case(broken)
    with pytest.raises(InputError):
        report.load_case(tmp_path / "missing.yaml")


# ---------------------------------------------------------------- comparison and DCA sections

FULL_CASE = {
    "comparison": {"amount": "20万", "days": 365, "max_risk": "R3", "top": 5},
    "dca": {
        "synthetic": {"days": 1500, "seed": 3},
        "amount": 1000, "day": 8, "from": "2017-01-01", "to": "2019-12-31",
        "fee": "1.5%", "discount": "1折", "every_start": {"years": [1, 3]},
    },
}


@pytest.fixture(scope="module")
def full_results():
    return report.run_case(report.parse_case(FULL_CASE))


def test_comparison_section_is_one_compare_call(full_results):
    expected = yields.compare(200_000, 365, max_risk=3)
    assert full_results.comparison.to_dict() == expected.to_dict()


def test_dca_section_is_simulate_and_every_start(full_results):
    nav = dca.synthetic_nav(days=1500, seed=3)
    expected = dca.simulate(nav, 1000, day=8, start=dt.date(2017, 1, 1), end=dt.date(2019, 12, 31),
                            fee_rate=0.015, discount=0.1)
    assert full_results.dca.to_dict() == expected.to_dict()
    every = dca.every_start(nav, 1000, years=(1, 3), fee_rate=0.015, discount=0.1)
    assert full_results.extras["dca"]["every_start"].to_dict() == every.to_dict()


def test_full_report_numbers_equal_the_library(full_results):
    page, data = parse_page(report.render_html(full_results, lang="en", charts=False))
    assert page.sections == ["comparison", "dca"]
    assert data["comparison"] == json.loads(json.dumps(full_results.comparison.to_dict()))
    assert data["dca"] == json.loads(json.dumps(full_results.dca.to_dict()))
    best = full_results.comparison.best
    assert float(page.values[("comparison", "best_net_amount")]) == best.net_amount
    assert page.values[("comparison", "best_id")] == best.id
    backtest = full_results.dca
    for key in ("invested", "fees", "market_value", "profit", "holding_return", "xirr"):
        assert float(page.values[("dca", key)]) == getattr(backtest, key)
    assert data["dca_every_start"]["periods"][0]["win_rate"] == \
        full_results.extras["dca"]["every_start"].periods[0].win_rate


def test_every_start_table_shows_rates_as_the_cli_does(full_results):
    # the dca --every-start table prints the win rate with 2 decimals (76.01%); the page must
    # show the same text, not a rounder 76.0%
    text = report.render_html(full_results, lang="en", charts=False)
    for period in full_results.extras["dca"]["every_start"].periods:
        assert f"{period.win_rate * 100:.2f}%" in text


def test_comparison_rows_show_their_source_and_date(full_results):
    text = report.render_html(full_results, lang="zh", charts=False)
    for row in full_results.comparison.ranked[:5]:
        assert row.as_of.isoformat() in text
        assert escaped(row.source) in text
    table = full_results.extras["comparison"]["rate_table"]
    assert escaped(table.source) in text
    assert "其余" in text  # rows past top=5 are left out, and the page says so


def test_comparison_notes_follow_the_templates(full_results):
    codes = {code for code, _ in full_results.comparison.notes}
    assert "late_by_days" in codes  # products paying back a week after the 365 days
    templates = {"rolled_over": "续作{times}次", "demand_rest": "活期{days}天", "tier": "档{term_days}",
                 "late_by_days": "晚到{count}个"}
    text = report.render_html(full_results, lang="zh", charts=False, note_templates=templates)
    assert "晚到" in text
    english = report.render_html(full_results, lang="en", charts=False, note_templates=templates)
    assert "晚到" not in english


def test_synthetic_nav_is_labelled(full_results):
    zh = report.render_html(full_results, lang="zh", charts=False)
    en = report.render_html(full_results, lang="en", charts=False)
    assert "模拟数据" in zh and "Synthetic data" in en
    assert "1.50% × 折扣 0.1" in zh


def test_synthetic_nav_is_described_in_the_page_language(full_results):
    zh = report.render_html(full_results, lang="zh", charts=False)
    en = report.render_html(full_results, lang="en", charts=False)
    # FULL_CASE: days 1500, seed 3, synthetic_nav's default drift 8% and volatility 20%
    assert "1,500 个交易日，年化漂移 8.00%，年化波动率 20.00%，随机种子 3" in zh
    assert "1,500 trading days from 2015-01-05, drift 8.00% a year, volatility 20.00% a year, seed 3" in en
    shown = [re.sub(r"<script.*?</script>", "", page, flags=re.S) for page in (zh, en)]
    assert all("annual_drift" not in page for page in shown)  # not the library's raw source text


def test_handout_notes_name_case_fields_not_command_options():
    # 2004 offers are history against the 2025 table (yields note "historical"), and products paying
    # back a week after 365 days get "late_by_days": both name a CLI option in the library's wording
    results = report.run_case(report.parse_case({"comparison": {"amount": "20万", "days": 365}}))
    codes = {code for code, _ in results.comparison.notes}
    codes |= {r.reason[0] for r in results.comparison.ineligible if r.reason}
    assert {"historical", "late_by_days"} <= codes
    for lang, words in (("zh", "将方案中的 days 改为 372"), ("en", "set as_of: 2004-12-31 in the case")):
        text = report.render_html(results, lang=lang, charts=False)
        assert words in text
        shown = re.sub(r"<script.*?</script>", "", text, flags=re.S)  # the JSON keeps the library's words
        assert "--as-of" not in shown and "--days" not in shown
    # English readers get the terms in English, the Chinese beside them
    en = report.render_html(results, lang="en", charts=False)
    assert "the raise period (募集期) and the days to payout (到账) count" in en


def _embedded_font(text):
    """The cmap of the font embedded by @font-face (None when there is none)."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    found = re.search(r'@font-face \{ font-family: "wealthcalc CJK"; src: url\(data:font/(otf|ttf);base64,'
                      r'([A-Za-z0-9+/=]+)\)', text)
    if found is None:
        return None
    return TTFont(io.BytesIO(base64.b64decode(found.group(2)))).getBestCmap()


def test_zh_page_embeds_the_chinese_glyphs_it_uses(loan_results):
    text = report.render_html(loan_results, lang="zh", charts=False)
    cmap = _embedded_font(text)
    assert cmap is not None
    used = {ord(ch) for ch in text if ord(ch) >= 0x4E00}
    assert used and used <= set(cmap)  # every Chinese character of the page has a glyph
    assert len(text) < 400_000  # a subset of the font, not the 16 MB file
    # first in the font list (after Arial, headless Chromium drew the first runs as boxes)
    assert 'font-family: "wealthcalc CJK", ' in text


def test_a_page_without_chinese_embeds_no_font():
    results = report.run_case(report.parse_case({"title": "Demo", "loan": {"amount": 100000, "rate": "3%",
                                                                          "years": 5}}))
    text = report.render_html(results, lang="en", charts=False)
    assert _embedded_font(text) is None and "@font-face" not in text


def test_without_a_cjk_font_the_page_says_so_and_embeds_none(loan_results, monkeypatch):
    from wealthcalc import charts
    from wealthcalc.seminar import fonts

    monkeypatch.setattr(fonts, "_candidates", lambda: iter(()))
    charts.find_cjk_font.cache_clear()
    try:
        with pytest.warns(UserWarning, match="reader's fonts"):
            text = report.render_html(loan_results, lang="zh", charts=False)
    finally:
        charts.find_cjk_font.cache_clear()
    assert "@font-face" not in text and "理财非存款" in text


def test_full_report_embeds_every_chart(full_results):
    page, _ = parse_page(report.render_html(full_results, lang="zh"))
    assert len(page.images) == 3  # comparison, DCA, every start


def test_example_case_runs():
    case = report.load_case(EXAMPLE)
    assert case.sections == ("comparison", "plan", "loan", "dca")
    results = report.run_case(case)
    assert results.loan.interest_saved > 0


@pytest.mark.parametrize(
    "data, field",
    [
        ({"comparison": {"amount": "1万"}}, "comparison.days"),
        ({"comparison": {"amount": "1万", "days": 0}}, "comparison.days"),
        ({"comparison": {"amount": "1万", "days": 30, "max_risk": "R9"}}, "comparison.max_risk"),
        ({"comparison": {"amount": "1万", "days": 30, "kind": "bond"}}, "comparison.kind"),
        ({"dca": {"amount": 1000}}, "dca.nav"),
        ({"dca": {"nav": "x.csv", "synthetic": {}, "amount": 1000}}, "dca.nav"),
        ({"dca": {"synthetic": {"seed": 1, "colour": 2}, "amount": 1000}}, "dca.synthetic.colour"),
        ({"dca": {"synthetic": {}, "amount": 1000, "discount": "12折"}}, "dca.discount"),
        ({"dca": {"synthetic": {}, "amount": 1000, "fee": 1.5}}, "dca.fee"),
        ({"dca": {"synthetic": {}, "amount": 1000, "frequency": "yearly"}}, "dca.frequency"),
        ({"dca": {"synthetic": {}, "amount": 1000, "redeem": "yes"}}, "dca.redeem"),
        ({"plan": {"amount": "10万", "months": 12, "tax_by_date": 1}}, "plan.tax_by_date"),
        ({"dca": {"nav": "no-such-file.csv", "amount": 1000}}, "dca.nav"),
        ({"dca": {"synthetic": {"days": 300}, "amount": 1000, "every_start": {"years": [3]}}},
         "dca.every_start.years"),
        # the library's start/end/principal are the case's from/to/amount
        ({"dca": {"synthetic": {"days": 100}, "amount": 1000, "from": "2030-01-01"}}, "dca.from"),
        ({"dca": {"synthetic": {}, "amount": 1000, "from": "2020-01-01", "to": "2019-01-01"}}, "dca.to"),
    ],
)
def test_bad_sections_name_the_field(data, field):
    with pytest.raises(InputError) as caught:
        report.run_case(report.parse_case(data))
    assert caught.value.field.startswith(field)


def test_an_unknown_rate_table_keeps_its_error_type():
    from wealthcalc.errors import ProductNotFoundError

    case = report.parse_case({"comparison": {"amount": "1万", "days": 30, "rate_table": "no-such-table"}})
    with pytest.raises(ProductNotFoundError) as caught:
        report.run_case(case)
    assert caught.value.field.startswith("comparison.")


# ---------------------------------------------------------------- deposit plan section

PLAN_CASES = [
    ({"mode": "max_value", "amount": "60万", "months": 36, "keep_available": "2万",
      "start_date": "2025-06-01"},
     lambda table: plans.max_value(600_000, 36, rate_table=table, keep_available=20_000,
                                   start_date=dt.date(2025, 6, 1))),
    ({"mode": "shortest_term", "amount": "10万", "target": "10.5万"},
     lambda table: plans.shortest_term(100_000, 105_000, rate_table=table)),
    ({"mode": "monthly_max_value", "monthly": 2000, "months": 12, "products": ["fixed", "demand"]},
     lambda table: plans.monthly_max_value(2_000, 12, rate_table=table, products=("fixed", "demand"))),
    ({"mode": "monthly_required", "months": 24, "target": "5万", "round_to": "yuan",
      "rate_table": "pboc-2015-10-24"},
     lambda table: plans.monthly_required(24, 50_000, rate_table=catalog.load().rate_table("pboc-2015-10-24"),
                                          round_to="yuan")),
]


@pytest.mark.parametrize("section, direct", PLAN_CASES)
def test_plan_section_is_one_planner_call(section, direct):
    results = report.run_case(report.parse_case({"plan": section}))
    expected = direct(catalog.load().rate_table())
    assert results.plan.to_dict() == expected.to_dict()
    page, data = parse_page(report.render_html(results, lang="zh", charts=False))
    assert page.sections == ["plan"]
    assert data["plan"] == json.loads(json.dumps(expected.to_dict()))
    assert float(page.values[("plan", "value")]) == expected.value
    table = results.extras["plan"]["rate_table"]
    assert data["plan_rate_table"]["id"] == table.id


def test_monthly_plan_alternatives_show_what_each_pays_in():
    # the one-零存整取 answer (docs/rules/plans.md#one-account-answer) of mode 5 pays in its own, larger monthly amount: the page shows
    # it (as `wealthcalc plan monthly-required` does), or "-0.22 less than this plan" reads as a loss
    results = report.run_case(report.parse_case({"plan": {"mode": "monthly_required", "months": 36,
                                                          "target": "5万"}}))
    plan = results.plan
    rule = next(a for a in plan.alternatives if a.key == "installment_rule")
    assert rule.monthly is not None and rule.monthly > plan.monthly
    text = report.render_html(results, lang="zh", charts=False)
    table = text[text.index("对比简单做法"):]
    table = table[:table.index("</table>")]
    assert "每月存入" in table and "本金" in table
    assert f"{rule.monthly:,.2f}" in table
    assert f"{round(rule.monthly * 36, 2):,.2f}" in table
    assert f"{plan.monthly:,.2f}" in table


def test_plan_above_the_insurance_cover_says_so():
    results = report.run_case(report.parse_case({"plan": PLAN_CASES[0][0]}))
    zh = report.render_html(results, lang="zh", charts=False)
    assert "不在保障范围内，可考虑分存多家银行" in zh
    # the part above the cover: maturity value − 500,000 (docs/rules/deposit-insurance.md#coverage-limit)
    from wealthcalc.money import format_amount

    assert f"本方案到期约 {format_amount(results.plan.value - 500_000)}元" in zh
    en = report.render_html(results, lang="en", charts=False)
    assert "is not covered; consider spreading" in en
    small = report.run_case(report.parse_case({"plan": PLAN_CASES[1][0]}))
    assert "分存多家银行" not in report.render_html(small, lang="zh", charts=False)


def test_plan_with_no_solution_keeps_its_error_type():
    from wealthcalc.errors import NoSolutionError

    case = report.parse_case({"plan": {"mode": "shortest_term", "amount": "1万", "target": "100万"}})
    with pytest.raises(NoSolutionError) as caught:
        report.run_case(case)
    assert caught.value.field.startswith("plan.")


@pytest.mark.parametrize(
    "section, field",
    [
        ({"mode": "max_value", "amount": "1万"}, "plan.months"),
        ({"mode": "best", "amount": "1万", "months": 12}, "plan.mode"),
        ({"mode": "max_value", "amount": "1万", "months": 12, "target": "2万"}, "plan.target"),
        ({"mode": "monthly_max_value", "monthly": 100, "months": 12, "keep_available": 10}, "plan.keep_available"),
        ({"mode": "max_value", "amount": "1万", "months": 12, "products": ["gold"]}, "plan.products"),
        ({"mode": "max_value", "amount": "1万", "months": 12, "round_to": "yuan"}, "plan.round_to"),
        ({"mode": "max_value", "amount": "1万", "months": 12, "rate_table": "nope"}, "plan.rate_table"),
        ({"mode": "max_value", "amount": "1万", "months": 12, "tax_rate": 20}, "plan.tax_rate"),
    ],
)
def test_bad_plan_names_the_field(section, field):
    from wealthcalc.errors import WealthcalcError

    with pytest.raises(WealthcalcError) as caught:
        report.run_case(report.parse_case({"plan": section}))
    assert caught.value.field.startswith(field)


def test_without_matplotlib_the_report_has_no_charts_and_says_so(loan_results, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    with pytest.warns(UserWarning, match="plot"):
        text = report.render_html(loan_results, lang="zh")
    page, _ = parse_page(text)
    assert page.images == [] and page.sections == ["loan"]


def test_combined_loan_is_one_combined_call():
    section = {"amount": "100万", "rate": "3.5%", "years": 30, "rate_source": "LPR 3.50%",
               "provident": {"amount": "60万", "rate": "2.6%", "rate_source": "公积金 5年以上 2.60%",
                             "rate_as_of": "2025-05-08"}}
    results = report.run_case(report.parse_case({"loan": section}))
    expected = loans.combined((600_000, 0.026), (1_000_000, 0.035), 360)
    assert results.loan.to_dict() == expected.to_dict()
    page, data = parse_page(report.render_html(results, lang="zh"))
    assert float(page.values[("loan", "first_payment")]) == expected.first_payment == 6892.49  # docs/rules/loans.md#combined-loan L-10
    assert data["loan"]["total_interest"] == expected.total_interest
    assert len(page.images) == 1
    text = report.render_html(results, lang="en", charts=False)
    assert "公积金 5年以上 2.60% · 2025-05-08" in text and "LPR 3.50% · —" in text


def test_combined_loan_takes_no_prepayments():
    section = {"amount": "100万", "rate": "3.5%", "years": 30, "provident": {"amount": "60万", "rate": "2.6%"},
               "prepayments": [{"at": 12, "amount": 1000}]}
    with pytest.raises(InputError) as caught:
        report.parse_case({"loan": section})
    assert caught.value.field == "loan.prepayments"


def test_loan_min_prepayment_passes_to_amortize(tmp_path):
    # a 5,000 prepayment is below the default 10,000 minimum (loans.MIN_PREPAYMENT); the case may lower it
    body = ("loan:\n  amount: 1000000\n  rate: 4.9%\n  years: 30\n"
            "  prepayments:\n    - {at: 12, amount: 5000, mode: reduce}\n")
    case = tmp_path / "case.yaml"
    case.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        report.run_case(report.load_case(case))
    assert "prepayment" in info.value.field
    case.write_text(body + "  min_prepayment: 1000\n", encoding="utf-8")
    results = report.run_case(report.load_case(case))
    direct = loans.amortize(1_000_000, 0.049, 360, prepayments=[(12, 5000, "reduce")], min_prepayment=1000)
    assert results.loan.total_interest == direct.total_interest


def test_example_case_places_the_money_on_its_date():
    # the example report is dated 2026-01-15 and its plan starts then: the comparison's money is
    # placed that day too, so the page's figures do not mix two start dates
    case = report.load_case(EXAMPLE)
    results = report.run_case(case)
    assert case.date == dt.date(2026, 1, 15)
    assert results.plan.start_date == case.date
    expected = yields.compare(200_000, 365, max_risk=3, start=case.date)
    assert results.comparison.to_dict() == expected.to_dict()
