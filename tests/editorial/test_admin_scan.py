"""Every admin page an editor, a reviewer or a role-less staff member can reach answers 200, 302 or 403: never 500.

The scan opens the list, add, history and change pages of every registered model, on published
content (the three fixtures) and on a draft, as each role. The test client raises a view's
exception instead of answering 500, so a crash fails the test with its traceback.
"""

import contextlib
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse

from debates.models import Debate
from tests.admin_helpers import make_editor, make_reviewer, make_staff
from tests.factories import make_debate, make_intervention, make_panel, make_paragraph, make_participant

pytestmark = pytest.mark.django_db

ALLOWED = {HTTPStatus.OK, HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
# Objects of each model to open: the first (published fixtures) and the last (the draft made below).
EACH_END = 2


@pytest.fixture
def archive():
    for year in (2008, 2010, 2011):
        call_command("loaddata", f"human-security-{year}", verbosity=0)
    draft = make_debate(status=Debate.Status.DRAFT, slug="a-draft")
    paragraph = make_paragraph(draft, make_panel(draft), text="Some participants noted a point.")
    statement = make_intervention(paragraph, text="Some participants noted a point.")
    statement.named_participants.add(make_participant(name="A State named in a draft"))
    return draft


def admin_urls(model):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    yield reverse(f"{name}_changelist")
    yield reverse(f"{name}_add")
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    for pk in {*pks[:EACH_END], *pks[-EACH_END:]}:
        yield reverse(f"{name}_change", args=[pk])
        with contextlib.suppress(NoReverseMatch):
            yield reverse(f"{name}_history", args=[pk])


@pytest.mark.parametrize("role", ["editor", "reviewer", "staff without a role"])
def test_every_admin_page_answers_without_an_error(archive, role):
    user = {"editor": make_editor, "reviewer": make_reviewer, "staff without a role": make_staff}[role]()
    client = Client()
    client.force_login(user)
    opened = 0
    for model in admin.site._registry:
        for url in admin_urls(model):
            response = client.get(url)
            assert response.status_code in ALLOWED, f"{role}: {url} answered {response.status_code}"
            opened += 1
    assert opened > 3 * len(admin.site._registry)


def test_an_editor_can_open_a_paragraph_of_a_published_debate_read_only(archive, client):
    client.force_login(make_editor())
    published = Debate.objects.get(slug="informal-thematic-debate-human-security-2011")
    paragraph = published.paragraphs.get(number=3)
    response = client.get(reverse("admin:panels_paragraph_change", args=[paragraph.pk]))
    assert response.status_code == HTTPStatus.OK
    assert paragraph.text[:40] in response.content.decode()
    assert 'name="text"' not in response.content.decode()
