"""Template helpers for the public pages: absolute permalinks, explorer links and dictionary look-ups."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from debates import dates
from panels.models import anchor
from public import citations, registry

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
        debate, paragraph, intervention, base_url=base_url, summary_document=summary_document
    )
    return citations.un_style(reference)


@register.simple_tag
def citation_links(debate, paragraph, intervention=None):
    """``[(label, url), …]``: the citation of a paragraph (or statement) in each format of ``/debates/<slug>/cite/``."""
    params = {"p": paragraph.number}
    if intervention:
        params["s"] = intervention.order
    path = reverse("public:cite", kwargs={"slug": debate.slug})
    return [
        (label, f"{path}?{urlencode({'format': name, **params})}")
        for name, label in citations.FORMAT_LABELS.items()
        if name != "un"
    ]


@register.filter
def un_date_range(debate):
    """A debate's dates in UN style: ``{{ debate|un_date_range }}`` gives '20–21 May 2010' (see debates.dates)."""
    return dates.un_date_range(debate.start_date, debate.end_date)


@register.simple_tag
def codebook_url(vocab, slug):
    """The codebook's entry for ``slug`` of the vocabulary ``vocab``: ``{% codebook_url "extent" "several" %}``."""
    return f"{reverse('codebook:codebook')}#{vocab}-{slug}"


@register.simple_tag
def codebook_link(vocab, slug, words):
    """A small link from a label to its codebook entry, named for screen readers: "What 'several' means"."""
    return format_html(
        '<a class="codebook-link" href="{}" title="What this means, in the codebook">'
        '<span aria-hidden="true">?</span><span class="visually-hidden">What “{}” means (codebook)</span></a>',
        codebook_url(vocab, slug),
        words,
    )


# How a statement's attribution reads in plain words, beside the statement: "Who: panellists and participants ·
# How many: several · What they did: emphasized".  Keyed by slug; for a single speaker ("one") the singular.
ACTOR_WORDS = {
    "panelist": ("a panellist", "panellists"),
    "participant": ("a participant", "participants"),
    "member-state": ("a Member State", "Member States"),
    "chair": ("the chair", "the chair"),
    "keynote": ("the keynote speaker", "the keynote speaker"),
    "secretariat": ("a UN official (Secretariat)", "UN officials (Secretariat)"),
    "moderator": ("the moderator", "the moderators"),
    "meeting": ("the meeting as a whole", "the meeting as a whole"),
}
EXTENT_WORDS = {
    "one": "one",
    "other": "others (besides those just mentioned)",
    "some": "some",
    "several": "several",
    "many": "many",
    "most": "most",
    "significant-number": "a significant number",
    "general-consensus": "general consensus",
    "unquantified": "not said",
}
SCOPE_WORDS = {
    "whole": "human security as a whole",
    "procedural": "the meeting itself (procedural)",
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
    """What the statement does, in plain words: 'expressed concern', 'called for'."""
    return intervention.get_stance_display().lower()


@register.filter
def scope_words(intervention):
    """What the statement is about when it is not filed under the freedoms; '' when it is."""
    return SCOPE_WORDS.get(intervention.scope, "")
