"""Rebuild the paragraphs and sections of a summary from the text taken out of its PDF (or from Markdown).

Text copied out of a PDF keeps the PDF's lines, not its paragraphs.
:func:`parse_summary` undoes that:

* **Page furniture is dropped.**  Form feeds mark page breaks; a line that is
  only a page number ("3", "- 3 -", "Page 3 of 5") is removed; so is a running
  header or footer, i.e. a short line found at the top or bottom of two or more
  pages (or, in text without form feeds, a short line repeated three times or
  more), digits ignored so "A/65/PV.3" and "A/65/PV.4" count as the same line.
  A paragraph that runs across a page break is joined again when the text
  before the break does not end a sentence or the text after it starts in
  lower case.
* **Paragraphs** are separated by blank lines, or by a line that starts with a
  space right after a line that ends a sentence (PDF extraction often marks a
  first-line indent that way and drops the blank line).  That second rule is
  switched off when most lines start with spaces (a layout-preserving
  extraction), where it would cut every sentence.
* **Lines are unwrapped** into one line per paragraph, with runs of spaces
  collapsed.  A line that ends with a hyphen directly after a letter is joined
  to the next *keeping the hyphen* ("inter-" + "linkages" → "inter-linkages"):
  telling a typesetter's hyphen from a real one would need a dictionary, and a
  stray hyphen in a word is a smaller harm than two words glued together
  ("policy-" + "oriented" must stay "policy-oriented").  A soft hyphen (U+00AD)
  at a line end is always a typesetter's and is removed.  Ligatures such as
  "ﬁ" are spelled out.
* **Headings**: "Introduction" (or Background, Overview), "Panel N: title" or
  "Panel N – title" or "Panel N Title" (N in figures, Roman numerals or words;
  the label "Panel N" is kept beside the title, and a title alone on the line
  below "Panel N:" is taken as its title), "Conclusion" /
  "Conclusions" / "Concluding remarks", Markdown ``#`` and underlined
  headings, and any other short line standing alone that does not end like a
  sentence.  Enumerations such as "II." and bold markers are ignored.  A
  heading with nothing under it (a document title, "United Nations") is left
  out with a warning.
* **Front matter** before the first heading (a block of short lines that end
  no sentence: "United Nations / General Assembly / Sixty-fifth session") is
  left out with a warning; :func:`.metadata.propose_metadata` reads the
  title, date, session and symbol from it.
* **Paragraphs are numbered** through the whole debate from 1.

The work is linear in the length of the text: lines are split and checked one
by one, and no pattern has overlapping quantifiers that a long run of spaces,
dots or hashes could make backtrack (a page number is recognized on the line's
few stripped characters, a Markdown heading by slicing).  A rebuilt paragraph
longer than :data:`MAX_PARAGRAPH_CHARS` raises :class:`ParagraphTooLong`
before any statement is looked for in it.

The result is a :class:`~.proposal.ProposedDebate` whose statements come from
:func:`.classify.classify_paragraph`.
"""

import re
from collections import Counter

from .classify import classify_paragraph
from .metadata import is_front_matter_line
from .proposal import (
    ProposedDebate,
    ProposedParagraph,
    ProposedSection,
    ProposedStatement,
    SectionKind,
    shorten,
    to_json,
)

__all__ = [
    "MAX_PARAGRAPH_CHARS",
    "ParagraphTooLong",
    "ProposedDebate",
    "ProposedParagraph",
    "ProposedSection",
    "ProposedStatement",
    "SectionKind",
    "parse_summary",
    "to_json",
]

# Markers between lines: a blank line, and a page break or a removed header, footer or page number.
_BLANK = object()
_SOFT = object()

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"))

