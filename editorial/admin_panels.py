"""Admin for the inside of a debate: panels, paragraphs, attributed statements and named participations.

A paragraph's page holds its statements inline, in order (type a number to
move one); each statement has its actor kinds and themes as checkboxes,
extent and stance as choices, and autocomplete for the participant, topics
and source document.  Editors change these only while the debate is a draft
or in review (see ``debates.services``).
"""

from django import forms
from django.contrib import admin, messages
from django.utils.functional import lazy
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from editorial.admin_base import DebateInlineMixin, DebatePartAdmin, rendered_markdown
from editorial.admin_forms import DebatePartForm, PositionedInlineForm
from editorial.previews import PreviewOnSiteMixin
from panels.attribution import Scope
from panels.models import (
    Intervention,
    InterventionTranslation,
    Panel,
    Paragraph,
    ParagraphTranslation,
    Participation,
)


def refuse_review_of_unread_labels(form, cleaned_data):
    """Unticking "needs review" while the extent or stance is still empty is an error at "needs review"."""
    if cleaned_data.get("needs_review", True):
        return
    unread = [
        name
        for name in ("extent", "stance")
        if name in form.fields and name not in form.errors and not cleaned_data.get(name)
    ]
    if unread == ["extent", "stance"]:
        form.add_error("needs_review", gettext("Choose an extent and a stance before marking it reviewed."))
    elif unread == ["extent"]:
        form.add_error("needs_review", gettext("Choose an extent before marking it reviewed."))
    elif unread == ["stance"]:
        form.add_error("needs_review", gettext("Choose a stance before marking it reviewed."))


class InterventionPositionForm(PositionedInlineForm):
    position_field = "order"

    def clean(self):
        cleaned_data = super().clean()
        refuse_review_of_unread_labels(self, cleaned_data)
        return cleaned_data

    def prepare_instance(self):
        """A statement's debate is always its paragraph's."""
        if self.instance.paragraph_id:
            self.instance.debate_id = self.instance.paragraph.debate_id


class InterventionForm(DebatePartForm):
    """A statement edited on its own page: its debate follows the paragraph chosen."""

    def clean(self):
        paragraph = self.cleaned_data.get("paragraph")
        if paragraph is not None:
            self.instance.debate_id = paragraph.debate_id
        cleaned_data = super().clean()
        refuse_review_of_unread_labels(self, cleaned_data)
        return cleaned_data


# Words of a paragraph's or statement's text shown in a change list: enough to recognise it, short enough to fit.
LIST_TEXT_WORDS = 12


def opening_words(text):
    """The first words of a Markdown text, for a change-list column."""
    return Truncator(text).words(LIST_TEXT_WORDS, truncate="…")


# The fields a statement is edited with, after where it stands (position, or paragraph and order).
STATEMENT_FIELDS = [
    "needs_review",
    ("actor_kinds", "extent", "stance"),
    ("participant", "named_participants"),
    "scope",
    "themes",
    "topics",
    "source",
    "loaded_version",
]


class ThemeCheckboxesMixin:
    """The three themes as checkboxes, which is quicker to tick than a multiple select."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# The fields a translation is edited with: its language, whose translation it is, and (official only) its symbol.
TRANSLATION_FIELDS = [("language", "status", "document_symbol"), "text", "loaded_version"]


class ParagraphTranslationInline(DebateInlineMixin, admin.StackedInline):
    """The paragraph's texts in other languages than its debate's, each an official UN or the archive's translation."""

    model = ParagraphTranslation
    extra = 0
    fields = TRANSLATION_FIELDS
    markdown_fields = ["text"]


class InterventionTranslationInline(DebateInlineMixin, admin.StackedInline):
    """The statement's texts in other languages: each word for word from its paragraph's text in that language."""

    model = InterventionTranslation
    extra = 0
    fields = TRANSLATION_FIELDS
    markdown_fields = ["text"]


class InterventionInline(ThemeCheckboxesMixin, DebateInlineMixin, admin.StackedInline):
    model = Intervention
    form = InterventionPositionForm
    extra = 0
    fields = ["position", "text", *STATEMENT_FIELDS]
    autocomplete_fields = ["participant", "named_participants", "topics", "source"]
    markdown_fields = ["text"]
    show_change_link = True


