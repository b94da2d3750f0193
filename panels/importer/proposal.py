"""The proposed debate: what the importer read in a summary, before anything is saved.

These are plain dataclasses, so a preview screen, the ``import_summary``
command and the tests can all show or check a proposal without touching the
database.  Labels are slugs (``"panelist"``, ``"some"``, ``"suggested"``,
``"freedom-from-fear"``), the same strings the models store or look up.
"""

from dataclasses import dataclass, field


def shorten(text, limit=80):
    """``text`` cut to at most ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class SectionKind:
    """What a heading of the summary starts."""

    INTRODUCTION = "introduction"
    PANEL = "panel"
    CONCLUSION = "conclusion"
    OTHER_HEADING = "other-heading"


@dataclass
class ProposedStatement:
    """One attributed statement: ``text`` is a verbatim substring of its paragraph.

    ``classified`` is false when the sentence looks attributed but the importer
    could not tell who, how many or what it does; ``reason`` then says why.
    ``extent`` and ``stance`` are ``None`` when they could not be told.  A
    statement with no ``actor_kinds`` is shown for review but never saved.
    """

    order: int
    text: str
    actor_kinds: list[str]
    extent: str | None
    stance: str | None
    themes: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    classified: bool = True
    reason: str = ""

    @property
    def savable(self):
        """Whether the statement can become an intervention (it needs at least one actor kind)."""
        return bool(self.actor_kinds)


@dataclass
class ProposedParagraph:
    """One rebuilt paragraph, numbered through the whole debate from 1."""

    number: int
    text: str
    statements: list[ProposedStatement] = field(default_factory=list)


@dataclass
class ProposedSection:
    """A heading and the paragraphs under it.

    ``kind`` is one of :class:`SectionKind`.  ``paragraph_section`` is where
    its paragraphs are filed (``Paragraph.Section``: introduction, panel or
    conclusion).  Sections filed under ``panel`` become one ``Panel`` row each,
    at position ``panel_order`` and of kind ``panel_kind`` (panel, opening,
    keynote, plenary); the others have ``panel_order`` and ``panel_kind`` ``None``.
    ``label`` is the label a panel heading gives as written ("Panel 1" of
    "Panel 1: Title"), ``None`` for other headings; :attr:`heading` puts it
    back in front of the title.
    """

    kind: str
    title: str
    panel_order: int | None
    paragraphs: list[ProposedParagraph] = field(default_factory=list)
    paragraph_section: str = SectionKind.INTRODUCTION
    panel_kind: str | None = None
    label: str | None = None

    @property
    def heading(self):
        """The heading as the summary gives it: "Panel 1: A possible approach", "Introduction"."""
        if self.label and self.title != self.label:
            return f"{self.label}: {self.title}"
        return self.title


@dataclass
class ProposedDebate:
    """The whole proposal: sections in reading order, and what the reader should check."""

    sections: list[ProposedSection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    headings_found: int = 0

    def statement_warnings(self):
        """A warning for each statement that will not be saved, having no actor kind (for a reader of plain text;
        the admin's preview lists these statements among those to check instead).
        """
        return [
            f"¶{paragraph.number}: “{shorten(statement.text)}” names no speaker the importer recognizes, "
            "so it will not be saved as a statement."
            for paragraph in self.paragraphs
            for statement in paragraph.statements
            if not statement.savable
        ]

    @property
    def paragraphs(self):
        """Every paragraph in reading order."""
        return [paragraph for section in self.sections for paragraph in section.paragraphs]

    @property
    def statements(self):
        """Every proposed statement in reading order."""
        return [statement for paragraph in self.paragraphs for statement in paragraph.statements]

    def counts(self):
        """How many sections, paragraphs, statements, unclassified statements and unsavable ones."""
        statements = self.statements
        return {
            "sections": len(self.sections),
            "paragraphs": len(self.paragraphs),
            "statements": len(statements),
            "unclassified": sum(1 for s in statements if not s.classified),
            "unsavable": sum(1 for s in statements if not s.savable),
        }


def to_json(proposed: ProposedDebate) -> dict:
    """The proposal as JSON-ready data: sections → paragraphs → statements, plus counts and warnings.

    Shape::

        {"sections": [{"kind", "label", "title", "heading", "panel_order", "panel_kind", "paragraph_section",
                       "paragraphs": [{"number", "text",
                                       "statements": [{"order", "text", "actor_kinds", "extent", "stance",
                                                       "themes", "topics", "classified", "reason"}]}]}],
         "counts": {"sections", "paragraphs", "statements", "unclassified", "unsavable"},
         "warnings": [str]}
    """
    return {
        "sections": [
            {
                "kind": section.kind,
                "label": section.label,
                "title": section.title,
                "heading": section.heading,
                "panel_order": section.panel_order,
                "panel_kind": section.panel_kind,
                "paragraph_section": section.paragraph_section,
                "paragraphs": [
                    {
                        "number": paragraph.number,
                        "text": paragraph.text,
                        "statements": [
                            {
                                "order": statement.order,
                                "text": statement.text,
                                "actor_kinds": list(statement.actor_kinds),
                                "extent": statement.extent,
                                "stance": statement.stance,
                                "themes": list(statement.themes),
                                "topics": list(statement.topics),
                                "classified": statement.classified,
                                "reason": statement.reason,
                            }
                            for statement in paragraph.statements
                        ],
                    }
                    for paragraph in section.paragraphs
                ],
            }
            for section in proposed.sections
        ],
        "counts": proposed.counts(),
        "warnings": [*proposed.warnings, *proposed.statement_warnings()],
    }
