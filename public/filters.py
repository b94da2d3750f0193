"""The public lists' filters: one django-filter FilterSet per list, with facet counts for the explorer.

Every FilterSet reads the query string through :class:`public.forms.QueryForm`,
so an unknown slug, a malformed number, a repeated single-value parameter or
an unreadable character is a form error naming the parameter; the views answer
those with a 400 page.
"""

from dataclasses import dataclass
from functools import cached_property, reduce
from itertools import islice
from operator import and_, or_

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from caching.stamp import request_stamp
from debates.models import Debate, Participant, Theme, Topic
from panels.attribution import ACTOR_KIND_SLUGS, ActorKind, Extent, Scope, Stance
from panels.models import Intervention, Participation
from search.queries import MAX_QUERY_LENGTH, filter_interventions

from .facet_index import facet_index
from .forms import InterventionQueryForm, QueryForm

FIRST_YEAR, LAST_YEAR = 1945, 2100
# The explorer's debate facet offers this many debates, those with the most matching statements.
DEBATE_FACET_SIZE = 20


def public_participants():
    """Named participants of published debates: with a part in one, a statement they speak, or one that names them."""
    published = Debate.Status.PUBLISHED
    named = Intervention.named_participants.through.objects.filter(
        participant=OuterRef("pk"), intervention__debate__status=published
    )
    return Participant.objects.filter(
        Exists(Participation.objects.filter(participant=OuterRef("pk"), debate__status=published))
        | Exists(Intervention.objects.filter(participant=OuterRef("pk"), debate__status=published))
        | Exists(named)
    )


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


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet whose form refuses bad query strings (see :class:`public.forms.QueryForm`)."""

    class Meta:
        form = QueryForm


class DebateFilterSet(StrictFilterSet):
    """``/debates/``: published debates by year, session, kind, theme and topic."""

    year = YearFilter(field_name="start_date", lookup_expr="year", label="Year")
    session = IntegerFilter(field_name="session", label="Session", min_value=1, max_value=999)
    kind = django_filters.ChoiceFilter(choices=Debate.Kind.choices, label="Kind", empty_label="Any kind")
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), to_field_name="slug", method="filter_theme", label="Theme", empty_label="Any"
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(), to_field_name="slug", method="filter_topic", label="Topic", empty_label="Any"
    )

    class Meta(StrictFilterSet.Meta):
        model = Debate
        fields = []

    def filter_theme(self, queryset, name, theme):
        return queryset.filter(Exists(Intervention.objects.filter(debate=OuterRef("pk"), themes=theme)))

    def filter_topic(self, queryset, name, topic):
        return queryset.filter(Exists(Intervention.objects.filter(debate=OuterRef("pk"), topics=topic)))


@dataclass
class FacetOption:
    """One value of a facet: its query-string value, what it is called, and how many statements match."""

    value: str
    label: str
    count: int
    selected: bool
    pk: int | None = None


class InterventionFilterSet(StrictFilterSet):
    """``/interventions/`` and its exports: published statements by every attribute the archive records."""

    debate = django_filters.ModelChoiceFilter(queryset=Debate.objects.published(), to_field_name="slug", label="Debate")
    theme = django_filters.ModelMultipleChoiceFilter(
        queryset=Theme.objects.all(), to_field_name="slug", method="filter_themes", label="Theme"
    )
    topic = django_filters.ModelChoiceFilter(
        queryset=Topic.objects.all(), to_field_name="slug", field_name="topics", label="Topic"
    )
    actor = django_filters.ChoiceFilter(
        choices=[(slug, kind.label) for kind, slug in ACTOR_KIND_SLUGS.items()], method="filter_actor", label="Actor"
    )
    extent = django_filters.ChoiceFilter(choices=Extent.choices, label="Extent")
    stance = django_filters.ChoiceFilter(choices=Stance.choices, label="Stance")
    scope = django_filters.ChoiceFilter(choices=Scope.choices, label="About")
    participant = django_filters.ModelChoiceFilter(
        queryset=public_participants(), to_field_name="slug", method="filter_participant", label="Named participant"
    )
    year_from = YearFilter(field_name="debate__start_date", lookup_expr="year__gte", label="From year")
    year_to = YearFilter(field_name="debate__start_date", lookup_expr="year__lte", label="To year")
    q = SearchTextFilter(method="filter_text", label="Words")

    class Meta:
        model = Intervention
        fields = []
        form = InterventionQueryForm

    def filter_themes(self, queryset, name, themes):
        if not themes:
            return queryset
        tagged = Intervention.themes.through.objects.filter(intervention=OuterRef("pk"), theme__in=themes)
        return queryset.filter(Exists(tagged))

    def filter_participant(self, queryset, name, participant):
        """Statements the participant speaks, or that name them as taking the position."""
        named = Intervention.named_participants.through.objects.filter(
            intervention=OuterRef("pk"), participant=participant
        )
        return queryset.filter(Q(participant=participant) | Exists(named))

    def filter_actor(self, queryset, name, slug):
        return queryset.with_actor_kind(ActorKind.from_slug(slug))

    def filter_text(self, queryset, name, q):
        return filter_interventions(queryset, q)

    def index_sets(self, index):
        """Each parameter in force as the bit set of the statements it keeps, in ``index`` (a FacetIndex)."""
        data = self.form.cleaned_data
        sets = {}
        if data.get("theme"):
            sets["theme"] = reduce(or_, (index.value("theme", theme.pk) for theme in data["theme"]), 0)
        if data.get("topic"):
            sets["topic"] = index.value("topic", data["topic"].pk)
        if data.get("debate"):
            sets["debate"] = index.debate(data["debate"].pk)
        if data.get("participant"):
            sets["participant"] = index.participant(data["participant"].pk)
        if data.get("actor"):
            sets["actor"] = index.value("actor", ActorKind.from_slug(data["actor"]).value)
        for name in ("extent", "stance", "scope"):
            if data.get(name):
                sets[name] = index.value(name, data[name])
        if data.get("year_from") is not None or data.get("year_to") is not None:
            sets["year"] = index.year_range(data.get("year_from"), data.get("year_to"))
        if data.get("q"):
            q = data["q"]
            words = filter_interventions(Intervention.objects.published(), q).order_by().values_list("pk", flat=True)
            sets["q"] = index.words_matching(q, lambda: words.iterator(chunk_size=20_000))
        return sets

    @cached_property
    def _indexed(self):
        """The process's FacetIndex, and each parameter in force as a bit set in it."""
        index = facet_index(request_stamp(self.request))
        return index, self.index_sets(index)

    def _without(self, name=None):
        """The bit set of the statements matching every parameter but ``name``."""
        index, sets = self._indexed
        return reduce(and_, (found for key, found in sets.items() if key != name), index.everything)

    def selection(self, queryset=None):
        """The statements that match, in reading order, read from ``queryset``: a :class:`Selection` to paginate."""
        return Selection(self._indexed[0], self._without(), self.queryset if queryset is None else queryset)

    def facets(self, pinned_debates=()):
        """For every option of every facet, how many statements match it with the other parameters as they are.

        Counting a facet without its own parameter shows what choosing another value would give.
        The counts come from the process's :class:`public.facet_index.FacetIndex`, exact and
        without reading statements from the database, whatever the size of the archive or of the
        selection; the database is asked only for the vocabulary and the labels of the debates and
        named participants offered (three queries). Debates are many, so the debate facet offers
        the chosen one, ``pinned_debates`` (say, the debates of the page shown, whose counts the
        page prints) and the :data:`DEBATE_FACET_SIZE` others with the most matching statements,
        in time order.
        """
        index, _ = self._indexed
        without = self._without
        data = self.form.cleaned_data
        chosen_themes = {theme.pk for theme in data.get("theme") or []}
        topics = self._pks(data.get("topic"))
        actors = [(kind.value, slug, kind.label) for kind, slug in ACTOR_KIND_SLUGS.items()]
        return {
            "theme": self._options(index, without("theme"), "theme", index.vocabulary["theme"], chosen_themes),
            "topic": self._options(index, without("topic"), "topic", index.vocabulary["topic"], topics),
            "actor": self._choices(index, without("actor"), "actor", actors),
            "extent": self._choices(index, without("extent"), "extent", [(v, v, label) for v, label in Extent.choices]),
            "stance": self._choices(index, without("stance"), "stance", [(v, v, label) for v, label in Stance.choices]),
            "scope": self._choices(index, without("scope"), "scope", [(v, v, label) for v, label in Scope.choices]),
            "debate": self._debate_facet(index, without("debate"), data.get("debate"), set(pinned_debates)),
            "participant": self._participant_facet(index, without("participant"), data.get("participant")),
        }

    @staticmethod
    def _pks(selected):
        return {selected.pk} if selected else set()

    @staticmethod
    def _options(index, base, name, terms, chosen):
        return [
            FacetOption(slug, label, (base & index.value(name, pk)).bit_count(), pk in chosen, pk)
            for pk, slug, label in terms
        ]

    def _choices(self, index, base, name, choices):
        chosen = self.form.cleaned_data.get(name)
        return [
            FacetOption(slug, str(label), (base & index.value(name, key)).bit_count(), chosen == slug)
            for key, slug, label in choices
        ]

    @staticmethod
    def _debate_facet(index, base, chosen, pinned):
        counts = index.counts_per_debate(base)
        if chosen:
            pinned.add(chosen.pk)
        others = list(islice((pk for pk in index.debates_by_count(base) if pk not in pinned), DEBATE_FACET_SIZE))
        labels = index.labels["debate"]
        shown = sorted((pk for pk in {*pinned, *others} if pk in labels), key=lambda pk: (labels[pk][2], pk))
        return [
            FacetOption(
                labels[pk][0],
                f"{labels[pk][2]:%Y}: {labels[pk][1]}",
                counts.get(pk, 0),
                chosen is not None and pk == chosen.pk,
                pk,
            )
            for pk in shown
        ]

    @staticmethod
    def _participant_facet(index, base, chosen):
        counts = index.counts_per_participant(base)
        options = [
            FacetOption(slug, name, count, chosen is not None and pk == chosen.pk, pk)
            for pk, count in counts.items()
            for slug, name in [index.labels["participant"][pk]]
        ]
        if chosen and chosen.pk not in counts:
            options.append(FacetOption(chosen.slug, chosen.name, 0, True, chosen.pk))
        return sorted(options, key=lambda option: (option.label, option.value))


class Selection:
    """The statements a filter selects, in reading order, for a :class:`~django.core.paginator.Paginator`.

    Its length is a popcount; a slice is the n-th to m-th statements, fetched by primary key.
    """

    def __init__(self, index, selected, queryset):
        self.index = index
        self.selected = selected
        self.queryset = queryset

    def __len__(self):
        return self.selected.bit_count()

    def __getitem__(self, window):
        ids = self.index.page(self.selected, window.start or 0, window.stop)
        found = {item.pk: item for item in self.queryset.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]
