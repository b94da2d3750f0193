"""Template helpers for the public pages: absolute permalinks, explorer links, dictionary look-ups, and the
vocabularies' terms in the page's language (:mod:`public.terms`)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from debates import dates
from panels.attribution import Stance
from panels.models import anchor
from public import citations, registry, terms, titles

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """``path`` as an absolute URL on the host the page was asked for (for citations and exports)."""
    request = getattr(context, "request", None)
    return request.build_absolute_uri(path) if request else path


@register.simple_tag
def explorer_url(**params):
    """The explorer filtered by ``params``, e.g. ``{% explorer_url theme=theme.slug %}``."""
    return registry.explorer_url(**params)


@register.filter
def statement_anchor(paragraph, order):
    """The anchor of statement ``order`` of ``paragraph``: ``{{ paragraph|statement_anchor:statement.order }}``."""
    return anchor(paragraph.number, order)


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or None (also when there is no mapping): ``{{ counts|get_item:debate.pk }}``."""
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def debate_citation(context, debate):
    """The UN-style citation of the whole debate, saying whose words it is (see public.citations)."""
    request = getattr(context, "request", None)
    base_url = request.build_absolute_uri("/").rstrip("/") if request else ""
    return citations.un_style(citations.debate_reference(debate, base_url=base_url))


@register.simple_tag(takes_context=True)
def citation(context, debate, paragraph, intervention=None, summary_document=None):
    """The UN-style citation of a paragraph (or of one statement in it), with its absolute permanent link.

    Whose words it says (:mod:`public.citations`): official text names the General Assembly as author
    and its document; the archive's account names the archive, based on the documents it was written
    from.  No "accessed" date: the debate page is stored and served for days (the downloads give one).
    """
    request = getattr(context, "request", None)
    base_url = request.build_absolute_uri("/").rstrip("/") if request else ""
    reference = citations.text_reference(
        debate,
        paragraph,
        intervention,
        base_url=base_url,
        summary_document=summary_document,
        shown=getattr(intervention or paragraph, "shown", None),
    )
    return citations.un_style(reference)


@register.simple_tag
def citation_links(debate, paragraph, intervention=None):
    """``[(label, url), …]``: the citation of a paragraph (or statement) in each format of ``/debates/<slug>/cite/``.

    A text shown in a translation is cited in it (``lang``), as the page shows it.
    """
    params = {"p": paragraph.number}
    if intervention:
        params["s"] = intervention.order
    shown = getattr(intervention or paragraph, "shown", None)
    if shown is not None and shown.is_translation:
        params["lang"] = shown.language
    path = reverse("public:cite", kwargs={"slug": debate.slug})
    return [
        (label, f"{path}?{urlencode({'format': name, **params})}")
        for name, label in citations.FORMAT_LABELS.items()
        if name != "un"
    ]


@register.filter
def page_date(day):
    """A day as the page's language writes it: ``{{ debate.start_date|page_date }}`` (see debates.dates)."""
    return dates.local_date(day) if day else ""


@register.filter
def un_date_range(debate):
    """A debate's dates in UN style: ``{{ debate|un_date_range }}`` gives '20–21 May 2010', in French '20 mai 2010 –
    21 mai 2010' (see debates.dates)."""
    return dates.local_date_range(debate.start_date, debate.end_date)


@register.simple_tag
def codebook_url(vocab, slug):
    """The codebook's entry for ``slug`` of the vocabulary ``vocab``: ``{% codebook_url "extent" "several" %}``."""
    return f"{reverse('codebook:codebook')}#{vocab}-{slug}"


@register.simple_tag
def codebook_link(vocab, slug, words):
    """A small link from a label to its codebook entry, named for screen readers: "What 'several' means"."""
    return format_html(
        '<a class="codebook-link" href="{}" title="{}">'
        '<span aria-hidden="true">?</span><span class="visually-hidden">{}</span></a>',
        codebook_url(vocab, slug),
        # Translators: the tooltip of a small "?" link beside a label, to the label's entry in the codebook.
        gettext("What this means, in the codebook"),
        # Translators: the "?" link beside a label, for screen readers; %(words)s is the label, e.g. "several".
        gettext("What “%(words)s” means (codebook)") % {"words": words},
    )


