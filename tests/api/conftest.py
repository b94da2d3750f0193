"""Shared fixtures of the API's tests: a fresh rate limit for each test, and the browser tests' live server."""

import pytest
from django.core.cache import caches

# The browser tests' Chromium, page and live server (WhiteNoise serving the static files, as in production).
from tests.browser.conftest import browser, live_server, page  # noqa: F401


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
