"""The API's endpoints, under /api/v1/: read-only views of the published archive, as JSON.

Every queryset starts from published debates only (``.published()``,
``.public()``): a draft, a debate in review or a withdrawn one, and everything in
it, appears in no answer, count or facet.  The statements are selected, counted
and paged as the explorer does it, through the facet registry's FilterSet and
the in-memory index (public/filters.py); their fields are the exports'
(public/exports.py); the search is the site search's (search/queries.py).

Each view reads its query string strictly (api/parameters.py): every wrong
parameter is named in one ``400``.  ``ETag``, ``Last-Modified`` and ``304`` come
from the public pages' conditional GET, keyed on the archive's change stamp
(caching/middleware.py, for the ``api`` namespace); the rate limit, JSON errors
and CORS from the settings (api/policies.py, ``CORS_*``).  docs/api.md is the
reference.
"""

from http import HTTPStatus

from django import forms
from django.core.paginator import EmptyPage
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from caching.stamp import request_stamp
from debates.models import Debate, DebateDocument, Participant, Theme, Topic
from panels.models import (
    Intervention,
    Panel,
    Paragraph,
    Participation,
    anchor_targets,
    paragraph_permalink,
    public_documents,
)
from public.facet_index import facet_index
from public.filters import DebateFilterSet, StatementFilterSet
from public.registry import FACET, SearchTextField
from public.search_views import PAGE_SIZE as SEARCH_PAGE_SIZE
from public.search_views import SearchForm, ranked_window
from public.views import published_debates_with_counts
from search.queries import QueryTooComplex, ResultWindowPaginator, search_results

from . import serializers
from .pagination import ArchiveCursorPagination, StatementPagination
from .parameters import EXAMPLES, FormatForm, PageForm, Query, StatementListForm
from .rows import facet_option, rows_of, statement_rows
from .schema import DEBATE, MAX_NUMBER, MOVED, NUMBER, ORDER, documented, slug_parameter

PUBLISHED = Debate.Status.PUBLISHED


class ArchiveView(APIView):
    """A read-only endpoint: GET and HEAD (OPTIONS says so), its query string read by :attr:`query`."""

    http_method_names = ["get", "head", "options"]
    query = Query(FormatForm)

    def read(self, *, queryset=None):
        """The bound forms and FilterSets of the query string; a ValidationError (400) naming each wrong one."""
        return self.query.read(self.request, queryset=queryset)

    def serialize(self, serializer_class, data):
        return serializer_class(data, context={"request": self.request}).data

    def paginated(self, queryset, page_serializer, ordering):
        """A page of ``queryset`` in ``ordering`` (DRF's cursor pagination), serialized with ``page_serializer``."""
        paginator = ArchiveCursorPagination()
        paginator.ordering = ordering
        items = paginator.paginate_queryset(queryset, self.request, view=self)
        self.prepare(items)
        page = {"next": paginator.get_next_link(), "previous": paginator.get_previous_link(), "results": items}
        return Response(self.serialize(page_serializer, page))

    def prepare(self, items):
        """Attach to ``items`` of a page what their serializer reads besides their fields (counts)."""


class RootView(ArchiveView):
    """Where each part of the API is."""

    @documented(serializers.RootSerializer, ArchiveView.query, operation_id="root", summary="Where each part is")
    def get(self, request):
        self.read()
        names = ["debate-list", "statement-list", "theme-list", "topic-list", "participant-list", "document-list"]
        links = {name.removesuffix("-list") + "s": reverse(f"api:{name}") for name in names}
        links.update(search=reverse("api:search"), schema=reverse("api:schema"), docs=reverse("api:docs"))
        return Response({key: request.build_absolute_uri(path) for key, path in links.items()})


class StatementListView(ArchiveView):
    """Published statements, selected by the explorer's parameters, in reading order, with facet counts on request."""

    query = Query(StatementListForm, StatementFilterSet)

    @documented(
        serializers.StatementPage,
        query,
        operation_id="statement_list",
        summary="Statements, filtered as the explorer filters them",
        description="Every parameter of the explorer (`/interventions/`), with the same meaning and checks: they "
        "combine with *and*; `theme` may be repeated (any of them). In reading order: debates oldest first, then "
        "paragraph and statement number. `count` is the number selected; `facets=theme,actor` adds, for each "
        "facet named, every option with how many statements it would give with the other parameters as they are.",
    )
    def get(self, request):
        form, filterset = self.read(queryset=Intervention.objects.published())
        selection = filterset.selection()
        paginator = StatementPagination()
        ids = paginator.page_ids(request, selection.index, selection.selected)
        rows = rows_of(request, selection.index, ids)
        next_link, previous_link = paginator.links(rows)
        # The rows are the exports' values already, as StatementPage declares them (tests/api/ holds them to it):
        # on the busiest endpoint they are not passed through the serializer again.
        page = {"count": len(selection)}
        names = form.cleaned_data["facets"]
        if names:
            counted = filterset.facets()
            page["facets"] = {name: [facet_option(option) for option in counted[name]] for name in names}
        page.update(next=next_link, previous=previous_link, results=rows)
        return Response(page)


