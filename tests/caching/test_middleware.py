"""Conditional GET and the per-page cache of public pages: 304s, invalidation, and what is never cached."""

from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.http import HttpResponse
from django.urls import include, path
from django.utils.http import http_date

from caching.middleware import CACHE_STATUS_HEADER
from caching.models import ArchiveStamp
from debates.models import Debate, Theme
from panels.models import Intervention, Paragraph
from tests.factories import build_debate


@pytest.fixture
def page_cache(settings):
    """The page cache as in production (the suite turns it off elsewhere), empty."""
    settings.ARCHIVE_PAGE_CACHE = True
    caches[settings.ARCHIVE_PAGE_CACHE_ALIAS].clear()
    yield caches[settings.ARCHIVE_PAGE_CACHE_ALIAS]
    caches[settings.ARCHIVE_PAGE_CACHE_ALIAS].clear()


def published_debate(title="A debate on prevention", status=Debate.Status.PUBLISHED):
    return build_debate(
        {
            "debate": {"title": title, "status": status},
            "introduction": [
                {
                    "text": "Panelists discussed prevention. One panelist suggested early warning.",
                    "statements": [{"text": "One panelist suggested early warning.", "themes": ["freedom-from-fear"]}],
                }
            ],
        }
    )


def stamp_moved_to(moment):
    """Set when the archive last changed (the triggers set it to the database's clock)."""
    ArchiveStamp.objects.update(changed_at=moment)


@pytest.mark.django_db
def test_conditional_get_answers_304_until_the_page_changes(client):
    debate = published_debate()
    url = debate.get_absolute_url()
    stamp_moved_to(ArchiveStamp.objects.get().changed_at - timedelta(seconds=2))  # its second is over

    first = client.get(url)
    assert first.status_code == HTTPStatus.OK
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]

    unchanged = client.get(url, headers={"if-none-match": etag})
    assert unchanged.status_code == HTTPStatus.NOT_MODIFIED
    assert unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == HTTPStatus.NOT_MODIFIED

    debate.title = "A debate on early warning"
    debate.save()

    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == HTTPStatus.OK
    assert b"A debate on early warning" in changed.content
    assert changed["ETag"] != etag


FAR_FUTURE = "Fri, 01 Jan 2100 00:00:00 GMT"
# Preconditions that a missing page would "pass" if they were evaluated before knowing it is missing.
PRECONDITIONS = [{"if-modified-since": FAR_FUTURE}, {"if-none-match": "*"}]


@pytest.mark.django_db
@pytest.mark.parametrize("headers", PRECONDITIONS)
@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/debates/no-such-debate/", HTTPStatus.NOT_FOUND),
        ("draft", HTTPStatus.NOT_FOUND),
        ("/debates/?year=abc", HTTPStatus.BAD_REQUEST),
        ("/interventions/?page=0", HTTPStatus.BAD_REQUEST),
        ("/search/?q=prevention&page=abc", HTTPStatus.BAD_REQUEST),
    ],
)
def test_preconditions_never_turn_an_error_into_304(client, page_cache, headers, address, status):
    """RFC 9110 §13.2.1: preconditions are evaluated only when the response would be 2xx."""
    published_debate()  # the archive has changed at least once: its pages have a date
    if address == "draft":
        address = published_debate(status=Debate.Status.DRAFT).get_absolute_url()
    assert client.get(address).status_code == status

    response = client.get(address, headers=headers)

    assert response.status_code == status
    assert response.content


@pytest.mark.django_db
@pytest.mark.parametrize("headers", PRECONDITIONS)
def test_the_same_preconditions_give_304_for_a_page_that_exists(client, page_cache, headers):
    url = published_debate().get_absolute_url()
    stamp_moved_to(ArchiveStamp.objects.get().changed_at - timedelta(seconds=2))

    assert client.get(url, headers=headers).status_code == HTTPStatus.NOT_MODIFIED
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    assert client.get(url, headers=headers).status_code == HTTPStatus.NOT_MODIFIED, "from the cache too"


