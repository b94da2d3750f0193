"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium), headless.

No browser is ever downloaded.  Under ``CI=true`` a missing Chromium fails the
tests; elsewhere they are skipped with the reason.  Pages are served by
pytest-django's ``live_server`` on 127.0.0.1.
"""

import os
from pathlib import Path

import pytest

# Playwright's synchronous API runs an event loop in this thread; Django refuses database calls from a
# thread with a running loop unless told that this is deliberate (the test code only ever runs synchronously).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# pytest-django's live server listens on this address: the loopback interface only.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package."
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page in its own browser context (no cookies shared with other tests)."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, serving static files the way production does: through WhiteNoise.

    Its own static handler looks files up with the finders, which know no hash-named files, so with
    DEBUG off (as under ``make test``) every stylesheet and script would be missing and the browser
    tests would judge unstyled pages.  Without that handler WhiteNoise's middleware serves them, from
    ``STATIC_ROOT`` with DEBUG off and from the finders with DEBUG on.
    """
    from django.core.handlers.wsgi import WSGIHandler

    live_server.thread.httpd.set_app(WSGIHandler())
    return live_server