def published_debate(slug):
    return get_object_or_404(Debate.objects.published(), slug=slug)


class TextView(ArchiveView):
    """A paragraph or a statement by its number, as its permanent address names it (``…/p5/``, ``…/p5/s4/``).

    As the site's permanent addresses do (public.views.PermalinkView): a number an editor has
    since changed still leads to the same text (a ``302`` to its address now), and a number now
    held by another text too offers both (``300``) rather than a guess.
    """

    def get(self, request, slug, number, order=None):
        self.read()
        if number > MAX_NUMBER or (order is not None and order > MAX_NUMBER):
            raise Http404("There is no such paragraph or statement.")
        debate = published_debate(slug)
        targets = anchor_targets(debate, number, order)
        if not targets:
            raise Http404("This debate has no such paragraph or statement.")
        if len(targets) > 1:
            return Response(
                {
                    "detail": "This number named another text before the paragraphs were renumbered: both are offered.",
                    "choices": [self.choice(target, former is not None) for target, former in targets],
                },
                status=HTTPStatus.MULTIPLE_CHOICES,
            )
        target, former = targets[0]
        if former is not None:
            return Response(
                {"detail": "This text has another number now.", "api_url": self.api_url_of(target)},
                status=HTTPStatus.FOUND,
                headers={"Location": self.api_url_of(target)},
            )
        return Response(self.represent(debate, target))

    def choice(self, target, former):
        """A text the number may mean: ``url`` is its place on the debate's page, as the site's 300 page links it."""
        url = self.request.build_absolute_uri(target.get_absolute_url())
        return {"text": target.text, "url": url, "api_url": self.api_url_of(target), "former": former}

    def api_url_of(self, target):
        if isinstance(target, Intervention):
            path = serializers.api_path(
                "statement-detail", slug=target.debate.slug, number=target.paragraph.number, order=target.order
            )
        else:
            path = serializers.api_path("paragraph-detail", slug=target.debate.slug, number=target.number)
        return self.request.build_absolute_uri(path)


class ParagraphDetailView(TextView):
    """A paragraph of a published debate, with its statements."""

    @documented(
        serializers.ParagraphSerializer,
        ArchiveView.query,
        path=[DEBATE, NUMBER],
        found=True,
        extra=MOVED,
        operation_id="paragraph_detail",
        summary="A paragraph, with its statements",
    )
    def get(self, request, slug, number):
        return super().get(request, slug, number)

    def represent(self, debate, paragraph):
        paragraph = (
            Paragraph.objects.select_related("debate", "panel")
            .prefetch_related("sources", "translations")
            .get(pk=paragraph.pk)
        )
        paragraph.statement_rows = statement_rows(self.request, Intervention.objects.filter(paragraph=paragraph))
        return self.serialize(serializers.ParagraphSerializer, paragraph)


class StatementDetailView(TextView):
    """A statement of a published debate: the exports' fields."""

    @documented(
        serializers.StatementSerializer,
        ArchiveView.query,
        path=[DEBATE, NUMBER, ORDER],
        found=True,
        extra=MOVED,
        operation_id="statement_detail",
        summary="A statement",
    )
    def get(self, request, slug, number, order):
        return super().get(request, slug, number, order)

    def represent(self, debate, statement):
        (row,) = statement_rows(self.request, Intervention.objects.filter(pk=statement.pk))
        return self.serialize(serializers.StatementSerializer, row)


class DebateListView(ArchiveView):
    """Published debates, oldest first, filtered as the site's debate list filters them."""

    query = Query(PageForm, DebateFilterSet)

    @documented(
        serializers.DebatePage,
        query,
        operation_id="debate_list",
        summary="Debates",
        description="Published debates, oldest first. Filtered by `theme` or `topic`, each debate counts only its "
        "statements under it.",
    )
    def get(self, request):
        _, filterset = self.read()
        debates = filterset.filter_queryset(published_debates_with_counts(filterset.statement_scope()))
        debates = debates.prefetch_related("translations")
        return self.paginated(debates, serializers.DebatePage, ("start_date", "slug"))


