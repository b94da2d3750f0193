"""After a change no request waits for the facet index to be rebuilt, and a withdrawn debate is gone at once.

With ``ARCHIVE_FACET_INDEX_REFRESH = "background"`` (public/facet_index.py) the request that first sees a
change is served the index it had, narrowed to the debates published now, while a background thread
rebuilds it. These tests hold that rebuild (:class:`HeldRebuilds`) to look at what is served meanwhile.
A background thread sees only committed data: the tests that start one commit theirs (``transaction=True``),
and create again the vocabulary the migrations create, which an earlier such test may have flushed (as
tests/browser/quality_pages.py does: a serialized rollback clashes with the content types an earlier flush
created again).
"""

import json
import logging
import threading
import time
from http import HTTPStatus
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from caching.stamp import current_stamp
from debates.models import Debate
from debates.services import debate_publish, debate_withdraw
from panels.models import Intervention
from public import facet_index as module
from public.facet_index import FacetIndex, facet_index
from public.registry import FACETS
from tests.public.test_facet_index import name_a_state_in_statements
from tests.search.data import SLUG_2008, SLUG_2010, SLUG_2011, add_generated_debates, load_archive

background_db = pytest.mark.django_db(transaction=True)
HELD_SECONDS = 20  # a held build goes on by itself after this long, so that a test never hangs
PROMPT_SECONDS = 2  # a request answered within this is not waiting for a rebuild

# Every public page and API answer that counts or lists statements from the index.
PAGES = [
    "/",
    "/interventions/",
    "/interventions/?page=2",
    "/interventions/?theme=freedom-from-fear",
    "/interventions/?year_from=2009&year_to=2010",
    "/interventions/?q=security",
    "/interventions/?actor=panelist&extent=some",
    "/interventions/?participant=named-state",
    "/themes/",
    "/themes/freedom-from-fear/",
    "/topics/",
    "/topics/state-sovereignty/",
    "/participants/",
    "/participants/named-state/",
    "/codebook/",
    "/codebook.json",
    "/api/v1/statements/?page_size=100&facets=theme,debate,topic,section,actor,extent,stance,scope,participant",
    "/api/v1/statements/?theme=freedom-from-want&page_size=5",
    "/api/v1/themes/",
    "/api/v1/topics/state-sovereignty/",
    "/api/v1/participants/named-state/",
]


class HeldRebuilds:
    """Every build of the facet index after the first waits until :meth:`release` (or :data:`HELD_SECONDS`)."""

    def __init__(self, monkeypatch, *, failures=0):
        self.builds = 0
        self.failures = failures  # this many held builds raise instead, once released
        self.released = threading.Event()
        self.holding = threading.Event()
        build = FacetIndex.build.__func__

        def held_build(cls, token, facets):
            self.builds += 1
            if self.builds > 1:
                self.holding.set()
                self.released.wait(HELD_SECONDS)
                if self.failures:
                    self.failures -= 1
                    raise RuntimeError("The database went away.")
            return build(cls, token, facets)

        monkeypatch.setattr(FacetIndex, "build", classmethod(held_build))

    def release(self):
        self.released.set()


@pytest.fixture
def background(settings):
    """The background rebuild, as in production; whatever a test leaves running is let go and waited for."""
    settings.ARCHIVE_FACET_INDEX_REFRESH = "background"
    settings.ARCHIVE_FACET_INDEX_QUIET_SECONDS = 0  # a rebuild starts with the first request after a change
    holds = []
    yield holds
    for held in holds:
        held.release()
    assert module.wait_for_rebuild(timeout=60)


@pytest.fixture
def reviewer():
    """Someone who may publish and withdraw (a superuser: the roles the migrations create may have been flushed)."""
    return get_user_model().objects.create_superuser("reviewer", "reviewer@example.org", None)


@pytest.fixture
def held(background, monkeypatch):
    found = HeldRebuilds(monkeypatch)
    background.append(found)
    return found


@pytest.fixture
def archive():
    import_module("debates.migrations.0002_vocabulary").create_vocabulary(apps, None)
    load_archive()
    add_generated_debates(4, paragraphs=4)
    name_a_state_in_statements()


def rebuilding():
    return [thread for thread in threading.enumerate() if thread.name == "facet-index-rebuild"]


def timed(call):
    started = time.perf_counter()
    found = call()
    return found, time.perf_counter() - started


def explorer(client, query=""):
    response = client.get(f"/interventions/?{query}")
    assert response.status_code == HTTPStatus.OK
    return response.context["page_obj"].paginator


