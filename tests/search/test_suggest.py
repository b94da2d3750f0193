"""Suggestions when nothing matches: close spellings from the archive's words, listed without keeping a reader
waiting when the archive is large."""

import threading
import time

import pytest
from django.db import connection
from django.http import QueryDict

from search import suggest
from search.queries import Search
from tests.search.data import load_archive


def test_the_closest_spelling_wins_and_among_equals_the_commoner_word():
    words = {"sovereignty": 4, "sovereign": 9, "security": 300, "secularity": 1}
    assert suggest.close_spelling("soverignty", words) == "sovereignty"
    assert suggest.close_spelling("securty", words) == "security"
    assert suggest.close_spelling("xqzzyv", words) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a large archive is a PostgreSQL one")
@pytest.mark.django_db(transaction=True)
def test_a_large_archives_words_are_listed_in_the_background_while_the_page_answers(monkeypatch):
    load_archive()
    monkeypatch.setattr(suggest, "INLINE_PARAGRAPHS", -1)  # every archive counts as large
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE panels_paragraph")
    release, listed = threading.Event(), []
    counted = suggest._count_words

    def slow_count():
        release.wait(10)
        listed.append(counted())
        return listed[-1]

    monkeypatch.setattr(suggest, "_count_words", slow_count)
    search, params = Search("soverignty"), QueryDict("q=soverignty")
    started = time.monotonic()
    assert suggest.suggestions(search, params).spellings == []  # answered without the words
    assert time.monotonic() - started < 5
    release.set()
    deadline = time.monotonic() + 10
    while not listed and time.monotonic() < deadline:
        time.sleep(0.05)
    while suggest._vocabulary["building"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "sovereignty" in listed[0]
    assert suggest.suggestions(search, params).spellings == [("q=sovereignty", "sovereignty", 4)]
