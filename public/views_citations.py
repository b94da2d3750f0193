"""``/debates/<slug>/cite/``: a citation of a debate, a paragraph or a statement, in one of several formats.

``?format=un|chicago|bibtex|ris|csl-json`` (UN style when absent), ``&p=N`` for
paragraph N, ``&p=N&s=M`` for its M-th statement, and ``&lang=fr`` to cite its text in
that language (a translation: a 400 when it has none).  UN style and Chicago are
plain text; BibTeX, RIS and CSL-JSON are downloads.  Bad parameters are
answered with a 400 naming each (:class:`CitationQueryForm`), an unpublished
or unknown debate with a 404.
"""

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import View

from debates.models import Debate
from panels.models import Paragraph, shown_text

from .citations import FORMAT_LABELS, FORMATS, debate_reference, render, summary_document_of, text_reference
from .forms import QueryForm
from .views import bad_request


class CitationQueryForm(QueryForm):
    """``format``, ``p`` and ``s``: a known format, whole numbers from 1, ``s`` only with ``p``; none given empty."""

    format = forms.ChoiceField(choices=FORMAT_LABELS.items(), required=False)
    p = forms.IntegerField(min_value=1, required=False, label="paragraph")
    s = forms.IntegerField(min_value=1, required=False, label="statement")
    lang = forms.ChoiceField(choices=settings.LANGUAGES, required=False, label="language")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lang") and "p" not in self.data:
            self.add_error("lang", "Give “lang” (the text's language) together with “p”, the paragraph cited.")
        for name in ("format", "p", "s", "lang"):
            if name not in self.errors and self.data.get(name) == "":
                self.add_error(name, f"Give a value for “{name}”, or leave it out.")
        if cleaned.get("s") is not None and "p" not in self.data:
            self.add_error("s", "Give “s” (a statement) together with “p”, the paragraph it is in.")
        return cleaned


class CitationView(View):
    """The citation, as text or as a file to download, with its permanent link and today's date as accessed."""

    def get(self, request, slug):
        return citation_response(request, get_object_or_404(Debate.objects.published(), slug=slug))


def citation_response(request, debate):
    """The citation of ``debate`` (or of its paragraph or statement) that ``request``'s query asks for.

    ``debate`` is cited whatever its status: the caller decides who may see it (the public view only a published
    debate; the editorial desk's preview any, marked as a draft).
    """
    form = CitationQueryForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.errors)
    citation_format = form.cleaned_data["format"] or "un"
    number, order = form.cleaned_data["p"], form.cleaned_data["s"]
    options = {"base_url": request.build_absolute_uri("/").rstrip("/"), "accessed": timezone.localdate()}
    if number is None:
        reference = debate_reference(debate, **options)
    else:
        paragraph = (
            Paragraph.objects.filter(debate=debate, number=number)
            .select_related("panel")
            .prefetch_related("sources")
            .first()
        )
        if paragraph is None:
            return bad_request(request, {"p": [f"This debate has no paragraph {number}."]})
        statement = None
        if order is not None:
            statement = paragraph.interventions.select_related("source").filter(order=order).first()
            if statement is None:
                return bad_request(request, {"s": [f"Paragraph {number} has no statement {order}."]})
        shown = None
        language = form.cleaned_data["lang"]
        if language and language != debate.language:
            cited = statement or paragraph
            shown = shown_text(cited, debate.language, language)
            if not shown.is_translation:
                return bad_request(request, {"lang": [f"This text has no translation into “{language}”."]})
        summary = summary_document_of(debate) if statement is None and not paragraph.sources.all() else None
        reference = text_reference(debate, paragraph, statement, summary_document=summary, shown=shown, **options)
    content_type, extension = FORMATS[citation_format]
    response = HttpResponse(render(reference, citation_format), content_type=content_type)
    if extension:
        response["Content-Disposition"] = f'attachment; filename="{reference.key}.{extension}"'
    patch_cache_control(response, no_store=True)  # it says today's date as accessed: never reused
    return response
