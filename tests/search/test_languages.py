"""The site search in every language: a page in French also finds the French translations, stemmed in French,
a page in Chinese the Chinese ones as substrings, and drafts never — on both databases (search/queries.py)."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.utils import translation

from debates.models import Debate, TextStatus
from panels.models import InterventionTranslation, ParagraphTranslation
from tests.factories import build_debate

ENGLISH = "Human security is a people-centred approach, as Sadako Ogata said."
FRENCH = "La sécurité humaine est une approche centrée sur les personnes, comme l'a dit Sadako Ogata."
RUSSIAN = "Безопасность человека ориентирована на людей."
CHINESE = "人的安全是以人为本的方针。"


def translate(debate, language, text, *, status=TextStatus.ARCHIVE_TRANSLATION, symbol=""):
    """The debate's first paragraph and its first statement (word for word the paragraph) in ``language``."""
    paragraph = debate.paragraphs.get(number=1)
    ParagraphTranslation.objects.create(
        paragraph=paragraph, language=language, text=text, status=status, document_symbol=symbol
    )
    InterventionTranslation.objects.create(
        intervention=paragraph.interventions.get(order=1),
        language=language,
        text=text,
        status=status,
        document_symbol=symbol,
    )


@pytest.fixture
def archive(db):
    """A published debate whose one passage has French, Russian and Chinese translations, and a draft with French."""
    debate = build_debate(
        {
            "debate": {"slug": "people", "title": "Alpha debate", "abstract": "Omega."},
            "introduction": [{"text": ENGLISH, "statements": [{"text": ENGLISH}]}],
        }
    )
    translate(debate, "fr", FRENCH)
    translate(debate, "ru", RUSSIAN, status=TextStatus.UN_TRANSLATION, symbol="A/64/701")
    translate(debate, "zh-hans", CHINESE)
    draft = build_debate(
        {
            "debate": {"slug": "draft", "title": "Draft debate", "status": Debate.Status.DRAFT},
            "introduction": [{"text": "A draft on protection.", "statements": [{"text": "A draft on protection."}]}],
        }
    )
    translate(draft, "fr", "Un brouillon sur la sécurité humaine.")
    translate(draft, "zh-hans", "草案：人的安全。")
    return debate


def search(client, language, q):
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}/search/", {"q": q})
    assert response.status_code == HTTPStatus.OK
    return response


def results(client, language, q):
    return search(client, language, q).context["results"]


def test_a_french_word_finds_the_french_translation_by_its_other_forms_on_the_french_page(client, archive):
    response = search(client, "fr", "sécurités")
    (result,) = response.context["results"]
    assert result.kind == "paragraph"
    assert result.text_status == TextStatus.ARCHIVE_TRANSLATION
    assert result.url == "/fr/debates/people/#p1-s1"  # the passage on the French page, at its statement
    assert result.statement_orders == (1,)  # the statement's translation matched too
    assert '<span class="statement-hit">La <mark>sécurité</mark> humaine' in result.snippet
    with translation.override("fr"):
        label = str(TextStatus.ARCHIVE_TRANSLATION.label)
    assert f'<span class="translation-label">{label}</span>' in response.content.decode().replace("&#x27;", "'")


def test_the_english_page_searches_the_originals_alone(client, archive):
    assert results(client, "en", "sécurités") == []
    (result,) = results(client, "en", "security")
    assert result.text_status == ""
    assert "sécurité" not in result.snippet
    assert "<mark>security</mark>" in result.snippet


def test_the_french_page_still_finds_the_english_originals(client, archive):
    (result,) = results(client, "fr", "people-centred")
    assert result.text_status == ""  # no French translation holds the word: the original is the result
    assert "<mark>people</mark>-<mark>centred</mark>" in result.snippet


def test_a_passage_found_by_its_original_and_its_translation_is_one_result_in_the_pages_language(client, archive):
    response = search(client, "fr", "Ogata")
    (result,) = response.context["results"]
    assert response.context["page_obj"].paginator.count == 1
    assert result.text_status == TextStatus.ARCHIVE_TRANSLATION
    assert "<mark>Ogata</mark>" in result.snippet and "approche" in result.snippet


def test_a_russian_word_finds_the_russian_translation_by_its_other_forms(client, archive):
    response = search(client, "ru", "безопасности")
    (result,) = response.context["results"]
    assert result.text_status == TextStatus.UN_TRANSLATION
    assert "<mark>Безопасность</mark> человека" in result.snippet
    assert "(<bdi>A/64/701</bdi>)" in response.content.decode()  # an official translation names its document
    assert results(client, "fr", "безопасности") == []  # another page's language is not searched


@pytest.mark.parametrize("q", ["人的安全", "安全", '"人的 安全"', "人的安全 -和平"])
def test_a_chinese_word_or_phrase_is_found_as_a_substring_on_the_chinese_page(client, archive, q):
    (result,) = results(client, "zh-hans", q)
    assert result.text_status == TextStatus.ARCHIVE_TRANSLATION
    assert result.url == "/zh-hans/debates/people/#p1-s1"
    assert "<mark>" in result.snippet and "人为本" in result.snippet


@pytest.mark.parametrize("q", ["和平", "人的安全 -以人为本", "安全人的"])
def test_chinese_that_the_text_does_not_hold_finds_nothing(client, archive, q):
    assert results(client, "zh-hans", q) == []


def test_a_drafts_translations_are_never_found(client, archive):
    assert results(client, "fr", "brouillon") == []
    assert results(client, "zh-hans", "草案") == []
    assert [result.url for result in results(client, "fr", "sécurité")] == ["/fr/debates/people/#p1-s1"]
    assert [result.url for result in results(client, "zh-hans", "人的安全")] == ["/zh-hans/debates/people/#p1-s1"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's trigram index")
@pytest.mark.django_db
def test_the_chinese_texts_have_a_trigram_index_that_a_chinese_pattern_can_read():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_zh_trgm_idx'")
        indexes = dict(cursor.fetchall())
        # Chinese characters are letters to pg_trgm in the database's locale: a pattern has trigrams to look up.
        cursor.execute("SELECT cardinality(show_trgm('人的安全'))")
        trigrams = cursor.fetchone()[0]
    assert set(indexes) == {"paragraph_tr_zh_trgm_idx", "statement_tr_zh_trgm_idx"}
    for definition in indexes.values():
        assert "USING gin (text gin_trgm_ops) WHERE ((language)::text = 'zh-hans'::text)" in definition
    assert trigrams > 0
