"""The facet registry: every public parameter that selects statements, declared once.

A :class:`Facet` says, for one parameter (or, for the years, a pair of them):

* how its query-string values are read and validated: the django-filter
  filters (and so the form fields, their error messages and the API schema
  they will give);
* its SQL condition on statements (:meth:`Facet.filter`);
* what the in-memory index keeps for it (:attr:`Facet.column`,
  :meth:`Facet.pairs`) and its bit set there (:meth:`Facet.bits`);
* the options it offers, with how many statements each would give
  (:meth:`Facet.options`);
* its label, its control on the explorer's form and how it shows in the
  list of filters in force (:meth:`Facet.active`).

The explorer, its exports, the theme, topic and participant pages, the debate
list's theme and topic filters and the list of filters in force read only
:data:`FACETS`; so will the API, the feeds and the alerts. Adding a parameter
is adding one declaration to :data:`FACETS` (``section`` was added that way).
"""

from dataclasses import dataclass
from functools import lru_cache, reduce
from itertools import islice
from operator import or_

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from debates.models import Debate, Participant, Theme, Topic
from panels.attribution import ACTOR_KIND_SLUGS, ActorKind, Extent, Scope, Stance
from panels.models import Intervention, Paragraph
from search.queries import filter_interventions
from search.syntax import MAX_QUERY_LENGTH

from . import terms, titles

FIRST_YEAR, LAST_YEAR = 1945, 2100
# The explorer's debate facet offers this many debates, those with the most matching statements.
DEBATE_FACET_SIZE = 20
# Translators: the first option of a filter's list, choosing no value (any theme, any topic…).
ANY = pgettext_lazy("filter option", "Any")


class IntegerFilter(django_filters.Filter):
    """A whole number (django-filter's NumberFilter takes decimals)."""

    field_class = forms.IntegerField


class YearFilter(IntegerFilter):
    """A year, compared with the year a debate began."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)


class SearchTextField(forms.CharField):
    """Free text for full-text search, at most :data:`search.queries.MAX_QUERY_LENGTH` characters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(**kwargs)


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField


@dataclass
class FacetOption:
    """One value of a facet: its query-string value, what it is called, and how many statements match.

    ``untranslated``: the label is a vocabulary term shown in English, for want of a translation into the
    page's language (:mod:`public.terms`); the explorer marks it.
    """

    value: str
    label: str
    count: int
    selected: bool
    pk: int | None = None
    untranslated: bool = False

    @property
    def option_text(self):
        """The label as an ``<option>`` shows it, where a mark can only be text."""
        return terms.Term("", self.value, self.label, fallback=self.untranslated).option_text

    @property
    def html(self):
        return terms.Term("", self.value, self.label, fallback=self.untranslated).html

    @property
    def note(self):
        """What the mark of an untranslated label says (an ``<option>``'s title)."""
        return terms.untranslated_note() if self.untranslated else ""


@dataclass(frozen=True)
class Pill:
    """A parameter in force as the list of filters shows it: ``drop`` is the value to remove (None: all of it).

    ``label`` and ``text`` are strings in the language of the request that made the pill (never lazy);
    ``untranslated``: ``text`` is a vocabulary term in English, for want of a translation (:mod:`public.terms`)."""

    param: str
    label: str
    text: str
    drop: str | None = None
    untranslated: bool = False

    @property
    def html(self):
        """``text`` as HTML, marked when it is an untranslated term."""
        return terms.Term("", self.param, self.text, fallback=self.untranslated).html


class Facet:
    """One parameter of the statements. Subclasses say how it is read, filtered, indexed and offered."""

    name = ""  # the key of its bit set and of its options; the parameter's name unless it has several
    label = ""
    widget = "select"  # its control on the explorer's form: select, checkboxes, text or years
    any_label = ANY
    help = ""
    # What the index reads for it: a column of the statement (a lookup from Intervention), whose values
    # are the keys of its bit sets (see keys()), and/or (statement id, key) pairs from pairs().
    column = None
    # "bits": one bit set per key; "positions": a sorted list of positions per key (many keys, few statements each).
    storage = "bits"

    @property
    def params(self):
        return (self.name,)

    def filters(self):
        """``{parameter: django_filters.Filter}``: how the query string is read and validated."""
        raise NotImplementedError

    def value(self, data):
        """The facet's value in the cleaned form ``data``, or None when it is not in force."""
        value = data.get(self.name)
        empty = value is None or (isinstance(value, str | list | tuple | QuerySet) and not value)
        return None if empty else value

    def clean(self, data, form):
        """Checks across the facet's parameters; add errors to ``form``."""

    def filter(self, queryset, value):
        """The statements of ``queryset`` that ``value`` keeps: the SQL condition."""
        raise NotImplementedError

    def bits(self, index, value):
        """The statements ``value`` keeps, as a bit set of ``index`` (a :class:`public.facet_index.FacetIndex`)."""
        return index.value(self.name, value)

    def keys(self, raw):
        """The index keys of a value read from :attr:`column`."""
        return () if raw is None else (raw,)

    def pairs(self):
        """``(statement id, key)`` rows the index also reads, or None."""
        return None

    def index_labels(self, keys):
        """What the index keeps to label the keys it found (read once per index, not per request)."""
        return None

    def options(self, index, base, value, pinned=()):
        """Each option with the count of ``base`` (the other parameters' selection) it keeps; None: no options."""
        return None

    def active(self, value, options):
        """The :class:`Pill` objects that show ``value`` in the list of filters in force."""
        labels = {option.value: option.label for option in options or ()}
        shown = self.query_value(value)
        return [Pill(self.name, str(self.label), str(labels.get(shown, shown)))]

    def query_value(self, value):
        """``value`` as the query string writes it."""
        return str(value)


