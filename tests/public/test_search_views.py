"""/search/: the page, and on PostgreSQL the ranking and the websearch syntax over the real summaries."""

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

    def urls(self, q):
        """The links of every result, across all pages."""
        response = self.search(q)
        urls = [r.url for r in response.context["results"]]
        for number in range(2, response.context["page_obj"].paginator.num_pages + 1):
            urls += [r.url for r in self.search(q, page=number).context["results"]]
        return urls


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
        self.assertIn(f"/debates/{SLUG_2011}/#p{conclusion.number}", self.urls("shared understanding"))

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

    @pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's expression depth limit")
    def test_a_query_beyond_sqlites_limits_is_a_bad_request_naming_q(self):
        import sqlite3

        connection.ensure_connection()
        raw = connection.connection
        depth = raw.getlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH)
        raw.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 12)
        try:
            response = self.client.get("/search/", {"q": "human security freedom fear want dignity"})
        finally:
            raw.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, depth)
        self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
        self.assertIn("q", response.context["errors"])
        self.assertIn("fewer", response.context["errors"]["q"][0])

    def test_a_database_that_is_away_is_still_an_outage(self):
        def unreachable(execute, sql, params, many, context):
            raise OperationalError("unable to open database file")

        with connection.execute_wrapper(unreachable), self.assertLogs("config.middleware", level="ERROR"):
            response = self.client.get("/search/", {"q": "security"})
        self.assertEqual(response.status_code, HTTPStatus.SERVICE_UNAVAILABLE)


@postgresql_only
class PostgreSQLSearchTests(SearchPageTestCase):
    def test_responsibility_to_protect_ranks_the_2011_statement_first_and_marks_the_words(self):
        response = self.search("responsibility to protect")
        first = response.context["results"][0]
        statement = Intervention.objects.get(text=R2P_STATEMENT)
        self.assertEqual(first.url, f"/debates/{SLUG_2011}/#{statement.anchor}")
        self.assertEqual(first.kind, "statement")
        self.assertIn("<mark>Responsibility</mark> to <mark>Protect</mark>", first.snippet)
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
        with_index = set(self.urls("index"))
        human_security = set(self.urls("human security"))
        without = set(self.urls("human security -index"))
        self.assertTrue(human_security & with_index)
        self.assertFalse(with_index & without)
        self.assertEqual(human_security - without, human_security & with_index)

    def test_or_accepts_either_word(self):
        either = set(self.urls("Azerbaijan or Liechtenstein"))
        azerbaijan, liechtenstein = set(self.urls("Azerbaijan")), set(self.urls("Liechtenstein"))
        self.assertTrue(azerbaijan and liechtenstein)
        self.assertEqual(either, azerbaijan | liechtenstein)
        self.assertEqual(set(self.urls("Azerbaijan Liechtenstein")), azerbaijan & liechtenstein)

    def test_titles_weigh_most(self):
        results = self.search("plenary meetings").context["results"]
        self.assertEqual(results[0].url, f"/debates/{SLUG_2010}/")

    def test_snippets_never_carry_markup_from_the_text(self):
        for result in self.search("security").context["results"]:
            self.assertEqual(re.sub(r"</?mark>", "", str(result.snippet)).count("<"), 0)
