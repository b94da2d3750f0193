"""Admin for debates and the records they share: documents, participants, themes, topics and the workflow log.

A debate's page shows its outline (segments, paragraphs and statements, each
linked to its page, statements still to check marked) and holds its documents,
named participations, panels and paragraphs inline, in order (type a number to
move a row), with Markdown previews; all but the panels are folded.
Above the form, the publication box offers the workflow steps the
user may take (:mod:`debates.services`), lists every reason the debate cannot
be published now (with a link to each statement concerned), and lists every
step taken so far with its note.  Editors also reach the summary import from
the debate list; reviewers publish or withdraw several debates at once with
its actions.
"""

from itertools import groupby

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.forms.utils import pretty_name
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from debates.markdown import render_markdown
from debates.models import (
    Debate,
    DebateDocument,
    DebateTranslation,
    Document,
    Participant,
    StatusChange,
    Theme,
    Topic,
)
from debates.services import (
    TRANSITIONS,
    Reason,
    TransitionBlocked,
    TransitionForbidden,
    debate_available_transitions,
    debate_is_editable,
    debate_open_items,
    debate_transition,
    debate_transition_blockers,
    user_is_reviewer,
)
from editorial.import_views import summary_import_view
from panels.models import Intervention, Panel, Paragraph, Participation
from public.views import DebateDetailView

from . import admin_vocabulary  # noqa: F401 (registers the vocabularies' translations)
from .admin_base import (
    ArchiveAdmin,
    DebateInlineMixin,
    ReadOnlyAdminMixin,
    SharedRecordAdminMixin,
    format_translated_html,
    raise_404_unless,
    rendered_markdown,
)
from .admin_forms import PositionedInlineForm, WorkflowForm
from .admin_panels import opening_words
from .previews import debate_preview_html, preview_citation, statements_export


def narrow_panel_choices(form_class, debate):
    """Offer only the debate's own panels; a read-only form (published content) has no panel field."""
    if "panel" in form_class.base_fields:
        form_class.base_fields["panel"].queryset = (
            Panel.objects.filter(debate=debate) if debate else Panel.objects.none()
        )


class PanelPositionForm(PositionedInlineForm):
    position_field = "order"


class ParagraphPositionForm(PositionedInlineForm):
    position_field = "number"


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs carry their column's name: a table head is no label to a screen reader."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for name, field in form.fields.items():
                    # The admin's wrapper of a related field renders the widget it wraps, with that widget's attrs.
                    widget = getattr(field.widget, "widget", field.widget)
                    widget.attrs.setdefault("aria-label", str(field.label or pretty_name(name)))

        return LabelledFormSet


class DebateDocumentInline(DebateInlineMixin, LabelledTabularInline):
    model = DebateDocument
    extra = 0
    classes = ["collapse"]  # set once at the import; collapsed to keep the outline near the top
    fields = ["document", "relation", "order", "loaded_version"]
    autocomplete_fields = ["document"]


