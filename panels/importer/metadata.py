"""The facts a summary states about itself: its title, date, session and document symbol.

A UN summary usually opens with front matter before its first section heading::

    United Nations                         A/65/PV.3
    General Assembly                       Distr.: General
    Sixty-fifth session
    Summary of the informal thematic debate on human security
    New York, 14 April 2011

:func:`propose_metadata` reads that front matter (the lines before the first
"Introduction", "Panel N" or "Conclusion" heading, at most
:data:`MAX_FRONT_MATTER_LINES` of them) and proposes what it finds; the editor
checks and corrects every value.  :func:`parse_date` reads a date written the
ways UN documents and people write them, and is what the import form and
:mod:`panels.importing` use to read a typed date.

Plain Python, like the rest of the importer; every pattern is anchored or
bounded, and only the front matter's few lines are searched.
"""

import datetime
import re
from dataclasses import dataclass

__all__ = ["MAX_FRONT_MATTER_LINES", "ProposedMetadata", "is_front_matter_line", "parse_date", "propose_metadata"]

# Front matter is a dozen lines at most; past this many lines the text is taken to have none.
MAX_FRONT_MATTER_LINES = 40

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY_FIRST = re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})")
_MONTH_FIRST = re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})")
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_NUMERIC = re.compile(r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})")
_DATE_PATTERNS = (_ISO, _NUMERIC, _DAY_FIRST, _MONTH_FIRST)
_MAX_DATE_CHARS = 40
_DATE_EXAMPLES = "2011-04-14, 14 April 2011 or 14/04/2011 (day first)"

