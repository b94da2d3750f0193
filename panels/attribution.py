"""How UN summaries attribute a statement: who (actor kinds), how many (extent) and what it does (stance).

Summaries of informal debates rarely name speakers.  They say "One panelist
suggested…", "Some participants expressed concern…", "There was general
consensus…".  The archive records that attribution as it is written:

* **actor kinds**, one or several per statement ("panelists and participants"
  is both).  They are stored as a bit set in one integer column so that the
  database itself can refuse a statement with no actor kind (a check
  constraint) and a filter or facet count reads one row per statement, with no
  join.  The bit of each kind is part of the stored data and never changes;
  new kinds take new bits.
* **extent**, the quantity the sentence gives (``one``, ``some``, …).
* **stance**, the verb of attribution (``suggested``, ``expressed-concern``, …).

The vocabularies are plain Python enums, with no Django import, so that the
summary importer (``panels.importer``: plain text in, a proposal out) reads
and tests them without Django.  They stay in this module, which every caller
already imports, rather than moving to a new one: there is no second name to
keep in step.  Each member has a human ``label``; ``X.choices`` and
``X.values`` give what Django's ``choices=`` and check constraints expect,
as Django's own ``Choices`` do.  The model field that stores a set of actor
kinds, its form field and its lookups are Django's, in :mod:`panels.fields`.
"""

import enum


class _VocabularyType(enum.EnumType):
    """An enum whose members are declared as ``NAME = value, "Label"``, as Django's ``Choices`` are."""

    def __new__(metacls, classname, bases, classdict, **kwargs):
        labels = {}
        for name in classdict._member_names:
            value, labels[name] = classdict[name]
            # The enum's own dict refuses a second assignment to a member name.
            dict.__setitem__(classdict, name, value)
        cls = super().__new__(metacls, classname, bases, classdict, **kwargs)
        for name, label in labels.items():
            cls[name]._label_ = label
        return enum.unique(cls)

    @property
    def choices(cls):
        """``[(value, label), …]`` with plain values, as a Django field's ``choices`` takes them."""
        return [(member.value, member.label) for member in cls]

    @property
    def values(cls):
        """The plain values, in declaration order."""
        return [member.value for member in cls]


class _Labelled:
    """The ``label`` of a vocabulary member: the words a person reads."""

    @enum.property
    def label(self):
        return self._label_


class ActorKind(_Labelled, enum.IntFlag, metaclass=_VocabularyType):
    """Who made a statement, by role. Values are bits: never renumber them."""

    PANELIST = 1 << 0, "Panelist"
    PARTICIPANT = 1 << 1, "Participant"
    MEMBER_STATE = 1 << 2, "Member State"
    CHAIR = 1 << 3, "Chair"
    KEYNOTE = 1 << 4, "Keynote speaker"
    SECRETARIAT = 1 << 5, "Secretariat"
    MODERATOR = 1 << 6, "Moderator"
    MEETING = 1 << 7, "The meeting as a whole"

    @property
    def slug(self):
        return ACTOR_KIND_SLUGS[self]

    @classmethod
    def from_slug(cls, slug):
        """Return the kind whose slug is ``slug``; raise ``KeyError`` for an unknown slug."""
        return SLUG_ACTOR_KINDS[slug]

    @classmethod
    def decompose(cls, mask):
        """The kinds set in ``mask``, in declaration order."""
        return [kind for kind in cls if mask & kind]


ACTOR_KIND_SLUGS = {
    ActorKind.PANELIST: "panelist",
    ActorKind.PARTICIPANT: "participant",
    ActorKind.MEMBER_STATE: "member-state",
    ActorKind.CHAIR: "chair",
    ActorKind.KEYNOTE: "keynote",
    ActorKind.SECRETARIAT: "secretariat",
    ActorKind.MODERATOR: "moderator",
    ActorKind.MEETING: "meeting",
}
SLUG_ACTOR_KINDS = {slug: kind for kind, slug in ACTOR_KIND_SLUGS.items()}
ALL_ACTOR_KINDS_MASK = sum(ActorKind.values)

ACTOR_KIND_DESCRIPTIONS = {
    ActorKind.PANELIST: "A member of a panel, speaking as an expert ('one panelist suggested').",
    ActorKind.PARTICIPANT: "Someone taking part from the floor: delegations, observers ('some participants').",
    ActorKind.MEMBER_STATE: "A Member State or its delegation, named as such ('Member States felt').",
    ActorKind.CHAIR: "The presiding officer, usually the President of the General Assembly.",
    ActorKind.KEYNOTE: "The keynote speaker.",
    ActorKind.SECRETARIAT: "The Secretary-General, the Deputy Secretary-General or another UN official.",
    ActorKind.MODERATOR: "The moderator of a panel.",
    ActorKind.MEETING: "The meeting as a whole: collective findings ('The debate emphasized', 'It was stressed').",
}


class Extent(_Labelled, enum.StrEnum, metaclass=_VocabularyType):
    """How many of the actors the summary says made the statement."""

    ONE = "one", "One"
    OTHER = "other", "Other"
    SOME = "some", "Some"
    SEVERAL = "several", "Several"
    MANY = "many", "Many"
    MOST = "most", "Most"
    SIGNIFICANT_NUMBER = "significant-number", "A significant number"
    GENERAL_CONSENSUS = "general-consensus", "General consensus"
    UNQUANTIFIED = "unquantified", "Unquantified"


