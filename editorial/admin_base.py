"""What every archive admin page shares: conflict-safe forms, Markdown fields, and history to compare and restore.

* Forms carry the version they were loaded with (:mod:`debates.versioning`);
  a stale form is refused with a form error and nothing is saved.
* Markdown fields get a preview button and show their stored, sanitized
  rendering read-only after a save.
* History pages (django-simple-history) list every version with who and when
  and what changed; each version can be compared with the one before it, and
  reviewers can restore it (:func:`debates.services.version_restore`).
* Inlines whose rows have a position (panels, paragraphs, statements) take a
  typed number and are renumbered by :func:`panels.services.positions_renumber`.
"""

import difflib

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.dateformat import format as format_date
from django.utils.html import conditional_escape, format_html, mark_safe
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from debates.services import RESTORE_PERMISSION, debate_is_editable, record_is_editable, version_restore
from panels.attribution import ActorKind
from panels.fields import ActorKindsField
from panels.services import PositionRequest, positions_renumber

from .admin_forms import MarkdownTextarea, VersionedInlineForm, VersionedModelForm


def format_translated_html(message, **values):
    """:func:`~django.utils.html.format_html` for a translated message with named placeholders (``%(name)s``):
    ``values`` are escaped (unless safe), the message itself is trusted like a template."""
    return mark_safe(message % {name: conditional_escape(value) for name, value in values.items()})


def version_date(record):
    """When a historical record was saved, as the history's messages and titles give it: "05 Mar 2024 14:03" (the
    month's name in the active language)."""
    return format_date(record.history_date, "d M Y H:i")


def rendered_markdown(field_name, label):
    """A read-only admin field that shows the stored, sanitized HTML of ``field_name`` (Markdown without JS)."""

    def display(self, obj):
        html = getattr(obj, f"{field_name}_html", "") if obj is not None and obj.pk else ""
        if not html:
            return "—"
        # The stored HTML was sanitized with the allow-list of debates.markdown when it was saved.
        return format_html('<div class="markdown-rendered">{}</div>', mark_safe(html))

    display.short_description = label
    return display


class ArchiveFieldsMixin:
    """Widgets for the archive's own fields: Markdown with a preview button, actor kinds as checkboxes.

    Markdown fields are those named in ``markdown_fields``.  Actor kinds need
    saying because the admin otherwise gives every integer field a text box.
    """

    markdown_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markdown_fields:
            kwargs["widget"] = MarkdownTextarea(attrs={"rows": 6, "class": "vLargeTextField"})
        if isinstance(db_field, ActorKindsField):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def display_value(model, field_name, value):
    """A value of a historical field as people read it: choice labels, actor kinds, related names."""
    field = model._meta.get_field(field_name)
    if field.many_to_many:
        target = field.m2m_reverse_field_name()
        return ", ".join(str(row[target]) for row in value) or "—"
    if isinstance(field, ActorKindsField):
        return ", ".join(kind.label for kind in ActorKind.decompose(value or 0)) or "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if value in (None, ""):
        return "—"
    return str(value)


