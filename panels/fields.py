"""The Django side of the attribution vocabulary: the model field that stores a set of actor kinds, its form field
and its lookups.

The vocabularies themselves are plain Python enums in :mod:`panels.attribution`, which imports no Django.
"""

from django import forms
from django.db import models
from django.db.models import Lookup

from .attribution import ActorKind


class HasActorKind(Lookup):
    """``actor_kinds__has=ActorKind.PANELIST``: the bit is set."""

    lookup_name = "has"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} & {rhs}) <> 0", [*lhs_params, *rhs_params]


class HasAnyActorKind(HasActorKind):
    """``actor_kinds__hasany=mask``: at least one of the bits in ``mask`` is set."""

    lookup_name = "hasany"


class ActorKindsFormField(forms.TypedMultipleChoiceField):
    """Checkboxes in forms; an integer bit set in Python and the database."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.setdefault("choices", ActorKind.choices)
        super().__init__(coerce=int, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return [kind.value for kind in ActorKind.decompose(value)]
        return value

    def clean(self, value):
        kinds = super().clean(value)
        return sum(set(kinds))

    def has_changed(self, initial, data):
        initial_mask = initial if isinstance(initial, int) else sum(int(v) for v in initial or [])
        try:
            data_mask = sum({int(v) for v in data or []})
        except (TypeError, ValueError):
            return True
        return initial_mask != data_mask


class ActorKindsField(models.PositiveIntegerField):
    """A set of :class:`ActorKind` stored as an integer bit set."""

    description = "Set of actor kinds (bit set)"

    def formfield(self, **kwargs):
        defaults = {"form_class": ActorKindsFormField, "choices_form_class": ActorKindsFormField}
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


ActorKindsField.register_lookup(HasActorKind)
ActorKindsField.register_lookup(HasAnyActorKind)
