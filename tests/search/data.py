"""Test data for the public pages: the three fixtures, and many more generated debates to scale them up.

Tests that hold a page to a fixed number of queries load the fixtures, measure, add
:func:`add_generated_debates` (about ten times as many records), and measure again.
"""

import datetime
import itertools
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from debates.models import Debate, Theme, Topic
from panels.attribution import ActorKind, Extent, Stance
from tests.factories import make_debate, make_document, make_intervention, make_panel, make_paragraph, make_participant

FIXTURES = ["human-security-2008", "human-security-2010", "human-security-2011"]
FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"
SLUG_2008 = "thematic-debate-human-security-2008"
SLUG_2010 = "human-security-plenary-and-panel-2010"
SLUG_2011 = "informal-thematic-debate-human-security-2011"


def ensure_vocabulary():
    """The themes and topics the migrations create, with their search variants, when a transactional test
    before this one flushed them."""
    if not Topic.objects.exists():
        import_module("debates.migrations.0002_vocabulary").create_vocabulary(apps, None)
        import_module("debates.migrations.0011_ranked_search").add_variants(apps, None)


def load_archive(*names):
    """``loaddata`` the fixtures (all three by default), whether or not the settings list the fixtures folder."""
    ensure_vocabulary()
    dirs = [str(path) for path in settings.FIXTURE_DIRS]
    if str(FIXTURE_DIR) not in dirs:
        dirs.append(str(FIXTURE_DIR))
    with override_settings(FIXTURE_DIRS=dirs):
        call_command("loaddata", *(names or FIXTURES), verbosity=0)


def add_generated_debates(count=27, *, paragraphs=12, statements_per_paragraph=2):
    """Add ``count`` published debates (2 panels, ``paragraphs`` paragraphs each) and one draft debate.

    The statements cycle through every actor kind, extent, stance, theme and topic, and some name a
    participant, so every facet and filter has work to do. Returns the published debates.
    """
    themes, topics = list(Theme.objects.all()), list(Topic.objects.all())
    actors = itertools.cycle(
        [ActorKind.PANELIST, ActorKind.PANELIST | ActorKind.PARTICIPANT, *ActorKind, ActorKind.MEMBER_STATE]
    )
    extents, stances = itertools.cycle(Extent.values), itertools.cycle(Stance.values)
    theme_cycle, topic_cycle = itertools.cycle(themes), itertools.cycle(topics)
    debates = []
    for n in range(count + 1):
        draft = n == count
        debate = make_debate(
            title=f"Generated debate {n} on human security",
            slug=f"generated-debate-{n}",
            start_date=datetime.date(2000 + n % 20, 1 + n % 12, 1 + n % 28),
            end_date=datetime.date(2000 + n % 20, 1 + n % 12, 1 + n % 28),
            session=50 + n % 20,
            status=Debate.Status.DRAFT if draft else Debate.Status.PUBLISHED,
            abstract=f"A generated debate number {n} about security and development.",
        )
        source = make_document(symbol=f"A/GEN/{n}")
        speaker = make_participant(name=f"Generated speaker {n}", slug=f"generated-speaker-{n}")
        panels = [make_panel(debate, title=f"Generated panel {k} on prevention") for k in (1, 2)]
        for number in range(1, paragraphs + 1):
            panel = panels[number % 2] if 1 < number < paragraphs else None
            section = "panel" if panel else ("introduction" if number == 1 else "conclusion")
            sentences = [
                f"Statement {k} of paragraph {number} considered protection, empowerment and security."
                for k in range(1, statements_per_paragraph + 1)
            ]
            paragraph = make_paragraph(debate, panel, number=number, section=section, text=" ".join(sentences))
            for order, sentence in enumerate(sentences, start=1):
                make_intervention(
                    paragraph,
                    order=order,
                    text=sentence,
                    source=source,
                    actor_kinds=next(actors),
                    extent=next(extents),
                    stance=next(stances),
                    participant=speaker if order == 1 and number % 3 == 0 else None,
                    themes=[next(theme_cycle).slug, next(theme_cycle).slug],
                    topics=[next(topic_cycle).slug],
                )
        if not draft:
            debates.append(debate)
    return debates
