"""The API's OpenAPI annotations: the answers every endpoint declares, its headers, and the path's parameters.

:func:`documented` is the ``extend_schema`` of every view: its query parameters come from
the forms and FilterSets the view reads (api/parameters.py), so the schema states what is
checked; the answers are the serializers that make them (api/serializers.py).
"""

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from . import serializers
from .parameters import EXAMPLES, SLUG_PATTERN

# The largest paragraph and statement numbers (PositiveSmallIntegerField): a larger one names nothing.
MAX_NUMBER = 32767

NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the `ETag` given in `If-None-Match` (or the date in `If-Modified-Since`) is still "
    "current; nothing in the archive has changed since."
)
BAD_REQUEST = OpenApiResponse(serializers.ErrorsSerializer, description="Each wrong parameter, with the reasons.")
NOT_FOUND = OpenApiResponse(serializers.DetailSerializer, description="No published debate or text at this address.")
THROTTLED = OpenApiResponse(
    serializers.DetailSerializer, description="Over the rate limit: try again after `Retry-After` seconds."
)
UNAVAILABLE = OpenApiResponse(serializers.DetailSerializer, description="The database is away: retry shortly.")
RESPONSE_HEADERS = [
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="Names this answer in this state of the archive: send it back in `If-None-Match`.",
    ),
    OpenApiParameter(
        "Last-Modified",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="When the archive last changed.",
    ),
    OpenApiParameter(
        "Retry-After",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[429, 503],
        description="Seconds to wait before asking again.",
    ),
]


def path_parameter(name, schema, description, example):
    """A parameter of the path, with an example from the debates the archive ships (fixtures/)."""
    return OpenApiParameter(
        name,
        schema,
        OpenApiParameter.PATH,
        description=description,
        examples=[OpenApiExample(f"{name} example", value=example)],
    )


def slug_parameter(kind, example):
    """The ``slug`` of the path, naming a ``kind``."""
    return path_parameter("slug", {"type": "string", "pattern": SLUG_PATTERN}, f"The {kind}'s slug.", example)


DEBATE = slug_parameter("debate", EXAMPLES["debate"])
NUMBER = path_parameter(
    "number",
    {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER},
    "The paragraph's number, through the whole debate, as citations give it.",
    5,
)
ORDER = path_parameter(
    "order", {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER}, "The statement's number in the paragraph.", 1
)


def documented(ok, query, *, path=(), found=False, extra=None, **kwargs):
    """``extend_schema`` for a GET: its parameters from ``query``, its answers (``found``: it can be a 404)."""
    responses = {200: ok, 304: NOT_MODIFIED, 400: BAD_REQUEST, 429: THROTTLED, 503: UNAVAILABLE}
    if found:
        responses[404] = NOT_FOUND
    responses.update(extra or {})
    # The API speaks English (languages/middleware.py), and this runs once, when the URLs are first loaded: under
    # whatever language that request had, were it not for the override.
    with translation.override("en"):
        parameters = [*path, *query.openapi(), *RESPONSE_HEADERS]
    return extend_schema(parameters=parameters, responses=responses, filters=False, **kwargs)


MOVED = {
    300: OpenApiResponse(serializers.ChoicesSerializer, description="An old number now held by another text too."),
    302: OpenApiResponse(
        serializers.DetailSerializer, description="An old number: `Location` is the text's address now."
    ),
}
