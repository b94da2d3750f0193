"""Texts in several languages on a debate's page: the reader's language where a text exists, else the original.

Each text says whose words it is in that language: the original, an official UN translation (with its
symbol), or the archive's translation, which is never official UN text.
"""

import re
from html import unescape
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from debates.models import DebateTranslation, TextOrigin, TextStatus, TitleOrigin
from panels.models import InterventionTranslation, ParagraphTranslation, shown_text
from tests.factories import make_debate, make_document, make_intervention, make_paragraph

ENGLISH = "Panelists and participants discussed the notion. One panelist suggested a definition."
FRENCH = "Les intervenants et les participants ont débattu de la notion. Un intervenant a suggéré une définition."
FRENCH_STATEMENT = "Un intervenant a suggéré une définition."


def paragraph_block(html, anchor="p1"):
    """The HTML of the paragraph ``anchor`` on a debate page, up to the next paragraph."""
    start = html.index(f'id="{anchor}"')
    following = html.find('<div class="paragraph ', start)
    return html[start : following if following > 0 else len(html)]


def visible(html):
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


@pytest.fixture
def debate(db):
    debate = make_debate(slug="translated", title="Informal thematic debate on human security")
    summary = make_document(symbol="A/65/999")
    paragraph = make_paragraph(debate, text=ENGLISH, text_origin=TextOrigin.OFFICIAL)
    paragraph.sources.set([summary])
    statement = make_intervention(paragraph, source=summary)
    ParagraphTranslation.objects.create(
        paragraph=paragraph, language="fr", status=TextStatus.ARCHIVE_TRANSLATION, text=FRENCH
    )
    InterventionTranslation.objects.create(
        intervention=statement, language="fr", status=TextStatus.ARCHIVE_TRANSLATION, text=FRENCH_STATEMENT
    )
    make_paragraph(debate, text="A second paragraph, in English only.", text_origin=TextOrigin.OFFICIAL)
    return debate


def test_a_french_archive_translation_is_shown_on_the_french_page_marked_as_the_archives(client, debate):
    html = client.get("/fr/debates/translated/").content.decode()
    block = paragraph_block(html)
    assert FRENCH.split(".")[0] in visible(block)
    assert "Panelists and participants" not in block
    marker = visible(re.search(r'<p class="origin">(.*?)</p>', block, re.S).group(1))
    assert "traduction" in marker.lower() and "archive" in marker.lower()
    # Never presented as the UN's words: the marker's label is the archive's translation, not "Official UN text".
    assert re.search(r'(?i)<span class="origin-label">[^<]*traduction[^<]*</span>', block)
    # The French statement is found and marked inside the French text.
    assert re.search(r'<span class="statement-words">Un intervenant a suggéré une définition.</span>', block)
    # The paragraph has no lang of its own: it is in the page's language.
    assert '<div class="paragraph-text">' in block


def test_the_english_original_is_shown_on_the_russian_page_with_a_note(client, debate):
    html = client.get("/ru/debates/translated/").content.decode()
    block = paragraph_block(html)
    assert "Panelists and participants discussed the notion." in visible(block)
    assert FRENCH not in html
    assert '<div class="paragraph-text" lang="en" dir="ltr">' in block
    note = visible(re.search(r'<p class="language-note">(.*?)</p>', html, re.S).group(1))
    assert "английск" in note  # "the original English", in Russian
    # Official text shown in its original is marked official, as on the English page.
    assert "Официальный текст ООН" in visible(block)


def test_the_english_page_shows_the_original_with_no_language_note(client, debate):
    html = client.get("/debates/translated/").content.decode()
    assert "Panelists and participants discussed the notion." in visible(paragraph_block(html))
    assert 'class="language-note"' not in html
    assert FRENCH not in html


def test_a_partly_translated_page_marks_the_paragraphs_left_in_the_original(client, debate):
    html = client.get("/fr/debates/translated/").content.decode()
    note = visible(re.search(r'<p class="language-note">(.*?)</p>', html, re.S).group(1))
    assert "1" in note and "2" in note  # one paragraph of two
    second = paragraph_block(html, "p2")
    assert 'class="language-mark"' in second and 'lang="en"' in second
    assert 'class="language-mark"' not in paragraph_block(html)


