"""Every parameter of the facet registry, walked through the explorer, its exports and its 400 answers.

For each facet of :data:`public.registry.FACETS` and a sample of its values, the test checks that

* the explorer lists exactly the statements of an independent SQL condition written here by hand;
* every option of every facet is counted exactly (the count of the hand-written conditions together);
* the CSV and JSON exports hold exactly those statements;
* a bad value is a 400 naming the parameter, on the explorer (a page) and on the exports (JSON).

A facet added to the registry without its condition here fails the first test: ``section`` was added
through the registry alone, and is walked like the others.
"""

import csv
import io
import json
from http import HTTPStatus

import pytest
from django.db.models import Q

from debates.models import Debate, Participant, Theme, Topic
from panels.attribution import ActorKind
from panels.models import Intervention
from public.registry import FACET, FACETS
from search.queries import filter_interventions
from search.syntax import MAX_QUERY_LENGTH
from tests.search.data import load_archive

EXPLORER = "/interventions/"
EXPORTS = {"csv": "/interventions/export.csv", "json": "/interventions/export.json"}


def published():
    return Intervention.objects.filter(debate__status="published")


# Each parameter's meaning, written independently of the registry: value from the query string -> statements.
EXPECTED = {
    "q": lambda q: filter_interventions(published(), q),
    "theme": lambda slugs: published().filter(themes__slug__in=slugs).distinct(),
    "debate": lambda slug: published().filter(debate__slug=slug),
    "topic": lambda slug: published().filter(topics__slug=slug),
    "section": lambda section: published().filter(paragraph__section=section),
    # Read the bits in Python, not through the actor-kinds lookup the registry uses.
    "actor": lambda slug: published().filter(
        pk__in=[
            pk for pk, kinds in published().values_list("pk", "actor_kinds") if kinds & ActorKind.from_slug(slug).value
        ]
    ),
    "extent": lambda extent: published().filter(extent=extent),
    "stance": lambda stance: published().filter(stance=stance),
    "scope": lambda scope: published().filter(scope=scope),
    "participant": lambda slug: (
        published().filter(Q(participant__slug=slug) | Q(named_participants__slug=slug)).distinct()
    ),
    "year": lambda years: published().filter(
        debate__start_date__year__gte=years[0] or 1, debate__start_date__year__lte=years[1] or 9999
    ),
}
# Values for the facets that offer no options to pick from.
SAMPLES = {
    "q": ["security", '"human security" -index', "sovereignty"],
    "year": [(2008, None), (None, 2010), (2010, 2011), (2011, 2011)],
}
# A bad value for each kind of control.
BAD = {"select": "no-such-value", "checkboxes": "no-such-value", "years": "1066", "text": "x" * (MAX_QUERY_LENGTH + 1)}


def query_of(facet, value):
    """The query string parameters that give ``value`` of ``facet``."""
    if facet.name == "year":
        return {param: year for param, year in zip(facet.params, value, strict=True) if year is not None}
    return {facet.name: value}


def expected_of(facet, value):
    return EXPECTED[facet.name](value)


def option_value(name, option):
    """The value that an option of facet ``name`` stands for, as :func:`expected_of` takes it."""
    return [option.value] if name == "theme" else option.value


def keys(queryset):
    return {
        (debate, number, order)
        for debate, number, order in queryset.values_list("debate__slug", "paragraph__number", "order")
    }


def explorer_keys(response):
    selection = response.context["page_obj"].paginator.object_list
    return {(item.debate.slug, item.paragraph.number, item.order) for item in selection[0 : len(selection)]}


def export_keys(content, export_format):
    if export_format == "csv":
        rows = list(csv.DictReader(io.StringIO(content.decode())))
    else:
        document = json.loads(content)
        rows = document["results"]
        assert document["count"] == len(rows)
    return {(row["debate"], int(row["paragraph"]), int(row["statement"])) for row in rows}