def published_in_reading_order():
    return list(Intervention.objects.published().in_reading_order().values_list("pk", flat=True))


def pages(client):
    """Each page of :data:`PAGES` as served now: its status and body (the API's cursors, signed with the time
    they were given, left out)."""
    found = {}
    for url in PAGES:
        response = client.get(url)
        body = response.content
        if url.startswith("/api/") and response.status_code == HTTPStatus.OK:
            answer = response.json()
            for link in ("next", "previous"):
                answer.pop(link, None)
            body = json.dumps(answer).encode()
        found[url] = (response.status_code, body)
    return found


@background_db
def test_after_a_change_a_request_is_answered_at_once_while_the_index_is_rebuilt(archive, held, caplog):
    caplog.set_level(logging.INFO, logger="public.facet_index")
    first = facet_index()
    stale = current_stamp()
    statement = Intervention.objects.published().exclude(topics__slug="state-sovereignty").first()
    statement.topics.add(*statement.topics.model.objects.filter(slug="state-sovereignty"))

    served, seconds = timed(facet_index)
    assert seconds < PROMPT_SECONDS, f"the request waited {seconds:.1f} s for the rebuild"
    assert held.holding.wait(5), "no rebuild started"
    assert served is not first and not served.complete
    assert served.size == first.size and list(served.ids) == list(first.ids)  # no debate withdrawn: the same
    assert facet_index() is served  # narrowed once, then served as it is
    assert facet_index(stale) is served  # a request that read the stamp before the change: not narrowed again

    # More changes while it is rebuilt: still no wait, and never a second rebuild at once.
    Intervention.objects.filter(pk=statement.pk).update(text=f"{statement.text} Zanzibar")
    _, seconds = timed(facet_index)
    assert seconds < PROMPT_SECONDS
    assert len(rebuilding()) == 1

    held.release()
    assert module.wait_for_rebuild(timeout=60)
    # The held rebuild began before the later change: the next request narrows for it and starts another.
    assert not facet_index().complete
    assert module.wait_for_rebuild(timeout=60)
    rebuilt = facet_index()
    assert rebuilt.complete and held.builds == 3  # the first, the held one, and one for the later change
    topic = statement.topics.model.objects.get(slug="state-sovereignty")
    expected = Intervention.objects.published().filter(topics=topic).count()
    assert rebuilt.value("topic", topic.pk).bit_count() == expected
    assert module.last_rebuild_seconds is not None
    assert f"Rebuilt the facet index of {rebuilt.size} statements in" in caplog.text


@background_db
def test_a_withdrawn_debate_leaves_every_count_and_page_at_once_while_the_index_is_rebuilt(
    archive, held, client, reviewer
):
    before = pages(client)
    withdrawn = Debate.objects.get(slug=SLUG_2010)
    its_statements = set(withdrawn.interventions.values_list("pk", flat=True))
    debate_withdraw(debate=withdrawn, user=reviewer, note="Withdrawn while the index is rebuilt.")

    paginator, seconds = timed(lambda: explorer(client))
    assert seconds < PROMPT_SECONDS
    assert held.holding.wait(5) and not held.released.is_set()
    expected = published_in_reading_order()
    assert paginator.count == len(expected)
    assert [item.pk for item in paginator.object_list[0 : paginator.count]] == expected
    assert not its_statements & {item.pk for item in paginator.object_list[0 : paginator.count]}
    assert explorer(client, "year_from=2010&year_to=2010").count == 0
    assert explorer(client, f"debate={SLUG_2011}").count == Intervention.objects.filter(debate__slug=SLUG_2011).count()
    assert client.get(f"/interventions/?debate={SLUG_2010}").status_code == HTTPStatus.BAD_REQUEST

    theme = client.get("/themes/").context
    assert theme["total"] == len(expected)
    for term in theme["terms"]:
        statements = Intervention.objects.published().filter(themes=term)
        assert term.intervention_count == statements.count(), term.slug
        assert term.debate_count == statements.values("debate").distinct().count(), term.slug
    assert client.get("/codebook.json").json()["statements"] == len(expected)
    api = client.get("/api/v1/statements/", {"page_size": 100, "facets": "debate"}).json()
    assert api["count"] == len(expected)
    assert SLUG_2010 not in {result["debate"] for result in api["results"]}
    assert SLUG_2010 not in {option["value"] for option in api["facets"]["debate"]}

    # Every page is what it is once the index is rebuilt without the debate: nothing of it shows meanwhile.
    narrowed = pages(client)
    assert any(narrowed[url] != before[url] for url in PAGES)
    for url, (status, body) in narrowed.items():
        assert status == HTTPStatus.OK, url
        assert SLUG_2010.encode() not in body, url
    held.release()
    assert module.wait_for_rebuild(timeout=60)
    assert facet_index().complete
    rebuilt = pages(client)
    for url in PAGES:
        assert narrowed[url] == rebuilt[url], url


