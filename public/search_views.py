"""``/search/?q=``: the site-wide search page."""

from django.core.paginator import EmptyPage
from django.http import Http404
from django.views.generic import TemplateView

from public.forms import PageForm
from public.registry import SearchTextField
from public.views import bad_request
from search.queries import (
    RESULT_WINDOW,
    QueryTooComplex,
    ResultWindowPaginator,
    full_text_available,
    search_results,
    site_search,
)

PAGE_SIZE = 20


class SearchForm(PageForm):
    """``q`` (websearch syntax, at most 200 characters) and ``page``."""

    q = SearchTextField(required=False, label="Search the archive")

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class SearchView(TemplateView):
    """Published debates, segments, paragraphs and statements matching ``q``, best first, with snippets."""

    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET)
        if not form.is_valid():
            return bad_request(request, form.errors)
        q = form.cleaned_data["q"]
        context = self.get_context_data(form=form, q=q, full_text=full_text_available())
        if q:
            try:
                candidates = site_search(q)
            except QueryTooComplex:
                reason = "This search has more words and phrases than this server can look for: use fewer."
                return bad_request(request, {"q": [reason]})
            paginator = ResultWindowPaginator(candidates, PAGE_SIZE)
            number = form.cleaned_data["page"]
            try:
                page = paginator.page(number)
            except EmptyPage as error:
                if paginator.capped:
                    reason = f"Only the best {RESULT_WINDOW} results are shown, on pages 1 to {paginator.num_pages}."
                    return bad_request(request, {"page": [reason]})
                raise Http404(f"There is no page {number}: {error}") from error
            context.update(page_obj=page, results=search_results(page.object_list, q), window=RESULT_WINDOW)
        return self.render_to_response(context)
