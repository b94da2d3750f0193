"""Public pages. Every queryset starts from published debates only: drafts are never public.

Each page runs a fixed number of SQL queries whatever the size of the archive
(tests/public/test_views_query_counts.py holds them to it).  Bad query strings
are answered with a 400 page naming each refused parameter
(:func:`bad_request`); a page number past the end, or an unknown slug in the
path, with a 404.
"""

import heapq
from dataclasses import dataclass
from http import HTTPStatus

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Case, Prefetch, Value, When
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView, View

from caching.stamp import request_stamp
from debates.models import Debate, Participant
from panels.models import (
    Intervention,
    InterventionTranslation,
    Paragraph,
    Participation,
    anchor_targets,
    shown_text,
)

from . import charts, exports, terms
from .facet_index import facet_index
from .filters import DebateFilterSet, Selection, StatementFilterSet
from .forms import PageForm
from .registry import FACET, FACETS, explorer_url
from .rendering import debate_page_render, rendering_key, stored_debate_page

EXPLORER_PAGE_SIZE = settings.ARCHIVE_PAGE_SIZE
VOCABULARY_PAGE_SIZE = 50
# A theme or topic page charts at most this many debates, those with the most statements on it.
VOCABULARY_CHART_SIZE = 20
# The home page shows this many debates, the most recent, on its timeline and coverage chart.
HOME_DEBATES = 12


@dataclass(frozen=True)
class Follow:
    """How to follow a selection of statements: its feeds (``feeds/``) and the email alerts' form (``alerts/``)."""

    what: str  # "this theme", "these statements"
    title: str  # the feeds' title in the page's <link rel="alternate">
    selection: str | None  # the explorer's query string the alerts' form follows (None: no form)
    label: str  # the selection in words, for the alerts
    atom: str
    json: str
    heading: str = ""  # the section's heading, a whole sentence: "Follow this theme"

    @classmethod
    def of(cls, what, title, label, *, heading, feed, kwargs=None, query="", alerts=True):
        """The feeds named ``feed`` (with ``kwargs``) for the explorer's ``query`` (without its ``?``); ``alerts``:
        whether email alerts can follow it (not one debate: alerts are about the debates published from now on)."""
        suffix = f"?{query}" if query and feed == "feeds:statements" else ""
        atom, json = (f"{reverse(feed, kwargs={**(kwargs or {}), 'fmt': fmt})}{suffix}" for fmt in ("atom", "json"))
        selection = query if alerts else None
        return cls(what=what, title=title, selection=selection, label=label, atom=atom, json=json, heading=heading)


# What a theme or topic page follows, in words ("Follow this theme"); each a whole phrase, for the grammar of
# each language.
FOLLOW_TERM = {
    "theme": (_("this theme"), _("Follow this theme")),
    "topic": (_("this topic"), _("Follow this topic")),
}


def filter_in_words(label, text):
    """A filter in force in words, as the pages and feeds name a selection: "Theme: Freedom from fear"."""
    # Translators: a filter and its value, e.g. "Theme: Freedom from fear" or "Stance: Called for".
    return gettext("%(filter)s: %(value)s") % {"filter": label, "value": text}


def in_words_and(texts):
    """``texts`` joined as a list in words: "Freedom from fear and Health" (a debate list's theme and topic)."""
    texts = [str(text) for text in texts]
    if len(texts) < 2:
        return "".join(texts)
    joined = texts[0]
    for text in texts[1:]:
        # Translators: two things both in force, e.g. a theme and a topic: "Freedom from fear and Health".
        joined = gettext("%(first)s and %(second)s") % {"first": joined, "second": text}
    return joined


def bad_request(request, errors, *, as_json=False):
    """A 400 answer listing each refused parameter with the reasons, as a page or as JSON."""
    errors = {name: [str(message) for message in messages] for name, messages in errors.items()}
    if as_json:
        return JsonResponse({"errors": errors}, status=HTTPStatus.BAD_REQUEST)
    return render(request, "400.html", {"errors": errors}, status=HTTPStatus.BAD_REQUEST)


