"""The explorer's exports: the same filtered set as the explorer, every field, streamed, as CSV and JSON, and
cited in RIS and BibTeX."""

import csv
import io
import json
from http import HTTPStatus

import bibtexparser
import pytest
import rispy
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from debates.models import Debate, Participant, TextOrigin, Theme, Topic
from panels.attribution import ActorKind, Extent, Scope, Stance
from panels.models import Intervention, Paragraph
from public.exports import CHUNK_SIZE
from tests.factories import (
    build_debate,
    make_debate,
    make_document,
    make_intervention,
    make_paragraph,
    make_participant,
)
from tests.search.data import SLUG_2010, SLUG_2011, load_archive

# The field list docs/urls.md documents ("Exports"), in its order.
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
    "text_origin",
    "text_language",
    "text_status",
    "actor_kinds",
    "extent",
    "stance",
    "scope",
    "participant",
    "participant_name",
    "named_participants",
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
    topic when n is a multiple of five, and names the two participants of :func:`named_pair` when n is a
    multiple of seven, so that rows in every chunk carry tags of their own.
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
    Intervention.named_participants.through.objects.bulk_create(
        Intervention.named_participants.through(intervention=s, participant=participant)
        for s in statements
        if s.order % 7 == 0
        for participant in named_pair()
    )


def named_pair():
    """Two participants whose names sort the other way from their slugs: exports list them by name."""
    first = Participant.objects.filter(slug="zz-first-by-name").first() or make_participant(
        slug="zz-first-by-name", name="Aaa first"
    )
    second = Participant.objects.filter(slug="aa-second-by-name").first() or make_participant(
        slug="aa-second-by-name", name="Zzz second"
    )
    return [first, second]


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
        # The permanent link of the statement (docs/urls.md, "Anchors and permanent links"): it keeps leading
        # to the statement after a renumbering.
        self.assertEqual(row["permalink"], f"http://testserver{statement.permalink}")
        number, order = statement.paragraph.number, statement.order
        self.assertEqual(row["permalink"], f"http://testserver/debates/{SLUG_2011}/p{number}/s{order}/")
        self.assertEqual(row["anchor"], statement.anchor)
        self.assertEqual(row["text"], statement.text)
        self.assertEqual((row["text_language"], row["text_status"]), ("en", "original"))
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
            named = ["zz-first-by-name", "aa-second-by-name"] if n % 7 == 0 else []
            self.assertEqual(result["named_participants"], named, n)
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
            # Themes with topics, and named participants, take one query each per chunk; one more query per row
            # would add thousands.
            self.assertLessEqual(queries["larger"] - queries["smaller"], 2 * 2, queries)


def origin_debate(slug, text_origin, *, symbol, year=2011, statements=2, **debate_fields):
    """A published debate ``slug`` of one paragraph of ``statements`` statements, all of ``text_origin``, each drawn
    from a document with ``symbol``; the first statement is about human security as a whole and names a
    participant, the others are filed under the freedoms."""
    debate = build_debate(
        {
            "debate": {"slug": slug, "title": f"Debate {slug}", **debate_fields},
            "panels": [
                {
                    "title": "A possible approach",
                    "paragraphs": [
                        {
                            "text": " ".join(f"Sentence {n} of {slug}." for n in range(1, statements + 1)),
                            "statements": [{"text": f"Sentence {n} of {slug}."} for n in range(1, statements + 1)],
                        }
                    ],
                }
            ],
        }
    )
    source = make_document(symbol=symbol, title=f"Coverage {symbol}")
    Paragraph.objects.filter(debate=debate).update(text_origin=text_origin)
    debate.paragraphs.get().sources.set([source])
    first, *others = debate.interventions.order_by("order")
    Intervention.objects.filter(debate=debate).update(source=source, scope=Scope.FREEDOMS)
    Intervention.objects.filter(pk=first.pk).update(scope=Scope.WHOLE)
    first.named_participants.set([make_participant(slug=f"named-in-{slug}", name=f"Named in {slug}")])
    Debate.objects.filter(pk=debate.pk).update(
        start_date=debate.start_date.replace(year=year), end_date=debate.end_date.replace(year=year)
    )
    return debate


