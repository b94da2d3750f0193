"""The stored search vectors are model fields: the vectors the search app's raw SQL used to make, nothing more."""

import pytest
from django.db import connection

from debates.models import Debate
from panels.models import Intervention, Panel, Paragraph
from search.queries import SOURCES, STATEMENTS, Search
from tests.factories import build_debate

SEARCHABLE_MODELS = [Debate, Panel, Paragraph, Intervention]
# Each table's vector as the search app's migrations 0001 and 0002 wrote it in raw SQL, before the models declared it.
RAW_VECTORS = {
    Debate: "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') "
    "|| setweight(to_tsvector('english'::regconfig, coalesce(abstract, '')), 'C')",
    Panel: "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') "
    "|| setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'C')",
    Paragraph: "setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'C')",
    Intervention: "setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')",
}


@pytest.fixture
def debate():
    return build_debate(
        {
            "debate": {"title": "Protecting people from disasters", "abstract": "Early *warning* saves lives."},
            "introduction": [{"text": "The 2011 floods.", "statements": [{"text": "Warnings came late."}]}],
            "panels": [
                {
                    "title": "Resilient communities",
                    "summary": "Local knowledge.",
                    "paragraphs": [{"text": "Villages rebuilt.", "statements": [{"text": "Protection is local."}]}],
                }
            ],
        }
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the vectors are PostgreSQL's")
@pytest.mark.django_db
@pytest.mark.parametrize("model", SEARCHABLE_MODELS, ids=lambda model: model.__name__)
def test_each_stored_vector_is_the_one_the_raw_sql_made(debate, model):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), count(*) FILTER (WHERE search_vector IS DISTINCT FROM {RAW_VECTORS[model]}) "
            f"FROM {model._meta.db_table}"
        )
        rows, different = cursor.fetchone()
    assert rows > 0
    assert different == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the vectors are PostgreSQL's")
@pytest.mark.django_db
def test_a_stored_vector_follows_its_text(debate):
    debate.title = "Tsunami warning"
    debate.save()
    assert Debate.objects.filter(pk=debate.pk, search_vector=Search("tsunami").tsquery).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's placeholder")
@pytest.mark.django_db
@pytest.mark.parametrize("model", SEARCHABLE_MODELS, ids=lambda model: model.__name__)
def test_on_sqlite_the_stored_vector_is_null(debate, model):
    assert set(model.objects.values_list("search_vector", flat=True)) == {None}


def test_the_search_reads_each_kinds_fields_and_weights_from_its_model():
    assert {source.kind: source.weighted_fields for source in [*SOURCES, STATEMENTS]} == {
        "document": (("symbol", "A"),),  # found by its symbol alone
        "debate": (("title", "A"), ("abstract", "C")),
        "panel": (("title", "A"), ("summary", "C")),
        "statement": (("text", "B"),),
        "paragraph": (("text", "C"),),
    }


@pytest.mark.parametrize("model", SEARCHABLE_MODELS, ids=lambda model: model.__name__)
def test_the_vector_is_left_out_of_history_and_backups(model):
    assert "search_vector" not in {field.name for field in model.history.model._meta.fields}
    assert not model._meta.get_field("search_vector").serialize
