"""The OpenAPI 3.1 schema (/api/v1/schema/) says what the code checks, and the documentation page needs no inline code.

The parameters in the schema are the forms' and FilterSets' (the facet registry's for the statements), so the
schema cannot name a parameter the endpoint refuses, nor miss one it takes.
"""

import json
import re
from http import HTTPStatus

import pytest
import yaml
from django.contrib.staticfiles import finders

from api.parameters import EXAMPLES, Query, StatementListForm
from api.serializers import StatementSerializer
from public.exports import FIELDS
from public.filters import DebateFilterSet, StatementFilterSet
from public.registry import FACETS

pytestmark = pytest.mark.django_db

PAGES = {"cursor", "page_size", "format"}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == HTTPStatus.OK
    return json.loads(response.content)


def parameters(schema, path):
    return {parameter["name"]: parameter for parameter in schema["paths"][path]["get"]["parameters"]}


def test_the_schema_is_openapi_3_1_yaml_by_default_and_json_on_request(client, schema):
    response = client.get("/api/v1/schema/")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(response.content) == schema
    assert schema["openapi"] == "3.1.0"
    assert schema["info"]["version"] == "1"


def test_the_statements_parameters_are_the_registry_s(schema):
    documented = parameters(schema, "/api/v1/statements/")
    registry = {param for facet in FACETS for param in facet.params}
    assert set(documented) == registry | PAGES | {"facets"}
    for name in ("section", "actor", "extent", "stance", "scope"):
        declared = StatementFilterSet.base_filters[name].extra["choices"]
        assert documented[name]["schema"]["enum"] == [value for value, _ in declared], name
    assert documented["theme"]["schema"]["type"] == "array" and documented["theme"]["explode"] is True
    assert documented["year_from"]["schema"] == {"type": "integer", "minimum": 1945, "maximum": 2100}
    assert documented["q"]["schema"]["maxLength"] == 200
    assert documented["facets"]["explode"] is False
    assert set(documented["facets"]["schema"]["items"]["enum"]) == registry - {"q", "year_from", "year_to"}


def test_the_debates_parameters_are_the_debate_list_s(schema):
    assert set(parameters(schema, "/api/v1/debates/")) == set(DebateFilterSet.base_filters) | PAGES


def test_every_documented_example_is_a_parameter():
    known = set(Query(StatementListForm, StatementFilterSet, DebateFilterSet).fields())
    assert set(EXAMPLES) <= known


def test_a_statement_has_the_exports_fields_in_their_order_then_its_addresses(schema):
    assert list(StatementSerializer().fields) == [*FIELDS, "url", "api_url"]
    assert list(schema["components"]["schemas"]["Statement"]["properties"]) == [*FIELDS, "url", "api_url"]
    assert "text_origin" in schema["components"]["schemas"]["Paragraph"]["properties"]


def test_every_operation_documents_its_answers(schema):
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path  # read-only
        responses = operations["get"]["responses"]
        assert {"200", "304", "400", "429"} <= set(responses), path
        if "{" in path:
            assert "404" in responses, path
        assert "Retry-After" in responses["429"]["headers"], path
        assert "ETag" in responses["200"]["headers"], path


def test_the_documentation_page_has_no_inline_script_or_style(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    assert all('src="' in attributes and not body.strip() for attributes, body in scripts)
    assert "<style" not in html
    assert " style=" not in html
    assert not re.search(r"\son\w+=", html)  # no event handler attributes
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert all(source.startswith("/") and not source.startswith("//") for source in sources), sources
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle" in html


def test_the_documentation_page_s_files_are_the_project_s_own(client):
    for name in (
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "api/docs.css",
    ):
        assert finders.find(name), name
    script = client.get("/api/v1/docs/?script")
    assert script.status_code == HTTPStatus.OK
    assert script["Content-Type"] == "application/javascript"
    assert 'url: "/api/v1/schema/"' in script.content.decode()
    assert "csrf" not in script.content.decode().lower()
