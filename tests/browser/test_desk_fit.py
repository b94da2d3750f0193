"""The editorial desk at 1280 × 800 with the navigation sidebar open: every change list fits, no column cut off.

Django's change list scrolls its table inside its own box, so the page itself never scrolls sideways even when
columns are hidden past the box's edge: the test measures the box as well as the page.  Run alone:
``.venv/bin/python -m pytest tests/browser/test_desk_fit.py``.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from debates.roles import roles_create
from tests.admin_helpers import make_editor
from tests.browser.quality_pages import archive_load
from tests.browser.test_editorial_workflow import PASSWORD, log_in
from tests.browser.test_quality_accessibility import violations

pytestmark = pytest.mark.django_db(transaction=True)

SCREEN = {"width": 1280, "height": 800}
CHANGE_LISTS = [
    "debates_debate",
    "panels_intervention",
    "panels_paragraph",
    "panels_panel",
    "panels_participation",
    "debates_participant",
    "debates_document",
]
MEASURE = """() => {
    const box = document.querySelector('#changelist-form .results');
    return {
        page: document.documentElement.scrollWidth,
        box: box.scrollWidth - box.clientWidth,
        cut: [...document.querySelectorAll('#result_list thead th')]
            .filter(th => th.scrollWidth > th.clientWidth + 1)
            .map(th => th.innerText.trim()),
        rows: document.querySelectorAll('#result_list tbody tr').length,
    };
}"""


@pytest.fixture
def desk(live_server, browser):
    """An editor's page at 1280 × 800, logged in, over the three debates of the fixtures."""
    archive_load()
    roles_create()
    make_editor(username="editor", password=PASSWORD)
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    log_in(page, live_server.url, "editor")
    yield page
    context.close()


def test_every_change_list_fits_with_the_sidebar_open(live_server, desk):
    measured = {}
    for name in CHANGE_LISTS:
        desk.goto(live_server.url + reverse(f"admin:{name}_changelist"))
        expect(desk.locator("#nav-sidebar")).to_be_visible()
        measured[name] = desk.evaluate(MEASURE)

    assert all(found["rows"] for found in measured.values()), measured
    # The page never scrolls sideways, the table is no wider than its box, and every header is whole.
    assert {name: (found["page"], found["box"], found["cut"]) for name, found in measured.items()} == dict.fromkeys(
        measured, (SCREEN["width"], 0, [])
    )


def test_the_change_lists_have_no_wcag_21_aa_violation(live_server, desk):
    found = {}
    for name in CHANGE_LISTS:
        desk.goto(live_server.url + reverse(f"admin:{name}_changelist"))
        if problems := violations(desk):
            found[name] = problems

    assert found == {}
