"""/api/v1/statements/: the explorer's selection, with the exports' fields, in pages, with the explorer's counts.

Each selection is checked three ways: against the explorer's page for the same parameters, against
a condition written here (or in tests/public/test_registry.py, which writes one per facet of the
registry), and, for the fields, against the JSON export.
"""

import json
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from panels.attribution import ActorKind, Extent
from panels.models import Intervention
from public.exports import FIELDS
from public.registry import FACET, FACETS
from tests.factories import make_intervention
from tests.public.test_registry import BAD, expected_of, keys, query_of, samples
from tests.search.data import SLUG_2011, load_archive

URL = "/api/v1/statements/"
EXPLORER = "/interventions/"
EVERY_FACET = "theme,debate,topic,section,actor,extent,stance,scope,participant"


@pytest.fixture
def archive(db):
    load_archive()


def get(client, params=None):
    response = client.get(URL, params or {})
    assert response.status_code == HTTPStatus.OK, response.content[:1000]
    return response.json()


def walk(client, params, page_size=100):
    """Every result of every page, following the ``next`` links, and the pages' sizes."""
    answer = get(client, {**params, "page_size": page_size})
    results, sizes = list(answer["results"]), [len(answer["results"])]
    while answer["next"]:
        answer = client.get(answer["next"]).json()
        results += answer["results"]
        sizes.append(len(answer["results"]))
    return results, sizes


def key(result):
    return (result["debate"], result["paragraph"], result["statement"])


def explorer_keys(client, params):
    selection = client.get(EXPLORER, params).context["page_obj"].paginator.object_list
    return [(item.debate.slug, item.paragraph.number, item.order) for item in selection[0 : len(selection)]]


def test_the_2011_debate_s_one_panelist_statements_are_exactly_three_as_in_the_explorer(client, archive):
    params = {"debate": SLUG_2011, "actor": "panelist", "extent": "one"}
    answer = get(client, params)

    # Written here: the 2011 debate's statements whose actor kinds include panelist, with extent "one".
    expected = sorted(
        (SLUG_2011, number, order)
        for number, order, kinds in Intervention.objects.filter(debate__slug=SLUG_2011, extent=Extent.ONE).values_list(
            "paragraph__number", "order", "actor_kinds"
        )
        if kinds & ActorKind.PANELIST
    )
    assert answer["count"] == 3
    assert [key(result) for result in answer["results"]] == expected == explorer_keys(client, params)
    assert all(result["text"].lower().count("panelist") for result in answer["results"])
    assert all(result["text_origin"] == "official" for result in answer["results"])  # the 2011 summary's own words


@pytest.mark.parametrize("name", [facet.name for facet in FACETS])
def test_every_parameter_of_the_registry_selects_what_the_explorer_and_the_written_condition_select(
    client, archive, name
):
    facet = FACET[name]
    matched = 0
    for value in samples(facet):
        params = query_of(facet, value)
        expected = keys(expected_of(facet, value))
        matched += bool(expected)
        results, _ = walk(client, params)
        found = [key(result) for result in results]
        assert len(found) == len(set(found)), (name, value)
        assert set(found) == expected, (name, value)
        assert found == explorer_keys(client, params), (name, value)  # the same statements, in the same order
        assert get(client, params)["count"] == len(expected)
    assert matched >= 2


@pytest.mark.parametrize("name", [facet.name for facet in FACETS])
def test_a_bad_value_of_every_parameter_of_the_registry_is_a_400_naming_it(client, archive, name):
    facet = FACET[name]
    for param in facet.params:
        response = client.get(URL, {param: BAD[facet.widget]})
        assert response.status_code == HTTPStatus.BAD_REQUEST, param
        assert list(response.json()["errors"]) == [param]


def test_each_statement_carries_the_json_export_s_fields_and_values_then_its_addresses(client, archive):
    params = {"theme": "freedom-from-fear", "section": "panel"}
    results, _ = walk(client, params)
    exported = client.get("/interventions/export.json", params)
    rows = json.loads(b"".join(exported.streaming_content))["results"]

    assert results
    assert [list(result)[: len(FIELDS)] for result in results] == [FIELDS] * len(results)
    assert [{field: result[field] for field in FIELDS} for result in results] == rows
    for result in results:
        assert list(result)[len(FIELDS) :] == ["url", "api_url"]
        assert result["url"] == result["permalink"]
        assert result["api_url"] == (
            f"http://testserver/api/v1/debates/{result['debate']}/p{result['paragraph']}/s{result['statement']}/"
        )
        assert client.get(result["api_url"]).json() == result