# A UN document symbol: a series letter (A, S, E, …) or GA for press releases, then parts after slashes
# ("A/65/PV.3", "A/RES/64/291", "GA/10942", "A/C.3/65/L.2").
_SYMBOL = re.compile(r"\b(?:A|S|E|GA|SG|ST|DPI|UNEP|TD)(?:/[A-Z0-9][A-Za-z0-9.\-]{0,20}){1,5}\b")
_ORDINAL_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TENS_ORDINALS = {name[:-1] + "ieth": value for name, value in _TENS.items()}
_SESSION_WORDS = re.compile(
    r"\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](?P<unit>[a-z]+)"
    r"|(?P<word>[a-z]+))\s+(?:regular\s+)?session\b",
    re.IGNORECASE,
)
_SESSION_FIGURES = re.compile(
    r"\b(?:(?P<ordinal>\d{1,3})(?:st|nd|rd|th)\s+(?:regular\s+)?session|session\s+(?P<number>\d{1,3}))\b",
    re.IGNORECASE,
)
_SECTION_HEADING = re.compile(
    r"^(?:[IVXLC]+\.\s+|\d{1,2}\.\s+)?(?:introduction|background|overview|conclusions?|concluding remarks|"
    r"panel(?:\s+discussion)?\s+(?:\d{1,2}|[ivx]{1,4}|one|two|three|four|five|six)\b)",
    re.IGNORECASE,
)
# Front-matter lines that are neither the title nor a fact proposed here.
_BOILERPLATE = re.compile(
    r"^(?:united nations|general assembly|distr\.?(?::.*)?|original:.*|english|french|spanish|agenda items?\b.*|"
    r"official records|department of public information.*|press release|meetings coverage)$",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(r"\b(?:debate|dialogue|meeting|panel|discussion|summary|segment|forum)\b", re.IGNORECASE)
_SUMMARY_PREFIX = re.compile(r"^(?:(?:chair'?s\s+|president'?s\s+)?summary\s+of\s+(?:the\s+)?)", re.IGNORECASE)
_CELL_GAP = re.compile(r"\s{3,}")
_MARKUP = re.compile(r"^(?:#{1,6}\s+|\*\*|__)|(?:\*\*|__)$")
_MAX_TITLE_CHARS = 300
_MAX_FRONT_LINE_CHARS = 160


@dataclass
class ProposedMetadata:
    """What the front matter of a summary states; ``None`` for anything it does not."""

    title: str | None = None
    date: datetime.date | None = None
    session: int | None = None
    symbol: str | None = None

    def as_dict(self):
        """The proposed values by the import form's field names, without those not found."""
        values = {"title": self.title, "date": self.date, "session": self.session, "symbol": self.symbol}
        return {name: value for name, value in values.items() if value is not None}


def _date_from_match(match):
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    if month is None:
        raise ValueError(f"“{month_text}” is not the name of a month.")
    try:
        return datetime.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError as error:
        raise ValueError(f"“{match.group(0)}” is not a real date ({error}).") from error


def parse_date(text: str) -> datetime.date:
    """The date ``text`` writes as ``2011-04-14``, ``14 April 2011``, ``April 14, 2011`` or ``14/04/2011``.

    Numeric dates are read day first (``14/04/2011``, also ``14.04.2011``), as UN documents write them.
    Raises :class:`ValueError` with a message for people when ``text`` is no date or not a real one.
    """
    value = " ".join(str(text).split())
    if len(value) > _MAX_DATE_CHARS:
        raise ValueError(f"This is not a date: write it as {_DATE_EXAMPLES}.")
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            return _date_from_match(match)
    raise ValueError(f"“{value}” is not a date: write it as {_DATE_EXAMPLES}.")


def _find_date(line):
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(line):
            try:
                return _date_from_match(match)
            except ValueError:
                continue
    return None


def _ordinal_value(word):
    word = word.lower()
    return _ORDINAL_UNITS.get(word) or _TENS_ORDINALS.get(word)


def _find_session(line):
    for match in _SESSION_WORDS.finditer(line):
        if match.group("tens"):
            unit = _ORDINAL_UNITS.get(match.group("unit").lower())
            if unit is not None and unit < 10:
                return _TENS[match.group("tens").lower()] + unit
        elif _ordinal_value(match.group("word")):
            return _ordinal_value(match.group("word"))
    match = _SESSION_FIGURES.search(line)
    if match:
        return int(match.group("ordinal") or match.group("number"))
    return None


def _front_matter(text):
    """The front matter's lines, split at wide gaps (two columns of a PDF page) and stripped of Markdown marks."""
    cells = []
    for count, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if count >= MAX_FRONT_MATTER_LINES:
            break
        stripped = line.strip().strip("\f")
        if _SECTION_HEADING.match(_MARKUP.sub("", stripped).strip()):
            break
        for cell in _CELL_GAP.split(stripped):
            cell = _MARKUP.sub("", cell).strip()
            if cell and len(cell) <= _MAX_FRONT_LINE_CHARS:
                cells.append(cell)
    return cells


def is_front_matter_line(line: str) -> bool:
    """Whether ``line`` looks like front matter: short and not ending like a sentence.

    :func:`.parse.parse_summary` leaves out a block of such lines before the first heading instead of making
    it a paragraph.
    """
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= _MAX_FRONT_LINE_CHARS and not re.search(r"[.!?;:,]$", stripped)


def _title_lines(cells):
    """The cells that may be (part of) the title: not a symbol, date, session or boilerplate line."""
    for cell in cells:
        if _BOILERPLATE.match(cell) or _SYMBOL.fullmatch(cell) or _find_session(cell) is not None:
            continue
        if _find_date(cell) is not None and len(cell.split()) <= 6:
            continue
        if sum(character.isalpha() for character in cell) < 8:
            continue
        yield cell


def _title(cells):
    """The proposed title and the index of its (last) cell, or ``(None, -1)``."""
    candidates = list(_title_lines(cells))
    chosen = next((cell for cell in candidates if _TITLE_WORDS.search(cell)), None)
    if chosen is None:
        chosen = next((cell for cell in candidates if len(cell.split()) >= 3), None)
    if chosen is None:
        return None, -1
    index = cells.index(chosen)
    # A title wrapped onto the next line, which then starts in lower case, is joined again.
    following = candidates[candidates.index(chosen) + 1 :]
    if following and following[0][:1].islower():
        chosen = f"{chosen} {following[0]}"
        index = cells.index(following[0])
    title = _SUMMARY_PREFIX.sub("", chosen).strip().rstrip(".:")
    title = title[:1].upper() + title[1:]
    return title[:_MAX_TITLE_CHARS] or None, index


def propose_metadata(text: str) -> ProposedMetadata:
    """The title, date, session and document symbol the summary's front matter states (see the module docstring).

    The first of each found is proposed, but a date written after the title comes first ("New York, 14 April
    2011" under the title is the day of the debate; a date in the masthead above it is the day the document was
    issued).  The session is also read from the symbol of a General Assembly document (``A/65/…`` → 65) when
    no line names it.  A resolution's symbol (``A/RES/…``) is one the summary cites, not its own.
    """
    cells = _front_matter(text)
    proposed = ProposedMetadata()
    proposed.title, title_index = _title(cells)
    for cell in cells[title_index + 1 :] + cells[: title_index + 1]:
        proposed.date = proposed.date or _find_date(cell)
    for cell in cells:
        if proposed.symbol is None:
            symbol = _SYMBOL.search(cell)
            if symbol and not symbol.group(0).startswith("A/RES/"):
                proposed.symbol = symbol.group(0)
        if proposed.session is None:
            proposed.session = _find_session(cell)
    if proposed.session is None and proposed.symbol:
        session = re.match(r"A/(\d{1,3})/", proposed.symbol)
        proposed.session = int(session.group(1)) if session else None
    return proposed
