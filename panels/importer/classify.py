"""Find the attributed statements in a paragraph and propose who said them, how many, and what they do.

UN summaries of informal debates attribute their points with a small set of
formulas, and this module reads those formulas with regular expressions:

* a subject naming speakers by role, with or without a quantity, and a verb
  of attribution: "One panelist suggested…", "several panelists and
  participants emphasized…", "a significant number of interventions
  considered…", "Member States and panelists alike felt…";
* the same, inverted: "…, noted one panelist, …"; or passive: "as stressed by
  some participants";
* the meeting as a whole: "It was (also) stressed that…", "There was general
  consensus…", "there was a shared understanding…", "The informal Thematic
  Debate emphasized…";
* a pronoun carrying on the previous statement: "They also stressed…".

A statement is the sentence that carries the attribution, quoted verbatim.
When one sentence carries two attributions in separate clauses ("While some
participants cautioned that …, other participants suggested that …") it is
cut at the comma into two statements, so each keeps its own extent and stance.

Sentences that mention speakers without a formula the module knows are
returned with ``classified=False`` and a reason, for a person to decide:
when the speakers are in subject position ("participants and panelists
focused on …") their actor kinds are kept; when they are only mentioned
("… among Member States and experts") there is no actor kind, and the
statement is shown but not saved.
"""

import bisect
import re
from dataclasses import dataclass

from panels.attribution import Extent, Stance

from .keywords import propose_labels
from .proposal import ProposedStatement

# Tokens ending in a full stop that do not end a sentence (compared in lower case).
ABBREVIATIONS = frozenset(
    {
        "e.g.",
        "i.e.",
        "cf.",
        "viz.",
        "vs.",
        "etc.",
        "al.",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "prof.",
        "st.",
        "amb.",
        "h.e.",
        "jr.",
        "sr.",
        "gen.",
        "gov.",
        "govt.",
        "dept.",
        "approx.",
        "inc.",
        "ltd.",
        "co.",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
    }
)
# Abbreviations that do not end a sentence only when a number follows: "No. 5", but "they said no."
NUMBER_ABBREVIATIONS = frozenset(
    {"no.", "nos.", "para.", "paras.", "art.", "arts.", "vol.", "p.", "pp.", "ch.", "sect.", "rev.", "corr.", "add."}
)

# --- Sentences -----------------------------------------------------------------------------------

# Possessive, and only at the start of a run of stops: a long run of dots is read once, not once per dot.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s|$)")
# What follows a sentence end: spaces, opening quotes or brackets, then the first character of the next sentence.
_FOLLOWING = re.compile(r"\s*+([\"'“‘(\[]*+)(.?)")
# A word longer than this is never an abbreviation, so the search for its start stops here.
_MAX_ABBREVIATION_CHARS = 64