@background_db
def test_a_newly_published_debate_counts_once_the_rebuild_is_done_and_not_before(archive, held, client, reviewer):
    debate = Debate.objects.get(slug=SLUG_2008)
    debate_withdraw(debate=debate, user=reviewer)
    total = explorer(client).count  # the first index: built within the request

    debate_publish(debate=debate, user=reviewer)
    assert explorer(client).count == total
    assert explorer(client, f"debate={SLUG_2008}").count == 0
    assert held.holding.wait(5)
    assert explorer(client).count == total  # still not while the rebuild is held

    held.release()
    assert module.wait_for_rebuild(timeout=60)
    assert explorer(client).count == total + debate.interventions.count() == Intervention.objects.published().count()
    assert explorer(client, f"debate={SLUG_2008}").count == debate.interventions.count()


@background_db
def test_a_rebuild_that_fails_is_logged_and_tried_again_by_a_later_request(
    archive, background, monkeypatch, client, reviewer, caplog
):
    held = HeldRebuilds(monkeypatch, failures=1)
    background.append(held)
    held.release()  # nothing is held: the second build fails at once
    total = explorer(client).count
    withdrawn = Debate.objects.get(slug=SLUG_2011)
    debate_withdraw(debate=withdrawn, user=reviewer)

    expected = total - withdrawn.interventions.count()
    assert explorer(client).count == expected  # narrowed; its rebuild fails
    assert module.wait_for_rebuild(timeout=60)
    assert "The facet index could not be rebuilt" in caplog.text
    assert held.builds == 2 and not facet_index().complete

    monkeypatch.setattr(module, "REBUILD_RETRY_SECONDS", 3600)
    assert explorer(client).count == expected  # served as before; too soon to try again
    assert module.wait_for_rebuild(timeout=60) and held.builds == 2

    monkeypatch.setattr(module, "REBUILD_RETRY_SECONDS", 0)
    assert explorer(client).count == expected  # served as before, and a new rebuild started
    assert module.wait_for_rebuild(timeout=60)
    assert held.builds == 3
    assert facet_index().complete and explorer(client).count == expected


def same_index(narrowed, built):
    """Whether ``narrowed`` holds what ``built`` (an index built afresh) holds, structure by structure."""
    assert narrowed.size == built.size and list(narrowed.ids) == list(built.ids)
    for name in {*narrowed.values, *built.values}:
        keys = {*narrowed.values.get(name, {}), *built.values.get(name, {})}
        assert {key: narrowed.value(name, key) for key in keys} == {key: built.value(name, key) for key in keys}, name
    assert narrowed.debates == built.debates and narrowed.debate_ranges == built.debate_ranges
    assert narrowed.labels_of_debates == built.labels_of_debates
    for first in (None, 1999, 2000, 2003, 2008, 2009, 2010, 2011, 2012):
        for last in (None, 2000, 2002, 2008, 2010, 2011):
            assert narrowed.year_range(first, last) == built.year_range(first, last), (first, last)
    for name, lists in built.positions.items():
        kept = {key: list(at) for key, at in narrowed.positions[name].items() if at}
        assert kept == {key: list(at) for key, at in lists.items() if at}, name
    known = max(len(narrowed.position_of), len(built.position_of))
    for pk in range(known):
        here = narrowed.position_of[pk] if pk < len(narrowed.position_of) else -1
        there = built.position_of[pk] if pk < len(built.position_of) else -1
        assert here == there, pk
    return True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "withdrawn",
    [
        [],
        ["generated-debate-0"],  # the first in reading order
        [SLUG_2010],
        [SLUG_2011],  # the last
        ["generated-debate-1", "generated-debate-2"],  # next to each other
        ["generated-debate-0", SLUG_2008, SLUG_2011],
        ["generated-debate-0", "generated-debate-1", "generated-debate-2", "generated-debate-3", SLUG_2008, SLUG_2010],
    ],
)
def test_a_narrowed_index_is_the_index_built_without_the_debates_taken_out(archive, withdrawn):
    earlier = FacetIndex.build("earlier", FACETS)
    Debate.objects.filter(slug__in=withdrawn[:-1]).update(status=Debate.Status.WITHDRAWN)
    Debate.objects.filter(slug__in=withdrawn[-1:]).delete()  # a debate deleted is taken out as well
    published = set(Debate.objects.published().values_list("pk", flat=True))
    narrowed = earlier.narrowed("now", published)
    assert same_index(narrowed, FacetIndex.build("now", FACETS))
    assert same_index(narrowed.narrowed("later", published), narrowed)  # narrowing again changes nothing
    assert narrowed.token == "now" and not narrowed.complete