def test_an_official_un_translation_is_marked_official_with_its_symbol(client, debate):
    ParagraphTranslation.objects.filter(language="fr").update(
        status=TextStatus.UN_TRANSLATION, document_symbol="A/65/999"
    )
    block = paragraph_block(client.get("/fr/debates/translated/").content.decode())
    assert re.search(r'<span class="origin-label">Texte officiel de l’ONU</span>|Texte officiel', block)
    assert "<bdi>A/65/999</bdi>" in block


def test_a_translated_title_is_shown_and_marked(client, debate):
    DebateTranslation.objects.create(
        debate=debate, language="es", status=TextStatus.ARCHIVE_TRANSLATION, title="Debate temático oficioso"
    )
    html = client.get("/es/debates/translated/").content.decode()
    assert "<h1><bdi>Debate temático oficioso</bdi></h1>" in html
    assert "<title>Debate temático oficioso (2011)" in html
    assert 'class="title-origin"' in html
    # Elsewhere, the original title, marked English.
    ru = client.get("/ru/debates/translated/").content.decode()
    assert '<bdi lang="en">Informal thematic debate on human security</bdi>' in ru


def test_the_original_language_reads_no_translation(django_assert_num_queries, debate):
    paragraph = debate.paragraphs.get(number=1)
    shown = shown_text(paragraph, "en", "en")
    assert shown.text == ENGLISH and not shown.is_translation and not shown.is_fallback
    french = shown_text(paragraph, "en", "fr")
    assert french.text == FRENCH and french.is_archive_translation and french.language == "fr"
    russian = shown_text(paragraph, "en", "ru")
    assert russian.text == ENGLISH and russian.is_fallback and russian.language == "en"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"language": "en"}, "language"),  # the original's own language
        ({"status": TextStatus.UN_TRANSLATION}, "document_symbol"),  # no symbol
        ({"document_symbol": "A/1"}, "document_symbol"),  # a symbol on the archive's translation
    ],
)
def test_a_translation_is_checked(debate, fields, field):
    paragraph = debate.paragraphs.get(number=2)
    translation = ParagraphTranslation(paragraph=paragraph, **({"language": "es", "text": "Texto."} | fields))
    with pytest.raises(ValidationError) as error:
        translation.full_clean()
    assert field in error.value.message_dict


def test_the_archives_account_has_no_official_translation(db):
    debate = make_debate()
    paragraph = make_paragraph(debate, text_origin=TextOrigin.ARCHIVE)
    translation = ParagraphTranslation(
        paragraph=paragraph, language="fr", status=TextStatus.UN_TRANSLATION, document_symbol="A/1", text="Texte."
    )
    with pytest.raises(ValidationError) as error:
        translation.full_clean()
    assert "status" in error.value.message_dict
    title = DebateTranslation(
        debate=debate, language="fr", status=TextStatus.UN_TRANSLATION, document_symbol="A/1", title="Titre"
    )
    assert debate.title_origin == TitleOrigin.ARCHIVE
    with pytest.raises(ValidationError):
        title.full_clean()


