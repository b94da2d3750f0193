"""The Content-Security-Policy, as Chromium enforces it: no page breaks it, the admin's included.

A violation would mean a blocked inline script or style, i.e. a page that looks or works differently
in production than its author saw.  Run alone: ``.venv/bin/python -m pytest tests/browser/test_quality_csp.py``.
"""

import pytest
from django.contrib.auth import get_user_model

from debates.models import Debate
from tests.browser.quality_pages import archive_load, page_types

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a long passphrase for the CSP test"


def record_violations(page):
    """Collect every CSP violation the page reports, from the console and from the DOM event."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violations


def test_public_pages_break_no_rule_of_the_policy(live_server, page):
    archive_load()
    violations = record_violations(page)
    seen = {}
    for name, path in page_types().items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        seen[name] = list(violations)
        violations.clear()

    assert seen == dict.fromkeys(seen, [])


def test_the_admin_works_under_the_policy(live_server, page):
    archive_load()
    get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    debate = Debate.objects.published().first()
    violations = record_violations(page)

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    seen = {"login": list(violations)}
    for path in (
        "/admin/",
        "/admin/debates/debate/",
        f"/admin/debates/debate/{debate.pk}/change/",
        "/admin/debates/debate/add/",
        "/admin/panels/intervention/",
        "/admin/panels/intervention/add/",
    ):
        violations.clear()
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert response.ok, path
        seen[path] = list(violations)

    assert seen == dict.fromkeys(seen, [])


def test_a_violation_would_be_seen(live_server, page):
    violations = record_violations(page)
    page.goto(live_server.url + "/")

    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"https://example.org/x.png\">')")
    page.wait_for_timeout(200)

    assert any("img-src" in violation for violation in violations)
