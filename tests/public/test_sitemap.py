"""/sitemap.xml and /robots.txt: every published debate and page worth finding, dated by content; never a draft."""

import datetime
import xml.etree.ElementTree as ET
from collections import Counter
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import parse_http_date

from caching.stamp import current_stamp
from debates.models import Debate, Theme, Topic
from panels.models import Participation
from public import sitemaps
from tests.factories import make_debate, make_document, make_intervention, make_paragraph, make_participant

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "archive.example.org"
ORIGIN = f"https://{HOST}"
# When each debate was last updated; the withdrawn one is the latest, so a lastmod that counted it would show.
EARLY = datetime.datetime(2020, 3, 1, 9, 30, tzinfo=datetime.UTC)
LATE = datetime.datetime(2021, 6, 15, 17, 0, tzinfo=datetime.UTC)
HIDDEN = datetime.datetime(2022, 1, 1, 12, 0, tzinfo=datetime.UTC)
FIXED_PAGES = [
    "/",
    "/debates/",
    "/themes/",
    "/topics/",
    "/participants/",
    "/interventions/",
    "/codebook/",
    "/downloads/",
]
MOST_QUERIES = 12


def day(moment):
    """A lastmod as the sitemap prints it: the date (W3C Datetime's shortest form) in the site's time zone, UTC."""
    return moment.date().isoformat()


def term(model, slug):
    return model.objects.create(slug=slug, name=slug.replace("-", " ").title(), description="A term for the tests.")


def take_part(debate, participant):
    return Participation.objects.create(
        debate=debate, participant=participant, role=Participation.Role.PANELIST, source=make_document()
    )


@pytest.fixture
def archive(db, settings):
    """Two published debates, EARLY and LATE, and a draft, one in review and a withdrawn one (HIDDEN), with the
    themes, topics and participants each appears in."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    early = make_debate(slug="early-debate")
    late = make_debate(slug="late-debate")
    hidden = {
        status: make_debate(slug=f"{status}-debate", status=status)
        for status in (Debate.Status.DRAFT, Debate.Status.IN_REVIEW, Debate.Status.WITHDRAWN)
    }
    withdrawn = hidden[Debate.Status.WITHDRAWN]
    for slug in ("both-theme", "early-theme", "hidden-theme"):
        term(Theme, slug)
    for slug in ("late-topic", "unused-topic"):
        term(Topic, slug)
    people = {
        name: make_participant(slug=name)
        for name in ("early-speaker", "panelist", "named", "mixed", "hidden-speaker", "hidden-panelist")
    }

    make_intervention(make_paragraph(early), themes=["both-theme", "early-theme"], participant=people["early-speaker"])
    make_intervention(make_paragraph(late), themes=["both-theme"], topics=["late-topic"], participant=people["mixed"])
    for debate in (early, late):
        make_intervention(make_paragraph(debate)).named_participants.add(people["named"])
    take_part(late, people["panelist"])
    take_part(withdrawn, people["panelist"])
    take_part(early, people["mixed"])
    for debate in hidden.values():
        make_intervention(
            make_paragraph(debate),
            themes=["hidden-theme", "both-theme"],
            topics=["late-topic"],
            participant=people["hidden-speaker"],
        )
        take_part(debate, people["hidden-panelist"])

    # After every change above, which moved each debate's updated_at to now: update() leaves auto_now alone.
    Debate.objects.filter(pk=early.pk).update(updated_at=EARLY)
    Debate.objects.filter(pk=late.pk).update(updated_at=LATE)
    Debate.objects.exclude(pk__in=[early.pk, late.pk]).update(updated_at=HIDDEN)
    return {"early": early, "late": late, "hidden": hidden}


def get(client, url, status=HTTPStatus.OK):
    response = client.get(url, secure=True, headers={"host": HOST})
    assert response.status_code == status, url
    return response


def parse(response, root):
    tree = ET.fromstring(response.content)
    assert tree.tag == f"{{{NS['sm']}}}{root}"
    return tree


def listed(response):
    """``{path: lastmod}`` of a ``<urlset>``, every ``<loc>`` checked to be absolute on the request's origin."""
    entries = {}
    for url in parse(response, "urlset").findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc.startswith(f"{ORIGIN}/"), loc
        path = loc.removeprefix(ORIGIN)
        assert path not in entries, f"{path} listed twice"
        entries[path] = url.findtext("sm:lastmod", namespaces=NS)
    return entries


