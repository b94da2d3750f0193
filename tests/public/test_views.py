"""The public pages: what each shows, in which order, with which links, anchors and citations; never a draft."""

import re
from http import HTTPStatus
from unittest import mock

from django.db.models import Count, Q
from django.test import TestCase, override_settings
from django.utils.html import escape

from debates.models import Debate, Document, Theme, Topic
from panels.models import Intervention, Paragraph
from tests.factories import build_debate, make_participant
from tests.search.data import SLUG_2008, SLUG_2010, SLUG_2011, load_archive

PUBLISHED = Q(debate__status=Debate.Status.PUBLISHED)


class PublicPagesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive()
        cls.draft_speaker = make_participant(slug="draft-speaker", name="Draft Speaker")
        cls.draft = build_debate(
            {
                "debate": {"slug": "draft-debate", "title": "Secret draft debate", "status": Debate.Status.DRAFT},
                "introduction": [
                    {
                        "text": "Draft paragraph about freedom from fear.",
                        "statements": [
                            {
                                "text": "Draft paragraph about freedom from fear.",
                                "themes": ["freedom-from-fear"],
                                "topics": ["use-of-force"],
                                "participant": cls.draft_speaker,
                            }
                        ],
                    }
                ],
            }
        )

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK, url)
        return response

    def assertNoDraft(self, response):
        self.assertNotContains(response, "Secret draft debate")
        self.assertNotContains(response, "Draft paragraph")
        self.assertNotContains(response, "Draft Speaker")


class HomeTests(PublicPagesTestCase):
    def test_what_the_archive_holds(self):
        response = self.get("/")
        statements = Intervention.objects.filter(PUBLISHED).count()
        paragraphs = Paragraph.objects.filter(PUBLISHED).count()
        self.assertContains(response, f"<strong>{statements}</strong> attributed statements")
        self.assertContains(response, f"<strong>{paragraphs}</strong> paragraphs of summary text")
        self.assertContains(response, "<strong>3</strong> debates")
        self.assertNoDraft(response)

    def test_the_charts_show_the_most_recent_debates_and_link_to_all(self):
        with mock.patch("public.views.HOME_DEBATES", 2):
            response = self.get("/")
        self.assertEqual([debate.slug for debate in response.context["debates"]], [SLUG_2010, SLUG_2011])
        self.assertContains(response, "The 2 most recent of 3")
        self.assertContains(response, "<strong>3</strong> debates")
        self.assertEqual([event.url for event in response.context["timeline"].events][-1], f"/debates/{SLUG_2011}/")
        self.assertNotContains(response, f'href="/debates/{SLUG_2008}/"')

    def test_timeline_entry_points_and_search_box(self):
        html = self.get("/").content.decode()
        positions = [html.index(f"/debates/{slug}/") for slug in (SLUG_2011, SLUG_2010, SLUG_2008)]
        self.assertIn("Timeline of the debates", html)
        for theme in Theme.objects.all():
            self.assertIn(f'href="{theme.get_absolute_url()}"', html)
        for topic in Topic.objects.all():
            self.assertIn(f'href="{topic.get_absolute_url()}"', html)
        self.assertRegex(html, r'<form[^>]+role="search"[^>]+action="/search/"')
        self.assertEqual(len(positions), 3)