def text_diff(old, new):
    """Word-by-word differences between two texts as HTML, with removed words in ``<del>`` and added in ``<ins>``."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(format_html("{}", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return mark_safe(" ".join(parts))


def describe_changes(model, newer, older):
    """The differences between two historical records of ``model`` as rows for a table."""
    rows = []
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        old = display_value(model, change.field, change.old)
        new = display_value(model, change.field, change.new)
        is_text = isinstance(field, models.TextField)
        rows.append(
            {
                "field": field.verbose_name,
                "old": old,
                "new": new,
                "diff": text_diff(old, new) if is_text else None,
            }
        )
    return rows


class ArchiveAdmin(ArchiveFieldsMixin, SimpleHistoryAdmin):
    """Base admin for the archive's edited models: versioned forms, history compare and restore."""

    form = VersionedModelForm
    object_history_template = "admin/archive/object_history.html"
    object_history_list_template = "admin/archive/object_history_list.html"

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/<int:history_id>/compare/",
                wrap(self.history_compare_view),
                name=f"{info}_history_compare",
            ),
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                wrap(self.history_restore_view),
                name=f"{info}_history_restore",
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The change form, turning a conflict found while saving (a race after validation) into a message."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_view(self, request, object_id, extra_context=None):
        context = {"can_restore": request.user.has_perm(RESTORE_PERMISSION), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Show an earlier version; restoring goes through the restore view, never this form."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _history_record(self, request, object_id, history_id):
        object_id = unquote(object_id)
        record = get_object_or_404(
            self.model.history.select_related("history_user"),
            **{self.opts.pk.attname: object_id, "history_id": history_id},
        )
        current = self.model._default_manager.filter(pk=object_id).first()
        if not self.has_view_or_change_permission(request, current or record.instance):
            raise PermissionDenied
        return record, current

    def history_compare_view(self, request, object_id, history_id):
        """What one version changed compared with the version before it."""
        record, current = self._history_record(request, object_id, history_id)
        previous = record.prev_record
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Changes in the version of %(date)s") % {"date": version_date(record)},
            "object": current or record.instance,
            "record": record,
            "previous": previous,
            "changes": describe_changes(self.model, record, previous) if previous else [],
            "can_restore": request.user.has_perm(RESTORE_PERMISSION),
            "history_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[object_id]),
        }
        return TemplateResponse(request, "admin/archive/history_compare.html", context)

    def history_restore_view(self, request, object_id, history_id):
        """Confirm (GET) and restore (POST) an earlier version; reviewers only."""
        if not request.user.has_perm(RESTORE_PERMISSION):
            raise PermissionDenied
        record, current = self._history_record(request, object_id, history_id)
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[object_id])
        if request.method == "POST":
            try:
                version_restore(record=record, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request, gettext("Not restored: %(errors)s") % {"errors": " ".join(error.messages)}, messages.ERROR
                )
            else:
                self.message_user(
                    request,
                    gettext("Restored the version of %(date)s; the version it replaced stays in the history.")
                    % {"date": version_date(record)},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(change_url)
        latest = self.model.history.filter(**{self.opts.pk.attname: record.instance.pk}).latest("history_date")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Restore the version of %(date)s?") % {"date": version_date(record)},
            "object": current or record.instance,
            "record": record,
            "changes": describe_changes(self.model, record, latest) if latest != record else [],
            "deleted": current is None,
            "history_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[object_id]),
        }
        return TemplateResponse(request, "admin/archive/history_restore.html", context)

    def save_formset(self, request, form, formset, change):
        """Save an inline; rows with a typed position are placed there and their siblings renumbered."""
        position_field = getattr(formset.form, "position_field", None)
        if position_field is None:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        deleted = set(formset.deleted_forms)
        requests = []
        for inline_form in formset.forms:
            if inline_form in deleted or not (inline_form.instance.pk or inline_form.has_changed()):
                continue
            inline_form.prepare_instance()
            requests.append(
                PositionRequest(
                    instance=inline_form.instance,
                    wanted=inline_form.cleaned_data.get("position"),
                    changed=inline_form.has_changed(),
                )
            )
        siblings = formset.model._default_manager.filter(**{formset.fk.name: formset.instance})
        positions_renumber(requests=requests, siblings=siblings, field=position_field, user=request.user)
        formset.save_m2m()


class DebatePartAdmin(ArchiveAdmin):
    """Admin for something inside a debate: editors change it only while its debate is a draft or in review."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user, "__module__": form.__module__})

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or debate_is_editable(debate=obj.debate, user=request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or debate_is_editable(debate=obj.debate, user=request.user))


class OwnRowsInlineFormSet(BaseInlineFormSet):
    """An inline formset that refuses a row whose id names a record outside this inline.

    Django treats an existing row whose id is not among the inline's records as a new
    row, so a tampered id would save a new record instead of refusing the form.
    """

    def clean(self):
        super().clean()
        for index, form in enumerate(self.forms[: self.initial_form_count()]):
            if form.instance._state.adding:
                raise ValidationError(
                    gettext(
                        "Row %(number)s names a record that is not part of this page; nothing was saved. "
                        "Reload the page and make your change again."
                    )
                    % {"number": index + 1},
                    code="foreign_row",
                )


class DebateInlineMixin(ArchiveFieldsMixin):
    """An inline on a debate's page: read-only when the debate is not editable by this user."""

    form = VersionedInlineForm
    formset = OwnRowsInlineFormSet

    def _editable(self, request, obj):
        return obj is None or debate_is_editable(debate=getattr(obj, "debate", obj), user=request.user)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(request, obj)


class SharedRecordAdminMixin:
    """A record that published debates show (a participant, a document): reviewers alone change it.

    An editor's change to a participant's name or a document's link would reach the public
    pages at once, without review; so once a published debate shows the record, editors
    see it read-only, and a reviewer makes the change (the history records who).
    """

    def _shared_editable(self, request, obj):
        return obj is None or record_is_editable(record=obj, user=request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._shared_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._shared_editable(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and request.method == "GET" and not self._shared_editable(request, obj):
            self.message_user(
                request,
                # Translators: %(name)s is the kind of record: participant, document.
                gettext(
                    "This %(name)s appears in a published debate, so only a reviewer can change it. "
                    "Ask a reviewer, who will check the change before it reaches the public."
                )
                % {"name": obj._meta.verbose_name},
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyAdminMixin:
    """A record kept as a log: it can be read, never added, changed or deleted in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def raise_404_unless(condition):
    """Raise Http404 when ``condition`` is false (an unknown workflow step or object)."""
    if not condition:
        raise Http404