class DebateDetailView(ArchiveView):
    """A published debate in full, in reading order."""

    @documented(
        serializers.DebateDetailSerializer,
        ArchiveView.query,
        path=[DEBATE],
        found=True,
        operation_id="debate_detail",
        summary="A debate, in full",
    )
    def get(self, request, slug):
        self.read()
        paragraphs = (
            Paragraph.objects.select_related("panel", "debate")
            .prefetch_related("sources", "translations")
            .order_by("number")
        )
        debate = get_object_or_404(
            published_debates_with_counts().prefetch_related(
                "translations",
                Prefetch("document_links", DebateDocument.objects.select_related("document").order_by("order", "id")),
                Prefetch("panels", Panel.objects.order_by("order")),
                Prefetch(
                    "participations",
                    Participation.objects.select_related("debate", "participant", "panel").order_by("order", "id"),
                ),
                Prefetch("paragraphs", paragraphs),
            ),
            slug=slug,
        )
        by_paragraph = {}
        for row in statement_rows(request, Intervention.objects.filter(debate=debate)):
            by_paragraph.setdefault(row["paragraph"], []).append(row)
        for paragraph in debate.paragraphs.all():
            paragraph.statement_rows = by_paragraph.get(paragraph.number, [])
        return Response(self.serialize(serializers.DebateDetailSerializer, debate))


class TermListView(ArchiveView):
    """Every term of a vocabulary, with how many published statements, in how many debates, are filed under it."""

    model = None
    query = Query(PageForm)

    def get(self, request):
        self.read()
        return self.paginated(self.model.objects.all(), self.page_serializer, self.ordering)

    def prepare(self, items):
        count_terms(self.request, items)


def count_terms(request, terms):
    """Give each term ``intervention_count`` and ``debate_count``, from the explorer's index."""
    index = facet_index(request_stamp(request))
    for term in terms:
        name = term._meta.model_name
        term.intervention_count = index.value(name, term.pk).bit_count()
        term.debate_count = index.debates_with(name, term.pk)


class ThemeListView(TermListView):
    model, page_serializer, ordering = Theme, serializers.ThemePage, ("order", "slug")

    @documented(serializers.ThemePage, TermListView.query, operation_id="theme_list", summary="Themes")
    def get(self, request):
        return super().get(request)


class TopicListView(TermListView):
    model, page_serializer, ordering = Topic, serializers.TopicPage, ("slug",)

    @documented(serializers.TopicPage, TermListView.query, operation_id="topic_list", summary="Topics")
    def get(self, request):
        return super().get(request)


class TermDetailView(ArchiveView):
    """A theme or topic, with its counts."""

    model = serializer = None

    def get(self, request, slug):
        self.read()
        term = get_object_or_404(self.model, slug=slug)
        count_terms(request, [term])
        return Response(self.serialize(self.serializer, term))


class ThemeDetailView(TermDetailView):
    model, serializer = Theme, serializers.ThemeSerializer

    @documented(
        serializers.ThemeSerializer,
        ArchiveView.query,
        path=[slug_parameter("theme", EXAMPLES["theme"])],
        found=True,
        operation_id="theme_detail",
    )
    def get(self, request, slug):
        return super().get(request, slug)


class TopicDetailView(TermDetailView):
    model, serializer = Topic, serializers.TopicSerializer

    @documented(
        serializers.TopicSerializer,
        ArchiveView.query,
        path=[slug_parameter("topic", EXAMPLES["topic"])],
        found=True,
        operation_id="topic_detail",
    )
    def get(self, request, slug):
        return super().get(request, slug)


def count_participants(request, participants):
    """Give each participant ``statement_count``: the published statements they speak or are named in."""
    index = facet_index(request_stamp(request))
    for participant in participants:
        participant.statement_count = FACET["participant"].count(index, participant.pk)


class ParticipantListView(ArchiveView):
    """The named participants of published debates, by slug."""

    query = Query(PageForm)

    @documented(serializers.ParticipantPage, query, operation_id="participant_list", summary="Named participants")
    def get(self, request):
        self.read()
        return self.paginated(Participant.objects.public(), serializers.ParticipantPage, ("slug",))

    def prepare(self, items):
        count_participants(self.request, items)


class ParticipantDetailView(ArchiveView):
    """A named participant, with their parts in published debates."""

    @documented(
        serializers.ParticipantDetailSerializer,
        ArchiveView.query,
        path=[slug_parameter("participant", EXAMPLES["participant"])],
        found=True,
        operation_id="participant_detail",
        summary="A participant",
    )
    def get(self, request, slug):
        self.read()
        parts = (
            Participation.objects.filter(debate__status=PUBLISHED)
            .select_related("debate", "participant", "panel")
            .order_by("debate__start_date", "order", "pk")
        )
        participant = get_object_or_404(
            Participant.objects.public().prefetch_related(
                Prefetch("participations", parts, to_attr="published_participations")
            ),
            slug=slug,
        )
        count_participants(request, [participant])
        return Response(self.serialize(serializers.ParticipantDetailSerializer, participant))


