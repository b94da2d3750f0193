"""The admin screens that import a summary: upload or paste → preview → save as a draft debate.

1. The editor uploads a file or pastes the text, with the title, date,
   session and kind (:class:`SummaryImportForm`).
2. The preview shows the whole proposed debate (:func:`panels.importing.summary_preview`),
   every statement the importer could not classify marked as such.  Nothing
   is saved; the text travels to the next step in a hidden field of the page.
3. "Save as draft" saves it in one transaction
   (:func:`panels.importing.summary_import`) and opens the draft.

Every problem is a form error beside the input at fault, and the database is
left as it was.  That includes a summary over the limits
(:func:`panels.importing.summary_limits_text`), however large: a file
is measured before it is read; a pasted text up to Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE`` (twice the importer's limit) is refused by the
importer with its size, and a larger one, which Django stops reading, is
refused by this view with the same kind of message.

A big summary's preview shows :data:`PREVIEW_PARAGRAPHS` paragraphs at a time
(buttons move through them; the counts cover them all) and the first
:data:`PREVIEW_WARNINGS` warnings, so that the page stays small.
"""

import contextlib
import math

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.forms.utils import ErrorDict
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_protect

from debates.models import Debate, Theme, Topic
from panels.attribution import ActorKind, Extent, Stance
from panels.importing import (
    DEFAULT_KIND,
    MAX_SUMMARY_BYTES,
    SummaryImportError,
    summary_check_size,
    summary_decode,
    summary_import,
    summary_limits_text,
    summary_preview,
)

MAX_MEGABYTES = MAX_SUMMARY_BYTES // (1024 * 1024)
# Paragraphs shown in full on one page of the preview, and warnings listed.
PREVIEW_PARAGRAPHS = 100
PREVIEW_WARNINGS = 100
# Of a request too large for Django to read, at most this much more is read and dropped before answering, so that
# the browser gets the answer instead of a connection closed in the middle of its upload.
MAX_DISCARDED_BYTES = 64 * 1024 * 1024


class SummaryImportForm(forms.Form):
    """A summary to import, as a file or pasted text, with the facts the text does not give reliably."""

    file = forms.FileField(
        required=False,
        help_text=f"A plain-text or Markdown file ({summary_limits_text()}): UTF-8, or UTF-16 with a "
        "byte-order mark, or Windows-1252.",
    )
    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text=f"Or paste the summary here: the text taken out of its PDF, or Markdown ({summary_limits_text()}).",
    )
    title = forms.CharField(required=False, max_length=300, widget=forms.TextInput(attrs={"size": 80}))
    date = forms.CharField(required=False, help_text="The day the debate was held, as YYYY-MM-DD.")
    session = forms.IntegerField(
        min_value=1,
        max_value=32767,
        error_messages={"required": "The General Assembly session number is required, e.g. 65."},
        help_text="The General Assembly session, e.g. 65.",
    )
    kind = forms.ChoiceField(choices=Debate.Kind.choices, initial=DEFAULT_KIND)
    slug = forms.CharField(
        required=False, max_length=120, help_text="Optional: made from the title and the year when blank."
    )
    source_title = forms.CharField(
        required=False,
        max_length=400,
        label="Summary document title",
        help_text="Optional: the title of the summary document the statements cite.",
    )

    summary_text = ""
    proposal = None

    @classmethod
    def refused(cls, message):
        """An empty form showing ``message`` at the text field: for a request whose data could not be read."""
        form = cls()
        form.cleaned_data = {}
        form._errors = ErrorDict()
        form.add_error("text", message)
        return form

    def clean(self):
        cleaned_data = super().clean()
        upload, pasted = cleaned_data.get("file"), cleaned_data.get("text") or ""
        if upload and pasted.strip():
            self.add_error("text", "Upload a file or paste the text, not both: clear one of them.")
            return cleaned_data
        if not upload and not pasted.strip():
            self.add_error("text", "Upload a summary file or paste the summary text.")
            return cleaned_data
        if upload:
            try:
                summary_check_size(upload.size)
                self.summary_text = summary_decode(upload.read(MAX_SUMMARY_BYTES + 1))
            except SummaryImportError as error:
                self.add_error("file", error.message)
                return cleaned_data
        else:
            self.summary_text = pasted
        if self.errors:
            return cleaned_data
        try:
            self.proposal = summary_preview(
                text=self.summary_text,
                title=cleaned_data.get("title"),
                date=cleaned_data.get("date"),
                session=cleaned_data.get("session"),
                kind=cleaned_data.get("kind"),
            )
        except SummaryImportError as error:
            self.add_import_error(error)
        return cleaned_data

    def add_import_error(self, error):
        """Show an importer error beside the input it concerns (the file, when the text came from one)."""
        field = error.field if error.field in self.fields else None
        if field == "text" and self.cleaned_data.get("file"):
            field = "file"
        self.add_error(field, error.message)

    def confirmation(self):
        """The same inputs for the "Save as draft" step, the text carried in a hidden field."""
        data = {name: self.cleaned_data.get(name) for name in ("title", "date", "session", "kind", "slug")}
        data.update(source_title=self.cleaned_data.get("source_title"), text=self.summary_text)
        confirmation = SummaryImportForm(initial=data)
        return [confirmation[name] for name in confirmation.fields if name != "file"]