@admin.register(Panel)
class PanelAdmin(PreviewOnSiteMixin, DebatePartAdmin):
    form = DebatePartForm
    list_display = ["__str__", "debate", "kind", "order"]
    list_filter = ["kind", ("debate", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "summary", "debate__title"]
    list_select_related = ["debate"]
    autocomplete_fields = ["debate"]
    markdown_fields = ["summary"]
    fields = ["debate", "order", "kind", "title", "title_origin", "summary", "summary_rendered", "loaded_version"]
    readonly_fields = ["summary_rendered"]
    # Translators: the label of a panel's summary as it was saved, shown rendered beside the Markdown being edited.
    summary_rendered = rendered_markdown("summary", _("Summary as saved"))


@admin.register(Paragraph)
class ParagraphAdmin(PreviewOnSiteMixin, DebatePartAdmin):
    form = DebatePartForm
    list_display = ["paragraph", "section", "panel", "debate"]
    list_filter = ["section", "text_origin", ("debate", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "debate__title"]
    list_select_related = ["debate", "panel"]
    autocomplete_fields = ["debate", "sources"]
    markdown_fields = ["text"]
    fields = [
        "debate",
        "number",
        "section",
        "panel",
        "text_origin",
        "sources",
        "text",
        "text_rendered",
        "loaded_version",
    ]
    readonly_fields = ["text_rendered"]
    inlines = [InterventionInline, ParagraphTranslationInline]
    # Translators: the label of a text as it was saved, shown rendered beside the Markdown being edited.
    text_rendered = rendered_markdown("text", _("Text as saved"))

    # Translators: the heading of a column of the admin's paragraph list (number and opening words).
    @admin.display(description=_("paragraph"), ordering="number")
    def paragraph(self, obj):
        """Its number and opening words: the debate has a column of its own."""
        return f"¶{obj.number} {opening_words(obj.text)}"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # A published debate's paragraph is shown read-only: its form has no panel field to narrow.
        if obj is not None and "panel" in form.base_fields:
            form.base_fields["panel"].queryset = Panel.objects.filter(debate=obj.debate_id)
        return form


class ThemeCodingFilter(admin.SimpleListFilter):
    """Statements whose theme coding is unfinished: filed under the freedoms with none ticked."""

    # Translators: the title of a filter of the admin's statement list, shown as "By theme coding".
    title = _("theme coding")
    parameter_name = "coding"

    def lookups(self, request, model_admin):
        return [("missing", gettext("Not yet coded (blocks publishing)"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(scope=Scope.FREEDOMS, themes__isnull=True)
        return queryset


# The admin actions' names, by theme coding decision: each a whole phrase, worded as the language needs.
CODE_AS = {
    Scope.WHOLE: _("Code as about: human security as a whole"),
    Scope.PROCEDURAL: _("Code as about: procedural"),
}
# Translators: an admin action; %(scope)s is a theme coding decision in lower case.
CODE_AS_ANY = _("Code as about: %(scope)s")


def code_as(scope):
    """An admin action that records ``scope`` as the theme coding of the chosen statements one by one."""

    def action(model_admin, request, queryset):
        coded = refused = 0
        for statement in queryset.select_related("debate"):
            if not model_admin.has_change_permission(request, statement):
                refused += 1
                continue
            statement.scope = scope
            statement.save()
            coded += 1
        model_admin.message_user(
            request,
            # Translators: %(scope)s is a theme coding decision, e.g. "Human security as a whole".
            ngettext("%(count)s statement coded as “%(scope)s”.", "%(count)s statements coded as “%(scope)s”.", coded)
            % {"count": coded, "scope": scope.label},
        )
        if refused:
            model_admin.message_user(
                request,
                ngettext(
                    "%(count)s statement of debates you may not change left as they were.",
                    "%(count)s statements of debates you may not change left as they were.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )

    action.__name__ = f"code_as_{scope.value}"
    action.short_description = CODE_AS.get(scope) or lazy(lambda: CODE_AS_ANY % {"scope": scope.label.lower()}, str)()
    action.allowed_permissions = ("change",)
    return action


@admin.register(Intervention)
class InterventionAdmin(PreviewOnSiteMixin, ThemeCheckboxesMixin, DebatePartAdmin):
    form = InterventionForm
    list_display = ["statement", "extent", "stance", "scope", "participant", "debate", "needs_review"]
    list_filter = [
        "needs_review",
        ThemeCodingFilter,
        "extent",
        "stance",
        "scope",
        "themes",
        ("debate", admin.RelatedOnlyFieldListFilter),
    ]
    actions = [code_as(Scope.WHOLE), code_as(Scope.PROCEDURAL)]
    search_fields = ["text", "participant__name", "debate__title"]
    autocomplete_fields = ["participant", "named_participants", "topics", "source", "paragraph"]
    list_select_related = ["debate", "paragraph", "participant"]
    markdown_fields = ["text"]
    fields = ["paragraph", "order", "text", "text_rendered", *STATEMENT_FIELDS]
    readonly_fields = ["text_rendered"]
    inlines = [InterventionTranslationInline]
    # Translators: the label of a text as it was saved, shown rendered beside the Markdown being edited.
    text_rendered = rendered_markdown("text", _("Text as saved"))

    # Translators: the heading of a column of the admin's statement list (place and opening words).
    @admin.display(description=_("statement"))
    def statement(self, obj):
        """Where it stands in its debate (paragraph and order) and its opening words."""
        return f"¶{obj.paragraph.number} #{obj.order} {opening_words(obj.text)}"


@admin.register(Participation)
class ParticipationAdmin(DebatePartAdmin):
    form = DebatePartForm
    list_display = ["participant", "role", "debate", "panel"]
    list_filter = ["role", ("debate", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["participant__name", "debate__title", "note"]
    autocomplete_fields = ["debate", "participant", "source", "panel"]
    list_select_related = ["participant", "debate", "panel"]
    fields = ["debate", "panel", "participant", "role", "order", "note", "source", "loaded_version"]