@pytest.mark.django_db
@pytest.mark.parametrize("revalidation", ["last-modified", "date", "far-future"])
def test_a_withdrawn_page_is_never_revalidated_as_unchanged(client, page_cache, revalidation):
    """Published, fetched and withdrawn within one second: whatever date the client sends, the page is gone."""
    debate = published_debate()
    url = debate.get_absolute_url()
    fetched = client.get(url)
    assert fetched.status_code == HTTPStatus.OK

    Debate.objects.filter(pk=debate.pk).update(status=Debate.Status.WITHDRAWN)
    since = {"last-modified": fetched["Last-Modified"], "date": http_date(), "far-future": FAR_FUTURE}[revalidation]

    assert client.get(url, headers={"if-modified-since": since}).status_code == HTTPStatus.NOT_FOUND
    assert client.get(url, headers={"if-none-match": fetched["ETag"]}).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.django_db
def test_a_change_in_the_same_second_is_not_hidden_by_a_date(client, monkeypatch):
    """A copy fetched between two changes made in one second is not taken for current by its date."""
    second = datetime(2030, 5, 14, 10, 0, 0, tzinfo=UTC)
    debate = published_debate()
    url = debate.get_absolute_url()
    stamp_moved_to(second + timedelta(seconds=0.2))
    monkeypatch.setattr("caching.middleware.time", SimpleNamespace(time=lambda: second.timestamp() + 0.5))
    fetched = client.get(url)
    assert fetched.status_code == HTTPStatus.OK

    debate.title = "A debate on early warning"
    debate.save()
    stamp_moved_to(second + timedelta(seconds=0.7))
    revalidated = client.get(url, headers={"if-modified-since": fetched["Last-Modified"]})

    assert revalidated.status_code == HTTPStatus.OK
    assert b"A debate on early warning" in revalidated.content

    monkeypatch.setattr("caching.middleware.time", SimpleNamespace(time=lambda: second.timestamp() + 1.5))
    settled = client.get(url)  # that second is over: no change can come in it any more
    revalidated = client.get(url, headers={"if-modified-since": settled["Last-Modified"]})
    assert revalidated.status_code == HTTPStatus.NOT_MODIFIED


@pytest.mark.django_db
def test_etags_differ_between_pages(client):
    debate = published_debate()
    etag = client.get(debate.get_absolute_url())["ETag"]
    other = client.get("/debates/", headers={"if-none-match": etag})
    assert other.status_code == HTTPStatus.OK
    assert other["ETag"] != etag


@pytest.mark.django_db
def test_a_cached_page_is_served_with_one_query(client, page_cache, django_assert_num_queries):
    debate = published_debate()
    url = debate.get_absolute_url()
    first = client.get(url)
    assert first[CACHE_STATUS_HEADER] == "miss"
    with django_assert_num_queries(1):  # the change stamp, nothing else
        second = client.get(url)
    assert second[CACHE_STATUS_HEADER] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_an_edit_anywhere_in_the_archive_invalidates_cached_pages(client, page_cache):
    debate = published_debate()
    url = debate.get_absolute_url()
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"

    paragraph = Paragraph.objects.get(debate=debate)
    paragraph.text = "Panelists discussed prevention at length. One panelist suggested early warning."
    paragraph.save()
    after_save = client.get(url)
    assert after_save[CACHE_STATUS_HEADER] == "miss"
    assert b"prevention at length" in after_save.content

    Paragraph.objects.filter(pk=paragraph.pk).update(text_html=Concat(F("text_html"), Value("<p>Bulk edit.</p>")))
    after_update = client.get(url)
    assert after_update[CACHE_STATUS_HEADER] == "miss"
    assert b"Bulk edit." in after_update.content

    client.get(url)
    Intervention.objects.get(debate=debate).themes.add(Theme.objects.get(slug="freedom-to-live-in-dignity"))
    after_m2m = client.get(url)
    assert after_m2m[CACHE_STATUS_HEADER] == "miss"
    assert b"dignity" in after_m2m.content.lower()