class DebateListTests(PublicPagesTestCase):
    def slugs(self, query=""):
        return [d.slug for d in self.get(f"/debates/?{query}").context["debates"]]

    def test_newest_first_and_no_draft(self):
        self.assertEqual(self.slugs(), [SLUG_2011, SLUG_2010, SLUG_2008])
        self.assertNoDraft(self.get("/debates/"))

    def test_filters(self):
        self.assertEqual(self.slugs("year=2010"), [SLUG_2010])
        self.assertEqual(self.slugs("session=65"), [SLUG_2011])
        self.assertEqual(self.slugs("kind=informal-thematic-debate"), [SLUG_2011])
        with_index = Debate.objects.filter(interventions__topics__slug="index-of-human-security").distinct()
        self.assertEqual(set(self.slugs("topic=index-of-human-security")), {d.slug for d in with_index})
        dignity = Debate.objects.published().filter(interventions__themes__slug="freedom-to-live-in-dignity")
        self.assertEqual(set(self.slugs("theme=freedom-to-live-in-dignity")), {d.slug for d in dignity.distinct()})
        self.assertEqual(self.slugs("year=2011&kind=thematic-debate"), [])
        self.assertEqual(self.slugs("year=2008&theme=freedom-from-fear"), [SLUG_2008])

    def test_every_filter_has_a_labelled_control(self):
        html = self.get("/debates/").content.decode()
        for name in ("year", "session", "kind", "theme", "topic"):
            self.assertIn(f'<label for="id_{name}">', html)
            self.assertRegex(html, rf'name="{name}"[^>]*id="id_{name}"|id="id_{name}"[^>]*name="{name}"')

    def counts(self, query=""):
        return {d.slug: d.intervention_count or 0 for d in self.get(f"/debates/?{query}").context["debates"]}

    def test_statement_counts_count_only_the_chosen_theme_or_topic(self):
        published = Intervention.objects.filter(PUBLISHED)
        every = {slug: published.filter(debate__slug=slug).count() for slug in (SLUG_2008, SLUG_2010, SLUG_2011)}
        self.assertEqual(self.counts(), every)
        for query, scope in (
            ("theme=freedom-from-fear", Q(themes__slug="freedom-from-fear")),
            ("topic=use-of-force", Q(topics__slug="use-of-force")),
            (
                "theme=freedom-from-want&topic=definition-of-human-security",
                Q(themes__slug="freedom-from-want") & Q(topics__slug="definition-of-human-security"),
            ),
        ):
            with self.subTest(query=query):
                counts = self.counts(query)
                self.assertTrue(counts)
                expected = {slug: published.filter(scope, debate__slug=slug).distinct().count() for slug in counts}
                self.assertEqual(counts, expected)
                self.assertTrue(all(counts[slug] < every[slug] for slug in counts), counts)

    def test_a_scoped_count_says_what_it_counts(self):
        debate = Debate.objects.get(slug=SLUG_2011)
        on_fear = debate.interventions.filter(themes__slug="freedom-from-fear").count()
        response = self.get("/debates/?theme=freedom-from-fear")
        self.assertContains(response, f"{on_fear} statement{'s' * (on_fear != 1)} on Freedom from fear</span>")
        both = self.get("/debates/?theme=freedom-from-fear&topic=use-of-force")
        self.assertContains(both, " on Freedom from fear and Use of force</span>")
        self.assertNotContains(self.get("/debates/"), " on Freedom from fear</span>")

    def test_dates_are_written_in_un_style(self):
        response = self.get("/debates/")
        self.assertContains(response, '<time datetime="2010-05-20">20–21 May 2010</time>')
        self.assertContains(response, '<time datetime="2011-04-14">14 April 2011</time>')


