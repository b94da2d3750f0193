"""``/debates/<slug>/akn.xml``: a published debate as an Akoma Ntoso 3.0 file (docs/akoma-ntoso.md).

The debate is found exactly as its page finds it (:class:`public.views.DebateDetailView`'s queryset):
a draft, a debate in review or a withdrawn one is a 404, as is an unknown slug.  The file is written
by :mod:`akn.export`; like every public page, it carries ``ETag`` and ``Last-Modified`` from the
archive's change stamp, answers conditional requests with 304 and is kept in the page cache
(:mod:`caching.middleware`).
"""

from django.http import HttpResponse

from akn.export import akn_export
from akn.names import CONTENT_TYPE

from .views import DebateDetailView


class DebateAknView(DebateDetailView):
    """The Akoma Ntoso ``debateReport`` of one published debate, shown in the browser or saved as ``<slug>.akn.xml``."""

    def get(self, request, *args, **kwargs):
        debate = self.get_object()
        response = HttpResponse(akn_export(debate), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{debate.slug}.akn.xml"'
        return response
