"""Every public page runs a fixed number of SQL queries, whatever the size of the archive.

Each page is measured on the three fixtures, then again after about ten times as many records
are generated; the counts must be equal, and small.
"""

import math

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from panels.models import Intervention
from public.exports import CHUNK_SIZE
from tests.search.data import SLUG_2008, SLUG_2011, add_generated_debates, load_archive

PAGES = [
    "/",
    "/debates/",
    "/debates/?theme=freedom-from-fear&year=2011",
    f"/debates/{SLUG_2011}/",
    f"/debates/{SLUG_2008}/",
    "/themes/",
    "/themes/freedom-from-fear/",
    "/topics/",
    "/topics/definition-of-human-security/",
    "/participants/",
    "/participants/srgjan-kerim/",
    "/codebook/",
    "/interventions/",
    "/interventions/?theme=freedom-from-fear&theme=freedom-from-want&actor=panelist&year_from=2008&q=security",
    f"/interventions/?debate={SLUG_2011}&extent=several&stance=emphasized&topic=state-sovereignty&year_to=2011",
    "/interventions/?participant=srgjan-kerim&page=1",
    "/search/?q=security",
    '/search/?q="human security" -index or prevention',
]
MOST_QUERIES_PER_PAGE = 12
EXPORTS = ["/interventions/export.csv", "/interventions/export.json?year_from=2000"]


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive()

    def count_queries(self, url):
        """Queries of one request in the steady state: after a first request has built what a process keeps
        between requests until the archive changes (the explorer's index, public/facet_index.py)."""
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def test_each_page_runs_the_same_few_queries_at_ten_times_the_data(self):
        small_size = Intervention.objects.count()
        small = {url: self.count_queries(url) for url in PAGES}
        add_generated_debates()
        self.assertGreaterEqual(Intervention.objects.count(), 10 * small_size)
        large = {url: self.count_queries(url) for url in PAGES}
        for url in PAGES:
            with self.subTest(url=url):
                self.assertEqual(large[url], small[url])
                self.assertLessEqual(large[url], MOST_QUERIES_PER_PAGE)

    def test_exports_add_only_two_queries_per_chunk_of_statements(self):
        small = {url: self.count_queries(url) for url in EXPORTS}
        add_generated_debates()
        chunks = math.ceil(Intervention.objects.filter(debate__status="published").count() / CHUNK_SIZE)
        self.assertGreater(chunks, 1)
        for url in EXPORTS:
            with self.subTest(url=url):
                # The statements are read with one query, in chunks; each chunk fetches its themes and topics.
                self.assertEqual(self.count_queries(url) - small[url], 2 * (chunks - 1))
