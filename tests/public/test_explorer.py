"""The researcher's explorer, /interventions/: every filter alone and combined, facet counts, order, pages.

Expected results are computed with plain ORM queries written here, independently of the FilterSet,
or taken from the words of the official 2011 summary.
"""

import re
from http import HTTPStatus
from unittest import mock

from django.test import TestCase
from django.urls import reverse

from debates.models import Debate, Theme, Topic
from panels.attribution import ActorKind, Extent, Stance
from panels.models import Intervention
from tests.factories import build_debate
from tests.search.data import SLUG_2008, SLUG_2010, SLUG_2011, load_archive

URL = reverse("public:intervention-list")
IN_TIME_ORDER = [SLUG_2008, SLUG_2010, SLUG_2011]


def published():
    return Intervention.objects.filter(debate__status=Debate.Status.PUBLISHED)


class ExplorerTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive()
        cls.draft = build_debate(
            {
                "debate": {"slug": "draft-debate", "status": Debate.Status.DRAFT, "title": "Unpublished draft"},
                "introduction": [
                    {
                        "text": "One panelist suggested a secret definition.",
                        "statements": [
                            {"text": "One panelist suggested a secret definition.", "themes": ["freedom-from-fear"]}
                        ],
                    }
                ],
            }
        )

    def explore(self, query=""):
        response = self.client.get(f"{URL}?{query}" if query else URL)
        self.assertEqual(response.status_code, HTTPStatus.OK, response.content[:2000])
        return response

    def all_pks(self, query):
        """Every statement of the filtered set, across all its pages."""
        response = self.explore(query)
        pks = [i.pk for i in response.context["page_obj"].object_list]
        for number in range(2, response.context["page_obj"].paginator.num_pages + 1):
            page = self.explore(f"{query}&page={number}" if query else f"page={number}")
            pks += [i.pk for i in page.context["page_obj"].object_list]
        return pks

    def assertFinds(self, query, expected_queryset):
        pks = self.all_pks(query)
        self.assertEqual(len(pks), len(set(pks)), "a statement was listed twice")
        self.assertEqual(set(pks), set(expected_queryset.values_list("pk", flat=True)))
        self.assertTrue(pks, f"the test needs {query!r} to match something")


class FilterTests(ExplorerTestCase):
    def test_no_filter_lists_every_published_statement_and_no_draft(self):
        self.assertFinds("", published())
        self.assertNotContains(self.explore(), "secret definition")

    def test_debate(self):
        self.assertFinds(f"debate={SLUG_2010}", published().filter(debate__slug=SLUG_2010))

    def test_theme(self):
        self.assertFinds(
            "theme=freedom-to-live-in-dignity", published().filter(themes__slug="freedom-to-live-in-dignity")
        )

    def test_repeated_theme_means_any_of_them(self):
        expected = published().filter(themes__slug__in=["freedom-from-fear", "freedom-from-want"]).distinct()
        self.assertFinds("theme=freedom-from-fear&theme=freedom-from-want", expected)
        want = published().filter(themes__slug="freedom-from-want").count()
        self.assertGreater(expected.count(), want)

    def test_topic(self):
        self.assertFinds("topic=state-sovereignty", published().filter(topics__slug="state-sovereignty"))

    def test_each_actor(self):
        for kind in ActorKind:
            with self.subTest(kind=kind):
                expected = [i.pk for i in published() if i.actor_kinds & kind]
                if expected:
                    self.assertFinds(f"actor={kind.slug}", published().filter(pk__in=expected))

    def test_each_extent_and_stance(self):
        for name, values in (("extent", Extent.values), ("stance", Stance.values)):
            for value in values:
                with self.subTest(name=name, value=value):
                    expected = published().filter(**{name: value})
                    if expected.exists():
                        self.assertFinds(f"{name}={value}", expected)
                    else:
                        self.assertEqual(self.explore(f"{name}={value}").context["page_obj"].paginator.count, 0)

    def test_participant(self):
        self.assertFinds("participant=srgjan-kerim", published().filter(participant__slug="srgjan-kerim"))

    def test_years(self):
        self.assertFinds("year_from=2010", published().filter(debate__start_date__year__gte=2010))
        self.assertFinds("year_to=2008", published().filter(debate__slug=SLUG_2008))
        self.assertFinds("year_from=2010&year_to=2010", published().filter(debate__slug=SLUG_2010))

    def test_words(self):
        pks = self.all_pks("q=index")
        texts = Intervention.objects.filter(pk__in=pks).values_list("text", flat=True)
        self.assertTrue(texts)
        for text in texts:
            self.assertRegex(text.lower(), r"\bindex")
        missing = published().filter(text__icontains=" index ").exclude(pk__in=pks)
        self.assertFalse(missing.exists())

    def test_combined_filters(self):
        expected = published().filter(
            debate__slug=SLUG_2011, themes__slug="freedom-from-fear", debate__start_date__year__gte=2011
        )
        expected = expected.filter(pk__in=[i.pk for i in expected if i.actor_kinds & ActorKind.PARTICIPANT])
        self.assertFinds(f"debate={SLUG_2011}&theme=freedom-from-fear&actor=participant&year_from=2011", expected)

    def test_one_panelist_in_2011_is_exactly_what_the_summary_attributes_to_one_panelist(self):
        # The three sentences of the 2011 summary that say "one panelist".
        sentences = [
            "One panelist suggested placing emphasis on perceived threats",
            "Security today, noted one panelist, is less about securing borders",
            "one panelist asserted that it was still necessary to build a case-by-case working framework",
        ]
        response = self.explore(f"debate={SLUG_2011}&actor=panelist&extent=one")
        texts = [i.text for i in response.context["page_obj"].object_list]
        self.assertEqual(len(texts), 3)
        for sentence in sentences:
            self.assertEqual(sum(sentence in text for text in texts), 1, sentence)

    def test_panelists_and_participants_are_found_under_both_actors(self):
        statement = published().get(
            debate__slug=SLUG_2011, text__contains="several panelists and participants emphasized that States bear"
        )
        for actor in ("panelist", "participant"):
            with self.subTest(actor=actor):
                self.assertIn(statement.pk, self.all_pks(f"debate={SLUG_2011}&actor={actor}"))
        self.assertNotIn(statement.pk, self.all_pks(f"debate={SLUG_2011}&actor=meeting"))