def _labels(statement, themes, topics):
    return {
        "actor_kinds": [ActorKind.from_slug(slug).label for slug in statement.actor_kinds],
        "extent": Extent(statement.extent).label if statement.extent else None,
        "stance": Stance(statement.stance).label if statement.stance else None,
        "themes": [themes.get(slug, slug) for slug in statement.themes],
        "topics": [topics.get(slug, slug) for slug in statement.topics],
    }


def proposal_outline(proposed, *, first=1, last=None):
    """The proposal as the preview page prints it: labels in words, each statement with its problems.

    Only paragraphs ``first`` to ``last`` (numbers, inclusive; all when ``last`` is ``None``) are given, in the
    sections that hold them.
    """
    themes = dict(Theme.objects.values_list("slug", "name"))
    topics = dict(Topic.objects.values_list("slug", "name"))
    outline = []
    for section in proposed.sections:
        paragraphs = [
            paragraph
            for paragraph in section.paragraphs
            if paragraph.number >= first and (last is None or paragraph.number <= last)
        ]
        if not paragraphs:
            continue
        outline.append(
            {
                "title": section.title,
                "kind": section.kind,
                "paragraphs": [
                    {
                        "number": paragraph.number,
                        "text": paragraph.text,
                        "statements": [
                            {"statement": statement, **_labels(statement, themes, topics)}
                            for statement in paragraph.statements
                        ],
                    }
                    for paragraph in paragraphs
                ],
            }
        )
    return outline


def preview_page(proposed, requested):
    """Which paragraphs one page of the preview shows: ``requested`` (a page number as posted) made valid."""
    count = len(proposed.paragraphs)
    pages = max(1, math.ceil(count / PREVIEW_PARAGRAPHS))
    try:
        number = min(max(int(requested), 1), pages)
    except (TypeError, ValueError):
        number = 1
    first = (number - 1) * PREVIEW_PARAGRAPHS + 1
    return {
        "number": number,
        "pages": pages,
        "first": first,
        "last": min(count, number * PREVIEW_PARAGRAPHS),
        "count": count,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < pages else None,
        "previous_first": first - PREVIEW_PARAGRAPHS,
        "next_last": min(count, (number + 1) * PREVIEW_PARAGRAPHS),
    }


def _discard_unread_body(request):
    """Read and drop what Django left unread of a refused request (up to :data:`MAX_DISCARDED_BYTES`)."""
    remaining = MAX_DISCARDED_BYTES
    with contextlib.suppress(OSError):
        while remaining > 0:
            chunk = request.read(min(remaining, 1024 * 1024))
            if not chunk:
                break
            remaining -= len(chunk)


def _too_big_form(request):
    _discard_unread_body(request)
    size = int(request.META.get("CONTENT_LENGTH") or 0)
    bound = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return SummaryImportForm.refused(
        f"The text sent is {size / (1024 * 1024):.1f} MB, more than the {bound / (1024 * 1024):.0f} MB "
        f"this page can read; a summary may be at most {MAX_MEGABYTES} MB. Nothing was read or saved."
    )


def _import_context(request, model_admin):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Import a summary",
        "max_megabytes": MAX_MEGABYTES,
    }


def summary_import_view(request, *, model_admin):
    """Step through upload or paste → preview → save; see the module docstring.

    The CSRF check is made here, inside the handling of a request too large to read: reading the CSRF token
    means reading the request's data.  (When the URL is not CSRF-exempt, Django's middleware reads it first,
    and a request over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` gets Django's own "Bad request" page instead.)
    """
    try:
        return _checked_import_view(request, model_admin=model_admin)
    except RequestDataTooBig:
        context = _import_context(request, model_admin)
        context["form"] = _too_big_form(request)
        return TemplateResponse(request, "admin/panels/summary_import.html", context)


@csrf_protect
def _checked_import_view(request, *, model_admin):
    context = _import_context(request, model_admin)
    if request.method != "POST":
        context["form"] = SummaryImportForm()
        return TemplateResponse(request, "admin/panels/summary_import.html", context)
    data = request.POST
    form = SummaryImportForm(data, request.FILES)
    if form.is_valid() and "_save" in data:
        try:
            debate = summary_import(
                text=form.summary_text,
                title=form.cleaned_data["title"],
                date=form.cleaned_data["date"],
                session=form.cleaned_data["session"],
                kind=form.cleaned_data["kind"],
                slug=form.cleaned_data["slug"] or None,
                source_title=form.cleaned_data["source_title"] or None,
                user=request.user,
            )
        except SummaryImportError as error:
            form.add_import_error(error)
        else:
            model_admin.message_user(
                request,
                f"“{debate.title}” was imported as a draft. Check the statements, then send it to review.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:debates_debate_change", args=[debate.pk]))
    if form.is_valid():
        page = preview_page(form.proposal, data.get("preview_page"))
        context.update(
            title="Preview of the import",
            proposal=form.proposal,
            counts=form.proposal.counts(),
            outline=proposal_outline(form.proposal, first=page["first"], last=page["last"]),
            page=page,
            warnings=form.proposal.warnings[:PREVIEW_WARNINGS],
            more_warnings=max(0, len(form.proposal.warnings) - PREVIEW_WARNINGS),
            hidden_fields=form.confirmation(),
            form=form,
        )
        return TemplateResponse(request, "admin/panels/summary_import_preview.html", context)
    context["form"] = form
    return TemplateResponse(request, "admin/panels/summary_import.html", context)
