"""The package's public names are exactly its sorted __all__, and each resolves."""

import subprocess
import sys

import wealthcalc


def test_all_is_sorted_and_unique():
    assert list(wealthcalc.__all__) == sorted(set(wealthcalc.__all__))


def test_every_exported_name_resolves_to_a_public_object():
    for name in wealthcalc.__all__:
        value = getattr(wealthcalc, name)
        assert value is not None, name
        if callable(value) and not isinstance(value, type) and name != "__version__":
            assert value.__doc__, f"{name} has no docstring"


def test_no_public_name_is_left_out_of_all():
    modules = set(wealthcalc._SUBMODULES) | {"cli", "errors"}
    public = {n for n in dir(wealthcalc) if not n.startswith("_")} - modules
    assert public == set(wealthcalc.__all__) - {"__version__"}


def test_unknown_name_is_an_attribute_error():
    try:
        wealthcalc.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def test_import_is_light():
    out = subprocess.run(
        [sys.executable, "-c", "import wealthcalc, sys; print(' '.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    )
    loaded = set(out.stdout.split())
    assert "scipy" not in loaded and "yaml" not in loaded and "wealthcalc.loans" not in loaded
