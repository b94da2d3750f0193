"""The statements as the API gives them: the exports' rows (public/exports.py), with their addresses.

Each process keeps the rows it has read per state of the archive, as the explorer keeps the
statements' HTML (public.views.rendered_statements): a statement listed again, on another page
or in another selection, is not read again until anything in the archive changes (the change
stamp's token, which triggers move on every write).
"""

from panels.models import Intervention
from public import exports
from public.facet_index import Recent

from .serializers import api_path

ROWS_KEPT = 5_000
_kept_rows = (None, None)


def kept_rows(token):
    """The rows kept for the state of the archive named ``token`` (a new, empty store for a new state)."""
    global _kept_rows
    kept_token, rows = _kept_rows
    if kept_token != token:
        rows = Recent(ROWS_KEPT)
        _kept_rows = (token, rows)
    return rows


def forget_rows():
    """Drop the rows this process keeps (tests whose databases are rolled back to an earlier state call it)."""
    global _kept_rows
    _kept_rows = (None, None)


def rows_of(request, index, ids):
    """The rows of the published statements ``ids`` (in that order), from those kept for ``index``'s state, the
    others read (:func:`statement_rows`) and kept."""
    base_url = request.build_absolute_uri("/")
    kept = kept_rows(index.token)
    found = {pk: kept.get((pk, base_url)) for pk in ids}
    missing = [pk for pk, row in found.items() if row is None]
    if missing:
        statements = Intervention.objects.published().filter(pk__in=missing)
        pks = {
            (slug, number, order): pk
            for pk, slug, number, order in statements.values_list("pk", "debate__slug", "paragraph__number", "order")
        }
        for row in statement_rows(request, statements):
            pk = pks.get((row["debate"], row["paragraph"], row["statement"]))
            if pk is not None:
                found[pk] = kept.put((pk, base_url), row)
    return [found[pk] for pk in ids if found[pk] is not None]


def statement_rows(request, statements):
    """The statements of the queryset ``statements`` as dicts of the exports' fields, in reading order, with addresses.

    Read as the exports read them (:func:`public.exports.statement_chunks`): three queries, whatever the number.
    """
    base_url = request.build_absolute_uri("/").rstrip("/")
    rows = []
    for chunk in exports.statement_chunks(statements, base_url, list):
        for values in chunk:
            row = dict(zip(exports.FIELDS, values, strict=True))
            row["url"] = row["permalink"]
            row["api_url"] = base_url + api_path(
                "statement-detail", slug=row["debate"], number=row["paragraph"], order=row["statement"]
            )
            rows.append(row)
    return rows


def facet_option(option):
    """A :class:`public.registry.FacetOption` as the API gives it (serializers.FacetOptionSerializer)."""
    return {"value": option.value, "label": str(option.label), "count": option.count, "selected": option.selected}
