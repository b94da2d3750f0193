"""/search/ over the three debates, on either database: other forms of words, symbols, abbreviations, one hit
per passage, whose words each passage is, filters, order and suggestions (issue 15).

The expectations are read off the fixtures by hand: where "protection" is said, which debates list
A/RES/64/291, which statements speak of the responsibility to protect.
"""

import re
from http import HTTPStatus

from debates.models import Debate, Topic
from panels.models import Intervention, Paragraph
from tests.public.test_search_views import R2P_STATEMENT, SearchPageTestCase
from tests.search.data import SLUG_2008, SLUG_2010, SLUG_2011

R2P_2008 = "Japan, Jordan, Egypt, Sudan, Morocco, Pakistan and Liechtenstein referred in their statements"


def passage(slug, text):
    return Paragraph.objects.get(debate__slug=slug, text__contains=text)


class WordsAndSymbolsTests(SearchPageTestCase):
    def test_protecting_finds_the_passages_about_protection_and_marks_the_word_there(self):
        emphasis = passage(SLUG_2011, "emphasizes protection and empowerment")
        results = [r for r in self.all_results("protecting") if r.paragraph_number == emphasis.number]
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0].debate_slug, SLUG_2011)
        self.assertIn("<mark>protection</mark> and empowerment", results[0].snippet)

    def test_a_symbol_finds_its_document_first_then_the_debates_listing_it(self):
        results = self.search("A/RES/64/291").context["results"]
        self.assertEqual((results[0].kind, results[0].location), ("document", "A/RES/64/291"))
        self.assertEqual(
            results[0].debate_title, "Follow-up to paragraph 143 on human security of the 2005 World Summit Outcome"
        )
        self.assertEqual({r.debate_slug for r in results if r.kind == "debate"}, {SLUG_2010, SLUG_2011})
        self.assertEqual({slug for slug, _ in results[0].citing}, {SLUG_2010, SLUG_2011})
        self.assertContains(self.search("a/res/64/291"), "<bdi>A/RES/64/291</bdi>")  # as typed, any case

    def test_a_symbol_in_a_passage_finds_it(self):
        introduction = passage(SLUG_2010, "Before it was the Secretary-General's report A/64/701")
        self.assertIn(f"/debates/{SLUG_2010}/#p{introduction.number}", self.places("A/64/701"))

    def test_r2p_finds_the_responsibility_to_protect_and_the_other_way_round(self):
        statements = [Intervention.objects.get(text=R2P_STATEMENT), Intervention.objects.get(text__startswith=R2P_2008)]
        anchors = {f"/debates/{s.debate.slug}/#p{s.paragraph.number}" for s in statements}
        self.assertLessEqual(anchors, self.places("R2P"))
        self.assertLessEqual(anchors, self.places('"responsibility to protect"'))
        self.assertEqual(self.places("R2P"), self.places("RtoP"))

    def test_the_abbreviations_are_the_codebooks_and_it_shows_them(self):
        statement = Intervention.objects.get(text=R2P_STATEMENT)  # says "Responsibility to Protect", not "R2P"
        place = f"/debates/{SLUG_2011}/#p{statement.paragraph.number}"
        self.assertIn(place, self.places("R2P"))
        self.assertContains(self.client.get("/codebook/"), '<a href="/search/?q=R2P">R2P</a>')
        Topic.objects.filter(slug="responsibility-to-protect").update(search_variants="")
        self.assertNotIn(place, self.places("R2P"))

    def test_people_centred_and_people_centred_with_a_hyphen_find_each_other(self):
        hyphenated = passage(SLUG_2011, "As an inherently people-centred notion")
        spaced = passage(SLUG_2010, '"People Centred Responses')
        for q in ("people-centred", '"people centred"'):
            places = self.places(q)
            self.assertIn(f"/debates/{SLUG_2011}/#p{hyphenated.number}", places, q)
            self.assertIn(f"/debates/{SLUG_2010}/#p{spaced.number}", places, q)

    def test_no_passage_is_listed_twice(self):
        for q in ("sovereignty", "human security", "protecting", "R2P", "development or rights"):
            found = [(r.kind, r.debate_slug, r.paragraph_number, r.location) for r in self.all_results(q)]
            self.assertEqual(len(found), len(set(found)), q)
            self.assertNotIn("statement", {kind for kind, *_ in found}, q)

    def test_each_passage_says_whose_words_it_is(self):
        results = {r.debate_slug: r for r in self.all_results("sovereignty") if r.kind == "paragraph"}
        self.assertEqual(results[SLUG_2010].text_origin, "archive")
        response = self.search("emphasizes protection")
        official = next(r for r in response.context["results"] if r.kind == "paragraph")
        self.assertEqual((official.debate_slug, official.origin_label), (SLUG_2011, "Official UN text"))
        self.assertContains(response, '<span class="origin-label">Official UN text</span>')
        self.assertContains(self.search("sovereignty"), '<span class="origin-label">The archive&#x27;s account</span>')


