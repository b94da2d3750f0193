"""What the API answers, field by field: these serializers make every answer and are the schema's components.

A **statement** carries exactly the fields of the explorer's exports
(:data:`public.exports.FIELDS`, same names, same order, same values: its rows
come from :func:`public.exports.statement_chunks`), then ``url`` and
``api_url``.  A paragraph carries the statement's fields that describe a
paragraph, under the same names.  Other objects name their fields after their
model (``slug``, ``title``, ``kind``…).

Every object has ``url``, its permanent address on the site (absolute), and,
where the API has one for it, ``api_url``.  **Whose words**: ``text_origin`` says
whether a text is the United Nations' own, word for word from the document it
names (``official``), or the archive's account written from those documents
(``archive``); ``title_origin`` says the same of a title.  **Which text**: ``text_language`` and
``text_status`` say a text's language and whether it is the original or a translation; a debate's
``language`` is its originals'.  A paragraph and a debate's title list their ``translations``, each an
official UN translation (with its ``document_symbol``) or the archive's translation, whose words are the
archive's even when it translates official UN text.
"""

from django.conf import settings
from django.db.models import TextChoices
from django.urls import reverse
from django.utils.http import urlencode
from rest_framework import serializers

from debates.models import (
    Debate,
    DebateDocument,
    Document,
    Participant,
    TextOrigin,
    TextStatus,
    TitleOrigin,
    Translation,
)
from panels.attribution import ACTOR_KIND_SLUGS, Extent, Scope, Stance
from panels.models import Panel, Paragraph, Participation

WHOSE_WORDS = (
    "Whose words the text is: `official`, the United Nations' own text, word for word from the document it names "
    "(its author is the UN body); `archive`, the archive's account, written by the archive from the documents it "
    "names (its author is the archive, the UN documents its sources)."
)
WHOSE_TITLE = "`official`: the title a UN document gives; `archive`: a description the archive wrote."
TEXT_LANGUAGE = "The language of `text`: `ar`, `zh-hans`, `en`, `fr`, `ru` or `es`."
TEXT_STATUS = (
    "Which text `text` is: `original`, as the debate was written; `un-translation`, the United Nations' own "
    "translation (its words are the UN's); `archive-translation`, the archive's translation (its words are the "
    "archive's, even of official UN text)."
)
SITE_ADDRESS = "Its permanent address on the archive's site (absolute)."
API_ADDRESS = "Its address in this API (absolute)."


def api_path(name, **kwargs):
    """The path of the API's URL ``name`` (``debate-detail``, …) for ``kwargs``."""
    return reverse(f"api:{name}", kwargs=kwargs)


def statements_path(**params):
    """The path of the API's statements selected by ``params`` (the explorer's parameters)."""
    return f"{reverse('api:statement-list')}?{urlencode(params)}"


class DerivedField(serializers.CharField):
    """Text worked out from the object by ``text(obj)``."""

    def __init__(self, text, **kwargs):
        self.text = text
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.text(value)


