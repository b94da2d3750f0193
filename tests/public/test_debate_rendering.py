"""The debate page is rendered once, kept in the cache, and served as kept until anything on it changes
(public.rendering)."""

import re
import runpy
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix

from caching.release import release
from caching.stamp import current_stamp
from config import settings as settings_module
from debates import services
from debates.backup import backup_models
from debates.markdown import render_markdown
from debates.models import Debate, DebateDocument, Participant, TextOrigin, Theme, TitleOrigin
from panels.attribution import ActorKind, Extent, Scope, Stance
from panels.models import Intervention, Paragraph
from public.rendering import (
    RENDERINGS,
    debate_page_cache_key,
    debate_page_html,
    debate_page_render,
    place_statements,
    rendering_key,
    stored_debate_page,
)
from public.templatetags.archive import codebook_url, explorer_url
from tests.admin_helpers import make_editor, make_reviewer
from tests.factories import (
    build_debate,
    make_document,
    make_intervention,
    make_paragraph,
    make_participant,
)

pytestmark = pytest.mark.django_db

MARKER = "<p>This sentence is only in the stored copy.</p>"


def published_debate(status=Debate.Status.PUBLISHED):
    return build_debate(
        {
            "debate": {"title": "A debate on early warning", "status": status},
            "introduction": [
                {
                    "text": "Panelists discussed prevention. One panelist suggested early warning.",
                    "statements": [
                        {
                            "text": "One panelist suggested early warning systems.",
                            "themes": ["freedom-from-fear"],
                        }
                    ],
                }
            ],
            "panels": [
                {
                    "title": "Prevention in practice",
                    "paragraphs": [
                        {
                            "text": "Participants stressed regional arrangements.",
                            "statements": [{"text": "Some participants stressed regional arrangements."}],
                        }
                    ],
                }
            ],
        }
    )


