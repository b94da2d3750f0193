"""The archive's vocabularies in the reader's language: a term's label and definition, or its English, marked.

The vocabularies are the themes and topics (rows of ``debates``) and the attribution codebook's actor kinds,
extents, stances and scopes (:mod:`panels.attribution`).  English is their own language; their translations are
:class:`panels.models.TermTranslation` rows, seeded by a migration and edited in the admin.  A term with no
translation in the page's language shows in English, with ``lang="en"`` and a mark saying so (:meth:`Term.html`;
inside an ``<option>``, where there is no markup, the mark is text: :meth:`Term.option_text`).

A language's translations are read in one query and kept in each process under the archive's change stamp
(:class:`caching.stamp.KeptPerStamp`), which every write to a translation moves: one query per stamp and
language at most, never one per term.  An English page reads nothing.  The stamp is the one the request
read (the page cache reads it first), so the lookup costs no query of its own in the steady state.

Machine outputs (the codebook's JSON and CSV, the exports, the API, the citations) are made in English
(``translation.override("en")``) and so get the English terms.
"""

from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from caching.stamp import KeptPerStamp
from panels.attribution import (
    ACTOR_KIND_DESCRIPTIONS,
    EXTENT_DESCRIPTIONS,
    SCOPE_DESCRIPTIONS,
    SLUG_ACTOR_KINDS,
    STANCE_DESCRIPTIONS,
    Extent,
    Scope,
    Stance,
)
from panels.models import TermTranslation

ENGLISH = "en"
TRANSLATED_LANGUAGES = frozenset(code for code, _ in settings.LANGUAGES if code != ENGLISH)
# The visible mark after a term shown in English on a page in another language (a language code: not translated).
MARK = "[EN]"

# What the codebook says of each value of the fixed vocabularies: its English label and definition.
_ATTRIBUTION = {
    "actor": lambda key: (SLUG_ACTOR_KINDS[key], ACTOR_KIND_DESCRIPTIONS),
    "extent": lambda key: (Extent(key), EXTENT_DESCRIPTIONS),
    "stance": lambda key: (Stance(key), STANCE_DESCRIPTIONS),
    "scope": lambda key: (Scope(key), SCOPE_DESCRIPTIONS),
}


def untranslated_note():
    """What the mark says, for screen readers and as its tooltip."""
    # Translators: said of a theme, a topic or a codebook value shown in English on a page in your language.
    return gettext("not yet translated: shown in English")


@dataclass(frozen=True)
class Term:
    """A term as the page shows it: its label and definition in the page's language, or in English.

    ``fallback``: the label is English, for want of a translation; ``description_fallback``: so is the
    definition (a translation may give a label before a definition).  ``str()`` is the label, unmarked: for
    attributes, titles and sentences.
    """

    vocabulary: str
    key: str
    label: str
    description: str = ""
    fallback: bool = False
    description_fallback: bool = False

    def __str__(self):
        return self.label

    @property
    def html(self):
        """The label as HTML: in English, ``lang="en"`` and marked, when it is not translated."""
        return _marked(self.label) if self.fallback else format_html("{}", self.label)

    @property
    def description_html(self):
        """The definition as HTML, marked as the label is."""
        if self.description_fallback and self.description:
            return _marked(self.description)
        return format_html("{}", self.description)

    @property
    def option_text(self):
        """The label as an ``<option>`` shows it: the mark as text after an English label."""
        return f"{self.label} {MARK}" if self.fallback else self.label

    @property
    def lowered(self):
        """This term with its label in lower case, as a statement's labels read ("What they did: called for")."""
        return replace(self, label=self.label.lower())


def _marked(text):
    note = untranslated_note()
    return format_html(
        '<span lang="en" dir="ltr">{}</span> <span class="untranslated" title="{}">'
        '<span aria-hidden="true">{}</span><span class="visually-hidden">({})</span></span>',
        text,
        note,
        MARK,
        note,
    )


def _load_translations(language):
    rows = TermTranslation.objects.filter(language=language).values_list("vocabulary", "term", "label", "description")
    return {(vocabulary, term): (label, description) for vocabulary, term, label, description in rows}


# Each process's translations of each language, under the stamp: one query per stamp and language at most.
_tables = KeptPerStamp(_load_translations)


def translations(language=None):
    """``{(vocabulary, term): (label, description)}`` of ``language`` (the active one): empty for English."""
    language = language or get_language()
    if language not in TRANSLATED_LANGUAGES:
        return {}
    return _tables(language)


def term(vocabulary, key, label, description=""):
    """The term ``key`` of ``vocabulary`` in the active language; ``label`` and ``description`` are its English."""
    language = get_language()
    if language not in TRANSLATED_LANGUAGES:
        return Term(vocabulary, key, str(label), str(description or ""))
    found = translations(language).get((vocabulary, key))
    if found is None:
        return Term(vocabulary, key, str(label), str(description or ""), fallback=True, description_fallback=True)
    translated_label, translated_description = found
    if translated_description:
        return Term(vocabulary, key, translated_label, translated_description)
    return Term(vocabulary, key, translated_label, str(description or ""), description_fallback=True)


def record_term(record):
    """A theme or topic (a row of ``debates``) in the active language."""
    return term(record._meta.model_name, record.slug, record.name, record.description)


def attribution_term(vocabulary, key):
    """A value of the codebook's fixed vocabularies ("actor", "extent", "stance", "scope") in the active language."""
    member, descriptions = _ATTRIBUTION[vocabulary](key)
    return term(vocabulary, key, member.label, descriptions.get(member, ""))


def forget():
    """Drop the translations kept (tests whose databases are rolled back can repeat a change stamp)."""
    _tables.forget()