def locs_in(response):
    """Every ``<loc>`` of a ``<urlset>``, in order, duplicates kept."""
    return [loc.text for loc in parse(response, "urlset").iterfind("sm:url/sm:loc", NS)]


def test_every_published_debate_is_listed_dated_by_its_last_update(client, archive):
    entries = listed(get(client, "/sitemap.xml"))

    assert entries["/debates/early-debate/"] == day(EARLY)
    assert entries["/debates/late-debate/"] == day(LATE)
    assert {path for path in entries if path.startswith("/debates/") and path != "/debates/"} == {
        "/debates/early-debate/",
        "/debates/late-debate/",
    }


def test_no_draft_in_review_or_withdrawn_debate_is_listed_nor_dates_anything(client, archive):
    response = get(client, "/sitemap.xml")
    entries = listed(response)

    for debate in archive["hidden"].values():
        assert debate.slug not in response.content.decode()
    assert day(HIDDEN) not in entries.values()


def test_fixed_pages_are_listed_dated_by_the_latest_published_debate(client, archive):
    entries = listed(get(client, "/sitemap.xml"))

    assert {path: entries.get(path) for path in FIXED_PAGES} == dict.fromkeys(FIXED_PAGES, day(LATE))


def test_themes_and_topics_with_published_statements_are_listed_dated_by_their_debates(client, archive):
    entries = listed(get(client, "/sitemap.xml"))

    themes = {path: lastmod for path, lastmod in entries.items() if path.startswith("/themes/") and path != "/themes/"}
    topics = {path: lastmod for path, lastmod in entries.items() if path.startswith("/topics/") and path != "/topics/"}
    # both-theme is also filed in the withdrawn debate (HIDDEN): only the published ones date it.
    assert themes == {"/themes/both-theme/": day(LATE), "/themes/early-theme/": day(EARLY)}
    assert topics == {"/topics/late-topic/": day(LATE)}


def test_public_participants_are_listed_dated_by_their_latest_published_debate(client, archive):
    entries = listed(get(client, "/sitemap.xml"))

    participants = {
        path: lastmod
        for path, lastmod in entries.items()
        if path.startswith("/participants/") and path != "/participants/"
    }
    assert participants == {
        "/participants/early-speaker/": day(EARLY),  # speaks in the early debate
        "/participants/panelist/": day(LATE),  # a part in the late debate, and one in the withdrawn one
        "/participants/named/": day(LATE),  # named in statements of both
        "/participants/mixed/": day(LATE),  # a part in the early debate, speaks in the late one
    }


def test_a_withdrawn_debate_leaves_the_sitemap_and_its_dates(client, archive):
    assert "/debates/late-debate/" in listed(get(client, "/sitemap.xml"))

    late = archive["late"]
    late.status = Debate.Status.WITHDRAWN
    late.save()
    entries = listed(get(client, "/sitemap.xml"))

    assert "/debates/late-debate/" not in entries
    assert "/topics/late-topic/" not in entries
    assert "/participants/panelist/" not in entries
    assert entries["/themes/both-theme/"] == day(EARLY)
    assert entries["/participants/mixed/"] == day(EARLY)
    assert entries["/"] == day(EARLY)
    # No topic has a published statement any more: its section has no file.
    get(client, "/sitemap-topics.xml", status=HTTPStatus.NOT_FOUND)


def test_locations_use_the_request_s_scheme_and_host(client, archive):
    response = client.get("/sitemap.xml")

    locs = locs_in(response)
    assert locs
    assert all(loc.startswith("http://testserver/") for loc in locs), locs


def test_one_file_while_everything_fits(client, archive):
    parse(get(client, "/sitemap.xml"), "urlset")


