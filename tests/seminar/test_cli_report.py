"""Tests for ``wealthcalc report`` and the --plot helpers other commands reuse."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from wealthcalc import charts, report
from wealthcalc.seminar import fonts
from wealthcalc.cli import ExitCode, cli
from wealthcalc.cli._output import plot_option, save_plot
from wealthcalc.errors import InputError
from wealthcalc.results import jsonable

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "case.yaml"

SMALL_CASE = """\
title: 王女士 <测试>
loan:
  amount: 50万
  rate: 3.05%
  years: 20
  method: equal_principal
dca:
  synthetic: {days: 800, seed: 7}
  amount: 500
  day: 15
  fee: 1.2%
  discount: 0.1
"""


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(SMALL_CASE, encoding="utf-8")
    return path


def test_report_writes_one_self_contained_page(tmp_path, case_file, run):
    out = tmp_path / "report.html"
    result = run("--format", "json", "report", str(case_file), "-o", str(out))
    assert result.exit_code == ExitCode.OK, result.stderr
    data = json.loads(result.stdout)
    assert data["output"] == str(out) and data["sections"] == ["loan", "dca"]
    text = out.read_text(encoding="utf-8")
    assert data["size_bytes"] == out.stat().st_size
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert 'data-section="loan"' in text and 'data-section="dca"' in text
    assert "王女士 &lt;测试&gt;" in text
    # self-contained: charts inline, no external files or scripts
    assert len(re.findall(r'src="data:image/png;base64,', text)) == 2
    assert not re.search(r'(src|href)="(https?:)?//', text)
    # the page's numbers are the json's numbers
    block = text.split('id="report-data">')[1].split("</script>")[0]
    assert json.loads(block) == data["report"]


def test_report_numbers_match_a_direct_library_call(tmp_path, case_file, run):
    from wealthcalc import dca, loans

    out = tmp_path / "r.html"
    result = run("--format", "json", "report", str(case_file), "-o", str(out),
                 "--no-charts")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)["report"]
    schedule = loans.amortize(500_000, 0.0305, 240, method="equal_principal")
    assert data["loan"]["total_interest"] == schedule.total_interest
    assert data["loan"]["first_payment"] == schedule.first_payment
    backtest = dca.simulate(dca.synthetic_nav(days=800, seed=7), 500, day=15, fee_rate=0.012, discount=0.1)
    assert data["dca"]["market_value"] == backtest.market_value
    assert data["dca"]["xirr"] == backtest.xirr


def test_report_in_english(tmp_path, case_file, run):
    out = tmp_path / "en.html"
    result = run("--lang", "en", "report", str(case_file), "-o", str(out),
                 "--no-charts")
    assert result.exit_code == 0, result.stderr
    assert "Report file" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert "Wealth products are not deposits" in text and "Synthetic data" in text
    assert "理财非存款" not in text


def test_report_default_output_is_beside_the_case(case_file, run):
    result = run("report", str(case_file), "--no-charts")
    assert result.exit_code == 0, result.stderr
    assert case_file.with_suffix(".html").exists()
    assert "报告文件" in result.stdout
    assert "贷款测算、基金定投回测" in result.stdout and "loan" not in result.stdout


def test_report_csv_keeps_section_keys(tmp_path, case_file, run):
    result = run("--format", "csv", "report", str(case_file), "-o",
                 str(tmp_path / "r.html"), "--no-charts")
    assert result.exit_code == 0, result.stderr
    assert 'sections,"loan,dca"' in result.stdout.splitlines()


def test_example_case_renders_every_section_with_charts(tmp_path, run):
    out = tmp_path / "example.html"
    result = run("report", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for name in ("comparison", "plan", "loan", "dca"):
        assert f'data-section="{name}"' in text
    assert len(re.findall(r'src="data:image/png;base64,', text)) == 5
    assert "续作" in text or "活期" in text  # comparison notes worded in Chinese


@pytest.mark.parametrize(
    "content, words",
    [
        ("loan: {amount: 10万, rate: 3.1, years: 10}\n", "loan.rate"),
        ("loan: {amount: 10万, rate: 3.1%, years: 10, extra: 1}\n", "loan.extra"),
        ("comparison: {amount: 10万}\n", "comparison.days"),
        ("dca: {amount: 100}\n", "dca.nav"),
        ("title: [unclosed\n", "not valid YAML"),
        # YAML would build these dates itself and fail with a bare ValueError
        ("loan: {amount: 10万, rate: 3%, years: 10, start: 2025-13-01}\n", "loan.start"),
        ("plan: {amount: 10万, months: 12, start_date: 2026-02-30}\n", "plan.start_date"),
        ("- just\n- a list\n", "case"),
    ],
)
def test_bad_case_is_one_line_exit_2(tmp_path, content, words, run):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("report", str(path), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == ExitCode.BAD_INPUT
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and words in lines[0]
    assert not (tmp_path / "x.html").exists()


def test_missing_case_file(tmp_path, run):
    result = run("report", str(tmp_path / "nope.yaml"))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "cannot read" in result.stderr


def test_fallback_warning_reaches_stderr(tmp_path, case_file, monkeypatch, run):
    monkeypatch.setattr(fonts, "_candidates", lambda: iter(()))
    charts.find_cjk_font.cache_clear()
    try:
        result = run("report", str(case_file), "-o", str(tmp_path / "r.html"))
    finally:
        charts.find_cjk_font.cache_clear()
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    # one line for the charts (drawn in English), one for the page (no font to embed)
    assert len(warnings) == 2
    assert "English" in warnings[0] and "图表改用英文" in warnings[0]
    assert "reader's fonts" in warnings[1]


# ---------------------------------------------------------------- --plot for other commands


@pytest.fixture
def plotting():
    """A throwaway command using plot_option/save_plot as compare, loan, dca and plan will."""

    @click.command("plotprobe")
    @plot_option
    def plotprobe(plot):
        from wealthcalc import loans

        schedule = loans.amortize(300_000, 0.04, 36)
        click.echo(f"first payment {schedule.first_payment}")
        save_plot(schedule, plot)

    cli.add_command(plotprobe)
    yield CliRunner()
    cli.commands.pop("plotprobe")


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_option_draws_the_result(tmp_path, plotting, suffix):
    out = tmp_path / f"chart{suffix}"
    result = plotting.invoke(cli, ["plotprobe", "--plot", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "first payment" in result.stdout and "图表已保存" in result.stderr
    data = out.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert ET.fromstring(data).tag.endswith("svg")


def test_plot_option_is_optional(plotting):
    result = plotting.invoke(cli, ["--lang", "en", "plotprobe"])
    assert result.exit_code == 0 and result.stderr == ""


def test_plot_option_refuses_other_formats(tmp_path, plotting):
    result = plotting.invoke(cli, ["plotprobe", "--plot", str(tmp_path / "chart.pdf")])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert ".png or .svg" in result.stderr


def test_save_plot_needs_no_path():
    assert save_plot(object(), None) is None


def test_report_library_and_cli_agree(tmp_path, run):
    out = tmp_path / "r.html"
    result = run("--format", "json", "report", str(EXAMPLE), "-o", str(out),
                 "--no-charts")
    assert result.exit_code == 0, result.stderr
    direct = report.run_case(report.load_case(EXAMPLE)).to_dict()
    assert json.loads(result.stdout)["report"] == jsonable(direct)
    assert json.loads(result.stdout)["report"] == json.loads(json.dumps(direct))


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "--amount", "10万", "--days", "365"],
        ["loan", "--amount", "100万", "--rate", "4.9%", "--years", "30", "--start", "2026-01-15",
         "--prepay", "2027-01-15:20万:shorten"],
        ["loan", "combined", "--provident", "60万", "--provident-rate", "2.6%", "--commercial", "100万",
         "--commercial-rate", "3.5%", "--years", "30"],
        ["dca", "examples/nav_synthetic.csv", "--amount", "1000", "--day", "8"],
        ["dca", "examples/nav_synthetic.csv", "--amount", "1000", "--every-start", "--years", "1"],
        ["plan", "max-value", "--amount", "30万", "--months", "36", "--keep", "5万", "--start", "2026-01-15"],
        ["plan", "shortest", "--amount", "10万", "--target", "10.2万"],
        ["plan", "monthly-max", "--monthly", "2000", "--months", "24"],
        ["plan", "monthly-shortest", "--monthly", "2000", "--target", "5万"],
        ["plan", "monthly-required", "--months", "24", "--target", "5万"],
    ],
    ids=["compare", "loan", "loan-combined", "dca", "dca-every-start", "plan-max-value", "plan-shortest",
         "plan-monthly-max", "plan-monthly-shortest", "plan-monthly-required"],
)
def test_real_commands_draw_their_chart(tmp_path, args, run):
    # every calculator command that takes --plot writes a real PNG beside its normal output
    root = Path(__file__).resolve().parents[2]
    args = [str(root / a) if a.startswith("examples/") else a for a in args]
    out = tmp_path / "chart.png"
    result = run("--format", "json", *args, "--plot", str(out))
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)  # the chart does not disturb the machine output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000


# The example case's sections as the calculator commands take them (examples/case.yaml, field by field).
EXAMPLE_AS_COMMANDS = {
    "comparison": (["compare", "--amount", "20万", "--days", "365", "--max-risk", "R3"],
                   lambda d: d["ranked"][0], ("id", "net_amount", "net_annual_rate")),
    "plan": (["plan", "max-value", "--amount", "30万", "--months", "36", "--keep", "5万",
              "--start", "2026-01-15"], lambda d: d, ("principal", "value", "interest", "tax")),
    "loan": (["loan", "--amount", "100万", "--rate", "3.15%", "--years", "30", "--start", "2025-06-20",
              "--prepay", "2028-06-20:20万:shorten"],
             lambda d: d, ("first_payment", "total_interest", "total_paid", "interest_saved", "months")),
    "dca": (["dca", "--synthetic", "--seed", "3", "--drift", "8%", "--volatility", "20%", "--days", "2500",
             "--amount", "1000", "--day", "8", "--from", "2018-01-01", "--to", "2020-12-31", "--fee", "1.5%",
             "--discount", "1折"],
            lambda d: d["dca"], ("installments", "invested", "fees", "market_value", "profit", "xirr")),
}


@pytest.fixture(scope="module")
def example_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("example") / "r.html"
    # module-scoped (one report for every section below), so not the function-scoped ``run`` fixture
    result = CliRunner().invoke(cli, ["--format", "json", "report", str(EXAMPLE), "-o", str(out), "--no-charts"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["report"]


@pytest.mark.parametrize("section", list(EXAMPLE_AS_COMMANDS))
def test_example_case_equals_the_calculator_commands(example_report, section, run):
    # issue 7: the same CASE.yaml gives the same numbers through the library, the CLI and the report
    args, pick, keys = EXAMPLE_AS_COMMANDS[section]
    result = run("--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    command = pick(json.loads(result.stdout))
    page = example_report[section]
    page = page["ranked"][0] if section == "comparison" else page
    assert {k: page[k] for k in keys} == {k: command[k] for k in keys}


# ---------------------------------------------------------------- Chinese advice in errors


@pytest.mark.parametrize(
    "content, english, chinese",
    [
        ("loan: {amount: 10万, rate: 3.1%, years: 10, extra: 1}\n", "unknown field; loan accepts:",
         "无法识别的字段；loan 可填的字段有："),
        ("comparison: {amount: 10万}\n", "the comparison section needs days", "comparison 部分须填写 days"),
        ("dca: {amount: 100}\n", "give nav (a NAV CSV file) or synthetic", "二者选一"),
        # whole numbers and choices are worded by the shared checks (wealthcalc._validate)
        ("loan: {amount: 10万, rate: 3.1%, years: 80}\n", "years must be from 1 to 50",
         "年数须在 1 至 50 之间"),
        ("dca: {synthetic: true, amount: 100, frequency: yearly}\n", "one of: monthly",
         "可选：monthly"),
    ],
)
def test_bad_case_advice_in_chinese_with_lang_zh(tmp_path, content, english, chinese, run):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    zh = run("--lang", "zh", "report", str(path), "-o", str(tmp_path / "x.html"))
    assert zh.exit_code == ExitCode.BAD_INPUT
    lines = zh.stderr.strip().splitlines()
    assert len(lines) == 1 and english in lines[0] and " ｜ " in lines[0] and chinese in lines[0]
    en = run("--lang", "en", "report", str(path), "-o", str(tmp_path / "x.html"))
    assert en.exit_code == ExitCode.BAD_INPUT and english in en.stderr
    assert chinese not in en.stderr and "｜" not in en.stderr


def test_bad_nav_file_in_a_case_keeps_its_chinese_lines(tmp_path, run):
    # the NAV file's own problems, named under the case field dca.nav, in both languages
    (tmp_path / "nav.csv").write_text("净值日期,单位净值\n2024-01-08,1.0\n2024-01-09,x\n", encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text("dca: {nav: nav.csv, amount: 100}\n", encoding="utf-8")
    zh = run("--lang", "zh", "report", str(path), "-o", str(tmp_path / "x.html"))
    assert zh.exit_code == ExitCode.BAD_INPUT
    line = zh.stderr.strip()
    # Chinese first, then English
    assert line.startswith("Error: dca.nav: got 'x'; nav.csv, line 3：不是数字（读到 'x'）")
    assert line.endswith(" ｜ nav.csv, line 3: not a number (got 'x')")


def test_chart_errors_advise_in_chinese():
    with pytest.raises(InputError) as info:
        charts.save_chart(object(), "x.png")
    assert info.value.field == "result" and info.value.hint_in("zh").startswith("只有以下结果能画图：")
    with pytest.raises(InputError) as info:
        charts.chart_lang("fr")
    assert info.value.field == "lang" and "中文" in info.value.hint_in("zh")
