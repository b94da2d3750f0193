"""``/search/?q=``: the site-wide search page, with its filters, its order and suggestions when nothing matches."""

import hashlib

from django import forms
from django.core.cache import caches
from django.core.paginator import EmptyPage
from django.http import Http404
from django.utils.translation import get_language, gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from caching.stamp import request_stamp
from debates.models import Debate, Theme, Topic
from public.forms import PageForm
from public.registry import FIRST_YEAR, LAST_YEAR, SearchTextField
from public.views import bad_request
from search.queries import (
    RESULT_WINDOW,
    SORTS,
    Filters,
    QueryTooComplex,
    ResultWindowPaginator,
    Search,
    full_text_available,
    search_results,
    site_search,
)
from search.suggest import suggestions

PAGE_SIZE = 20
# How long a search's ranked window is kept; its key holds the archive's change stamp, so a change (a
# publish, a withdrawal, an edit) is never served from an older window: it is a new key.
WINDOW_SECONDS = 60 * 60
FILTER_NAMES = ("debate", "year_from", "year_to", "kind", "theme", "topic")


class SearchForm(PageForm):
    """``q`` (websearch syntax, at most 200 characters), the filters, ``sort`` and ``page``.

    The filters take the explorer's parameter names and values (slugs, years), so a selection
    reads the same in both places.
    """

    q = SearchTextField(required=False, label=_("Search the archive"))
    debate = forms.ModelChoiceField(
        queryset=Debate.objects.published(),
        to_field_name="slug",
        required=False,
        label=_("Debate"),
        empty_label=_("Any debate"),
    )
    year_from = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False, label=_("From year"))
    year_to = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False, label=_("To year"))
    kind = forms.ChoiceField(
        choices=[("", _("Any kind")), *Debate.Kind.choices], required=False, label=_("Kind of debate")
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(), to_field_name="slug", required=False, label=_("Theme"), empty_label=_("Any theme")
    )
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(), to_field_name="slug", required=False, label=_("Topic"), empty_label=_("Any topic")
    )
    # Translators: the search form's control choosing how results are ordered (relevance, newest first…).
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False, label=pgettext_lazy("sort order", "Order"))

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def clean_sort(self):
        return self.cleaned_data["sort"] or "relevance"

    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            self.add_error(
                "year_to", gettext("Give a year from %(first)s on, not %(last)s.") % {"first": first, "last": last}
            )
        return data

    def filters(self):
        data = self.cleaned_data
        return Filters(**{name: data.get(name) or None for name in FILTER_NAMES})

    def search(self):
        """The search of the page's language: on /fr/search/ the French translations are searched too, in French."""
        return Search(self.cleaned_data["q"], self.filters(), self.cleaned_data["sort"], language=get_language())


def ranked_window(search, stamp):
    """:func:`search.queries.site_search` for ``search``, kept under the archive's state ``stamp``.

    Ranking every match of a common word costs PostgreSQL 0.1–0.6 s at a million statements (RUM
    scores each match; bench/RESULTS.md): the window of the best 201 is kept in the cache (Redis
    when ``DJANGO_CACHE_URL`` is set, shared by the processes) so that the same search, another page
    of it, or the API's, is not ranked again until the archive changes.
    """
    # Its results' places ("Panel 2, paragraph 14") and addresses (/fr/debates/…) are in the active language.
    key = "search-window:" + hashlib.sha256(f"{stamp.token}|{get_language()}|{search.key}".encode()).hexdigest()
    window = caches["default"].get(key)
    if window is None:
        window = site_search(search)
        caches["default"].set(key, window, WINDOW_SECONDS)
    return window


class SearchView(TemplateView):
    """Published documents, debates, segments and passages matching ``q``, best first or by date, with snippets."""

    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET)
        if not form.is_valid():
            return bad_request(request, form.errors)
        q = form.cleaned_data["q"]
        # The debate is kept when given (a debate page's search box gives it), not offered as a list: an archive
        # has thousands of debates, and a list of them made the page a megabyte (measured at a million statements).
        within = form.cleaned_data.get("debate")
        without_debate = request.GET.copy()
        without_debate.pop("debate", None)
        without_debate.pop("page", None)
        context = self.get_context_data(
            form=form, q=q, full_text=full_text_available(), within=within, without_debate=without_debate.urlencode()
        )
        if q:
            search = form.search()
            try:
                candidates = ranked_window(search, request_stamp(request))
            except QueryTooComplex:
                reason = gettext("This search has more words and phrases than this server can look for: use fewer.")
                return bad_request(request, {"q": [reason]})
            paginator = ResultWindowPaginator(candidates, PAGE_SIZE)
            number = form.cleaned_data["page"]
            try:
                page = paginator.page(number)
            except EmptyPage as error:
                if paginator.capped:
                    reason = ngettext(
                        "Only the best %(count)s result is shown, on pages 1 to %(last)s.",
                        "Only the best %(count)s results are shown, on pages 1 to %(last)s.",
                        RESULT_WINDOW,
                    ) % {"count": RESULT_WINDOW, "last": paginator.num_pages}
                    return bad_request(request, {"page": [reason]})
                raise Http404(f"There is no page {number}: {error}") from error
            context.update(
                page_obj=page,
                results=search_results(page.object_list, search),
                window=RESULT_WINDOW,
                filtered=bool(search.filters),
                suggestions=suggestions(search, request.GET) if not candidates else None,
            )
        return self.render_to_response(context)
