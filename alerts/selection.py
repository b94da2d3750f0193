"""What a subscription follows: an explorer selection, read through the explorer's own filters.

A theme, topic or participant subscription is the one-parameter selection (``theme=freedom-from-fear``),
so every subscription is read, validated, labelled and matched the same way, by
:class:`public.filters.StatementFilterSet` and the facets of :data:`public.registry.FACETS`.
"""

import re
from dataclasses import dataclass
from functools import reduce

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from panels.models import Intervention
from public.filters import StatementFilterSet
from public.registry import PARAMS, FacetOption

MAX_SELECTION_LENGTH = 2000  # an index entry of PostgreSQL holds ~2,700 bytes
MAX_LABEL_LENGTH = 300
# Translators: the label of an email alert that follows every statement of the archive (no filter chosen).
EVERYTHING = _("Every statement")
# Parameters of an explorer address that are not part of what it selects.
NOT_SELECTING = {"page"}


@dataclass(frozen=True)
class FollowedSelection:
    """An explorer selection: its canonical query string and what it is, in words."""

    query: str
    label: str


def statement_filter(selection):
    """The explorer's FilterSet for the query string ``selection``, over published statements."""
    return StatementFilterSet(data=QueryDict(selection), queryset=Intervention.objects.published())


def read_selection(text):
    """The selection the query string ``text`` gives, canonical and labelled.

    Raises ``ValidationError`` whose messages name each parameter refused: one the explorer does not know,
    a value its filters refuse, or ``debate`` (an alert follows debates published from now on, so it cannot
    follow one already published).
    """
    text = text.strip().lstrip("?")
    if len(text) > MAX_SELECTION_LENGTH:
        raise ValidationError(_too_long())
    given = QueryDict(mutable=True)
    for name, values in QueryDict(text).lists():
        values = [value for value in values if value.strip()]
        if values and name not in NOT_SELECTING:
            given.setlist(name, values)
    errors = [
        # Translators: an error of the email alert form; %(name)s is a parameter of an explorer address, as given.
        gettext("“%(name)s”: the explorer has no such parameter.") % {"name": name}
        for name in sorted(set(given) - PARAMS)
    ]
    if "debate" in given:
        errors.append(
            # Translators: an error of the email alert form; %(name)s is the parameter "debate" of an explorer address.
            gettext("“%(name)s”: an alert follows the debates published from now on, not one already published.")
            % {"name": "debate"}
        )
    filterset = statement_filter(given.urlencode())
    if not filterset.is_valid():
        errors += [
            # Translators: an error of the email alert form: a parameter of an explorer address, and what is wrong
            # with its value.
            gettext("“%(name)s”: %(message)s") % {"name": name, "message": message}
            for name, messages in filterset.errors.items()
            for message in messages
        ]
    if errors:
        raise ValidationError(errors)
    query = canonical(filterset)
    if len(query) > MAX_SELECTION_LENGTH:
        raise ValidationError(_too_long())
    return FollowedSelection(query, describe(filterset))


def _too_long():
    return ngettext(
        "A selection is at most %(max)s character long.",
        "A selection is at most %(max)s characters long.",
        MAX_SELECTION_LENGTH,
    ) % {"max": MAX_SELECTION_LENGTH}


def canonical(filterset):
    """The selection's query string as its cleaned values write it, sorted: one selection, one string."""
    data = filterset.form.cleaned_data
    pairs = [
        (param, _query_value(item))
        for facet, _ in filterset.in_force()
        for param in facet.params
        for item in _items(data.get(param))
    ]
    return urlencode(sorted(pairs))


def describe(filterset):
    """The selection in words, as the explorer's list of filters in force shows it: "Theme: Freedom from fear".

    The label is stored with the subscription, so it is in the language of the request that asked for it.
    """
    parts = {}
    for facet, value in filterset.in_force():
        for pill in facet.active(value, _options(facet, value)):
            parts.setdefault(pill.label, []).append(pill.text)
    label = "; ".join(
        # Translators: one filter of an email alert's label, e.g. "Theme: Freedom from fear".
        gettext("%(facet)s: %(values)s") % {"facet": name, "values": _either(texts)}
        for name, texts in parts.items()
    ) or str(EVERYTHING)
    label = re.sub(r"\s+", " ", label)  # a label is also a mail subject: one line
    return label if len(label) <= MAX_LABEL_LENGTH else label[: MAX_LABEL_LENGTH - 1] + "…"


def _either(texts):
    """``texts`` as alternatives: "A or B or C"."""
    # Translators: two values of one filter of an email alert's label, either of which a statement may have, e.g.
    # "Freedom from fear or Freedom from want"; a third is added the same way ("A or B" or "C").
    return reduce(lambda first, second: gettext("%(first)s or %(second)s") % {"first": first, "second": second}, texts)


def matching_statements(selection):
    """The published statements ``selection`` keeps, or None if it no longer reads (a term was deleted, or a
    participant is no longer in any published debate)."""
    filterset = statement_filter(selection)
    return filterset.qs if filterset.is_valid() else None


def _items(value):
    if value is None:
        return []
    return list(value) if isinstance(value, QuerySet | list | tuple) else [value]


def _query_value(item):
    return str(getattr(item, "slug", item))


def _options(facet, value):
    """What labels ``value``'s pills without the explorer's index: a choice's label, or the chosen record's name."""
    choices = getattr(facet, "choices", None)
    if choices:
        return [FacetOption(slug, text, 0, slug == value) for slug, text, _ in choices]
    if hasattr(value, "slug"):
        return [FacetOption(value.slug, str(value), 0, True)]
    return None
