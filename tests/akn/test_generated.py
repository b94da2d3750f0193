"""Generated debates: any text, any labels, statements anywhere; each file valid, word for word, and read back the same.

Hypothesis builds debates with awkward texts (XML's special characters, non-breaking and other
Unicode spaces, line breaks, any letters and symbols, no control characters but line breaks and
tabs), statements at the start, middle or end of their paragraphs, side by side or overlapping,
numbered in any order, with any labels, speakers and named participants.  The benchmark's
synthetic debates (``manage.py generate_synthetic``) are checked the same way.
"""

import itertools

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akn.export import akn_export
from akn.names import akn
from akn.read import akn_import
from akn.schema import akn_schema
from debates.models import Debate, Participant, TextOrigin, Theme, TitleOrigin, Topic
from panels.attribution import ActorKind, Extent, Scope, Stance
from panels.models import Intervention, Panel, Paragraph, anchor
from tests.factories import make_debate, make_document, make_participant

from .support import NS, parse, snapshot, text_only

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)

AWKWARD = st.sampled_from(["<", ">", "&", '"', "'", "&amp;", "]]>", "<p>", "\u00a0", "\u2003", "\n", "\t", "\r\n"])
LETTERS = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs", "Cn")) | st.sampled_from("\n\t"), min_size=1, max_size=12
)
TEXT = st.lists(st.one_of(AWKWARD, LETTERS), min_size=1, max_size=6).map("".join)
WORDS = TEXT.filter(lambda text: text.strip())
SHORT = WORDS.map(lambda text: text[:60]).filter(lambda text: text.strip())
# What stands between statements: often nothing or spaces, XML's own or others (which XML does not count as space).
GAP = st.sampled_from(["", " ", "\n", "\r\n", "\t", "\u00a0", " \u2003 ", "\u2028"]) | TEXT


@st.composite
def statement_labels(draw, participants):
    kinds = draw(st.lists(st.sampled_from(list(ActorKind)), min_size=1, unique=True))
    return {
        "actor_kinds": sum(kinds),
        "extent": draw(st.sampled_from([*Extent.values, ""])),
        "stance": draw(st.sampled_from([*Stance.values, ""])),
        "scope": draw(st.sampled_from(Scope.values)),
        "needs_review": draw(st.booleans()),
        "participant": draw(st.none() | st.sampled_from(participants)) if participants else None,
        "named": draw(st.lists(st.sampled_from(participants), unique=True, max_size=2)) if participants else [],
        "themes": draw(st.lists(st.sampled_from(["freedom-from-fear", "freedom-from-want"]), unique=True)),
    }


@st.composite
def paragraph_spec(draw, participants):
    """A paragraph's text made of gaps and statements, and its statements: some side by side, some overlapping."""
    text, statements = "", []
    for _ in range(draw(st.integers(1, 4))):
        text += draw(GAP)
        if draw(st.integers(0, 2)):
            statements.append(draw(WORDS))
            text += statements[-1]
        else:
            text += draw(WORDS)
    text += draw(GAP)
    if draw(st.integers(0, 3)) == 0:  # a statement across others' words: it cannot be marked in the text
        start = draw(st.integers(0, len(text) - 1))
        piece = text[start : draw(st.integers(start + 1, len(text)))]
        if piece.strip():
            statements.append(piece)
    orders = draw(st.permutations(range(1, len(statements) + 1)))
    return {
        "text": text,
        "text_origin": draw(st.sampled_from(TextOrigin.values)),
        "statements": [
            (order, words, draw(statement_labels(participants)))
            for order, words in zip(orders, statements, strict=True)
        ],
    }


@st.composite
def debate_spec(draw):
    participants = [
        {"name": draw(SHORT), "kind": draw(st.sampled_from(Participant.Kind.values)), "note": draw(TEXT | st.just(""))}
        for _ in range(draw(st.integers(0, 3)))
    ]
    indices = list(range(len(participants)))
    return {
        "title": draw(SHORT),
        "title_origin": draw(st.sampled_from(TitleOrigin.values)),
        "abstract": draw(TEXT | st.just("")),
        "venue": draw(SHORT | st.just("")),
        "participants": participants,
        "introduction": draw(st.lists(paragraph_spec(indices), max_size=2)),
        "panels": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "title": SHORT,
                        "kind": st.sampled_from(Panel.Kind.values),
                        "title_origin": st.sampled_from(TitleOrigin.values),
                        "summary": TEXT | st.just(""),
                        "paragraphs": st.lists(paragraph_spec(indices), max_size=2),
                    }
                ),
                max_size=2,
            )
        ),
        "conclusion": draw(st.lists(paragraph_spec(indices), max_size=1)),
    }