class FiltersAndOrderTests(SearchPageTestCase):
    def results(self, **params):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return response.context["results"]

    def test_years_and_a_debate_narrow_the_results(self):
        everything = self.results(q="human security")
        self.assertEqual({r.debate_slug for r in everything if r.debate_slug}, {SLUG_2008, SLUG_2010, SLUG_2011})
        for result in self.results(q="human security", year_from=2010, year_to=2010):
            self.assertEqual(result.debate_slug or SLUG_2010, SLUG_2010)
        only = self.results(q="human security", debate=SLUG_2008)
        self.assertTrue(only)
        self.assertEqual({r.debate_slug for r in only if r.kind != "document"}, {SLUG_2008})

    def test_a_debate_is_searched_from_its_page_and_never_offered_as_a_list_of_every_debate(self):
        page = self.client.get(f"/debates/{SLUG_2011}/").content.decode()
        self.assertIn(f'<input type="hidden" name="debate" value="{SLUG_2011}">', page)
        response = self.client.get("/search/", {"q": "security", "debate": SLUG_2011})
        html = response.content.decode()
        self.assertIn(f'<input type="hidden" name="debate" value="{SLUG_2011}">', html)
        self.assertIn('<a href="?q=security">search every debate</a>', html)
        self.assertNotIn('<select name="debate"', html)
        self.assertNotIn('<select name="debate"', self.search("security").content.decode())

    def test_a_kind_of_debate_narrows_the_results(self):
        kind = Debate.objects.get(slug=SLUG_2011).kind
        results = self.results(q="human security", kind=kind)
        self.assertEqual({r.debate_slug for r in results if r.kind != "document"}, {SLUG_2011})

    def test_a_theme_keeps_the_passages_with_a_statement_filed_under_it(self):
        results = [r for r in self.results(q="security", theme="freedom-from-fear") if r.kind == "paragraph"]
        self.assertTrue(results)
        for result in results:
            statements = Intervention.objects.filter(
                debate__slug=result.debate_slug, paragraph__number=result.paragraph_number
            )
            self.assertTrue(statements.filter(themes__slug="freedom-from-fear").exists(), result.url)
        unfiltered = [r for r in self.results(q="security") if r.kind == "paragraph"]
        self.assertLess(len(results), len(unfiltered))

    def test_a_topic_keeps_the_passages_with_a_statement_filed_under_it(self):
        results = [
            r for r in self.results(q="human security", topic="responsibility-to-protect") if r.kind == "paragraph"
        ]
        self.assertTrue(results)
        for result in results:
            statements = Intervention.objects.filter(
                debate__slug=result.debate_slug, paragraph__number=result.paragraph_number
            )
            self.assertTrue(statements.filter(topics__slug="responsibility-to-protect").exists(), result.url)

    def test_newest_and_oldest_first(self):
        newest = [r.debate_date for r in self.results(q="sovereignty", sort="newest")]
        oldest = [r.debate_date for r in self.results(q="sovereignty", sort="oldest")]
        self.assertEqual(newest, sorted(newest, reverse=True))
        self.assertEqual(oldest, sorted(oldest))
        self.assertNotEqual(newest, oldest)

    def test_bad_filters_are_refused_naming_the_parameter(self):
        for params, name in [
            ({"theme": "freedom-from-boredom"}, "theme"),
            ({"topic": "nope"}, "topic"),
            ({"debate": "no-such-debate"}, "debate"),
            ({"kind": "picnic"}, "kind"),
            ({"sort": "best"}, "sort"),
            ({"year_from": "1900"}, "year_from"),
            ({"year_from": "2012", "year_to": "2010"}, "year_to"),
        ]:
            response = self.client.get("/search/", {"q": "security", **params})
            self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST, params)
            self.assertIn(name, response.context["errors"], params)

    def test_a_draft_debate_is_not_a_filter(self):
        Debate.objects.filter(slug=SLUG_2008).update(status=Debate.Status.DRAFT)
        response = self.client.get("/search/", {"q": "security", "debate": SLUG_2008})
        self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
        self.assertIn("debate", response.context["errors"])


class SuggestionTests(SearchPageTestCase):
    def test_a_misspelt_word_is_offered_the_archives_spelling(self):
        response = self.search("soverignty")
        self.assertEqual(response.context["results"], [])
        self.assertContains(response, 'Did you mean <a href="?q=sovereignty">sovereignty</a>?')
        self.assertTrue(self.search("sovereignty").context["results"])

    def test_filters_that_leave_nothing_are_offered_for_removal(self):
        response = self.client.get("/search/", {"q": "sovereignty", "year_from": 2011})
        self.assertEqual(response.context["results"], [])
        html = response.content.decode()
        count = len(self.all_results("sovereignty"))
        self.assertIn(f'<a href="?q=sovereignty">Search without the filters</a> ({count} results)', html)
        self.assertRegex(html, r'leave out one filter: <a href="\?q=sovereignty">the first year</a>')

    def test_nothing_close_offers_nothing(self):
        response = self.search("xqzzyv")
        self.assertEqual(response.context["results"], [])
        self.assertNotContains(response, "Did you mean")
        self.assertIn("Nothing in the published debates matches.", re.sub(r"\s+", " ", response.content.decode()))
