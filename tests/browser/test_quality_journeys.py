"""The delegate's and the researcher's journeys in Chromium, with JavaScript on and off.

A delegate opens the home page, follows a debate, jumps to a panel and copies a citation; a
researcher filters the explorer through its form, pages, exports the CSV and searches.  With
JavaScript off every step still works; only the "Copy citation" button (an enhancement) is absent.

Run alone: ``.venv/bin/python -m pytest tests/browser/test_quality_journeys.py``.
"""

import csv
import re

import pytest
from django.conf import settings
from django.db.models import Count
from playwright.sync_api import expect

from debates.models import Debate
from panels.models import Panel
from tests.browser.quality_pages import archive_load

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def visitor(request, browser, live_server):
    """A page in a fresh context, with JavaScript on or off; clipboard access granted as a person would."""
    archive_load()
    context = browser.new_context(java_script_enabled=request.param, base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.javascript = request.param
    yield page
    context.close()


def test_keyboard_users_can_skip_to_the_content(visitor):
    visitor.goto("/")

    visitor.keyboard.press("Tab")
    skip = visitor.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    visitor.keyboard.press("Enter")

    expect(visitor).to_have_url(re.compile(r"#main$"))
    assert visitor.evaluate("document.activeElement.id") == "main"


def test_a_delegate_reads_a_debate_jumps_to_a_panel_and_copies_a_citation(visitor):
    debate = Debate.objects.published().annotate(panel_count=Count("panels")).filter(panel_count__gt=0).first()
    panel = Panel.objects.filter(debate=debate).order_by("order").first()
    visitor.goto("/")

    visitor.get_by_role("link", name=debate.title, exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(debate.title)
    visitor.get_by_role("navigation", name="Contents").get_by_role(
        "link", name=re.compile(re.escape(panel.title))
    ).click()
    expect(visitor).to_have_url(re.compile(f"#{panel.anchor}$"))
    section = visitor.locator(f"#{panel.anchor}")
    expect(section.get_by_role("heading", level=2)).to_be_in_viewport()

    cite = section.locator("details.cite").first
    cite.locator("summary").click()
    citation = cite.locator(".citation")
    expect(citation).to_be_visible()
    text = citation.inner_text().strip()
    assert debate.title in text and "United Nations General Assembly" in text
    # The permanent path of the paragraph (/debates/<slug>/p<N>/), which survives a renumbering.
    assert re.search(rf"{re.escape(debate.get_absolute_url())}p\d+/", text), text

    copy = cite.get_by_role("button", name="Copy citation")
    if visitor.javascript:
        visitor.evaluate("navigator.clipboard.writeText('nothing copied yet')")
        copy.click()
        visitor.wait_for_function("text => navigator.clipboard.readText().then(t => t === text)", arg=text)
    else:
        # Without scripts the citation is plain, selectable text and no dead button is shown.
        expect(copy).to_be_hidden()


def test_a_researcher_filters_pages_exports_and_searches(visitor, tmp_path):
    debate = Debate.objects.published().annotate(n=Count("interventions")).order_by("-n").first()
    expected = debate.n
    assert expected > settings.ARCHIVE_PAGE_SIZE, "the journey needs a debate with more than one page of statements"
    visitor.goto("/")

    visitor.get_by_role("navigation", name="Main").get_by_role("link", name="Explore statements").click()
    visitor.get_by_label("Debate", exact=True).select_option(value=debate.slug)
    visitor.get_by_role("button", name="Apply filters").click()
    expect(visitor).to_have_url(re.compile(rf"debate={debate.slug}"))
    expect(visitor.locator("#results-heading")).to_contain_text(f"{expected} statements, page 1 of")

    visitor.get_by_role("link", name="Next page").first.click()
    expect(visitor).to_have_url(re.compile(rf"debate={debate.slug}.*page=2|page=2.*debate={debate.slug}"))
    expect(visitor.locator("#results-heading")).to_contain_text(f"{expected} statements, page 2 of")

    with visitor.expect_download() as download:
        visitor.locator(".downloads").get_by_role("link", name="CSV").click()
    path = tmp_path / "statements.csv"
    download.value.save_as(path)
    with path.open(newline="", encoding="utf-8") as exported:
        rows = list(csv.DictReader(exported))
    assert len(rows) == expected
    assert {row["debate"] for row in rows} == {debate.slug}

    search = visitor.get_by_role("search", name="Site")
    search.get_by_role("searchbox").fill("freedom")
    search.get_by_role("button", name="Search").click()
    expect(visitor).to_have_url(re.compile(r"/search/\?q=freedom"))
    expect(visitor.locator("main mark").first).to_be_visible()
