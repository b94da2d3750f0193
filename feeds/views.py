"""The feeds: new debates, and the statements of a theme, a topic, a participant or any explorer selection.

Each comes as Atom (``.atom``) and JSON Feed (``.json``). The statements are
read through the facet registry, as the explorer reads them
(:class:`public.filters.StatementFilterSet`): a bad parameter is a 400 naming
it, and a selection's feed holds the explorer's statements, those of the
debates published last first. Conditional GET (``ETag``, ``Last-Modified``,
``304``) and the page cache come from :mod:`caching.middleware`, keyed on the
archive's change stamp, so a withdrawn debate leaves every feed at once.
"""

from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from debates.models import Participant, Theme, Topic
from panels.models import Intervention
from public.filters import StatementFilterSet
from public.views import bad_request, filter_in_words

from . import entries, formats

WRITERS = {
    "atom": (formats.ATOM_TYPE, lambda feed, feed_url, base_url: formats.atom(feed, feed_url)),
    "json": (formats.JSON_FEED_TYPE, formats.json_feed),
}


class FeedView(View):
    """A feed in the format of the address's extension (``fmt``): ``atom`` or ``json``."""

    def get(self, request, fmt, **kwargs):
        self.base_url = request.build_absolute_uri("/").rstrip("/")
        found = self.feed(request, **kwargs)
        if isinstance(found, HttpResponse):
            return found
        content_type, write = WRITERS[fmt]
        return HttpResponse(write(found, request.build_absolute_uri(), self.base_url), content_type=content_type)

    def feed(self, request, **kwargs):
        raise NotImplementedError


class DebatesFeed(FeedView):
    """``/feeds/debates.atom``: the debates published last."""

    def feed(self, request):
        found = entries.debate_entries(self.base_url)
        return entries.Feed(
            # Translators: a feed's title; %(archive)s is the archive's name.
            title=gettext("%(archive)s: new debates") % {"archive": entries.ARCHIVE_NAME},
            description=gettext(
                "Debates of the United Nations General Assembly on human security, as the archive "
                "publishes them. Each debate's abstract is the archive's own account; its summary is the UN's text."
            ),
            page_url=f"{self.base_url}{reverse('public:debate-list')}",
            entries=found,
            updated=entries.newest(found),
        )


class StatementsFeed(FeedView):
    """``/feeds/statements.atom?<the explorer's parameters>``: the statements of an explorer selection."""

    def feed(self, request):
        filterset = StatementFilterSet(
            data=request.GET, queryset=Intervention.objects.published().for_listing(), request=request
        )
        if not filterset.is_valid():
            return bad_request(request, filterset.errors, as_json=request.resolver_match.kwargs["fmt"] == "json")
        pills = filterset.pills({})
        chosen = "; ".join(filter_in_words(pill.label, pill.text) for pill in pills) or gettext("every statement")
        query = request.GET.urlencode()
        return self.statements(
            request,
            filterset,
            # Translators: a feed's title; %(archive)s is the archive's name, %(selection)s the explorer's filters
            # in words ("Theme: Freedom from fear; Stance: Called for") or "every statement".
            title=gettext("%(archive)s: statements (%(selection)s)")
            % {"archive": entries.ARCHIVE_NAME, "selection": chosen},
            page_url=f"{self.base_url}{reverse('public:intervention-list')}{'?' + query if query else ''}",
        )

    def statements(self, request, filterset, *, title, page_url):
        found = []
        if filterset.is_valid():  # a term's own filter refuses it only when no published statement could have it
            selection = filterset.selection()
            ids = entries.newest_statement_ids(selection.index, selection.selected)
            found = entries.statement_entries(selection.index, ids, self.base_url)
        return entries.Feed(
            title=title,
            description=gettext(
                "Statements of the General Assembly debates on human security, those of the debates "
                "published last first. Each says whose words it is: the UN's official text or the archive's account."
            ),
            page_url=page_url,
            entries=found,
            updated=entries.newest(found),
        )


class TermFeed(StatementsFeed):
    """``/feeds/themes/<slug>.atom`` (a topic's, a participant's): the statements filed under it, or theirs."""

    model = None
    param = None
    title = ""  # the feed's title: the archive's name and the term's, "%(archive)s: theme %(name)s"

    def get_object(self, slug):
        return get_object_or_404(self.model, slug=slug)

    def feed(self, request, slug):
        term = self.get_object(slug)
        filterset = StatementFilterSet(
            data=QueryDict(urlencode({self.param: slug})),
            queryset=Intervention.objects.published().for_listing(),
            request=request,
        )
        title = self.title % {"archive": entries.ARCHIVE_NAME, "name": term.name}
        page_url = f"{self.base_url}{term.get_absolute_url()}"
        return self.statements(request, filterset, title=title, page_url=page_url)


class ThemeFeed(TermFeed):
    model = Theme
    param = "theme"
    # Translators: a feed's title; %(archive)s is the archive's name, %(name)s a theme's.
    title = _("%(archive)s: theme %(name)s")


class TopicFeed(TermFeed):
    model = Topic
    param = "topic"
    # Translators: a feed's title; %(archive)s is the archive's name, %(name)s a topic's.
    title = _("%(archive)s: topic %(name)s")


class ParticipantFeed(TermFeed):
    model = Participant
    param = "participant"
    # Translators: a feed's title; %(archive)s is the archive's name, %(name)s a participant's (a person, a State…).
    title = _("%(archive)s: participant %(name)s")

    def get_object(self, slug):
        return get_object_or_404(Participant.objects.public(), slug=slug)