def test_the_database_refuses_a_symbol_without_an_official_translation(debate):
    from django.db import IntegrityError, transaction

    paragraph = debate.paragraphs.get(number=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        ParagraphTranslation.objects.create(paragraph=paragraph, language="es", text="Texto.", document_symbol="A/1")
    with pytest.raises(IntegrityError), transaction.atomic():
        ParagraphTranslation.objects.create(
            paragraph=paragraph, language="es", text="Texto.", status=TextStatus.UN_TRANSLATION
        )


def test_a_new_translation_shows_at_once_on_the_kept_page(client, debate):
    assert client.get("/es/debates/translated/").status_code == HTTPStatus.OK
    paragraph = debate.paragraphs.get(number=2)
    ParagraphTranslation.objects.create(paragraph=paragraph, language="es", text="Un segundo párrafo.")
    assert "Un segundo párrafo." in client.get("/es/debates/translated/").content.decode()


def test_the_citation_says_which_text_it_cites(client, debate):
    page = client.get("/fr/debates/translated/").content.decode()
    citation = visible(re.search(r'<p class="citation" id="cite-p1">(.*?)</p>', paragraph_block(page), re.S).group(1))
    # The archive's French translation of official text is the archive's words: the archive is the author.
    assert citation.startswith("Human Security Debates Archive")
    assert "The archive's translation into French of official text of A/65/999" in citation
    english = client.get("/debates/translated/").content.decode()
    original = visible(re.search(r'<p class="citation" id="cite-p1">(.*?)</p>', english, re.S).group(1))
    assert original.startswith("United Nations General Assembly") and "translation" not in original
    # The other formats cite the same text: the page's links ask for it.
    assert "lang=fr" in paragraph_block(page) and "lang=" not in paragraph_block(english)


def test_the_citation_formats_carry_the_language_and_whose_translation(client, debate):
    csl = client.get("/debates/translated/cite/?format=csl-json&p=1&lang=fr").json()[0]
    assert csl["language"] == "fr" and csl["genre"] == "The archive's translation"
    assert csl["author"] == [{"literal": "Human Security Debates Archive"}] and "number" not in csl
    assert client.get("/debates/translated/cite/?format=csl-json&p=1").json()[0]["language"] == "en"
    ris = client.get("/debates/translated/cite/?format=ris&p=1&s=1&lang=fr").content.decode()
    assert "LA  - French" in ris and "M3  - The archive's translation" in ris
    bibtex = client.get("/debates/translated/cite/?format=bibtex&p=1&lang=fr").content.decode()
    assert "langid = {french}" in bibtex


def test_an_official_translation_is_cited_as_the_uns_with_its_symbol(client, debate):
    ParagraphTranslation.objects.filter(language="fr").update(
        status=TextStatus.UN_TRANSLATION, document_symbol="A/65/999/F"
    )
    text = client.get("/debates/translated/cite/?p=1&lang=fr").content.decode()
    assert text.startswith("United Nations General Assembly") and "A/65/999/F" in text
    assert "official UN translation into French" in text


def test_a_citation_of_a_missing_translation_is_a_400_naming_lang(client, debate):
    response = client.get("/debates/translated/cite/?p=2&lang=fr")
    assert response.status_code == HTTPStatus.BAD_REQUEST and "lang" in response.content.decode()
    assert client.get("/debates/translated/cite/?lang=fr").status_code == HTTPStatus.BAD_REQUEST
    assert client.get("/debates/translated/cite/?p=1&lang=xx").status_code == HTTPStatus.BAD_REQUEST


def test_staff_add_a_translation_in_the_admin(admin_client, debate):
    paragraph = debate.paragraphs.get(number=2)
    url = f"/admin/panels/paragraph/{paragraph.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if form[name].value() is not None}
    data["sources"] = [str(s.pk) for s in paragraph.sources.all()]
    for prefix in ("interventions", "translations"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(
        {
            "translations-TOTAL_FORMS": "1",
            "translations-0-language": "es",
            "translations-0-status": TextStatus.UN_TRANSLATION,
            "translations-0-document_symbol": "",
            "translations-0-text": "Un segundo párrafo.",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.OK  # refused: an official translation needs its symbol
    assert "document_symbol" in str(response.context["inline_admin_formsets"][-1].formset.errors)
    assert not ParagraphTranslation.objects.filter(paragraph=paragraph).exists()
    data["translations-0-document_symbol"] = "A/65/999"
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context and response.context["errors"]
    saved = ParagraphTranslation.objects.get(paragraph=paragraph)
    assert (saved.language, saved.status, saved.document_symbol) == ("es", TextStatus.UN_TRANSLATION, "A/65/999")


def test_lists_name_a_debate_by_its_title_in_the_pages_language(client, debate):
    DebateTranslation.objects.create(debate=debate, language="fr", title="Débat thématique informel")
    for path in ("/fr/", "/fr/debates/", "/fr/interventions/"):
        html = client.get(path).content.decode()
        assert "Débat thématique informel</span>" in html, path
        assert "Informal thematic debate on human security" not in html, path
    # Without a French title, the English original is marked as English.
    russian = client.get("/ru/debates/").content.decode()
    assert '<span lang="en">Informal thematic debate on human security</span>' in russian
    assert 'lang="en">Informal thematic' not in client.get("/debates/").content.decode()


def test_lists_read_the_titles_once_per_state_of_the_archive(client, debate, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    DebateTranslation.objects.create(debate=debate, language="fr", title="Débat thématique informel")
    client.get("/fr/debates/")
    with CaptureQueriesContext(connection) as french:
        client.get("/fr/debates/?page=1")
    with CaptureQueriesContext(connection) as english:
        client.get("/debates/?page=1")
    assert not any("debatetranslation" in q["sql"] for q in english.captured_queries)
    assert not any("debatetranslation" in q["sql"] for q in french.captured_queries)


def test_an_editor_enters_a_translation_with_its_statement(client, db):
    from debates.models import Debate
    from tests.admin_helpers import make_editor

    draft = make_debate(slug="a-draft", status=Debate.Status.DRAFT)
    paragraph = make_paragraph(draft, text=ENGLISH)
    statement = make_intervention(paragraph)
    client.force_login(make_editor(username="translating-editor"))
    page = client.get(f"/admin/panels/intervention/{statement.pk}/change/")
    assert page.status_code == HTTPStatus.OK
    formsets = page.context["inline_admin_formsets"]
    assert [f.opts.model for f in formsets] == [InterventionTranslation]
    assert formsets[0].has_add_permission


def test_a_statements_translation_is_its_paragraphs(debate):
    """Quoted from the paragraph's translation, it is the same translation: the same status and symbol."""
    statement = debate.interventions.get()
    wrong = InterventionTranslation(
        intervention=statement,
        language="fr",
        status=TextStatus.UN_TRANSLATION,
        document_symbol="A/65/999",
        text=FRENCH_STATEMENT,
    )
    with pytest.raises(ValidationError) as error:
        wrong.full_clean(exclude=["intervention"], validate_unique=False)
    assert "status" in error.value.message_dict


def test_a_translation_is_checked_against_its_unsaved_paragraph(db):
    """On an admin page the paragraph is checked as submitted, before it has a key."""
    from panels.models import Paragraph

    debate = make_debate()
    unsaved = Paragraph(debate=debate, number=1, section="introduction", text="Text.", text_origin=TextOrigin.ARCHIVE)
    for fields, field in (({"language": "en"}, "language"), ({"status": TextStatus.UN_TRANSLATION}, "status")):
        translation = ParagraphTranslation(
            paragraph=unsaved, **({"language": "fr", "text": "Texte.", "document_symbol": "A/1"} | fields)
        )
        if field == "language":
            translation.document_symbol = ""
        with pytest.raises(ValidationError) as error:
            translation.clean()
        assert field in error.value.message_dict


def test_what_a_translation_depends_on_cannot_change_under_it(debate):
    paragraph = debate.paragraphs.get(number=1)
    ParagraphTranslation.objects.filter(paragraph=paragraph).update(
        status=TextStatus.UN_TRANSLATION, document_symbol="A/65/999"
    )
    paragraph.text_origin = TextOrigin.ARCHIVE
    with pytest.raises(ValidationError) as error:
        paragraph.full_clean()
    assert "text_origin" in error.value.message_dict
    debate.language = "fr"  # its paragraph has a French text: French cannot be its original
    with pytest.raises(ValidationError) as error:
        debate.full_clean()
    assert "language" in error.value.message_dict
    debate.language = "es"
    debate.full_clean()


def test_a_translations_citation_links_to_its_languages_page(client, debate):
    text = client.get("/debates/translated/cite/?p=1&lang=fr").content.decode()
    assert "http://testserver/fr/debates/translated/p1/" in text
    assert "http://testserver/debates/translated/p1/" in client.get("/debates/translated/cite/?p=1").content.decode()


def test_the_explorer_lists_a_statement_in_the_readers_language(client, debate):
    french = client.get("/fr/interventions/?debate=translated").content.decode()
    assert f'<div class="intervention-text" dir="auto">{FRENCH_STATEMENT}' in visible_tags(french)
    assert "One panelist suggested a definition." not in french
    russian = client.get("/ru/interventions/?debate=translated").content.decode()
    assert '<div class="intervention-text" dir="auto" lang="en"><p>One panelist suggested a definition.</p>' in russian


def visible_tags(html):
    """``html`` with each paragraph's <p> wrapper removed, to compare a statement's words."""
    return html.replace("<p>", "").replace("</p>", "")
