"""/search/: the page, and the ranking and the websearch syntax over the real summaries."""

import re
from http import HTTPStatus

import pytest
from django.db import OperationalError, connection
from django.test import TestCase

from panels.models import Intervention, Paragraph
from tests.search.data import SLUG_2008, SLUG_2010, SLUG_2011, load_archive

R2P_STATEMENT = (
    "In this context, several participants emphasized the importance of distinguishing the Responsibility to "
    "Protect from human security, as they are two distinct notions and agendas."
)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text ranking and websearch syntax need PostgreSQL"
)


class SearchPageTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive()

    def search(self, q, page=None):
        params = {"q": q} if page is None else {"q": q, "page": page}
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return response

    def all_results(self, q):
        """Every result, across all pages."""
        response = self.search(q)
        results = list(response.context["results"])
        for number in range(2, response.context["page_obj"].paginator.num_pages + 1):
            results += self.search(q, page=number).context["results"]
        return results

    def urls(self, q):
        """The links of every result, across all pages."""
        return [r.url for r in self.all_results(q)]

    def places(self, q):
        """What the results are, across all pages: a passage is its paragraph, whichever statement a link names."""
        return {re.sub(r"-s\d+$", "", url) for url in self.urls(q)}


class SearchPageTests(SearchPageTestCase):
    def test_an_empty_query_shows_the_form_only(self):
        response = self.search("")
        self.assertContains(response, '<label for="search-q">')
        self.assertNotIn("results", response.context)

    def test_results_link_to_their_anchor_and_show_marked_snippets(self):
        response = self.search("perceived threats")
        statement = Intervention.objects.get(debate__slug=SLUG_2011, text__startswith="One panelist suggested")
        self.assertContains(response, f'href="/debates/{SLUG_2011}/#{statement.anchor}"')
        self.assertRegex(response.content.decode(), r"<mark>perceived</mark> <mark>threats</mark>")

    def test_conclusions_are_searched(self):
        conclusion = Paragraph.objects.get(
            debate__slug=SLUG_2011, section="conclusion", text__contains="shared understanding"
        )
        self.assertIn(f"/debates/{SLUG_2011}/#p{conclusion.number}", self.places("shared understanding"))

    def test_pages_of_results(self):
        response = self.search("security")
        page = response.context["page_obj"]
        self.assertGreater(page.paginator.count, 20)
        second = self.search("security", page=2)
        first_urls = {r.url for r in response.context["results"]}
        self.assertFalse(first_urls & {r.url for r in second.context["results"]})
        self.assertContains(response, "?q=security&amp;page=2")


class LongQueryTests(SearchPageTestCase):
    """A long query is answered (or refused with a 400 naming ``q``), never taken for a database outage."""

    FIFTY_AB = " ".join(["ab"] * 50)  # 149 characters: SQLite's "parser stack overflow", answered 503

    def test_fifty_repetitions_of_a_word_are_searched(self):
        with self.assertNoLogs("config.middleware", level="ERROR"):
            response = self.search(self.FIFTY_AB)
        self.assertEqual(response.context["q"], self.FIFTY_AB)

    def test_the_explorer_takes_the_same_query(self):
        for q in (self.FIFTY_AB, " ".join(f"w{number:02d}" for number in range(50))):
            self.assertEqual(self.client.get("/interventions/", {"q": q}).status_code, HTTPStatus.OK)

    @pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's limits")
    def test_a_query_beyond_sqlites_limits_is_a_bad_request_naming_q(self):
        import sqlite3

        connection.ensure_connection()
        raw = connection.connection
        terms = raw.getlimit(sqlite3.SQLITE_LIMIT_COMPOUND_SELECT)
        raw.setlimit(sqlite3.SQLITE_LIMIT_COMPOUND_SELECT, 2)  # fewer than the kinds the search merges
        try:
            # Limits are checked when a statement is prepared, and prepared statements are kept: filters
            # give a shape of query no other test prepares on this connection.
            params = {"q": "human security freedom", "year_from": 1947, "year_to": 2098, "kind": "thematic-debate"}
            response = self.client.get("/search/", params)
        finally:
            raw.setlimit(sqlite3.SQLITE_LIMIT_COMPOUND_SELECT, terms)
        self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
        self.assertIn("q", response.context["errors"])
        self.assertIn("fewer", response.context["errors"]["q"][0])

    def test_a_database_that_is_away_is_still_an_outage(self):
        def unreachable(execute, sql, params, many, context):
            raise OperationalError("unable to open database file")

        with connection.execute_wrapper(unreachable), self.assertLogs("config.middleware", level="ERROR"):
            response = self.client.get("/search/", {"q": "security"})
        self.assertEqual(response.status_code, HTTPStatus.SERVICE_UNAVAILABLE)


class SearchSyntaxTests(SearchPageTestCase):
    """On either database (FTS5 on SQLite since issue 15)."""

    def test_responsibility_to_protect_finds_the_2011_statement_and_marks_the_words(self):
        response = self.search("responsibility to protect")
        statement = Intervention.objects.get(text=R2P_STATEMENT)
        found = [r for r in response.context["results"] if r.url == f"/debates/{SLUG_2011}/#{statement.anchor}"]
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0].kind, "paragraph")  # the passage, at its statement
        self.assertIn("<mark>Responsibility</mark> to <mark>Protect</mark>", found[0].snippet)
        if connection.vendor == "postgresql":  # RUM's relevance; SQLite's BM25 puts a shorter 2010 passage first
            self.assertEqual(response.context["results"][0], found[0])
            html = response.content.decode()
            self.assertLess(html.index(f"#{statement.anchor}"), html.index(f"/debates/{SLUG_2008}/"))

    def test_a_quoted_phrase_must_occur_as_a_phrase(self):
        loose = set(self.urls("security development"))
        phrase = set(self.urls('"security development"'))
        self.assertTrue(phrase)
        self.assertLess(len(phrase), len(loose))
        for result in self.search('"security development"').context["results"]:
            self.assertRegex(result.snippet, r"<mark>[Ss]ecurity</mark>,? <mark>[Dd]evelopment</mark>")

    def test_a_minus_excludes_a_word(self):
        with_index = self.places("index")
        human_security = self.places("human security")
        without = self.places("human security -index")
        self.assertTrue(human_security & with_index)
        self.assertFalse(with_index & without)
        self.assertEqual(human_security - without, human_security & with_index)

    def test_or_accepts_either_word(self):
        either = self.places("Azerbaijan or Liechtenstein")
        azerbaijan, liechtenstein = self.places("Azerbaijan"), self.places("Liechtenstein")
        self.assertTrue(azerbaijan and liechtenstein)
        self.assertEqual(either, azerbaijan | liechtenstein)
        self.assertEqual(self.places("Azerbaijan Liechtenstein"), azerbaijan & liechtenstein)

    def test_titles_weigh_most(self):
        results = self.search("plenary meetings").context["results"]
        self.assertEqual(results[0].url, f"/debates/{SLUG_2010}/")

    def test_snippets_never_carry_markup_from_the_text(self):
        for result in self.search("security").context["results"]:
            markup = r'</?mark>|<span class="statement-hit">|</span>'
            self.assertEqual(re.sub(markup, "", str(result.snippet)).count("<"), 0)