class OrderAndPageTests(ExplorerTestCase):
    def test_reading_order_oldest_debate_first(self):
        pks = self.all_pks("")
        by_pk = {i.pk: i for i in published().select_related("debate", "paragraph")}
        keys = [(by_pk[pk].debate.start_date, by_pk[pk].paragraph.number, by_pk[pk].order) for pk in pks]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(by_pk[pks[0]].debate.slug, SLUG_2008)
        self.assertEqual(by_pk[pks[-1]].debate.slug, SLUG_2011)

    def test_pages_of_25_and_the_url_keeps_the_filters(self):
        response = self.explore("theme=freedom-from-fear&theme=freedom-from-want")
        page = response.context["page_obj"]
        total = published().filter(themes__slug__in=["freedom-from-fear", "freedom-from-want"]).distinct().count()
        self.assertEqual(page.paginator.count, total)
        self.assertEqual(len(page.object_list), min(25, total))
        if page.has_next():
            self.assertContains(response, "?theme=freedom-from-fear&amp;theme=freedom-from-want&amp;page=2")

    def test_page_past_the_end_is_not_found(self):
        last = self.explore().context["page_obj"].paginator.num_pages
        self.assertEqual(self.client.get(f"{URL}?page={last + 1}").status_code, HTTPStatus.NOT_FOUND)

    def test_an_empty_result_is_a_page_not_an_error(self):
        response = self.explore(f"debate={SLUG_2008}&year_from=2011")
        self.assertEqual(response.context["page_obj"].paginator.count, 0)
        self.assertContains(response, "No published statement matches.")