class DebateDetailTests(PublicPagesTestCase):
    def test_the_whole_summary_in_reading_order_with_stable_anchors(self):
        response = self.get(f"/debates/{SLUG_2011}/")
        html = response.content.decode()
        paragraphs = list(Paragraph.objects.filter(debate__slug=SLUG_2011).order_by("number"))
        positions = [html.index(f'id="p{p.number}"') for p in paragraphs]
        self.assertEqual(positions, sorted(positions))
        self.assertIn('id="panel-1"', html)
        self.assertIn('id="panel-2"', html)
        self.assertLess(html.index('id="introduction"'), html.index('id="panel-1"'))
        self.assertLess(html.index('id="panel-2"'), html.index('id="conclusion"'))
        for statement in Intervention.objects.filter(debate__slug=SLUG_2011):
            self.assertIn(f'id="{statement.anchor}"', html)
        ids = re.findall(r'\sid="([^"]+)"', html)
        self.assertEqual(len(ids), len(set(ids)), "duplicate ids")

    def test_metadata_and_official_documents(self):
        response = self.get(f"/debates/{SLUG_2010}/")
        debate = Debate.objects.get(slug=SLUG_2010)
        self.assertContains(response, debate.title)
        self.assertContains(response, "20 May 2010")
        self.assertContains(response, f"session {debate.session}")
        for document in Document.objects.filter(debate_links__debate=debate):
            self.assertContains(response, escape(document.title))
            if document.url:
                self.assertContains(response, f'href="{document.url}"')
        self.assertContains(response, "A/RES/64/291")

    def test_cite_gives_title_date_panel_paragraph_statement_and_permalink(self):
        html = self.get(f"/debates/{SLUG_2011}/").content.decode()
        statement = Intervention.objects.get(debate__slug=SLUG_2011, text__contains="distinguishing the Responsibility")
        citation = re.search(rf'<p class="citation" id="cite-{statement.anchor}">(.*?)</p>', html, re.S).group(1)
        self.assertIn("Informal Thematic Debate on Human Security", citation)
        self.assertIn("14 April 2011", citation)
        self.assertIn("Panel 1", citation)
        self.assertIn(f"paragraph {statement.paragraph.number}, statement {statement.order}", citation)
        permalink = f"http://testserver/debates/{SLUG_2011}/p{statement.paragraph.number}/s{statement.order}/"
        self.assertIn(permalink, citation)
        paragraph_citation = re.search(r'<p class="citation" id="cite-p1">(.*?)</p>', html, re.S).group(1)
        self.assertIn("Introduction, paragraph 1.", paragraph_citation)
        self.assertIn(f"http://testserver/debates/{SLUG_2011}/p1/", paragraph_citation)

    def test_cite_names_the_document_symbol_where_there_is_one(self):
        html = self.get(f"/debates/{SLUG_2010}/").content.decode()
        with_symbol = Intervention.objects.filter(debate__slug=SLUG_2010).exclude(source__symbol="").first()
        self.assertIsNotNone(with_symbol, "the 2010 fixture should quote a document with a symbol")
        citation = re.search(rf'id="cite-{with_symbol.anchor}">(.*?)</p>', html, re.S).group(1)
        self.assertIn(with_symbol.source.symbol, citation)

    def test_cite_works_without_javascript(self):
        html = self.get(f"/debates/{SLUG_2011}/").content.decode()
        self.assertRegex(html, r'<details class="cite">\s*<summary>Cite')
        self.assertIn('<button type="button" class="copy-citation" data-citation="cite-p1" hidden>', html)

    def test_labels_link_to_the_explorer(self):
        html = self.get(f"/debates/{SLUG_2011}/").content.decode()
        self.assertIn('href="/interventions/?actor=panelist"', html)
        self.assertIn('href="/interventions/?extent=one"', html)
        self.assertIn('href="/interventions/?stance=emphasized"', html)
        self.assertIn('href="/interventions/?theme=freedom-from-fear"', html)
        self.assertIn('href="/interventions/?topic=responsibility-to-protect"', html)

    def test_named_participants_of_a_debate(self):
        response = self.get(f"/debates/{SLUG_2008}/")
        self.assertContains(response, 'href="/participants/srgjan-kerim/"')


class VocabularyTests(PublicPagesTestCase):
    def test_theme_list_counts_published_statements_only(self):
        response = self.get("/themes/")
        self.assertEqual(list(response.context["terms"]), list(Theme.objects.all()))
        for theme in response.context["terms"]:
            expected = Intervention.objects.filter(PUBLISHED, themes=theme).count()
            self.assertEqual(theme.intervention_count, expected)
            self.assertContains(response, f"({expected} statement")
        self.assertNoDraft(response)

    def test_each_theme_page_lists_statements_of_more_than_one_debate_grouped_in_time_order(self):
        for theme in Theme.objects.all():
            with self.subTest(theme=theme.slug):
                response = self.get(theme.get_absolute_url())
                per_debate = {
                    debate: Intervention.objects.filter(PUBLISHED, debate=debate, themes=theme).count()
                    for debate in Debate.objects.filter(status=Debate.Status.PUBLISHED).order_by("start_date")
                }
                per_debate = {debate: n for debate, n in per_debate.items() if n}
                self.assertGreater(len(per_debate), 1)
                self.assertEqual(response.context["debate_total"], len(per_debate))
                self.assertEqual(response.context["total"], sum(per_debate.values()))
                charted = [(bar.full_label, bar.count) for bar in response.context["chart"].bars]
                self.assertEqual(charted, [(f"{d.start_date:%Y} {d.title}", n) for d, n in per_debate.items()])
                for debate, expected in per_debate.items():
                    self.assertEqual(response.context["debate_counts"][debate.pk], expected)
                    self.assertContains(response, f"{expected} statement{'s' if expected != 1 else ''}")
                shown = {i.debate.slug for i in response.context["page_obj"].object_list}
                self.assertGreater(len(shown), 1)
                self.assertNoDraft(response)

    def test_a_theme_page_charts_only_the_debates_with_most_statements_on_it(self):
        theme = Theme.objects.get(slug="freedom-from-fear")
        per_debate = {
            debate: Intervention.objects.filter(PUBLISHED, debate=debate, themes=theme).count()
            for debate in Debate.objects.filter(status=Debate.Status.PUBLISHED)
        }
        most = max(per_debate, key=per_debate.get)
        with mock.patch("public.views.VOCABULARY_CHART_SIZE", 1):
            response = self.get(theme.get_absolute_url())
        bars = [(bar.full_label, bar.count) for bar in response.context["chart"].bars]
        self.assertEqual(bars, [(f"{most.start_date:%Y} {most.title}", per_debate[most])])
        self.assertContains(response, "The 1 debate with the most statements on it")
        self.assertEqual(response.context["debate_total"], sum(1 for n in per_debate.values() if n))

    def test_topic_pages(self):
        response = self.get("/topics/")
        self.assertEqual(len(response.context["terms"]), Topic.objects.count())
        topic = Topic.objects.annotate(n=Count("interventions")).filter(n__gt=0).first()
        response = self.get(topic.get_absolute_url())
        listed = {i.pk for i in response.context["page_obj"].object_list}
        self.assertEqual(listed, set(Intervention.objects.filter(PUBLISHED, topics=topic).values_list("pk", flat=True)))
        self.assertNoDraft(self.get("/topics/use-of-force/"))