class CountField(serializers.IntegerField):
    """A count annotated on the object as ``attribute``: a count subquery of no rows gives None, read as 0."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return getattr(value, self.attribute) or 0


class LinkField(serializers.URLField):
    """A document's own address (``Document.link``, checked again), or null when it has none."""

    def __init__(self, **kwargs):
        kwargs.update(allow_null=True, read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None


def panel_label_of(part):
    """The label of a paragraph's or participation's segment ('Panel 1'), or empty."""
    return part.panel.label if part.panel_id else ""


class AddressField(serializers.URLField):
    """An absolute address: ``address(obj)`` gives the path (or None), the request its scheme and host."""

    def __init__(self, address, **kwargs):
        self.address = address
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        path = self.address(value)
        return None if path is None else self.context["request"].build_absolute_uri(path)


class StatementSerializer(serializers.Serializer):
    """One attributed statement: the exports' fields, in their order, then its addresses."""

    permalink = serializers.URLField(help_text="Its permanent address (`…/p5/s4/`), which citations give.")
    debate = serializers.SlugField(help_text="The debate's slug.")
    debate_title = serializers.CharField()
    debate_date = serializers.DateField(help_text="The day the debate began.")
    session = serializers.IntegerField(help_text="The General Assembly's session.")
    section = serializers.ChoiceField(choices=Paragraph.Section.choices, help_text="The part of the summary.")
    panel = serializers.CharField(
        allow_blank=True, help_text="The segment as citations name it ('Panel 1', 'Opening'); empty outside one."
    )
    panel_title = serializers.CharField(allow_blank=True)
    paragraph = serializers.IntegerField(help_text="The paragraph's number, through the whole debate.")
    statement = serializers.IntegerField(help_text="The statement's number within its paragraph.")
    anchor = serializers.CharField(help_text="Its anchor on the debate's page (`p5-s4`).")
    text = serializers.CharField(help_text="The statement, word for word from its paragraph (Markdown).")
    text_origin = serializers.ChoiceField(choices=TextOrigin.choices, help_text=WHOSE_WORDS)
    text_language = serializers.ChoiceField(choices=settings.LANGUAGES, help_text=TEXT_LANGUAGE)
    text_status = serializers.ChoiceField(choices=TextStatus.choices, help_text=TEXT_STATUS)
    actor_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=[(slug, kind.label) for kind, slug in ACTOR_KIND_SLUGS.items()]),
        help_text="Who made it, by role: one or several.",
    )
    extent = serializers.ChoiceField(choices=Extent.choices, allow_blank=True, help_text="How many, as the text says.")
    stance = serializers.ChoiceField(choices=Stance.choices, allow_blank=True, help_text="What it does.")
    scope = serializers.ChoiceField(choices=Scope.choices, help_text="The theme coding.")
    participant = serializers.CharField(allow_blank=True, help_text="The named speaker's slug; empty when unnamed.")
    participant_name = serializers.CharField(allow_blank=True)
    named_participants = serializers.ListField(
        child=serializers.SlugField(), help_text="Slugs of the participants it names as taking its position."
    )
    themes = serializers.ListField(child=serializers.SlugField(), help_text="Slugs of the themes it is filed under.")
    topics = serializers.ListField(child=serializers.SlugField(), help_text="Slugs of its topics.")
    source_symbol = serializers.CharField(allow_blank=True, help_text="The UN symbol of its source document, if any.")
    source_title = serializers.CharField()
    source_url = serializers.CharField(allow_blank=True, help_text="The source document's address, if any.")
    url = serializers.URLField(help_text=SITE_ADDRESS)
    api_url = serializers.URLField(help_text=API_ADDRESS)


class TranslationSerializer(serializers.Serializer):
    """A text in another language than its debate's: whose translation it is, and from which UN document."""

    language = serializers.ChoiceField(choices=settings.LANGUAGES, help_text=TEXT_LANGUAGE)
    status = serializers.ChoiceField(
        choices=Translation._meta.get_field("status").choices,
        help_text="`un-translation`: the United Nations' own translation, word for word from the document "
        "`document_symbol`; `archive-translation`: the archive's translation, in the archive's words.",
    )
    document_symbol = serializers.CharField(allow_blank=True, help_text="An official UN translation's document.")


class TextTranslationSerializer(TranslationSerializer):
    """A paragraph's text in another language."""

    text = serializers.CharField(help_text="The text in this language (Markdown).")
    text_html = serializers.CharField(help_text="As HTML, sanitized.")


class TitleTranslationSerializer(TranslationSerializer):
    """A debate's title in another language."""

    title = serializers.CharField()


class SourceSerializer(serializers.Serializer):
    """A document a paragraph is taken from (official text) or was written from (the archive's account)."""

    slug = serializers.SlugField()
    symbol = serializers.CharField(allow_blank=True)
    title = serializers.CharField()
    url = LinkField(source="link", help_text="The document's own address, if any.")
    api_url = AddressField(lambda document: api_path("document-detail", slug=document.slug), help_text=API_ADDRESS)


