"""Messages of the cli topic: ``{code: (zh, en)}`` (see :mod:`wealthcalc.i18n`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Chinese gists of click's own usage messages
    "cli.click.no_such_option": ("没有这个选项，请用 --help 查看可用选项", "no such option; see --help"),
    "cli.click.no_such_command": ("没有这个命令，请用 wealthcalc --help 查看", "no such command; see wealthcalc --help"),
    "cli.click.missing_option": ("缺少必填选项", "a required option is missing"),
    "cli.click.missing_argument": ("缺少必填参数", "a required argument is missing"),
    "cli.click.invalid_value": ("取值无效", "invalid value"),
    "cli.click.extra_argument": ("多余的参数", "unexpected extra argument"),
    "cli.click.needs_value": ("该选项需要一个值", "the option needs a value"),
    # charts
    "cli.chart_suffix": ("图表文件请以 .png 或 .svg 结尾", "a chart file ends in .png or .svg"),
    "cli.no_folder": ("文件夹 {folder} 不存在", "folder {folder} does not exist"),
    "cli.chart_written": ("图表已保存：{path}", "Chart written to {path}"),
}