@pytest.fixture(autouse=True)
def kept_pages(monkeypatch):
    """Every page kept in the cache alias during the test, ``{cache key: page}``; the alias starts and ends empty."""
    cache = caches[RENDERINGS]
    cache.clear()
    kept = {}
    keep = cache.set

    def recording_set(key, value, *args, **kwargs):
        kept[key] = value
        keep(key, value, *args, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    yield kept
    cache.clear()


def current_page(debate):
    """The page of ``debate`` kept for http://testserver under the archive's state now, or None."""
    key = rendering_key(RequestFactory().get(debate.get_absolute_url()), current_stamp())
    return stored_debate_page(debate.slug, key)


def mark_the_stored_copy(kept_pages):
    """Change the kept pages behind the view's back: the marker shows whenever a kept copy is served."""
    for key in list(kept_pages):
        page = caches[RENDERINGS].get(key)
        caches[RENDERINGS].set(key, page.replace(b"</main>", f"{MARKER}</main>".encode()))


@pytest.fixture
def debate(client):
    """A published debate whose page has been viewed once (so it is stored)."""
    debate = published_debate()
    assert client.get(debate.get_absolute_url()).status_code == HTTPStatus.OK
    return debate


def test_the_first_view_stores_the_page_and_later_views_serve_it_without_rendering(client, kept_pages):
    debate = published_debate()
    url = debate.get_absolute_url()
    assert not kept_pages
    stamp = current_stamp()

    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(url)
    assert first.status_code == HTTPStatus.OK
    assert "includes/_paragraph.html" in [template.name for template in first.templates]
    assert list(kept_pages.values()) == [first.content] == [current_page(debate)]
    assert current_stamp() == stamp, "storing the page must not move the archive's change stamp"

    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(url)
    assert second.status_code == HTTPStatus.OK
    assert second.templates == []
    assert len(second_queries) == 1  # the change stamp; the page comes from the cache
    assert len(first_queries) > len(second_queries)
    assert second.content == first.content

    mark_the_stored_copy(kept_pages)
    assert MARKER in client.get(url).content.decode()


def test_the_stored_page_is_the_page_rendered_afresh(client, debate):
    url = debate.get_absolute_url()
    stored = client.get(url)
    assert stored.templates == []
    caches[RENDERINGS].clear()
    fresh = client.get(url)
    assert "includes/_debate_reading.html" in [template.name for template in fresh.templates]
    assert fresh.content == stored.content
    assert b"One panelist suggested early warning systems." in fresh.content
    assert b"<title>A debate on early warning (2011)" in fresh.content
    assert b'<a class="label label-theme" href="/interventions/?theme=freedom-from-fear">' in fresh.content
    assert b"http://testserver/debates/" in fresh.content  # absolute permalinks in the citations
    assert client.head(url).status_code == HTTPStatus.OK


def test_editing_a_statement_shows_at_once(client, debate, kept_pages):
    mark_the_stored_copy(kept_pages)
    statement = Intervention.objects.get(debate=debate, text__startswith="One panelist")
    statement.text = "One panelist proposed a regional early warning centre."
    statement.save()
    content = client.get(debate.get_absolute_url()).content.decode()
    assert "One panelist proposed a regional early warning centre." in content
    assert "early warning systems" not in content
    assert MARKER not in content


def test_a_bulk_update_of_a_paragraph_shows_at_once(client, debate, kept_pages):
    """``QuerySet.update()`` sends no signal and calls no ``save()``: the database trigger still sees it."""
    mark_the_stored_copy(kept_pages)
    Paragraph.objects.filter(debate=debate, number=2).update(text_html="<p>Participants stressed subregions.</p>")
    content = client.get(debate.get_absolute_url()).content.decode()
    assert "<p>Participants stressed subregions.</p>" in content
    assert "<p>Participants stressed regional arrangements.</p>" not in content
    assert MARKER not in content


def test_renaming_a_theme_shows_at_once(client, debate, kept_pages):
    mark_the_stored_copy(kept_pages)
    Theme.objects.filter(slug="freedom-from-fear").update(name="Freedom from fear and violence")
    content = client.get(debate.get_absolute_url()).content.decode()
    assert "Freedom from fear and violence" in content
    assert MARKER not in content


def test_withdrawing_removes_the_page_at_once_and_publishing_again_renders_it_afresh(client, debate, kept_pages):
    reviewer = make_reviewer(username="reviewer")
    url = debate.get_absolute_url()
    mark_the_stored_copy(kept_pages)

    services.debate_withdraw(debate=debate, user=reviewer)
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND

    services.debate_publish(debate=debate, user=reviewer)
    republished = client.get(url)
    assert republished.status_code == HTTPStatus.OK
    assert MARKER not in republished.content.decode()
    assert b"One panelist suggested early warning systems." in republished.content


def test_a_drafts_page_is_never_rendered_stored_or_shown(client, admin_client, kept_pages):
    draft = published_debate(status=Debate.Status.DRAFT)
    url = draft.get_absolute_url()
    for visitor in (client, admin_client):  # no preview for staff either: the admin is where drafts are read
        response = visitor.get(url)
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert b"early warning systems" not in response.content
    assert not kept_pages

    reviewer = make_reviewer(username="reviewer")
    services.debate_submit_for_review(debate=draft, user=make_editor(username="editor"))
    services.debate_publish(debate=draft, user=reviewer)
    assert b"early warning systems" in client.get(url).content
    assert current_page(draft) is not None


def test_the_staff_preview_renders_afresh_and_stores_nothing(admin_client, debate, kept_pages):
    kept_before = dict(kept_pages)  # the published debate's page, from its first view
    draft = published_debate(status=Debate.Status.DRAFT)
    preview = admin_client.get(reverse("admin:debates_debate_preview", args=[draft.pk]))
    assert preview.status_code == HTTPStatus.OK
    assert b"early warning systems" in preview.content
    assert kept_pages == kept_before
    with pytest.raises(ValueError):
        debate_page_render(RequestFactory().get("/"), draft, "any key")
    assert kept_pages == kept_before

    mark_the_stored_copy(kept_pages)
    preview = admin_client.get(reverse("admin:debates_debate_preview", args=[debate.pk]))
    assert b"early warning systems" in preview.content
    assert MARKER not in preview.content.decode()


def test_a_debate_reopened_as_a_draft_is_not_served_from_its_stored_page(client, debate, kept_pages):
    reviewer = make_reviewer(username="reviewer")
    published_page = current_page(debate)
    services.debate_withdraw(debate=debate, user=reviewer)
    services.debate_reopen(debate=debate, user=reviewer)
    # The page kept while it was published is still in the cache, under the stamp of that state: no request
    # reading the stamp since asks for it, so it is never served again, and nothing is kept for the draft.
    assert b"early warning systems" in published_page and published_page in kept_pages.values()
    response = client.get(debate.get_absolute_url())
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"early warning systems" not in response.content
    assert current_page(debate) is None
    assert list(kept_pages.values()) == [published_page]


def test_the_page_is_stored_for_the_address_it_was_asked_on(client, debate, settings, kept_pages):
    settings.ALLOWED_HOSTS = ["testserver", "archive.example.org"]
    url = debate.get_absolute_url()
    mark_the_stored_copy(kept_pages)

    other_host = client.get(url, headers={"host": "archive.example.org"}).content.decode()
    assert f"http://archive.example.org{url}" in other_host  # absolute permalinks in the citations
    assert "http://testserver" not in other_host
    assert MARKER not in other_host

    mark_the_stored_copy(kept_pages)
    other_scheme = client.get(url, headers={"host": "archive.example.org"}, secure=True).content.decode()
    assert f"https://archive.example.org{url}" in other_scheme
    assert "http://archive.example.org" not in other_scheme
    assert MARKER not in other_scheme


def test_a_new_release_renders_the_page_afresh(client, debate, settings, kept_pages):
    mark_the_stored_copy(kept_pages)
    settings.ARCHIVE_RELEASE = "a-later-release"
    release.cache_clear()
    try:
        assert MARKER not in client.get(debate.get_absolute_url()).content.decode()
    finally:
        release.cache_clear()


def test_backups_leave_stored_pages_out(debate, kept_pages):
    assert kept_pages
    assert "debates.debaterendering" not in backup_models()
    assert "debates.debate" in backup_models()
    assert not [table for table in connection.introspection.table_names() if "rendering" in table]


def test_a_page_kept_under_an_earlier_stamp_is_never_served_after_a_write(client, debate, kept_pages):
    url = debate.get_absolute_url()
    earlier_key = rendering_key(RequestFactory().get(url), current_stamp())
    mark_the_stored_copy(kept_pages)
    make_participant(name="Somebody not in this debate")  # a write that changes nothing on the page
    assert MARKER in stored_debate_page(debate.slug, earlier_key).decode(), "still kept, never asked for again"
    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert "includes/_debate_reading.html" in [template.name for template in page.templates]
    assert MARKER not in page.content.decode()
    assert current_page(debate) == page.content
    assert len(kept_pages) == 2


def test_kept_pages_are_bounded(settings):
    """In each process's memory (no DJANGO_CACHE_URL), at most MAX_ENTRIES pages; in Redis, for a day at most."""
    options = settings.CACHES[RENDERINGS]
    limit = options["OPTIONS"]["MAX_ENTRIES"]
    assert options["BACKEND"].endswith("LocMemCache") and options["TIMEOUT"] == 24 * 60 * 60
    other_stores = [c.get("LOCATION", "") for alias, c in settings.CACHES.items() if alias != RENDERINGS]
    assert options["LOCATION"] not in other_stores, "its own store: the page cache's entries do not count"
    cache = caches[RENDERINGS]
    keys = [debate_page_cache_key(f"debate-{i}", "a key") for i in range(limit + 50)]
    for key in keys:
        cache.set(key, b"<html>" * 1000)
    assert sum(cache.has_key(key) for key in keys) <= limit
    assert cache.has_key(keys[-1])


def test_with_a_shared_cache_kept_pages_go_to_redis_and_expire(monkeypatch):
    monkeypatch.setenv("DJANGO_CACHE_URL", "redis://cache.internal:6379/0")
    shared = runpy.run_path(str(Path(settings_module.__file__)))["CACHES"][RENDERINGS]
    assert shared["BACKEND"].endswith("RedisCache") and shared["LOCATION"] == "redis://cache.internal:6379/0"
    assert shared["KEY_PREFIX"] == RENDERINGS and shared["TIMEOUT"] == 24 * 60 * 60


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "/interventions/"),
        ({"theme": "freedom-from-fear"}, "/interventions/?theme=freedom-from-fear"),
        ({"actor": "panelist", "extent": "", "stance": None}, "/interventions/?actor=panelist"),
        (
            {"theme": ["freedom-from-fear", "freedom-from-want"]},
            "/interventions/?theme=freedom-from-fear&theme=freedom-from-want",
        ),
        ({"q": "early warning & response"}, "/interventions/?q=early+warning+%26+response"),
    ],
)
def test_explorer_links(params, expected):
    assert explorer_url(**params) == expected
    assert explorer_url(**params) == expected  # the second time from memory, the same