def _is_abbreviation(word, following):
    word = word.lstrip("\"'“‘([").lower()
    if word in ABBREVIATIONS or (word in NUMBER_ABBREVIATIONS and following[:1].isdigit()):
        return True
    # Initials and dotted acronyms: "U.N.", "U.S.", "A." in "Joseph A. Deiss".
    return bool(re.fullmatch(r"(?:[a-z]\.){2,}", word) or re.fullmatch(r"[a-z]\.", word))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, leading and trailing spaces excluded.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
    brackets) followed by a space and a capital, a digit or an opening quote,
    unless the full stop belongs to an abbreviation ("e.g.", "No.", "U.N.",
    initials).  A line break always ends a sentence (paragraphs contain line
    breaks only between Markdown list items).  Symbols such as "A/RES/64/291"
    have no full stop, so they never split a sentence.
    """
    spans = []
    for line_match in re.finditer(r"[^\n]+", text):
        offset = line_match.start()
        line = line_match.group()
        start = 0
        for match in _SENTENCE_END.finditer(line):
            # Only the next few characters are looked at: copying the rest of the line at every full stop
            # would make a long line quadratic.
            quotes, first = _FOLLOWING.match(line, match.end()).groups()
            following = (quotes or first)[:1]
            if following and not (first.isupper() or first.isdigit()):
                continue
            if match.group().startswith("."):
                floor = max(0, match.start() - _MAX_ABBREVIATION_CHARS)
                word_start = line.rfind(" ", floor, match.start()) + 1
                if (word_start or not floor) and _is_abbreviation(line[word_start : match.start() + 1], following):
                    continue
            spans.append((offset + start, offset + match.end()))
            start = match.end()
        spans.append((offset + start, offset + len(line)))
    trimmed = []
    for start, end in spans:
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            trimmed.append((start + lead, end - trail))
    return trimmed


# --- The vocabulary of attribution ---------------------------------------------------------------
#
# Patterns are written with single spaces; a space matches any run of whitespace.  ``{det}`` stands
# for up to three determiners or adjectives ("expressed {det}concern" finds "expressed deep concern").

_DET = r"(?:(?:their|its|his|her|some|deep|serious|grave|particular|strong|great|full|firm|broad|the|a|an)\s+){0,3}"

# Verbs of attribution in the past tense, the way summaries report, most specific first.
STANCE_PHRASES = [
    (Stance.EXPRESSED_CONCERN, r"expressed {det}(?:concerns?|reservations|misgivings|fears|worries|apprehension)"),
    (Stance.EXPRESSED_CONCERN, r"(?:voiced|raised) {det}concerns?"),
    (Stance.EXPRESSED_CONCERN, r"(?:were|was) (?:also )?concerned"),
    (Stance.QUESTIONED, r"(?:expressed|voiced) {det}doubts?"),
    (Stance.QUESTIONED, r"raised {det}(?:questions?|doubts?)"),
    (Stance.SUPPORTED, r"(?:expressed|voiced|lent|offered) {det}support"),
    (Stance.SUPPORTED, r"(?:were|was) (?:also )?in favou?r"),
    (Stance.SUPPORTED, r"spoke in favou?r"),
    (Stance.CONSIDERED, r"(?:were|was) of the (?:view|opinion)"),
    (Stance.CONSIDERED, r"(?:took|expressed) the (?:view|opinion)"),
    (Stance.AGREED, r"(?:were|was) in agreement"),
    (Stance.AGREED, r"shared the (?:view|understanding|opinion)"),
    (Stance.DREW_ATTENTION, r"(?:drew|called|brought|directed|turned) {det}attention"),
    (Stance.DREW_ATTENTION, r"pointed to"),
    (Stance.NOTED, r"pointed out"),
    (Stance.NOTED, r"took note"),
    (Stance.CALLED_FOR, r"called (?:for|on|upon)"),
    (Stance.CALLED_FOR, r"made (?:a|an) (?:call|appeal)"),
    (Stance.EMPHASIZED, r"(?:placed|put|laid) {det}emphasis"),
    (Stance.STRESSED, r"(?:placed|put|laid) {det}stress"),
    (Stance.PROPOSED, r"put (?:forward|forth)"),
    (Stance.INTRODUCED, r"brought (?:up|in)"),
    (Stance.RECALLED, r"(?:referred|made reference) to"),
    (Stance.DISCUSSED, r"exchanged views"),
    (Stance.DISCUSSED, r"(?:reflected|touched|deliberated) (?:on|upon)"),
    (Stance.ASSERTED, r"made the case"),
    (Stance.STATED, r"made the point"),
    (Stance.STATED, r"(?:spoke|talked) (?:of|about)"),
    (Stance.STATED, r"expressed the hope"),
    (Stance.AGREED, r"agreed|concurred|converged"),
    (Stance.ASSERTED, r"asserted|argued|maintained|affirmed|contended|insisted|claimed"),
    (Stance.CALLED_FOR, r"requested|demanded|appealed"),
    (Stance.CAUTIONED, r"cautioned|warned"),
    (Stance.CONSIDERED, r"considered|felt|believed|viewed|deemed|thought|examined|explored|weighed|regarded"),
    (Stance.DISCUSSED, r"discussed|debated|deliberated|addressed"),
    (Stance.EMPHASIZED, r"emphasized|emphasised|underscored|underlined"),
    (Stance.EXPRESSED_CONCERN, r"feared|worried"),
    (Stance.HIGHLIGHTED, r"highlighted"),
    (Stance.INTRODUCED, r"introduced|raised"),
    (Stance.NOTED, r"noted|observed|remarked|acknowledged|recognized|recognised|commented|mentioned"),
    (Stance.PRESENTED, r"presented|described|outlined|offered|shared|provided|illustrated|detailed"),
    (Stance.PROPOSED, r"proposed|advanced"),
    (Stance.QUESTIONED, r"questioned|asked|queried|doubted|wondered|challenged"),
    (Stance.RECALLED, r"recalled|cited|reminded"),
    (Stance.REITERATED, r"reiterated|reaffirmed|restated|repeated|echoed"),
    (Stance.STATED, r"stated|said|declared|indicated|explained|added|reported|responded|replied|expressed"),
    (Stance.STRESSED, r"stressed"),
    (Stance.SUGGESTED, r"suggested|recommended|advised"),
    (Stance.SUPPORTED, r"supported|endorsed|welcomed|favoured|favored|backed|advocated|championed|embraced"),
    (Stance.URGED, r"urged|encouraged|invited|exhorted"),
]

# Past-tense verbs after a group of speakers that report a procedural fact, not a statement.
NON_REPORTING_VERBS = frozenset(
    {
        "adopted",
        "attended",
        "convened",
        "decided",
        "elected",
        "gathered",
        "joined",
        "met",
        "participated",
        "voted",
        "needed",
        "required",
        "used",
        "based",
        "faced",
        "affected",
        "involved",
        "concerned",
        "interested",
        "listed",
        "named",
    }
)
_IRREGULAR_PAST = (
    r"felt|said|thought|saw|made|gave|took|held|brought|sought|spoke|put|found|knew|told|drew|wrote|chose|led"
)

# Who: (actor kind slug, plural nouns, singular nouns, needs an explicit quantity).  Plural first.
ACTOR_NOUNS = [
    ("keynote", r"keynote speakers", r"keynote speaker", False),
    ("moderator", r"moderators|facilitators", r"moderator|facilitator", False),
    (
        "chair",
        r"co-?chairs|vice-presidents",
        r"(?:co-?)?chair(?:person|man|woman)?|(?:vice-)?president(?: of the (?:general )?assembly)?|presiding officer",
        False,
    ),
    (
        "secretariat",
        r"(?:un|united nations) officials",
        r"(?:deputy |under-)?secretary[- ]general|secretariat|special advis[eo]r|(?:un|united nations) official",
        False,
    ),
    (
        "member-state",
        r"member states|states members(?: of the united nations)?|member countries",
        r"member state|member country",
        False,
    ),
    ("member-state", r"states|countries|governments", r"state|country|government", True),
    ("panelist", r"panell?ists|panel members|experts", r"panell?ist|panel member|expert", False),
    (
        "participant",
        r"participants|delegations|delegates|interventions|speakers(?: from the floor)?|representatives|observers",
        r"participant|delegation|delegate|speaker|representative|observer",
        False,
    ),
]

# How many: (extent, pattern).  ``None`` is a determiner without a number ("the", "both").
QUANTITIES = [
    (Extent.SIGNIFICANT_NUMBER, r"a (?:significant|considerable|large|substantial|sizeable|great) number of(?: the)?"),
    (
        Extent.MOST,
        r"(?:the|a) (?:vast |large |great )?majority of(?: the)?|most(?: of the)?"
        r"|(?:almost|nearly) all(?: of)?(?: the)?",
    ),
    (Extent.MANY, r"(?:a great |a good )?many(?: of the)?|numerous"),
    (Extent.SEVERAL, r"several(?: of the)?|a number of(?: the)?"),
    (Extent.SOME, r"some(?: of the)?|a few(?: of the)?|few"),
    (Extent.OTHER, r"(?:the |still |yet )?other|another"),
    (Extent.ONE, r"one(?: of the)?|a single|a|an"),
    (Extent.GENERAL_CONSENSUS, r"all(?: of)?(?: the)?"),
    (None, r"the|these|those|both(?: the)?"),
]

MEETING_SLUG = "meeting"
CONSENSUS_ADVERBS = frozenset({"generally", "broadly", "widely", "unanimously", "all"})


def _spaced(pattern):
    return pattern.replace(" ", r"\s+").replace("{det}", _DET)


_NOUN_BOUNDARY = r"(?![\w-])"
_QUANTITY = "|".join(f"(?:{_spaced(pattern)})" for _, pattern in QUANTITIES)
_NOUN = "|".join(f"(?:{_spaced(plural)})|(?:{_spaced(singular)})" for _, plural, singular, _ in ACTOR_NOUNS)
# Up to two adjectives between a quantity and its noun ("several African delegations"), never a function word.
_ADJECTIVES = (
    r"(?:(?!(?:of|to|in|on|at|for|with|from|by|and|or|but|that|which|who|the|a|an|is|are|was|were)(?![\w-]))"
    r"[\w-]+\s+){0,2}?"
)
# One item of a list of speakers: an optional quantity, up to two adjectives, a noun.
_ITEM = rf"(?:(?:{_QUANTITY})\s+{_ADJECTIVES})?(?:{_NOUN}){_NOUN_BOUNDARY}"
_JOIN = r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+(?:and|or|as\s+well\s+as|along\s+with|together\s+with)\s+)"
# Bounded repetitions keep matching linear on long or hostile input.
_PHRASE = rf"(?<![\w-])(?P<phrase>{_ITEM}(?:{_JOIN}{_ITEM}){{0,5}})"
# "participants from developing countries": a short modifier between the speakers and the verb.
_POSTMODIFIER = r"(?:\s+(?:from|of|in|at|representing)\s+[\w-]+(?:\s+[\w-]+){0,3}?)?"
_ADVERB_WORDS = (
    r"also|further|furthermore|generally|strongly|repeatedly|particularly|again|specifically|clearly|broadly|"
    r"widely|largely|equally|similarly|likewise|additionally|explicitly|firmly|consistently|rightly|collectively|"
    r"jointly|overwhelmingly|unanimously|all|both|alike|themselves|in particular|in turn|in general|have|has|had|"
    r"did|would|however|therefore|thus|moreover|then|subsequently|for their part|for its part|too|often"
)
_ADVERBS = (
    rf"(?P<adverbs>(?:\s*,\s*(?:{_spaced(_ADVERB_WORDS)})\s*,|\s+(?:{_spaced(_ADVERB_WORDS)}){_NOUN_BOUNDARY}){{0,4}})"
)
_VERB = (
    "(?:"
    + "|".join(f"(?P<v{index}>{_spaced(pattern)})" for index, (_, pattern) in enumerate(STANCE_PHRASES))
    + rf"){_NOUN_BOUNDARY}"
)
_FLAGS = re.IGNORECASE

SUBJECT_VERB = re.compile(rf"{_PHRASE}{_POSTMODIFIER}{_ADVERBS}\s+{_VERB}", _FLAGS)
SUBJECT_UNKNOWN_VERB = re.compile(
    rf"{_PHRASE}{_POSTMODIFIER}{_ADVERBS}\s+(?P<unknown>[a-z]+ed|{_IRREGULAR_PAST}){_NOUN_BOUNDARY}", _FLAGS
)
INVERTED = re.compile(rf"(?:^|[,;(—–]\s*)(?:as\s+)?{_VERB}\s+{_PHRASE}(?=\s*(?:[,;:.)—–]|$))", _FLAGS)
PASSIVE_BY = re.compile(
    rf"\b(?:was|were|is|are|been|as)\s+(?:(?:also|further|often|repeatedly)\s+)?{_VERB}\s+by\s+{_PHRASE}", _FLAGS
)
ACCORDING_TO = re.compile(rf"\b(?:according\s+to|(?P<view>in\s+the\s+(?:view|opinion)\s+of))\s+{_PHRASE}", _FLAGS)
IMPERSONAL = re.compile(
    rf"(?<![\w-])(?:it|this)\s+was\s+(?P<adverbs>(?:(?:also|further|generally|widely|broadly|repeatedly|strongly|"
    rf"equally|however|therefore|often|frequently|particularly)\s+){{0,4}}){_VERB}",
    _FLAGS,
)
CONSENSUS = re.compile(
    r"(?<![\w-])there\s+(?:was|is|were|had\s+been|has\s+been|appeared\s+to\s+be|seemed\s+to\s+be)\s+"
    r"(?:(?:a|an|also|general|broad|wide|widespread|strong|clear|overall|emerging|growing|considerable|near|some)\s+){0,4}"
    r"(?:consensus|agreement|convergence|(?:shared|common|general)\s+(?:understanding|view))"
    rf"(?:\s+(?:among|amongst|between)\s+{_PHRASE})?",
    _FLAGS,
)
CONSENSUS_ANYWHERE = re.compile(
    r"(?<![\w-])(?:a\s+)?(?:general|broad|clear|overall)\s+(?:consensus|agreement)(?![\w-])", _FLAGS
)
MEETING_SUBJECT = re.compile(
    r"(?<![\w-])(?P<phrase>(?:the|this)\s+(?:(?:informal|formal|thematic|interactive|plenary|panel|general|"
    r"high-level|first|second|third)\s+){0,4}(?:debate|meeting|discussions?|dialogue|deliberations|session|exchanges?)"
    rf"(?:\s+on\s+human\s+security)?){_ADVERBS}\s+{_VERB}",
    _FLAGS,
)
PRONOUN_SUBJECT = re.compile(
    rf"(?:^|[,;]\s*|(?<![\w-])(?:and|but|while)\s+)(?P<pronoun>they|he|she){_ADVERBS}\s+{_VERB}", _FLAGS
)
MENTION = re.compile(
    r"(?<![\w-])(?:panell?ists?|participants?|member\s+states?|delegations?|delegates?)(?![\w-])", _FLAGS
)
MOST_PART = re.compile(r"(?<![\w-])for\s+the\s+most\s+part(?![\w-])", _FLAGS)
# A subject right after one of these words is an object or a relative clause, not a speaker.
_NOT_A_SUBJECT = re.compile(
    r"(?<![\w-])(?:of|to|among|amongst|for|with|from|by|between|about|on|in|at|towards|into|than|which|whom|"
    r"whereby|whose)\s*$",
    _FLAGS,
)
_CLAUSE_BOUNDARY = re.compile(r"[,;:]\s*(?:(?:and|but|while|whereas|whilst|although|though|yet)\s+)?$", _FLAGS)

# One item of a list of speakers ("several panelists"), and the extent a quantity reads as (also used by
# akn.marks, so that the words it marks are the words this module reads).
SPEAKER_ITEM = re.compile(rf"(?:(?P<quantity>{_QUANTITY})\s+{_ADJECTIVES})?(?P<noun>{_NOUN}){_NOUN_BOUNDARY}", _FLAGS)
_QUANTITY_RES = [(extent, re.compile(rf"(?:{_spaced(pattern)})", _FLAGS)) for extent, pattern in QUANTITIES]
_NOUN_RES = [
    (slug, re.compile(_spaced(plural), _FLAGS), re.compile(_spaced(singular), _FLAGS), needs_quantity)
    for slug, plural, singular, needs_quantity in ACTOR_NOUNS
]


@dataclass
class Attribution:
    """An attribution found in a sentence: where it is, and the labels it gives."""

    start: int
    end: int
    actor_kinds: list[str]
    extent: str | None
    stance: str | None
    classified: bool = True
    reason: str = ""
    inherits: bool = False


def _stance_of(match):
    for index, (stance, _) in enumerate(STANCE_PHRASES):
        if match.group(f"v{index}"):
            return stance.value
    return None


def quantity_extent(quantity):
    for extent, pattern in _QUANTITY_RES:
        if pattern.fullmatch(quantity):
            return extent
    return None


def read_speakers(phrase: str) -> tuple[list[str], str | None]:
    """The actor kind slugs and the extent that a phrase such as "several panelists and participants" gives.

    The extent is the first explicit quantity in the phrase ("Panelists and many participants" → many);
    a singular noun without one is ``one`` ("the moderator"), a plural is ``unquantified``.  Nouns such
    as "States" or "countries" count only with a quantity ("some States"), so "States bear the primary
    responsibility" is no attribution.  Returns ``([], None)`` when no speaker is named.
    """
    kinds = []
    extent = None
    first_number = None
    for item in SPEAKER_ITEM.finditer(phrase):
        quantity = item.group("quantity")
        noun = item.group("noun")
        item_extent = quantity_extent(re.sub(r"\s+", " ", quantity.lower())) if quantity else None
        for slug, plural, singular, needs_quantity in _NOUN_RES:
            is_plural = bool(plural.fullmatch(noun))
            if not is_plural and not singular.fullmatch(noun):
                continue
            if needs_quantity and item_extent is None:
                break
            if slug not in kinds:
                kinds.append(slug)
            if extent is None and item_extent is not None:
                extent = item_extent
            if first_number is None:
                first_number = "plural" if is_plural else "singular"
            break
    if not kinds:
        return [], None
    if extent is None:
        extent = Extent.ONE if first_number == "singular" and "secretariat" not in kinds else Extent.UNQUANTIFIED
    return kinds, Extent(extent).value


def _tail_start(text, end, floor=0):
    """Where the last two words before ``end`` (and the spaces around them) begin, but not before ``floor``.

    Patterns anchored at ``end`` (``…$``) are searched from there only, so that each costs a few characters
    rather than the whole text before it: a sentence with many attributions stays linear.
    """
    position = end
    for _ in range(2):
        while position > floor and text[position - 1].isspace():
            position -= 1
        position = max(floor, position - 10)
    return position


def _is_subject_position(sentence, start):
    return not _NOT_A_SUBJECT.search(sentence, _tail_start(sentence, start), start)


def _with_adverbs(extent, stance, adverbs):
    words = set(re.findall(r"[a-z]+", (adverbs or "").lower()))
    if stance == Stance.AGREED and extent == Extent.UNQUANTIFIED and words & CONSENSUS_ADVERBS:
        return Extent.GENERAL_CONSENSUS.value
    return extent


def _overlapping(pattern, sentence):
    """Every match of ``pattern``, trying again one character after each match's start.

    A rejected subject ("… of Member States, participants stressed") must not hide the
    subject inside it ("participants stressed"); the duplicates are resolved afterwards.
    """
    position = 0
    while match := pattern.search(sentence, position):
        yield match
        position = match.start() + 1


def find_attributions(sentence: str) -> list[Attribution]:
    """Every attribution in ``sentence``, in order, overlapping finds resolved in favour of the classified one."""
    found = []

    for match in _overlapping(SUBJECT_VERB, sentence):
        if not _is_subject_position(sentence, match.start("phrase")):
            continue
        kinds, extent = read_speakers(match.group("phrase"))
        if kinds:
            stance = _stance_of(match)
            found.append(
                Attribution(
                    match.start("phrase"), match.end(), kinds, _with_adverbs(extent, stance, match["adverbs"]), stance
                )
            )

    for match in _overlapping(SUBJECT_UNKNOWN_VERB, sentence):
        verb = match.group("unknown")
        if verb.lower() in NON_REPORTING_VERBS or not _is_subject_position(sentence, match.start("phrase")):
            continue
        kinds, extent = read_speakers(match.group("phrase"))
        if kinds:
            reason = (
                f"“{match.group('phrase')}” reads as the speakers, but “{verb}” is not a verb of attribution "
                "the importer knows: choose the stance."
            )
            found.append(Attribution(match.start("phrase"), match.end(), kinds, extent, None, False, reason))

    for pattern in (INVERTED, PASSIVE_BY):
        for match in pattern.finditer(sentence):
            kinds, extent = read_speakers(match.group("phrase"))
            if kinds:
                found.append(Attribution(match.start(), match.end(), kinds, extent, _stance_of(match)))

    for match in ACCORDING_TO.finditer(sentence):
        kinds, extent = read_speakers(match.group("phrase"))
        if kinds:
            stance = Stance.CONSIDERED.value if match.group("view") else Stance.STATED.value
            found.append(Attribution(match.start(), match.end(), kinds, extent, stance))

    for match in IMPERSONAL.finditer(sentence):
        stance = _stance_of(match)
        extent = _with_adverbs(Extent.UNQUANTIFIED.value, stance, match["adverbs"])
        found.append(Attribution(match.start(), match.end(), [MEETING_SLUG], extent, stance))

    for match in CONSENSUS.finditer(sentence):
        kinds = read_speakers(match.group("phrase"))[0] if match.group("phrase") else []
        found.append(
            Attribution(
                match.start(), match.end(), kinds or [MEETING_SLUG], Extent.GENERAL_CONSENSUS.value, Stance.AGREED.value
            )
        )
    if not any(a.extent == Extent.GENERAL_CONSENSUS for a in found):
        for match in CONSENSUS_ANYWHERE.finditer(sentence):
            found.append(
                Attribution(
                    match.start(), match.end(), [MEETING_SLUG], Extent.GENERAL_CONSENSUS.value, Stance.AGREED.value
                )
            )

    for match in MEETING_SUBJECT.finditer(sentence):
        found.append(
            Attribution(
                match.start("phrase"), match.end(), [MEETING_SLUG], Extent.UNQUANTIFIED.value, _stance_of(match)
            )
        )

    for match in PRONOUN_SUBJECT.finditer(sentence):
        pronoun = match.group("pronoun")
        reason = f"“{pronoun}” is taken to be the speakers of the previous statement: check who is meant."
        found.append(
            Attribution(match.start("pronoun"), match.end(), [], None, _stance_of(match), False, reason, inherits=True)
        )

    # Accepted attributions do not overlap and are kept in order, so only the neighbours of a candidate
    # can overlap it (found by bisection: a sentence with many attributions stays fast).
    accepted = []
    starts = []
    for attribution in sorted(found, key=lambda a: (not a.classified, a.start, -(a.end - a.start))):
        index = bisect.bisect_right(starts, attribution.start)
        if index and accepted[index - 1].end > attribution.start:
            continue
        if index < len(accepted) and accepted[index].start < attribution.end:
            continue
        starts.insert(index, attribution.start)
        accepted.insert(index, attribution)
    return accepted


def _segments(sentence, attributions):
    """Cut a sentence between attributions that stand in separate clauses; return ``(start, end, attribution)``."""
    segments = []
    seg_start = 0
    current = []
    for attribution in attributions:
        floor = current[-1].end if current else 0
        boundary = _CLAUSE_BOUNDARY.search(
            sentence, _tail_start(sentence, attribution.start, floor), max(floor, attribution.start)
        )
        if current and boundary:
            segments.append((seg_start, boundary.start(), current))
            seg_start = attribution.start
            current = []
        current.append(attribution)
    segments.append((seg_start, len(sentence), current))
    result = []
    for start, end, group in segments:
        chosen = next((a for a in group if a.classified), group[0])
        result.append((start, end, chosen))
    return result


def classify_paragraph(text: str) -> list[ProposedStatement]:
    """The statements of a paragraph: each attributed sentence (or clause), verbatim, with proposed labels.

    Sentences with no attribution are not statements.  A sentence that mentions
    panelists, participants, Member States or delegations without a formula
    this module knows is returned with ``classified=False``, a ``reason``, and
    no actor kinds.
    """
    statements = []
    previous = None
    for sentence_start, sentence_end in sentence_spans(text):
        sentence = text[sentence_start:sentence_end]
        attributions = find_attributions(sentence)
        if not attributions:
            mention = MENTION.search(sentence)
            if mention:
                statements.append(
                    _statement(
                        text,
                        sentence_start,
                        sentence_end,
                        Attribution(
                            0,
                            0,
                            [],
                            None,
                            None,
                            False,
                            f"Mentions “{mention.group()}” but not as the speaker of a statement; "
                            "it is not saved unless someone adds an actor kind.",
                        ),
                        len(statements) + 1,
                    )
                )
            continue
        for start, end, attribution in _segments(sentence, attributions):
            if attribution.inherits:
                if previous is not None and previous.actor_kinds:
                    attribution.actor_kinds = list(previous.actor_kinds)
                    attribution.extent = previous.extent
                else:
                    attribution.reason = (
                        "Starts with a pronoun but no earlier statement in the paragraph says who is meant."
                    )
            if (
                attribution.actor_kinds
                and attribution.extent == Extent.UNQUANTIFIED
                and MOST_PART.search(sentence[start:end])
            ):
                attribution.extent = Extent.MOST.value
            statement = _statement(text, sentence_start + start, sentence_start + end, attribution, len(statements) + 1)
            statements.append(statement)
            previous = statement
    return statements


def _statement(text, start, end, attribution, order):
    statement_text = text[start:end].strip().rstrip(",;:").rstrip()
    themes, topics = propose_labels(statement_text)
    classified = attribution.classified and bool(attribution.actor_kinds) and attribution.stance is not None
    reason = attribution.reason
    if not classified and not reason:
        reason = "The attribution could not be read completely: check the labels."
    return ProposedStatement(
        order=order,
        text=statement_text,
        actor_kinds=list(attribution.actor_kinds),
        extent=attribution.extent,
        stance=attribution.stance,
        themes=themes,
        topics=topics,
        classified=classified,
        reason="" if classified else reason,
    )
