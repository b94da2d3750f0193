"""The admin screens that import a summary: upload or paste → preview → save as a draft debate.

1. The editor uploads a file or pastes the text, with the title, date,
   session and kind (:class:`SummaryImportForm`).
2. The preview shows the whole proposed debate (:func:`panels.importer.services.summary_preview`),
   every statement the importer could not classify marked as such.  Nothing
   is saved; the text travels to the next step in a hidden field of the page.
3. "Save as draft" saves it in one transaction
   (:func:`panels.importer.services.summary_import`) and opens the draft.

Every problem is a form error beside the input at fault, and the database is
left as it was.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from debates.models import Debate, Theme, Topic
from panels.attribution import ActorKind, Extent, Stance
from panels.importer.services import (
    DEFAULT_KIND,
    MAX_SUMMARY_BYTES,
    SummaryImportError,
    summary_decode,
    summary_import,
    summary_preview,
)

MAX_MEGABYTES = MAX_SUMMARY_BYTES // (1024 * 1024)


class SummaryImportForm(forms.Form):
    """A summary to import, as a file or pasted text, with the facts the text does not give reliably."""

    file = forms.FileField(
        required=False,
        help_text=f"A plain-text or Markdown file of at most {MAX_MEGABYTES} MB: UTF-8, or UTF-16 with a "
        "byte-order mark, or Windows-1252.",
    )
    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text="Or paste the summary here: the text taken out of its PDF, or Markdown.",
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


def proposal_outline(proposed):
    """The proposal as the preview page prints it: labels in words, each statement with its problems."""
    themes = dict(Theme.objects.values_list("slug", "name"))
    topics = dict(Topic.objects.values_list("slug", "name"))
    return [
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
                for paragraph in section.paragraphs
            ],
        }
        for section in proposed.sections
    ]


def summary_import_view(request, *, model_admin):
    """Step through upload or paste → preview → save; see the module docstring."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Import a summary",
        "max_megabytes": MAX_MEGABYTES,
    }
    if request.method != "POST":
        context["form"] = SummaryImportForm()
        return TemplateResponse(request, "admin/panels/summary_import.html", context)
    form = SummaryImportForm(request.POST, request.FILES)
    if form.is_valid() and "_save" in request.POST:
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
        context.update(
            title="Preview of the import",
            proposal=form.proposal,
            counts=form.proposal.counts(),
            outline=proposal_outline(form.proposal),
            hidden_fields=form.confirmation(),
            form=form,
        )
        return TemplateResponse(request, "admin/panels/summary_import_preview.html", context)
    context["form"] = form
    return TemplateResponse(request, "admin/panels/summary_import.html", context)
