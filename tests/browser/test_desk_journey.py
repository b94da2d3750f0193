"""The editorial desk's whole journey in a real browser, on a summary written for this test.

An editor pastes a summary that states its own title, date, session and symbol; the preview proposes them; the
editor splits a statement that reports two points and corrects another, leaves one the importer could not read,
and saves.  The statement left unread is saved with an empty stance and blocks publishing; the change page says
why, with a link to it; the preview of the public page says "Draft — not public" and each of its links answers
the editor and none shows the draft to a visitor.  The editor sends it to review (warned of what is open), a
reviewer follows the reasons, checks the statement, codes the statements, and publishes in one click.  axe finds
no WCAG 2.1 AA violation on any of these screens.
"""

import datetime
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from debates.models import Debate
from debates.roles import roles_create
from panels.models import Intervention
from tests.admin_helpers import make_editor, make_reviewer
from tests.browser.quality_pages import archive_load
from tests.browser.test_editorial_workflow import PASSWORD, log_in
from tests.browser.test_quality_accessibility import violations

pytestmark = pytest.mark.django_db(transaction=True)

SCREEN = {"width": 1280, "height": 800}
# ¶2: one statement reporting two points, as the importer reads it, then a second statement.
SECOND_POINT = "many participants also called for resources."
PARAGRAPH_2 = (
    "Delegations stressed the role of the State and many participants also called for resources. "
    "One panelist suggested a review."
)
# Written for this test: a masthead stating the facts, one statement reporting two points (¶2), one whose verb
# the importer does not know ("mused", ¶3), and one it reads fully.
SUMMARY = f"""United Nations                                   A/70/999
General Assembly                                 Distr.: General
Seventieth session

Summary of the informal thematic debate on resilience
New York, 9 May 2016

Introduction

The debate was convened by the President of the General Assembly.

Panel 1: Building resilience

{PARAGRAPH_2}

Speakers mused about the notion.

Conclusion

There was general consensus that resilience is people-centred.
"""
TITLE = "Informal thematic debate on resilience"


def correction(page, number, start, name):
    return page.locator(f"#id_s{number}-at{start}-{name}")


