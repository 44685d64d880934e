"""Paths and checks shared by the tests (``from tests.support import DATA``)."""

from pathlib import Path

DATA = Path(__file__).parent / "data"
CATALOGS = DATA / "catalogs"


def assert_bilingual_error(run, args, english, chinese, exit_code=2):
    """One stderr line with ``exit_code``: the Chinese advice is shown with --lang zh only, first.

    ``run(*argv)`` invokes the CLI and returns click's Result.
    """
    zh = run("--lang", "zh", *args)
    en = run("--lang", "en", *args)
    assert zh.exit_code == en.exit_code == exit_code, zh.output
    assert len(zh.stderr.strip().splitlines()) == 1
    assert english in zh.stderr and chinese in zh.stderr
    assert zh.stderr.index(chinese) < zh.stderr.index(english)
    assert english in en.stderr and chinese not in en.stderr
