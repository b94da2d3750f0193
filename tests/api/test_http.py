"""The API over HTTP: conditional GET on the archive's change stamp, the rate limit, CORS, and read-only methods."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.test import Client

from caching.middleware import CACHE_STATUS_HEADER
from caching.models import ArchiveStamp
from debates.models import Debate, Theme
from panels.models import Intervention
from tests.search.data import SLUG_2011, load_archive

API = "/api/v1"
ENDPOINTS = [
    "/",
    "/debates/",
    f"/debates/{SLUG_2011}/",
    f"/debates/{SLUG_2011}/p5/",
    f"/debates/{SLUG_2011}/p5/s4/",
    "/statements/?theme=freedom-from-fear&actor=panelist",
    "/themes/",
    "/themes/freedom-from-fear/",
    "/topics/",
    "/topics/responsibility-to-protect/",
    "/participants/",
    "/participants/japan/",
    "/documents/",
    "/documents/a-64-701/",
    "/search/?q=security",
]


@pytest.fixture
def archive(db):
    load_archive()


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_matching_etag_is_answered_304_until_the_archive_changes(client, archive, path):
    # The last change's second is over (caching/middleware.py: a date proves nothing within that second).
    ArchiveStamp.objects.update(changed_at=ArchiveStamp.objects.get().changed_at - timedelta(seconds=2))
    first = client.get(f"{API}{path}")
    assert first.status_code == HTTPStatus.OK
    etag, modified = first["ETag"], first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]

    again = client.get(f"{API}{path}", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(f"{API}{path}", HTTP_IF_MODIFIED_SINCE=modified).status_code == HTTPStatus.NOT_MODIFIED

    # An edit anywhere in the archive (a statement's text) moves the change stamp: the old ETag is stale.
    statement = Intervention.objects.filter(debate__status=Debate.Status.PUBLISHED).first()
    statement.text = statement.text + " "
    statement.save()
    changed = client.get(f"{API}{path}", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == HTTPStatus.OK
    assert changed["ETag"] != etag


def test_publishing_a_debate_changes_the_etag_and_the_answer(client, archive):
    debate = Debate.objects.get(slug=SLUG_2011)
    debate.status = Debate.Status.DRAFT
    debate.save()
    before = client.get(f"{API}/debates/")
    assert SLUG_2011 not in before.content.decode()

    debate.status = Debate.Status.PUBLISHED
    debate.save()
    after = client.get(f"{API}/debates/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == HTTPStatus.OK
    assert SLUG_2011 in after.content.decode()


def test_an_etag_is_given_only_with_a_200(client, archive):
    assert not client.get(f"{API}/debates/no-such-debate/").has_header("ETag")
    assert not client.get(f"{API}/statements/?extent=lots").has_header("ETag")


def test_past_the_rate_limit_the_answer_is_429_with_retry_after(client, archive, rate):
    rate("3/min")
    for _ in range(3):
        assert client.get(f"{API}/themes/").status_code == HTTPStatus.OK
    refused = client.get(f"{API}/themes/")
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Content-Type"] == "application/json"
    assert refused.json()["detail"]
    assert 0 < int(refused["Retry-After"]) <= 60
    # Every endpoint shares the limit; another address has its own.
    assert client.get(f"{API}/debates/").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert client.get(f"{API}/themes/", REMOTE_ADDR="192.0.2.7").status_code == HTTPStatus.OK


def test_the_rate_limit_counts_by_the_connection_s_address_not_a_forwarded_one(client, archive, rate):
    rate("2/min")
    for number in range(2):
        client.get(f"{API}/themes/", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    forged = client.get(f"{API}/themes/", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert forged.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_the_site_s_pages_are_not_rate_limited(client, archive, rate):
    rate("1/min")
    client.get(f"{API}/themes/")
    assert client.get(f"{API}/themes/").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert client.get("/themes/").status_code == HTTPStatus.OK


def test_any_origin_may_read_the_api_without_credentials(client, archive):
    response = client.get(f"{API}/themes/", HTTP_ORIGIN="https://research.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Retry-After" in response["Access-Control-Expose-Headers"]
    assert not response.has_header("Access-Control-Allow-Credentials")
    refused = client.get(f"{API}/themes/?colour=red", HTTP_ORIGIN="https://research.example.org")
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert refused["Access-Control-Allow-Origin"] == "*"  # a browser script can read why


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_preflight_allows_get_and_head_only(client, method):
    preflight = client.options(
        f"{API}/themes/",
        HTTP_ORIGIN="https://research.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    allowed = {value.strip() for value in preflight["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD"}
    assert method not in allowed
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]


def test_cors_is_for_the_api_only(client, archive):
    assert not client.get("/themes/", HTTP_ORIGIN="https://research.example.org").has_header(
        "Access-Control-Allow-Origin"
    )


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/themes/", f"/debates/{SLUG_2011}/", "/statements/"])
def test_the_api_refuses_to_write(client, archive, method, path):
    names = list(Theme.objects.values_list("name", flat=True))
    response = getattr(client, method)(f"{API}{path}", data={"name": "Changed"}, content_type="application/json")
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["detail"]
    assert list(Theme.objects.values_list("name", flat=True)) == names


def test_head_answers_as_get_does_without_a_body(client, archive):
    get = client.get(f"{API}/themes/")
    head = client.head(f"{API}/themes/")
    assert head.status_code == HTTPStatus.OK
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_the_api_answers_json_whatever_the_client_accepts(client, archive):
    response = client.get(f"{API}/themes/", HTTP_ACCEPT="text/html")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert client.get(f"{API}/themes/?format=json").status_code == HTTPStatus.OK


def test_an_address_without_its_slash_is_sent_to_it(client, archive):
    response = client.get(f"{API}/themes")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == f"{API}/themes/"


def test_with_the_page_cache_on_an_answer_is_served_from_it_until_the_archive_changes(client, archive, settings):
    settings.ARCHIVE_PAGE_CACHE = True
    path = f"{API}/statements/?theme=freedom-from-fear&page_size=2"
    first = client.get(path, HTTP_ORIGIN="https://research.example.org")
    again = client.get(path, HTTP_ORIGIN="https://research.example.org")
    assert first[CACHE_STATUS_HEADER] == "miss"
    assert again[CACHE_STATUS_HEADER] == "hit"
    assert again.content == first.content
    assert again["Access-Control-Allow-Origin"] == "*"  # CORS is added outside the cache, to each answer

    shown = first.json()["results"][0]
    statement = Intervention.objects.get(
        debate__slug=shown["debate"], paragraph__number=shown["paragraph"], order=shown["statement"]
    )
    statement.stance = "urged" if statement.stance != "urged" else "noted"
    statement.save()
    changed = client.get(path)
    assert changed[CACHE_STATUS_HEADER] == "miss"
    assert changed.json()["results"][0]["stance"] == statement.stance


def test_a_logged_in_editor_cannot_write_through_the_api_either(archive, admin_user):
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(admin_user)
    for method in ("post", "put", "delete"):
        response = getattr(editor, method)(f"{API}/themes/freedom-from-fear/", data={"name": "Changed"})
        assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED, method
    assert Theme.objects.get(slug="freedom-from-fear").name == "Freedom from fear"
