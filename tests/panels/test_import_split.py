"""Splitting a proposed statement in two (panels.importer.split), on paragraphs written for these tests."""

import pytest

from panels.importer.classify import classify_paragraph
from panels.importer.proposal import ProposedDebate, ProposedParagraph, ProposedSection, SectionKind
from panels.importer.split import SplitError, apply_splits, split_offset, split_paragraph, statement_starts

# The importer reads the second sentence as one statement by participants who "stressed"; it reports two points.
TEXT = (
    "The meeting opened at ten. "
    "Delegations stressed the role of the State and many participants also called for resources. "
    "One panelist suggested a review."
)
SECOND = TEXT.index("Delegations")
MANY = TEXT.index("many participants")


def paragraph(text=TEXT, number=3):
    return ProposedParagraph(number=number, text=text, statements=classify_paragraph(text))


def labels(statement):
    return (statement.actor_kinds, statement.extent, statement.stance, statement.classified)


def test_the_importer_reads_the_joined_points_as_one_statement():
    # The premise of the tests below: without a split, one statement holds both points.
    assert [s.text for s in paragraph().statements] == [
        "Delegations stressed the role of the State and many participants also called for resources.",
        "One panelist suggested a review.",
    ]
    assert statement_starts(paragraph()) == [SECOND, TEXT.index("One panelist")]


def test_a_split_makes_two_statements_each_read_on_its_own():
    proposed = paragraph()
    split_paragraph(proposed, MANY)
    assert [(s.order, s.text) for s in proposed.statements] == [
        (1, "Delegations stressed the role of the State"),
        (2, "many participants also called for resources."),
        (3, "One panelist suggested a review."),
    ]
    assert labels(proposed.statements[0]) == (["participant"], "unquantified", "stressed", True)
    assert labels(proposed.statements[1]) == (["participant"], "many", "called-for", True)
    assert labels(proposed.statements[2]) == (["panelist"], "one", "suggested", True)
    # Each part is still the paragraph's own words, where they stand in it.
    assert statement_starts(proposed) == [SECOND, MANY, TEXT.index("One panelist")]


def test_a_part_the_rules_cannot_read_is_left_unlabelled_for_the_editor():
    text = "Some participants argued for a new body; others preferred existing mechanisms."
    proposed = paragraph(text)
    assert len(proposed.statements) == 1
    split_paragraph(proposed, text.index("others"))
    first, second = proposed.statements
    assert first.text == "Some participants argued for a new body"
    assert labels(first) == (["participant"], "some", "asserted", True)
    assert second.text == "others preferred existing mechanisms."
    assert labels(second) == ([], None, None, False)
    assert "Split by the editor" in second.reason


def test_the_words_must_occur_once_and_leave_a_first_part():
    statement = paragraph().statements[0]
    assert split_offset(statement, "  many participants ") == statement.text.index("many participants")
    with pytest.raises(SplitError, match="not in the statement"):
        split_offset(statement, "several panelists")
    with pytest.raises(SplitError, match="occur 2 times"):
        split_offset(statement, "the")
    with pytest.raises(SplitError, match="first part would have no words"):
        split_offset(statement, "Delegations stressed")
    with pytest.raises(SplitError, match="not in the statement"):
        split_offset(statement, "   ")


def test_splits_are_places_in_the_paragraph_whatever_the_order_they_are_made_in():
    text = (
        "Delegations stressed the role of the State and many participants also called for resources and some "
        "panelists urged funding."
    )
    made = []
    for offsets in ([text.index("many"), text.index("some")], [text.index("some"), text.index("many")]):
        proposed = ProposedDebate(sections=[ProposedSection(kind=SectionKind.INTRODUCTION, title="", panel_order=None)])
        proposed.sections[0].paragraphs = [paragraph(text, number=1)]
        apply_splits(proposed, [(1, offset) for offset in offsets])
        made.append([s.text for s in proposed.sections[0].paragraphs[0].statements])
    assert (
        made[0]
        == made[1]
        == [
            "Delegations stressed the role of the State",
            "many participants also called for resources",
            "some panelists urged funding.",
        ]
    )


def test_a_split_outside_every_statement_or_paragraph_is_refused():
    proposed = ProposedDebate(sections=[ProposedSection(kind=SectionKind.INTRODUCTION, title="", panel_order=None)])
    proposed.sections[0].paragraphs = [paragraph(number=1)]
    with pytest.raises(SplitError, match="not inside one of its statements"):
        apply_splits(proposed, [(1, 3)])  # inside "The meeting opened at ten.", not a statement
    with pytest.raises(SplitError, match="not inside one of its statements"):
        apply_splits(proposed, [(1, SECOND)])  # at a statement's first character: not inside it
    with pytest.raises(SplitError, match="no ¶7"):
        apply_splits(proposed, [(7, 10)])
