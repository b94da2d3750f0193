"""The API says each text's language and whose translation it is, and gives a paragraph's and a title's translations."""

from http import HTTPStatus

import pytest

from debates.models import DebateTranslation, TextOrigin, TextStatus, TitleOrigin
from panels.models import ParagraphTranslation
from tests.factories import make_debate, make_intervention, make_paragraph

API = "/api/v1"


@pytest.fixture
def debate(db):
    debate = make_debate(slug="translated", title="A debate", title_origin=TitleOrigin.OFFICIAL)
    paragraph = make_paragraph(debate, text_origin=TextOrigin.OFFICIAL)
    make_intervention(paragraph)
    ParagraphTranslation.objects.create(
        paragraph=paragraph, language="fr", status=TextStatus.ARCHIVE_TRANSLATION, text="Un *paragraphe*."
    )
    DebateTranslation.objects.create(
        debate=debate, language="es", status=TextStatus.UN_TRANSLATION, document_symbol="A/65/1", title="Un debate"
    )
    make_debate(slug="french", language="fr")
    return debate


def test_a_paragraph_gives_its_language_and_its_translations(client, debate):
    paragraph = client.get(f"{API}/debates/translated/p1/").json()
    assert paragraph["text_language"] == "en"
    assert paragraph["translations"] == [
        {
            "language": "fr",
            "status": "archive-translation",
            "document_symbol": "",
            "text": "Un *paragraphe*.",
            "text_html": "<p>Un <em>paragraphe</em>.</p>",
        }
    ]
    statement = paragraph["statements"][0]
    assert (statement["text_language"], statement["text_status"]) == ("en", "original")


def test_a_debate_gives_its_language_and_its_titles(client, debate):
    full = client.get(f"{API}/debates/translated/").json()
    assert full["language"] == "en"
    assert full["title_translations"] == [
        {"language": "es", "status": "un-translation", "document_symbol": "A/65/1", "title": "Un debate"}
    ]
    assert full["paragraphs"][0]["translations"][0]["language"] == "fr"
    listed = {d["slug"]: d for d in client.get(f"{API}/debates/").json()["results"]}
    assert listed["french"]["language"] == "fr" and listed["french"]["title_translations"] == []
    assert listed["translated"]["title_translations"][0]["title"] == "Un debate"


def test_a_statement_of_a_french_debate_says_it_is_french(client, debate):
    french = make_debate(slug="en-francais", language="fr")
    make_intervention(
        make_paragraph(french, text="Un intervenant a suggéré une définition."),
        text="Un intervenant a suggéré une définition.",
    )
    response = client.get(f"{API}/statements/", {"debate": "en-francais"})
    assert response.status_code == HTTPStatus.OK
    (row,) = response.json()["results"]
    assert (row["text_language"], row["text_status"]) == ("fr", "original")
    csv_export = b"".join(client.get("/interventions/export.csv?debate=en-francais").streaming_content).decode()
    assert ",fr,original," in csv_export


def test_the_debate_list_reads_every_title_translation_in_one_query(client, debate, django_assert_max_num_queries):
    for n in range(5):
        DebateTranslation.objects.create(debate=make_debate(), language="fr", title=f"Débat {n}")
    client.get(f"{API}/debates/")  # warm what is kept between requests
    with django_assert_max_num_queries(12):
        assert client.get(f"{API}/debates/").status_code == HTTPStatus.OK
