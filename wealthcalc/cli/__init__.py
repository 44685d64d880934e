"""The ``wealthcalc`` command line: one click group, one module per command.

Commands are imported only when run, so ``wealthcalc --help`` starts fast and
never imports scipy. Errors become one line on stderr and an exit code:

====  =========================================================
0     success
1     an unexpected failure (a bug); rerun with --debug
2     bad input: arguments, input files, the catalog
3     a valid request with no solution (no root, no feasible plan)
130   interrupted with Ctrl-C
====  =========================================================
"""

from __future__ import annotations

import enum
import importlib
import sys
import traceback
from typing import Any

import click

from .._version import __version__
from ..errors import NoSolutionError, WealthcalcError
from ._output import Settings

__all__ = ["ExitCode", "cli", "main"]


class ExitCode(enum.IntEnum):
    """Process exit codes of the ``wealthcalc`` command."""

    OK = 0
    BUG = 1
    BAD_INPUT = 2
    NO_SOLUTION = 3
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


# name -> "module:attribute", imported on first use.
COMMANDS: dict[str, str] = {
    "compare": "wealthcalc.cli.compare_cmd:compare",
    "dca": "wealthcalc.cli.dca_cmd:dca",
    "deposit": "wealthcalc.cli.deposit_cmd:deposit",
    "loan": "wealthcalc.cli.loan_cmd:loan",
    "plan": "wealthcalc.cli.plan_cmd:plan",
    "products": "wealthcalc.cli.products_cmd:products",
    "report": "wealthcalc.cli.report_cmd:report",
    "tvm": "wealthcalc.cli.tvm_cmd:tvm",
    "yield": "wealthcalc.cli.compare_cmd:yield_",
}


class _Failure(click.ClickException):
    """A failure already worded for the user, with its exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it on the class


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


class WealthcalcGroup(click.Group):
    """A click group that loads subcommands lazily and words every failure."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            module_name, attribute = COMMANDS[name].split(":")
            return getattr(importlib.import_module(module_name), attribute)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except WealthcalcError as error:
            if _debug(ctx):
                traceback.print_exc()
            code = ExitCode.NO_SOLUTION if isinstance(error, NoSolutionError) else ExitCode.BAD_INPUT
            # a catalog with several problems keeps one line per problem
            lang = ctx.obj.lang if isinstance(ctx.obj, Settings) else "zh"
            text = error.message(lang)
            message = text if len(getattr(error, "problems", ())) > 1 else _one_line(text)
            raise _Failure(message, code) from error
        except Exception as error:  # a bug: say so in one line unless --debug
            if _debug(ctx):
                raise
            raise _Failure(
                f"unexpected failure ({type(error).__name__}: {_one_line(error)}); "
                "this is a bug in wealthcalc, rerun with --debug for the traceback",
                ExitCode.BUG,
            ) from error

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        argv = sys.argv[1:] if args is None else list(args)
        try:
            argv = global_options_first(argv, self) if argv else ["--help"]  # plain `wealthcalc`: the help
            result = super().main(argv, prog_name, complete_var,
                                  standalone_mode=False, **extra)
        except click.exceptions.Exit as stop:  # pragma: no cover - click returns it instead
            code = stop.exit_code
        except click.ClickException as error:
            message = error.format_message()
            if not isinstance(error, _Failure):
                message = _one_line(message)
                if "｜" not in message and _lang_of(sys.argv[1:] if args is None else args) == "zh":
                    message = _with_click_zh(message)
            click.echo(f"Error: {message}", err=True)
            code = error.exit_code
        except click.Abort:  # Ctrl-C
            click.echo("Aborted.", err=True)
            code = ExitCode.INTERRUPTED
        else:
            code = result if isinstance(result, int) else ExitCode.OK
        if not standalone_mode:
            return code
        sys.exit(int(code))


# click's own usage messages (English, from click) -> the code of their Chinese gist
_CLICK_GISTS = (
    ("No such option", "cli.click.no_such_option"),
    ("No such command", "cli.click.no_such_command"),
    ("Missing option", "cli.click.missing_option"),
    ("Missing argument", "cli.click.missing_argument"),
    ("Invalid value for", "cli.click.invalid_value"),
    ("Got unexpected extra argument", "cli.click.extra_argument"),
    ("requires an argument", "cli.click.needs_value"),
)


def _with_click_zh(message: str) -> str:
    """click's English message with a Chinese gist before it (``--lang zh``)."""
    from ..i18n import message as worded

    code = next((code for en, code in _CLICK_GISTS if en in message), None)
    return f"{worded(code, 'zh')} ｜ {message}" if code else message


# the group's options that may also be written after the command, and whether each takes a value
GLOBAL_OPTIONS: dict[str, bool] = {"--format": True, "--lang": True, "--catalog": True, "--debug": False}


def global_options_first(args: list[str], group: click.Group) -> list[str]:
    """``args`` with the group's options moved before the command, wherever they were written.

    ``wealthcalc compare --amount 10万 --format json`` runs as ``wealthcalc --format json compare
    --amount 10万``. Tokens after ``--`` stay where they are.

    >>> global_options_first(["compare", "--amount", "1", "--format", "json", "--debug"], cli)
    ['--format', 'json', '--debug', 'compare', '--amount', '1']
    """
    args = list(args)
    command_at = next((i for i, a in enumerate(args) if not a.startswith("-") and a in COMMANDS
                       and (i == 0 or not GLOBAL_OPTIONS.get(args[i - 1].split("=")[0], False))), None)
    if command_at is None:
        return args
    moved: list[str] = []
    rest: list[str] = []
    i = command_at + 1
    while i < len(args):
        token = args[i]
        if token == "--":
            rest += args[i:]
            break
        name = token.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            takes_value = GLOBAL_OPTIONS[name] and "=" not in token
            moved += args[i:i + 2] if takes_value else [token]
            i += 2 if takes_value else 1
            continue
        rest.append(token)
        i += 1
    return args[:command_at] + moved + [args[command_at]] + rest


def _lang_of(args: list[str]) -> str:
    """The --lang given on the command line (zh unless en is asked for)."""
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh"


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(isinstance(root.obj, Settings) and root.obj.debug)


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=WealthcalcGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output: a table for people, json or csv for programs. 输出格式",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of headers and labels. 语言",
)
@click.option(
    "--catalog",
    "catalog_path",
    type=click.Path(dir_okay=False),
    envvar="WEALTHCALC_CATALOG",
    default=None,
    help="Product catalog YAML to use instead of the bundled products.yaml "
    "(also WEALTHCALC_CATALOG). 产品目录文件",
)
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected failure.")
@click.version_option(__version__, "--version", prog_name="wealthcalc")
@click.pass_context
def cli(ctx: click.Context, output_format: str, lang: str, catalog_path: str | None, debug: bool) -> None:
    """wealthcalc — 理财计算器: compare deposits, 理财, trusts and funds after
    every fee and tax; plan combined deposits; back-test fund DCA; amortize loans.

    Amounts accept 100000, 100,000, 10万 or ¥5,000; rates accept 3.24% or 0.0324.
    Exit codes: 0 success, 2 bad input, 3 no solution, 1 a bug (rerun with --debug).
    """
    ctx.obj = Settings(output_format=output_format, lang=lang, catalog_path=catalog_path, debug=debug)


main = cli
