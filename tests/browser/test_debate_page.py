"""The debate page in Chromium: each statement marked where it stands in its paragraph, with its attribution in
plain words beside it; an address pointing at a statement highlights it, without JavaScript; no WCAG 2.1 AA
violation; and a phone never scrolls sideways, even with every fold open.

Run alone: ``.venv/bin/python -m pytest tests/browser/test_debate_page.py``.
"""

import re

import pytest
from playwright.sync_api import expect

from debates.models import Debate
from panels.models import Intervention
from public.templatetags.archive import actor_words, extent_words, stance_words
from tests.browser.quality_pages import archive_load
from tests.browser.test_quality_accessibility import violations
from tests.search.data import SLUG_2011

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 375
BACKGROUND = "element => getComputedStyle(element).backgroundColor"
# The labels as a sighted reader sees them: without the codebook links' "?" and their names for screen readers.
SEEN_TEXT = """element => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll(".codebook-link").forEach(link => link.remove());
  return copy.textContent.replace(/\\s+/g, " ").trim();
}"""


@pytest.fixture
def debate(live_server):
    archive_load()
    return Debate.objects.get(slug=SLUG_2011)


@pytest.fixture
def reader(browser, live_server):
    """A page with JavaScript off: everything tested here must work without it."""
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    yield context.new_page()
    context.close()


def statements_of(debate):
    return list(
        Intervention.objects.filter(debate=debate).select_related("paragraph").order_by("paragraph__number", "order")
    )


def test_each_statement_is_marked_in_its_paragraph_with_its_labels_in_plain_words(debate, reader):
    reader.goto(debate.get_absolute_url())
    statements = statements_of(debate)
    assert statements
    expect(reader.locator(".paragraph-text .statement")).to_have_count(len(statements))
    expect(reader.locator(".statements-apart")).to_have_count(0)
    for statement in statements:
        marked = reader.locator(f"#{statement.paragraph.anchor} .paragraph-text #{statement.anchor}")
        expect(marked).to_have_count(1)
        words = " ".join(re.sub(r"[*_`]", "", statement.text).split())
        expect(marked.locator(".statement-words")).to_have_text(words)
        labels = marked.locator(".statement-labels")
        expect(labels).to_be_visible()
        actors = [str(words) for _, words in actor_words(statement)]
        who = ", ".join(actors[:-1]) + " and " + actors[-1] if len(actors) > 1 else actors[0]
        seen = labels.evaluate(SEEN_TEXT)
        assert f"Statement {statement.order} · Who: {who} · " in seen
        assert f" · How many: {extent_words(statement)} · What they did: {stance_words(statement)} · About: " in seen


def test_the_statement_an_address_points_to_is_highlighted(debate, reader):
    paragraph = next(s.paragraph for s in statements_of(debate) if s.paragraph.interventions.count() > 1)
    target, other = paragraph.interventions.order_by("-order")[:2]
    reader.goto(f"{debate.get_absolute_url()}#{target.anchor}")
    words = reader.locator(f"#{target.anchor} > .statement-words")
    expect(words).to_be_in_viewport()
    highlighted = words.evaluate(BACKGROUND)
    assert highlighted != reader.locator(f"#{other.anchor} > .statement-words").evaluate(BACKGROUND)

    # By keyboard: the statement's own link makes it the one highlighted.
    link = reader.locator(f'#{other.anchor} a.statement-number[href="#{other.anchor}"]')
    link.focus()
    reader.keyboard.press("Enter")
    expect(reader).to_have_url(re.compile(f"#{other.anchor}$"))
    assert reader.locator(f"#{other.anchor} > .statement-words").evaluate(BACKGROUND) == highlighted
    assert words.evaluate(BACKGROUND) != highlighted


def test_the_debate_page_has_no_wcag_21_aa_violation(debate, page, live_server):
    page.goto(live_server.url + debate.get_absolute_url())
    page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")
    assert violations(page) == []


def test_a_phone_never_scrolls_sideways_with_every_fold_open(debate, browser, live_server):
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_server.url + debate.get_absolute_url())
        page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")
        assert page.locator("details:not([open])").count() == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    finally:
        context.close()