class ParticipationInline(DebateInlineMixin, LabelledTabularInline):
    model = Participation
    extra = 0
    classes = ["collapse"]
    fields = ["participant", "role", "panel", "order", "note", "source", "loaded_version"]
    autocomplete_fields = ["participant", "source"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        narrow_panel_choices(formset.form, obj)
        return formset


class PanelInline(DebateInlineMixin, LabelledTabularInline):
    model = Panel
    form = PanelPositionForm
    extra = 0
    fields = ["position", "kind", "title", "title_origin", "loaded_version"]
    show_change_link = True


class DebateTranslationInline(DebateInlineMixin, LabelledTabularInline):
    """The debate's title in other languages, each an official UN translation (with its symbol) or the archive's."""

    model = DebateTranslation
    extra = 0
    classes = ["collapse"]
    fields = ["language", "status", "document_symbol", "title", "loaded_version"]


class ParagraphInline(DebateInlineMixin, admin.StackedInline):
    """Paragraphs to add or renumber, collapsed: the outline lists them, and each is edited on its own page."""

    model = Paragraph
    form = ParagraphPositionForm
    extra = 0
    classes = ["collapse"]
    # Translators: the heading of the folded list of a debate's paragraphs on its admin page.
    verbose_name_plural = _("Paragraphs: add or renumber")
    fields = ["position", "section", "panel", "text_origin", "text", "text_rendered", "loaded_version"]
    readonly_fields = ["text_rendered"]
    markdown_fields = ["text"]
    show_change_link = True
    # Translators: the label of a paragraph's text as it was saved, shown rendered beside the Markdown being edited.
    text_rendered = rendered_markdown("text", _("As saved"))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        narrow_panel_choices(formset.form, obj)
        return formset


# What the outline marks on a statement for each rule that keeps its debate from being published.
OUTLINE_MARKS = {
    # Translators: a mark on a statement in a debate's outline (admin): its attribution is still to be checked.
    "statement_needs_review": _("needs review"),
    # Translators: a mark on a statement in a debate's outline (admin): its extent or stance is not set.
    "statement_label_unread": _("extent or stance not read"),
    # Translators: a mark on a statement in a debate's outline (admin): its theme coding is not done.
    "statement_theme_uncoded": _("not yet coded"),
}


def debate_outline(debate):
    """The debate's segments in reading order, each with its paragraphs and their statements, for its change page.

    A segment is a run of paragraphs of one section and panel ("Introduction", "Panel 1: …", "Conclusion").
    A statement carries a mark for each rule of :func:`~debates.services.debate_open_items` it breaks, so the
    outline and the publication box cannot disagree.
    """
    marks = {}
    for reason in debate_open_items(debate):
        marks.setdefault(reason.record.pk, []).append(OUTLINE_MARKS.get(reason.code, reason.code))
    statements = {}
    for statement in debate.interventions.order_by("paragraph_id", "order"):
        statements.setdefault(statement.paragraph_id, []).append(
            {
                "order": statement.order,
                "words": opening_words(statement.text),
                "labels": [
                    *(kind.label for kind in statement.actor_kind_list),
                    # Translators: in a debate's outline (admin), a statement whose extent (how many speak) is not set.
                    statement.get_extent_display() or gettext("extent not read"),
                    # Translators: in a debate's outline (admin), a statement whose stance is not set.
                    statement.get_stance_display() or gettext("stance not read"),
                ],
                "marks": marks.get(statement.pk, []),
                "url": reverse("admin:panels_intervention_change", args=[statement.pk]),
            }
        )
    paragraphs = debate.paragraphs.select_related("panel").order_by("number")
    outline = []
    for _key, run in groupby(paragraphs, key=lambda paragraph: (paragraph.section, paragraph.panel_id)):
        run = list(run)
        first = run[0]
        rows = [
            {
                "number": paragraph.number,
                "words": opening_words(paragraph.text),
                "url": reverse("admin:panels_paragraph_change", args=[paragraph.pk]),
                "statements": statements.get(paragraph.pk, []),
            }
            for paragraph in run
        ]
        outline.append(
            {
                "label": str(first.panel) if first.panel else first.get_section_display(),
                "paragraphs": rows,
                "statement_count": sum(len(row["statements"]) for row in rows),
                "open_count": sum(bool(statement["marks"]) for row in rows for statement in row["statements"]),
            }
        )
    return outline


def reason_html(reason):
    """A :class:`~debates.services.Reason` as HTML, with a link to the admin page of the record it is about."""
    if reason.record is None:
        return format_html("{}", reason.message)
    opts = reason.record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[reason.record.pk])
    return format_html(
        '{} <a href="{}">{}</a>',
        reason.message,
        url,
        # Translators: a link after a reason a debate cannot be published; %(name)s is the kind of record it
        # opens (statement, paragraph, participant…).
        gettext("Open the %(name)s") % {"name": opts.verbose_name},
    )


def reasons_html(reasons):
    """Several reasons as one line of HTML, for a message."""
    return format_html_join(" ", "{}", ((reason_html(reason),) for reason in reasons))