def test_explorer_links_follow_the_script_prefix():
    assert explorer_url(topic="use-of-force") == "/interventions/?topic=use-of-force"
    set_script_prefix("/archive/")
    try:
        assert explorer_url(topic="use-of-force") == "/archive/interventions/?topic=use-of-force"
    finally:
        set_script_prefix("/")
    assert explorer_url(topic="use-of-force") == "/interventions/?topic=use-of-force"


# Statements marked where they stand in their paragraphs, in plain words; whose words each paragraph is.


class Said:
    """A statement as place_statements reads it: its Markdown and its rendered HTML."""

    def __init__(self, text):
        self.text = text
        self.text_html = render_markdown(text)

    def __repr__(self):
        return f"Said({self.text!r})"


def marked(markdown_text, *statements):
    """The paragraph's HTML with each placed statement's words in [[…]], and the statements left apart."""
    pieces, apart = place_statements(render_markdown(markdown_text), statements)
    return "".join(f"[[{p.html}]]" if p.statement else p.html for p in pieces), apart


def test_a_statement_is_found_in_its_paragraphs_html_whatever_the_markup_and_spacing():
    first, second = Said("One panelist suggested\nearly warning."), Said("Others spoke of *R&D* and “dignity”.")
    text = "Intro. One panelist suggested early   warning. Others spoke of *R&D* and “dignity”. End."
    html, apart = marked(text, first, second)
    assert html == (
        "<p>Intro. [[One panelist suggested early   warning.]] "
        "[[Others spoke of <em>R&amp;D</em> and “dignity”.]] End.</p>"
    )
    assert apart == []