class ParagraphSerializer(serializers.Serializer):
    """One paragraph, numbered through the whole debate, with its statements; fields named as the statements'."""

    debate = serializers.SlugField(source="debate.slug")
    section = serializers.ChoiceField(choices=Paragraph.Section.choices)
    panel = DerivedField(panel_label_of, allow_blank=True)
    panel_title = DerivedField(lambda paragraph: paragraph.panel.title if paragraph.panel_id else "", allow_blank=True)
    paragraph = serializers.IntegerField(source="number")
    anchor = serializers.CharField()
    text = serializers.CharField(help_text="The paragraph (Markdown).")
    text_html = serializers.CharField(help_text="The paragraph as HTML, sanitized.")
    text_origin = serializers.ChoiceField(choices=TextOrigin.choices, help_text=WHOSE_WORDS)
    text_language = serializers.ChoiceField(
        source="debate.language", choices=settings.LANGUAGES, help_text="The language of `text`, the original."
    )
    translations = TextTranslationSerializer(many=True, help_text="Its texts in other languages.")
    sources = SourceSerializer(many=True)
    url = AddressField(lambda paragraph: paragraph.permalink, help_text=SITE_ADDRESS)
    api_url = AddressField(
        lambda paragraph: api_path("paragraph-detail", slug=paragraph.debate.slug, number=paragraph.number),
        help_text=API_ADDRESS,
    )
    statements = StatementSerializer(many=True, source="statement_rows")


class SegmentSerializer(serializers.Serializer):
    """A segment of a debate: a panel, or a plenary, opening, keynote or press-conference segment."""

    panel = serializers.CharField(source="label", help_text="As citations name it: 'Panel 2', 'Opening'.")
    panel_title = serializers.CharField(source="title")
    title_origin = serializers.ChoiceField(choices=TitleOrigin.choices, help_text=WHOSE_TITLE)
    kind = serializers.ChoiceField(choices=Panel.Kind.choices)
    order = serializers.IntegerField()
    anchor = serializers.CharField()
    summary = serializers.CharField(allow_blank=True, help_text="The archive's own note on it (Markdown), if any.")
    summary_html = serializers.CharField(allow_blank=True)
    url = AddressField(lambda panel: panel.get_absolute_url(), help_text=SITE_ADDRESS)


class ParticipationSerializer(serializers.Serializer):
    """A named participant's part in a debate."""

    debate = serializers.SlugField(source="debate.slug")
    debate_title = serializers.CharField(source="debate.title")
    debate_date = serializers.DateField(source="debate.start_date")
    participant = serializers.SlugField(source="participant.slug")
    participant_name = serializers.CharField(source="participant.name")
    role = serializers.ChoiceField(choices=Participation.Role.choices)
    panel = DerivedField(panel_label_of, allow_blank=True, help_text="Its segment; empty: the whole debate.")
    note = serializers.CharField(allow_blank=True)
    participant_api_url = AddressField(lambda part: api_path("participant-detail", slug=part.participant.slug))
    debate_api_url = AddressField(lambda part: api_path("debate-detail", slug=part.debate.slug))


class DocumentLinkSerializer(serializers.Serializer):
    """An official document of a debate, and how it relates to it."""

    relation = serializers.ChoiceField(choices=DebateDocument.Relation.choices)
    slug = serializers.SlugField(source="document.slug")
    symbol = serializers.CharField(source="document.symbol", allow_blank=True)
    title = serializers.CharField(source="document.title")
    title_origin = serializers.ChoiceField(source="document.title_origin", choices=TitleOrigin.choices)
    url = LinkField(source="document.link", help_text="The document's own address, if any.")
    api_url = AddressField(lambda link: api_path("document-detail", slug=link.document.slug), help_text=API_ADDRESS)


class DebateSerializer(serializers.Serializer):
    """A published debate."""

    slug = serializers.SlugField()
    title = serializers.CharField()
    title_origin = serializers.ChoiceField(choices=TitleOrigin.choices, help_text=WHOSE_TITLE)
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, help_text="The language its texts are written in: the original of each."
    )
    title_translations = TitleTranslationSerializer(
        many=True, source="translations", help_text="Its title in other languages."
    )
    kind = serializers.ChoiceField(choices=Debate.Kind.choices)
    session = serializers.IntegerField(help_text="The General Assembly's session.")
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    venue = serializers.CharField(allow_blank=True)
    convener = serializers.CharField(allow_blank=True)
    abstract = serializers.CharField(allow_blank=True, help_text="The archive's own short account (Markdown).")
    abstract_html = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(help_text="The last change to the debate or anything in it.")
    statement_count = CountField(
        "intervention_count", help_text="Its statements (filtered by theme or topic: those under them)."
    )
    paragraph_count = CountField("paragraph_count")
    url = AddressField(lambda debate: debate.get_absolute_url(), help_text=SITE_ADDRESS)
    api_url = AddressField(lambda debate: api_path("debate-detail", slug=debate.slug), help_text=API_ADDRESS)
    statements_api_url = AddressField(lambda debate: statements_path(debate=debate.slug), help_text="Its statements.")