class ChoiceFacet(Facet):
    """A statement attribute with a fixed list of values: ``choices`` is ``[(query value, label, index key)]``.

    ``vocabulary``: the values are a vocabulary of the codebook (actor kinds, extents…), whose labels are
    English and translated by :mod:`public.terms`; else the labels are lazy (the models' choices) and each
    request reads them in its own language.
    """

    def __init__(self, name, label, *, column, choices, any_label=ANY, vocabulary=None):
        self.name, self.label, self.column, self.any_label = name, label, column, any_label
        self.choices = list(choices)
        self.key_of = {slug: key for slug, _, key in self.choices}
        self.vocabulary = vocabulary

    @classmethod
    def of(cls, name, label, *, column, choices, any_label=ANY, vocabulary=None):
        """A facet whose query values are the stored values: ``choices`` is Django's ``[(value, label)]``."""
        choices = [(v, text, v) for v, text in choices]
        return cls(name, label, column=column, choices=choices, any_label=any_label, vocabulary=vocabulary)

    def term(self, slug, text):
        """The value ``slug`` (English ``text``) in the request's language."""
        if self.vocabulary:
            return terms.attribution_term(self.vocabulary, slug)
        return terms.Term("", slug, str(text))

    def active(self, value, options):
        found = {slug: text for slug, text, _ in self.choices}
        term = self.term(value, found[value]) if value in found else terms.Term("", str(value), str(value))
        return [Pill(self.name, str(self.label), term.label, untranslated=term.fallback)]

    def filters(self):
        choices = [(slug, text) for slug, text, _ in self.choices]
        return {self.name: django_filters.ChoiceFilter(choices=choices, label=self.label)}

    def filter(self, queryset, value):
        return queryset.filter(**{self.column: self.key_of[value]})

    def bits(self, index, value):
        return index.value(self.name, self.key_of[value])

    def options(self, index, base, value, pinned=()):
        options = []
        for slug, text, key in self.choices:
            term = self.term(slug, text)
            count = (base & index.value(self.name, key)).bit_count()
            options.append(FacetOption(slug, term.label, count, slug == value, untranslated=term.fallback))
        return options


class ActorFacet(ChoiceFacet):
    """Actor kinds are a bit set per statement: a statement by "panelists and participants" has both."""

    def filter(self, queryset, value):
        return queryset.with_actor_kind(ActorKind(self.key_of[value]))

    def keys(self, raw):
        return [kind.value for kind in ActorKind.decompose(raw)]


class TermFacet(Facet):
    """A vocabulary (themes, topics) filed on statements through a many-to-many relation."""

    def __init__(self, name, label, *, model, relation, multiple, widget="select", any_label=ANY, legend=""):
        self.name, self.label, self.model, self.relation = name, label, model, relation
        self.multiple, self.widget, self.any_label, self.legend = multiple, widget, any_label, legend

    def filters(self):
        kind = django_filters.ModelMultipleChoiceFilter if self.multiple else django_filters.ModelChoiceFilter
        return {self.name: kind(queryset=self.model.objects.all(), to_field_name="slug", label=self.label)}

    def terms(self, value):
        return list(value) if self.multiple else [value]

    def filter(self, queryset, value):
        through = self.relation.through.objects.filter(
            intervention=OuterRef("pk"), **{f"{self.name}__in": self.terms(value)}
        )
        return queryset.filter(Exists(through))

    def bits(self, index, value):
        return reduce(or_, (index.value(self.name, term.pk) for term in self.terms(value)), 0)

    def pairs(self):
        return self.relation.through.objects.order_by().values_list("intervention_id", f"{self.name}_id")

    def index_labels(self, keys):
        # Every term, counted or not, with its English name: the options translate it for each request.
        return list(self.model.objects.values_list("pk", "slug", "name"))

    def options(self, index, base, value, pinned=()):
        chosen = {term.pk for term in self.terms(value)} if value else set()
        options = []
        for pk, slug, name in index.labels[self.name]:
            term = terms.term(self.name, slug, name)
            count = (base & index.value(self.name, pk)).bit_count()
            options.append(FacetOption(slug, term.label, count, pk in chosen, pk, untranslated=term.fallback))
        return options

    def active(self, value, options):
        pills = []
        for record in self.terms(value):
            term = terms.record_term(record)
            drop = record.slug if self.multiple else None
            pills.append(Pill(self.name, str(self.label), term.label, drop, untranslated=term.fallback))
        return pills

    def query_value(self, value):
        return value.slug

    def with_counts(self, index):
        """Every term, in order, with ``intervention_count`` and ``debate_count`` of published statements."""
        terms = list(self.model.objects.all())
        for term in terms:
            term.intervention_count = index.value(self.name, term.pk).bit_count()
            term.debate_count = index.debates_with(self.name, term.pk)
        return terms


