"""The package's public names are exactly its sorted __all__."""

import wealthcalc


def test_all_is_sorted_and_complete():
    public = {name for name in vars(wealthcalc) if not name.startswith("_")}
    modules = {name for name, value in vars(wealthcalc).items() if type(value).__name__ == "module"}
    assert list(wealthcalc.__all__) == sorted(wealthcalc.__all__)
    assert set(wealthcalc.__all__) - {"__version__"} == public - modules


def test_every_exported_name_resolves():
    for name in wealthcalc.__all__:
        assert getattr(wealthcalc, name) is not None
