"""The desk names itself and its records as the secretariat reads them: the archive's editorial desk, "Statements"."""

import re
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.admin_helpers import make_editor
from tests.factories import make_debate, make_intervention, make_paragraph

pytestmark = pytest.mark.django_db

HEADER = "Human Security Debates Archive — editorial desk"


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_the_admin_site_is_titled_for_the_desk():
    assert (admin.site.site_header, admin.site.site_title) == (HEADER, "Editorial desk")


@pytest.mark.parametrize("url_name", ["admin:index", "admin:panels_intervention_changelist"])
def test_the_index_and_a_change_list_show_the_desk_and_its_statements(editor_client, url_name):
    make_intervention(make_paragraph(make_debate(), text="Some participants noted a point."))

    response = editor_client.get(reverse(url_name))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert HEADER in html
    assert "Statements" in html
    assert "Debate contents" in html
    # What people read, not the addresses and class names that keep the model's name.
    text = re.sub(r"<[^>]*>", " ", html)
    assert "ntervention" not in text
    assert "/archive_admin/desk." in html
