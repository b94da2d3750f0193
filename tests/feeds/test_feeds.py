"""The feeds: valid Atom and JSON Feed, the explorer's statements exactly, whose words each is, never a draft.

Atom is read by feedparser (which flags what it had to guess as ``bozo``), JSON Feed checked against the
1.1 spec's rules written out as a schema (``jsonfeed-1.1.schema.json``); the dates and addresses the schema
can only name as formats are checked here.
"""

import datetime
import json
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import jsonschema
import pytest
from django.utils import timezone

from debates.models import Debate, TextOrigin
from feeds import entries
from panels.models import Intervention
from tests.factories import make_debate, make_intervention, make_paragraph, make_participant
from tests.search.data import SLUG_2008, SLUG_2010, SLUG_2011, load_archive

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text())
BASE = "http://testserver"
SELECTIONS = [
    "theme=freedom-from-want&year_from=2011",
    "actor=panelist&extent=one",
    "topic=state-sovereignty",
    "q=sovereignty",
    "participant=japan",
    "",
]


@pytest.fixture
def archive():
    load_archive()


def atom(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, f"{url}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10"
    return parsed


def json_feed(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    document = response.json()
    jsonschema.validate(document, SCHEMA)
    for address in (document["home_page_url"], document["feed_url"], *(item["url"] for item in document["items"])):
        assert urlsplit(address).scheme == "http" and urlsplit(address).netloc == "testserver", address
    for item in document["items"]:
        for name in ("date_published", "date_modified"):
            moment = datetime.datetime.fromisoformat(item[name])
            assert moment.tzinfo is not None, item[name]  # RFC 3339 requires the offset
    return document


def explorer_permalinks(client, query):
    response = client.get(f"/interventions/?{query}")
    assert response.status_code == HTTPStatus.OK
    paginator = response.context["page_obj"].paginator
    return {f"{BASE}{item.permalink}" for item in paginator.object_list[0 : paginator.count]}


def test_every_feed_parses_as_atom_and_as_json_feed(archive, client):
    urls = [
        "/feeds/debates",
        "/feeds/themes/freedom-from-fear",
        "/feeds/topics/state-sovereignty",
        "/feeds/participants/japan",
        *(f"/feeds/statements?{query}" for query in SELECTIONS),
    ]
    for url in urls:
        path, _, query = url.partition("?")
        suffix = f"?{query}" if query else ""
        parsed = atom(client, f"{path}.atom{suffix}")
        document = json_feed(client, f"{path}.json{suffix}")
        assert parsed.entries, url
        assert [entry.id for entry in parsed.entries] == [item["id"] for item in document["items"]], url
        assert parsed.feed.links[1]["rel"] == "self" and parsed.feed.links[1]["href"] == f"{BASE}{path}.atom{suffix}"
        assert document["feed_url"] == f"{BASE}{path}.json{suffix}"
        for entry in parsed.entries:
            assert entry.link == entry.id and entry.published_parsed and entry.updated_parsed and entry.author


@pytest.mark.parametrize("query", SELECTIONS)
def test_a_selections_feed_holds_exactly_the_explorers_statements(archive, client, query):
    expected = explorer_permalinks(client, query)
    assert 0 < len(expected) <= entries.FEED_SIZE or query == ""
    parsed = atom(client, f"/feeds/statements.atom?{query}")
    document = json_feed(client, f"/feeds/statements.json?{query}")
    found = {entry.id for entry in parsed.entries}
    assert found == {item["id"] for item in document["items"]}
    if len(expected) <= entries.FEED_SIZE:
        assert found == expected
    else:  # the whole archive: the feed holds the newest statements, every one of them the explorer's
        assert len(found) == entries.FEED_SIZE and found <= expected


def test_a_selections_feed_is_what_the_database_says_it_should_be(archive, client):
    """The explorer's own answer, checked against a plain query: the 2011 statements on freedom from want."""
    expected = {
        f"{BASE}{item.permalink}"
        for item in Intervention.objects.filter(
            debate__slug=SLUG_2011, themes__slug="freedom-from-want", debate__status=Debate.Status.PUBLISHED
        ).select_related("debate", "paragraph")
    }
    parsed = atom(client, "/feeds/statements.atom?theme=freedom-from-want&year_from=2011&year_to=2011")
    assert expected and {entry.id for entry in parsed.entries} == expected


def test_the_feed_is_full_with_the_statements_of_the_debates_published_last(archive, client, monkeypatch):
    monkeypatch.setattr(entries, "FEED_SIZE", 5)
    now = timezone.now()
    for days, slug in enumerate([SLUG_2010, SLUG_2008, SLUG_2011]):  # 2011 published last, then 2008
        Debate.objects.filter(slug=slug).update(published_at=now - datetime.timedelta(days=10 - days))
    client.get("/")  # the change reaches the index
    parsed = atom(client, "/feeds/statements.atom")
    newest = Debate.objects.get(slug=SLUG_2011)
    expected = [
        f"{BASE}{item.permalink}"
        for item in Intervention.objects.filter(debate=newest).select_related("debate", "paragraph").in_reading_order()
    ][:5]
    assert [entry.id for entry in parsed.entries] == expected
    published = datetime.datetime(*parsed.entries[0].published_parsed[:6], tzinfo=datetime.UTC)
    assert published == Debate.objects.get(slug=SLUG_2011).published_at.replace(microsecond=0)

    debates = atom(client, "/feeds/debates.atom")
    assert [entry.id for entry in debates.entries] == [
        f"{BASE}/debates/{slug}/" for slug in (SLUG_2011, SLUG_2008, SLUG_2010)
    ]


def test_each_entry_says_whose_words_it_is(client):
    theme = "freedom-from-fear"
    debate = make_debate(slug="whose-words")
    official = make_paragraph(debate, text="One panelist suggested a definition.", text_origin=TextOrigin.OFFICIAL)
    account = make_paragraph(debate, text="The archive notes that the meeting ran late.", text_origin="archive")
    make_intervention(official, text="One panelist suggested a definition.", themes=[theme])
    make_intervention(account, text="The archive notes that the meeting ran late.", themes=[theme])

    parsed = atom(client, "/feeds/themes/freedom-from-fear.atom")
    document = json_feed(client, "/feeds/themes/freedom-from-fear.json")
    by_id = {entry.id: entry for entry in parsed.entries}
    items = {item["id"]: item for item in document["items"]}
    for paragraph, origin, label, author in (
        (official, "official", "Official UN text", "United Nations"),
        (account, "archive", "The archive's account", entries.ARCHIVE_NAME),
    ):
        url = f"{BASE}/debates/whose-words/p{paragraph.number}/s1/"
        entry, item = by_id[url], items[url]
        origin_terms = [tag for tag in entry.tags if tag.scheme.endswith("/codebook/#rule-origin")]
        assert [(tag.term, tag.label) for tag in origin_terms] == [(origin, label)]
        assert entry.title.startswith(f"{label}: ") and entry.author == author
        assert f"<strong>{label}</strong>" in entry.content[0].value.replace("&#x27;", "'").replace("&#39;", "'")
        assert item["_archive"]["text_origin"] == origin and item["_archive"]["text_origin_label"] == label
        assert item["authors"] == [{"name": author}] and label in item["tags"]


def test_drafts_never_appear_and_a_withdrawn_debate_leaves_at_once(archive, client, reviewer):
    theme, topic = "freedom-from-fear", "state-sovereignty"
    speaker = make_participant(slug="draft-speaker", name="Draft Speaker")
    for status in (Debate.Status.DRAFT, Debate.Status.IN_REVIEW):
        debate = make_debate(slug=f"unpublished-{status}", status=status, published_at=timezone.now())
        paragraph = make_paragraph(debate, text="Some participants stressed sovereignty.")
        make_intervention(paragraph, text="Some participants stressed sovereignty.", themes=[theme], topics=[topic])
        make_intervention(paragraph, text="Some participants", participant=speaker, themes=[theme])
    urls = [
        "/feeds/debates",
        "/feeds/themes/freedom-from-fear",
        "/feeds/topics/state-sovereignty",
        "/feeds/statements",
        "/feeds/statements?q=sovereignty",
    ]

    def everything():
        found = []
        for url in urls:
            path, _, query = url.partition("?")
            for fmt in ("atom", "json"):
                found.append(client.get(f"{path}.{fmt}{'?' + query if query else ''}").content.decode())
        return found

    for body in everything():
        assert "unpublished-" not in body
    assert client.get("/feeds/participants/draft-speaker.atom").status_code == HTTPStatus.NOT_FOUND

    from debates.services import debate_withdraw

    assert any(SLUG_2011 in body for body in everything())
    debate_withdraw(debate=Debate.objects.get(slug=SLUG_2011), user=reviewer, note="Gone from the feeds.")
    for body in everything():
        assert SLUG_2011 not in body


def test_conditional_get_answers_304_until_the_archive_changes(archive, client, reviewer):
    url = "/feeds/themes/freedom-from-want.atom"
    first = client.get(url)
    assert first.status_code == HTTPStatus.OK and first["ETag"] and first["Last-Modified"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED and again.content == b""

    from debates.services import debate_withdraw

    debate_withdraw(debate=Debate.objects.get(slug=SLUG_2010), user=reviewer, note="A change.")
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == HTTPStatus.OK and changed["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    ("query", "param"),
    [("year_from=soon", "year_from"), ("theme=no-such-theme", "theme"), ("extent=most&extent=one", "extent")],
)
def test_a_bad_parameter_is_a_400_naming_it(archive, client, query, param):
    as_json = client.get(f"/feeds/statements.json?{query}")
    assert as_json.status_code == HTTPStatus.BAD_REQUEST
    assert param in as_json.json()["errors"]
    as_atom = client.get(f"/feeds/statements.atom?{query}")
    assert as_atom.status_code == HTTPStatus.BAD_REQUEST
    assert param.encode() in as_atom.content


def test_an_unknown_term_or_format_is_a_404(archive, client):
    for url in (
        "/feeds/themes/no-such-theme.atom",
        "/feeds/topics/no-such-topic.json",
        "/feeds/participants/no-one.atom",
        "/feeds/debates.rss",
    ):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url


def alternates(response):
    html = response.content.decode()
    return [line.strip() for line in html.splitlines() if 'rel="alternate"' in line and "<link" in line]


def test_every_page_with_a_list_links_its_feeds(archive, client):
    for url in ("/", "/debates/", "/themes/", "/topics/", "/participants/", "/search/?q=security"):
        links = alternates(client.get(url))
        assert any('href="/feeds/debates.atom"' in link for link in links), url
        assert any('href="/feeds/debates.json"' in link for link in links), url
    for url, feed in (
        ("/themes/freedom-from-fear/", "/feeds/themes/freedom-from-fear"),
        ("/topics/state-sovereignty/", "/feeds/topics/state-sovereignty"),
        ("/participants/japan/", "/feeds/participants/japan"),
        ("/interventions/?theme=freedom-from-want&amp;year_from=2011", None),
    ):
        response = client.get(url.replace("&amp;", "&"))
        links = alternates(response)
        if feed is None:
            feed = "/feeds/statements"
            assert any(f'href="{feed}.atom?theme=freedom-from-want&amp;year_from=2011"' in link for link in links)
            assert any(f'href="{feed}.json?theme=freedom-from-want&amp;year_from=2011"' in link for link in links)
        else:
            assert any(f'href="{feed}.atom"' in link for link in links), url
            assert any(f'href="{feed}.json"' in link for link in links), url
        for link in links:  # each linked feed answers
            href = link.split('href="')[1].split('"')[0].replace("&amp;", "&")
            assert client.get(href).status_code == HTTPStatus.OK, href


def test_an_entry_is_built_once_per_state_of_the_archive(archive, client, reviewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = "/feeds/themes/freedom-from-want.atom"
    client.get(url)
    with CaptureQueriesContext(connection) as again:
        second = client.get(url)
    assert not [query for query in again.captured_queries if "panels_intervention" in query["sql"]]

    from debates.services import debate_withdraw

    Debate.objects.filter(slug=SLUG_2011).update(title="A title edited since")
    debate_withdraw(debate=Debate.objects.get(slug=SLUG_2010), user=reviewer, note="A change.")
    third = client.get(url)
    assert b"A title edited since" in third.content and b"A title edited since" not in second.content