@pytest.mark.django_db
def test_the_other_tests_rebuild_the_index_within_the_request(settings):
    assert settings.ARCHIVE_FACET_INDEX_REFRESH == "inline"  # tests/conftest.py
    load_archive()
    facet_index()
    Debate.objects.filter(slug=SLUG_2011).update(status=Debate.Status.WITHDRAWN)
    index = facet_index()
    assert index.complete and not rebuilding()
    assert index.size == Intervention.objects.published().count()


@background_db
def test_while_the_archive_keeps_changing_no_rebuild_starts_until_it_is_quiet(archive, held, settings, monkeypatch):
    """An editor's run of changes starts one rebuild once it is over, not one per change (bench/RESULTS.md: the
    explorer's p99 under a change every 3 s); a withdrawal is still served at once."""
    settings.ARCHIVE_FACET_INDEX_QUIET_SECONDS = 3600
    clock = [1000.0]
    monkeypatch.setattr(module, "_now", lambda: clock[0])
    first = facet_index()
    debate = Debate.objects.published().first()
    for status in (Debate.Status.WITHDRAWN, Debate.Status.PUBLISHED, Debate.Status.WITHDRAWN):
        Debate.objects.filter(pk=debate.pk).update(status=status)
        clock[0] += 3
        served = facet_index()
        assert not rebuilding(), "a rebuild started while the archive kept changing"
    assert served.size == first.size - Intervention.objects.filter(debate=debate).count()  # withdrawn at once
    clock[0] += 3600
    facet_index()
    assert held.holding.wait(5), "no rebuild once the archive was quiet"
    held.release()
    assert module.wait_for_rebuild(timeout=60)
    assert facet_index().complete


@background_db
def test_however_often_the_archive_changes_a_rebuild_starts_within_a_minute(archive, held, settings, monkeypatch):
    settings.ARCHIVE_FACET_INDEX_QUIET_SECONDS = 3600
    clock = [1000.0]
    monkeypatch.setattr(module, "_now", lambda: clock[0])
    facet_index()
    debate = Debate.objects.published().first()
    status, first_seen = Debate.Status.WITHDRAWN, None
    while first_seen is None or clock[0] + 3 < first_seen + module.REBUILD_AT_THE_LATEST_SECONDS:
        Debate.objects.filter(pk=debate.pk).update(status=status)
        status = Debate.Status.PUBLISHED if status == Debate.Status.WITHDRAWN else Debate.Status.WITHDRAWN
        clock[0] += 3
        facet_index()
        first_seen = first_seen or clock[0]  # when a request first saw the archive change
        assert not rebuilding()
    clock[0] += 3
    Debate.objects.filter(pk=debate.pk).update(status=status)
    facet_index()
    assert held.holding.wait(5), "no rebuild a minute after the first change"


@background_db
def test_a_page_read_while_the_index_lags_is_neither_cached_nor_validated(archive, held, client, reviewer, settings):
    """A page read from the narrowed index lacks the debates published since: cached under the stamp, or
    validated by an ETag naming it, it would stay without them after the rebuild, until the next change."""
    settings.ARCHIVE_PAGE_CACHE = True
    debate = Debate.objects.get(slug=SLUG_2008)
    debate_withdraw(debate=debate, user=reviewer)
    total = explorer(client).count

    debate_publish(debate=debate, user=reviewer)
    lagging = client.get("/interventions/")
    assert lagging.context["page_obj"].paginator.count == total
    assert "ETag" not in lagging and "Last-Modified" not in lagging
    assert "no-store" in lagging["Cache-Control"]
    assert held.holding.wait(5)
    assert client.get("/interventions/").get("X-Archive-Cache") != "hit"

    held.release()
    assert module.wait_for_rebuild(timeout=60)
    rebuilt = client.get("/interventions/")
    assert rebuilt.context["page_obj"].paginator.count == total + debate.interventions.count()
    assert rebuilt["ETag"] and "no-store" not in rebuilt["Cache-Control"]
    assert client.get("/interventions/", headers={"if-none-match": rebuilt["ETag"]}).status_code == 304
    assert client.get("/interventions/")["X-Archive-Cache"] == "hit"
