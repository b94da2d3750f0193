"""The charts: server-rendered SVG with a title, a description and the same numbers as a table; no inline style."""

import re
from http import HTTPStatus

from django.test import TestCase

from debates.charts import shorten, wrap
from debates.models import Debate, Theme
from panels.models import Intervention
from tests.search.data import load_archive

PAGES = [
    "/",
    "/debates/",
    "/debates/informal-thematic-debate-human-security-2011/",
    "/themes/",
    "/themes/freedom-from-fear/",
    "/topics/",
    "/topics/use-of-force/",
    "/participants/",
    "/participants/srgjan-kerim/",
    "/interventions/",
    "/search/?q=security",
    "/interventions/?page=x",
]


def table_rows(html, caption):
    """The rows of the table with ``caption``, each as a list of cell texts."""
    table = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", html, re.S).group(1)
    body = table.split("<tbody>")[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)] for row in rows
    ]


class ChartTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive()

    def html(self, url):
        response = self.client.get(url)
        return response.content.decode()

    def test_coverage_matrix_numbers_are_the_statements_per_debate_and_theme(self):
        rows = table_rows(self.html("/"), "Attributed statements per debate and theme")
        themes = list(Theme.objects.all())
        debates = list(Debate.objects.published().order_by("start_date"))
        self.assertEqual(len(rows), len(debates))
        for row, debate in zip(rows, debates, strict=True):
            self.assertEqual(row[0], f"{debate.start_date:%Y} {debate.title}")
            expected = [str(Intervention.objects.filter(debate=debate, themes=theme).count()) for theme in themes]
            self.assertEqual(row[1:], expected)

    def test_timeline_numbers_are_the_statements_per_debate_in_time_order(self):
        rows = table_rows(self.html("/"), "The debates in time order")
        debates = list(Debate.objects.published().order_by("start_date"))
        self.assertEqual([row[1] for row in rows], [d.title for d in debates])
        self.assertEqual([row[2] for row in rows], [str(d.interventions.count()) for d in debates])
        self.assertEqual(rows[0][0], "22 May 2008")

    def test_theme_page_bars_count_the_themes_statements_per_debate(self):
        theme = Theme.objects.get(slug="freedom-from-want")
        rows = table_rows(self.html(theme.get_absolute_url()), "Statements per debate")
        expected = [
            [f"{d.start_date:%Y} {d.title}", str(Intervention.objects.filter(debate=d, themes=theme).count())]
            for d in Debate.objects.published().filter(interventions__themes=theme).distinct().order_by("start_date")
        ]
        self.assertEqual(rows, expected)

    def test_every_svg_is_an_image_labelled_by_its_title_and_description(self):
        for url in ("/", "/themes/freedom-from-fear/"):
            html = self.html(url)
            svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
            self.assertTrue(svgs)
            for svg in svgs:
                self.assertIn('role="img"', svg)
                title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^" ]+)"', svg).groups()
                self.assertRegex(svg, rf'<title id="{title_id}">[^<]+</title>')
                self.assertRegex(svg, rf'<desc id="{desc_id}">[^<]+</desc>')
                self.assertNotIn("<a ", svg)  # links live in the table: an image's children are not interactive

    def test_no_page_has_inline_styles_or_scripts(self):
        for url in PAGES:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, {HTTPStatus.OK, HTTPStatus.BAD_REQUEST})
                html = response.content.decode()
                self.assertNotRegex(html, r"\sstyle=")
                self.assertNotIn("<style", html)
                self.assertNotRegex(html, r"<script(?![^>]*\ssrc=)")
                self.assertNotRegex(html, r"\son[a-z]+=")

    def test_labels_are_shortened_between_words_and_wrapped(self):
        self.assertEqual(shorten("Informal Thematic Debate on Human Security", 26), "Informal Thematic Debate…")
        self.assertEqual(shorten("Short", 26), "Short")
        self.assertEqual(wrap("Freedom to live in dignity", 12), ["Freedom to", "live in", "dignity"])
