"""Forms and widgets shared by the admin of the ``debates`` and ``panels`` apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from akn.export import NOT_XML
from debates.services import debate_is_editable
from debates.versioning import conflict_message


class MarkdownTextarea(forms.Textarea):
    """A textarea for Markdown with a "Preview" button that shows the sanitized rendering (admin only).

    The button posts the text to the admin's preview view and shows the HTML
    it returns.  Without JavaScript the button does nothing, and the admin
    shows the stored rendering read-only beside the field after each save.
    The script's messages travel in the button's data attributes, in the page's language.
    """

    class Media:
        js = ["archive_admin/markdown-preview.js"]
        css = {"all": ["archive_admin/admin.css"]}

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="markdown-field">{}'
            '<button type="button" class="button markdown-preview-button" data-preview-url="{}"'
            ' data-rendering="{}" data-empty="{}" data-failed="{}" data-status="{}">{}</button>'
            '<div class="markdown-preview" aria-live="polite" hidden></div></div>',
            textarea,
            reverse("admin:debates_debate_markdown_preview"),
            # Translators: shown in place of a Markdown preview while the server renders it.
            gettext("Rendering…"),
            # Translators: a Markdown preview of an empty text.
            gettext("(nothing to show)"),
            # Translators: %(reason)s is why, e.g. "the server answered 500" or the browser's own message.
            gettext("The preview failed: %(reason)s."),
            # Translators: why a Markdown preview failed; %(status)s is an HTTP status code such as 500.
            gettext("the server answered %(status)s"),
            # Translators: a button beside a text field of the admin: show how its Markdown will look.
            gettext("Preview Markdown"),
        )


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to save over a version of the record newer than the one it was loaded with.

    The version travels in a hidden field.  The admin saves its main form
    even when nothing in it changed, so the main form always checks; inline
    forms (``check_unchanged = False``) check only when the editor changed
    the row, since unchanged rows are not saved.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    check_unchanged = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["loaded_version"] = self.instance.version

    @cached_property
    def changed_data(self):
        return [name for name in super().changed_data if name != "loaded_version"]

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_unwritable_characters(cleaned_data)
        instance = self.instance
        if instance.pk is None or instance._state.adding:
            return cleaned_data
        if not (self.check_unchanged or self.has_changed()):
            return cleaned_data
        loaded = cleaned_data.get("loaded_version")
        if loaded is None:
            raise ValidationError(
                # Translators: %(name)s is the kind of record edited: debate, paragraph, statement…
                gettext(
                    "This form does not say which version of the %(name)s it was opened with. "
                    "Reload the page and make your change again."
                )
                % {"name": instance._meta.verbose_name},
                code="edit_conflict",
            )
        current = type(instance)._base_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
        if current != loaded:
            raise ValidationError(conflict_message(instance, loaded), code="edit_conflict")
        instance.version = loaded
        return cleaned_data

    def _refuse_unwritable_characters(self, cleaned_data):
        """An error at each text field holding a control character that no format of the archive can carry.

        XML (Akoma Ntoso, feeds) cannot hold them at all, and they are invisible on a page; text pasted from
        a PDF or a word processor may bring one (a form feed, a vertical tab).
        """
        for name, value in list(cleaned_data.items()):
            if isinstance(value, str) and (bad := NOT_XML.search(value)):
                self.add_error(
                    name,
                    # Translators: %(code)s is a character's code such as U+000C; %(position)s counts characters.
                    gettext(
                        "This text holds an invisible control character (%(code)s) at position %(position)s, "
                        "which no format of the archive can carry: remove it."
                    )
                    % {"code": f"U+{ord(bad.group()):04X}", "position": bad.start() + 1},
                )


class VersionedInlineForm(VersionedModelForm):
    """An inline row: checked for conflicts only when the editor changed it."""

    check_unchanged = False


class PositionedInlineForm(VersionedInlineForm):
    """An inline row whose place among its siblings is typed as a number.

    The model's own position field (``number`` or ``order``) is not on the
    form, so that typing a number already taken is not an error: the admin
    hands the typed positions to :func:`panels.services.positions_renumber`,
    which moves the row there and renumbers the others.
    """

    position_field = "order"
    position = forms.IntegerField(
        min_value=1,
        max_value=9999,
        required=False,
        # Translators: the heading of a column of row numbers (position) in the admin; abbreviation of "number".
        label=_("No."),
        help_text=_("Type a new number to move this row; the others are renumbered. Blank: at the end."),
        widget=forms.NumberInput(attrs={"class": "vIntegerField position-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["position"] = getattr(self.instance, self.position_field)

    def prepare_instance(self):
        """Complete the row's instance after the formset built it and before it is validated and saved."""


class DebatePartForm(VersionedModelForm):
    """A form for something inside a debate: editors may not change what is in a published or withdrawn debate.

    ``user`` is set by the admin (see ``DebatePartAdmin.get_form``).
    """

    user = None

    def debate_from(self, cleaned_data):
        """The debate this row belongs to, from the form or the instance."""
        if cleaned_data.get("debate"):
            return cleaned_data["debate"]
        for name in ("paragraph", "panel"):
            if cleaned_data.get(name):
                return cleaned_data[name].debate
        return getattr(self.instance, "debate", None) if self.instance.debate_id else None

    def clean(self):
        cleaned_data = super().clean()
        debate = self.debate_from(cleaned_data)
        if debate is not None and self.user is not None and not debate_is_editable(debate=debate, user=self.user):
            raise ValidationError(
                # Translators: %(status)s is the debate's status in lower case: published, withdrawn.
                gettext(
                    "“%(title)s” is %(status)s: only reviewers change it. "
                    "Ask a reviewer to withdraw it and reopen it as a draft."
                )
                % {"title": debate.title, "status": debate.get_status_display().lower()},
                code="not_editable",
            )
        return cleaned_data


class WorkflowForm(forms.Form):
    """One workflow step on a debate: an optional note, and when the debate was last changed as the user saw it."""

    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Optional. When sending to review, this is your note to the reviewer."),
    )
    seen_updated_at = forms.DateTimeField(widget=forms.HiddenInput)
