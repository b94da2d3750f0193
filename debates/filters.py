"""The public lists' filters: one django-filter FilterSet per list, with facet counts for the explorer.

Every FilterSet reads the query string through :class:`debates.forms.QueryForm`,
so an unknown slug, a malformed number, a repeated single-value parameter or
an unreadable character is a form error naming the parameter; the views answer
those with a 400 page.
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef, Q

from panels.attribution import ACTOR_KIND_SLUGS, ActorKind, Extent, Stance
from panels.models import Intervention, Participation
from search.queries import MAX_QUERY_LENGTH, filter_interventions

from .forms import InterventionQueryForm, QueryForm
from .models import Debate, Participant, Theme, Topic

FIRST_YEAR, LAST_YEAR = 1945, 2100


def public_participants():
    """Named participants of published debates: those with a part in one, or a statement attributed to them."""
    published = Debate.Status.PUBLISHED
    return Participant.objects.filter(
        Exists(Participation.objects.filter(participant=OuterRef("pk"), debate__status=published))
        | Exists(Intervention.objects.filter(participant=OuterRef("pk"), debate__status=published))
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
    """A FilterSet whose form refuses bad query strings (see :class:`debates.forms.QueryForm`)."""

    class Meta:
        form = QueryForm

    def filtered_without(self, *names):
        """The queryset filtered by every valid parameter except ``names``: the base of a facet's counts."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


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
    participant = django_filters.ModelChoiceFilter(
        queryset=public_participants(), to_field_name="slug", label="Named participant"
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

    def filter_actor(self, queryset, name, slug):
        return queryset.with_actor_kind(ActorKind.from_slug(slug))

    def filter_text(self, queryset, name, q):
        return filter_interventions(queryset, q)

    def facets(self):
        """For every option of every facet, how many statements match it with the other parameters as they are.

        Counting a facet without its own parameter shows what choosing another value would give.
        Five queries, whatever the data: one aggregate for actor, extent and stance (single-row
        attributes), and one grouped count each for themes, topics, debates and participants.
        """
        data = self.form.cleaned_data
        return {
            **self._attribute_facets(data),
            "theme": self._related_facet(
                Theme.objects.all(), "theme", {theme.slug for theme in data.get("theme") or []}
            ),
            "topic": self._related_facet(Topic.objects.all(), "topic", self._slugs(data.get("topic"))),
            "debate": self._related_facet(
                Debate.objects.published().order_by("start_date", "slug"), "debate", self._slugs(data.get("debate"))
            ),
            "participant": self._related_facet(
                Participant.objects.filter(Exists(Intervention.objects.published().filter(participant=OuterRef("pk")))),
                "participant",
                self._slugs(data.get("participant")),
            ),
        }

    @staticmethod
    def _slugs(selected):
        return {selected.slug} if selected else set()

    def _related_facet(self, options, name, selected):
        base = self.filtered_without(name).order_by().values("pk")
        # A grouped query drops Meta.ordering: keep the options' own order explicitly.
        ordering = options.query.order_by or options.model._meta.ordering
        options = options.annotate(facet_count=Count("interventions", filter=Q(interventions__in=base))).order_by(
            *ordering
        )
        return [
            FacetOption(option.slug, self._option_label(option), option.facet_count, option.slug in selected, option.pk)
            for option in options
        ]

    @staticmethod
    def _option_label(option):
        if isinstance(option, Debate):
            return f"{option.start_date:%Y}: {option.title}"
        return str(option.name)

    def _attribute_facets(self, data):
        conditions = {
            "actor": Q(actor_kinds__has=ActorKind.from_slug(data["actor"])) if data.get("actor") else Q(),
            "extent": Q(extent=data["extent"]) if data.get("extent") else Q(),
            "stance": Q(stance=data["stance"]) if data.get("stance") else Q(),
        }

        def others(name):
            return reduce(and_, (condition for key, condition in conditions.items() if key != name), Q())

        options = {
            "actor": [(slug, kind.label, Q(actor_kinds__has=kind)) for kind, slug in ACTOR_KIND_SLUGS.items()],
            "extent": [(value, label, Q(extent=value)) for value, label in Extent.choices],
            "stance": [(value, label, Q(stance=value)) for value, label in Stance.choices],
        }
        aggregates = {
            f"{name}_{index}": Count("pk", filter=condition & others(name))
            for name, choices in options.items()
            for index, (_, _, condition) in enumerate(choices)
        }
        counts = self.filtered_without(*options).order_by().aggregate(**aggregates)
        return {
            name: [
                FacetOption(value, str(label), counts[f"{name}_{index}"], data.get(name) == value)
                for index, (value, label, _) in enumerate(choices)
            ]
            for name, choices in options.items()
        }
