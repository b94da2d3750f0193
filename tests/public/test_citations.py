"""Citations of a debate, a paragraph and a statement (public/citations.py, /debates/<slug>/cite/).

Each format is read back by a library that reads it (bibtexparser, rispy, json) and must hold the symbol, the
date, the paragraph and the permanent link; and each must say whose words it cites: official UN text with the
General Assembly as author and its document as the work, the archive's account with the archive as author
and the UN document only as its source.
"""

import datetime
import json
import re
from http import HTTPStatus

import bibtexparser
import rispy
from django.test import TestCase
from django.utils import timezone

from debates.models import Debate, DebateDocument, TextOrigin, TitleOrigin
from panels.models import Intervention, Paragraph
from public import citations
from tests.factories import build_debate, make_document

OFFICIAL = "informal-thematic-debate-test"
ARCHIVE = "plenary-and-panel-test"
DRAFT = "draft-test"


def two_paragraph_debate(slug, text_origin, *, symbol, **debate_fields):
    """A published debate: an introduction paragraph without statements, then a panel paragraph of two.

    Every paragraph is of ``text_origin`` and has for source a document with ``symbol``, from which the
    statements are drawn too.
    """
    debate = build_debate(
        {
            "debate": {"slug": slug, **debate_fields},
            "introduction": [{"text": "The President opened the debate."}],
            "panels": [
                {
                    "title": "A possible approach for defining Human Security",
                    "paragraphs": [
                        {
                            "text": "One panelist suggested a definition. Several participants emphasized the R2P.",
                            "statements": [
                                {"text": "One panelist suggested a definition."},
                                {"text": "Several participants emphasized the R2P."},
                            ],
                        }
                    ],
                }
            ],
        }
    )
    source = make_document(symbol=symbol, title=f"Coverage of {slug}", url=f"https://example.org/{slug}")
    Paragraph.objects.filter(debate=debate).update(text_origin=text_origin)
    for paragraph in debate.paragraphs.all():
        paragraph.sources.set([source])
    Intervention.objects.filter(debate=debate).update(source=source)
    return debate


class CitationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        two_paragraph_debate(
            OFFICIAL,
            TextOrigin.OFFICIAL,
            symbol="A/65/999",
            title="Informal Thematic Debate on Human Security",
            title_origin=TitleOrigin.OFFICIAL,
            start_date=datetime.date(2011, 4, 14),
            end_date=datetime.date(2011, 4, 14),
        )
        two_paragraph_debate(
            ARCHIVE,
            TextOrigin.ARCHIVE,
            symbol="GA/10944",
            title="Plenary Meetings & Panel on Human Security",
            start_date=datetime.date(2010, 5, 20),
            end_date=datetime.date(2010, 5, 21),
        )
        two_paragraph_debate(DRAFT, TextOrigin.OFFICIAL, symbol="A/65/998", status=Debate.Status.DRAFT)

    def cite(self, slug, citation_format, **params):
        query = "&".join(f"{name}={value}" for name, value in {"format": citation_format, **params}.items())
        response = self.client.get(f"/debates/{slug}/cite/?{query}")
        self.assertEqual(response.status_code, HTTPStatus.OK, response.content[:500])
        return response.content.decode(), response

    def link(self, slug, p, s=None):
        return f"http://testserver/debates/{slug}/p{p}/" + (f"s{s}/" if s else "")

    # UN style

    def test_un_style_of_official_text_names_the_general_assembly_and_its_document(self):
        text, response = self.cite(OFFICIAL, "un", p=2, s=1)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertNotIn("Content-Disposition", response)
        self.assertTrue(
            text.startswith("United Nations General Assembly, “Informal Thematic Debate on Human Security”")
        )
        self.assertIn("14 April 2011, A/65/999, Panel 1", text)
        self.assertIn("paragraph 2, statement 1", text)
        self.assertIn(
            f"Official text, accessed through the Human Security Debates Archive: {self.link(OFFICIAL, 2, 1)}", text
        )
        self.assertIn(f"(accessed {citations.un_date_range(timezone.localdate())})", text)
        self.assertNotIn("archive's account", text)

    def test_un_style_of_the_archives_account_names_the_archive_as_author_and_the_un_document_as_source(self):
        text, _ = self.cite(ARCHIVE, "un", p=2)
        self.assertTrue(text.startswith("Human Security Debates Archive, "), text)
        self.assertIn("(United Nations General Assembly, 20–21 May 2010)", text)
        self.assertIn("paragraph 2.", text)
        self.assertIn("The archive's account, based on GA/10944.", text)
        self.assertIn(self.link(ARCHIVE, 2), text)
        self.assertNotIn("Official text", text)
        # The title the archive wrote is not quoted as a UN title.
        self.assertNotIn("“Plenary", text)

    def test_a_document_without_a_symbol_is_named_by_its_title(self):
        paragraph = Paragraph.objects.get(debate__slug=ARCHIVE, number=1)
        paragraph.sources.set([make_document(title="Statement by the President")])
        text, _ = self.cite(ARCHIVE, "un", p=1)
        self.assertIn("The archive's account, based on “Statement by the President”.", text)

    def test_official_text_without_sources_is_from_the_debates_summary(self):
        debate = Debate.objects.get(slug=OFFICIAL)
        paragraph = debate.paragraphs.get(number=1)
        paragraph.sources.clear()
        summary = make_document(symbol="A/65/1000", title="Summary of the debate")
        DebateDocument.objects.create(debate=debate, document=summary, relation=DebateDocument.Relation.SUMMARY)
        text, _ = self.cite(OFFICIAL, "un", p=1)
        self.assertIn("14 April 2011, A/65/1000, Introduction, paragraph 1.", text)

    def test_the_whole_debate(self):
        text, _ = self.cite(OFFICIAL, "un")
        self.assertTrue(text.startswith("United Nations General Assembly, "))
        self.assertIn("A/65/999", text)
        self.assertIn("http://testserver/debates/informal-thematic-debate-test/ ", text)
        text, _ = self.cite(ARCHIVE, "un")
        self.assertTrue(text.startswith("Human Security Debates Archive, "))
        self.assertIn("based on GA/10944", text)

    def test_un_style_is_the_default(self):
        response = self.client.get(f"/debates/{OFFICIAL}/cite/?p=1")
        self.assertTrue(response.content.decode().startswith("United Nations General Assembly, "))

    # Chicago

    def test_chicago_note_and_bibliography(self):
        text, response = self.cite(OFFICIAL, "chicago", p=2, s=2)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        note, entry = re.fullmatch(r"Note:\n(.*)\n\nBibliography:\n(.*)\n", text).groups()
        self.assertTrue(note.startswith("United Nations General Assembly, Informal Thematic Debate on Human Security"))
        self.assertIn("A/65/999", note)
        self.assertIn("para. 2, statement 2", note)
        self.assertIn(self.link(OFFICIAL, 2, 2), note)
        self.assertTrue(note.endswith("Official text, accessed through the Human Security Debates Archive."))
        self.assertTrue(
            entry.startswith("United Nations General Assembly. Informal Thematic Debate on Human Security.")
        )
        self.assertIn("2011", entry)

    def test_chicago_for_the_archives_account(self):
        text, _ = self.cite(ARCHIVE, "chicago", p=2, s=1)
        note, entry = re.fullmatch(r"Note:\n(.*)\n\nBibliography:\n(.*)\n", text).groups()
        for form in (note, entry):
            self.assertTrue(form.startswith("Human Security Debates Archive"), form)
            self.assertTrue(form.endswith("The archive's account, based on GA/10944."), form)
        self.assertIn("para. 2, statement 1", note)

    # Downloads, read back by libraries

    def test_bibtex_parses_back_with_symbol_date_paragraph_and_link(self):
        text, response = self.cite(OFFICIAL, "bibtex", p=2, s=1)
        self.assertEqual(response["Content-Type"], "application/x-bibtex; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], f'attachment; filename="{OFFICIAL}-p2-s1.bib"')
        library = bibtexparser.parse_string(text)
        self.assertEqual(library.failed_blocks, [])
        (entry,) = library.entries
        self.assertEqual(entry.entry_type, "report")
        self.assertEqual(entry.key, f"{OFFICIAL}-p2-s1")
        self.assertEqual(entry["author"], "{United Nations General Assembly}")
        self.assertEqual(entry["number"], "A/65/999")
        self.assertEqual(entry["date"], "2011-04-14")
        self.assertEqual(
            entry["titleaddon"], "Panel 1: “A possible approach for defining Human Security”, paragraph 2, statement 1"
        )
        self.assertEqual(entry["url"], self.link(OFFICIAL, 2, 1))
        self.assertEqual(entry["urldate"], timezone.localdate().isoformat())
        self.assertEqual(entry["type"], "Official text")

    def test_bibtex_of_the_archives_account_escapes_tex_and_gives_no_symbol_as_its_number(self):
        text, _ = self.cite(ARCHIVE, "bibtex", p=1)
        (entry,) = bibtexparser.parse_string(text).entries
        self.assertEqual(entry["author"], "{Human Security Debates Archive}")
        self.assertEqual(entry["title"], r"Plenary Meetings \& Panel on Human Security")
        self.assertNotIn("number", entry.fields_dict)
        self.assertEqual(entry["addendum"], "The archive's account, based on GA/10944")
        self.assertEqual(entry["date"], "2010-05-20/2010-05-21")
        self.assertEqual(entry["titleaddon"], "Introduction, paragraph 1")
        self.assertEqual(entry["url"], self.link(ARCHIVE, 1))

    def test_ris_parses_back_with_symbol_date_paragraph_and_link(self):
        text, response = self.cite(OFFICIAL, "ris", p=2)
        self.assertEqual(response["Content-Type"], "application/x-research-info-systems; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], f'attachment; filename="{OFFICIAL}-p2.ris"')
        self.assertTrue(text.startswith("TY  - RPRT\n"), text)
        (entry,) = rispy.loads(text)
        self.assertEqual(entry["authors"], ["United Nations General Assembly"])
        self.assertEqual(entry["issn"], "A/65/999")
        self.assertEqual(entry["date"], "2011/04/14/")
        self.assertEqual(entry["section"], "Panel 1: “A possible approach for defining Human Security”, paragraph 2")
        self.assertEqual(entry["urls"], [self.link(OFFICIAL, 2)])
        self.assertEqual(entry["name_of_database"], "Human Security Debates Archive")
        text, _ = self.cite(ARCHIVE, "ris", p=2, s=2)
        (entry,) = rispy.loads(text)
        self.assertEqual(entry["authors"], ["Human Security Debates Archive"])
        self.assertNotIn("issn", entry)
        self.assertEqual(entry["notes"], ["The archive's account, based on GA/10944"])
        self.assertEqual(entry["urls"], [self.link(ARCHIVE, 2, 2)])

    def test_csl_json_parses_back_with_symbol_date_paragraph_and_link(self):
        text, response = self.cite(ARCHIVE, "csl-json", p=2, s=2)
        self.assertEqual(response["Content-Type"], "application/vnd.citationstyles.csl+json")
        self.assertEqual(response["Content-Disposition"], f'attachment; filename="{ARCHIVE}-p2-s2.json"')
        (item,) = json.loads(text)
        self.assertEqual(item["type"], "report")
        self.assertEqual(item["author"], [{"literal": "Human Security Debates Archive"}])
        self.assertNotIn("number", item)
        self.assertEqual(item["note"], "The archive's account, based on GA/10944")
        self.assertEqual(item["issued"], {"date-parts": [[2010, 5, 20], [2010, 5, 21]]})
        self.assertTrue(item["section"].endswith("paragraph 2, statement 2"))
        self.assertEqual(item["URL"], self.link(ARCHIVE, 2, 2))
        (item,) = json.loads(self.cite(OFFICIAL, "csl-json", p=1)[0])
        self.assertEqual(item["author"], [{"literal": "United Nations General Assembly"}])
        self.assertEqual(item["number"], "A/65/999")
        self.assertEqual(item["archive"], "Human Security Debates Archive")

    # Bad input, drafts

    def test_each_bad_parameter_is_a_400_naming_it(self):
        cases = [
            ("format=xml&p=1", "format"),
            ("format=&p=1", "format"),
            ("format=un&format=ris", "format"),
            ("p=abc", "p"),
            ("p=0", "p"),
            ("p=", "p"),
            ("p=1.5", "p"),
            ("p=99", "p"),
            ("p=99999999999999999999", "p"),
            ("p=1&p=2", "p"),
            ("p=2&s=abc", "s"),
            ("p=2&s=0", "s"),
            ("p=2&s=3", "s"),
            ("p=2&s=99999999999999999999", "s"),
            ("p=1&s=1", "s"),  # paragraph 1 has no statements
            ("p=2&s=", "s"),
            ("s=1", "s"),
            ("p=2&s=1&s=2", "s"),
            ("p=%00", "p"),
        ]
        for query, parameter in cases:
            with self.subTest(query=query):
                response = self.client.get(f"/debates/{OFFICIAL}/cite/?{query}")
                self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
                self.assertEqual(list(response.context["errors"]), [parameter])
                self.assertContains(response, f"<code>{parameter}</code>", status_code=HTTPStatus.BAD_REQUEST)

    def test_a_draft_or_unknown_debate_is_a_404(self):
        for url in (f"/debates/{DRAFT}/cite/?p=1", f"/debates/{DRAFT}/cite/", "/debates/no-such-debate/cite/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, HTTPStatus.NOT_FOUND)

    # The Cite control on the debate page

    def test_the_debate_page_cites_each_text_by_its_permanent_link_with_every_format(self):
        html = self.client.get(f"/debates/{ARCHIVE}/").content.decode()
        citation = re.search(r'<p class="citation" id="cite-p2-s1">(.*?)</p>', html, re.S).group(1)
        self.assertTrue(citation.startswith("Human Security Debates Archive, "), citation)
        self.assertIn("The archive&#x27;s account, based on GA/10944", citation)
        self.assertTrue(citation.endswith(self.link(ARCHIVE, 2, 1)), citation)
        for citation_format in ("chicago", "bibtex", "ris", "csl-json"):
            self.assertIn(f'href="/debates/{ARCHIVE}/cite/?format={citation_format}&amp;p=2&amp;s=1"', html)
        self.assertIn(f'href="/debates/{ARCHIVE}/cite/?format=bibtex&amp;p=1"', html)
        html = self.client.get(f"/debates/{OFFICIAL}/").content.decode()
        citation = re.search(r'<p class="citation" id="cite-p1">(.*?)</p>', html, re.S).group(1)
        self.assertTrue(citation.startswith("United Nations General Assembly, "), citation)
        self.assertTrue(citation.endswith(self.link(OFFICIAL, 1)), citation)

    def test_the_debate_pages_own_citation_says_whose_words_the_debate_is(self):
        html = self.client.get(f"/debates/{ARCHIVE}/").content.decode()
        citation = re.search(r'<p class="debate-citation">.*?</span>\s*(.*?)</p>', html, re.S).group(1)
        self.assertTrue(citation.startswith("Human Security Debates Archive, "), citation)
        self.assertIn("based on GA/10944", citation)
        html = self.client.get(f"/debates/{OFFICIAL}/").content.decode()
        citation = re.search(r'<p class="debate-citation">.*?</span>\s*(.*?)</p>', html, re.S).group(1)
        self.assertTrue(citation.startswith("United Nations General Assembly, "), citation)
        self.assertIn("A/65/999", citation)

    def test_a_citation_dated_today_is_never_stored_or_revalidated_as_unchanged(self):
        first = self.client.get(f"/debates/{OFFICIAL}/cite/?format=ris&p=1")
        self.assertIn("no-store", first["Cache-Control"])
        self.assertNotIn("ETag", first)
        again = self.client.get(f"/debates/{OFFICIAL}/cite/?format=ris&p=1", HTTP_IF_NONE_MATCH="*")
        self.assertEqual(again.status_code, HTTPStatus.OK)
        self.assertNotEqual(again.get("X-Archive-Cache"), "hit")
        export = self.client.get("/interventions/export.ris")
        self.assertIn("no-store", export["Cache-Control"])