def test_a_statement_starting_or_ending_inside_inline_markup_takes_the_markup_in():
    statement = Said("stressed regional arrangements")
    html, apart = marked("Participants *stressed regional* arrangements, then left.", statement)
    assert html == "<p>Participants [[<em>stressed regional</em> arrangements]], then left.</p>"
    html, apart = marked("Participants stressed **regional arrangements**, then left.", statement)
    assert html == "<p>Participants [[stressed <strong>regional arrangements</strong>]], then left.</p>"
    assert apart == []


def test_statements_that_cannot_be_marked_are_left_apart():
    across = Said("First item. Second item")  # from one list item into the next
    missing = Said("Words the paragraph does not hold.")
    whole = Said("two of the list")
    covered = Said("item two")  # overlaps a statement already marked
    in_link = Said("linked words")  # a link may not hold the statement's labels, which are links
    text = "- First item.\n- Second item two of the list\n\nSee [the linked words](https://example.org/)."
    html, apart = marked(text, across, missing, whole, covered, in_link)
    assert apart == [across, missing, covered, in_link]
    assert html.count("[[") == 1
    assert "<li>Second item [[two of the list]]</li>" in html


def test_the_same_words_twice_are_each_marked_once_in_reading_order():
    first, second = Said("It was stressed."), Said("It was stressed.")
    html, apart = marked("It was stressed. Then more. It was stressed.", first, second)
    assert html == "<p>[[It was stressed.]] Then more. [[It was stressed.]]</p>"
    assert apart == []


def test_codebook_links_follow_the_script_prefix():
    assert codebook_url("extent", "several") == "/codebook/#extent-several"
    set_script_prefix("/archive/")
    try:
        assert codebook_url("actor", "panelist") == "/archive/codebook/#actor-panelist"
    finally:
        set_script_prefix("/")


