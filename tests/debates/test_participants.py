"""Participants as first-class: grouped by kind, States with their ISO 3166 code, every statement naming them."""

from http import HTTPStatus

from django.test import TestCase

from debates.models import Debate, Participant
from tests.factories import build_debate, make_participant

SPOKEN = "Japan highlighted the report on human security."
NAMED = "Several Member States called for a common understanding."
DRAFT = "Draft-only: Member States urged a definition."


class ParticipantPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.person = make_participant(slug="a-person", name="Ann Person", role="Moderator")
        cls.japan = make_participant(slug="japan", name="Japan", kind=Participant.Kind.MEMBER_STATE, country_code="JPN")
        cls.egypt = make_participant(slug="egypt", name="Egypt", kind=Participant.Kind.MEMBER_STATE, country_code="EGY")
        cls.group = make_participant(slug="g77", name="Group of 77", kind=Participant.Kind.GROUP_OF_STATES)
        cls.entity = make_participant(slug="undp", name="UNDP", kind=Participant.Kind.UN_ENTITY)
        cls.organization = make_participant(slug="icrc", name="ICRC", kind=Participant.Kind.ORGANIZATION)
        cls.draft_only = make_participant(
            slug="peru", name="Peru", kind=Participant.Kind.MEMBER_STATE, country_code="PER"
        )
        build_debate(
            {
                "introduction": [
                    {
                        "text": f"{SPOKEN} {NAMED}",
                        "statements": [
                            {"text": SPOKEN, "participant": cls.japan, "stance": "highlighted"},
                            {"text": NAMED, "participant": cls.person, "extent": "several", "stance": "called-for"},
                        ],
                    },
                    {
                        "text": "Others agreed.",
                        "statements": [{"text": "Others agreed.", "participant": cls.group}],
                    },
                    {
                        "text": "UNDP presented.",
                        "statements": [{"text": "UNDP presented.", "participant": cls.entity}],
                    },
                    {
                        "text": "The ICRC noted.",
                        "statements": [{"text": "The ICRC noted.", "participant": cls.organization}],
                    },
                ]
            }
        )
        cls.named = cls.person.interventions.get(text=NAMED)
        cls.named.named_participants.set([cls.japan, cls.egypt])
        draft = build_debate(
            {
                "debate": {"status": Debate.Status.DRAFT, "title": "Secret draft debate"},
                "introduction": [{"text": DRAFT, "statements": [{"text": DRAFT}]}],
            }
        )
        draft.interventions.get().named_participants.set([cls.japan, cls.draft_only])

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK, url)
        return response

    def test_the_list_groups_participants_under_their_kind(self):
        html = self.get("/participants/").content.decode()
        headings = ["Persons", "Member States", "Groups of States", "UN entities", "Organizations"]
        positions = [html.index(f">{heading}</h2>") for heading in headings]
        self.assertEqual(positions, sorted(positions))
        members = {
            "Persons": ["Ann Person"],
            "Member States": ["Egypt", "Japan"],
            "Groups of States": ["Group of 77"],
            "UN entities": ["UNDP"],
            "Organizations": ["ICRC"],
        }
        ends = [*positions[1:], len(html)]
        for heading, start, end in zip(headings, positions, ends, strict=True):
            section = html[start:end]
            for name in members[heading]:
                self.assertIn(f">{name}</a>", section, heading)
        self.assertNotIn("Peru", html)
        self.assertNotIn("Secret draft debate", html)

    def test_a_state_shows_its_iso_code_and_name_and_counts_what_names_it(self):
        html = self.get("/participants/").content.decode()
        japan = html[html.index('href="/participants/japan/"') :]
        japan = japan[: japan.index("</li>")]
        self.assertIn("JPN</abbr> · Japan", japan)
        # Japan speaks one published statement and is named in another; the draft that names it does not count.
        self.assertIn("2 statements speaking or named", japan)
        egypt = html[html.index('href="/participants/egypt/"') :]
        self.assertIn("EGY</abbr> · Egypt · 1 statement speaking or named", egypt[: egypt.index("</li>")])

    def test_a_states_page_shows_each_statement_with_its_part(self):
        response = self.get("/participants/japan/")
        html = response.content.decode()
        self.assertIn("ISO 3166 <abbr", html)
        self.assertIn("JPN</abbr>: Japan", html)
        self.assertIn(SPOKEN, html)
        self.assertIn(NAMED, html)
        items = {
            statement.text: statement.spoken_by_participant for statement in response.context["page_obj"].object_list
        }
        self.assertEqual(items, {SPOKEN: True, NAMED: False})
        spoken = html[html.index("Part: <strong>speaker</strong>") :]
        self.assertLess(spoken.index("Japan highlighted"), spoken.index("</li>"))
        named = html[html.index("Part: <strong>named as taking this position</strong>") :]
        self.assertLess(named.index(NAMED), named.index("</li>"))

    def test_a_state_only_named_in_published_statements_has_a_page(self):
        response = self.get("/participants/egypt/")
        self.assertContains(response, NAMED)
        self.assertContains(response, "Part: <strong>named as taking this position</strong>")
        self.assertNotContains(response, "Part: <strong>speaker</strong>")

    def test_a_drafts_statement_naming_a_state_does_not_show(self):
        response = self.get("/participants/japan/")
        self.assertNotContains(response, "Draft-only")
        self.assertNotContains(response, "Secret draft debate")
        self.assertEqual(response.context["page_obj"].paginator.count, 2)
        self.assertEqual(self.client.get("/participants/peru/").status_code, HTTPStatus.NOT_FOUND)
