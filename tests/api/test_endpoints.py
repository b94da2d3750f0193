"""Each endpoint of /api/v1/ against the three debates the archive ships, and drafts, which none shows.

Expectations are written here with plain ORM queries, or taken from the site's own pages for the
same request (the debate list, the search page).
"""

from http import HTTPStatus

import pytest
from django.db.models import Q

from debates.models import Debate, DebateDocument, Document, Participant, TextOrigin, Theme, Topic
from panels.models import Intervention, Panel, Paragraph, Participation
from tests.factories import build_debate, make_document, make_participant
from tests.search.data import SLUG_2008, SLUG_2010, SLUG_2011, load_archive

API = "/api/v1"
IN_TIME_ORDER = [SLUG_2008, SLUG_2010, SLUG_2011]


@pytest.fixture
def archive(db):
    load_archive()


def get(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == HTTPStatus.OK, (path, response.content[:500])
    assert response["Content-Type"] == "application/json"
    return response.json()


def walk(client, path, params=None):
    answer = get(client, path, {**(params or {}), "page_size": 2})
    results = list(answer["results"])
    while answer["next"]:
        answer = get(client, answer["next"])
        results += answer["results"]
    return results


def published_statements():
    return Intervention.objects.filter(debate__status=Debate.Status.PUBLISHED)


def test_the_root_links_every_part_and_each_link_answers(client, archive):
    links = get(client, f"{API}/")
    parts = {"debates", "statements", "themes", "topics", "participants", "documents", "search", "schema", "docs"}
    assert set(links) == parts
    for name, url in links.items():
        assert url.startswith("http://testserver/api/v1/"), name
        params = {"q": "security"} if name == "search" else {}
        assert client.get(url, params).status_code == HTTPStatus.OK, name


def test_debates_are_the_published_ones_oldest_first_with_their_counts(client, archive):
    debates = walk(client, f"{API}/debates/")
    assert [debate["slug"] for debate in debates] == IN_TIME_ORDER
    for debate in debates:
        stored = Debate.objects.get(slug=debate["slug"])
        assert debate["statement_count"] == stored.interventions.count()
        assert debate["paragraph_count"] == stored.paragraphs.count()
        assert debate["url"] == f"http://testserver/debates/{stored.slug}/"
        assert debate["api_url"] == f"http://testserver/api/v1/debates/{stored.slug}/"
        assert get(client, debate["statements_api_url"])["count"] == debate["statement_count"]


@pytest.mark.parametrize(
    "params", [{"theme": "freedom-from-want"}, {"topic": "responsibility-to-protect"}, {"year": 2010}, {"kind": "x"}]
)
def test_debates_are_filtered_and_counted_as_the_site_s_debate_list_does(client, archive, params):
    response = client.get(f"{API}/debates/", params)
    page = client.get("/debates/", params)
    if params.get("kind") == "x":
        assert response.status_code == page.status_code == HTTPStatus.BAD_REQUEST
        assert list(response.json()["errors"]) == ["kind"]
        return
    shown = {debate.slug: debate.intervention_count for debate in page.context["debates"]}
    assert {debate["slug"]: debate["statement_count"] for debate in walk(client, f"{API}/debates/", params)} == shown
    assert shown
    if "theme" in params:  # each debate counts only its statements under the theme
        for slug, count in shown.items():
            assert count == published_statements().filter(debate__slug=slug, themes__slug=params["theme"]).count()


def test_a_debate_in_full_reading_order_and_whose_words(client, archive):
    debate = get(client, f"{API}/debates/{SLUG_2011}/")
    stored = Debate.objects.get(slug=SLUG_2011)

    assert [paragraph["paragraph"] for paragraph in debate["paragraphs"]] == list(
        stored.paragraphs.order_by("number").values_list("number", flat=True)
    )
    assert [segment["panel_title"] for segment in debate["segments"]] == list(
        Panel.objects.filter(debate=stored).order_by("order").values_list("title", flat=True)
    )
    assert [document["slug"] for document in debate["documents"]] == list(
        DebateDocument.objects.filter(debate=stored).order_by("order", "id").values_list("document__slug", flat=True)
    )
    assert {(part["participant"], part["role"]) for part in debate["participations"]} == set(
        Participation.objects.filter(debate=stored).values_list("participant__slug", "role")
    )
    nested = [statement for paragraph in debate["paragraphs"] for statement in paragraph["statements"]]
    assert nested == walk(client, f"{API}/statements/", {"debate": SLUG_2011})
    # The 2011 summary is the UN's own text, word for word; the 2008 debate is the archive's account.
    assert {paragraph["text_origin"] for paragraph in debate["paragraphs"]} == {TextOrigin.OFFICIAL}
    assert {statement["text_origin"] for statement in nested} == {TextOrigin.OFFICIAL}
    account = get(client, f"{API}/debates/{SLUG_2008}/")
    assert {paragraph["text_origin"] for paragraph in account["paragraphs"]} == {TextOrigin.ARCHIVE}
    assert debate["title_origin"] == stored.title_origin


def test_a_paragraph_and_a_statement_at_their_permanent_addresses(client, archive):
    paragraph = get(client, f"{API}/debates/{SLUG_2011}/p5/")
    stored = Paragraph.objects.get(debate__slug=SLUG_2011, number=5)
    assert paragraph["text"] == stored.text
    assert paragraph["url"] == f"http://testserver/debates/{SLUG_2011}/p5/"
    assert paragraph["api_url"] == f"http://testserver/api/v1/debates/{SLUG_2011}/p5/"
    assert [statement["statement"] for statement in paragraph["statements"]] == list(
        stored.interventions.order_by("order").values_list("order", flat=True)
    )
    assert [source["slug"] for source in paragraph["sources"]] == list(stored.sources.values_list("slug", flat=True))

    statement = get(client, f"{API}/debates/{SLUG_2011}/p5/s4/")
    assert statement == paragraph["statements"][3]
    assert statement["text"] == stored.interventions.get(order=4).text
    # Its url is the site's permanent address, which leads to it on the debate page.
    assert client.get(statement["url"]).url == f"/debates/{SLUG_2011}/#p5-s4"


def test_an_old_number_still_leads_to_its_text(client, archive):
    stored = Paragraph.objects.get(debate__slug=SLUG_2011, number=5)
    last = Paragraph.objects.filter(debate__slug=SLUG_2011).order_by("-number").first().number
    stored.number = last + 1
    stored.save()

    moved = client.get(f"{API}/debates/{SLUG_2011}/p5/s4/")
    assert moved.status_code == HTTPStatus.FOUND
    assert moved["Location"] == f"http://testserver/api/v1/debates/{SLUG_2011}/p{last + 1}/s4/"
    assert get(client, moved["Location"])["text"] == stored.interventions.get(order=4).text


@pytest.mark.parametrize(
    "path",
    [
        f"/debates/{SLUG_2011}/p999/",
        f"/debates/{SLUG_2011}/p5/s99/",
        f"/debates/{SLUG_2011}/p99999/s1/",
        "/debates/no-such-debate/",
        "/themes/no-such-theme/",
        "/topics/no-such-topic/",
        "/participants/nobody/",
        "/documents/no-such-document/",
        "/no-such-endpoint/",
        "/debates/not%20a%20slug/",
    ],
)
def test_an_address_that_names_nothing_is_a_json_404(client, archive, path):
    response = client.get(f"{API}{path}")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


@pytest.mark.parametrize(("name", "model"), [("themes", Theme), ("topics", Topic)])
def test_themes_and_topics_with_their_counts(client, archive, name, model):
    terms = walk(client, f"{API}/{name}/")
    assert [term["slug"] for term in terms] == list(
        model.objects.order_by(*(["order", "slug"] if model is Theme else ["slug"])).values_list("slug", flat=True)
    )
    relation = name  # Intervention.themes, Intervention.topics
    for term in terms:
        statements = published_statements().filter(**{f"{relation}__slug": term["slug"]})
        assert term["statement_count"] == statements.count()
        assert term["debate_count"] == statements.values("debate").distinct().count()
        assert get(client, term["api_url"]) == term
        assert get(client, term["statements_api_url"])["count"] == term["statement_count"]
        assert term["url"] == f"http://testserver/{name}/{term['slug']}/"


def test_participants_are_those_of_published_debates_with_their_statements(client, archive):
    participants = walk(client, f"{API}/participants/")
    assert [participant["slug"] for participant in participants] == sorted(
        Participant.objects.public().values_list("slug", flat=True)
    )
    japan = get(client, f"{API}/participants/japan/")
    spoken_or_named = published_statements().filter(Q(participant__slug="japan") | Q(named_participants__slug="japan"))
    assert japan["statement_count"] == spoken_or_named.distinct().count() > 0
    assert japan["country_code"] == "JPN"
    assert get(client, japan["statements_api_url"])["count"] == japan["statement_count"]
    deiss = next(p for p in participants if Participation.objects.filter(participant__slug=p["slug"]).exists())
    parts = get(client, deiss["api_url"])["participations"]
    assert {(part["debate"], part["role"]) for part in parts} == set(
        Participation.objects.filter(participant__slug=deiss["slug"]).values_list("debate__slug", "role")
    )


def test_documents_are_those_of_published_debates_and_their_texts(client, archive):
    documents = walk(client, f"{API}/documents/")
    published = Debate.Status.PUBLISHED
    expected = Document.objects.filter(
        Q(debate_links__debate__status=published)
        | Q(paragraphs__debate__status=published)
        | Q(interventions__debate__status=published)
        | Q(participations__debate__status=published)
    ).distinct()
    assert [document["slug"] for document in documents] == sorted(expected.values_list("slug", flat=True))
    summary = next(document for document in documents if document["symbol"] == "A/64/701")
    detail = get(client, summary["api_url"])
    assert {link["debate"] for link in detail["debates"]} == set(
        DebateDocument.objects.filter(document__symbol="A/64/701").values_list("debate__slug", flat=True)
    )
    assert detail["url"] == Document.objects.get(symbol="A/64/701").url


def test_search_finds_what_the_search_page_finds(client, archive):
    answer = get(client, f"{API}/search/", {"q": "security"})
    page = client.get("/search/", {"q": "security"})
    assert answer["count"] == page.context["page_obj"].paginator.count > 20
    assert [result["debate_title"] for result in answer["results"]] == [
        result.debate_title for result in page.context["results"]
    ]
    assert [result["kind"] for result in answer["results"]] == [result.kind for result in page.context["results"]]
    for result in answer["results"]:
        assert client.get(result["api_url"]).status_code == HTTPStatus.OK
        if result["kind"] == "statement":
            assert get(client, result["api_url"])["url"] == result["url"]
    second = get(client, answer["next"])
    assert second["previous"] == "http://testserver/api/v1/search/?q=security&page=1"
    assert client.get(f"{API}/search/", {"q": "security", "page": 10}).status_code == HTTPStatus.NOT_FOUND
    for params in ({}, {"q": "   "}, {"q": "security", "page": 0}):
        response = client.get(f"{API}/search/", params)
        assert response.status_code == HTTPStatus.BAD_REQUEST, params
        assert list(response.json()["errors"]) == ["page" if "page" in params else "q"]


SECRET = "zanzibarian"


@pytest.mark.parametrize("status", [Debate.Status.DRAFT, Debate.Status.IN_REVIEW, Debate.Status.WITHDRAWN])
def test_an_unpublished_debate_appears_nowhere(client, archive, status):
    themes_before = {term["slug"]: term["statement_count"] for term in walk(client, f"{API}/themes/")}
    count_before = get(client, f"{API}/statements/")["count"]
    hidden = build_debate(
        {
            "debate": {"slug": "hidden-debate", "status": status, "title": f"A {SECRET} debate"},
            "introduction": [
                {
                    "text": f"One panelist suggested a {SECRET} definition.",
                    "statements": [
                        {"text": f"One panelist suggested a {SECRET} definition.", "themes": ["freedom-from-fear"]}
                    ],
                }
            ],
        }
    )
    speaker = make_participant(slug="hidden-speaker", name="Hidden speaker")
    statement = hidden.interventions.get()
    statement.participant = speaker
    statement.source = make_document(slug="hidden-document", symbol="A/HIDDEN/1")
    statement.save()

    assert "hidden-debate" not in [debate["slug"] for debate in walk(client, f"{API}/debates/")]
    for path in ("/debates/hidden-debate/", "/debates/hidden-debate/p1/", "/debates/hidden-debate/p1/s1/"):
        assert client.get(f"{API}{path}").status_code == HTTPStatus.NOT_FOUND, path
    assert get(client, f"{API}/statements/")["count"] == count_before
    assert SECRET not in str(walk(client, f"{API}/statements/", {"facets": "debate,participant"}))
    assert list(client.get(f"{API}/statements/", {"debate": "hidden-debate"}).json()["errors"]) == ["debate"]
    assert get(client, f"{API}/search/", {"q": SECRET})["count"] == 0
    assert "hidden-speaker" not in [participant["slug"] for participant in walk(client, f"{API}/participants/")]
    assert client.get(f"{API}/participants/hidden-speaker/").status_code == HTTPStatus.NOT_FOUND
    assert "hidden-document" not in [document["slug"] for document in walk(client, f"{API}/documents/")]
    assert client.get(f"{API}/documents/hidden-document/").status_code == HTTPStatus.NOT_FOUND
    assert {term["slug"]: term["statement_count"] for term in walk(client, f"{API}/themes/")} == themes_before
    assert SECRET not in client.get(f"{API}/debates/", {"theme": "freedom-from-fear"}).content.decode()


def test_an_old_number_now_held_by_another_text_offers_both(client, archive):
    paragraphs = Paragraph.objects.filter(debate__slug=SLUG_2011)
    fifth, sixth = paragraphs.get(number=5), paragraphs.get(number=6)
    fifth.number = paragraphs.order_by("-number").first().number + 1
    fifth.save()
    sixth.number = 5
    sixth.save()

    response = client.get(f"{API}/debates/{SLUG_2011}/p5/")
    assert response.status_code == HTTPStatus.MULTIPLE_CHOICES
    choices = response.json()["choices"]
    assert [(choice["text"], choice["former"]) for choice in choices] == [(sixth.text, False), (fifth.text, True)]
    assert choices[0]["api_url"] == f"http://testserver{API}/debates/{SLUG_2011}/p5/"  # the number's holder now
    assert get(client, choices[1]["api_url"])["text"] == fifth.text
    assert [choice["url"] for choice in choices] == [
        f"http://testserver/debates/{SLUG_2011}/#p5",
        f"http://testserver/debates/{SLUG_2011}/#p{fifth.number}",
    ]
