"""Reading Akoma Ntoso back: an exported debate imports as the same debate; a bad file is refused, and nothing saved."""

from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from lxml import etree

from akn.export import akn_export
from akn.names import AKN_NAMESPACE
from akn.read import MAX_AKN_BYTES, AknImportError, akn_import
from debates.models import Debate, DebateDocument, Document, Participant
from panels.attribution import Stance
from panels.models import Intervention, Panel, Paragraph, Participation
from tests.factories import build_debate

from .support import FIXTURE_SLUGS, NS, load_fixture, snapshot

pytestmark = pytest.mark.django_db

ROWS = (Debate, Panel, Paragraph, Intervention, Participation, DebateDocument, Document, Participant)


@pytest.fixture(params=list(FIXTURE_SLUGS))
def fixture_debate(request):
    return load_fixture(request.param)


def counts():
    return {model.__name__: model.objects.count() for model in ROWS}


def edited(data, change):
    """The file ``data`` after ``change(root)`` made its edit to the parsed tree."""
    root = etree.fromstring(data)
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# The round trip


def test_a_deleted_debate_comes_back_the_same_from_its_file(fixture_debate):
    before = snapshot(fixture_debate)
    data = akn_export(fixture_debate)
    slug = fixture_debate.slug
    fixture_debate.delete()
    debate = akn_import(data=data)
    assert debate.slug == slug
    assert debate.status == Debate.Status.DRAFT
    assert debate.published_at is None
    assert snapshot(Debate.objects.get(pk=debate.pk)) == before


def test_participants_and_documents_are_created_from_the_file_with_every_field(fixture_debate):
    before = snapshot(fixture_debate)
    data = akn_export(fixture_debate)
    fixture_debate.delete()
    Participant.objects.all().delete()
    Document.objects.all().delete()
    debate = akn_import(data=data)
    assert Participant.objects.count() > 0 and Document.objects.count() > 0
    assert snapshot(debate) == before


def test_a_copy_under_another_slug_is_the_same_debate_and_leaves_the_original_alone(fixture_debate):
    before = snapshot(fixture_debate)
    participants, documents = Participant.objects.count(), Document.objects.count()
    copy = akn_import(data=akn_export(fixture_debate), slug="a-copy")
    assert copy.slug == "a-copy" and copy.pk != fixture_debate.pk
    assert snapshot(copy) == before
    assert snapshot(Debate.objects.get(pk=fixture_debate.pk)) == before
    # The copy's participants and documents are the archive's own, matched by slug: none was added.
    assert (Participant.objects.count(), Document.objects.count()) == (participants, documents)


def test_statements_kept_apart_from_the_text_come_back_too():
    debate = build_debate(
        {
            "panels": [
                {
                    "title": "A panel",
                    "paragraphs": [
                        {
                            "text": "One panelist suggested a definition. Another agreed with it.",
                            "statements": [
                                {"text": "One panelist suggested a definition."},
                                {"text": "a definition. Another agreed", "stance": Stance.AGREED, "needs_review": True},
                            ],
                        }
                    ],
                }
            ]
        }
    )
    before = snapshot(debate)
    copy = akn_import(data=akn_export(debate), slug="apart-copy")
    assert snapshot(copy) == before
    assert copy.interventions.get(order=2).needs_review


def test_the_import_is_recorded_as_the_user_s():
    debate = load_fixture("human-security-2010")
    user = get_user_model().objects.create_user("importer")
    copy = akn_import(data=akn_export(debate), slug="logged-copy", user=user)
    entry = LogEntry.objects.get(object_id=str(copy.pk))
    assert entry.user == user
    assert entry.change_message == "Imported as a draft from Akoma Ntoso: 9 paragraphs, 12 statements."
    assert copy.history.earliest().history_user == user


# Bad files: a clear error, and nothing saved


def assert_refused(data, *messages, slug=None):
    before = counts()
    with pytest.raises(AknImportError) as raised:
        akn_import(data=data, slug=slug)
    for message in messages:
        assert message in str(raised.value)
    assert counts() == before
    return str(raised.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"This is plain text, not XML.", "The file is not well-formed XML: Start tag expected"),
        (b"<akomaNtoso><debateReport>", "The file is not well-formed XML"),
        (b"<html><body>A page</body></html>", "The root element is <html>, not Akoma Ntoso 3.0's <akomaNtoso>"),
        (b'<akomaNtoso xmlns="urn:other"><debateReport/></akomaNtoso>', "The root element is <akomaNtoso>, not"),
        (f'<akomaNtoso xmlns="{AKN_NAMESPACE}"><act/></akomaNtoso>'.encode(), "holds <act>, not a <debateReport>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
            "declares a DTD",
        ),
    ],
)
def test_a_file_that_is_not_an_akoma_ntoso_debate_report_is_refused(data, message):
    assert_refused(data, message)


def test_a_file_over_the_size_limit_is_refused_unread():
    assert_refused(b" " * (MAX_AKN_BYTES + 1), "an Akoma Ntoso debate may be at most 10 MB")


def test_a_file_the_schema_refuses_is_refused_with_the_line_and_the_problem():
    data = akn_export(load_fixture("human-security-2011"))

    def add_unknown_element(root):
        etree.SubElement(root.find(".//a:mainBody", NS), f"{{{AKN_NAMESPACE}}}bogus")

    message = assert_refused(
        edited(data, add_unknown_element), "The file does not follow the Akoma Ntoso 3.0 schema: line "
    )
    assert "Element 'bogus': This element is not expected." in message

    def drop_identification(root):
        identification = root.find(".//a:identification", NS)
        identification.getparent().remove(identification)

    assert_refused(
        edited(data, drop_identification),
        "Element 'classification': This element is not expected. Expected is ( identification ).",
    )


