"""The explorer's in-memory index (public/facet_index.py) selects what the SQL filters select, and is never stale."""

from django.test import RequestFactory, TestCase

from debates.models import Debate, Participant, Theme
from panels.models import Intervention
from public.facet_index import facet_index
from public.filters import StatementFilterSet
from tests.factories import make_participant
from tests.search.data import SLUG_2008, SLUG_2011, add_generated_debates, load_archive

QUERIES = [
    "",
    "theme=freedom-from-fear",
    "theme=freedom-from-fear&theme=freedom-to-live-in-dignity",
    "topic=state-sovereignty",
    "actor=panelist",
    "actor=participant&extent=some",
    "stance=emphasized",
    f"debate={SLUG_2011}&actor=panelist",
    "participant=srgjan-kerim",
    "year_from=2009",
    "year_to=2010",
    "year_from=2009&year_to=2010&theme=freedom-from-want",
    "year_from=2012",
    "q=security",
    'q="human security" -index',
    "q=security&theme=freedom-from-fear&year_to=2011",
    f"debate={SLUG_2008}&topic=use-of-force",
    "scope=whole",
    "scope=freedoms&theme=freedom-from-want",
    "scope=procedural&year_from=2010",
    "participant=named-state",
    "participant=named-state&scope=whole",
]


def filterset(query):
    request = RequestFactory().get(f"/interventions/?{query}")
    statements = Intervention.objects.published().for_listing()
    found = StatementFilterSet(data=request.GET, queryset=statements, request=request)
    assert found.is_valid(), found.errors
    return found


def name_a_state_in_statements():
    """A Member State named as taking the position of three published statements, one of which has a speaker."""
    state = make_participant(slug="named-state", name="A named State", kind=Participant.Kind.MEMBER_STATE)
    statements = list(Intervention.objects.published().filter(participant=None).order_by("pk")[:2])
    statements.append(Intervention.objects.published().filter(participant__isnull=False).order_by("pk").first())
    for statement in statements:
        statement.named_participants.add(state)
    return state, statements


class IndexAgreesWithTheDatabaseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive()
        add_generated_debates()
        name_a_state_in_statements()

    def test_a_participant_is_found_where_a_statement_names_them_as_well_as_where_they_speak(self):
        found = filterset("participant=named-state")
        self.assertEqual(len(found.selection()), 3)
        options = {option.value: option.count for option in filterset("").facets()["participant"]}
        self.assertEqual(options["named-state"], 3)
        speaker = (
            Intervention.objects.published().filter(named_participants__slug="named-state").exclude(participant=None)
        )
        speaker_slug = speaker.get().participant.slug
        spoken = Intervention.objects.published().filter(participant__slug=speaker_slug).count()
        self.assertEqual(options[speaker_slug], spoken)

    def test_each_filter_selects_the_same_statements_in_the_same_order_as_its_sql(self):
        for query in QUERIES:
            with self.subTest(query=query):
                found = filterset(query)
                selection = found.selection()
                expected = list(found.qs.values_list("pk", flat=True))
                self.assertEqual(len(selection), len(expected))
                self.assertEqual([item.pk for item in selection[0 : len(expected)]], expected)
                middle = len(expected) // 2
                self.assertEqual([item.pk for item in selection[middle : middle + 3]], expected[middle : middle + 3])

    def test_every_parameter_of_the_explorer_is_known_to_the_index(self):
        query = (
            f"debate={SLUG_2011}&theme=freedom-from-fear&topic=state-sovereignty&actor=panelist&extent=one"
            "&stance=stated&scope=freedoms&section=panel&participant=srgjan-kerim&year_from=2008&year_to=2011&q=security"
        )
        found = filterset(query)
        self.assertEqual(set(found.form.cleaned_data), set(found.filters))
        sets = found.index_sets(facet_index())
        self.assertEqual(set(sets) | {"year_from", "year_to"}, set(found.filters) | {"year"})


class IndexFollowsEveryChangeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive()

    def explorer_total(self, query=""):
        return self.client.get(f"/interventions/?{query}").context["page_obj"].paginator.count

    def test_a_new_theme_on_a_statement_counts_at_once(self):
        dignity = Theme.objects.get(slug="freedom-to-live-in-dignity")
        before = self.explorer_total("theme=freedom-to-live-in-dignity")
        statement = Intervention.objects.published().exclude(themes=dignity).first()
        statement.themes.add(dignity)
        self.assertEqual(self.explorer_total("theme=freedom-to-live-in-dignity"), before + 1)

    def test_withdrawing_a_debate_takes_its_statements_out_at_once(self):
        before = self.explorer_total()
        debate = Debate.objects.get(slug=SLUG_2011)
        debate_statements = debate.interventions.count()
        Debate.objects.filter(pk=debate.pk).update(status=Debate.Status.WITHDRAWN)
        self.assertEqual(self.explorer_total(), before - debate_statements)
        response = self.client.get(f"/interventions/?debate={SLUG_2011}")
        self.assertEqual(response.status_code, 400)  # a debate that is not published is not a choice

    def test_a_changed_word_is_found_at_once(self):
        self.assertEqual(self.explorer_total("q=zanzibar"), 0)
        statement = Intervention.objects.published().first()
        Intervention.objects.filter(pk=statement.pk).update(text=f"{statement.text} Zanzibar")
        self.assertEqual(self.explorer_total("q=zanzibar"), 1)

    def test_a_renamed_theme_shows_at_once_on_statements_listed_before(self):
        query = f"debate={SLUG_2011}&theme=freedom-from-fear"
        self.assertContains(self.client.get(f"/interventions/?{query}"), ">Freedom from fear</a>")
        Theme.objects.filter(slug="freedom-from-fear").update(name="Freedom from fear, renamed")
        response = self.client.get(f"/interventions/?{query}")
        self.assertContains(response, ">Freedom from fear, renamed</a>")
        self.assertNotContains(response, ">Freedom from fear</a>")


def test_recent_keeps_the_latest_used_and_drops_the_least_recently_used():
    from public.facet_index import Recent

    recent = Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get("a") == 1  # now the most recently used
    recent.put("c", 3)
    assert (recent.get("a"), recent.get("b"), recent.get("c")) == (1, None, 3)
    assert recent.get_or_compute("c", lambda: 99) == 3
    assert recent.get_or_compute("d", lambda: 4) == 4 and recent.get("a") is None
