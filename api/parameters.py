"""The API's query parameters: read strictly from the forms and FilterSets that declare them, and documented from them.

An endpoint names the forms and FilterSets it reads (:class:`Query`).  The
statements' parameters are the facet registry's, through
:class:`public.filters.StatementFilterSet`; the debates' are
:class:`public.filters.DebateFilterSet`'s; nothing here declares them again.
:func:`Query.read` validates a request's query string with them, and
:func:`Query.openapi` turns the same form fields into the OpenAPI parameters of
the schema, so the schema cannot drift from what is checked.

Stricter than the pages, since programs read the answers: a parameter the
endpoint does not take, or given without a value, is a ``400`` naming it (a
page ignores the first and reads the second as "any"), so that a misspelt
filter never silently returns everything.
"""

import django_filters
from django import forms
from django.utils.text import capfirst
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework.exceptions import ValidationError

from public.forms import QueryForm
from public.registry import FACETS, Facet, SearchTextField

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
MAX_PAGE_SIZE = 100

# Values from the three debates the archive ships (fixtures/), shown in the documentation and tried first by
# the contract test; keys are parameters of the forms and FilterSets (tests/api/test_schema.py checks that).
EXAMPLES = {
    "debate": "informal-thematic-debate-human-security-2011",
    "theme": "freedom-from-fear",
    "topic": "responsibility-to-protect",
    "participant": "japan",
    "q": "human security",
}

# The characters the search text refuses (public/forms.py), which no portable pattern in the schema can state.
CHARACTER_RULE = (
    "Control characters (but tab and line breaks), Unicode non-characters and U+FFFD (bytes that were not "
    "UTF-8) are refused with a 400."
)


class FormatForm(QueryForm):
    """``format``: DRF's choice of renderer, JSON being the only one."""

    format = forms.ChoiceField(choices=[("json", "JSON")], required=False, label="Format")


class PageForm(FormatForm):
    """``cursor`` and ``page_size`` of a list (api/pagination.py)."""

    cursor = forms.CharField(
        required=False,
        max_length=2000,
        label="Cursor",
        help_text="Where the page starts: copy it from the next or previous link of the page before; never make one.",
    )
    page_size = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        label="Page size",
        help_text="How many results a page holds.",
    )


class Query:
    """The query parameters of an endpoint: those of ``sources``, forms and FilterSets (classes)."""

    def __init__(self, *sources):
        self.sources = sources

    def fields(self):
        """``{parameter: (form field, filter or None)}`` of every source, in their order."""
        found = {}
        for source in self.sources:
            if isinstance(source, type) and issubclass(source, django_filters.FilterSet):
                for name, declared in source.base_filters.items():
                    found[name] = (declared.field, declared)
            else:
                for name, field in source.base_fields.items():
                    found[name] = (field, None)
        return found

    def read(self, request, *, queryset=None):
        """The bound forms and FilterSets (filtering ``queryset``) of ``request``'s query string, in source order.

        Raises a ValidationError naming every wrong parameter at once: unknown, empty, or refused by its field.
        """
        data = request.query_params
        known = self.fields()
        errors = {}
        for name in data:
            if name not in known:
                errors[name] = [f"This endpoint takes no “{name}”; it takes {', '.join(sorted(known))}."]
            elif any(value == "" for value in data.getlist(name)):
                errors[name] = [f"Give “{name}” a value, or leave it out."]
        bound = []
        for source in self.sources:
            if isinstance(source, type) and issubclass(source, django_filters.FilterSet):
                filterset = source(data=data, queryset=queryset, request=request)
                bound.append(filterset)
                form_errors = filterset.errors
            else:
                form = source(data)
                bound.append(form)
                form_errors = form.errors
            for name, messages in form_errors.items():
                errors.setdefault(name, list(messages))
        if errors:
            raise ValidationError(errors)
        return bound

    def openapi(self):
        """The OpenAPI query parameters, one per form field of the sources."""
        return [openapi_parameter(name, field, declared) for name, (field, declared) in self.fields().items()]


def openapi_parameter(name, field, declared=None):
    """The OpenAPI parameter of the form ``field`` read as ``name`` (``declared``: its filter, if any)."""
    schema, description, explode, style = field_schema(field)
    label = str(declared.label if declared is not None and declared.label else field.label or name)
    facet_help = next((facet.help for facet in FACETS if name in facet.params and facet.help), "")
    text = " ".join(part for part in (f"{capfirst(label)}: {description}", facet_help, str(field.help_text)) if part)
    example = EXAMPLES.get(name)
    if example is not None and schema["type"] == "array":
        example = [example]
    return OpenApiParameter(
        name,
        type=schema,
        location=OpenApiParameter.QUERY,
        required=field.required,
        description=text,
        explode=explode,
        style=style,
        examples=[OpenApiExample(f"{name} example", value=example)] if example is not None else None,
    )


def field_schema(field):
    """``(JSON schema, what the value is in words, explode, style)`` of a form field's value in a query string."""
    custom = getattr(field, "openapi_schema", None)
    if custom is not None:
        return custom
    if isinstance(field, forms.ModelMultipleChoiceField):
        model = field.queryset.model._meta.verbose_name
        schema = {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}, "minItems": 1}
        return schema, f"a {model}'s slug; repeat the parameter for any of several.", True, "form"
    if isinstance(field, forms.ModelChoiceField):
        model = field.queryset.model._meta.verbose_name
        return {"type": "string", "pattern": SLUG_PATTERN}, f"a {model}'s slug (unknown: 400).", None, None
    if isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _ in field.choices if value != ""]
        return {"type": "string", "enum": values}, "one of the values listed.", None, None
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer", "minimum": field.min_value, "maximum": field.max_value}
        return {key: value for key, value in schema.items() if value is not None}, "a whole number.", None, None
    if isinstance(field, SearchTextField):
        schema = {"type": "string", "minLength": 1, "maxLength": field.max_length}
        return schema, f"words, in the site search's syntax. {CHARACTER_RULE}", None, None
    if isinstance(field, forms.CharField):
        schema = {"type": "string", "minLength": 1}
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
        return schema, "text.", None, None
    raise TypeError(f"No OpenAPI schema for the form field {field!r}.")


def countable_facets():
    """The names of the registry's facets that offer options with counts (all but words and years)."""
    return [facet.name for facet in FACETS if type(facet).options is not Facet.options]


class FacetNamesField(forms.CharField):
    """``facets``: facet names separated by commas (``theme,actor``), each once at most, cleaned to a list."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.names = countable_facets()

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        names = [name.strip() for name in value.split(",")]
        unknown = [name for name in names if name not in self.names]
        if unknown:
            raise forms.ValidationError(
                f"Name facets among {', '.join(self.names)}, separated by commas; not {', '.join(unknown)}."
            )
        return list(dict.fromkeys(names))

    @property
    def openapi_schema(self):
        schema = {"type": "array", "items": {"type": "string", "enum": self.names}, "minItems": 1}
        return schema, "facet names, separated by commas.", False, "form"


class StatementListForm(PageForm):
    """The statements' own parameters besides the registry's: pages, and which facets to count."""

    facets = FacetNamesField(
        required=False,
        label="Facets",
        help_text="For each facet named, every option with how many statements it would give with the other "
        "parameters as they are, as the explorer counts them.",
    )
