"""The admin screens that import a summary: upload or paste → preview → save as a draft debate.

1. The editor uploads a file or pastes the text, with the title, date,
   session, symbol and kind (:class:`SummaryImportForm`).  Those the text
   states in its front matter and the editor left blank are filled in from it
   (:func:`panels.importer.metadata.propose_metadata`), shown for checking.
2. The preview shows the whole proposed debate (:func:`panels.importing.summary_propose`),
   every statement the importer could not classify marked as such, and the
   debates of the archive that already hold most of its paragraphs
   (:func:`panels.importing.summary_duplicates`).  Nothing is saved; the text
   travels to the next step in a hidden field of the page, beside the title,
   date, session, symbol, kind and slug, which stay editable there.
3. "Save as draft" saves it in one transaction
   (:func:`panels.importing.summary_import`) and opens the draft; when the
   preview named a debate holding the same text, only once the editor ticks
   the confirmation box.

Before saving, the editor may correct any proposed statement in the preview: its actor kinds, extent,
stance, themes and topics, or drop it (:class:`StatementCorrectionForm`, one per statement), or split it in two
where a second point begins (:mod:`panels.importer.split`; each part is read again on its own).  The controls
belong to the "Save as draft" form.  The splits travel in its hidden ``splits`` field as places in the
paragraphs' text, and the corrections made on other pages of the preview in its hidden ``carried`` field, so
that moving through the pages keeps them.

Every problem is a form error beside the input at fault, all of them found in
one pass, and the database is left as it was.  That includes a summary over the limits
(:func:`panels.importing.summary_limits_text`), however large: a file
is measured before it is read; a pasted text up to Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE`` (twice the importer's limit) is refused by the
importer with its size, and a larger one, which Django stops reading, is
refused by this view with the same kind of message.

A big summary's preview shows :data:`PREVIEW_PARAGRAPHS` paragraphs (at most :data:`PREVIEW_STATEMENTS`
statements) at a time (buttons move through them; the counts cover them all) and the first
:data:`PREVIEW_WARNINGS` warnings and statements to check, so that the page and its form stay small.
"""

import contextlib
import datetime
import json
import re

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.forms.utils import ErrorDict
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect

from akn.read import MAX_AKN_BYTES, AknImportError, akn_import
from debates.models import Debate, Theme, Topic
from panels.attribution import ACTOR_KIND_SLUGS, ActorKind, Extent, Stance
from panels.importer.metadata import parse_date, propose_metadata
from panels.importer.split import SplitError, apply_splits, split_offset, statement_starts
from panels.importing import (
    DEFAULT_KIND,
    MAX_SUMMARY_BYTES,
    StatementCorrection,
    SummaryImportError,
    statement_needs_review,
    summary_check_size,
    summary_check_slug,
    summary_check_symbol,
    summary_decode,
    summary_duplicates,
    summary_import,
    summary_limits_text,
    summary_propose,
)

MAX_MEGABYTES = MAX_SUMMARY_BYTES // (1024 * 1024)
# Paragraphs shown in full on one page of the preview, and warnings (and statements to check) listed.
PREVIEW_PARAGRAPHS = 100
# Statements with their controls on one page of the preview: some 7 fields each, which keeps the page's form
# under Django's DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000).  Corrections made on other pages travel in one field.
PREVIEW_STATEMENTS = 100
PREVIEW_WARNINGS = 100
# Of a request too large for Django to read, at most this much more is read and dropped before answering, so that
# the browser gets the answer instead of a connection closed in the middle of its upload.
MAX_DISCARDED_BYTES = 64 * 1024 * 1024


