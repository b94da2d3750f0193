"""/api/v1/docs/ in Debian's Chromium: Swagger UI shows every operation, and breaks no rule of the site's CSP.

Run alone: ``.venv/bin/python -m pytest tests/browser/test_api_docs.py`` (after ``collectstatic``).
"""

import pytest

from tests.browser.test_quality_csp import record_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_documentation_works_under_the_content_security_policy(live_server, page):
    violations = record_violations(page)
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))

    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert response.ok
    page.wait_for_selector(".opblock-summary-path", state="attached")
    page.wait_for_load_state("networkidle")

    shown = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/statements/" in [text.strip().replace("\u200b", "") for text in shown]
    assert len(shown) == 15
    assert page.locator(".info .title").inner_text().startswith("Human Security Debates Archive API")
    assert violations == []
    assert failed == []