def paginate(queryset, number, per_page):
    """Page ``number`` (from 1) of ``queryset``; a page past the end is a 404, like any missing page."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(number)
    except EmptyPage as error:
        raise Http404(f"There is no page {number}: {error}") from error


def published_debates_with_counts(statement_scope=None):
    """Published debates with their counts; ``statement_scope`` (``{facet: value}``) narrows the statements counted."""
    statements = Intervention.objects.all()
    for facet, value in (statement_scope or {}).items():
        statements = facet.filter(statements, value)
    return Debate.objects.published().with_counts(statements)


def rendered_statements(index, interventions):
    """``{pk: HTML}`` of each statement as listed (``includes/_statement_item.html``), kept on ``index``.

    Statements not rendered yet under this state of the archive are loaded with everything they
    show, in one go, and rendered.
    """
    prefix = get_script_prefix()
    language = get_language()  # a statement's labels and links are in the page's language
    keys = {item.pk: ("statement", item.pk, prefix, language) for item in interventions}
    rendered = {pk: index.html.get(key) for pk, key in keys.items()}
    missing = [pk for pk, html in rendered.items() if html is None]
    if missing:
        in_language = Prefetch("translations", queryset=InterventionTranslation.objects.filter(language=language))
        listed = Intervention.objects.published().for_listing().prefetch_related(in_language).filter(pk__in=missing)
        for item in listed:
            item.shown = shown_text(item, item.debate.language, language)  # in the page's language where it has one
            html = render_to_string("includes/_statement_item.html", {"intervention": item})
            rendered[item.pk] = index.html.put(keys[item.pk], html)
    return rendered


class StrictQueryMixin:
    """Validate the query string (``page`` and the FilterSet, if any) before anything is queried."""

    filterset_class = None

    def get(self, request, *args, **kwargs):
        page_form = PageForm(request.GET)
        errors = dict(page_form.errors)
        self.page_number = page_form.cleaned_data.get("page", 1) if page_form.is_valid() else 1
        if self.filterset_class:
            self.filterset = self.filterset_class(data=request.GET, queryset=self.get_base_queryset(), request=request)
            errors.update(self.filterset.errors)
        if errors:
            return self.refuse(request, errors)
        return self.respond(request, *args, **kwargs)

    def respond(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def refuse(self, request, errors):
        return bad_request(request, errors)

    def get_base_queryset(self):
        raise NotImplementedError


class HomeView(TemplateView):
    """What the archive holds: the debates on a timeline, coverage by theme, and the ways into them."""

    template_name = "debates/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        index = facet_index(request_stamp(self.request))
        debates = list(published_debates_with_counts().order_by("-start_date", "-slug")[:HOME_DEBATES])[::-1]
        theme = FACET["theme"]
        themes = theme.with_counts(index)
        # Each debate's statements under each theme: the debate's range of the index and the theme's bit set.
        tagged = {
            (debate.pk, term.pk): (index.debate(debate.pk) & theme.bits(index, [term])).bit_count()
            for debate in debates
            for term in themes
        }
        context.update(
            debates=debates,
            debate_total=Debate.objects.published().count(),
            themes=themes,
            topics=FACET["topic"].with_counts(index),
            statement_total=index.size,
            paragraph_total=Paragraph.objects.filter(debate__status=Debate.Status.PUBLISHED).count(),
            participant_total=Participant.objects.public().count(),
            timeline=charts.timeline(debates, {debate.pk: debate.intervention_count or 0 for debate in debates}),
            coverage=charts.coverage_matrix(
                debates,
                themes,
                tagged,
                lambda debate, theme: explorer_url(debate=debate.slug, theme=theme.slug),
            ),
        )
        return context


class DebateListView(StrictQueryMixin, TemplateView):
    """Every published debate, newest first, filtered by year, session, kind, theme and topic."""

    template_name = "debates/debate_list.html"
    filterset_class = DebateFilterSet

    def get_base_queryset(self, statement_scope=None):
        return published_debates_with_counts(statement_scope).order_by("-start_date", "slug")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Filtered by a theme or topic, each debate counts only its statements under it.
        scope = self.filterset.statement_scope()
        debates = self.filterset.filter_queryset(self.get_base_queryset(scope))
        page = paginate(debates, self.page_number, settings.ARCHIVE_PAGE_SIZE)
        context.update(
            filter=self.filterset,
            page_obj=page,
            debates=page.object_list,
            count_scope=in_words_and(pill.text for facet, value in scope.items() for pill in facet.active(value, ())),
        )
        return context


class DebateDetailView(DetailView):
    """The whole summary of one debate in reading order, every paragraph and statement citable.

    The page is rendered once and stored, and served as stored until anything
    in the archive changes (:mod:`public.rendering`).
    """

    def get(self, request, *args, **kwargs):
        # The key names the archive's state as read before the debate: a page rendered from it is never older.
        key = rendering_key(request, request_stamp(request))
        html = stored_debate_page(kwargs["slug"], key)
        if html is None:
            self.object = self.get_object()
            html = debate_page_render(request, self.object, key)
        return HttpResponse(html)

    def get_queryset(self):
        return Debate.objects.published()


class PermalinkView(View):
    """``/debates/<slug>/p<N>/`` and ``…/p<N>/s<M>/``: the permanent address of a paragraph or statement.

    It redirects to the text's place on the debate page.  After an editor renumbers, the
    old number still leads to the text it named (:class:`panels.models.FormerAnchor`);
    when an old number is now held by another text too, the answer is a 300 page that
    offers both, saying which is which, rather than a guess.
    """

    def get(self, request, slug, number, order=None):
        debate = get_object_or_404(Debate.objects.published(), slug=slug)
        targets = anchor_targets(debate, number, order)
        if not targets:
            raise Http404("This debate has no such paragraph or statement.")
        if len(targets) == 1:
            return HttpResponseRedirect(targets[0][0].get_absolute_url())
        context = {"debate": debate, "targets": targets, "number": number, "order": order}
        return render(request, "debates/permalink_choices.html", context, status=HTTPStatus.MULTIPLE_CHOICES)


class VocabularyListView(TemplateView):
    """Every theme (or topic) with how many published statements, in how many debates, are filed under it."""

    facet_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["terms"] = FACET[self.facet_name].with_counts(facet_index(request_stamp(self.request)))
        return context


class ThemeListView(VocabularyListView):
    """The three freedoms, and how the statements filed under none of them were coded instead."""

    facet_name = "theme"
    template_name = "debates/theme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        index = facet_index(request_stamp(self.request))
        scope = FACET["scope"]
        context["total"] = index.size
        context["scopes"] = [
            (scope.term(value, label), scope.bits(index, value).bit_count(), explorer_url(scope=value))
            for value, label, _key in scope.choices
        ]
        return context


class TopicListView(VocabularyListView):
    facet_name = "topic"
    template_name = "debates/topic_list.html"


class VocabularyDetailView(StrictQueryMixin, TemplateView):
    """Every published statement filed under one theme or topic, grouped by debate in time order."""

    facet_name = None
    template_name = "debates/vocabulary_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facet = FACET[self.facet_name]
        term = get_object_or_404(facet.model, slug=self.kwargs["slug"])
        filter_name = facet.name
        index = facet_index(request_stamp(self.request))
        selected = facet.bits(index, [term] if facet.multiple else term)
        listed = Selection(index, selected, Intervention.objects.select_related("debate"))
        page = paginate(listed, self.page_number, VOCABULARY_PAGE_SIZE)
        counts = index.counts_per_debate(selected)
        labels = index.labels_of_debates
        charted = heapq.nlargest(VOCABULARY_CHART_SIZE, counts, key=counts.__getitem__)
        charted.sort(key=lambda pk: (labels[pk][2], pk))
        kind = facet.model._meta.verbose_name
        name = str(terms.record_term(term))  # in the page's language
        what, heading = FOLLOW_TERM[facet.name]
        context.update(
            follow=Follow.of(
                str(what),
                # Translators: the title of a theme's or topic's feeds; %(name)s is the theme or topic.
                gettext("Statements on %(name)s") % {"name": name},
                filter_in_words(facet.label, name),
                heading=str(heading),
                feed=f"feeds:{facet.name}",
                kwargs={"slug": term.slug},
                query=urlencode({filter_name: term.slug}),
            ),
            term=term,
            term_kind=kind,
            filter_name=filter_name,
            debate_total=len(counts),
            charted_total=len(charted),
            debate_counts=counts,
            total=selected.bit_count(),
            page_obj=page,
            rendered=rendered_statements(index, page.object_list),
            explorer_link=explorer_url(**{filter_name: term.slug}),
            chart=charts.bar_chart(
                [
                    (
                        f"{labels[pk][2]:%Y} {labels[pk][1]}",
                        counts[pk],
                        explorer_url(**{filter_name: term.slug, "debate": labels[pk][0]}),
                    )
                    for pk in charted
                ]
            ),
        )
        return context


class ThemeDetailView(VocabularyDetailView):
    facet_name = "theme"


class TopicDetailView(VocabularyDetailView):
    facet_name = "topic"


class ParticipantListView(StrictQueryMixin, TemplateView):
    """The named participants of published debates by kind, with how many statements each speaks or is named in."""

    template_name = "debates/participant_list.html"
    page_size = 100
    # The groups' headings; the groups come in the order of Participant.Kind.
    kind_headings = {
        Participant.Kind.PERSON: _("Persons"),
        Participant.Kind.MEMBER_STATE: _("Member States"),
        Participant.Kind.GROUP_OF_STATES: _("Groups of States"),
        Participant.Kind.UN_ENTITY: _("UN entities"),
        Participant.Kind.ORGANIZATION: _("Organizations"),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kinds = list(Participant.Kind)
        kind_order = Case(*(When(kind=kind, then=Value(position)) for position, kind in enumerate(kinds)))
        participants = Participant.objects.public().order_by(kind_order, "name", "slug")
        page = paginate(participants, self.page_number, self.page_size)
        index = facet_index(request_stamp(self.request))
        groups = {kind: [] for kind in kinds}
        for participant in page.object_list:
            participant.intervention_count = FACET["participant"].count(index, participant.pk)
            groups[participant.kind].append(participant)
        context["page_obj"] = page
        context["groups"] = [
            (kind.value, self.kind_headings.get(kind, kind.label), members)
            for kind, members in groups.items()
            if members
        ]
        return context


class ParticipantDetailView(StrictQueryMixin, DetailView):
    """One named participant: their parts in published debates, and each statement they speak or are named in."""

    template_name = "debates/participant_detail.html"
    context_object_name = "participant"

    def get_queryset(self):
        return Participant.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participant = self.object
        index = facet_index(request_stamp(self.request))
        selected = FACET["participant"].bits(index, participant)
        listed = Selection(index, selected, Intervention.objects.published().for_listing())
        page = paginate(listed, self.page_number, VOCABULARY_PAGE_SIZE)
        for statement in page.object_list:
            statement.spoken_by_participant = statement.participant_id == participant.pk
        context.update(
            follow=Follow.of(
                f"{participant.name}",
                # Translators: the title of a participant's feeds; %(name)s is a person, a State or an organization.
                gettext("Statements of or naming %(name)s") % {"name": participant.name},
                filter_in_words(FACET["participant"].label, participant.name),
                # Translators: a heading; %(name)s is a person, a State or an organization.
                heading=gettext("Follow %(name)s") % {"name": participant.name},
                feed="feeds:participant",
                kwargs={"slug": participant.slug},
                query=urlencode({"participant": participant.slug}),
            ),
            participations=(
                Participation.objects.filter(participant=participant, debate__status=Debate.Status.PUBLISHED)
                .select_related("debate", "panel")
                .order_by("debate__start_date", "order", "pk")
            ),
            page_obj=page,
            debate_counts=index.counts_per_debate(selected),
            explorer_link=explorer_url(participant=participant.slug),
        )
        return context


class InterventionListView(StrictQueryMixin, TemplateView):
    """The researcher's explorer: every published statement, filtered, with facet counts, in reading order."""

    template_name = "debates/intervention_list.html"
    filterset_class = StatementFilterSet

    def get_base_queryset(self):
        return Intervention.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selection = self.filterset.selection(Intervention.objects.select_related("debate"))
        page = paginate(selection, self.page_number, EXPLORER_PAGE_SIZE)
        facets = self.filterset.facets(pinned_debates={item.debate_id for item in page.object_list})
        query = self.request.GET
        pills = self.filterset.pills(facets)
        query_string = export_query(query).removeprefix("?")
        context.update(
            follow=Follow.of(
                gettext("these statements"),
                # Translators: the title of the feeds of the statements the explorer lists.
                gettext("These statements"),
                "; ".join(filter_in_words(pill.label, pill.text) for pill in pills) or gettext("Every statement"),
                heading=gettext("Follow these statements"),
                feed="feeds:statements",
                query=query_string,
                alerts="debate" not in query,
            ),
            filter=self.filterset,
            facets=facets,
            debate_counts={option.pk: option.count for option in facets["debate"]},
            page_obj=page,
            rendered=rendered_statements(selection.index, page.object_list),
            controls=self.filterset.controls(facets),
            facet_words=", ".join(facet.label.lower() for facet in FACETS),
            # Each value as HTML: a term shown in English for want of a translation is marked (public.terms).
            active_filters=[(pill.label, pill.html, without(query, pill)) for pill in pills],
            csv_url=f"{reverse('public:intervention-export-csv')}{export_query(query)}",
            json_url=f"{reverse('public:intervention-export-json')}{export_query(query)}",
            ris_url=f"{reverse('public:intervention-export-ris')}{export_query(query)}",
            bib_url=f"{reverse('public:intervention-export-bibtex')}{export_query(query)}",
        )
        return context