def build(spec):
    """The debate ``spec`` describes, saved; every slug fresh, as Hypothesis runs many examples in one test."""
    number = next(_numbers)
    debate = make_debate(
        slug=f"generated-{number}",
        title=spec["title"],
        title_origin=spec["title_origin"],
        abstract=spec["abstract"],
        venue=spec["venue"],
        status=Debate.Status.PUBLISHED,
    )
    source = make_document(title=f"Source <{number}> & “more”", symbol=f"A/GEN/{number}")
    people = [
        make_participant(slug=f"generated-{number}-{i}", **fields) for i, fields in enumerate(spec["participants"])
    ]
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    topic = Topic.objects.first()
    paragraph_number = itertools.count(1)

    def add(paragraphs, section, panel=None):
        for entry in paragraphs:
            paragraph = Paragraph.objects.create(
                debate=debate,
                number=next(paragraph_number),
                section=section,
                panel=panel,
                text=entry["text"],
                text_origin=entry["text_origin"],
            )
            paragraph.sources.set([source])
            for order, words, labels in entry["statements"]:
                speaker = labels["participant"]
                statement = Intervention.objects.create(
                    debate=debate,
                    paragraph=paragraph,
                    order=order,
                    text=words,
                    actor_kinds=labels["actor_kinds"],
                    extent=labels["extent"],
                    stance=labels["stance"],
                    scope=labels["scope"],
                    needs_review=labels["needs_review"],
                    participant=people[speaker] if speaker is not None else None,
                    source=source,
                )
                statement.named_participants.set([people[i] for i in labels["named"]])
                statement.themes.set([themes[slug] for slug in labels["themes"]])
                statement.topics.set([topic] if order % 2 else [])

    add(spec["introduction"], Paragraph.Section.INTRODUCTION)
    for order, entry in enumerate(spec["panels"], start=1):
        panel = Panel.objects.create(
            debate=debate,
            order=order,
            title=entry["title"],
            kind=entry["kind"],
            title_origin=entry["title_origin"],
            summary=entry["summary"],
        )
        add(entry["paragraphs"], Paragraph.Section.PANEL, panel)
    add(spec["conclusion"], Paragraph.Section.CONCLUSION)
    return Debate.objects.get(pk=debate.pk)


def check_file_and_round_trip(debate):
    """The file is valid, holds each paragraph word for word, names only recorded speakers, and reads back the same."""
    data = akn_export(debate)
    root = parse(data)
    akn_schema().assertValid(root)
    elements = {element.get("eId"): element for element in root.iter() if element.get("eId")}
    for paragraph in debate.paragraphs.all():
        assert text_only(elements[paragraph.anchor]) == paragraph.text
    for statement in debate.interventions.select_related("paragraph"):
        element = elements.get(anchor(statement.paragraph.number, statement.order))
        if element is not None:
            assert text_only(element, leave_out=()) == statement.text
            assert element.tag == akn("speech" if statement.participant_id else "summary")
    assert len(root.findall(".//a:speech", NS)) <= debate.interventions.exclude(participant=None).count()
    copy = akn_import(data=data, slug=f"{debate.slug}-copy")
    assert snapshot(copy) == snapshot(debate)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(spec=debate_spec())
def test_generated_debates_are_valid_word_for_word_and_read_back_the_same(spec):
    check_file_and_round_trip(build(spec))


def test_the_benchmark_s_synthetic_debates_are_valid_and_read_back_the_same():
    call_command("generate_synthetic", interventions=60, seed=7, verbosity=0)
    debates = list(Debate.objects.filter(slug__startswith="synthetic-"))
    assert debates
    for debate in debates:
        check_file_and_round_trip(debate)
