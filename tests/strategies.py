"""Hypothesis strategies shared by the property tests (``from tests.strategies import ...``)."""
