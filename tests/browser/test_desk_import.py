"""The summary import in a real browser: every error at once, the duplicate
warning on re-importing the 2011 summary, and no WCAG 2.1 AA violation on the form or the preview.

Run alone: ``.venv/bin/python -m pytest tests/browser/test_desk_import.py``.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from debates.models import Debate
from debates.roles import roles_create
from tests.admin_helpers import make_editor
from tests.browser.quality_pages import archive_load
from tests.browser.test_editorial_workflow import PASSWORD, log_in
from tests.browser.test_quality_accessibility import violations
from tests.sources import source_path

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(live_server, browser):
    """An editor at the import form, logged in, with the three debates of the fixtures in the archive."""
    archive_load()
    roles_create()
    make_editor(username="editor", password=PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, "editor")
    page.goto(live_server.url + reverse("admin:debates_debate_import"))
    yield page
    context.close()


def test_an_empty_form_shows_every_error_at_once_and_no_violation(editor):
    editor.get_by_role("button", name="Preview").click()
    errors = editor.locator(".errorlist")
    expect(errors.first).to_be_visible()
    assert errors.count() >= 2, "the text and the other missing facts are reported in one answer"
    assert violations(editor) == []


def test_re_importing_the_2011_summary_is_flagged_and_the_preview_has_no_violation(live_server, editor):
    editor.get_by_label("File:", exact=True).set_input_files(source_path())
    editor.get_by_label("Title:", exact=True).fill("The 2011 debate again")
    editor.get_by_label("Date:", exact=True).fill("2011-04-14")
    editor.get_by_label("Session:", exact=True).fill("65")
    editor.get_by_role("button", name="Preview").click()
    expect(editor.get_by_role("heading", name=re.compile("Preview of the import"))).to_be_visible()
    published = Debate.objects.get(slug="informal-thematic-debate-human-security-2011")
    # The debate already in the archive is named, with a link to it.
    expect(editor.get_by_role("link", name=re.compile(re.escape(published.title))).first).to_be_visible()
    assert violations(editor) == []

    editor.get_by_role("button", name="Save as draft").click()
    expect(editor.locator(".errorlist").first).to_be_visible()
    assert Debate.objects.count() == 3, "nothing is saved without the confirmation"