class SummaryDateField(forms.DateField):
    """A date picked in the browser's date picker, or typed as 2011-04-14, 14 April 2011 or 14/04/2011 (day first).

    The widget is an ``<input type="date">``; the server reads whatever text it is sent with
    :func:`panels.importer.metadata.parse_date`, so a browser without a picker (or a test) may type the date.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error


def interpolated(message, **values):
    """The lazy ``message`` with ``values`` put in (``%(name)s``) when it is shown, in the language of that moment;
    a callable value is called then: for a help text that holds a value computed in words."""

    def text():
        return str(message) % {name: value() if callable(value) else value for name, value in values.items()}

    return lazy(text, str)()


# The facts a debate needs, with the message shown when neither the editor nor the text gives them.
REQUIRED_FACTS = {
    "title": _("A title is required; the text does not state one."),
    "date": _("A date is required, e.g. 2011-04-14 or 14 April 2011; the text does not state one."),
    "session": _("The General Assembly session number is required, e.g. 65; the text does not state it."),
}
# The facts the text may state: a blank field is filled with what it states.
PROPOSED_FACTS = ("title", "date", "session", "symbol")


class SummaryImportForm(forms.Form):
    """A summary to import, as a file or pasted text, with the facts about it.

    Validated in one pass: every error is reported at once, at its field.  A title, date, session or symbol left
    blank is taken from the text where it states it (:attr:`proposed_fields` names them).  After validation the
    form's data shows the values as they will be saved (the date as YYYY-MM-DD, the text of an uploaded file in
    ``text``), so that the preview page can render the fields as they are.
    """

    file = forms.FileField(
        required=False,
        # Translators: the label of the field to upload a summary as a file.
        label=_("File"),
        help_text=interpolated(
            # Translators: %(limits)s says how large a summary may be ("at most 2 MB, …").
            _(
                "A plain-text or Markdown file (%(limits)s): UTF-8, or UTF-16 with a byte-order mark, or "
                "Windows-1252. Or an Akoma Ntoso file exported by this archive (…/akn.xml): it is imported as a "
                "draft at once, with its labels, under the slug below or its own."
            ),
            limits=summary_limits_text,
        ),
    )
    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        # Translators: the label of the field to paste a summary's text.
        label=_("Text"),
        help_text=interpolated(
            # Translators: %(limits)s says how large a summary may be ("at most 2 MB, …").
            _("Or paste the summary here: the text taken out of its PDF, or Markdown (%(limits)s)."),
            limits=summary_limits_text,
        ),
    )
    title = forms.CharField(
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"size": 80}),
        label=_("Title"),
        help_text=_("Left blank, it is taken from the text where the text states it."),
    )
    date = SummaryDateField(
        required=False,
        label=_("Date"),
        help_text=_(
            "The day the debate was held: 2011-04-14, 14 April 2011 or 14/04/2011 (day first). "
            "Left blank, it is taken from the text where the text states it."
        ),
    )
    session = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=32767,
        label=_("Session"),
        # Translators: “sixty-fifth session” quotes the English wording the importer reads in a summary: keep it.
        help_text=_(
            "The General Assembly session, e.g. 65. Left blank, it is taken from the text "
            "(“sixty-fifth session”, or a symbol such as A/65/…)."
        ),
    )
    symbol = forms.CharField(
        required=False,
        max_length=60,
        label=_("Summary document symbol"),
        help_text=_(
            "Optional: the UN symbol of the summary document, e.g. A/65/890; taken from the text when it states one."
        ),
    )
    # Translators: the label of the choice of a debate's kind (the kinds of General Assembly meeting).
    kind = forms.ChoiceField(label=_("Kind"), choices=Debate.Kind.choices, initial=DEFAULT_KIND)
    slug = forms.CharField(
        required=False,
        max_length=120,
        # Translators: the label of a debate's slug, the word of its address (e.g. …/debates/2011-human-security/).
        label=_("Slug"),
        help_text=_("Optional: made from the title and the year when blank."),
    )
    source_title = forms.CharField(
        required=False,
        max_length=400,
        label=_("Summary document title"),
        help_text=_("Optional: the title of the summary document the statements cite."),
    )
    confirm_duplicate = forms.BooleanField(
        required=False,
        label=_("Import it all the same"),
        help_text=_(
            "The archive already holds most of this text's paragraphs (see above). Tick to save it as a "
            "new draft anyway."
        ),
    )

    summary_text = ""
    proposal = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposed_fields = []
        self.duplicates = []

    @classmethod
    def refused(cls, message, field="text"):
        """An empty form showing ``message`` at ``field``: for a request whose data could not be read or used."""
        form = cls()
        form.cleaned_data = {}
        form._errors = ErrorDict()
        form.add_error(field, message)
        return form

    def visible_fields_for_preview(self):
        """The fields the preview page shows for editing (the text travels hidden; no file; the box apart)."""
        return [self[name] for name in self.fields if name not in ("file", "text", "confirm_duplicate")]

    def clean(self):
        cleaned_data = super().clean()
        self._read_text(cleaned_data)
        if self.summary_text:
            try:
                self.proposal = summary_propose(self.summary_text)
            except SummaryImportError as error:
                self.add_import_error(error)
            self._fill_from_text(cleaned_data, propose_metadata(self.summary_text))
        for name, message in REQUIRED_FACTS.items():
            if name not in self.errors and cleaned_data.get(name) in (None, ""):
                self.add_error(name, message)
        if not self.errors.keys() & {"title", "date", "slug"}:
            try:
                summary_check_slug(cleaned_data.get("slug"), title=cleaned_data["title"], date=cleaned_data["date"])
            except SummaryImportError as error:
                self.add_error("slug", error.message)
        if "symbol" not in self.errors and cleaned_data.get("symbol"):
            try:
                cleaned_data["symbol"] = summary_check_symbol(cleaned_data["symbol"])
            except SummaryImportError as error:
                self.add_error("symbol", error.message)
        if self.proposal is not None:
            self.duplicates = summary_duplicates(self.proposal)
            if self.duplicates and "_save" in self.data and not cleaned_data.get("confirm_duplicate"):
                self.add_error(
                    "confirm_duplicate",
                    gettext(
                        "This text is already in the archive (see above): tick this box to import it all the same, "
                        "or start again."
                    ),
                )
        self._show_cleaned_values(cleaned_data)
        return cleaned_data

    def _read_text(self, cleaned_data):
        upload, pasted = cleaned_data.get("file"), cleaned_data.get("text") or ""
        if upload and pasted.strip():
            self.add_error("text", gettext("Upload a file or paste the text, not both: clear one of them."))
        elif not upload and not pasted.strip():
            self.add_error("text", gettext("Upload a summary file or paste the summary text."))
        elif upload:
            try:
                summary_check_size(upload.size)
                self.summary_text = summary_decode(upload.read(MAX_SUMMARY_BYTES + 1))
            except SummaryImportError as error:
                self.add_error("file", error.message)
        else:
            self.summary_text = pasted

    def _fill_from_text(self, cleaned_data, proposed):
        """Fill the blank facts the text states (those the editor typed, right or wrong, are kept)."""
        raw = {name: self.data.get(self.add_prefix(name), "") for name in PROPOSED_FACTS}
        for name, value in proposed.as_dict().items():
            if not str(raw[name]).strip():
                cleaned_data[name] = value
                self.proposed_fields.append(name)

    def _show_cleaned_values(self, cleaned_data):
        """Put the values as they will be saved into the form's data, which the re-rendered fields show."""
        data = self.data.copy()
        if self.summary_text:
            data[self.add_prefix("text")] = self.summary_text
        for name in PROPOSED_FACTS:
            value = cleaned_data.get(name)
            if name not in self.errors and value not in (None, ""):
                data[self.add_prefix(name)] = value.isoformat() if isinstance(value, datetime.date) else str(value)
        self.data = data

    def add_import_error(self, error):
        """Show an importer error beside the input it concerns (the file, when the text came from one)."""
        field = error.field if error.field in self.fields else None
        if field == "text" and self.cleaned_data.get("file"):
            field = "file"
        self.add_error(field, error.message)


