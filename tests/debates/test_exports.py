"""The explorer's exports: the same filtered set as the explorer, every field, streamed, as CSV and JSON."""

import csv
import io
import json
from http import HTTPStatus

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from debates.exports import CHUNK_SIZE
from debates.models import Debate, Theme, Topic
from panels.attribution import ActorKind, Extent, Stance
from panels.models import Intervention
from tests.factories import build_debate, make_document
from tests.search.data import SLUG_2010, SLUG_2011, load_archive

# The field list README.md documents, in its order.
DOCUMENTED_FIELDS = [
    "permalink",
    "debate",
    "debate_title",
    "debate_date",
    "session",
    "section",
    "panel",
    "panel_title",
    "paragraph",
    "statement",
    "anchor",
    "text",
    "actor_kinds",
    "extent",
    "stance",
    "participant",
    "participant_name",
    "themes",
    "topics",
    "source_symbol",
    "source_title",
    "source_url",
]


def add_statements(slug, count):
    """A published debate ``slug`` whose one paragraph holds ``count`` statements, "Statement number n." in order.

    Inserted in bulk, so that an export spans several chunks quickly.  Statement n is filed under the first
    theme when n is even, the second when n is a multiple of three (both at multiples of six), and the first
    topic when n is a multiple of five, so that rows in every chunk carry tags of their own.
    """
    debate = build_debate({"debate": {"slug": slug}, "introduction": [{"text": "Many statements."}]})
    paragraph, source = debate.paragraphs.get(), make_document()
    statements = Intervention.objects.bulk_create(
        Intervention(
            debate=debate,
            paragraph=paragraph,
            order=n,
            text=f"Statement number {n}.",
            text_html=f"<p>Statement number {n}.</p>",
            actor_kinds=ActorKind.PANELIST,
            extent=Extent.ONE,
            stance=Stance.SUGGESTED,
            source=source,
        )
        for n in range(1, count + 1)
    )
    first_theme, second_theme = Theme.objects.all()[:2]
    topic = Topic.objects.first()
    Intervention.themes.through.objects.bulk_create(
        [Intervention.themes.through(intervention=s, theme=first_theme) for s in statements if s.order % 2 == 0]
        + [Intervention.themes.through(intervention=s, theme=second_theme) for s in statements if s.order % 3 == 0]
    )
    Intervention.topics.through.objects.bulk_create(
        Intervention.topics.through(intervention=s, topic=topic) for s in statements if s.order % 5 == 0
    )


def expected_tags(n):
    """The theme and topic slugs :func:`add_statements` gave statement ``n``, in the vocabularies' own order."""
    first_theme, second_theme = Theme.objects.all()[:2]
    chosen = {first_theme.slug} if n % 2 == 0 else set()
    chosen |= {second_theme.slug} if n % 3 == 0 else set()
    themes = [theme.slug for theme in Theme.objects.filter(slug__in=chosen)]
    return themes, [Topic.objects.first().slug] if n % 5 == 0 else []


class ExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive()
        build_debate(
            {
                "debate": {"slug": "draft-debate", "status": Debate.Status.DRAFT},
                "introduction": [{"text": "Hidden draft text.", "statements": [{"text": "Hidden draft text."}]}],
            }
        )

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response.streaming)
        return b"".join(response.streaming_content).decode("utf-8"), response

    def csv_rows(self, query=""):
        body, response = self.get(f"/interventions/export.csv?{query}")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        reader = csv.DictReader(io.StringIO(body, newline=""))
        self.assertEqual(reader.fieldnames, DOCUMENTED_FIELDS)
        return list(reader)

    def json_document(self, query=""):
        body, response = self.get(f"/interventions/export.json?{query}")
        self.assertEqual(response["Content-Type"], "application/json")
        document = json.loads(body)
        self.assertEqual(list(document), ["count", "results"])
        self.assertEqual(document["count"], len(document["results"]))
        return document

    def explorer_anchors(self, query):
        response = self.client.get(f"/interventions/?{query}")
        pages = response.context["page_obj"].paginator
        return [f"{i.debate.slug}#{i.anchor}" for n in pages.page_range for i in pages.page(n).object_list]

    def test_csv_parses_with_a_header_and_holds_every_published_statement(self):
        rows = self.csv_rows()
        self.assertEqual(len(rows), Intervention.objects.filter(debate__status=Debate.Status.PUBLISHED).count())
        self.assertNotIn("Hidden draft text.", {row["text"] for row in rows})

    def test_json_has_the_documented_shape(self):
        document = self.json_document()
        published = Intervention.objects.filter(debate__status=Debate.Status.PUBLISHED)
        self.assertEqual(document["count"], published.count())
        for result in document["results"]:
            self.assertEqual(list(result), DOCUMENTED_FIELDS)
            self.assertIsInstance(result["actor_kinds"], list)
            self.assertIsInstance(result["themes"], list)
            self.assertIsInstance(result["paragraph"], int)

    def test_exports_hold_the_explorers_set_in_its_order(self):
        query = "year_from=2010&theme=freedom-from-fear&theme=freedom-from-want&actor=participant"
        expected = self.explorer_anchors(query)
        self.assertTrue(expected)
        self.assertEqual([f"{r['debate']}#{r['anchor']}" for r in self.csv_rows(query)], expected)
        self.assertEqual([f"{r['debate']}#{r['anchor']}" for r in self.json_document(query)["results"]], expected)

    def test_every_field_of_a_statement(self):
        statement = Intervention.objects.get(debate__slug=SLUG_2011, text__contains="distinguishing the Responsibility")
        rows = [r for r in self.csv_rows(f"debate={SLUG_2011}") if r["anchor"] == statement.anchor]
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["permalink"], f"http://testserver/debates/{SLUG_2011}/#{statement.anchor}")
        self.assertEqual(row["text"], statement.text)
        self.assertEqual(row["debate_date"], "2011-04-14")
        self.assertEqual(row["session"], "65")
        self.assertEqual(row["panel"], "Panel 1")
        self.assertEqual(row["panel_title"], "A possible approach for defining Human Security")
        self.assertEqual(row["section"], "panel")
        self.assertEqual(row["extent"], "several")
        self.assertEqual(row["stance"], "emphasized")
        self.assertEqual(row["actor_kinds"], "participant")
        self.assertIn("responsibility-to-protect", row["topics"].split("|"))
        self.assertEqual(row["source_title"], statement.source.title)

    def test_a_statement_by_panelists_and_participants_lists_both_actor_kinds(self):
        results = self.json_document(f"debate={SLUG_2011}")["results"]
        both = [r for r in results if "several panelists and participants emphasized" in r["text"]]
        self.assertEqual(len(both), 1)
        self.assertEqual(both[0]["actor_kinds"], ["panelist", "participant"])

    def test_named_participants_and_document_symbols(self):
        results = self.json_document(f"debate={SLUG_2010}&participant=azerbaijan")["results"]
        self.assertTrue(results)
        for result in results:
            self.assertEqual(result["participant"], "azerbaijan")
            self.assertEqual(result["participant_name"], "Azerbaijan")

    def test_an_empty_selection_is_a_valid_empty_export(self):
        self.assertEqual(self.json_document(f"debate={SLUG_2011}&year_to=2008"), {"count": 0, "results": []})
        self.assertEqual(self.csv_rows(f"debate={SLUG_2011}&year_to=2008"), [])

    def test_text_with_quotes_commas_and_newlines_survives_the_csv(self):
        build_debate(
            {
                "debate": {"slug": "quoting", "title": 'Quoting, "tested"'},
                "introduction": [
                    {
                        "text": 'One panelist said "no, never",\nand then: yes.',
                        "statements": [{"text": 'One panelist said "no, never",\nand then: yes.'}],
                    }
                ],
            }
        )
        rows = self.csv_rows("debate=quoting")
        self.assertEqual([r["text"] for r in rows], ['One panelist said "no, never",\nand then: yes.'])
        self.assertEqual(rows[0]["debate_title"], 'Quoting, "tested"')

    def test_a_large_set_is_streamed_in_chunks_each_row_with_its_own_tags(self):
        count = 2 * CHUNK_SIZE + 20
        add_statements("large", count)
        tags = {n: expected_tags(n) for n in range(1, 31)}  # the pattern repeats every 30 statements
        document = self.json_document("debate=large")
        self.assertEqual(document["count"], count)
        self.assertEqual(
            [r["text"] for r in document["results"]], [f"Statement number {n}." for n in range(1, count + 1)]
        )
        for n, result in enumerate(document["results"], start=1):
            self.assertEqual((result["themes"], result["topics"]), tags[(n - 1) % 30 + 1], n)
        rows = self.csv_rows("debate=large")
        self.assertEqual(len(rows), count)
        for n, row in enumerate(rows, start=1):
            themes, topics = tags[(n - 1) % 30 + 1]
            self.assertEqual(
                (row["statement"], row["themes"], row["topics"]), (str(n), "|".join(themes), "|".join(topics))
            )

    def test_the_number_of_queries_grows_with_the_chunks_not_with_the_rows(self):
        rows = {"smaller": CHUNK_SIZE + 1, "larger": 3 * (CHUNK_SIZE + 1)}  # two chunks, then four
        for slug, count in rows.items():
            add_statements(slug, count)
        for read in (self.csv_rows, lambda query: self.json_document(query)["results"]):
            queries = {}
            for slug, count in rows.items():
                with CaptureQueriesContext(connection) as captured:
                    self.assertEqual(len(read(f"debate={slug}")), count)
                queries[slug] = len(captured)
            # Themes and topics take one query each per chunk; one more query per row would add thousands.
            self.assertLessEqual(queries["larger"] - queries["smaller"], 2 * 2, queries)