EXTENT_DESCRIPTIONS = {
    Extent.ONE: "A single speaker: 'one panelist suggested'.",
    Extent.OTHER: "Further speakers set against those just mentioned: 'other participants suggested'.",
    Extent.SOME: "'Some participants expressed concern'.",
    Extent.SEVERAL: "'Several panelists noted'.",
    Extent.MANY: "'Many participants supported'.",
    Extent.MOST: "'For the most part, Member States … felt'.",
    Extent.SIGNIFICANT_NUMBER: "'A significant number of interventions considered'.",
    Extent.GENERAL_CONSENSUS: "'There was general consensus', 'a shared understanding'.",
    Extent.UNQUANTIFIED: "A group named without a number: 'panelists stated', 'it was stressed'.",
}


class Stance(_Labelled, enum.StrEnum, metaclass=_VocabularyType):
    """What the statement does, from its verb of attribution."""

    AGREED = "agreed", "Agreed"
    ASSERTED = "asserted", "Asserted"
    CALLED_FOR = "called-for", "Called for"
    CAUTIONED = "cautioned", "Cautioned"
    CONSIDERED = "considered", "Considered"
    DISCUSSED = "discussed", "Discussed"
    DREW_ATTENTION = "drew-attention", "Drew attention"
    EMPHASIZED = "emphasized", "Emphasized"
    EXPRESSED_CONCERN = "expressed-concern", "Expressed concern"
    HIGHLIGHTED = "highlighted", "Highlighted"
    INTRODUCED = "introduced", "Introduced"
    NOTED = "noted", "Noted"
    PRESENTED = "presented", "Presented"
    PROPOSED = "proposed", "Proposed"
    QUESTIONED = "questioned", "Questioned"
    RECALLED = "recalled", "Recalled"
    REITERATED = "reiterated", "Reiterated"
    STATED = "stated", "Stated"
    STRESSED = "stressed", "Stressed"
    SUGGESTED = "suggested", "Suggested"
    SUPPORTED = "supported", "Supported"
    URGED = "urged", "Urged"


class Scope(_Labelled, enum.StrEnum, metaclass=_VocabularyType):
    """What a statement is about, as far as the three freedoms go: the theme coding's recorded decision."""

    FREEDOMS = "freedoms", "One or more of the three freedoms"
    WHOLE = "whole", "Human security as a whole"
    PROCEDURAL = "procedural", "Procedural"


SCOPE_DESCRIPTIONS = {
    Scope.FREEDOMS: "The statement is about freedom from fear, freedom from want or freedom to live in dignity "
    "(one or several): it is filed under each freedom it names or plainly concerns.",
    Scope.WHOLE: "The statement is about human security as a concept or an approach, without being about any one "
    "freedom more than the others: its definition, its added value, its relation to sovereignty.",
    Scope.PROCEDURAL: "The statement is about the meeting itself: who presented what, how the debate was organised, "
    "what it was meant to feed into.",
}


STANCE_DESCRIPTIONS = {
    Stance.AGREED: "Shared or converging views: 'there was general consensus', 'participants agreed', "
    "'a shared understanding'.",
    Stance.ASSERTED: "A position put firmly, as a claim: 'argued that', 'maintained', 'insisted', 'made the case'.",
    Stance.CALLED_FOR: "A demand or appeal for action: 'called for', 'called on Member States to', 'requested'.",
    Stance.CAUTIONED: "A warning of a risk: 'cautioned that', 'warned against'.",
    Stance.CONSIDERED: "An opinion or a judgement: 'considered', 'felt', 'believed', 'were of the view that'.",
    Stance.DISCUSSED: "A subject talked over, without a position taken: 'discussed', 'exchanged views on', "
    "'reflected on'.",
    Stance.DREW_ATTENTION: "A matter pointed out for others to look at: 'drew attention to', 'pointed to'.",
    Stance.EMPHASIZED: "Weight put on a point: 'emphasized', 'underlined', 'underscored'.",
    Stance.EXPRESSED_CONCERN: "Worry or reservations: 'expressed concern over', 'raised concerns', 'feared'.",
    Stance.HIGHLIGHTED: "A point singled out as notable: 'highlighted the added value of'.",
    Stance.INTRODUCED: "A new subject brought into the debate: 'introduced', 'raised the issue of', 'brought up'.",
    Stance.NOTED: "An observation or acknowledgement: 'noted', 'observed', 'pointed out', 'recognized'.",
    Stance.PRESENTED: "An account, a report or perspectives laid out: 'presented', 'described', 'outlined'.",
    Stance.PROPOSED: "A concrete proposal put forward: 'proposed', 'put forward', 'advanced'.",
    Stance.QUESTIONED: "Doubt or a challenge: 'questioned', 'asked whether', 'expressed doubts', 'raised questions'.",
    Stance.RECALLED: "Reference to an earlier text, event or commitment: 'recalled', 'referred to', 'cited'.",
    Stance.REITERATED: "A position said again: 'reiterated', 'reaffirmed', 'restated', 'echoed'.",
    Stance.STATED: "A plain report of what was said, with no stronger verb: 'stated', 'said', 'explained', 'added'.",
    Stance.STRESSED: "Insistence on a point: 'stressed', 'it was stressed that', 'laid stress on'.",
    Stance.SUGGESTED: "A tentative idea or recommendation: 'suggested', 'recommended', 'advised'.",
    Stance.SUPPORTED: "Backing for an idea, a role or a text: 'supported', 'endorsed', 'welcomed', "
    "'spoke in favour of'.",
    Stance.URGED: "Pressing others to act: 'urged', 'encouraged', 'invited … to'.",
}