# What the admin says when a workflow step could not be taken on a debate, by step (TRANSITIONS): each a whole
# sentence, so that each step's verb can be worded as the language needs.
STEP_REFUSED = {
    "submit": _("Could not send to review “%(title)s”: %(reasons)s"),
    "return": _("Could not return to draft “%(title)s”: %(reasons)s"),
    "publish": _("Could not publish “%(title)s”: %(reasons)s"),
    "withdraw": _("Could not withdraw “%(title)s”: %(reasons)s"),
    "reopen": _("Could not reopen as draft “%(title)s”: %(reasons)s"),
}
# Translators: %(step)s is a step of the publishing workflow in lower case (e.g. "send to review").
STEP_REFUSED_ANY = _("Could not %(step)s “%(title)s”: %(reasons)s")


def debates_changed_message(target, count):
    """What the bulk actions say they did: ``count`` debates moved to status ``target``."""
    if target == Debate.Status.PUBLISHED:
        message = ngettext("%(count)s debate published.", "%(count)s debates published.", count)
    elif target == Debate.Status.WITHDRAWN:
        message = ngettext("%(count)s debate withdrawn.", "%(count)s debates withdrawn.", count)
    else:
        # Translators: %(status)s is the debates' new status in lower case: draft, in review.
        message = ngettext("%(count)s debate %(status)s.", "%(count)s debates %(status)s.", count)
    return message % {"count": count, "status": Debate.Status(target).label.lower()}


class StatusChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["at", "from_status", "to_status", "user", "note"]
    readonly_fields = fields
    verbose_name_plural = _("Publication history")


class AwaitingReviewFilter(admin.SimpleListFilter):
    """Debates someone sent to review, and drafts never sent."""

    # Translators: the title of a filter of the admin's debate list, shown as "By review".
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("waiting", gettext("Awaiting review")), ("never", gettext("Never sent to review"))]

    def queryset(self, request, queryset):
        sent = StatusChange.objects.filter(debate=OuterRef("pk"), to_status=Debate.Status.IN_REVIEW)
        if self.value() == "waiting":
            return queryset.filter(status=Debate.Status.IN_REVIEW)
        if self.value() == "never":
            return queryset.filter(~Exists(sent))
        return queryset


class DebatePreviewView(DebateDetailView):
    """The public page of any debate, drafts included, for staff to read before publishing (editorial.previews)."""

    pk_url_kwarg = "object_id"

    def get(self, request, *args, **kwargs):
        # Rendered afresh, never stored: only a published debate's public page is (public.rendering).
        return HttpResponse(debate_preview_html(request, self.get_object()))

    def get_queryset(self):
        return Debate.objects.all()


