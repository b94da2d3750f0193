"""End to end in a real browser: an editor imports the 2011 summary as a draft, corrects one attribution and sends
it to review; a reviewer publishes it; an anonymous visitor reads it on the public debate page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from debates.models import Debate, StatusChange
from debates.roles import roles_create
from panels.attribution import ActorKind, Extent
from panels.models import Intervention
from tests.admin_helpers import make_editor, make_reviewer
from tests.sources import source_path

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long passphrase for the browser test"
TITLE = "Informal thematic debate on human security (browser test)"
NOTE = "Please check the attribution in the first statement; I made it a Member State one."


def log_in(page, base_url, username):
    page.goto(f"{base_url}{reverse('admin:login')}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_visible()


def test_import_correct_review_publish_read(live_server, browser):
    roles_create()
    make_editor(username="editor", password=PASSWORD)
    make_reviewer(username="reviewer", password=PASSWORD)
    base = live_server.url

    # The editor imports the summary: upload → preview → save as draft.
    editor = browser.new_context().new_page()
    log_in(editor, base, "editor")
    editor.goto(f"{base}{reverse('admin:debates_debate_changelist')}")
    editor.get_by_role("link", name="Import a summary").click()
    editor.get_by_label("File:", exact=True).set_input_files(source_path())
    editor.get_by_label("Title:", exact=True).fill(TITLE)
    editor.get_by_label("Date:", exact=True).fill("2011-04-14")
    editor.get_by_label("Session:", exact=True).fill("65")
    editor.get_by_role("button", name="Preview").click()
    expect(editor.get_by_role("heading", name=re.compile("Preview of the import"))).to_be_visible()
    expect(editor.locator(".import-paragraph").first).to_contain_text("The informal Thematic Debate on Human Security")
    assert not Debate.objects.filter(title=TITLE).exists()
    editor.get_by_role("button", name="Save as draft").click()
    expect(editor).to_have_url(re.compile(r"/admin/debates/debate/\d+/change/$"))
    expect(editor.locator(".messagelist")).to_contain_text("imported as a draft")
    debate = Debate.objects.get(title=TITLE)
    assert debate.status == Debate.Status.DRAFT
    public_url = f"{base}{debate.get_absolute_url()}"

    # The editor corrects one attribution: the first statement is also a Member State's, by several of them.
    statement = debate.interventions.order_by("paragraph__number", "order").first()
    assert not statement.actor_kinds & ActorKind.MEMBER_STATE
    editor.goto(f"{base}{reverse('admin:panels_intervention_change', args=[statement.pk])}")
    editor.locator(f"input[name=actor_kinds][value='{ActorKind.MEMBER_STATE.value}']").check()
    editor.get_by_label("Extent:", exact=True).select_option(Extent.SEVERAL.value)
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    statement = Intervention.objects.get(pk=statement.pk)
    assert statement.actor_kinds & ActorKind.MEMBER_STATE
    assert statement.extent == Extent.SEVERAL

    # … checks the statements the importer could not read fully, listed by the "needs review" filter …
    flagged = list(debate.interventions.filter(needs_review=True).order_by("pk"))
    assert flagged, "the 2011 summary has statements the importer cannot classify"
    editor.goto(
        f"{base}{reverse('admin:panels_intervention_changelist')}?needs_review__exact=1&debate__id__exact={debate.pk}"
    )
    expect(editor.locator("#result_list tbody tr")).to_have_count(len(flagged))
    assert any(not unchecked.stance for unchecked in flagged), "an unread stance is left empty, never guessed"
    for unchecked in flagged:
        editor.goto(f"{base}{reverse('admin:panels_intervention_change', args=[unchecked.pk])}")
        # A label the importer could not read is the editor's to choose before the statement counts as checked.
        if not unchecked.extent:
            editor.get_by_label("Extent:", exact=True).select_option("unquantified")
        if not unchecked.stance:
            editor.get_by_label("Stance:", exact=True).select_option("noted")
        editor.get_by_label("Needs review").uncheck()
        editor.get_by_role("button", name="Save", exact=True).click()
        expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    assert not debate.interventions.filter(needs_review=True).exists()

    # … and records a theme coding for the statements filed under no freedom (here: all as about human
    # security as a whole), found by the "not yet coded" filter and coded with the list's action.
    uncoded = debate.interventions.filter(scope="freedoms", themes__isnull=True).count()
    assert uncoded, "the importer proposes no freedom for some statements of the 2011 summary"
    editor.goto(f"{base}{reverse('admin:panels_intervention_changelist')}?coding=missing&debate__id__exact={debate.pk}")
    expect(editor.locator("#result_list tbody tr")).to_have_count(uncoded)
    editor.locator("#action-toggle").check()
    editor.locator("select[name=action]").select_option("code_as_whole")
    editor.get_by_role("button", name="Go").click()
    expect(editor.locator(".messagelist")).to_contain_text(f"{uncoded} statement")
    assert not debate.interventions.filter(scope="freedoms", themes__isnull=True).exists()

    # … and sends the debate to review with a note; it is not public yet.
    editor.goto(f"{base}{reverse('admin:debates_debate_change', args=[debate.pk])}")
    expect(editor.get_by_role("button", name="Publish")).to_have_count(0)
    editor.get_by_label("Note to the reviewer (optional)").fill(NOTE)
    editor.get_by_role("button", name="Send to review").click()
    expect(editor.locator(".messagelist")).to_contain_text("is now in review")
    editor.context.close()

    visitor = browser.new_context().new_page()
    assert visitor.goto(public_url).status == 404

    # The reviewer reads the note and publishes.
    reviewer = browser.new_context().new_page()
    log_in(reviewer, base, "reviewer")
    reviewer.goto(f"{base}{reverse('admin:debates_debate_change', args=[debate.pk])}")
    expect(reviewer.locator(".review-note")).to_contain_text(NOTE)
    reviewer.get_by_role("button", name="Publish").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("is now published")
    reviewer.context.close()
    assert list(
        StatusChange.objects.filter(debate=debate).order_by("at").values_list("to_status", "user__username")
    ) == [
        (Debate.Status.IN_REVIEW, "editor"),
        (Debate.Status.PUBLISHED, "reviewer"),
    ]

    # An anonymous visitor reads it, with the corrected attribution marked in its paragraph.
    response = visitor.goto(public_url)
    assert response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    corrected = visitor.locator(f"#{statement.paragraph.anchor} .paragraph-text #{statement.anchor}")
    expect(corrected).to_be_visible()
    expect(corrected.locator(".label-actor", has_text="Member States")).to_be_visible()
    expect(corrected.locator(".label-extent")).to_have_text("several")
    visitor.context.close()