class ParticipantTests(PublicPagesTestCase):
    def test_list_names_only_participants_of_published_debates(self):
        response = self.get("/participants/")
        self.assertContains(response, 'href="/participants/srgjan-kerim/"')
        self.assertNoDraft(response)

    def test_a_participant_with_what_they_said(self):
        response = self.get("/participants/srgjan-kerim/")
        said = Intervention.objects.filter(participant__slug="srgjan-kerim")
        self.assertTrue(said.exists())
        for statement in said:
            self.assertContains(response, statement.text_html, html=False)
        self.assertContains(response, f'href="/debates/{SLUG_2008}/"')

    def test_a_participant_only_in_a_draft_is_not_public(self):
        self.assertEqual(self.client.get("/participants/draft-speaker/").status_code, HTTPStatus.NOT_FOUND)


class DraftTests(PublicPagesTestCase):
    def test_no_public_page_shows_a_draft(self):
        for url in (
            "/",
            "/debates/",
            "/themes/",
            "/themes/freedom-from-fear/",
            "/topics/",
            "/topics/use-of-force/",
            "/participants/",
            "/interventions/",
            "/interventions/?theme=freedom-from-fear",
            "/search/?q=draft",
            "/search/?q=secret",
        ):
            with self.subTest(url=url):
                self.assertNoDraft(self.get(url))
        self.assertEqual(self.client.get("/debates/draft-debate/").status_code, HTTPStatus.NOT_FOUND)


class NotFoundPageTests(TestCase):
    """A 404 is the site's own styled page, also under DEBUG (``make run``), where Django would show its own."""

    def assertStyledNotFound(self, response):
        self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)
        html = response.content.decode()
        self.assertRegex(html, r'<link rel="stylesheet" href="[^"]*archive[^"]*\.css">')
        self.assertIn("<h1>Not found</h1>", html)
        return html

    def test_unknown_address_without_debug(self):
        html = self.assertStyledNotFound(self.client.get("/no-such-page/"))
        self.assertNotIn("technical-404", html)

    @override_settings(DEBUG=True)
    def test_unknown_address_under_debug(self):
        html = self.assertStyledNotFound(self.client.get("/no-such-page/"))
        self.assertIn('href="/no-such-page/?technical-404=1"', html)

    @override_settings(DEBUG=True)
    def test_a_view_raising_http404_under_debug(self):
        html = self.assertStyledNotFound(self.client.get("/debates/no-such-debate/"))
        self.assertIn("No debate found matching the query", html)

    @override_settings(DEBUG=True)
    def test_djangos_technical_page_stays_one_parameter_away(self):
        response = self.client.get("/no-such-page/?technical-404=1")
        self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)
        self.assertContains(response, "Using the URLconf", status_code=HTTPStatus.NOT_FOUND)

    @override_settings(DEBUG=True)
    def test_a_missing_final_slash_is_still_redirected(self):
        response = self.client.get("/debates")
        self.assertEqual(response.status_code, HTTPStatus.MOVED_PERMANENTLY)
        self.assertEqual(response["Location"], "/debates/")


class FaviconTests(TestCase):
    def test_every_page_links_the_icon_and_favicon_ico_leads_to_it(self):
        html = self.client.get("/").content.decode()
        icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertEqual(response["Location"], icon)


class ThemeListCountTests(TestCase):
    def test_one_statement_is_counted_in_the_singular(self):
        from tests.factories import make_debate, make_intervention, make_paragraph

        make_intervention(make_paragraph(make_debate()), themes=["freedom-from-fear"])
        html = self.client.get("/themes/").content.decode()
        self.assertIn("How the 1 statement is coded", html)
        self.assertIn("more than the 1 statement because", html)
