"""The charts: server-rendered SVG with a title, a description and the same numbers as a table; no inline style."""

import datetime
import re
from http import HTTPStatus

from django.test import TestCase

from debates.models import Debate, Theme
from panels.models import Intervention
from public import charts
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

    def test_every_chart_is_an_image_labelled_by_its_title_and_description(self):
        for url in ("/", "/themes/freedom-from-fear/"):
            html = self.html(url)
            images = re.findall(r'<div class="[a-z-]+" role="img"[^>]*>.*?<details class="chart-data">', html, re.S)
            self.assertTrue(images)
            for image in images:
                title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^" ]+)"', image).groups()
                self.assertRegex(image, rf'<p class="visually-hidden" id="{title_id}">[^<]+</p>')
                self.assertRegex(image, rf'<p class="visually-hidden" id="{desc_id}">[^<]+</p>')
                self.assertNotIn("<a ", image)  # links live in the table: an image's children are not interactive
                for svg in re.findall(r"<svg[^>]*>", image):
                    self.assertIn('aria-hidden="true"', svg)  # the marks only draw; the words are text

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

    def test_chart_labels_are_whole_page_text_outside_the_svgs(self):
        html = self.html("/")
        for debate in Debate.objects.published():
            label = f"{debate.start_date:%Y} {debate.title}"
            self.assertIn(f'<span class="coverage-label chart-label">{label}</span>', html)
            self.assertRegex(html, rf'<span class="timeline-label chart-label">.*?{re.escape(debate.title)}')
        for theme in Theme.objects.all():
            self.assertIn(f'<span class="coverage-cell chart-heading">{theme.name}</span>', html)
        for svg in re.findall(r"<svg.*?</svg>", html, re.S):
            self.assertNotIn("<text", svg)
        self.assertNotIn("…", html)

    def test_timeline_years_stand_in_equal_slots_under_their_ticks(self):
        debates = list(Debate.objects.published().order_by("start_date"))
        chart = charts.timeline(debates, {})
        self.assertEqual([tick.label for tick in chart.ticks], ["2008", "2009", "2010", "2011", "2012"])
        slot = charts.TIMELINE_WIDTH / len(chart.ticks)
        for i, tick in enumerate(chart.ticks):
            self.assertAlmostEqual(tick.x, slot * (i + 0.5), places=0)
        for event in chart.events:
            self.assertLess(event.radius, event.x)
            self.assertLess(event.x + event.radius, charts.TIMELINE_WIDTH)
        dates = [event.date_label for event in chart.events]
        self.assertEqual(dates, ["22 May 2008", "20–21 May 2010", "14 April 2011"])

    def test_a_long_span_of_years_labels_at_most_eight(self):
        class Meeting:
            def __init__(self, pk, year):
                self.pk, self.title, self.language = pk, f"Debate {year}", "en"
                self.start_date = self.end_date = datetime.date(year, 6, 1)

            def get_absolute_url(self):
                return f"/debates/{self.pk}/"

        chart = charts.timeline([Meeting(1, 1990), Meeting(2, 2024)], {1: 1, 2: 4})
        self.assertLessEqual(len(chart.ticks), charts.TIMELINE_MAX_TICKS)
        self.assertEqual(chart.ticks[0].label, "1990")
        self.assertGreaterEqual(int(chart.ticks[-1].label), 2025)
        self.assertLess(chart.events[-1].x, charts.TIMELINE_WIDTH)