def samples(facet):
    """Values of ``facet`` to walk: every value it declares (a few for long lists), matching statements or not."""
    if facet.name in SAMPLES:
        return SAMPLES[facet.name]
    if facet.name == "theme":
        slugs = list(Theme.objects.values_list("slug", flat=True))
        return [[slug] for slug in slugs] + [slugs[:2]]  # one theme, and two: any of them
    if facet.name == "topic":
        values = list(Topic.objects.values_list("slug", flat=True))
    elif facet.name == "debate":
        values = list(Debate.objects.published().values_list("slug", flat=True))
    elif facet.name == "participant":
        values = list(Participant.objects.public().order_by("slug").values_list("slug", flat=True))
    else:
        values = [slug for slug, _, _ in facet.choices]
    return values if len(values) <= 10 else values[:5] + values[-5:]


@pytest.fixture
def archive(db):
    load_archive()


def test_every_parameter_of_the_registry_is_walked_here():
    assert set(EXPECTED) == {facet.name for facet in FACETS}
    assert set(SAMPLES) == {facet.name for facet in FACETS if facet.widget in ("text", "years")}
    assert "section" in FACET


@pytest.mark.parametrize("name", [facet.name for facet in FACETS])
def test_each_value_gives_the_sql_selection_exact_counts_and_the_same_exports(client, archive, name):
    facet = FACET[name]
    values = samples(facet)
    matched = 0
    for value in values:
        params = query_of(facet, value)
        expected = keys(expected_of(facet, value))
        matched += bool(expected)
        response = client.get(EXPLORER, params)
        assert response.status_code == HTTPStatus.OK
        assert explorer_keys(response) == expected, (name, value)
        assert response.context["page_obj"].paginator.count == len(expected)
        # Every option of every other facet counts the statements of both conditions;
        # this facet's own options count as if it were not chosen.
        for other, options in response.context["facets"].items():
            for option in options:
                condition = expected_of(FACET[other], option_value(other, option))
                if other != name:
                    condition = condition.filter(pk__in=expected_of(facet, value).values("pk"))
                assert option.count == condition.count(), (name, value, other, option.value)
        for export_format, url in EXPORTS.items():
            exported = client.get(url, params)
            assert exported.status_code == HTTPStatus.OK
            assert export_keys(b"".join(exported.streaming_content), export_format) == expected, (
                name,
                value,
                export_format,
            )
    assert matched >= min(2, len(values)), f"the test data should give statements for several values of {name}"


@pytest.mark.parametrize("name", [facet.name for facet in FACETS])
def test_a_bad_value_is_a_400_naming_the_parameter_on_the_explorer_and_the_exports(client, archive, name):
    facet = FACET[name]
    for param in facet.params:
        page = client.get(EXPLORER, {param: BAD[facet.widget]})
        assert page.status_code == HTTPStatus.BAD_REQUEST, param
        assert param in page.context["errors"]
        for url in EXPORTS.values():
            answer = client.get(url, {param: BAD[facet.widget]})
            assert answer.status_code == HTTPStatus.BAD_REQUEST, (param, url)
            assert param in answer.json()["errors"]


def test_the_explorer_form_offers_each_facet_with_its_counts(client, archive):
    response = client.get(EXPLORER, {"section": "conclusion"})
    html = response.content.decode()
    for facet in FACETS:
        for param in facet.params:
            assert f'name="{param}"' in html, param
    conclusion = published().filter(paragraph__section="conclusion").count()
    assert f'<option value="conclusion" selected>Conclusion ({conclusion})</option>' in html
    assert "Section: <strong>Conclusion</strong>" in html
    # Each other section is offered with what choosing it instead would give.
    for section, label in [("introduction", "Introduction"), ("panel", "Panel")]:
        count = published().filter(paragraph__section=section).count()
        assert f'<option value="{section}">{label} ({count})</option>' in html


def test_each_filter_in_force_is_listed_with_a_link_that_removes_only_it(client, archive):
    theme_slugs = list(Theme.objects.values_list("slug", flat=True)[:2])
    query = {"theme": theme_slugs, "section": "panel", "year_from": 2008, "q": "security"}
    pills = client.get(EXPLORER, query).context["active_filters"]
    labels = [label for label, _, _ in pills]
    assert labels == ["Words", "Theme", "Theme", "Section", "From year"]
    for label, text, link in pills:
        remaining = client.get(f"{EXPLORER}{link}").context["active_filters"]
        assert len(remaining) == len(pills) - 1, (label, text)
        assert (label, text) not in [(other, words) for other, words, _ in remaining]