def test_pages_follow_the_reading_order_forward_and_back(client, archive):
    every = [key(result) for result in walk(client, {})[0]]
    results, sizes = walk(client, {}, page_size=7)
    assert [key(result) for result in results] == every == explorer_keys(client, {})
    assert sizes == [7] * (len(every) // 7) + ([len(every) % 7] if len(every) % 7 else [])

    # From the last page back to the first, by the previous links.
    answer = get(client, {"page_size": 7})
    while answer["next"]:
        answer = client.get(answer["next"]).json()
    backwards = [key(result) for result in answer["results"]]
    while answer["previous"]:
        answer = client.get(answer["previous"]).json()
        backwards = [key(result) for result in answer["results"]] + backwards
    assert backwards == every
    assert answer["previous"] is None


def test_a_cursor_goes_on_after_the_last_statement_seen_whatever_changed_meanwhile(client, archive):
    params = {"debate": SLUG_2011, "page_size": 5}
    first = get(client, params)
    seen = [key(result) for result in first["results"]]
    every = [key(result) for result in walk(client, {"debate": SLUG_2011})[0]]
    following = every[5:10]

    # Meanwhile a statement is added before the cursor, and the last statement seen is deleted.
    last = Intervention.objects.get(debate__slug=SLUG_2011, paragraph__number=seen[-1][1], order=seen[-1][2])
    earlier = last.debate.paragraphs.filter(number__lt=last.paragraph.number).order_by("number").first()
    added = make_intervention(earlier, text=earlier.text, order=99)
    last.delete()

    second = client.get(first["next"]).json()
    assert [key(result) for result in second["results"]] == following  # neither shifted nor repeated
    now = [key(result) for result in walk(client, {"debate": SLUG_2011})[0]]
    assert second["count"] == len(now) == len(every)
    back = client.get(second["previous"]).json()
    assert [key(result) for result in back["results"]] == now[: now.index(following[0])][-5:]
    assert (SLUG_2011, earlier.number, added.order) in [key(result) for result in back["results"]]


def test_a_cursor_the_endpoint_did_not_give_is_a_400_naming_cursor(client, archive):
    debates_cursor = client.get("/api/v1/debates/", {"page_size": 1}).json()["next"]
    foreign = parse_qs(urlsplit(debates_cursor).query)["cursor"][0]
    forged = signing.dumps([0, 0, "2011-04-14", 1, 1, 1], salt="another salt")
    for cursor in ("garbage", foreign, forged, foreign[:-1]):
        response = client.get(URL, {"cursor": cursor})
        assert response.status_code == HTTPStatus.BAD_REQUEST, cursor
        assert list(response.json()["errors"]) == ["cursor"]


def test_facet_counts_are_the_explorer_s(client, archive):
    params = {"theme": "freedom-from-fear", "section": "panel"}
    answer = get(client, {**params, "facets": EVERY_FACET})
    explorer = client.get(EXPLORER, params).context["facets"]

    assert list(answer["facets"]) == EVERY_FACET.split(",")
    for name, options in answer["facets"].items():
        theirs = [
            {"value": option.value, "label": option.label, "count": option.count, "selected": option.selected}
            for option in explorer[name]
        ]
        assert options == theirs, name
    chosen = [option["value"] for option in answer["facets"]["theme"] if option["selected"]]
    assert chosen == ["freedom-from-fear"]
    assert "facets" not in get(client, params)
    assert list(get(client, {**params, "facets": "extent"})["facets"]) == ["extent"]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("theme=no-such-theme", {"theme"}),
        ("debate=no-such-debate", {"debate"}),
        ("participant=nobody", {"participant"}),
        ("year_from=abc", {"year_from"}),
        ("year_from=2011&year_to=2008", {"year_to"}),
        ("year_to=1066", {"year_to"}),
        ("extent=lots", {"extent"}),
        ("q=" + "x" * 201, {"q"}),
        ("q=a%00b", {"q"}),
        ("q=%ff%fe", {"q"}),
        ("themes=freedom-from-fear", {"themes"}),
        ("page=2", {"page"}),
        ("debate=", {"debate"}),
        ("extent=one&extent=some", {"extent"}),
        ("facets=theme,words", {"facets"}),
        ("page_size=0", {"page_size"}),
        ("page_size=101", {"page_size"}),
        ("page_size=ten", {"page_size"}),
        ("format=xml", {"format"}),
        ("cursor=garbage", {"cursor"}),
        ("year_from=abc&stance=shouted&colour=red", {"year_from", "stance", "colour"}),
    ],
)
def test_each_bad_parameter_is_a_400_naming_it(client, archive, query, named):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert set(errors) == named
    assert all(messages and all(isinstance(message, str) for message in messages) for messages in errors.values())


def test_a_statement_listed_again_is_not_read_again_until_the_archive_changes(client, archive):
    params = {"theme": "freedom-from-fear", "page_size": 3}
    first = get(client, params)  # builds the index and reads the three statements
    with CaptureQueriesContext(connection) as again:
        assert get(client, params) == first
    with CaptureQueriesContext(connection) as more:
        get(client, {**params, "page_size": 6})  # three statements kept, three more read
    assert len(more) == len(again) + 4  # their ids, rows, themes and topics, named participants

    shown = first["results"][0]
    statement = Intervention.objects.get(
        debate__slug=shown["debate"], paragraph__number=shown["paragraph"], order=shown["statement"]
    )
    statement.text = statement.text.replace(statement.text[:3], statement.text[:3].upper(), 1) + " (edited)"
    statement.save()
    assert get(client, params)["results"][0]["text"] == statement.text
