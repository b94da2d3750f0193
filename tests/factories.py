"""Small builders for test data: each make_* fills sensible defaults, and build_debate makes a whole tree."""

import datetime
import itertools

from debates.models import Debate, Document, Participant, Theme, Topic
from panels.attribution import ActorKind, Extent, Scope, Stance
from panels.models import Intervention, Panel, Paragraph

_counter = itertools.count(1)


def make_document(**kwargs):
    n = next(_counter)
    defaults = {"slug": f"document-{n}", "title": f"Document {n}", "kind": Document.Kind.SUMMARY}
    defaults.update(kwargs)
    return Document.objects.create(**defaults)


def make_debate(**kwargs):
    n = next(_counter)
    defaults = {
        "title": f"Debate {n}",
        "slug": f"debate-{n}",
        "kind": Debate.Kind.INFORMAL_THEMATIC_DEBATE,
        "session": 65,
        "start_date": datetime.date(2011, 4, 14),
        "end_date": datetime.date(2011, 4, 14),
        "status": Debate.Status.PUBLISHED,
    }
    defaults.update(kwargs)
    return Debate.objects.create(**defaults)


def make_panel(debate, **kwargs):
    defaults = {"order": debate.panels.count() + 1, "title": "A panel", "kind": Panel.Kind.PANEL}
    defaults.update(kwargs)
    return Panel.objects.create(debate=debate, **defaults)


def make_paragraph(debate, panel=None, **kwargs):
    defaults = {
        "number": debate.paragraphs.count() + 1,
        "section": Paragraph.Section.PANEL if panel else Paragraph.Section.INTRODUCTION,
        "text": "Panelists and participants discussed the notion. One panelist suggested a definition.",
    }
    defaults.update(kwargs)
    return Paragraph.objects.create(debate=debate, panel=panel, **defaults)


def make_participant(**kwargs):
    n = next(_counter)
    defaults = {"slug": f"participant-{n}", "name": f"Participant {n}", "kind": Participant.Kind.PERSON}
    defaults.update(kwargs)
    return Participant.objects.create(**defaults)


def make_intervention(paragraph, *, themes=(), topics=(), **kwargs):
    defaults = {
        "order": paragraph.interventions.count() + 1,
        "text": "One panelist suggested a definition.",
        "actor_kinds": ActorKind.PANELIST,
        "extent": Extent.ONE,
        "stance": Stance.SUGGESTED,
    }
    defaults.update(kwargs)
    defaults.setdefault("scope", Scope.FREEDOMS if themes else Scope.WHOLE)
    if "source" not in defaults:
        defaults["source"] = make_document()
    intervention = Intervention.objects.create(debate=paragraph.debate, paragraph=paragraph, **defaults)
    intervention.themes.set(Theme.objects.filter(slug__in=themes))
    intervention.topics.set(Topic.objects.filter(slug__in=topics))
    return intervention


def build_debate(spec):
    """Build a debate → panels → paragraphs → interventions tree from a nested dict.

    ``spec`` = {"debate": {...Debate fields...}, "introduction": [paragraph, ...],
    "panels": [{"title": ..., "paragraphs": [paragraph, ...]}], "conclusion": [paragraph, ...]}
    where a paragraph is {"text": ..., "statements": [{"text": ..., "actor_kinds": ..., ...}]}.
    """
    debate = make_debate(**spec.get("debate", {}))
    source = make_document()

    def add(paragraphs, section, panel=None):
        for paragraph_spec in paragraphs:
            paragraph = make_paragraph(debate, panel, section=section, text=paragraph_spec["text"])
            for statement in paragraph_spec.get("statements", []):
                make_intervention(paragraph, source=source, **statement)

    add(spec.get("introduction", []), Paragraph.Section.INTRODUCTION)
    for panel_spec in spec.get("panels", []):
        panel_spec = dict(panel_spec)
        paragraphs = panel_spec.pop("paragraphs", [])
        add(paragraphs, Paragraph.Section.PANEL, make_panel(debate, **panel_spec))
    add(spec.get("conclusion", []), Paragraph.Section.CONCLUSION)
    return debate
