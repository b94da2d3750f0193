"""axe-core in Chromium on every page type: zero violations at WCAG 2.1 AA.

Run alone: ``.venv/bin/python -m pytest tests/browser/test_quality_accessibility.py``.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.template.loader import render_to_string

from tests.browser.quality_pages import archive_load, page_types

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}


def violations(page):
    """axe's violations on the page as loaded, one line each: rule, impact, and the offending elements."""
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["html"][:120] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


@pytest.mark.django_db(transaction=True)
def test_every_page_type_has_no_wcag_21_aa_violation(live_server, page):
    archive_load()
    found = {}
    for name, path in page_types().items():
        page.goto(live_server.url + path)
        if problems := violations(page):
            found[name] = problems
    # The 503 page is rendered while the database is away: check it as the browser would show it.
    page.goto(live_server.url + "/")
    page.set_content(render_to_string("503.html"))
    if problems := violations(page):
        found["503 page"] = problems

    assert found == {}


def test_the_check_finds_what_it_should(live_server, page):
    """A page with an unlabelled field, an image without text and no language fails the same check."""
    page.goto(live_server.url + "/no-such-page/")
    page.set_content(
        '<!DOCTYPE html><html><head><title>x</title></head><body><main><input type="text">'
        '<img src="/static/x.png"></main></body></html>'
    )

    rules = {problem.split(" ", 1)[0] for problem in violations(page)}

    assert {"label", "image-alt", "html-has-lang"} <= rules