class DebateDetailSerializer(DebateSerializer):
    """A published debate in full: its documents, segments, named participants and paragraphs in reading order."""

    documents = DocumentLinkSerializer(many=True, source="document_links")
    segments = SegmentSerializer(many=True, source="panels")
    participations = ParticipationSerializer(many=True)
    paragraphs = ParagraphSerializer(many=True)


class TermSerializer(serializers.Serializer):
    """A term of a vocabulary statements are filed under: a theme or a topic."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField()
    statement_count = serializers.IntegerField(source="intervention_count", help_text="Published statements under it.")
    debate_count = serializers.IntegerField(help_text="Published debates with statements filed under it.")
    url = AddressField(lambda term: term.get_absolute_url(), help_text=SITE_ADDRESS)
    api_url = AddressField(
        lambda term: api_path(f"{term._meta.model_name}-detail", slug=term.slug), help_text=API_ADDRESS
    )
    statements_api_url = AddressField(
        lambda term: statements_path(**{term._meta.model_name: term.slug}), help_text="Its statements."
    )


class ThemeSerializer(TermSerializer):
    """One of the three freedoms of human security."""

    order = serializers.IntegerField(help_text="Its position in lists of themes.")


class TopicSerializer(TermSerializer):
    """A subject of the topic vocabulary."""


class ParticipantSerializer(serializers.Serializer):
    """A named participant of a published debate: a person, a Member State, a group of States, an organization."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Participant.Kind.choices)
    role = serializers.CharField(allow_blank=True, help_text="Office held at the time.")
    affiliation = serializers.CharField(allow_blank=True)
    country_code = serializers.CharField(allow_blank=True, help_text="A Member State's ISO 3166-1 alpha-3 code.")
    note = serializers.CharField(allow_blank=True)
    statement_count = serializers.IntegerField(help_text="Published statements they speak or are named in.")
    url = AddressField(lambda participant: participant.get_absolute_url(), help_text=SITE_ADDRESS)
    api_url = AddressField(
        lambda participant: api_path("participant-detail", slug=participant.slug), help_text=API_ADDRESS
    )
    statements_api_url = AddressField(
        lambda participant: statements_path(participant=participant.slug), help_text="Their statements."
    )


class ParticipantDetailSerializer(ParticipantSerializer):
    """A named participant, with their parts in published debates."""

    participations = ParticipationSerializer(many=True, source="published_participations")


class DocumentSerializer(serializers.Serializer):
    """An official document of a published debate, or a source of its texts."""

    slug = serializers.SlugField()
    symbol = serializers.CharField(allow_blank=True, help_text="Its UN symbol, such as A/RES/64/291; empty if none.")
    title = serializers.CharField()
    title_origin = serializers.ChoiceField(choices=TitleOrigin.choices, help_text=WHOSE_TITLE)
    date = serializers.DateField(allow_null=True)
    kind = serializers.ChoiceField(choices=Document.Kind.choices)
    url = LinkField(source="link", help_text="The document's own address, if any (the archive has no page for it).")
    api_url = AddressField(lambda document: api_path("document-detail", slug=document.slug), help_text=API_ADDRESS)


class DebateOfDocumentSerializer(serializers.Serializer):
    """A published debate a document belongs to, and how."""

    relation = serializers.ChoiceField(choices=DebateDocument.Relation.choices)
    debate = serializers.SlugField(source="debate.slug")
    debate_title = serializers.CharField(source="debate.title")
    debate_date = serializers.DateField(source="debate.start_date")
    debate_api_url = AddressField(lambda link: api_path("debate-detail", slug=link.debate.slug))


class DocumentDetailSerializer(DocumentSerializer):
    """An official document, with the published debates it belongs to."""

    debates = DebateOfDocumentSerializer(many=True, source="published_links")


class SearchResultKind(TextChoices):
    DEBATE = "debate", "Debate"
    PANEL = "panel", "Segment"
    PARAGRAPH = "paragraph", "Passage"
    STATEMENT = "statement", "Statement (no longer given: a statement is found as part of its passage)"
    DOCUMENT = "document", "Document"


class SearchStatementSerializer(serializers.Serializer):
    """A statement of a passage that matched the search."""

    order = serializers.IntegerField(help_text="Its number within the paragraph.")
    url = serializers.URLField(help_text=SITE_ADDRESS)
    api_url = serializers.URLField(help_text=API_ADDRESS)


