"""What the Akoma Ntoso tests share: the fixture debates, reading a file, and a debate's fields for comparison."""

from lxml import etree

from akn.names import AKN_NAMESPACE, ARCHIVE_NAMESPACE
from debates.models import Debate, DebateTranslation
from panels.models import InterventionTranslation, ParagraphTranslation
from tests.search.data import SLUG_2008, SLUG_2010, SLUG_2011, load_archive

FIXTURE_SLUGS = {"human-security-2008": SLUG_2008, "human-security-2010": SLUG_2010, "human-security-2011": SLUG_2011}
NS = {"a": AKN_NAMESPACE, "archive": ARCHIVE_NAMESPACE}


def load_fixture(name):
    """Load one fixture debate (``human-security-2011``, …) and return it."""
    load_archive(name)
    return Debate.objects.get(slug=FIXTURE_SLUGS[name])


def parse(data):
    """The root element of an exported file (bytes)."""
    return etree.fromstring(data)


def text_only(element, *, leave_out=("num",)):
    """The text of ``element`` with every tag removed, as lxml's text serialization gives it, without its
    ``<num>``: a copy is taken, the left-out children dropped (their tails kept), then every tag stripped."""
    copy = etree.fromstring(etree.tostring(element, with_tail=False))
    for tag in leave_out:
        for child in copy.findall(f"a:{tag}", NS):
            tail = child.tail or ""
            previous = child.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                copy.text = (copy.text or "") + tail
            copy.remove(child)
    return etree.tostring(copy, method="text", encoding="unicode", with_tail=False)


def _participant(participant):
    if participant is None:
        return None
    return (
        participant.slug,
        participant.name,
        participant.kind,
        participant.role,
        participant.affiliation,
        participant.note,
        participant.country_code,
    )


def _document(document):
    return (
        document.slug,
        document.symbol,
        document.title,
        document.title_origin,
        document.date,
        document.kind,
        document.url,
    )


def translations(debate):
    """Every translation of ``debate``'s texts, as ``(what, language, status, symbol, text)`` tuples: what is
    ``"title"``, a paragraph's number, or ``(paragraph number, statement order)``."""
    rows = [
        ("title", t.language, t.status, t.document_symbol, t.title)
        for t in DebateTranslation.objects.filter(debate=debate).order_by("language")
    ]
    rows += [
        (t.paragraph.number, t.language, t.status, t.document_symbol, t.text)
        for t in ParagraphTranslation.objects.filter(paragraph__debate=debate)
        .select_related("paragraph")
        .order_by("paragraph__number", "language")
    ]
    rows += [
        ((t.intervention.paragraph.number, t.intervention.order), t.language, t.status, t.document_symbol, t.text)
        for t in InterventionTranslation.objects.filter(intervention__debate=debate)
        .select_related("intervention__paragraph")
        .order_by("intervention__paragraph__number", "intervention__order", "language")
    ]
    return rows


def snapshot(debate):
    """Every field of ``debate`` an export and import must keep, read from the models, hand by hand.

    Related rows are given by their own fields (a participant's slug, name, kind, …), so a participant or
    document created by an import compares equal to the original only if every field came through.
    The slug, status and timestamps are left out: an import is a draft, and may take another slug.
    """
    links = debate.document_links.select_related("document").order_by("order", "pk")
    participations = debate.participations.select_related("participant", "panel", "source")
    paragraphs = debate.paragraphs.select_related("panel").prefetch_related("sources").order_by("number")
    statements = (
        debate.interventions.select_related("paragraph", "participant", "source")
        .prefetch_related("named_participants", "themes", "topics")
        .order_by("paragraph__number", "order")
    )
    return {
        "debate": (
            debate.title,
            debate.title_origin,
            debate.kind,
            debate.session,
            debate.start_date,
            debate.end_date,
            debate.venue,
            debate.convener,
            debate.abstract,
            debate.language,
        ),
        "translations": translations(debate),
        "documents": [(link.relation, link.order, _document(link.document)) for link in links],
        "segments": [
            (panel.order, panel.title, panel.title_origin, panel.kind, panel.summary)
            for panel in debate.panels.order_by("order")
        ],
        "participations": sorted(
            (
                _participant(part.participant),
                part.role,
                part.panel.order if part.panel else None,
                part.order,
                part.note,
                _document(part.source),
            )
            for part in participations
        ),
        "paragraphs": [
            (
                paragraph.number,
                paragraph.section,
                paragraph.panel.order if paragraph.panel else None,
                paragraph.text,
                paragraph.text_origin,
                sorted(_document(source) for source in paragraph.sources.all()),
            )
            for paragraph in paragraphs
        ],
        "statements": [
            (
                statement.paragraph.number,
                statement.order,
                statement.text,
                statement.actor_kinds,
                statement.extent,
                statement.stance,
                statement.scope,
                statement.needs_review,
                _participant(statement.participant),
                sorted(_participant(named) for named in statement.named_participants.all()),
                sorted(theme.slug for theme in statement.themes.all()),
                sorted(topic.slug for topic in statement.topics.all()),
                _document(statement.source),
            )
            for statement in statements
        ],
    }