class ProvenanceAndCitationExportTests(TestCase):
    """Whose words each exported statement is, and the explorer's selection cited in RIS and BibTeX."""

    @classmethod
    def setUpTestData(cls):
        origin_debate("official-debate", TextOrigin.OFFICIAL, symbol="A/65/999", year=2011)
        origin_debate("archive-debate", TextOrigin.ARCHIVE, symbol="GA/10944", year=2010)
        build_debate(
            {
                "debate": {"slug": "draft-debate", "status": Debate.Status.DRAFT},
                "introduction": [{"text": "Hidden draft text.", "statements": [{"text": "Hidden draft text."}]}],
            }
        )

    def body(self, url, content_type):
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response.streaming)
        self.assertEqual(response["Content-Type"], content_type)
        self.assertIn("attachment", response["Content-Disposition"])
        return b"".join(response.streaming_content).decode("utf-8")

    def test_each_row_says_whose_words_about_what_who_is_named_and_where_it_lives(self):
        response = self.client.get("/interventions/export.json")
        rows = {(r["debate"], r["statement"]): r for r in json.loads(b"".join(response.streaming_content))["results"]}
        self.assertEqual(len(rows), 4)
        for (debate, order), row in rows.items():
            self.assertEqual(row["text_origin"], "official" if debate == "official-debate" else "archive")
            self.assertEqual(row["scope"], "whole" if order == 1 else "freedoms")
            self.assertEqual(row["named_participants"], [f"named-in-{debate}"] if order == 1 else [])
            self.assertEqual(row["permalink"], f"http://testserver/debates/{debate}/p1/s{order}/")
        self.assertEqual(rows[("official-debate", 1)]["source_symbol"], "A/65/999")
        statement = Intervention.objects.get(debate__slug="archive-debate", order=2)
        self.assertEqual(rows[("archive-debate", 2)]["permalink"], f"http://testserver{statement.permalink}")

    def test_the_csv_holds_the_same_with_lists_joined(self):
        body = self.body("/interventions/export.csv?debate=archive-debate", "text/csv; charset=utf-8")
        rows = list(csv.DictReader(io.StringIO(body, newline="")))
        self.assertEqual(
            [(r["text_origin"], r["scope"], r["named_participants"]) for r in rows],
            [("archive", "whole", "named-in-archive-debate"), ("archive", "freedoms", "")],
        )

    def test_ris_download_parses_and_cites_each_statement_with_whose_words(self):
        body = self.body("/interventions/export.ris", "application/x-research-info-systems; charset=utf-8")
        entries = rispy.loads(body)
        self.assertEqual(len(entries), 4)
        by_link = {entry["urls"][0]: entry for entry in entries}
        official = by_link["http://testserver/debates/official-debate/p1/s2/"]
        self.assertEqual(official["type_of_reference"], "RPRT")
        self.assertEqual(official["authors"], ["United Nations General Assembly"])
        self.assertEqual(official["issn"], "A/65/999")  # SN: the report number, here the UN symbol
        self.assertEqual(official["date"], "2011/04/14/")
        self.assertIn("paragraph 1, statement 2", official["section"])
        self.assertIn("Official text", official["notes"][0])
        archive = by_link["http://testserver/debates/archive-debate/p1/s1/"]
        self.assertEqual(archive["authors"], ["Human Security Debates Archive"])
        self.assertNotIn("issn", archive)  # the archive's account is not the UN document
        self.assertIn("The archive's account, based on GA/10944", archive["notes"][0])
        self.assertEqual(archive["date"], "2010/04/14/")

    def test_bibtex_download_parses_and_honours_the_filter(self):
        body = self.body("/interventions/export.bib?year_to=2010", "application/x-bibtex; charset=utf-8")
        library = bibtexparser.parse_string(body)
        self.assertEqual(library.failed_blocks, [])
        self.assertEqual([entry.key for entry in library.entries], ["archive-debate-p1-s1", "archive-debate-p1-s2"])
        entry = library.entries[1]
        self.assertEqual(entry.entry_type, "report")
        self.assertEqual(entry["author"], "{Human Security Debates Archive}")
        self.assertNotIn("number", entry.fields_dict)
        self.assertIn("based on GA/10944", entry["addendum"])
        self.assertEqual(entry["date"], "2010-04-14")
        self.assertIn("paragraph 1, statement 2", entry["titleaddon"])
        self.assertEqual(entry["url"], "http://testserver/debates/archive-debate/p1/s2/")
        official = bibtexparser.parse_string(
            self.body("/interventions/export.bib?year_from=2011", "application/x-bibtex; charset=utf-8")
        )
        self.assertEqual({e["number"] for e in official.entries}, {"A/65/999"})
        self.assertEqual({e["author"] for e in official.entries}, {"{United Nations General Assembly}"})

    def test_a_large_selection_is_cited_in_chunks_with_no_query_per_statement(self):
        count = 2 * CHUNK_SIZE + 20
        add_statements("large", count)
        with CaptureQueriesContext(connection) as captured:
            ris_entries = rispy.loads(
                self.body(
                    "/interventions/export.ris?debate=large", "application/x-research-info-systems; charset=utf-8"
                )
            )
        self.assertEqual(len(ris_entries), count)
        self.assertLess(len(captured), 20)
        self.assertEqual(ris_entries[-1]["urls"], [f"http://testserver/debates/large/p1/s{count}/"])
        library = bibtexparser.parse_string(
            self.body("/interventions/export.bib?debate=large", "application/x-bibtex; charset=utf-8")
        )
        self.assertEqual(len(library.entries), count)
        self.assertEqual(len({entry.key for entry in library.entries}), count)

    def test_bad_parameters_are_named_in_a_400(self):
        for url, parameter in [
            ("/interventions/export.ris?debate=no-such-debate", "debate"),
            ("/interventions/export.bib?year_from=abc", "year_from"),
            ("/interventions/export.ris?debate=draft-debate", "debate"),
            ("/interventions/export.bib?extent=one&extent=some", "extent"),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
                self.assertEqual(list(response.json()["errors"]), [parameter])


@pytest.mark.django_db
def test_the_explorer_links_its_selection_as_ris_and_bibtex(client):
    for year in (2008, 2010, 2011):
        call_command("loaddata", f"human-security-{year}", verbosity=0)
    html = client.get("/interventions/?theme=freedom-from-fear&page=1").content.decode()
    assert 'href="/interventions/export.ris?theme=freedom-from-fear"' in html
    assert 'href="/interventions/export.bib?theme=freedom-from-fear"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "formula", ['=HYPERLINK("http://evil.example/","x")', "@SUM(A1:A9)", "+1+2", "-2+3", "\tx", "\rx"]
)
def test_csv_cells_a_spreadsheet_would_run_are_neutralized_and_json_keeps_the_text(client, formula):
    debate = make_debate()
    paragraph = make_paragraph(debate, text=f"{formula} One panelist suggested a definition.")
    make_intervention(paragraph, text=formula, participant=make_participant(name=formula))
    csv_text = b"".join(client.get("/interventions/export.csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [row["text"] for row in rows] == [f"'{formula}"]
    assert rows[0]["participant_name"] == f"'{formula}"
    results = json.loads(b"".join(client.get("/interventions/export.json").streaming_content))["results"]
    assert [item["text"] for item in results] == [formula]