# How a statement's attribution reads in plain words, beside the statement: "Who: panellists and participants ·
# How many: several · What they did: emphasized".  Keyed by slug; for a single speaker ("one") the singular.
ACTOR_WORDS = {
    # Translators: who made a statement, as its labels read after "Who:": one panellist, then several.
    "panelist": (_("a panellist"), _("panellists")),
    "participant": (_("a participant"), _("participants")),
    "member-state": (_("a Member State"), _("Member States")),
    "chair": (_("the chair"), _("the chair")),
    "keynote": (_("the keynote speaker"), _("the keynote speaker")),
    "secretariat": (_("a UN official (Secretariat)"), _("UN officials (Secretariat)")),
    "moderator": (_("the moderator"), _("the moderators")),
    "meeting": (_("the meeting as a whole"), _("the meeting as a whole")),
}
# How many of them, as a statement's labels read after "How many:".
EXTENT_WORDS = {
    # Translators: how many made a statement, after "How many:": one (speaker).
    "one": pgettext_lazy("how many made a statement", "one"),
    "other": _("others (besides those just mentioned)"),
    # Translators: how many made a statement, after "How many:": some (of them).
    "some": pgettext_lazy("how many made a statement", "some"),
    # Translators: how many made a statement, after "How many:": several (of them).
    "several": pgettext_lazy("how many made a statement", "several"),
    # Translators: how many made a statement, after "How many:": many (of them).
    "many": pgettext_lazy("how many made a statement", "many"),
    # Translators: how many made a statement, after "How many:": most (of them).
    "most": pgettext_lazy("how many made a statement", "most"),
    "significant-number": _("a significant number"),
    "general-consensus": _("general consensus"),
    # Translators: how many made a statement, after "How many:": the summary gives no number.
    "unquantified": _("not said"),
}
# What a statement is about when it is not filed under the freedoms, after "About:".
SCOPE_WORDS = {
    "whole": _("human security as a whole"),
    "procedural": _("the meeting itself (procedural)"),
}


@register.filter
def actor_words(intervention):
    """``[(slug, plain words), …]`` for each actor kind of ``intervention``: 'panellists', 'a Member State'."""
    number = 0 if intervention.extent == "one" else 1
    return [(kind.slug, ACTOR_WORDS[kind.slug][number]) for kind in intervention.actor_kind_list]


@register.filter
def extent_words(intervention):
    """How many, in plain words: 'several', 'not said' (unquantified)."""
    return EXTENT_WORDS.get(intervention.extent, intervention.get_extent_display().lower())


@register.filter
def stance_words(intervention):
    """What the statement does, in plain words and the page's language: 'expressed concern', 'called for'."""
    return str(stance_term(intervention))


@register.filter
def stance_term(intervention):
    """What the statement does as a :class:`public.terms.Term` in lower case: ``{{ stance.html }}`` marks it when
    it is shown in English for want of a translation."""
    if intervention.stance not in Stance.values:
        return terms.Term("stance", intervention.stance, intervention.get_stance_display().lower())
    return terms.attribution_term("stance", intervention.stance).lowered


def _term(value):
    return value if isinstance(value, terms.Term) else terms.record_term(value)


@register.filter
def term_label(value):
    """A theme's or topic's name (or a :class:`public.terms.Term`'s label) in the page's language, as HTML:
    in English with ``lang="en"`` and marked when it is not translated yet. ``{{ theme|term_label }}``."""
    return _term(value).html


@register.filter
def term_description(value):
    """A theme's or topic's description in the page's language, as HTML, marked as :func:`term_label` marks."""
    return _term(value).description_html


@register.filter
def term_text(value):
    """A theme's or topic's name in the page's language as plain text, unmarked: for titles, attributes and
    sentences."""
    return str(_term(value))


@register.filter
def scope_words(intervention):
    """What the statement is about when it is not filed under the freedoms; '' when it is."""
    return SCOPE_WORDS.get(intervention.scope, "")


@register.filter
def debate_title(debate):
    """A debate's title in the page's language where it has one, else its original marked with its language."""
    return titles.title_html(debate)


@register.filter
def debate_title_text(debate):
    """:func:`debate_title` as plain text, for attributes and sentences."""
    return titles.shown_title(debate)[0]
