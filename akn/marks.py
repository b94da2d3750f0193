"""Which words of a statement say who made it and how many: the spans the Akoma Ntoso file marks.

A summary attributes a statement in words ("One panelist suggested…", "several panelists and
participants emphasized…", "There was general consensus…").  The file marks those words where
they stand, with the archive's labels: the words naming the speakers as a ``<role>`` referring to
the actor kind, the words giving their number as a ``<quantity>`` referring to the extent, and the
name of a participant the statement records (its speaker, or one it names as taking its position)
as a ``<person>`` or ``<organization>`` referring to them.

The words are found with the summary importer's own patterns (:mod:`panels.importer.classify`), so
the file marks exactly what the importer reads as an attribution.  A mark is made only where the
words agree with the statement's recorded labels: words naming an actor kind the statement does
not have, or a number other than its extent, are left unmarked, and nothing is marked that the text
does not say.  Marks never overlap; the labels themselves are always in the file whether or not
any word could be marked (docs/akoma-ntoso.md).
"""

import re
from dataclasses import dataclass, field

# The importer's patterns, so that the words marked are the words it reads.
from panels.importer.classify import (
    ACCORDING_TO,
    CONSENSUS_ANYWHERE,
    INVERTED,
    MEETING_SUBJECT,
    PASSIVE_BY,
    SPEAKER_ITEM,
    SUBJECT_VERB,
    quantity_extent,
    read_speakers,
)

from .names import extent_id, reference

# Patterns whose group "phrase" names the speakers of an attribution, in the order the importer tries them.
SPEAKER_PATTERNS = (SUBJECT_VERB, INVERTED, PASSIVE_BY, ACCORDING_TO)
MEETING = "meeting"
GENERAL_CONSENSUS = "general-consensus"


@dataclass(frozen=True)
class Mark:
    """Characters ``start``–``end`` of a statement's text, to be wrapped in the Akoma Ntoso element ``tag``."""

    start: int
    end: int
    tag: str
    attributes: dict = field(default_factory=dict, compare=False, hash=False)


def attribution_marks(text, actor_kinds, extent, role_ids):
    """The role and quantity words of the first attribution in ``text`` that agrees with the labels.

    ``actor_kinds`` are the statement's actor kind slugs, ``extent`` its extent slug ("" when not read yet),
    and ``role_ids`` maps an actor kind slug to the eId of its ``TLCRole``.
    """
    kinds = set(actor_kinds)
    for pattern in SPEAKER_PATTERNS:
        for match in pattern.finditer(text):
            phrase_start = match.start("phrase")
            phrase = match.group("phrase")
            phrase_kinds, _ = read_speakers(phrase)
            if not phrase_kinds or not set(phrase_kinds) <= kinds:
                continue
            marks = []
            for item in SPEAKER_ITEM.finditer(phrase):
                item_kinds, _ = read_speakers(item.group())
                if not item_kinds:
                    continue
                start, end = item.span("noun")
                refers_to = " ".join(reference(role_ids[kind]) for kind in item_kinds)
                marks.append(Mark(phrase_start + start, phrase_start + end, "role", {"refersTo": refers_to}))
                quantity = item.group("quantity")
                if quantity and extent and quantity_extent(" ".join(quantity.lower().split())) == extent:
                    start, end = item.span("quantity")
                    attributes = {"refersTo": reference(extent_id(extent))}
                    marks.append(Mark(phrase_start + start, phrase_start + end, "quantity", attributes))
            if marks:
                return marks
    marks = []
    if MEETING in kinds:
        match = MEETING_SUBJECT.search(text)
        if match:
            attributes = {"refersTo": reference(role_ids[MEETING])}
            marks.append(Mark(*match.span("phrase"), "role", attributes))
    if extent == GENERAL_CONSENSUS:
        match = CONSENSUS_ANYWHERE.search(text)
        if match:
            marks.append(Mark(*match.span(), "quantity", {"refersTo": reference(extent_id(extent))}))
    return marks


def name_marks(text, participants, participant_ids):
    """Where the names of ``participants`` stand in ``text``: the first time each is written out whole.

    ``participant_ids`` maps a participant's slug to the eId of its ``TLCPerson`` or ``TLCOrganization``.
    """
    marks = []
    for participant in participants:
        if not participant.name.strip():
            continue
        match = re.search(rf"(?<![\w-]){re.escape(participant.name)}(?![\w-])", text)
        if match:
            tag = "person" if participant.kind == participant.Kind.PERSON else "organization"
            attributes = {"refersTo": reference(participant_ids[participant.slug])}
            marks.append(Mark(*match.span(), tag, attributes))
    return marks


def without_overlaps(marks):
    """``marks`` in text order, leaving out any that overlaps one before it in ``marks``."""
    kept = []
    for mark in marks:
        if mark.start < mark.end and all(mark.end <= other.start or other.end <= mark.start for other in kept):
            kept.append(mark)
    return sorted(kept, key=lambda mark: mark.start)
