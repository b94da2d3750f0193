"""The codebook: every value of every vocabulary defined, counted on published statements only, and downloadable."""

import csv
import io
import json
from http import HTTPStatus

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from codebook.vocabularies import EXTENT_CUES
from debates.models import Debate, Theme, Topic
from panels.attribution import ACTOR_KIND_SLUGS, ActorKind, Extent, Scope, Stance
from panels.importer.classify import find_attributions
from panels.models import Intervention
from tests.factories import build_debate

DRAFT_TEXT = "Draft-only statement 9a1f urged everyone."
CONCERN = "Some panelists and participants expressed concern over misuse."


def expected_values():
    """``{vocabulary: {value: published statements coded so}}`` for every value, counted in SQL."""
    published = Intervention.objects.published()
    return {
        "actor": {slug: published.with_actor_kind(kind).count() for kind, slug in ACTOR_KIND_SLUGS.items()},
        "extent": {value: published.filter(extent=value).count() for value in Extent.values},
        "stance": {value: published.filter(stance=value).count() for value in Stance.values},
        "scope": {value: published.filter(scope=value).count() for value in Scope.values},
        "theme": {theme.slug: published.filter(themes=theme).count() for theme in Theme.objects.all()},
        "topic": {topic.slug: published.filter(topics=topic).count() for topic in Topic.objects.all()},
    }


class CodebookTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        statement = "One panelist suggested a definition."
        consensus = "There was general consensus on the next meeting."
        cls.published = build_debate(
            {
                "introduction": [
                    {
                        "text": f"{statement} {CONCERN}",
                        "statements": [
                            {"text": statement, "themes": ["freedom-from-fear"], "topics": ["use-of-force"]},
                            {
                                "text": CONCERN,
                                "actor_kinds": ActorKind.PANELIST | ActorKind.PARTICIPANT,
                                "extent": Extent.SOME,
                                "stance": Stance.EXPRESSED_CONCERN,
                                "topics": ["definition-of-human-security"],
                            },
                        ],
                    },
                    {
                        "text": consensus,
                        "statements": [
                            {
                                "text": consensus,
                                "actor_kinds": ActorKind.MEETING,
                                "extent": Extent.GENERAL_CONSENSUS,
                                "stance": Stance.AGREED,
                                "scope": Scope.PROCEDURAL,
                            }
                        ],
                    },
                ]
            }
        )
        cls.draft = build_debate(
            {
                "debate": {"status": Debate.Status.DRAFT},
                "introduction": [
                    {
                        "text": DRAFT_TEXT,
                        "statements": [
                            {
                                "text": DRAFT_TEXT,
                                "actor_kinds": ActorKind.SECRETARIAT | ActorKind.PANELIST,
                                "extent": Extent.MANY,
                                "stance": Stance.URGED,
                                "themes": ["freedom-from-want", "freedom-from-fear"],
                                "topics": ["responsibility-to-protect"],
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

    def entries(self, response):
        return {
            (vocabulary.name, entry.value): entry
            for vocabulary in response.context["vocabularies"]
            for entry in vocabulary.entries
        }

    def test_every_value_of_every_vocabulary_is_listed_with_a_definition(self):
        response = self.get("/codebook/")
        html = response.content.decode()
        listed = self.entries(response)
        expected = {(name, value) for name, values in expected_values().items() for value in values}
        self.assertEqual(set(listed), expected)
        undefined = sorted(key for key, entry in listed.items() if not entry.definition.strip())
        self.assertEqual(undefined, [], "these values have no definition")
        for (name, value), entry in listed.items():
            with self.subTest(vocabulary=name, value=value):
                self.assertIn(f'id="{name}-{value}"', html)
                self.assertIn(f'<p class="definition">{escape(entry.definition)}</p>', html)

    def test_the_vocabularies_of_the_model_are_all_there(self):
        listed = self.entries(self.get("/codebook/"))
        self.assertTrue({("actor", kind.slug) for kind in ActorKind} <= set(listed))
        for name, choices in (("extent", Extent), ("stance", Stance), ("scope", Scope)):
            self.assertTrue({(name, value) for value in choices.values} <= set(listed), name)
        self.assertEqual(Theme.objects.count(), 3)
        self.assertGreater(Topic.objects.count(), 0)

    def test_counts_are_the_published_statements_coded_so(self):
        listed = self.entries(self.get("/codebook/"))
        for name, values in expected_values().items():
            for value, count in values.items():
                with self.subTest(vocabulary=name, value=value):
                    self.assertEqual(listed[name, value].count, count)
        # The draft is coded with values no published statement has: they count nothing.
        self.assertEqual(listed["extent", Extent.MANY].count, 0)
        self.assertEqual(listed["stance", Stance.URGED].count, 0)
        self.assertEqual(listed["actor", "secretariat"].count, 0)
        self.assertEqual(listed["theme", "freedom-from-want"].count, 0)
        self.assertEqual(listed["theme", "freedom-from-fear"].count, 1)
        self.assertEqual(listed["actor", "panelist"].count, 2)

    def test_examples_are_published_statements_coded_so_with_links(self):
        response = self.get("/codebook/")
        html = response.content.decode()
        self.assertNotIn("Draft-only", html)
        listed = self.entries(response)
        for (name, value), entry in listed.items():
            with self.subTest(vocabulary=name, value=value):
                self.assertLessEqual(len(entry.examples), 3)
                self.assertEqual(len(entry.examples), min(entry.count, 3))
                for example in entry.examples:
                    self.assertEqual(example.debate_id, self.published.pk)
                    self.assertIn(f'href="{example.get_absolute_url()}"', html)
        concern = listed["stance", Stance.EXPRESSED_CONCERN].examples
        self.assertEqual([example.text for example in concern], [CONCERN])

    def test_each_entry_links_to_the_explorer_filtered_by_it(self):
        html = self.get("/codebook/").content.decode()
        for link in (
            "/interventions/?actor=panelist",
            "/interventions/?extent=general-consensus",
            "/interventions/?stance=expressed-concern",
            "/interventions/?scope=procedural",
            "/interventions/?theme=freedom-from-fear",
            "/interventions/?topic=use-of-force",
        ):
            self.assertIn(f'href="{link}"', html)

    def test_the_coding_rules_and_their_anchors(self):
        html = self.get("/codebook/").content.decode()
        for anchor in ("rules", "rule-statement", "rule-extent", "rule-stance", "rule-scope", "rule-origin"):
            self.assertIn(f'id="{anchor}"', html)
            self.assertIn(f'href="#{anchor}"', html)
        for words in ('"a significant number of"', '"general consensus"', "No number", '"other"', '"several"'):
            self.assertIn(words, html)
        self.assertIn("Official UN text", html)
        self.assertIn("The archive&#x27;s account", html)
        self.assertIn('href="/codebook.json"', html)
        self.assertIn('href="/codebook.csv"', html)

    def test_every_page_links_to_the_codebook(self):
        self.assertContains(self.get("/"), 'href="/codebook/"')

    def test_json_download_holds_every_value(self):
        response = self.get("/codebook.json")
        self.assertEqual(response["Content-Type"], "application/json")
        data = json.loads(response.content)
        self.assertEqual(data["statements"], Intervention.objects.published().count())
        found = {
            vocabulary["name"]: {value["value"]: value for value in vocabulary["values"]}
            for vocabulary in data["vocabularies"]
        }
        for name, values in expected_values().items():
            self.assertEqual(set(found[name]), set(values), name)
            for value, count in values.items():
                self.assertEqual(found[name][value]["count"], count, (name, value))
                self.assertTrue(found[name][value]["definition"], (name, value))
                self.assertTrue(found[name][value]["label"], (name, value))
        self.assertEqual(found["scope"]["whole"]["explorer_url"], "http://testserver/interventions/?scope=whole")
        self.assertEqual(found["scope"]["whole"]["codebook_url"], "http://testserver/codebook/#scope-whole")

    def test_csv_download_holds_every_value(self):
        response = self.get("/codebook.csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        found = {(row["vocabulary"], row["value"]): row for row in rows}
        self.assertEqual(len(found), len(rows))
        for name, values in expected_values().items():
            for value, count in values.items():
                with self.subTest(vocabulary=name, value=value):
                    self.assertEqual(int(found[name, value]["count"]), count)
                    self.assertTrue(found[name, value]["definition"])
        self.assertEqual(len(rows), sum(len(values) for values in expected_values().values()))

    def test_a_few_queries_whatever_the_archive_holds(self):
        def queries(url):
            self.client.get(url)  # builds the explorer's index, kept until the archive changes
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(url).status_code, HTTPStatus.OK)
            return len(captured)

        before = {url: queries(url) for url in ("/codebook/", "/codebook.json", "/codebook.csv")}
        build_debate(
            {
                "introduction": [
                    {"text": f"Statement {n}.", "statements": [{"text": f"Statement {n}.", "stance": stance}]}
                    for n, stance in enumerate(Stance.values)
                ]
            }
        )
        after = {url: queries(url) for url in before}
        self.assertEqual(after, before)
        self.assertLessEqual(max(after.values()), 5)


# Cues the importer does not read (yet): it proposes no statement, or no number, for them.
CUES_LEFT_TO_THE_CODER = {"for the most part", "others"}
# Cues that are a whole clause rather than a word before the speakers.
CLAUSE_CUES = {
    "general consensus": "There was general consensus that prevention matters.",
    "a shared understanding": "There was a shared understanding that prevention matters.",
    "broadly agreed": "Participants broadly agreed that prevention matters.",
}


def test_the_codebooks_extent_words_are_the_ones_the_importer_reads():
    for extent, cues in EXTENT_CUES:
        for cue in cues:
            if cue in CUES_LEFT_TO_THE_CODER:
                continue
            sentence = CLAUSE_CUES.get(cue, f"{cue.capitalize()} participants stressed that prevention matters.")
            found = [attribution.extent for attribution in find_attributions(sentence)]
            assert found == [extent.value], (cue, found)
