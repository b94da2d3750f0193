"""The archive's coding vocabularies as the codebook shows them: each value with its definition, count and examples.

Counts and examples come from the explorer's index of the published statements
(:mod:`public.facet_index`), so the codebook gives the very numbers the
explorer gives for the same filter, and reads no statement to count: a count is
a popcount, the examples are the first statements in reading order having the
value.  The example statements are then fetched in one query for the whole
codebook.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from debates.models import Theme, Topic
from panels.attribution import ActorKind, Extent, Scope, Stance
from panels.models import Intervention
from public import terms
from public.registry import FACET, explorer_url

EXAMPLES_PER_ENTRY = 3

# The words of a summary that give each extent, as a coder reads them; the codebook's rules list them in this
# order. The importer proposes the same extent for each (tests/codebook/test_codebook.py checks it), except
# "for the most part" and "others", which it leaves for the coder to read.
EXTENT_CUES = [
    (Extent.ONE, ["one", "a", "an", "a single"]),
    (Extent.SOME, ["some", "a few", "few"]),
    (Extent.SEVERAL, ["several", "a number of"]),
    (Extent.MANY, ["many", "a great many", "numerous"]),
    (Extent.MOST, ["most", "the majority of", "almost all", "for the most part"]),
    (Extent.SIGNIFICANT_NUMBER, ["a significant number of", "a considerable number of", "a large number of"]),
    (Extent.GENERAL_CONSENSUS, ["general consensus", "a shared understanding", "all", "broadly agreed"]),
    (Extent.UNQUANTIFIED, []),  # no number: a group named without a quantity
    (Extent.OTHER, ["other", "others", "another"]),
]


@dataclass
class Entry:
    """One value of a vocabulary: what it means, how many published statements have it, and some of them.

    ``label`` and ``definition`` are plain text in the active language; ``term`` is the same as a
    :class:`public.terms.Term`, which the page shows marked where it is English for want of a translation.
    """

    vocabulary: str
    value: str
    label: str
    definition: str
    count: int
    term: terms.Term | None = field(default=None, repr=False)
    search_variants: list = field(default_factory=list)  # other names the site search finds it by
    example_ids: list = field(default_factory=list, repr=False)
    examples: list = field(default_factory=list, repr=False)

    @property
    def anchor(self):
        """``extent-one``, ``theme-freedom-from-fear``, …: other pages link to the entry by it."""
        return f"{self.vocabulary}-{self.value}"

    @property
    def explorer_url(self):
        return explorer_url(**{self.vocabulary: self.value})


@dataclass
class Vocabulary:
    """A coding vocabulary; ``name`` is also the explorer's parameter for it and the prefix of its anchors."""

    name: str
    title: str
    question: str
    entries: list


def vocabularies(index):
    """Every vocabulary with its entries, counted on ``index`` (a :class:`public.facet_index.FacetIndex`).

    A value without a definition gets an empty one, so that the page still shows it and the
    codebook's tests name it.

    The titles, questions, labels and definitions are in the active language, as strings: the page shows them
    in the page's (the terms as :mod:`public.terms` translates them); the downloads, which are data, ask for
    them in English (:class:`codebook.views.CodebookDownloadView`), the terms' own language.
    """

    def entry(name, value, facet_value, term, variants=()):
        selected = FACET[name].bits(index, facet_value)  # counted as the explorer counts it
        return Entry(
            vocabulary=name,
            value=value,
            label=term.label,
            definition=term.description or "",
            term=term,
            search_variants=list(variants),
            count=selected.bit_count(),
            example_ids=index.page(selected, 0, EXAMPLES_PER_ENTRY) if selected else [],
        )

    def fixed(name, members, value_of=lambda member: member.value):
        # i18n: also used in /codebook.json and /codebook.csv, made under translation.override("en").
        return [entry(name, value_of(m), value_of(m), terms.attribution_term(name, value_of(m))) for m in members]

    def rows(name, model):
        facet = FACET[name]
        return [
            entry(name, term.slug, [term] if facet.multiple else term, terms.record_term(term), term.names[1:])
            for term in model.objects.all()
        ]

    # i18n: the titles and questions are also used in /codebook.json and /codebook.csv, made under
    # translation.override("en").
    return [
        Vocabulary(
            "actor",
            # Translators: a heading of the codebook: the vocabulary of who made a statement, by role.
            gettext("Actor kinds"),
            gettext(
                "Who made the statement, by role. A statement has one or several: "
                "'panelists and participants' is both, and is counted under each."
            ),
            fixed("actor", ActorKind, value_of=lambda kind: kind.slug),
        ),
        Vocabulary(
            "extent",
            # Translators: a heading of the codebook: the vocabulary of how many made a statement.
            gettext("Extent"),
            gettext("How many of those actors the summary says made the statement. Exactly one per statement."),
            fixed("extent", Extent),
        ),
        Vocabulary(
            "stance",
            # Translators: a heading of the codebook: the vocabulary of what a statement does.
            gettext("Stance"),
            gettext("What the statement does, read from its verb of attribution. Exactly one per statement."),
            fixed("stance", Stance),
        ),
        Vocabulary(
            "scope",
            # Translators: a heading of the codebook: the vocabulary of what a statement is about.
            gettext("Scope"),
            gettext(
                "What the statement is about as far as the three freedoms go: the theme coding's decision. "
                "Exactly one per statement."
            ),
            fixed("scope", Scope),
        ),
        Vocabulary(
            "theme",
            gettext("Themes"),
            # Translators: 'freedoms' is a value of the codebook (scope=freedoms): keep it as it is.
            gettext(
                "The three freedoms of human security. A statement of scope 'freedoms' is filed under one or several; "
                "the others under none."
            ),
            rows("theme", Theme),
        ),
        Vocabulary(
            "topic",
            gettext("Topics"),
            gettext("The subjects the debates argued about. A statement may be filed under none, one or several."),
            rows("topic", Topic),
        ),
    ]


def attach_examples(found):
    """Fill each entry's ``examples`` with its published example statements, fetched in one query."""
    wanted = {pk for vocabulary in found for entry in vocabulary.entries for pk in entry.example_ids}
    statements = Intervention.objects.published().select_related("debate", "paragraph__panel").in_bulk(wanted)
    for vocabulary in found:
        for entry in vocabulary.entries:
            entry.examples = [statements[pk] for pk in entry.example_ids if pk in statements]
    return found