def export_query(query):
    """The explorer's query string for an export link: everything but the page."""
    params = query.copy()
    params.pop("page", None)
    return f"?{params.urlencode()}" if params else ""


def without(query, pill):
    """The query string without the parameter (or the one value) of ``pill``, and without the page."""
    params = query.copy()
    params.pop("page", None)
    if pill.drop is None:
        params.pop(pill.param, None)
    else:
        params.setlist(pill.param, [value for value in params.getlist(pill.param) if value != pill.drop])
    return f"?{params.urlencode()}" if params else "?"


class InterventionExportView(StrictQueryMixin, View):
    """The explorer's statements as a streamed CSV or JSON file, or cited in RIS or BibTeX, in a file named after
    the selection; bad parameters get a JSON error."""

    filterset_class = StatementFilterSet
    export_format = None

    def get_base_queryset(self):
        return Intervention.objects.published()

    def get(self, request, *args, **kwargs):
        # The CSV export also reads how it is written (excel=1); the other formats have no such parameter.
        self.options = exports.ExportOptionsForm(request.GET) if self.export_format == "csv" else None
        return super().get(request, *args, **kwargs)

    def refuse(self, request, errors):
        if self.options is not None and not self.options.is_valid():
            errors = {**errors, **self.options.errors}
        return bad_request(request, errors, as_json=True)

    def respond(self, request, *args, **kwargs):
        if self.options is not None and not self.options.is_valid():
            return self.refuse(request, {})
        base_url = request.build_absolute_uri("/").rstrip("/")
        stem = exports.selection_filename_stem(self.filterset.in_force())
        if self.export_format == "csv":
            excel = self.options.cleaned_data["excel"]
            return exports.csv_response(self.filterset.qs, base_url, filename_stem=stem, excel=excel)
        if self.export_format in exports.CITATION_WRITERS:
            return exports.citation_response(self.filterset.qs, base_url, self.export_format, filename_stem=stem)
        return exports.json_response(self.filterset.qs, base_url, filename_stem=stem)
