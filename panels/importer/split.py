"""Split a proposed statement in two where an editor says a second statement begins.

The importer cuts a sentence into two statements only where it reads two attributions in separate clauses
(:mod:`panels.importer.classify`).  An editor who sees one proposed statement that reports two points ("One
panelist suggested …, while another stressed …") splits it in the preview: the split is kept as a place in the
paragraph's text (a character offset), so that it holds however the statements around it are numbered, and it
is applied again to the proposal each time the summary is read.

Each part is read again by the importer's rules, on its own: a part whose attribution the rules cannot read is
left unclassified, its labels empty, for the editor to choose.  Nothing of the whole statement's labels is
copied to a part, since they were proposed for the two points together.
"""

import re
from dataclasses import replace

from .classify import classify_paragraph
from .keywords import propose_labels
from .proposal import ProposedDebate, ProposedParagraph, ProposedStatement

# What is left off the end of the first part: the punctuation the importer leaves off a statement it cuts at a
# clause, and a conjunction joining the two points ("…the role of the State, and | many participants…").
_CLAUSE_JOIN = re.compile(r"(?:\s*[,;:]|(?:^|\s+)(?:and|but|while|whereas|or|yet))+\s*$", re.IGNORECASE)


class SplitError(ValueError):
    """A split that cannot be made: not inside a statement, or leaving a part without words."""


def statement_starts(paragraph: ProposedParagraph) -> list[int]:
    """Where each of the paragraph's statements starts in its text (each is a verbatim part of it, in order)."""
    starts, cursor = [], 0
    for statement in paragraph.statements:
        start = paragraph.text.find(statement.text, cursor)
        if start < 0:  # not verbatim (never from the importer); look from the beginning rather than fail
            start = paragraph.text.find(statement.text)
        starts.append(start)
        cursor = max(cursor, start + len(statement.text)) if start >= 0 else cursor
    return starts


def split_offset(statement: ProposedStatement, words: str) -> int:
    """Where in ``statement``'s text the words ``words`` begin a second statement.

    Raises :class:`SplitError`, with a message for the editor, when the words are not in the statement, occur
    more than once, or would leave either part without words.
    """
    words = words.strip()
    count = statement.text.count(words) if words else 0
    if count == 0:
        raise SplitError("These words are not in the statement: copy them from it exactly.")
    if count > 1:
        raise SplitError(
            f"These words occur {count} times in the statement: type more of them, so that they occur once."
        )
    offset = statement.text.index(words)
    if not _first_part(statement.text[:offset]):
        raise SplitError("The first part would have no words: give the words where the second statement begins.")
    return offset


def _first_part(text):
    return _CLAUSE_JOIN.sub("", text.rstrip())


def read_part(text: str, order: int) -> ProposedStatement:
    """A statement of ``text`` alone, as the importer's rules read it (unclassified, unlabelled if they cannot)."""
    found = classify_paragraph(text)
    themes, topics = propose_labels(text)
    if not found:
        return ProposedStatement(
            order=order,
            text=text,
            actor_kinds=[],
            extent=None,
            stance=None,
            themes=themes,
            topics=topics,
            classified=False,
            reason="Split by the editor; the importer reads no attribution in this part: choose its labels.",
        )
    reading = next((statement for statement in found if statement.classified), found[0])
    return replace(reading, order=order, text=text, themes=themes, topics=topics)


def split_paragraph(paragraph: ProposedParagraph, offset: int) -> None:
    """Split, in place, the statement of ``paragraph`` that ``offset`` (in the paragraph's text) falls inside.

    The statements are numbered again from 1.  Raises :class:`SplitError` when ``offset`` is not strictly
    inside a statement or a part would be left without words.
    """
    for index, (statement, start) in enumerate(zip(paragraph.statements, statement_starts(paragraph), strict=True)):
        if start < 0 or not start < offset < start + len(statement.text):
            continue
        first = _first_part(statement.text[: offset - start])
        second = statement.text[offset - start :].strip()
        if not first or not second:
            raise SplitError(f"¶{paragraph.number}: a split at character {offset} leaves a part without words.")
        parts = [read_part(first, 0), read_part(second, 0)]
        paragraph.statements[index : index + 1] = parts
        for order, each in enumerate(paragraph.statements, start=1):
            each.order = order
        return
    raise SplitError(f"¶{paragraph.number}: character {offset} is not inside one of its statements.")


def apply_splits(proposed: ProposedDebate, splits) -> None:
    """Make every split of ``splits`` (pairs of paragraph number and offset in its text) in ``proposed``.

    Raises :class:`SplitError` for a paragraph number not in the proposal or a split that cannot be made.
    """
    paragraphs = {paragraph.number: paragraph for paragraph in proposed.paragraphs}
    for number, offset in sorted(set(splits)):
        if number not in paragraphs:
            raise SplitError(f"There is no ¶{number} to split a statement in.")
        split_paragraph(paragraphs[number], offset)