def test_a_valid_file_without_the_archive_s_record_is_refused():
    data = akn_export(load_fixture("human-security-2011"))

    def drop_proprietary(root):
        proprietary = root.find(".//a:proprietary", NS)
        proprietary.getparent().remove(proprietary)

    assert_refused(edited(data, drop_proprietary), 'no <proprietary source="#archive">', "was not exported by")


def test_an_unknown_theme_is_refused_and_nothing_created_before_it_is_kept():
    debate = load_fixture("human-security-2011")
    data = akn_export(debate)
    debate.delete()
    Participant.objects.all().delete()
    Document.objects.all().delete()

    def unknown_theme_last(root):
        root.findall(".//archive:statement", NS)[-1].set("themes", "freedom-from-fear freedom-of-the-press")

    assert_refused(edited(data, unknown_theme_last), "themes this archive does not have: freedom-of-the-press")
    assert (Participant.objects.count(), Document.objects.count()) == (0, 0)


def test_a_statement_without_its_record_is_refused():
    data = akn_export(load_fixture("human-security-2011"))
    assert_refused(
        edited(data, lambda root: root.find(".//a:summary[@eId='p5-s2']", NS).set("eId", "p5-s9")),
        "paragraph 5's record has no statement #p5-s9",
    )


def test_a_statement_recorded_without_a_speaker_cannot_be_a_speech():
    data = akn_export(load_fixture("human-security-2008"))

    def forget_speaker(root):
        del root.find(".//archive:statement[@paragraph='3'][@order='1']", NS).attrib["speaker"]

    assert_refused(edited(data, forget_speaker), "Statement 1 of paragraph 3 has no speaker, so it must be a <summary>")


def test_a_speech_must_be_by_the_recorded_speaker():
    data = akn_export(load_fixture("human-security-2008"))
    assert_refused(
        edited(data, lambda root: root.find(".//a:speech[@eId='p6-s1']", NS).set("by", "#srgjan-kerim")),
        "is by “el-hassan-bin-talal”, so it must be a <speech by=…> referring to them",
    )


def test_labels_outside_the_vocabulary_are_refused_naming_the_statement():
    data = akn_export(load_fixture("human-security-2011"))

    def bad_stance(root):
        root.find(".//archive:statement[@paragraph='4'][@order='2']", NS).set("stance", "shouted")

    message = "Statement 2 of paragraph 4: stance: Value 'shouted' is not a valid choice."
    assert_refused(edited(data, bad_stance), message, slug="another-slug")

    def bad_kind(root):
        root.find(".//archive:statement[@paragraph='4'][@order='2']", NS).set("actorKinds", "panelist ghost")

    assert_refused(edited(data, bad_kind), "Statement 2 of paragraph 4: “ghost” is not an actor kind")


def test_a_statement_kept_apart_must_be_in_its_paragraph_word_for_word():
    debate = build_debate(
        {
            "introduction": [
                {
                    "text": "One panelist suggested a definition. Another agreed with it.",
                    "statements": [
                        {"text": "One panelist suggested a definition."},
                        {"text": "a definition. Another agreed"},
                    ],
                }
            ]
        }
    )
    data = akn_export(debate)
    change = lambda root: setattr(root.find(".//archive:text", NS), "text", "Words from nowhere")  # noqa: E731
    message = "Statement 2 of paragraph 1: text: The statement must be quoted word for word"
    assert_refused(edited(data, change), message, slug="another-slug")


def test_a_debate_whose_slug_is_taken_is_refused():
    debate = load_fixture("human-security-2010")
    assert_refused(akn_export(debate), f"A debate with the slug “{debate.slug}” already exists")


def test_a_paragraph_recorded_but_missing_from_the_text_is_refused():
    data = akn_export(load_fixture("human-security-2011"))

    def drop_paragraph(root):
        paragraph = root.find(".//a:debateSection[@eId='p16']", NS)
        paragraph.getparent().remove(paragraph)

    assert_refused(edited(data, drop_paragraph), "Paragraph 16 is recorded but is not in the body.")


# The commands


def test_the_commands_export_and_import_a_file(tmp_path):
    debate = load_fixture("human-security-2011")
    path = tmp_path / "debate.akn.xml"
    call_command("export_akn", debate.slug, output=path, verbosity=0)
    assert path.read_bytes() == akn_export(debate)
    out = StringIO()
    call_command("import_akn", str(path), slug="imported-2011", stdout=out)
    assert "Saved draft debate “imported-2011”: 2 segments, 16 paragraphs, 30 statements." in out.getvalue()
    assert snapshot(Debate.objects.get(slug="imported-2011")) == snapshot(debate)


def test_the_import_command_names_the_file_and_the_problem(tmp_path):
    path = tmp_path / "page.xml"
    path.write_bytes(b"<html/>")
    with pytest.raises(CommandError, match=r"page\.xml: The root element is <html>"):
        call_command("import_akn", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_akn", str(tmp_path / "missing.xml"))
    with pytest.raises(CommandError, match="No debate has the slug “nothing-here”"):
        call_command("export_akn", "nothing-here")
