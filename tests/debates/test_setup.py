"""What `make run` relies on: migrations in step with the models, and the three debates loaded into an empty archive."""

from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command

from debates.models import Debate
from tests.factories import make_debate

pytestmark = pytest.mark.django_db

FIXTURE_SLUGS = {
    "thematic-debate-human-security-2008",
    "human-security-plenary-and-panel-2010",
    "informal-thematic-debate-human-security-2011",
}


def test_models_and_migrations_are_in_step():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_seed_archive_loads_the_three_debates_into_an_empty_archive_and_the_home_page_links_them(client):
    call_command("seed_archive", stdout=StringIO())
    assert set(Debate.objects.values_list("slug", flat=True)) == FIXTURE_SLUGS
    home = client.get("/")
    assert home.status_code == HTTPStatus.OK
    for debate in Debate.objects.all():
        assert f'href="{debate.get_absolute_url()}"' in home.text
        assert client.get(debate.get_absolute_url()).status_code == HTTPStatus.OK


def test_seed_archive_leaves_an_archive_with_debates_alone():
    make_debate(slug="edited-by-staff")
    out = StringIO()
    call_command("seed_archive", stdout=out)
    assert list(Debate.objects.values_list("slug", flat=True)) == ["edited-by-staff"]
    assert "nothing loaded" in out.getvalue()