class DebateFacet(Facet):
    """One published debate; its statements are a range of the index's reading order."""

    name, label, any_label = "debate", _("Debate"), _("Any debate")

    def filters(self):
        return {
            self.name: django_filters.ModelChoiceFilter(
                queryset=Debate.objects.published(), to_field_name="slug", label=self.label
            )
        }

    def filter(self, queryset, value):
        return queryset.filter(debate=value)

    def bits(self, index, value):
        return index.debate(value.pk)

    def query_value(self, value):
        return value.slug

    def options(self, index, base, value, pinned=()):
        """The chosen debate, the ``pinned`` ones and the :data:`DEBATE_FACET_SIZE` others with most statements."""
        counts = index.counts_per_debate(base)
        pinned = set(pinned) | ({value.pk} if value else set())
        others = list(islice((pk for pk in index.debates_by_count(base) if pk not in pinned), DEBATE_FACET_SIZE))
        labels = index.labels_of_debates
        shown = sorted((pk for pk in {*pinned, *others} if pk in labels), key=lambda pk: (labels[pk][2], pk))
        return [
            FacetOption(
                labels[pk][0],
                f"{labels[pk][2]:%Y}: {titles.translated_title(pk, labels[pk][1])}",
                counts.get(pk, 0),
                value is not None and pk == value.pk,
                pk,
            )
            for pk in shown
        ]


class ParticipantFacet(Facet):
    """A named participant: the statements they speak, and those that name them as taking the position."""

    name, label, any_label = "participant", _("Named participant"), _("Anyone")
    column = "participant_id"
    storage = "positions"  # thousands of participants with a few statements each

    def filters(self):
        return {
            self.name: django_filters.ModelChoiceFilter(
                queryset=Participant.objects.public(), to_field_name="slug", label=self.label
            )
        }

    def filter(self, queryset, value):
        named = Intervention.named_participants.through.objects.filter(intervention=OuterRef("pk"), participant=value)
        return queryset.filter(Q(participant=value) | Exists(named))

    def bits(self, index, value):
        return index.positions_bits(self.name, value.pk)

    def count(self, index, pk):
        """How many published statements participant ``pk`` speaks or is named in."""
        return len(index.positions[self.name].get(pk, ()))

    def pairs(self):
        return Intervention.named_participants.through.objects.order_by().values_list(
            "intervention_id", "participant_id"
        )

    def index_labels(self, keys):
        named = Participant.objects.filter(pk__in=keys).values_list("pk", "slug", "name")
        return {pk: (slug, name) for pk, slug, name in named}

    def query_value(self, value):
        return value.slug

    def options(self, index, base, value, pinned=()):
        counts = index.counts_per_key(self.name, base)
        labels = index.labels[self.name]
        options = [
            FacetOption(labels[pk][0], labels[pk][1], count, value is not None and pk == value.pk, pk)
            for pk, count in counts.items()
        ]
        if value is not None and value.pk not in counts:
            options.append(FacetOption(value.slug, value.name, 0, True, value.pk))
        return sorted(options, key=lambda option: (option.label, option.value))


class YearFacet(Facet):
    """The years a debate began in, from ``year_from`` to ``year_to`` (either may be left out)."""

    name, label, widget = "year", _("Years"), "years"
    labels = {"year_from": _("From year"), "year_to": _("To year")}
    # parameter, id, label
    inputs = [("year_from", "year-from", labels["year_from"]), ("year_to", "year-to", labels["year_to"])]
    bounds = (FIRST_YEAR, LAST_YEAR)

    @property
    def params(self):
        return ("year_from", "year_to")

    def filters(self):
        return {param: YearFilter(label=self.labels[param]) for param in self.params}

    def value(self, data):
        first, last = data.get("year_from"), data.get("year_to")
        return None if first is None and last is None else (first, last)

    def clean(self, data, form):
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            message = gettext("Give a year from %(first)s on, not %(last)s.") % {"first": first, "last": last}
            form.add_error("year_to", message)

    def filter(self, queryset, value):
        first, last = value
        if first is not None:
            queryset = queryset.filter(debate__start_date__year__gte=first)
        if last is not None:
            queryset = queryset.filter(debate__start_date__year__lte=last)
        return queryset

    def bits(self, index, value):
        return index.year_range(*value)

    def active(self, value, options):
        return [
            Pill(param, str(self.labels[param]), str(year))
            for param, year in zip(self.params, value, strict=True)
            if year is not None
        ]