# Matched against a line whose spaces are collapsed and which is at most _MAX_PAGE_NUMBER_CHARS long, so the
# optional spaces around the dashes cannot make it backtrack over a long run.
_PAGE_NUMBER = re.compile(r"(?:page )?[-–—]? ?\d{1,3} ?[-–—]? ?(?:(?:of|/) ?\d{1,3})?", re.IGNORECASE)
_MAX_PAGE_NUMBER_CHARS = 24
_DECORATION = re.compile(r"\s*+(?:[-*_=~·•]\s*+){3,}+")
_ENUMERATION = re.compile(r"^(?:[IVXLC]+|\d{1,2}|[A-H])[.)]\s+")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(.+)\1$")
_ATX_OPENING = re.compile(r" {0,3}#{1,6}\s")
_SETEXT_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
_INTRODUCTION = re.compile(r"^(?:introduction|background|overview)\s*[:.]?$", re.IGNORECASE)
_CONCLUSION = re.compile(
    r"^(?:conclusions?|concluding\s+remarks|closing\s+remarks|the\s+way\s+forward|"
    r"conclusions?\s+and\s+(?:the\s+)?way\s+forward|summary\s+and\s+conclusions?)\s*[:.]?$",
    re.IGNORECASE,
)
# "Panel 1: Title", "Panel 1 – Title", "Panel one. Title", "Panel 1 Title" or "Panel 1" alone.
_PANEL = re.compile(
    r"^(?P<label>panel(?:\s+discussion)?\s+(?P<number>\d{1,2}|[ivx]{1,4}|one|two|three|four|five|six))\b"
    r"(?:(?P<separator>\s*[:.–—-]\s*)|\s+(?=(?-i:[A-Z0-9“\"‘'])))?(?P<title>.*)$",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_SEGMENT_KINDS = [
    ("opening", re.compile(r"\bopening\b", re.IGNORECASE)),
    ("keynote", re.compile(r"\bkey-?note\b", re.IGNORECASE)),
    ("plenary", re.compile(r"\bplenary\b|\binteractive\s+dialogue\b", re.IGNORECASE)),
]
_SENTENCE_FINAL = re.compile(r"[.!?:;\"”’)]$")
_BULLET = re.compile(r"^\s*[•▪◦‣]\s+")
_MARKDOWN_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_HTML_TAG = re.compile(r"<\s*+(?:/\s*+)?[a-zA-Z][^<>]*+>")
_MAX_HEADING_CHARS = 120
_MAX_HEADING_WORDS = 16
MAX_PARAGRAPH_CHARS = 20_000


class ParagraphTooLong(ValueError):
    """A rebuilt paragraph is longer than :data:`MAX_PARAGRAPH_CHARS`: ``number`` (from 1) and ``length``."""

    def __init__(self, number, length):
        super().__init__(f"Paragraph {number} has {length} characters; the limit is {MAX_PARAGRAPH_CHARS}.")
        self.number = number
        self.length = length


def parse_summary(text: str) -> ProposedDebate:
    """Read a summary's text into sections, numbered paragraphs and proposed statements.

    Nothing is validated or saved here: an empty text gives a proposal with no
    sections.  :func:`panels.importing.summary_preview` and
    :func:`panels.importing.summary_import` check the result.  Raises
    :class:`ParagraphTooLong` for a paragraph over :data:`MAX_PARAGRAPH_CHARS`.
    """
    proposed = ProposedDebate()
    lines = _normalize(text).split("\n")
    markdown = any(_ATX_OPENING.match(line) for line in lines)
    tokens = _drop_page_furniture(lines)
    text_lines = [token for token in tokens if isinstance(token, str)]
    indented = sum(1 for line in text_lines if line[:1].isspace())
    indent_breaks = bool(text_lines) and indented <= len(text_lines) / 2

    sections = []
    # Until the first paragraph or section heading, a block of short lines that end no sentence is the
    # summary's front matter (title, symbol, date: see .metadata), not a paragraph.
    in_front_matter = True
    for block in _blocks(tokens):
        heading, rest = _split_heading(block, markdown)
        if heading is not None:
            sections.append(heading)
            proposed.headings_found += 1
            in_front_matter = in_front_matter and heading.kind == SectionKind.OTHER_HEADING
        if not rest:
            continue
        if in_front_matter and heading is None and len(rest) > 1 and all(map(is_front_matter_line, rest)):
            front_matter = " / ".join(" ".join(line.split()) for line in rest)
            proposed.warnings.append(
                f"The lines “{shorten(front_matter)}” before the first heading were read as the summary's "
                "front matter (its title, date, session or symbol), not as a paragraph."
            )
            continue
        in_front_matter = False
        if not sections:
            sections.append(ProposedSection(kind=SectionKind.INTRODUCTION, title="Introduction", panel_order=None))
            proposed.warnings.append("The text before the first heading was filed under the introduction.")
        for paragraph_text in _paragraphs(rest, indent_breaks=indent_breaks, markdown=markdown):
            sections[-1].paragraphs.append(ProposedParagraph(number=0, text=paragraph_text))

    kept = []
    for section in sections:
        if section.paragraphs:
            kept.append(section)
        else:
            proposed.warnings.append(f"The heading “{section.title}” has nothing under it and was left out.")
    proposed.sections = kept
    _place_sections(proposed)

    paragraphs = proposed.paragraphs
    for number, paragraph in enumerate(paragraphs, start=1):
        paragraph.number = number
        if len(paragraph.text) > MAX_PARAGRAPH_CHARS:
            raise ParagraphTooLong(number, len(paragraph.text))
    for paragraph in paragraphs:
        number = paragraph.number
        paragraph.statements = classify_paragraph(paragraph.text)
        if _HTML_TAG.search(paragraph.text):
            proposed.warnings.append(
                f"¶{number} contains HTML tags; anything unsafe (such as scripts) is removed from the page."
            )
    return proposed


def _normalize(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.replace("\u00a0", " ").replace("\t", "    ")
    # A form feed is a page break: give it a line of its own.
    return text.replace("\f", "\n\f\n")


def _line_key(line):
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def _panel_match(title):
    """The match of a panel heading, or ``None``; "Panel 1 Title" without a separator must read like a title."""
    match = _PANEL.match(title)
    if match is None or match.group("separator") or not match.group("title"):
        return match
    rest = match.group("title")
    if _SENTENCE_FINAL.search(rest) or len(title.split()) > _MAX_HEADING_WORDS:
        return None
    return match


def _is_section_heading(line):
    title = _clean_heading(line)
    return bool(_INTRODUCTION.match(title) or _CONCLUSION.match(title) or _panel_match(title))


def _is_page_number(line):
    """Whether ``line`` is only a page number: "3", "- 3 -", "Page 3 of 5", "3/5"."""
    compact = " ".join(line.split())
    return bool(compact) and len(compact) <= _MAX_PAGE_NUMBER_CHARS and bool(_PAGE_NUMBER.fullmatch(compact))


def _atx_title(line):
    """The title of a Markdown heading line ("## Panel 1 ##" → "Panel 1"), or ``None`` for any other line.

    Sliced rather than matched, so that a long run of spaces or hashes cannot make a pattern backtrack.
    """
    opening = _ATX_OPENING.match(line)
    if not opening:
        return None
    title = line[opening.end() :].strip()
    unclosed = title.rstrip("#")
    # A closing run of hashes counts only after a space; a title of hashes alone is kept as it is.
    if unclosed[-1:].isspace():
        title = unclosed.rstrip()
    return title


def _stands_alone(lines, index):
    """Whether the lines around ``lines[index]`` are blank, page numbers, page breaks or the edge of the text."""
    neighbours = [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
    return all(not line.strip() or line == "\f" or _is_page_number(line) for line in neighbours)


def _drop_page_furniture(lines):
    """The lines as tokens: text lines (str), ``_BLANK``, and ``_SOFT`` for page breaks and removed furniture."""
    pages = [[]]
    for index, line in enumerate(lines):
        if line == "\f":
            pages.append([])
        else:
            pages[-1].append(index)

    furniture = set()
    if len(pages) > 1:
        edge_keys = Counter()
        edges = []
        for page in pages:
            filled = [index for index in page if lines[index].strip()]
            page_edges = filled[:2] + filled[-2:]
            edges.append(page_edges)
            edge_keys.update({_line_key(lines[index]) for index in page_edges})
        for page_edges in edges:
            for index in page_edges:
                line = lines[index]
                if (
                    edge_keys[_line_key(line)] >= 2
                    and len(line.strip()) <= 80
                    and not _is_section_heading(line)
                    and not _SENTENCE_FINAL.search(line.strip())
                ):
                    furniture.add(index)
    else:
        # Without page breaks, a header is a short line repeated three times or more that stands on its own
        # (or looks like a document symbol or date line), so repeated wording inside paragraphs is kept.
        counts = Counter(_line_key(line) for line in lines if line.strip())
        for index, line in enumerate(lines):
            stripped = line.strip()
            if (
                stripped
                and counts[_line_key(line)] >= 3
                and len(stripped) <= 80
                and not _is_section_heading(line)
                and not _DECORATION.fullmatch(line)
                and (_stands_alone(lines, index) or (len(stripped) <= 40 and re.search(r"\d", stripped)))
            ):
                furniture.add(index)

    tokens = []
    for index, line in enumerate(lines):
        if line == "\f" or index in furniture or _is_page_number(line):
            tokens.append(_SOFT)
        elif not line.strip():
            tokens.append(_BLANK)
        else:
            tokens.append(line.rstrip())
    return tokens


def _blocks(tokens):
    """Runs of text lines between blank lines; a run of separators with a page break in it may be bridged."""
    blocks = []
    current = []
    separators = []
    for token in tokens:
        if token is _BLANK or token is _SOFT:
            separators.append(token)
            continue
        if current and separators:
            soft = any(separator is _SOFT for separator in separators)
            continues = not _SENTENCE_FINAL.search(current[-1].strip()) or token.lstrip()[:1].islower()
            if not (soft and continues):
                blocks.append(current)
                current = []
        separators = []
        current.append(token)
    if current:
        blocks.append(current)
    return blocks


def _clean_heading(line):
    title = line.strip()
    emphasis = _EMPHASIS.match(title)
    if emphasis:
        title = emphasis.group(2).strip()
    title = _ENUMERATION.sub("", title)
    return re.sub(r"\s+", " ", title).strip()


def _section_for(title):
    """A :class:`ProposedSection` for a heading's cleaned title."""
    if _INTRODUCTION.match(title):
        return ProposedSection(kind=SectionKind.INTRODUCTION, title=title.rstrip(":."), panel_order=None)
    if _CONCLUSION.match(title):
        return ProposedSection(kind=SectionKind.CONCLUSION, title=title.rstrip(":."), panel_order=None)
    panel = _panel_match(title)
    if panel:
        number_text = panel.group("number").lower()
        number = _NUMBER_WORDS.get(number_text) or _ROMAN.get(number_text) or int(number_text)
        # The label as the summary writes it ("Panel 1", "Panel discussion II") is kept beside the title.
        return ProposedSection(
            kind=SectionKind.PANEL,
            title=panel.group("title").strip() or f"Panel {number}",
            panel_order=number,
            label=" ".join(panel.group("label").split()),
        )
    return ProposedSection(kind=SectionKind.OTHER_HEADING, title=title, panel_order=None)


def _untitled_panel(section):
    """Whether ``section`` is a panel whose heading gave only its label ("Panel 1:" with the title below it)."""
    return section.kind == SectionKind.PANEL and section.title == f"Panel {section.panel_order}"


def _looks_like_title(line):
    text = line.strip()
    if not text or len(text) > _MAX_HEADING_CHARS or len(text.split()) > _MAX_HEADING_WORDS:
        return False
    if re.search(r"[.,;!?]$", text) or not (text[:1].isupper() or text[:1].isdigit() or text[:1] in "*_"):
        return False
    return any(character.isalpha() for character in text)


def _split_heading(block, markdown):
    """``(section or None, remaining lines)`` for a block that may start with a heading."""
    first = block[0]
    atx = _atx_title(first) if markdown else None
    if atx is not None:
        return _section_for(_clean_heading(atx)), block[1:]
    if len(block) == 2 and _SETEXT_UNDERLINE.match(block[1]) and _looks_like_title(first):
        return _section_for(_clean_heading(first)), []
    if len(block) == 1 and _DECORATION.fullmatch(first):
        return None, []
    if _is_section_heading(first):
        section = _section_for(_clean_heading(first))
        rest = block[1:]
        # A title on the line below the heading, alone before a blank line: "Panel 1:" / "A possible approach".
        if len(rest) == 1 and _untitled_panel(section) and _looks_like_title(rest[0]):
            section.title = _clean_heading(rest[0])
            rest = []
        return section, rest
    if len(block) == 1 and _looks_like_title(first):
        return _section_for(_clean_heading(first)), []
    return None, block


def _paragraphs(block, *, indent_breaks, markdown):
    """Split a block into paragraphs and unwrap each into a single line (list items keep their own line)."""
    paragraphs = [[]]
    for index, line in enumerate(block):
        if index and indent_breaks:
            previous = block[index - 1].rstrip()
            following = line.lstrip()
            if (
                line[:1].isspace()
                and _SENTENCE_FINAL.search(previous)
                and (following[:1].isupper() or following[:1].isdigit() or following[:1] in '"“‘(')
                and not (markdown and _MARKDOWN_LIST_ITEM.match(line))
            ):
                paragraphs.append([])
        paragraphs[-1].append(line)
    return [text for text in (_unwrap(lines, markdown=markdown) for lines in paragraphs) if text]


def _unwrap(lines, *, markdown):
    # The pieces are joined once at the end (adding each line to one growing string may copy it every time);
    # ``tail`` keeps the last two characters of the text so far for the checks at line ends.
    pieces = []
    tail = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        starts_item = bool(_BULLET.match(line) or (markdown and _MARKDOWN_LIST_ITEM.match(line)))
        separator = " "
        if not pieces:
            separator = ""
        elif starts_item:
            separator = "\n"
        elif tail.endswith("\u00ad"):
            pieces[-1] = pieces[-1][:-1]
            tail = tail[:-1]
            separator = ""
        elif tail.endswith("-") and tail[:1].isalpha() and line[:1].isalpha():
            # A line-end hyphen is kept and the line break dropped: see the module docstring.
            separator = ""
        elif tail.endswith("—") and not tail[:1].isspace():
            separator = ""
        pieces.append(separator + line)
        tail = (tail + separator + line)[-2:]
    return "".join(pieces).replace("\u00ad", "").strip()


def _place_sections(proposed):
    """Decide where each section's paragraphs are filed and which sections become panels (in order from 1)."""
    order = 0
    seen_panel = False
    seen_conclusion = False
    for section in proposed.sections:
        if section.kind == SectionKind.INTRODUCTION:
            section.paragraph_section = SectionKind.INTRODUCTION
            if seen_panel or seen_conclusion:
                proposed.warnings.append(
                    f"“{section.title}” comes after a panel or the conclusion; its paragraphs are filed under the "
                    "introduction."
                )
            continue
        if section.kind == SectionKind.CONCLUSION:
            section.paragraph_section = SectionKind.CONCLUSION
            seen_conclusion = True
            continue
        segment_kind = "panel"
        if section.kind == SectionKind.OTHER_HEADING:
            segment_kind = next((kind for kind, pattern in _SEGMENT_KINDS if pattern.search(section.title)), None)
            if seen_conclusion:
                section.paragraph_section = SectionKind.CONCLUSION
                section.panel_order = None
                proposed.warnings.append(f"“{section.title}” follows the conclusion and is filed under it.")
                continue
            if segment_kind is None and not seen_panel:
                section.paragraph_section = SectionKind.INTRODUCTION
                proposed.warnings.append(
                    f"“{section.title}” comes before any panel and is filed under the introduction."
                )
                continue
            segment_kind = segment_kind or "panel"
        if seen_conclusion:
            proposed.warnings.append(f"“{section.title}” comes after the conclusion.")
        order += 1
        seen_panel = True
        if section.kind == SectionKind.PANEL and section.panel_order != order:
            proposed.warnings.append(
                f"“Panel {section.panel_order}” is segment {order} of the debate and is saved as panel {order}."
            )
        section.panel_order = order
        section.panel_kind = segment_kind
        section.paragraph_section = SectionKind.PANEL