class DocumentListView(ArchiveView):
    """The official documents of published debates and the sources of their texts, by slug."""

    query = Query(PageForm)

    @documented(serializers.DocumentPage, query, operation_id="document_list", summary="Documents")
    def get(self, request):
        self.read()
        return self.paginated(public_documents(), serializers.DocumentPage, ("slug",))


class DocumentDetailView(ArchiveView):
    """A document, with the published debates it belongs to."""

    @documented(
        serializers.DocumentDetailSerializer,
        ArchiveView.query,
        path=[slug_parameter("document", "a-64-701")],
        found=True,
        operation_id="document_detail",
        summary="A document",
    )
    def get(self, request, slug):
        self.read()
        links = (
            DebateDocument.objects.filter(debate__status=PUBLISHED)
            .select_related("debate")
            .order_by("debate__start_date", "order")
        )
        document = get_object_or_404(
            public_documents().prefetch_related(Prefetch("debate_links", links, to_attr="published_links")), slug=slug
        )
        return Response(self.serialize(serializers.DocumentDetailSerializer, document))


class SearchQueryForm(FormatForm, SearchForm):
    """The site search's parameters (public/search_views.py), ``q`` required."""

    q = SearchTextField(label="Words")

    def clean_q(self):
        q = super().clean_q()
        if not q:
            raise forms.ValidationError("Give words to search for.", code="required")
        return q


class SearchView(ArchiveView):
    """The site search: published documents, debates, segments and passages matching ``q``, best first."""

    query = Query(SearchQueryForm)

    @documented(
        serializers.SearchPage,
        query,
        found=True,
        operation_id="search",
        summary="Search",
        description='The site search (`/search/`), with its syntax: words must all occur, `"a phrase"`, `-word` '
        "excludes, `or` between two words or phrases; words match their other forms, the codebook's abbreviations "
        "their terms (`R2P`), and a document symbol (`A/RES/64/291`) its document and the debates listing it. "
        "Every match is ranked; the best 200 results, 20 to a page (`page` 1 to 10); a page past the results is "
        "a 404. Filters: `debate`, `year_from`, `year_to`, `kind`, `theme`, `topic`; `sort`: `relevance` "
        "(the default), `newest` or `oldest`. A statement is found as part of its paragraph, a passage, "
        "whose `statements` list those that matched.",
    )
    def get(self, request):
        (form,) = self.read()
        q, number = form.search(), form.cleaned_data["page"]
        try:
            candidates = ranked_window(q, request_stamp(request))
        except QueryTooComplex:
            raise ValidationError({"q": ["These words are more than this server can search for: use fewer."]}) from None
        paginator = ResultWindowPaginator(candidates, SEARCH_PAGE_SIZE)
        try:
            page = paginator.page(number)
        except EmptyPage as error:
            raise Http404(f"There is no page {number} of results.") from error
        results = [self.result(hit) for hit in search_results(page.object_list, q)]
        return Response(
            self.serialize(
                serializers.SearchPage,
                {
                    "count": paginator.count,
                    "more": paginator.capped,
                    "next": self.page_link(number + 1) if page.has_next() else None,
                    "previous": self.page_link(number - 1) if page.has_previous() else None,
                    "results": results,
                },
            )
        )

    def page_link(self, number):
        query = self.request.query_params.copy()
        query["page"] = str(number)
        return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")

    def result(self, hit):
        slug, number, build = hit.debate_slug, hit.paragraph_number, self.request.build_absolute_uri
        statements = []
        if hit.kind == "document":
            url, api_path = (
                hit.url or reverse("public:search"),
                serializers.api_path("document-detail", slug=hit.document_slug),
            )
        elif hit.kind == "paragraph":
            url, api_path = (
                paragraph_permalink(slug, number),
                serializers.api_path("paragraph-detail", slug=slug, number=number),
            )
            statements = [
                {
                    "order": order,
                    "url": build(paragraph_permalink(slug, number, order)),
                    "api_url": build(serializers.api_path("statement-detail", slug=slug, number=number, order=order)),
                }
                for order in hit.statement_orders
            ]
        else:
            url, api_path = hit.url, serializers.api_path("debate-detail", slug=slug)
        return {
            "kind": hit.kind,
            "debate": slug or None,
            "debate_title": hit.debate_title,
            "debate_date": hit.debate_date,
            "location": hit.location,
            "text_origin": hit.text_origin,
            "snippet_html": str(hit.snippet),
            "statements": statements,
            "url": build(url),
            "api_url": build(api_path),
        }


class NotFoundView(ArchiveView):
    """Any other address under /api/v1/: a JSON 404, as the API's own are."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise Http404("The API has no such address: see /api/v1/ and /api/v1/docs/.")