def readable(html):
    """The words a sighted reader sees in ``html``: without the codebook links' "?" and hidden names, tags or runs
    of whitespace."""
    html = re.sub(r'<a class="codebook-link".*?</a>', "", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def attributed_debate():
    """A debate whose paragraph 1 is official UN text and paragraph 2 the archive's account, with varied labels."""
    debate = build_debate(
        {
            "debate": {"title": "A debate on prevention", "title_origin": TitleOrigin.ARCHIVE},
            "introduction": [
                {
                    "text": "The debate opened. Several panelists and participants emphasized prevention. "
                    "Other participants stressed *dignity*.",
                    "statements": [
                        {
                            "text": "Several panelists and participants emphasized prevention.",
                            "actor_kinds": ActorKind.PANELIST | ActorKind.PARTICIPANT,
                            "extent": Extent.SEVERAL,
                            "stance": Stance.EMPHASIZED,
                            "themes": ["freedom-from-fear"],
                            "topics": ["use-of-force"],
                        },
                        {
                            "text": "Other participants stressed *dignity*.",
                            "actor_kinds": ActorKind.PARTICIPANT,
                            "extent": Extent.OTHER,
                            "stance": Stance.STRESSED,
                            "scope": Scope.WHOLE,
                        },
                    ],
                },
                {
                    "text": "It was noted that the meeting would report back.",
                    "statements": [
                        {
                            "text": "It was noted that the meeting would report back.",
                            "actor_kinds": ActorKind.MEETING,
                            "extent": Extent.UNQUANTIFIED,
                            "stance": Stance.NOTED,
                            "scope": Scope.PROCEDURAL,
                        }
                    ],
                },
            ],
        }
    )
    official = make_document(
        slug="a-65-999", symbol="A/65/999", title="Summary of the debate", url="https://undocs.org/A/65/999"
    )
    press = make_document(slug="ga-99999", symbol="GA/99999", kind="press-release", url="https://press.un.org/x")
    first, second = debate.paragraphs.order_by("number")
    first.text_origin = TextOrigin.OFFICIAL
    first.save()
    first.sources.set([official])
    second.sources.set([press])
    DebateDocument.objects.create(debate=debate, document=official, relation=DebateDocument.Relation.SUMMARY)
    speaker, named = make_participant(name="Ana Speaker"), make_participant(name="Named State")
    statement = first.interventions.get(order=1)
    statement.participant = speaker
    statement.save()
    statement.named_participants.set([named])
    return debate


def statement_participant_links(html, name):
    """The explorer link on a participant's name and the link to their page that follows it."""
    found = re.search(
        rf'<a class="label label-participant" href="([^"]+)">{name}</a> <a class="participant-page" href="([^"]+)">',
        html,
    )
    return list(found.groups()) if found else []


def test_each_statement_is_marked_in_its_paragraph_with_its_labels_in_plain_words(client):
    debate = attributed_debate()
    html = client.get(debate.get_absolute_url()).content.decode()
    paragraph = re.search(r'<div class="paragraph-text">(.*?)</div>', html, re.S).group(1)

    words = '<span class="statement" id="p1-s1"><span class="statement-words">Several panelists and participants'
    assert words in paragraph
    assert html.count("Several panelists and participants emphasized prevention.") == 1, "the text is not repeated"
    assert '<span class="statement-words">Other participants stressed <em>dignity</em>.</span>' in paragraph
    assert 'details class="statements"' not in html
    labels = readable(paragraph)
    assert (
        "Statement 1 · Who: panellists and participants · How many: several · What they did: emphasized · "
        "About: Freedom from fear · Topics: Use of force · Speaker: Ana Speaker profile of Ana Speaker · "
        "Named as holding this view: Named State profile of Named State" in labels
    )
    speaker = statement_participant_links(paragraph, "Ana Speaker")
    assert speaker == [
        f"/interventions/?participant={debate.interventions.get(participant__isnull=False).participant.slug}",
        debate.interventions.get(participant__isnull=False).participant.get_absolute_url(),
    ]
    assert "Who: participants · How many: others (besides those just mentioned) · What they did: stressed" in labels
    assert "About: human security as a whole" in labels
    second = readable(html[html.index('id="p2"') :])
    assert "Who: the meeting as a whole · How many: not said · What they did: noted" in second
    assert "About: the meeting itself (procedural)" in second

    assert f'href="{explorer_url(actor="panelist")}"' in paragraph
    assert f'href="{explorer_url(extent="several")}"' in paragraph
    assert 'href="/codebook/#actor-panelist"' in paragraph
    assert 'href="/codebook/#extent-other"' in paragraph
    assert 'href="/codebook/#stance-emphasized"' in paragraph
    assert 'href="/codebook/#scope-whole"' in paragraph
    assert 'href="/codebook/#theme-freedom-from-fear"' in paragraph
    assert 'href="/codebook/#topic-use-of-force"' in paragraph
    for participant in Participant.objects.filter(name__in=["Ana Speaker", "Named State"]):
        explorer, page = statement_participant_links(paragraph, participant.name)
        assert (explorer, page) == (explorer_url(participant=participant.slug), participant.get_absolute_url())
    assert '<p class="citation" id="cite-p1-s1">' in html, "each statement can still be cited"


def test_a_statement_that_cannot_be_marked_is_listed_below_its_paragraph(client):
    debate = published_debate()
    html = client.get(debate.get_absolute_url()).content.decode()
    apart = html[html.index('id="p2"') :]
    apart = apart[apart.index('<div class="statements-apart">') :]
    assert '<li class="statement" id="p2-s1">' in apart
    assert "Some participants stressed regional arrangements." in apart
    assert "How many:" in apart


def test_each_paragraph_says_whose_words_it_is(client):
    debate = attributed_debate()
    html = client.get(debate.get_absolute_url()).content.decode()
    first = html[html.index('id="p1"') : html.index('id="p2"')]
    second = html[html.index('id="p2"') :]
    assert re.search(
        r'<p class="origin"><span class="origin-label">Official UN text</span> '
        r'\(<a href="https://undocs.org/A/65/999">A/65/999</a>\)</p>',
        first,
    )
    assert "archive&#x27;s account" not in first and "archive's account" not in first
    assert re.search(
        r"<span class=\"origin-label\">The archive's account</span>, written from "
        r'<a href="https://press.un.org/x">GA/99999</a></p>',
        second,
    )
    assert "Official UN text" not in second
    assert 'class="paragraph paragraph-official" id="p1"' in html
    assert 'class="paragraph paragraph-archive" id="p2"' in html


def test_a_debate_of_one_origin_says_it_once_at_its_head_and_still_marks_each_paragraph(client):
    debate = published_debate()
    summary = make_document(slug="the-summary", title="The summary", url="https://undocs.org/the-summary")
    for paragraph in debate.paragraphs.all():
        paragraph.text_origin = TextOrigin.OFFICIAL
        paragraph.save()
        paragraph.sources.set([summary])
    html = client.get(debate.get_absolute_url()).content.decode()
    assert (
        "Every paragraph below is <strong>official UN text</strong>, word for word from "
        '<a href="https://undocs.org/the-summary">The summary</a>.' in html
    )
    assert html.count('<span class="origin-label">Official UN text</span></p>') == 2


def test_titles_say_whose_they_are_and_the_main_document_is_linked_once(client):
    debate = attributed_debate()
    html = client.get(debate.get_absolute_url()).content.decode()
    assert "Title: the archive&#x27;s description" in html or "Title: the archive's description" in html
    assert "(archive&#x27;s description)" in html or "(archive's description)" in html  # the segment-less debate
    documents = html[html.index('<ul class="documents">') : html.index("</ul>", html.index('<ul class="documents">'))]
    assert '<a href="https://undocs.org/A/65/999">Summary of the debate</a> (A/65/999)' in documents
    assert '<span class="meta">Summary</span>' in documents, "the relation once, not 'Summary · Summary'"

    Debate.objects.filter(pk=debate.pk).update(title_origin=TitleOrigin.OFFICIAL)
    html = client.get(debate.get_absolute_url()).content.decode()
    assert '<h1><span title="Official title, as the UN document gives it">A debate on prevention</span></h1>' in html
    assert "Title: the archive" not in html


def test_a_summary_without_a_link_of_its_own_links_to_its_text_on_the_page(client):
    debate = published_debate()
    summary = make_document(slug="unlinked-summary", title="Summary of the debate on early warning")
    DebateDocument.objects.create(debate=debate, document=summary, relation=DebateDocument.Relation.SUMMARY)
    html = client.get(debate.get_absolute_url()).content.decode()
    assert '<a href="#p1">Summary of the debate on early warning</a>' in html
    assert "its text is on this page" in html


def test_the_page_is_rendered_in_a_fixed_number_of_queries(rf):
    debate = attributed_debate()
    with CaptureQueriesContext(connection) as small:
        debate_page_html(rf.get(debate.get_absolute_url()), debate)
    paragraph = make_paragraph(debate, text="A participant suggested more. Another participant agreed.")
    for text in ("A participant suggested more.", "Another participant agreed."):
        statement = make_intervention(paragraph, text=text, themes=["freedom-from-want"], topics=["use-of-force"])
        statement.named_participants.set([make_participant()])
        statement.participant = make_participant()
        statement.save()
    paragraph.sources.set([make_document(symbol="A/65/1000")])
    with CaptureQueriesContext(connection) as large:
        debate_page_html(rf.get(debate.get_absolute_url()), debate)
    assert len(large) == len(small)
