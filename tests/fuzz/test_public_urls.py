"""Random query strings, paths and form posts against every public URL: never a 5xx, never a draft.

The URLs come from the URL resolver (every route outside the admin), each with real examples
found by following the site's own links; Hypothesis then varies the path, the query string and
the method around them.
"""

from http import HTTPStatus
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debates.models import Debate
from tests.factories import make_debate
from tests.public_site import body, example_urls, parse_page

DRAFT_TITLE = "Unpublished draft 7f3c"
# Hostile and awkward text: any character but lone surrogates (which no URL can carry), NUL included.
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
AWKWARD_VALUES = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "null",
        "[]",
        "' OR '1'='1",
        "%",
        "_",
        "\\",
        "\x00",
        "a" * 5000,
        "<script>alert(1)</script>",
        "2011-02-30",
        "../../etc/passwd",
    ]
)


@pytest.fixture
def public_urls(db, client):
    """Every public route with examples, and every parameter name the site's own forms and links use."""
    for year in (2008, 2010, 2011):
        call_command("loaddata", f"human-security-{year}", verbosity=0)
    make_debate(title=DRAFT_TITLE, slug="unpublished-draft", status=Debate.Status.DRAFT)
    examples = example_urls(client, per_route=3)
    unreached = sorted(route for route, urls in examples.items() if not urls)
    assert not unreached, f"no link on the site leads to these routes: {unreached}"
    parameters = {"page", "q", "sort", "format"}
    for urls in examples.values():
        for url in urls:
            parameters |= {name for name, _ in parse_qsl(urlsplit(url).query)}
            response = client.get(url)
            if response.headers.get("Content-Type", "").startswith("text/html"):
                for form in parse_page(response.content.decode())[1]:
                    parameters |= set(form["fields"])
    return sorted({url for urls in examples.values() for url in urls}), sorted(parameters)


def mutated_path(url, data):
    """The example's path, or one with a segment replaced or added with random text."""
    path = urlsplit(url).path
    segments = [segment for segment in path.split("/") if segment]
    choice = data.draw(st.sampled_from(["same", "replace", "append", "double-slash"]))
    if choice == "replace" and segments:
        segments[data.draw(st.integers(0, len(segments) - 1))] = data.draw(ANY_TEXT)
    elif choice == "append":
        segments.append(data.draw(ANY_TEXT))
    elif choice == "double-slash":
        return path + "/"
    return "/" + "/".join(quote(segment, safe="") for segment in segments) + ("/" if path.endswith("/") else "")


def test_no_public_url_answers_5xx_whatever_it_is_sent(client, public_urls):
    urls, parameters = public_urls
    names = st.one_of(st.sampled_from(parameters), ANY_TEXT)
    values = st.one_of(AWKWARD_VALUES, ANY_TEXT)

    @settings(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        url=st.sampled_from(urls),
        method=st.sampled_from(["GET", "GET", "GET", "HEAD", "POST"]),
        pairs=st.lists(st.tuples(names, values), max_size=6),
        data=st.data(),
    )
    def check(url, method, pairs, data):
        path = mutated_path(url, data)
        if method == "POST":
            response = client.post(path, dict(pairs))
        else:
            query = urlencode([*parse_qsl(urlsplit(url).query), *pairs])
            response = client.generic(method, path, QUERY_STRING=query)
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, (method, path, pairs)
        assert DRAFT_TITLE.encode() not in body(response), (method, path, pairs)

    check()