@pytest.fixture
def desk(live_server, browser):
    archive_load()
    roles_create()
    make_editor(username="editor", password=PASSWORD)
    make_reviewer(username="reviewer", password=PASSWORD)
    contexts = []

    def open_as(username=None):
        context = browser.new_context(viewport=SCREEN)
        contexts.append(context)
        page = context.new_page()
        if username:
            log_in(page, live_server.url, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_an_editor_imports_corrects_and_sends_to_review_and_a_reviewer_publishes(live_server, desk):
    base = live_server.url
    editor = desk("editor")
    editor.goto(base + reverse("admin:debates_debate_import"))

    # The text states its own facts: the form is left blank, and the preview proposes them for checking.
    editor.get_by_label("Text:", exact=True).fill(SUMMARY)
    editor.get_by_role("button", name="Preview").click()
    expect(editor.get_by_role("heading", name=re.compile("Preview of the import"))).to_be_visible()
    expect(editor.get_by_label("Title:", exact=True)).to_have_value(TITLE)
    expect(editor.get_by_label("Date:", exact=True)).to_have_value("2016-05-09")
    expect(editor.get_by_label("Session:", exact=True)).to_have_value("70")
    expect(editor.get_by_label("Summary document symbol:", exact=True)).to_have_value("A/70/999")
    expect(editor.locator(".import-proposed")).to_have_count(4)
    # The statement the importer could not read is listed once, among those to check.
    check = editor.locator("#import-check")
    expect(check.get_by_role("link", name="¶3, statement 1")).to_be_visible()
    expect(check).not_to_contain_text("names no speaker")

    # Split ¶2's first statement where its second point begins.
    correction(editor, 2, 0, "split_at").fill("many participants")
    correction(editor, 2, 0, "split_at").locator("xpath=..").get_by_role("button", name="Split").click()
    expect(editor.locator("#import-split-notes")).to_contain_text("is now two statements")
    second = PARAGRAPH_2.index(SECOND_POINT)
    statements = editor.locator("#proposed-p2 .import-statement > q")
    expect(statements).to_have_text(
        ["Delegations stressed the role of the State", SECOND_POINT, "One panelist suggested a review."]
    )
    expect(correction(editor, 2, second, "extent")).to_have_value("many")
    # Correct the second part: "some" participants, and the last statement's stance.
    correction(editor, 2, second, "extent").select_option("some")
    correction(editor, 2, PARAGRAPH_2.index("One panelist"), "stance").select_option("proposed")
    assert violations(editor) == []

    editor.get_by_role("button", name="Save as draft").click()
    expect(editor).to_have_url(re.compile(r"/admin/debates/debate/\d+/change/$"))
    debate = Debate.objects.get(title=TITLE)
    assert (debate.status, debate.start_date, debate.session) == (Debate.Status.DRAFT, datetime.date(2016, 5, 9), 70)
    saved = {(s.paragraph.number, s.order): s for s in Intervention.objects.filter(debate=debate)}
    assert [saved[2, order].text for order in (1, 2, 3)] == [
        "Delegations stressed the role of the State",
        SECOND_POINT,
        "One panelist suggested a review.",
    ]
    assert (saved[2, 2].extent, saved[2, 2].stance) == ("some", "called-for")
    assert saved[2, 3].stance == "proposed"
    unread = saved[3, 1]
    assert (unread.stance, unread.needs_review) == ("", True), "a stance the importer could not read stays empty"

    # The change page says why it cannot be published, with a link to the statement left unread.
    blockers = editor.locator(".publish-blockers")
    expect(blockers).to_contain_text("Statement 1 of paragraph 3 still needs review")
    unread_url = reverse("admin:panels_intervention_change", args=[unread.pk])
    expect(blockers.locator(f"a[href='{unread_url}']").first).to_be_visible()
    assert violations(editor) == []

    # The preview of the public page: marked as a draft, every link answering the editor, none the public.
    editor.get_by_role("link", name="Preview the public page").click()
    expect(editor.locator(".draft-banner")).to_contain_text("Draft — not public.")
    assert violations(editor) == []
    links = {
        urljoin(editor.url, href)
        for href in editor.locator("a[href]").evaluate_all("links => links.map(link => link.getAttribute('href'))")
        if not href.startswith("#")
    }
    links = {link for link in links if urlsplit(link).netloc == urlsplit(base).netloc}
    assert any("/preview/cite/" in link for link in links)
    assert any("/preview/statements.csv" in link for link in links)
    visitor = desk()
    for link in sorted(links):
        assert editor.request.get(link).status == 200, link
        answer = visitor.request.get(link, max_redirects=0)
        if urlsplit(link).path.startswith("/admin/"):
            assert answer.status == 302 and "/admin/login/" in answer.headers["location"], link
        else:
            assert answer.status in (200, 404), link
            assert TITLE not in answer.text(), link
    assert visitor.goto(base + debate.get_absolute_url()).status == 404

    # Sent to review with open items: the editor is warned, and each is named.
    editor.goto(base + reverse("admin:debates_debate_change", args=[debate.pk]))
    editor.get_by_role("button", name="Send to review").click()
    expect(editor.locator(".messagelist")).to_contain_text("is now in review")
    expect(editor.locator(".messagelist .warning")).to_contain_text("Statement 1 of paragraph 3 still needs review")

    # The reviewer reads the reasons, follows the link to the statement, chooses its stance and checks it.
    reviewer = desk("reviewer")
    change_url = base + reverse("admin:debates_debate_change", args=[debate.pk])
    reviewer.goto(change_url)
    expect(reviewer.get_by_role("button", name="Publish")).to_have_count(0)
    reviewer.locator(f".publish-blockers a[href='{unread_url}']").first.click()
    expect(reviewer.get_by_label("Needs review")).to_be_checked()
    assert violations(reviewer) == []
    reviewer.get_by_label("Stance:", exact=True).select_option("noted")
    reviewer.get_by_label("Needs review").uncheck()
    reviewer.get_by_role("button", name="Save", exact=True).click()
    expect(reviewer.locator(".messagelist")).to_contain_text("was changed successfully")
    # The statements filed under no freedom are coded as about human security as a whole.
    uncoded = debate.interventions.filter(scope="freedoms", themes__isnull=True).count()
    reviewer.goto(
        base + reverse("admin:panels_intervention_changelist") + f"?coding=missing&debate__id__exact={debate.pk}"
    )
    if uncoded:
        reviewer.locator("#action-toggle").check()
        reviewer.locator("select[name=action]").select_option("code_as_whole")
        reviewer.get_by_role("button", name="Go").click()
        expect(reviewer.locator(".messagelist")).to_contain_text(f"{uncoded} statement")

    # Nothing stands in the way: publishing is one click.
    reviewer.goto(change_url)
    expect(reviewer.locator(".publish-blockers")).to_have_count(0)
    reviewer.get_by_role("button", name="Publish").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("is now published")
    assert Debate.objects.get(pk=debate.pk).status == Debate.Status.PUBLISHED
    assert visitor.goto(base + debate.get_absolute_url()).status == 200
