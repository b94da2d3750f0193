"""Shared fixtures of the API's tests: fresh statement rows and a fresh rate limit for each test."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _fresh_statement_rows():
    """Each test reads statements from its own data (api/rows.py keeps them per state of the archive)."""
    from api.rows import forget_rows

    forget_rows()


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The rate limit counts requests in the default cache (api/policies.py): each test starts with none counted."""
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def rate(settings):
    """``rate("3/min")`` sets the API's rate limit for the test."""

    def set_rate(value):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": value}}

    return set_rate