class FacetTests(ExplorerTestCase):
    def facets(self, query):
        return self.explore(query).context["facets"]

    def test_counts_for_the_current_selection_leave_out_the_facets_own_parameter(self):
        facets = self.facets(f"debate={SLUG_2011}&actor=panelist")
        base = published().filter(debate__slug=SLUG_2011)
        panelist = [i.pk for i in base if i.actor_kinds & ActorKind.PANELIST]
        with_panelist = base.filter(pk__in=panelist)
        for option in facets["extent"]:
            self.assertEqual(option.count, with_panelist.filter(extent=option.value).count(), option.value)
        for option in facets["stance"]:
            self.assertEqual(option.count, with_panelist.filter(stance=option.value).count(), option.value)
        for option in facets["actor"]:
            kind = ActorKind.from_slug(option.value)
            self.assertEqual(option.count, sum(1 for i in base if i.actor_kinds & kind), option.value)
            self.assertEqual(option.selected, option.value == "panelist")
        for option in facets["theme"]:
            self.assertEqual(option.count, with_panelist.filter(themes__slug=option.value).count(), option.value)
        for option in facets["topic"]:
            self.assertEqual(option.count, with_panelist.filter(topics__slug=option.value).count(), option.value)
        counts = {option.value: option.count for option in facets["debate"]}
        all_panelist = [i.pk for i in published() if i.actor_kinds & ActorKind.PANELIST]
        for slug in (SLUG_2008, SLUG_2010, SLUG_2011):
            expected = published().filter(debate__slug=slug, pk__in=all_panelist).count()
            if expected:
                self.assertEqual(counts[slug], expected, slug)
            else:  # a debate with nothing to show is not offered
                self.assertNotIn(slug, counts)
        self.assertNotIn("draft-debate", counts)

    def test_the_debate_facet_offers_those_on_the_page_the_chosen_one_and_those_with_most_matches(self):
        topic = "state-sovereignty"
        matches = {slug: published().filter(debate__slug=slug, topics__slug=topic).count() for slug in IN_TIME_ORDER}
        most = max(matches, key=matches.get)
        with mock.patch("public.registry.DEBATE_FACET_SIZE", 1), mock.patch("public.views.EXPLORER_PAGE_SIZE", 1):
            context = self.explore(f"topic={topic}").context
            chosen = self.facets(f"topic={topic}&debate={SLUG_2011}")["debate"]
        on_page = {item.debate.slug for item in context["page_obj"].object_list}
        others = {slug: n for slug, n in matches.items() if slug not in on_page}
        self.assertEqual(len(others), 2, "the test needs two debates that are not on the page")
        offered = on_page | {max(others, key=others.get)}
        self.assertEqual(
            [(option.value, option.count) for option in context["facets"]["debate"]],
            [(slug, matches[slug]) for slug in IN_TIME_ORDER if slug in offered],
        )
        # The chosen debate is offered too, with its own count, whatever its rank.
        self.assertEqual(
            [(option.value, option.count, option.selected) for option in chosen],
            [(slug, matches[slug], slug == SLUG_2011) for slug in IN_TIME_ORDER if slug in {most, SLUG_2011}],
        )

    def test_theme_counts_with_themes_chosen_and_words(self):
        facets = self.facets("theme=freedom-from-fear&q=security")
        for option in facets["theme"]:
            expected = published().filter(themes__slug=option.value, text__icontains="security").count()
            self.assertEqual(option.count, expected, option.value)
        self.assertEqual([o.value for o in facets["theme"] if o.selected], ["freedom-from-fear"])

    def test_options_keep_their_vocabularys_order(self):
        facets = self.facets("extent=one")
        self.assertEqual([o.value for o in facets["theme"]], list(Theme.objects.values_list("slug", flat=True)))
        self.assertEqual([o.value for o in facets["topic"]], list(Topic.objects.values_list("slug", flat=True)))
        self.assertEqual([o.value for o in facets["debate"]], [SLUG_2008, SLUG_2010, SLUG_2011])
        self.assertEqual([o.value for o in facets["extent"]], Extent.values)

    def test_participant_counts(self):
        facets = self.facets("")
        counts = {option.value: option.count for option in facets["participant"]}
        self.assertEqual(counts["srgjan-kerim"], published().filter(participant__slug="srgjan-kerim").count())
        self.assertTrue(all(count > 0 for count in counts.values()))

    def test_counts_are_printed_next_to_the_options(self):
        response = self.explore(f"debate={SLUG_2011}")
        one = published().filter(debate__slug=SLUG_2011, extent="one").count()
        self.assertContains(response, f'<option value="one">One ({one})</option>', html=True)
        fear = published().filter(debate__slug=SLUG_2011, themes__slug="freedom-from-fear").count()
        self.assertRegex(response.content.decode(), rf"Freedom from fear \({fear}\)")

    def test_drafts_count_nowhere(self):
        facets = self.facets("")
        fear = next(o for o in facets["theme"] if o.value == "freedom-from-fear")
        self.assertEqual(fear.count, published().filter(themes__slug="freedom-from-fear").count())
        self.assertLess(fear.count, Intervention.objects.filter(themes__slug="freedom-from-fear").count())


class LinkTests(ExplorerTestCase):
    def test_every_label_links_to_the_explorer_filtered_by_it(self):
        html = self.explore(f"debate={SLUG_2008}").content.decode()
        statement = published().filter(debate__slug=SLUG_2008, participant__isnull=False).first()
        for href in (
            f"{URL}?actor=",
            f"{URL}?extent={statement.extent}",
            f"{URL}?stance={statement.stance}",
            f"{URL}?participant={statement.participant.slug}",
        ):
            self.assertIn(f'href="{href}', html)
        theme = Theme.objects.filter(interventions__debate__slug=SLUG_2008).first()
        topic = Topic.objects.filter(interventions__debate__slug=SLUG_2008).first()
        self.assertIn(f'href="{URL}?theme={theme.slug}"', html)
        self.assertIn(f'href="{URL}?topic={topic.slug}"', html)

    def test_following_a_label_gives_a_filtered_list(self):
        html = self.explore(f"debate={SLUG_2011}").content.decode()
        for href in sorted(set(re.findall(r'href="(/interventions/\?[^"]+)"', html)))[:12]:
            with self.subTest(href=href):
                response = self.client.get(href.replace("&amp;", "&"))
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertGreater(response.context["page_obj"].paginator.count, 0)

    def test_export_links_carry_the_filters(self):
        response = self.explore(f"debate={SLUG_2011}&extent=one&page=1")
        self.assertContains(response, f"/interventions/export.csv?debate={SLUG_2011}&amp;extent=one")
        self.assertContains(response, f"/interventions/export.json?debate={SLUG_2011}&amp;extent=one")

    def test_active_filters_can_be_removed_one_by_one(self):
        response = self.explore("theme=freedom-from-fear&theme=freedom-from-want&extent=some")
        self.assertContains(response, 'href="?theme=freedom-from-want&amp;extent=some"')
        self.assertContains(response, 'href="?theme=freedom-from-fear&amp;theme=freedom-from-want"')
