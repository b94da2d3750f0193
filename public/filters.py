"""The public lists' filters, as django-filter FilterSets read from the facet registry (public/registry.py).

Every FilterSet reads the query string through :class:`public.forms.QueryForm`,
so an unknown slug, a malformed number, a repeated single-value parameter or
an unreadable character is a form error naming the parameter; the views answer
those with a 400 page.
"""

from functools import cached_property, reduce
from operator import and_

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from caching.stamp import request_stamp
from debates.models import Debate
from panels.models import Intervention

from . import terms
from .facet_index import facet_index
from .forms import QueryForm
from .registry import ANY, FACET, FACETS, IntegerFilter, Pill, YearFilter


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet whose form refuses bad query strings (see :class:`public.forms.QueryForm`)."""

    class Meta:
        form = QueryForm


class StatementQueryForm(QueryForm):
    """The statements' parameters: besides each field's own checks, each facet's checks across its parameters."""

    def clean(self):
        cleaned = super().clean()
        for facet in FACETS:
            facet.clean(cleaned, self)
        return cleaned


def statement_filters():
    """Every facet's filters, in the registry's order."""
    return {param: declared for facet in FACETS for param, declared in facet.filters().items()}


class StatementFilterSet(django_filters.FilterSet):
    """Published statements by every parameter of the registry, in SQL (``qs``) or in the index (``selection``).

    The explorer, its exports and, to come, the API, the feeds and the alerts filter through it.
    """

    class Meta:
        model = Intervention
        fields = []
        form = StatementQueryForm

    def in_force(self):
        """``[(facet, value)]`` for each facet given a value, in the registry's order."""
        data = self.form.cleaned_data
        return [(facet, value) for facet in FACETS if (value := facet.value(data)) is not None]

    def filter_queryset(self, queryset):
        for facet, value in self.in_force():
            queryset = facet.filter(queryset, value)
        return queryset

    def index_sets(self, index):
        """Each facet in force as the bit set of the statements it keeps, in ``index`` (a FacetIndex)."""
        return {facet.name: facet.bits(index, value) for facet, value in self.in_force()}

    @cached_property
    def _indexed(self):
        """The process's FacetIndex, and each facet in force as a bit set in it."""
        index = facet_index(request_stamp(self.request))
        return index, self.index_sets(index)

    def _without(self, name=None):
        """The bit set of the statements matching every facet but ``name``."""
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
        selection. Debates are many, so the debate facet offers the chosen one, ``pinned_debates``
        (say, the debates of the page shown, whose counts the page prints) and the
        :data:`public.registry.DEBATE_FACET_SIZE` others with the most matching statements.
        """
        index, _ = self._indexed
        data = self.form.cleaned_data
        found = {}
        for facet in FACETS:
            options = facet.options(index, self._without(facet.name), facet.value(data), pinned_debates)
            if options is not None:
                found[facet.name] = options
        return found

    def pills(self, facets):
        """Each parameter in force as a :class:`public.registry.Pill`, labelled as its facet's options are."""
        return [pill for facet, value in self.in_force() for pill in facet.active(value, facets.get(facet.name))]

    def controls(self, facets):
        """The explorer form's controls, one per facet in the registry's order, with their values and options."""
        data = self.form.cleaned_data
        return [
            {
                "facet": facet,
                "options": facets.get(facet.name, ()),
                "values": {param: data.get(param) for param in facet.params},
            }
            for facet in FACETS
        ]


# The filters are the registry's: added after the class statement, as if declared in it.
StatementFilterSet.base_filters.update(statement_filters())


class TermChoiceField(ModelChoiceField):
    """A choice of a theme or topic whose options name each in the page's language (:mod:`public.terms`)."""

    def label_from_instance(self, obj):
        return terms.record_term(obj).option_text


class TermChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = TermChoiceField


def debates_having(name):
    """A filter of debates by the statement facet ``name``: debates with a statement it keeps.

    It reads one value (the debate list offers a single choice) with the facet's own validation.
    """
    facet = FACET[name]
    declared = facet.filters()[name]
    single = TermChoiceFilter(
        queryset=declared.extra["queryset"], to_field_name="slug", label=facet.label, empty_label=ANY
    )

    def keep(queryset, _, value):
        statements = Intervention.objects.filter(debate=OuterRef("pk"))
        return queryset.filter(Exists(facet.filter(statements, [value] if facet.multiple else value)))

    single.method = keep
    return single


class DebateFilterSet(StrictFilterSet):
    """``/debates/``: published debates by year, session and kind, and by theme and topic of their statements."""

    year = YearFilter(field_name="start_date", lookup_expr="year", label=_("Year"))
    # Translators: a filter of the list of debates: the General Assembly's session (65, 66…).
    session = IntegerFilter(field_name="session", label=_("Session"), min_value=1, max_value=999)
    # Translators: a filter of the list of debates: the kind of event (panel discussion, thematic debate…).
    kind = django_filters.ChoiceFilter(choices=Debate.Kind.choices, label=_("Kind"), empty_label=_("Any kind"))
    theme = debates_having("theme")
    topic = debates_having("topic")

    class Meta(StrictFilterSet.Meta):
        model = Debate
        fields = []

    def statement_scope(self):
        """``{facet: value}`` of the statement facets chosen: each debate then counts only its statements they keep."""
        data = self.form.cleaned_data
        return {
            FACET[name]: [data[name]] if FACET[name].multiple else data[name]
            for name in ("theme", "topic")
            if data.get(name)
        }


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


__all__ = ["DebateFilterSet", "Pill", "Selection", "StatementFilterSet"]
