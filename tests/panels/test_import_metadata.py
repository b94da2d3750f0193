"""The importer's reading of a summary's own facts (title, date, session, symbol) and of panel headings.

Plain Python: nothing here touches Django or the database.
"""

import datetime

import pytest

from panels.importer.metadata import ProposedMetadata, parse_date, propose_metadata
from panels.importer.parse import SectionKind, parse_summary

# Written for these tests: the masthead of a UN document in two columns, as text taken out of its PDF.
MASTHEAD_SUMMARY = """United Nations                                   A/66/123
General Assembly                                 Distr.: General
                                                 2 June 2012
Sixty-sixth session
Agenda item 118

Summary of the informal thematic debate on disaster risk
reduction
New York, 9 May 2012

Introduction

The debate was convened by the President of the General Assembly.

Panel 1: Building resilience in cities

One panelist suggested a framework for cities.

Conclusion

Participants agreed to continue the discussion.
"""

# Written for these tests: a press-release style opening, in Markdown.
PRESS_RELEASE_SUMMARY = """# Interactive dialogue on the rights of older persons

**GA/12001**

25/03/2013, fifty-seventh session

## Introduction

Some participants said that more data is needed.

## Panel II – Data and evidence

Several panelists noted gaps in the data.
"""


@pytest.mark.parametrize(
    "text",
    ["2011-04-14", "14 April 2011", "14/04/2011", "April 14, 2011", "14 Apr. 2011", " 14  april 2011 ", "14.04.2011"],
)
def test_dates_are_read_in_the_forms_un_documents_and_people_write(text):
    assert parse_date(text) == datetime.date(2011, 4, 14)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2011-02-30", "not a real date"),
        ("04/14/2011", "not a real date"),  # day first: there is no 14th month
        ("14 Octember 2011", "not the name of a month"),
        ("next Thursday", "write it as 2011-04-14, 14 April 2011 or 14/04/2011"),
        ("1" * 500, "not a date"),
    ],
)
def test_what_is_not_a_date_is_refused_with_a_reason(text, words):
    with pytest.raises(ValueError, match=words):
        parse_date(text)


def test_the_masthead_of_a_un_document_gives_its_facts():
    assert propose_metadata(MASTHEAD_SUMMARY) == ProposedMetadata(
        title="Informal thematic debate on disaster risk reduction",
        # The day of the debate, under the title, not the day the document was issued (2 June 2012).
        date=datetime.date(2012, 5, 9),
        session=66,
        symbol="A/66/123",
    )


def test_a_press_release_opening_in_markdown_gives_its_facts():
    assert propose_metadata(PRESS_RELEASE_SUMMARY) == ProposedMetadata(
        title="Interactive dialogue on the rights of older persons",
        date=datetime.date(2013, 3, 25),
        session=57,
        symbol="GA/12001",
    )


def test_the_session_is_read_from_a_general_assembly_symbol_when_no_line_names_it():
    text = "A/65/890\n\nInformal debate on human security\n\nIntroduction\n\nSome participants spoke.\n"
    assert propose_metadata(text) == ProposedMetadata(
        title="Informal debate on human security", date=None, session=65, symbol="A/65/890"
    )


def test_a_summary_without_front_matter_proposes_nothing_and_the_body_is_not_read():
    # A resolution cited and a session named in the body are not the summary's own facts.
    text = (
        "Introduction\n\nThe debate followed resolution A/RES/64/291 of 14 July 2010, adopted at the sixty-fourth "
        "session.\n\nPanel 1: Definitions\n\nOne panelist suggested a definition.\n"
    )
    assert propose_metadata(text) == ProposedMetadata()


def test_front_matter_is_not_made_a_paragraph():
    proposed = parse_summary(MASTHEAD_SUMMARY)
    assert [(section.heading, len(section.paragraphs)) for section in proposed.sections] == [
        ("Introduction", 1),
        ("Panel 1: Building resilience in cities", 1),
        ("Conclusion", 1),
    ]
    assert proposed.paragraphs[0].text == "The debate was convened by the President of the General Assembly."
    assert any("front matter" in warning for warning in proposed.warnings)


@pytest.mark.parametrize(
    ("heading", "label", "title"),
    [
        ("Panel 1: A possible approach", "Panel 1", "A possible approach"),
        ("Panel 1 – A possible approach", "Panel 1", "A possible approach"),
        ("Panel 1 A possible approach", "Panel 1", "A possible approach"),
        ("**Panel 1: A possible approach**", "Panel 1", "A possible approach"),
        ("Panel 1:\nA possible approach", "Panel 1", "A possible approach"),
        ("Panel II. A possible approach", "Panel II", "A possible approach"),
    ],
    ids=["colon", "dash", "no-separator", "bold", "title-below", "roman"],
)
def test_panel_headings_keep_their_label_and_title(heading, label, title):
    text = f"Introduction\n\nSome participants spoke.\n\n{heading}\n\nOne panelist suggested a framework.\n"
    panel = parse_summary(text).sections[1]
    assert (panel.kind, panel.label, panel.title, panel.panel_order) == (SectionKind.PANEL, label, title, 1)
    assert panel.heading == f"{label}: {title}"
    assert [p.text for p in panel.paragraphs] == ["One panelist suggested a framework."]


def test_a_paragraph_starting_with_panel_and_a_number_stays_a_paragraph():
    text = "Introduction\n\nSome participants spoke.\n\nPanel 1 was chaired by the Permanent Representative.\n"
    proposed = parse_summary(text)
    assert [section.kind for section in proposed.sections] == [SectionKind.INTRODUCTION]
    assert proposed.paragraphs[-1].text == "Panel 1 was chaired by the Permanent Representative."