SAVE_FORM_ID = "summary-save-form"


class StatementCorrectionForm(forms.Form):
    """The editor's labels for one proposed statement, shown beside it in the preview.

    Its prefix is ``s<paragraph number>-<statement order>``; ``shown`` tells a statement whose controls were
    sent (every box unticked) from one whose controls were not on the page.  Only a form whose values differ
    from the importer's proposal is a correction (:meth:`correction`).
    """

    actor_kinds = forms.MultipleChoiceField(
        # Translators: the label of a statement's actor kinds (who speaks: states, the Secretary-General…).
        label=_("Who"),
        required=False,
        choices=[(slug, kind.label) for kind, slug in ACTOR_KIND_SLUGS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    extent = forms.ChoiceField(
        # Translators: the label of a statement's extent: how many of those it names speak (one, some, all…).
        label=_("How many"),
        required=False,
        # Translators: the choice of a label the importer could not read in a statement.
        choices=[("", _("? (not read)")), *Extent.choices],
    )
    stance = forms.ChoiceField(
        # Translators: the label of a statement's stance (for, against… the matter debated).
        label=_("Stance"),
        required=False,
        # Translators: the choice of a label the importer could not read in a statement.
        choices=[("", _("? (not read)")), *Stance.choices],
    )
    themes = forms.MultipleChoiceField(label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple)
    topics = forms.MultipleChoiceField(label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple)
    drop = forms.BooleanField(label=_("Drop: do not save this statement"), required=False)
    split_at = forms.CharField(
        label=_("Split before"),
        required=False,
        max_length=500,
        # Translators: “Split” is the name of the button beside this field.
        help_text=_(
            "To make two statements of this one, copy here the words where the second begins, then press "
            "“Split”. Each part is then read again on its own."
        ),
    )
    shown = forms.CharField(widget=forms.HiddenInput, initial="1")

    def __init__(self, *args, statement, theme_choices=(), topic_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.statement = statement
        self.split_offset = None
        self.fields["themes"].choices = theme_choices
        self.fields["topics"].choices = topic_choices
        for field in self.fields.values():
            # The controls sit beside their statement, outside the "Save as draft" form they belong to.
            field.widget.attrs["form"] = SAVE_FORM_ID

    def clean_split_at(self):
        words = self.cleaned_data["split_at"].strip()
        if words:
            try:
                self.split_offset = split_offset(self.statement, words)
            except SplitError as error:
                raise ValidationError(str(error), code="split") from error
        return words

    @property
    def labels_changed(self):
        """Whether the editor changed any label or dropped the statement (a split alone changes no label)."""
        return self.is_bound and bool(set(self.changed_data) - {"split_at"})

    def clean(self):
        cleaned_data = super().clean()
        if self.labels_changed and not cleaned_data.get("drop") and not cleaned_data.get("actor_kinds"):
            self.add_error(
                "actor_kinds",
                # Translators: “Drop” is the start of the label of the box that leaves a statement out.
                gettext("Tick at least one actor kind, or tick “Drop” to leave the statement out."),
            )
        return cleaned_data

    def correction(self):
        """The :class:`~panels.importing.StatementCorrection` this form makes, or ``None`` when unchanged."""
        if not self.labels_changed:
            return None
        data = self.cleaned_data
        return StatementCorrection(
            actor_kinds=data["actor_kinds"],
            extent=data["extent"],
            stance=data["stance"],
            themes=data["themes"],
            topics=data["topics"],
            drop=data["drop"],
        )


class StatementCorrections:
    """One :class:`StatementCorrectionForm` per proposed statement, keyed by (paragraph number, statement order).

    A form's prefix is ``s<paragraph number>-at<where the statement starts in the paragraph's text>``, a place
    that splitting another statement of the paragraph does not move (its order may change).  A statement's form
    is bound to ``data`` only when its controls were sent; otherwise it shows the proposal.
    """

    def __init__(self, proposal, data=None):
        theme_choices = list(Theme.objects.values_list("slug", "name"))
        topic_choices = list(Topic.objects.values_list("slug", "name"))
        known_themes = {slug for slug, _ in theme_choices}
        known_topics = {slug for slug, _ in topic_choices}
        self.forms = {}
        self.starts = {}
        for paragraph in proposal.paragraphs:
            for statement, start in zip(paragraph.statements, statement_starts(paragraph), strict=True):
                prefix = f"s{paragraph.number}-at{start}"
                bound = data is not None and f"{prefix}-shown" in data
                self.starts[paragraph.number, statement.order] = start
                self.forms[paragraph.number, statement.order] = StatementCorrectionForm(
                    data if bound else None,
                    prefix=prefix,
                    statement=statement,
                    theme_choices=theme_choices,
                    topic_choices=topic_choices,
                    initial={
                        "actor_kinds": list(statement.actor_kinds),
                        "extent": statement.extent or "",
                        "stance": statement.stance or "",
                        # A label the archive lacks is not saved, so it is not offered either.
                        "themes": [slug for slug in statement.themes if slug in known_themes],
                        "topics": [slug for slug in statement.topics if slug in known_topics],
                    },
                )

    def is_valid(self):
        """Whether every statement's sent controls are valid (each form is checked, so all errors show)."""
        return all(form.is_valid() for form in self.forms.values() if form.is_bound)

    @property
    def error_count(self):
        return sum(1 for form in self.forms.values() if form.is_bound and form.errors)

    def corrections(self):
        """The corrections made, as :func:`panels.importing.summary_import` takes them; call after :meth:`is_valid`."""
        made = {key: form.correction() for key, form in self.forms.items()}
        return {key: correction for key, correction in made.items() if correction is not None}

    def requested_splits(self):
        """The splits asked for in this request: (paragraph number, offset in its text, the form asking)."""
        return [
            (number, self.starts[number, order] + form.split_offset, form)
            for (number, order), form in self.forms.items()
            if form.is_bound and form.split_offset is not None
        ]

    def carried(self, *, first, last):
        """The corrections made to statements outside paragraphs ``first`` to ``last``, as the value of the
        hidden field :data:`CARRIED_FIELD` (:func:`carry_corrections` reads it back): JSON, one entry per
        statement whose labels the editor changed, its controls' values by name.
        """
        return json.dumps(
            {
                form.prefix: {name: form.data.getlist(form.add_prefix(name)) for name in form.fields}
                for (number, _order), form in self.forms.items()
                if not first <= number <= last and form.labels_changed
            },
            separators=(",", ":"),
        )


def statements_to_check(proposal, page):
    """Every statement the importer could not fully classify (saved needing review, or left out), in order."""
    items = []
    for paragraph in proposal.paragraphs:
        for statement in paragraph.statements:
            if not statement_needs_review(statement):
                continue
            missing = [
                text
                for text, value in (
                    # Translators: in the import preview, a statement without actor kinds (the box "Who").
                    (gettext("no who"), statement.actor_kinds),
                    # Translators: in the import preview, a statement without extent (the choice "How many").
                    (gettext("no how many"), statement.extent),
                    # Translators: in the import preview, a statement without stance (the choice "Stance").
                    (gettext("no stance"), statement.stance),
                )
                if not value
            ]
            items.append(
                {
                    "number": paragraph.number,
                    "order": statement.order,
                    "text": statement.text,
                    "reason": statement.reason,
                    "missing": missing,
                    "page": page["of_paragraph"][paragraph.number],
                    "on_page": page["first"] <= paragraph.number <= page["last"],
                }
            )
    return items


def _labels(statement, themes, topics):
    return {
        "actor_kinds": [ActorKind.from_slug(slug).label for slug in statement.actor_kinds],
        "extent": Extent(statement.extent).label if statement.extent else None,
        "stance": Stance(statement.stance).label if statement.stance else None,
        "themes": [themes.get(slug, slug) for slug in statement.themes],
        "topics": [topics.get(slug, slug) for slug in statement.topics],
    }


def proposal_outline(proposed, *, first=1, last=None, corrections=None):
    """The proposal as the preview page prints it: labels in words, each statement with its problems.

    With ``corrections`` (a :class:`StatementCorrections`), each statement comes with its form as ``form``.

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
                "title": section.heading,
                "kind": section.kind,
                "paragraphs": [
                    {
                        "number": paragraph.number,
                        "text": paragraph.text,
                        "statements": [
                            {
                                "statement": statement,
                                "form": corrections.forms[paragraph.number, statement.order] if corrections else None,
                                **_labels(statement, themes, topics),
                            }
                            for statement in paragraph.statements
                        ],
                    }
                    for paragraph in paragraphs
                ],
            }
        )
    return outline


def preview_pages(proposed):
    """The pages of the preview, as (first, last) paragraph numbers: each at most :data:`PREVIEW_PARAGRAPHS`
    paragraphs and, unless one paragraph alone has more, :data:`PREVIEW_STATEMENTS` statements."""
    pages, first, last, paragraphs, statements = [], None, None, 0, 0
    for paragraph in proposed.paragraphs:
        count = len(paragraph.statements)
        if first is not None and (paragraphs == PREVIEW_PARAGRAPHS or statements + count > PREVIEW_STATEMENTS):
            pages.append((first, last))
            first = None
        if first is None:
            first, paragraphs, statements = paragraph.number, 0, 0
        last = paragraph.number
        paragraphs += 1
        statements += count
    if first is not None:
        pages.append((first, last))
    return pages or [(1, 0)]


def preview_page(proposed, requested):
    """Which paragraphs one page of the preview shows: ``requested`` (a page number as posted) made valid."""
    pages = preview_pages(proposed)
    try:
        number = min(max(int(requested), 1), len(pages))
    except (TypeError, ValueError):
        number = 1
    first, last = pages[number - 1]
    return {
        "number": number,
        "pages": len(pages),
        "first": first,
        "last": last,
        "count": len(proposed.paragraphs),
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < len(pages) else None,
        "previous_range": pages[number - 2] if number > 1 else None,
        "next_range": pages[number] if number < len(pages) else None,
        # The page each paragraph is on.
        "of_paragraph": {n: index for index, (a, b) in enumerate(pages, start=1) for n in range(a, b + 1)},
    }


SPLITS_FIELD = "splits"
CARRIED_FIELD = "carried"


def carry_corrections(data):
    """``data`` with the corrections carried from other pages (:meth:`StatementCorrections.carried`) put back
    under their controls' names; a statement whose controls were sent itself keeps them.

    Raises ``ValueError`` when the carried value is malformed.
    """
    carried = json.loads(data.get(CARRIED_FIELD) or "{}")
    if not isinstance(carried, dict):
        raise ValueError("not an object")
    data = data.copy()
    for prefix, values in carried.items():
        if f"{prefix}-shown" in data:
            continue
        if not isinstance(values, dict):
            raise ValueError(f"the entry {prefix} is not an object")
        for name, value in values.items():
            if not isinstance(value, list) or not all(isinstance(each, str) for each in value):
                raise ValueError(f"the value of {prefix}-{name} is not a list of strings")
            data.setlist(f"{prefix}-{name}", value)
    return data


def read_splits(value):
    """The splits a preview carries in its hidden ``splits`` field, ``"2:45 3:10"``, as (paragraph, offset) pairs.

    Raises ``ValueError`` when the value is malformed.
    """
    splits = []
    for item in (value or "").split():
        number, colon, offset = item.partition(":")
        if not colon:
            raise ValueError(f"“{item}” is not a paragraph number and an offset")
        splits.append((int(number), int(offset)))
    return splits


def write_splits(splits):
    """The value of the hidden ``splits`` field for ``splits`` (:func:`read_splits` reads it back)."""
    return " ".join(f"{number}:{offset}" for number, offset in sorted(set(splits)))


def _carried_splits(form, data):
    """Make in ``form.proposal`` the splits made earlier in this preview, and return them.

    Splits that cannot be made again (a hidden field changed by hand) are dropped, with an error on the form.
    """
    try:
        splits = read_splits(data.get(SPLITS_FIELD))
        apply_splits(form.proposal, splits)
    except ValueError as error:  # SplitError is one
        form.add_error(
            None,
            # Translators: %(error)s is a technical detail, in English.
            gettext("The statements split in this preview could not be found again (%(error)s): start again.")
            % {"error": error},
        )
        form.proposal = summary_propose(form.summary_text)
        return []
    return splits


def _split(proposal, corrections, data, splits):
    """Make the splits requested in this request; return the data, corrections and notes to show.

    The split statements' controls are dropped from the data, so that both parts show the importer's reading
    of each part; ``splits`` is extended in place.
    """
    requested = corrections.requested_splits()
    apply_splits(proposal, [(number, offset) for number, offset, _form in requested])
    splits.extend((number, offset) for number, offset, _form in requested)
    data = data.copy()
    for _number, _offset, form in requested:
        for key in [key for key in data if key.startswith(f"{form.prefix}-")]:
            del data[key]
    corrections = StatementCorrections(proposal, data)
    corrections.is_valid()
    notes = [
        {"number": number, "text": form.statement.text, "words": form.cleaned_data["split_at"]}
        for number, _offset, form in requested
    ]
    return data, corrections, notes


AKN_START = re.compile(rb"<\?xml\b|<(?:\w+:)?akomaNtoso\b")


def is_akoma_ntoso(upload):
    """Whether an uploaded file is an XML document (an Akoma Ntoso file), not a summary's text: it starts with an
    XML declaration or an ``<akomaNtoso>`` element."""
    start = upload.read(512)
    upload.seek(0)
    return bool(AKN_START.match(start.lstrip(b"\xef\xbb\xbf \t\r\n")))


def _akoma_ntoso_import(request, upload, *, model_admin, context):
    """Import an Akoma Ntoso file as a draft with every label it carries (no preview: nothing is proposed), under
    the slug given in the form or the file's; an error is shown at the file, and nothing is saved."""
    slug = request.POST.get("slug", "").strip() or None
    try:
        if upload.size > MAX_AKN_BYTES:
            raise AknImportError(
                gettext("The file is %(size).1f MB; an Akoma Ntoso debate may be at most %(limit)s MB.")
                % {"size": upload.size / (1024 * 1024), "limit": MAX_AKN_BYTES // (1024 * 1024)}
            )
        debate = akn_import(data=upload.read(), slug=slug, user=request.user)
    except AknImportError as error:
        context["form"] = SummaryImportForm.refused(error.message, field="file")
        return TemplateResponse(request, "admin/panels/summary_import.html", context)
    model_admin.message_user(
        request,
        gettext(
            "“%(title)s” was imported from Akoma Ntoso as a draft, with the labels the file carries. "
            "Check it, then send it to review."
        )
        % {"title": debate.title},
        messages.SUCCESS,
    )
    return HttpResponseRedirect(reverse("admin:debates_debate_change", args=[debate.pk]))


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
        gettext(
            "The text sent is %(size).1f MB, more than the %(bound).0f MB this page can read; a summary may be at "
            "most %(limit)s MB. Nothing was read or saved."
        )
        % {"size": size / (1024 * 1024), "bound": bound / (1024 * 1024), "limit": MAX_MEGABYTES}
    )


def _import_context(request, model_admin):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": gettext("Import a summary"),
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
    upload = request.FILES.get("file")
    if upload is not None and is_akoma_ntoso(upload):
        return _akoma_ntoso_import(request, upload, model_admin=model_admin, context=context)
    form = SummaryImportForm(data, request.FILES)
    valid = form.is_valid()
    splits, split_notes, corrections = [], [], None
    if form.proposal is not None:
        try:
            data = carry_corrections(data)
        except ValueError as error:
            form.add_error(
                None,
                # Translators: %(error)s is a technical detail, in English.
                gettext("The corrections made on other pages could not be read (%(error)s): start again.")
                % {"error": error},
            )
        splits = _carried_splits(form, data)
        valid = valid and not form.non_field_errors()
        corrections = StatementCorrections(form.proposal, data)
    corrected = corrections is not None and corrections.is_valid()
    if corrections is not None and corrections.requested_splits():
        # A split is shown before anything is saved, "Save as draft" pressed or not: its parts need checking.
        data, corrections, split_notes = _split(form.proposal, corrections, data, splits)
        corrected = False
    if valid and corrected and "_save" in data:
        try:
            debate = summary_import(
                text=form.summary_text,
                title=form.cleaned_data["title"],
                date=form.cleaned_data["date"],
                session=form.cleaned_data["session"],
                kind=form.cleaned_data["kind"],
                slug=form.cleaned_data["slug"] or None,
                source_title=form.cleaned_data["source_title"] or None,
                symbol=form.cleaned_data["symbol"] or None,
                splits=splits,
                corrections=corrections.corrections(),
                user=request.user,
            )
        except SummaryImportError as error:
            form.add_import_error(error)
        else:
            model_admin.message_user(
                request,
                gettext("“%(title)s” was imported as a draft. Check the statements, then send it to review.")
                % {"title": debate.title},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:debates_debate_change", args=[debate.pk]))
    # A first preview with errors goes back to the import form; a failed save stays on the preview, errors shown
    # at the fields there.
    if form.proposal is not None and (valid or "_save" in data or SPLITS_FIELD in data):
        page = preview_page(form.proposal, data.get("preview_page"))
        to_check = statements_to_check(form.proposal, page)
        context.update(
            title=gettext("Preview of the import"),
            proposal=form.proposal,
            counts=form.proposal.counts(),
            outline=proposal_outline(form.proposal, first=page["first"], last=page["last"], corrections=corrections),
            page=page,
            to_check=to_check[:PREVIEW_WARNINGS],
            to_check_count=len(to_check),
            more_to_check=max(0, len(to_check) - PREVIEW_WARNINGS),
            corrections=corrections,
            carried=corrections.carried(first=page["first"], last=page["last"]),
            splits=write_splits(splits),
            split_notes=split_notes,
            warnings=form.proposal.warnings[:PREVIEW_WARNINGS],
            more_warnings=max(0, len(form.proposal.warnings) - PREVIEW_WARNINGS),
            duplicates=[
                {"match": match, "url": reverse("admin:debates_debate_change", args=[match.debate.pk])}
                for match in form.duplicates
            ],
            form=form,
        )
        return TemplateResponse(request, "admin/panels/summary_import_preview.html", context)
    context["form"] = form
    return TemplateResponse(request, "admin/panels/summary_import.html", context)
