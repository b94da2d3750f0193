"""Optimistic locking: no edit is silently lost when two people change the same record.

Every edited model carries a ``version`` number.  A save of an existing row
first runs one conditional ``UPDATE … SET version = version + 1 WHERE pk = …
AND version = <the version the editor loaded>``.  When that updates no row,
somebody else saved (or deleted) the record since it was loaded, and the save
is refused with :class:`EditConflict`, whose message says who changed what,
read from the record's history (django-simple-history).  The conditional
``UPDATE`` also locks the row until the end of the transaction, so two saves
that race each other are serialized and the second one is refused.

Admin forms carry the version they were loaded with in a hidden field
(:class:`editorial.admin_forms.VersionedModelForm`), so a stale form is refused
with a form error before anything is written.
"""

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class EditConflict(ValidationError):
    """Raised when a record was changed by someone else after the editor loaded it."""

    def __init__(self, instance, loaded_version):
        self.instance = instance
        self.loaded_version = loaded_version
        super().__init__(conflict_message(instance, loaded_version), code="edit_conflict")


def conflict_message(instance, loaded_version):
    """Say who changed ``instance`` since ``loaded_version`` and which fields differ, from its history."""
    model = type(instance)
    name = model._meta.verbose_name
    advice = gettext("Nothing was saved. Reload the page to see the current version, then make your change again.")
    history = getattr(instance, "history", None)
    if history is None or instance.pk is None:
        return _with_advice(gettext("This %(model)s was changed by someone else after you opened it."), name, advice)
    records = model.history.filter(**{model._meta.pk.attname: instance.pk}).select_related("history_user")
    newer = list(records.filter(version__gt=loaded_version).order_by("history_date", "history_id"))
    latest = records.order_by("-history_date", "-history_id").first()
    if latest is not None and latest.history_type == "-":
        newer.append(latest)
    if not newer:
        return _with_advice(gettext("This %(model)s was changed by someone else after you opened it."), name, advice)
    last = newer[-1]
    users = []
    for record in newer:
        # Translators: who changed a record, when the history does not say.
        label = record.history_user.get_username() if record.history_user else gettext("someone else")
        if label not in users:
            users.append(label)
    when = timezone.localtime(last.history_date).strftime("%d %b %Y %H:%M")
    # Translators: the word before the last name of a list, as in "alice, bob and carol".
    conjunction = gettext("and")
    who = get_text_list(users, conjunction)
    if last.history_type == "-":
        return _with_advice(
            gettext("This %(model)s was deleted by %(who)s on %(when)s after you opened it."),
            name,
            advice,
            who=who,
            when=when,
        )
    base = records.filter(version__lte=loaded_version).order_by("-history_date", "-history_id").first()
    changed = []
    if base is not None:
        delta = last.diff_against(base)
        changed = [str(model._meta.get_field(field).verbose_name) for field in delta.changed_fields]
    if changed:
        return _with_advice(
            # Translators: %(fields)s lists the fields that were changed, e.g. "title and abstract".
            gettext("This %(model)s was changed (%(fields)s) by %(who)s on %(when)s after you opened it."),
            name,
            advice,
            fields=get_text_list(changed, conjunction),
            who=who,
            when=when,
        )
    return _with_advice(
        gettext("This %(model)s was changed by %(who)s on %(when)s after you opened it."),
        name,
        advice,
        who=who,
        when=when,
    )


def _with_advice(message, name, advice, **values):
    """``message`` (with ``%(model)s``, the record's verbose name, and ``values``), then ``advice``."""
    return f"{message % {'model': name, **values}} {advice}"


class VersionedModel(models.Model):
    """A model whose saves are refused when the row changed since it was loaded (optimistic locking)."""

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text=_("Raised by one on every save; a stale save is refused.")
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None or kwargs.get("force_insert"):
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        loaded = self.version
        with transaction.atomic(using=using):
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, version=loaded)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise EditConflict(self, loaded)
            self.version = loaded + 1
            try:
                super().save(*args, **kwargs)
            except BaseException:
                self.version = loaded
                raise