class SearchResultSerializer(serializers.Serializer):
    """A search hit: a document, a debate, a segment or a passage (a paragraph with its matching statements)."""

    kind = serializers.ChoiceField(choices=SearchResultKind.choices)
    debate = serializers.SlugField(allow_null=True, help_text="The debate; null for a document.")
    debate_title = serializers.CharField(help_text="The debate's title; a document's own title.")
    debate_date = serializers.DateField(allow_null=True, help_text="When the debate began; null for a document.")
    location = serializers.CharField(
        allow_blank=True, help_text="Where in the debate: 'Panel 1, paragraph 5, statement 2'; a document's symbol."
    )
    text_origin = serializers.CharField(
        allow_blank=True,
        help_text="For a passage, whose words it is: `official` (the UN's own text) or `archive` (the archive's "
        "account); blank for other kinds.",
    )
    snippet_html = serializers.CharField(
        allow_blank=True,
        help_text="Escaped text around the words found, each in `<mark>`; in a passage, the statements that "
        'matched in `<span class="statement-hit">`. No other markup.',
    )
    statements = SearchStatementSerializer(many=True, help_text="For a passage, its statements that matched.")
    url = serializers.URLField(help_text=SITE_ADDRESS)
    api_url = serializers.URLField(help_text=API_ADDRESS)


class FacetOptionSerializer(serializers.Serializer):
    """An option of a facet, with how many statements it would give with the other parameters as they are."""

    value = serializers.CharField(help_text="The parameter's value that chooses it.")
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


def page_of(name, item, **extra):
    """The serializer of a page of ``item`` objects: ``next``, ``previous``, ``results``, and ``extra`` fields."""
    links = {
        "next": serializers.URLField(allow_null=True, help_text="The next page, or null on the last."),
        "previous": serializers.URLField(allow_null=True, help_text="The page before, or null on the first."),
    }
    fields = {**extra, **links, "results": item(many=True)}
    return type(name, (serializers.Serializer,), {"__doc__": f"A page of {name.removesuffix('Page')}s.", **fields})


DebatePage = page_of("DebatePage", DebateSerializer)
ThemePage = page_of("ThemePage", ThemeSerializer)
TopicPage = page_of("TopicPage", TopicSerializer)
ParticipantPage = page_of("ParticipantPage", ParticipantSerializer)
DocumentPage = page_of("DocumentPage", DocumentSerializer)
StatementPage = page_of(
    "StatementPage",
    StatementSerializer,
    count=serializers.IntegerField(help_text="How many statements the parameters select, on every page."),
    facets=serializers.DictField(
        child=FacetOptionSerializer(many=True),
        required=False,
        help_text="Only with `facets`: for each facet named, its options with their counts.",
    ),
)
SearchPage = page_of(
    "SearchPage",
    SearchResultSerializer,
    count=serializers.IntegerField(help_text="How many results, at most 200."),
    more=serializers.BooleanField(help_text="Whether there were more results than the 200 shown."),
)


class RootSerializer(serializers.Serializer):
    """Where each part of the API is."""

    debates = serializers.URLField()
    statements = serializers.URLField()
    themes = serializers.URLField()
    topics = serializers.URLField()
    participants = serializers.URLField()
    documents = serializers.URLField()
    search = serializers.URLField()
    schema = serializers.URLField()
    docs = serializers.URLField()


class ChoiceSerializer(serializers.Serializer):
    """A text an old paragraph or statement number may mean: the text holding it now comes first."""

    text = serializers.CharField()
    url = serializers.URLField(help_text="Its place on the debate's page on the site (absolute).")
    api_url = serializers.URLField(
        help_text="Its address in this API now (the text holding the number now: this very address)."
    )
    former = serializers.BooleanField(help_text="Whether it held this number before a renumbering (not now).")


class ChoicesSerializer(serializers.Serializer):
    """An old number now held by another text too: both are offered (300), rather than a guess."""

    detail = serializers.CharField()
    choices = ChoiceSerializer(many=True)


class ErrorsSerializer(serializers.Serializer):
    """A 400: each wrong parameter, with the reasons."""

    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class DetailSerializer(serializers.Serializer):
    """Any other error: what went wrong, in a sentence."""

    detail = serializers.CharField()
