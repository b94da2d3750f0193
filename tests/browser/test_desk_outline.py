"""A debate's change page at 1280 × 800: its outline collapsed, the whole page short enough to take in.

The 2011 fixture debate has 16 paragraphs and 30 statements; with every paragraph inline its page was 11,216 px
tall.  Run alone: ``.venv/bin/python -m pytest tests/browser/test_desk_outline.py``.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from debates.models import Debate
from debates.roles import roles_create
from tests.admin_helpers import make_reviewer
from tests.browser.quality_pages import archive_load
from tests.browser.test_editorial_workflow import PASSWORD, log_in
from tests.browser.test_quality_accessibility import violations

pytestmark = pytest.mark.django_db(transaction=True)

SCREEN = {"width": 1280, "height": 800}
MAX_HEIGHT = 3000


@pytest.fixture
def debate_page(live_server, browser):
    """A reviewer's page at 1280 × 800 on the 2011 debate's change page."""
    archive_load()
    roles_create()
    make_reviewer(username="reviewer", password=PASSWORD)
    debate = Debate.objects.get(start_date__year=2011)
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    log_in(page, live_server.url, "reviewer")
    page.goto(live_server.url + reverse("admin:debates_debate_change", args=[debate.pk]))
    yield page, debate
    context.close()


def test_the_change_page_is_short_with_its_segments_collapsed(debate_page):
    page, debate = debate_page
    segments = page.locator(".debate-outline details")
    expect(segments).to_have_count(debate.panels.count() + 2)  # the introduction, each panel, the conclusion
    assert segments.evaluate_all("all => all.every(details => !details.open)")
    assert page.evaluate("document.documentElement.scrollHeight") <= MAX_HEIGHT

    segments.first.locator("summary").click()
    expect(page.get_by_role("link", name=re.compile(r"^¶1 "))).to_be_visible()


def test_the_change_page_has_no_wcag_21_aa_violation_with_every_section_open(debate_page):
    page, _ = debate_page
    page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")
    assert violations(page) == []


def test_the_change_page_has_no_wcag_21_aa_violation(debate_page):
    page, _ = debate_page
    assert violations(page) == []