@pytest.mark.django_db
def test_publishing_and_withdrawing_take_effect_at_once(client, page_cache):
    debate = published_debate(status=Debate.Status.DRAFT)
    url = debate.get_absolute_url()
    listing = client.get("/debates/")
    assert debate.title.encode() not in listing.content
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND

    debate.status = Debate.Status.PUBLISHED
    debate.save()
    assert debate.title.encode() in client.get("/debates/").content
    assert client.get(url).status_code == HTTPStatus.OK
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"

    Debate.objects.filter(pk=debate.pk).update(status=Debate.Status.WITHDRAWN)
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert debate.title.encode() not in client.get("/debates/").content


@pytest.mark.django_db
def test_a_draft_is_never_cached_or_served_from_the_cache(client, page_cache):
    draft = published_debate(title="A draft nobody may see", status=Debate.Status.DRAFT)
    for _ in range(2):
        response = client.get(draft.get_absolute_url())
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert CACHE_STATUS_HEADER not in response
        assert b"A draft nobody may see" not in client.get("/debates/").content


@pytest.mark.django_db
def test_logged_in_users_bypass_the_cache_both_ways(client, page_cache):
    debate = published_debate()
    url = debate.get_absolute_url()
    staff = get_user_model().objects.create_user("editor", password="a-long-test-password", is_staff=True)
    client.force_login(staff)
    as_staff = client.get(url)
    assert as_staff.status_code == HTTPStatus.OK
    assert CACHE_STATUS_HEADER not in as_staff and "ETag" not in as_staff

    client.logout()
    anonymous = client.get(url)
    assert anonymous[CACHE_STATUS_HEADER] == "miss", "the logged-in render was not stored"
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"

    client.force_login(staff)
    again = client.get(url)
    assert CACHE_STATUS_HEADER not in again, "the anonymous page is not served to someone logged in"


@pytest.mark.django_db
def test_only_public_namespaces_and_safe_methods_are_handled(client, page_cache):
    admin_login = client.get("/admin/login/")
    assert "ETag" not in admin_login and CACHE_STATUS_HEADER not in admin_login
    published_debate()
    head = client.head("/debates/")
    assert head.status_code == HTTPStatus.OK and "ETag" in head
    assert CACHE_STATUS_HEADER not in head, "HEAD is answered but never stored"


def sets_a_cookie(request):
    response = HttpResponse("<p>A page that sets a cookie.</p>")
    response.set_cookie("flavour", "oat")
    return response


def varies_by_language(request):
    response = HttpResponse(f"<p>{request.headers.get('Accept-Language', 'any')}</p>")
    response["Vary"] = "Accept-Language"
    return response


urlpatterns = [
    path("cookie/", include(([path("", sets_a_cookie)], "debates"))),
    path("vary/", include(([path("", varies_by_language)], "search"))),
]


@pytest.mark.django_db
def test_responses_that_set_cookies_are_not_stored(client, page_cache, settings):
    settings.ROOT_URLCONF = __name__
    for _ in range(2):
        response = client.get("/cookie/")
        assert response.cookies["flavour"].value == "oat"
        assert CACHE_STATUS_HEADER not in response


@pytest.mark.django_db
def test_responses_that_vary_are_not_stored(client, page_cache, settings):
    """Pages are kept under their address alone, so a response that varies by a header must not be kept."""
    settings.ROOT_URLCONF = __name__
    assert client.get("/vary/", headers={"Accept-Language": "fr"}).content == b"<p>fr</p>"
    response = client.get("/vary/", headers={"Accept-Language": "es"})
    assert response.content == b"<p>es</p>"
    assert CACHE_STATUS_HEADER not in response


@pytest.mark.django_db(transaction=True)
def test_the_stamp_read_replaces_a_connection_the_server_dropped(settings):
    """The stamp read is the connection's health check: a dropped connection costs no failed request."""
    from django.db import connection

    from caching.stamp import current_stamp

    if connection.vendor != "postgresql":
        pytest.skip("needs a PostgreSQL server whose backends can be ended")
    expected = current_stamp()
    dropped = connection.connection.info.backend_pid
    other = connection.copy()
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [dropped])
    other.close()
    connection.health_check_done = False  # as at the start of the next request

    assert current_stamp() == expected
    assert connection.connection.info.backend_pid != dropped