def test_past_the_limit_the_sitemap_becomes_an_index_of_files_that_list_every_url_once(client, archive, monkeypatch):
    single_file = locs_in(get(client, "/sitemap.xml"))
    monkeypatch.setattr(sitemaps.ArchiveSitemap, "limit", 3)

    index = parse(get(client, "/sitemap.xml"), "sitemapindex")
    files = [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS)]
    pages = []
    for loc in files:
        assert loc.startswith(f"{ORIGIN}/"), loc
        pages.append(loc.removeprefix(ORIGIN))
    split = [loc for page in pages for loc in locs_in(get(client, page))]

    assert Counter(split) == Counter(single_file)
    assert len(set(split)) == len(split)
    # Each page in six languages: 8 fixed pages (48 URLs) in 16 files, 2 debates (12) in 4, 2 themes in 4, 1 topic
    # in 2, 4 participants (24) in 8; each file once.
    sizes = {"pages": 16, "debates": 4, "themes": 4, "topics": 2, "participants": 8}
    assert pages == [
        f"/sitemap-{section}.xml" + (f"?p={n}" if n > 1 else "")
        for section, files in sizes.items()
        for n in range(1, files + 1)
    ]
    get(client, "/sitemap-participants.xml?p=9", status=HTTPStatus.NOT_FOUND)
    get(client, "/sitemap-participants.xml?p=two", status=HTTPStatus.NOT_FOUND)


def test_the_sitemap_answers_conditional_requests_and_is_dated_by_the_archive(client, archive):
    response = get(client, "/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")

    again = client.get("/sitemap.xml", secure=True, headers={"host": HOST, "if-none-match": response["ETag"]})

    assert again.status_code == HTTPStatus.NOT_MODIFIED
    # Dated by the archive's last change (caching/middleware.py), which a withdrawal moves too; not by the
    # latest lastmod listed (LATE), which a withdrawal can move back in time.
    assert parse_http_date(response["Last-Modified"]) >= int(current_stamp().changed_at.timestamp())


def test_robots_txt_opens_the_archive_closes_private_and_bulk_parts_and_names_the_sitemap(client, archive):
    response = get(client, "/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    prefixes = ["", "ar/", "zh-hans/", "fr/", "ru/", "es/"]
    assert {line for line in lines if line.startswith("Disallow:")} == {
        "Disallow: /admin/",
        "Disallow: /language/",
        *(f"Disallow: /{prefix}alerts/" for prefix in prefixes),
        *(f"Disallow: /{prefix}interventions/export." for prefix in prefixes),
        *(f"Disallow: /{prefix}search/" for prefix in prefixes),
    }
    assert "Allow: /" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines


def add_published_debates(count):
    """``count`` published debates, each with a statement under a theme and a topic, a speaker, a participant named
    and one taking part, and a draft beside them."""
    theme, topic = term(Theme, f"theme-{count}"), term(Topic, f"topic-{count}")
    for n in range(count):
        debate = make_debate(slug=f"generated-{count}-{n}")
        statement = make_intervention(
            make_paragraph(debate), themes=[theme.slug], topics=[topic.slug], participant=make_participant()
        )
        statement.named_participants.add(make_participant())
        take_part(debate, make_participant())
    make_debate(slug=f"generated-draft-{count}", status=Debate.Status.DRAFT)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)


@pytest.mark.parametrize("limit", [sitemaps.URLS_PER_FILE, 2], ids=["one file", "index"])
def test_the_sitemap_runs_the_same_few_queries_at_ten_times_the_debates(client, archive, monkeypatch, limit):
    monkeypatch.setattr(sitemaps.ArchiveSitemap, "limit", limit)
    urls = ["/sitemap.xml", "/sitemap-debates.xml", "/sitemap-participants.xml", "/robots.txt"]
    add_published_debates(3)
    small = {url: count_queries(client, url) for url in urls}
    add_published_debates(30)
    large = {url: count_queries(client, url) for url in urls}

    assert large == small
    assert max(small.values()) <= MOST_QUERIES, small


def test_each_page_is_listed_in_every_language_naming_the_others_and_english_as_the_default(client, archive):
    tree = parse(get(client, "/sitemap.xml"), "urlset")
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    prefixes = {"ar": "/ar", "zh-hans": "/zh-hans", "en": "", "fr": "/fr", "ru": "/ru", "es": "/es"}
    expected = {
        **{code: f"{ORIGIN}{prefix}/debates/early-debate/" for code, prefix in prefixes.items()},
        "x-default": f"{ORIGIN}/debates/early-debate/",
    }

    listed_in = {}
    for url in tree.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        if loc.endswith("/debates/early-debate/"):
            listed_in[loc] = {link.get("hreflang"): link.get("href") for link in url.iter(xhtml)}

    assert set(listed_in) == {href for code, href in expected.items() if code != "x-default"}
    assert all(alternates == expected for alternates in listed_in.values()), listed_in
