"""The codebook: how the archive codes a statement, every value of every vocabulary, and the same as data.

Published debates only: the counts and examples come from the explorer's index of
published statements, so a draft never shows or counts.  Query strings are not read.
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.views.generic import TemplateView, View

from caching.stamp import request_stamp
from debates.models import TextOrigin
from public import terms
from public.facet_index import facet_index

from .vocabularies import EXTENT_CUES, attach_examples, vocabularies

DOWNLOAD_FIELDS = ["vocabulary", "value", "label", "definition", "count", "codebook_url", "explorer_url"]


class CodebookView(TemplateView):
    """The coding rules, then each vocabulary's values with definition, count, examples and explorer link."""

    template_name = "codebook/codebook.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        index = facet_index(request_stamp(self.request))
        context.update(
            vocabularies=attach_examples(vocabularies(index)),
            statement_total=index.size,
            # Each extent as a term in the page's language, with the English words of the summaries that give it.
            extent_cues=[(terms.attribution_term("extent", extent.value), cues) for extent, cues in EXTENT_CUES],
            text_origins=TextOrigin,
        )
        return context


class CodebookDownloadView(View):
    """``/codebook.json`` and ``/codebook.csv``: every value of every vocabulary with label, definition and count.

    They are data (the research downloads hold them too): always in English, the codebook's source language,
    with its addresses, whatever the language of the request; the page is translated, they are not.
    """

    download_format = None

    def get(self, request):
        with translation.override("en"):
            return self.download(request)

    def download(self, request):
        index = facet_index(request_stamp(request))
        found = vocabularies(index)
        codebook_url = request.build_absolute_uri(reverse("codebook:codebook"))
        rows = [
            {
                "vocabulary": vocabulary.name,
                "value": entry.value,
                "label": entry.label,
                "definition": entry.definition,
                "count": entry.count,
                "codebook_url": f"{codebook_url}#{entry.anchor}",
                "explorer_url": request.build_absolute_uri(entry.explorer_url),
            }
            for vocabulary in found
            for entry in vocabulary.entries
        ]
        if self.download_format == "csv":
            return csv_response(rows)
        return json_response(found, rows, index.size)


def csv_response(rows):
    """One row per value of every vocabulary, with a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=DOWNLOAD_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="codebook.csv"'
    return response


def json_response(found, rows, statement_total):
    """``{"statements": N, "vocabularies": [{"name", "title", "question", "values": [...]}, ...]}``."""
    values = {vocabulary.name: [] for vocabulary in found}
    for row in rows:
        values[row["vocabulary"]].append({name: value for name, value in row.items() if name != "vocabulary"})
    body = {
        "statements": statement_total,
        "vocabularies": [
            {
                "name": vocabulary.name,
                "title": vocabulary.title,
                "question": vocabulary.question,
                "values": values[vocabulary.name],
            }
            for vocabulary in found
        ],
    }
    response = JsonResponse(body, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="codebook.json"'
    return response