class WordsFacet(Facet):
    """Words, searched in the statements' text with the site search's syntax (search/queries.py)."""

    # Translators: a filter of the explorer: words to find in the statements.
    name, label, widget = "q", _("Words"), "text"
    max_length = MAX_QUERY_LENGTH

    @property
    def help(self):
        """How to write words here, in the active language: a string, as the API's parameters join it."""
        # Translators: how to write a search. Keep the straight quotation marks, the minus sign and the word "or" as
        # they are: the search reads them.
        return gettext('"a phrase", -excluded, this or that')

    def filters(self):
        return {self.name: SearchTextFilter(label=self.label)}

    def filter(self, queryset, value):
        return filter_interventions(queryset, value)

    def bits(self, index, value):
        matching = filter_interventions(Intervention.objects.published(), value).order_by().values_list("pk", flat=True)
        return index.words_matching(value, lambda: matching.iterator(chunk_size=20_000))


FACETS = [
    WordsFacet(),
    TermFacet(
        "theme",
        _("Theme"),
        model=Theme,
        relation=Intervention.themes,
        multiple=True,
        widget="checkboxes",
        # Translators: the heading of the explorer's theme checkboxes: statements filed under any of those ticked.
        legend=_("Themes (any of)"),
    ),
    DebateFacet(),
    TermFacet("topic", _("Topic"), model=Topic, relation=Intervention.topics, multiple=False, any_label=_("Any topic")),
    ChoiceFacet.of(
        "section",
        # Translators: a filter: the part of a debate's summary a statement is in (introduction, conclusion…).
        _("Section"),
        column="paragraph__section",
        choices=Paragraph.Section.choices,
        any_label=_("Any section"),
    ),
    ActorFacet(
        "actor",
        # Translators: a filter: who made a statement, by role (panelist, Member State…).
        _("Actor"),
        column="actor_kinds",
        choices=[(slug, kind.label, kind.value) for kind, slug in ACTOR_KIND_SLUGS.items()],
        any_label=_("Any actor"),
        vocabulary="actor",
    ),
    ChoiceFacet.of(
        "extent",
        # Translators: a filter: how many of the actors made a statement (one, some, most…).
        _("Extent"),
        column="extent",
        choices=Extent.choices,
        any_label=_("Any extent"),
        vocabulary="extent",
    ),
    ChoiceFacet.of(
        "stance",
        # Translators: a filter: what a statement does (expressed concern, called for…).
        _("Stance"),
        column="stance",
        choices=Stance.choices,
        any_label=_("Any stance"),
        vocabulary="stance",
    ),
    ChoiceFacet.of(
        "scope",
        # Translators: a filter: what a statement is about (human security as a whole, the meeting itself…).
        pgettext_lazy("filter: what a statement is about", "About"),
        column="scope",
        choices=Scope.choices,
        # Translators: the first option of the "About" filter, choosing no value.
        any_label=_("Anything"),
        vocabulary="scope",
    ),
    ParticipantFacet(),
    YearFacet(),
]
FACET = {facet.name: facet for facet in FACETS}
PARAMS = {param for facet in FACETS for param in facet.params}


def explorer_url(**params):
    """The explorer's address for ``params``, parameters of :data:`FACETS` (empty ones are left out).

    A debate page links every label of every statement to the explorer, hundreds of links from a few
    dozen distinct values: each distinct link is built once per URL configuration and script prefix.
    """
    unknown = set(params) - PARAMS
    if unknown:
        raise ValueError(f"The explorer has no parameter {', '.join(sorted(unknown))}.")
    items = tuple(
        (name, tuple(value) if isinstance(value, list | tuple) else str(value))
        for name, value in params.items()
        if value not in (None, "")
    )
    return _explorer_url(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language(), items)


@lru_cache(maxsize=4096)
def _explorer_url(urlconf, script_prefix, language, items):
    """``script_prefix`` and ``language`` only key the memory: ``reverse()`` reads them itself (a language's
    addresses may have its prefix, ``/fr/…``)."""
    path = reverse("public:intervention-list", urlconf=urlconf)
    query = urlencode(items, doseq=True)
    return f"{path}?{query}" if query else path
