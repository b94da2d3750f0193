"""``/sitemap.xml`` and ``/robots.txt``: what search engines may crawl, and every public page worth finding.

The sitemap lists the fixed pages, every published debate, and every theme, topic and named
participant page that shows published statements, each with ``lastmod`` taken from the content
it shows: the latest ``updated_at`` of the published debates behind it.  Each page is listed in each
of the six languages, with the others as its ``hreflang`` alternates.  Drafts, debates in review
and withdrawn debates are never listed; nor are they behind any ``lastmod``.

While every section fits in one file (:data:`URLS_PER_FILE`), ``/sitemap.xml`` is that one
``<urlset>``; once a section needs more, it becomes a ``<sitemapindex>`` of the sections' files,
``/sitemap-<section>.xml?p=N``.  Each answer runs a fixed number of SQL queries whatever the size
of the archive (tests/public/test_sitemap.py holds them to it).
"""

import os

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from debates.models import Debate, Participant, Theme, Topic
from panels.models import Intervention, Participation

# The sitemaps protocol's ceiling, and Django's default: at most this many URLs in one file.
URLS_PER_FILE = 50_000
PUBLISHED = Debate.Status.PUBLISHED


class ArchiveSitemap(Sitemap):
    """A section of the sitemap, by default a queryset counted once and paged by the database.

    Each item of a queryset carries its ``lastmod`` as an annotation, so no item costs a query of its own.
    """

    limit = URLS_PER_FILE
    # Every page in each of the six languages, each <url> naming the others (xhtml:link hreflang) and the English
    # page as x-default: Django pairs each item with each language, so a file holds URLS_PER_FILE such pairs.
    i18n = True
    alternates = True
    x_default = True

    @cached_property
    def paginator(self):
        """One paginator per sitemap, so the section's rows are counted once per request (Django makes a new one
        on each access)."""
        return super().paginator

    def lastmod(self, item):
        return item.lastmod

    def get_latest_lastmod(self):
        """The section's latest ``lastmod``, for the sitemap index, in one aggregate query."""
        return self.items().aggregate(latest=Max("lastmod"))["latest"]


class FixedPagesSitemap(ArchiveSitemap):
    """The archive's fixed pages; they show the whole archive, so they change when any published debate does."""

    url_names = [
        "public:home",
        "public:debate-list",
        "public:theme-list",
        "public:topic-list",
        "public:participant-list",
        "public:intervention-list",
        "codebook:codebook",
        "downloads:index",
    ]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)

    @cached_property
    def latest_debate_update(self):
        return Debate.objects.published().aggregate(latest=Max("updated_at"))["latest"]

    def lastmod(self, item):
        return self.latest_debate_update

    def get_latest_lastmod(self):
        return self.latest_debate_update


class DebateSitemap(ArchiveSitemap):
    """Every published debate, newest first, changed when it or anything in it was."""

    def items(self):
        return Debate.objects.published().annotate(lastmod=F("updated_at")).order_by("-start_date", "slug")


class VocabularySitemap(ArchiveSitemap):
    """Every theme (or topic) with published statements filed under it.

    A term with none still has a page, but an empty one: nothing for a search engine to index, and
    no content to date it by.  The theme and topic lists link to it all the same.
    """

    model = None

    def items(self):
        published = self.model.objects.filter(interventions__debate__status=PUBLISHED)
        return published.annotate(lastmod=Max("interventions__debate__updated_at")).order_by(*self.model._meta.ordering)


class ThemeSitemap(VocabularySitemap):
    model = Theme


class TopicSitemap(VocabularySitemap):
    model = Topic


def latest_published_update(rows, debate_path):
    """A subquery for ``Participant`` rows: the latest ``updated_at`` of the published debates of ``rows``.

    ``rows`` (a participant's parts, statements or mentions) has a ``participant``, and reaches its
    debate by ``debate_path``.
    """
    latest = (
        rows.filter(participant=OuterRef("pk"), **{f"{debate_path}__status": PUBLISHED})
        .order_by()
        .values("participant")
        .annotate(latest=Max(f"{debate_path}__updated_at"))
        .values("latest")
    )
    return Subquery(latest)


class ParticipantSitemap(ArchiveSitemap):
    """Every named participant of a published debate: with a part in one, a statement spoken, or one naming them.

    ``lastmod`` is the latest update of the published debates they appear in, by any of the three.
    """

    def items(self):
        parts = latest_published_update(Participation.objects.all(), "debate")
        spoken = latest_published_update(Intervention.objects.all(), "debate")
        named = latest_published_update(Intervention.named_participants.through.objects.all(), "intervention__debate")
        # Greatest is NULL on SQLite as soon as one argument is: each Coalesce starts from another of the
        # three and falls back on the others, so the greatest of them is the latest of those that exist.
        lastmod = Greatest(
            Coalesce(parts, spoken, named), Coalesce(spoken, named, parts), Coalesce(named, parts, spoken)
        )
        return Participant.objects.public().annotate(lastmod=lastmod).order_by("name", "slug")


# The sections, in the order the sitemap lists them; each has its file, /sitemap-<section>.xml.
SECTIONS = {
    "pages": FixedPagesSitemap,
    "debates": DebateSitemap,
    "themes": ThemeSitemap,
    "topics": TopicSitemap,
    "participants": ParticipantSitemap,
}


def sections_with_items():
    """Each section with something to list, as a sitemap made for this request."""
    sitemaps = {name: section() for name, section in SECTIONS.items()}
    return {name: sitemap for name, sitemap in sitemaps.items() if sitemap.paginator.count}


def dated_by_the_archive(response):
    """Leave ``Last-Modified`` to the page cache, which dates the answer by the archive's change stamp.

    Django dates a sitemap by its latest ``lastmod``, which goes back in time when a debate is
    withdrawn: a client asking ``If-Modified-Since`` would never be told that the list changed.
    """
    del response["Last-Modified"]
    return response


@require_safe
def sitemap(request):
    """``/sitemap.xml``: the whole sitemap in one file, or the index of the sections' files once one needs more."""
    sitemaps = sections_with_items()
    if any(section.paginator.num_pages > 1 for section in sitemaps.values()):
        response = sitemap_views.index(request, sitemaps, sitemap_url_name="crawl:sitemap-section")
    else:
        response = sitemap_views.sitemap(request, sitemaps)
    return dated_by_the_archive(response)


@require_safe
def sitemap_section(request, section):
    """``/sitemap-<section>.xml?p=N``: one page of one section; a section with nothing to list is a 404."""
    listed = SECTIONS[section]()
    if not listed.paginator.count:
        raise Http404(f"The sitemap has no {section} to list.")
    return dated_by_the_archive(sitemap_views.sitemap(request, {section: listed}, section=section))


def disallowed_paths():
    """The path prefixes crawlers are kept out of (robots.txt matches by prefix), in every language."""
    paths = [reverse("admin:index"), reverse("languages:choose", args=["en"]).removesuffix("en/")]
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            exports = [reverse(f"public:intervention-export-{name}") for name in ("csv", "json", "ris", "bibtex")]
            paths += [
                # The subscription pages are each reader's own.
                reverse("alerts:subscribe").removesuffix("subscribe/"),
                # The explorer's files: every selection of the explorer would otherwise be fetched once per format.
                os.path.commonprefix(exports),
                # Search results: endless combinations of words, each passage already listed on its debate's page.
                reverse("public:search"),
            ]
    return paths


@require_safe
def robots(request):
    """``/robots.txt``: the public archive open to every crawler, the private and bulk parts closed, and the sitemap."""
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed_paths()),
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('crawl:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