@admin.register(Debate)
class DebateAdmin(ArchiveAdmin):
    list_display = ["title", "start_date", "kind", "session", "status", "updated_at"]
    list_filter = ["status", AwaitingReviewFilter, "kind", "session"]
    search_fields = ["title", "slug", "convener", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    markdown_fields = ["abstract"]
    readonly_fields = ["status", "published_at", "updated_at", "abstract_rendered"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_origin",
                    "language",
                    "slug",
                    "kind",
                    "session",
                    ("start_date", "end_date"),
                    "venue",
                    "convener",
                ]
            },
        ),
        # Translators: the heading of a part of a debate's admin form: its abstract (summary of the debate).
        (_("Abstract"), {"fields": ["abstract", "abstract_rendered"]}),
        # Translators: the heading of a part of a debate's admin form: its publishing status and dates.
        (_("Status"), {"fields": ["status", "published_at", "updated_at", "loaded_version"]}),
    ]
    inlines = [
        DebateTranslationInline,
        DebateDocumentInline,
        ParticipationInline,
        PanelInline,
        ParagraphInline,
        StatusChangeInline,
    ]
    actions = ["publish_selected", "withdraw_selected"]
    abstract_rendered = rendered_markdown("abstract", _("Abstract as saved"))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            # The import view checks CSRF itself (editorial.import_views), after it has caught a post too large to
            # read; the middleware's own check would read the post first and answer the public 400 page.
            path("import/", wrap(csrf_exempt(self.import_view)), name="debates_debate_import"),
            path("markdown-preview/", wrap(self.markdown_preview_view), name="debates_debate_markdown_preview"),
            path("<path:object_id>/preview/", wrap(self.preview_view), name="debates_debate_preview"),
            path("<path:object_id>/preview/cite/", wrap(self.preview_cite_view), name="debates_debate_preview_cite"),
            path(
                "<path:object_id>/preview/statements.<slug:export_format>",
                wrap(self.preview_export_view),
                name="debates_debate_preview_export",
            ),
            path(
                "<path:object_id>/workflow/<slug:step>/",
                wrap(self.workflow_view),
                name="debates_debate_workflow",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, obj):
        """Link to the public page only when there is one: drafts are never public."""
        return obj.get_absolute_url() if obj.is_published else None

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or debate_is_editable(debate=obj, user=request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or debate_is_editable(debate=obj, user=request.user))

    def has_publish_permission(self, request):
        """Whether the user may publish and withdraw debates: the bulk actions are offered to reviewers only."""
        return user_is_reviewer(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        debate = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if debate is not None:
            submission = debate.status_changes.filter(to_status=Debate.Status.IN_REVIEW).first()
            unpublished = debate.status != Debate.Status.PUBLISHED
            blockers = debate_transition_blockers("publish", debate=debate, user=request.user) if unpublished else []
            context.update(
                publish_blockers=[reason_html(reason) for reason in blockers],
                workflow_steps=debate_available_transitions(debate=debate, user=request.user),
                workflow_form=WorkflowForm(initial={"seen_updated_at": debate.updated_at.isoformat()}),
                submission=submission if debate.status == Debate.Status.IN_REVIEW else None,
                editable=debate_is_editable(debate=debate, user=request.user),
                outline=debate_outline(debate),
            )
        return super().change_view(request, object_id, form_url, extra_context=context)

    def workflow_view(self, request, object_id, step):
        """Take one workflow step (POST only); the service refuses what the user may not do."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        raise_404_unless(step in TRANSITIONS)
        debate = self.get_object(request, unquote(object_id))
        raise_404_unless(debate is not None)
        if not self.has_view_or_change_permission(request, debate):
            raise PermissionDenied
        form = WorkflowForm(request.POST)
        change_url = reverse("admin:debates_debate_change", args=[debate.pk])
        if not form.is_valid():
            errors = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in form.errors.items())
            self.message_user(request, gettext("Nothing was done: %(errors)s") % {"errors": errors}, messages.ERROR)
            return HttpResponseRedirect(change_url)
        try:
            debate_transition(
                step,
                debate=debate,
                user=request.user,
                note=form.cleaned_data["note"],
                seen_updated_at=form.cleaned_data["seen_updated_at"],
            )
        except TransitionForbidden as refusal:
            if any(reason.code == "permission" for reason in refusal.reasons):
                raise  # the role does not allow the step: 403
            self.refuse(request, debate, step, refusal.reasons)
        except TransitionBlocked as refusal:
            self.refuse(request, debate, step, refusal.reasons)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                # Translators: %(status)s is the debate's new status in lower case: draft, in review, published,
                # withdrawn.
                gettext("“%(title)s” is now %(status)s.")
                % {"title": debate.title, "status": debate.get_status_display().lower()},
                messages.SUCCESS,
            )
            open_items = debate_open_items(debate) if step == "submit" else []
            if open_items:
                self.message_user(
                    request,
                    format_translated_html(
                        gettext("It cannot be published until these are done: %(reasons)s"),
                        reasons=reasons_html(open_items),
                    ),
                    messages.WARNING,
                )
        return HttpResponseRedirect(change_url)

    @admin.action(permissions=["publish"], description=_("Publish selected debates"))
    def publish_selected(self, request, queryset):
        self.transition_each(request, queryset, "publish")

    @admin.action(permissions=["publish"], description=_("Withdraw selected debates"))
    def withdraw_selected(self, request, queryset):
        self.transition_each(request, queryset, "withdraw")

    def refuse(self, request, debate, name, reasons):
        """Say that step ``name`` was not taken on ``debate``, with every reason (and links to what they name)."""
        message = format_translated_html(
            str(STEP_REFUSED.get(name, STEP_REFUSED_ANY)),
            step=TRANSITIONS[name].label.lower(),
            title=debate.title,
            reasons=reasons_html(reasons),
        )
        self.message_user(request, message, messages.ERROR)

    def transition_each(self, request, queryset, name):
        """Take step ``name`` on each debate, one transaction each; say what changed and why the rest did not."""
        changed = 0
        for debate in queryset.order_by("start_date", "pk"):
            try:
                debate_transition(name, debate=debate, user=request.user)
            except (TransitionForbidden, TransitionBlocked) as refusal:
                self.refuse(request, debate, name, refusal.reasons)
            except ValidationError as error:
                self.refuse(request, debate, name, [Reason("invalid", message) for message in error.messages])
            else:
                changed += 1
        if changed:
            self.message_user(request, debates_changed_message(TRANSITIONS[name].target, changed), messages.SUCCESS)

    def markdown_preview_view(self, request):
        """The sanitized HTML that a POSTed Markdown ``text`` would be stored as."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return HttpResponse(render_markdown(request.POST.get("text", "")), content_type="text/html; charset=utf-8")

    def preview_view(self, request, object_id):
        """The debate's public page as it would look if published."""
        debate = self.get_object(request, unquote(object_id))
        raise_404_unless(debate is not None)
        if not self.has_view_or_change_permission(request, debate):
            raise PermissionDenied
        response = DebatePreviewView.as_view()(request, object_id=debate.pk)
        response["X-Robots-Tag"] = "noindex"
        return response

    def preview_export_view(self, request, object_id, export_format):
        """The debate's statements as CSV or JSON, drafts included: the preview's exports (staff only)."""
        debate = self.get_object(request, unquote(object_id))
        raise_404_unless(debate is not None)
        if not self.has_view_or_change_permission(request, debate):
            raise PermissionDenied
        return statements_export(request, debate, export_format)

    def preview_cite_view(self, request, object_id):
        """The citation the preview's "Cite" gives, drafts included, marked as a draft's (staff only)."""
        debate = self.get_object(request, unquote(object_id))
        raise_404_unless(debate is not None)
        if not self.has_view_or_change_permission(request, debate):
            raise PermissionDenied
        return preview_citation(request, debate)

    def import_view(self, request):
        """Upload or paste a summary, preview it, and save it as a draft (see editorial.import_views)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        return summary_import_view(request, model_admin=self)


@admin.register(Document)
class DocumentAdmin(SharedRecordAdminMixin, ArchiveAdmin):
    list_display = ["symbol", "title", "kind", "date"]
    list_filter = ["kind", "date"]
    search_fields = ["symbol", "title", "slug", "url"]
    fields = ["slug", "symbol", "title", "title_origin", "date", "kind", "url", "loaded_version"]


@admin.register(Participant)
class ParticipantAdmin(SharedRecordAdminMixin, ArchiveAdmin):
    list_display = ["name", "kind", "role", "affiliation"]
    list_filter = ["kind"]
    search_fields = ["name", "role", "affiliation", "country_code"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "kind", "country_code", "role", "affiliation", "note", "loaded_version"]


class InUseFilter(admin.SimpleListFilter):
    """Vocabulary terms that file at least one statement, or none."""

    # Translators: the title of a filter of the admin's lists of themes and topics, shown as "By use".
    title = _("use")
    parameter_name = "used"

    def lookups(self, request, model_admin):
        # Translators: options of the filter "By use" of themes and topics: whether statements are filed under it.
        return [("yes", gettext("Files statements")), ("no", gettext("Files no statement"))]

    def queryset(self, request, queryset):
        through = Intervention._meta.get_field(self.relation).remote_field.through
        used = through.objects.filter(**{f"{queryset.model._meta.model_name}_id": OuterRef("pk")})
        if self.value() == "yes":
            return queryset.filter(Exists(used))
        if self.value() == "no":
            return queryset.filter(~Exists(used))
        return queryset


class ThemeInUseFilter(InUseFilter):
    relation = "themes"


class TopicInUseFilter(InUseFilter):
    relation = "topics"


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_filter = [ThemeInUseFilter]
    search_fields = ["name", "description"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    list_filter = [TopicInUseFilter]
    search_fields = ["name", "description"]


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["debate", "from_status", "to_status", "user", "at"]
    list_filter = ["to_status", "from_status", "at"]
    search_fields = ["debate__title", "note", "user__username"]
    list_select_related = ["debate", "user"]
    date_hierarchy = "at"


# The panels' parts (segments, paragraphs, statements, participations) are registered in their own module.
from . import admin_panels  # noqa: E402, F401
