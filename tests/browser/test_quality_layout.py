"""Phone width and print: a 375 px screen never scrolls sideways, and a debate prints as a clean document
with its citation.  Screenshots (and the printed PDF) are saved under var/screenshots/ for people to look at.

Run alone: ``.venv/bin/python -m pytest tests/browser/test_quality_layout.py``.
"""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.quality_pages import archive_load, page_types

PHONE_WIDTH = 375
SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"


@pytest.fixture
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.mark.django_db(transaction=True)
def test_phone_width_pages_do_not_scroll_sideways(live_server, browser, screenshots):
    archive_load()
    pages = page_types()
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    widths = {}
    try:
        for name in ("home", "debate detail", "explorer with filters", "search results"):
            page.goto(live_server.url + pages[name])
            widths[name] = page.evaluate("document.scrollingElement.scrollWidth")
            page.screenshot(path=screenshots / f"{name.replace(' ', '-')}-{PHONE_WIDTH}px.png", full_page=True)
    finally:
        context.close()

    assert widths == dict.fromkeys(widths, PHONE_WIDTH)


@pytest.mark.django_db(transaction=True)
def test_a_debate_prints_as_a_clean_document_with_its_citation(live_server, page, screenshots):
    archive_load()
    page.goto(live_server.url + page_types()["debate detail"])
    citation = page.locator(".debate-citation")
    expect(citation).to_be_visible()

    page.emulate_media(media="print")

    expect(page.locator(".site-header nav").first).to_be_hidden()
    expect(page.locator(".skip-link")).to_be_hidden()
    expect(page.locator("details.cite").first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".paragraph").first).to_be_visible()
    expect(citation).to_be_visible()
    expect(citation).to_contain_text("United Nations General Assembly")
    expect(citation).to_contain_text(live_server.url + page_types()["debate detail"])
    page.pdf(path=screenshots / "debate-detail-print.pdf")
