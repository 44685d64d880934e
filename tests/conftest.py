"""Shared test settings: a lean hypothesis profile (two cores on CI) and the one CLI runner.

Tests take the fixtures ``run`` (``run(*argv)`` invokes ``wealthcalc`` and returns
click's Result, stderr apart) and ``run_json`` (``run_json(*argv)`` adds
``--format json``, checks exit 0 and returns the parsed output).
"""

import json
import os
from typing import Any, Callable

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from wealthcalc.cli import cli

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def invoke(*args: str) -> Result:
    """Run ``wealthcalc`` with ``args`` in-process."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def invoke_json(*args: str) -> Any:
    """Run ``wealthcalc --format json`` with ``args``; exit 0 expected; the parsed JSON."""
    result = invoke("--format", "json", *args)
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def run() -> Callable[..., Result]:
    return invoke


@pytest.fixture
def run_json() -> Callable[..., Any]:
    return invoke_json
