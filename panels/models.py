"""The inside of a debate: its panels, its paragraphs in reading order, and the attributed statements in them.

A summary is read as a sequence of :class:`Paragraph` rows, numbered through
the whole debate the way UN documents number their paragraphs.  Each paragraph
sits in a section: the introduction, one :class:`Panel` (or plenary, opening
or keynote segment), or the conclusion.  A debate without panels simply has
no paragraphs in the ``panel`` section.

An :class:`Intervention` is one attributed statement inside a paragraph, its
text taken word for word from the paragraph, with who said it (actor kinds,
extent, and a named participant where known), what it does (stance), and what
it is about (themes, topics).
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from debates.markdown import render_markdown
from debates.models import (
    Debate,
    DebateDocument,
    DebatePart,
    Document,
    LanguageSearchVector,
    Participant,
    RankedSearchVectorIndex,
    SearchVectorIndex,
    TextOrigin,
    TextStatus,
    Theme,
    TitleOrigin,
    Topic,
    Translation,
    WeightedSearchVector,
)
from debates.versioning import VersionedModel

from .attribution import ALL_ACTOR_KINDS_MASK, ActorKind, Extent, Scope, Stance
from .fields import ActorKindsField


def anchor(number, order=None):
    """The anchor of paragraph ``number``, or of its statement ``order``, on a debate page: ``p3``, ``p3-s2``.

    The one spelling of an anchor: the pages, the exports, search results and permanent paths use it.
    """
    return f"p{number}" if order is None else f"p{number}-s{order}"


def panel_anchor(order):
    """The anchor of the segment ``order`` on a debate page: ``panel-2``."""
    return f"panel-{order}"


@cache
def panel_label(kind, order):
    """How a citation names a segment of this kind and order: 'Panel 2', 'Opening', …; blank without a segment.

    Always in English, whatever the language of the request: the same words go into the CSV downloads, the
    API's ``panel`` field, the exports and citations, and the result is cached for the life of the process.
    """
    if not kind:
        return ""
    if kind == Panel.Kind.PANEL:
        return f"Panel {order}"
    with translation.override("en"):
        return str(Panel.Kind(kind).label)


def panel_heading(kind, order):
    """How a page names a segment of this kind and order, in the active language: 'Panel 2', 'Opening', …

    :func:`panel_label` is the English one, which citations and the data use.
    """
    if not kind:
        return ""
    if kind == Panel.Kind.PANEL:
        # Translators: a segment of a debate and its number: "Panel 2".
        return gettext("Panel %(order)s") % {"order": order}
    return str(Panel.Kind(kind).label)


class PanelManager(models.Manager):
    def get_by_natural_key(self, debate_slug, order):
        return self.get(debate__slug=debate_slug, order=order)


# How many renumberings of a paragraph a former statement number is followed through.
MAX_ANCHOR_HOPS = 3


def paragraph_permalink(debate_slug, number, order=None):
    """``/debates/<slug>/p<N>/``, or ``…/p<N>/s<M>/`` for the M-th statement of paragraph N."""
    if order is None:
        return reverse("public:paragraph-permalink", kwargs={"slug": debate_slug, "number": number})
    return reverse("public:statement-permalink", kwargs={"slug": debate_slug, "number": number, "order": order})


class Panel(DebatePart):
    """A segment of a debate: a panel discussion, a plenary segment, an opening or a keynote."""

    class Kind(models.TextChoices):
        # i18n: also used in panel_label() (always English there: CSV downloads, the API, exports, citations)
        # and in the API schema's enum descriptions.
        # Translators: a kind of segment of a debate: a panel discussion.
        PANEL = "panel", _("Panel")
        # Translators: a kind of segment of a debate: a plenary segment.
        PLENARY = "plenary", _("Plenary")
        # Translators: a kind of segment of a debate: its opening segment.
        OPENING = "opening", _("Opening")
        # Translators: a kind of segment of a debate: a keynote address.
        KEYNOTE = "keynote", _("Keynote")
        # Translators: a kind of segment of a debate: a press conference.
        PRESS_CONFERENCE = "press-conference", _("Press conference")

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="panels")
    order = models.PositiveSmallIntegerField(help_text=_("Position within the debate, from 1."))
    title = models.CharField(max_length=300)
    title_origin = models.CharField(
        max_length=20,
        choices=TitleOrigin.choices,
        default=TitleOrigin.ARCHIVE,
        help_text=_("Official when a UN document gives this title; otherwise the archive's description."),
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PANEL)
    summary = models.TextField(
        blank=True,
        help_text=_("Markdown. The archive's own note on the segment, if any; the text is in paragraphs."),
    )
    summary_html = models.TextField(blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=WeightedSearchVector(("title", "A"), ("summary", "C")),
        output_field=SearchVectorField(),
        db_persist=True,
        serialize=False,
        help_text=_("The site search's vector of the title and summary (PostgreSQL; NULL on SQLite)."),
    )

    objects = PanelManager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["debate_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["debate", "order"], name="panel_unique_order_in_debate"),
            models.CheckConstraint(condition=Q(order__gte=1), name="panel_order_positive"),
        ]
        indexes = [RankedSearchVectorIndex(fields=["search_vector"], name="panel_search_rum_idx")]

    def __str__(self):
        return f"{self.label}: {self.title}"

    def save(self, *args, **kwargs):
        self.summary_html = render_markdown(self.summary)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.debate.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return self.debate.natural_key() + (self.order,)

    natural_key.dependencies = ["debates.debate"]

    @property
    def anchor(self):
        return panel_anchor(self.order)

    @property
    def label(self):
        """'Panel 2', 'Opening', … as a citation names the segment, in English."""
        return panel_label(self.kind, self.order)

    @property
    def heading(self):
        """'Panel 2', 'Opening', … as a page names the segment, in the reader's language."""
        return panel_heading(self.kind, self.order)


class ParticipationManager(models.Manager):
    def get_by_natural_key(self, debate_slug, participant_slug, role):
        return self.get(debate__slug=debate_slug, participant__slug=participant_slug, role=role)


class Participation(DebatePart):
    """A named participant's part in a debate (convener, keynote, moderator, panellist, speaker)."""

    class Role(models.TextChoices):
        # i18n: also used in the API schema's enum descriptions (the API itself gives the value).
        # Translators: a participant's part in a debate: the person who convened it.
        CONVENER = "convener", _("Convener")
        # Translators: a participant's part in a debate: they gave the opening remarks.
        OPENING = "opening", _("Opening remarks")
        # Translators: a participant's part in a debate.
        KEYNOTE = "keynote", _("Keynote speaker")
        # Translators: a participant's part in a debate: moderated a panel.
        MODERATOR = "moderator", _("Moderator")
        # Translators: a participant's part in a debate: a member of a panel.
        PANELIST = "panelist", _("Panellist")
        # Translators: a participant's part in a debate: spoke in it.
        SPEAKER = "speaker", _("Speaker")

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="participations")
    panel = models.ForeignKey(
        Panel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
        help_text=_("The segment, where the sources say which; blank for the debate as a whole."),
    )
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="participations", help_text=_("Where this is recorded.")
    )

    objects = ParticipationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["debate_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["debate", "participant", "role"], name="participation_unique"),
        ]

    def __str__(self):
        return f"{self.participant} – {self.get_role_display()} ({self.debate.slug})"

    def get_absolute_url(self):
        return self.participant.get_absolute_url()

    def clean(self):
        if self.panel_id and self.debate_id and self.panel.debate_id != self.debate_id:
            raise ValidationError({"panel": gettext("This panel belongs to another debate.")})

    def natural_key(self):
        return self.debate.natural_key() + self.participant.natural_key() + (self.role,)

    natural_key.dependencies = ["debates.debate", "debates.participant", "panels.panel"]


class ParagraphManager(models.Manager):
    def get_by_natural_key(self, debate_slug, number):
        return self.get(debate__slug=debate_slug, number=number)


class Paragraph(DebatePart):
    """One paragraph of a debate's summary, numbered through the whole debate in reading order."""

    class Section(models.TextChoices):
        # Citations take these in English (public.citations.segment_name), pages in the reader's language.
        # Translators: the part of a debate before its segments (panels).
        INTRODUCTION = "introduction", _("Introduction")
        # Translators: a segment of a debate in which panelists speak.
        PANEL = "panel", _("Panel")
        # Translators: the part of a debate after its segments (panels).
        CONCLUSION = "conclusion", _("Conclusion")

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveSmallIntegerField(
        help_text=_("Position in the whole debate, from 1, as citations give it.")
    )
    section = models.CharField(max_length=20, choices=Section.choices)
    panel = models.ForeignKey(
        Panel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="paragraphs",
        help_text=_("For the panel section."),
    )
    text = models.TextField(help_text=_("Markdown. The paragraph as written in the source."))
    text_html = models.TextField(editable=False)
    text_origin = models.CharField(
        max_length=20,
        choices=TextOrigin.choices,
        default=TextOrigin.ARCHIVE,
        help_text=_(
            "Official: word for word from the UN document under sources. Archive: the archive's own account, "
            "written from the documents under sources."
        ),
    )
    sources = models.ManyToManyField(
        Document,
        related_name="paragraphs",
        blank=True,
        help_text=_(
            "For official text, the UN document it is taken from; for the archive's account, "
            "the documents it was written from."
        ),
    )
    search_vector = models.GeneratedField(
        expression=WeightedSearchVector(("text", "C")),
        output_field=SearchVectorField(),
        db_persist=True,
        serialize=False,
        help_text=_("The site search's vector of the text (PostgreSQL; NULL on SQLite)."),
    )

    objects = ParagraphManager()
    history = HistoricalRecords(m2m_fields=[sources], excluded_fields=["search_vector"])

    class Meta:
        ordering = ["debate_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["debate", "number"], name="paragraph_unique_number_in_debate"),
            models.CheckConstraint(condition=Q(number__gte=1), name="paragraph_number_positive"),
            models.CheckConstraint(condition=Q(text_origin__in=TextOrigin.values), name="paragraph_text_origin_valid"),
            models.CheckConstraint(
                condition=(Q(section="panel") & Q(panel__isnull=False))
                | (Q(section__in=["introduction", "conclusion"]) & Q(panel__isnull=True)),
                name="paragraph_panel_iff_panel_section",
            ),
        ]
        indexes = [RankedSearchVectorIndex(fields=["search_vector"], name="paragraph_search_rum_idx")]

    def __str__(self):
        return f"{self.debate.slug} ¶{self.number}"

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        former = _former_values(self, "number")
        super().save(*args, **kwargs)
        if former and former["number"] != self.number:
            FormerAnchor.objects.record(self.debate_id, former["number"], paragraph=self)

    def get_absolute_url(self):
        return f"{self.debate.get_absolute_url()}#{self.anchor}"

    def clean(self):
        if self.panel_id and self.debate_id and self.panel.debate_id != self.debate_id:
            raise ValidationError({"panel": gettext("This panel belongs to another debate.")})
        if self.pk and not self.is_official and self.translations.filter(status=TextStatus.UN_TRANSLATION).exists():
            raise ValidationError(
                {
                    "text_origin": gettext(
                        "This paragraph has an official UN translation, so it is official UN text: delete the "
                        "translation, or make it the archive's, first."
                    )
                }
            )

    def natural_key(self):
        return self.debate.natural_key() + (self.number,)

    natural_key.dependencies = ["debates.debate", "debates.document", "panels.panel"]

    @property
    def anchor(self):
        return anchor(self.number)

    @property
    def is_official(self):
        return self.text_origin == TextOrigin.OFFICIAL

    @property
    def permalink(self):
        """The permanent path that citations give: it keeps leading here after a renumbering."""
        return paragraph_permalink(self.debate.slug, self.number)


class InterventionQuerySet(models.QuerySet):
    def published(self):
        """Statements in published debates only."""
        return self.filter(debate__status=Debate.Status.PUBLISHED)

    def with_actor_kind(self, kind):
        return self.filter(actor_kinds__has=kind)

    def in_reading_order(self):
        return self.order_by("debate__start_date", "debate_id", "paragraph__number", "order")

    def for_listing(self):
        """With everything a listing of statements prints, in reading order."""
        return (
            self.select_related("debate", "paragraph__panel", "participant", "source")
            .prefetch_related("themes", "topics")
            .in_reading_order()
        )

    def get_by_natural_key(self, debate_slug, paragraph_number, order):
        return self.get(debate__slug=debate_slug, paragraph__number=paragraph_number, order=order)


class Intervention(DebatePart):
    """One attributed statement, word for word from its paragraph, with who, how many, what it does and about what."""

    debate = models.ForeignKey(
        Debate, on_delete=models.CASCADE, related_name="interventions", help_text=_("Always the paragraph's debate.")
    )
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="interventions")
    order = models.PositiveSmallIntegerField(help_text=_("Position within the paragraph, from 1."))
    text = models.TextField(help_text=_("Markdown. The statement, word for word as it stands in the paragraph."))
    text_html = models.TextField(editable=False)
    actor_kinds = ActorKindsField(help_text=_("Who made the statement, by role; one or several."))
    extent = models.CharField(
        max_length=20,
        choices=Extent.choices,
        blank=True,
        default="",
        help_text=_(
            "How many, as the source says it. Empty: not read yet (the importer could not tell); "
            "a debate is not published while a statement has none."
        ),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("speaker"),
        help_text=_("The named speaker, where the source names one."),
    )
    named_participants = models.ManyToManyField(
        Participant,
        related_name="named_in",
        blank=True,
        verbose_name=_("named as taking this position"),
        help_text=_(
            "Participants the statement names as holding its position without being its speaker, "
            "e.g. the Member States a summary lists."
        ),
    )
    stance = models.CharField(
        max_length=20,
        choices=Stance.choices,
        blank=True,
        default="",
        help_text=_(
            "What the statement does. Empty: not read yet (the importer could not tell); "
            "a debate is not published while a statement has none."
        ),
    )
    scope = models.CharField(
        max_length=20,
        choices=Scope.choices,
        default=Scope.FREEDOMS.value,
        help_text=_(
            "The theme coding's decision: filed under the freedoms ticked below, about human security as a "
            "whole, or procedural. A debate is not published while a statement filed under the freedoms has none."
        ),
    )
    themes = models.ManyToManyField(Theme, related_name="interventions", blank=True)
    topics = models.ManyToManyField(Topic, related_name="interventions", blank=True)
    source = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="interventions",
        help_text=_("The document it is taken from."),
    )
    needs_review = models.BooleanField(
        default=False,
        db_default=False,
        help_text=_(
            "The importer could not read the whole attribution: check who, how many and what it does, "
            "then untick. A debate is not published while any of its statements needs review."
        ),
    )
    search_vector = models.GeneratedField(
        expression=WeightedSearchVector(("text", "B")),
        output_field=SearchVectorField(),
        db_persist=True,
        serialize=False,
        help_text=_("The site search's vector of the text (PostgreSQL; NULL on SQLite)."),
    )

    objects = InterventionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[themes, topics, named_participants], excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["debate_id", "paragraph_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "order"], name="intervention_unique_order_in_paragraph"),
            models.CheckConstraint(condition=Q(order__gte=1), name="intervention_order_positive"),
            models.CheckConstraint(
                condition=Q(actor_kinds__gt=0) & Q(actor_kinds__lte=ALL_ACTOR_KINDS_MASK),
                name="intervention_has_actor_kind",
            ),
            # "" is a label not read yet: allowed in drafts, refused at publishing (debates.services).
            models.CheckConstraint(condition=Q(extent__in=[*Extent.values, ""]), name="intervention_extent_valid"),
            models.CheckConstraint(condition=Q(stance__in=[*Stance.values, ""]), name="intervention_stance_valid"),
            models.CheckConstraint(condition=Q(scope__in=Scope.values), name="intervention_scope_valid"),
        ]
        indexes = [
            models.Index(fields=["debate", "paragraph", "order"], name="intervention_reading_idx"),
            models.Index(fields=["extent"], name="intervention_extent_idx"),
            models.Index(fields=["stance"], name="intervention_stance_idx"),
            SearchVectorIndex(fields=["search_vector"], name="intervention_search_vector_idx"),
        ]

    def __str__(self):
        return f"{self.paragraph} #{self.order}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        if self.paragraph_id and not self.debate_id:
            self.debate_id = self.paragraph.debate_id
        self.text_html = render_markdown(self.text)
        former = _former_values(self, "order", "paragraph__number", "debate_id")
        super().save(*args, **kwargs)
        moved = former and (former["order"], former["paragraph__number"]) != (self.order, self.paragraph.number)
        if moved and former["debate_id"] == self.debate_id:  # a statement moved to another debate keeps no anchor
            FormerAnchor.objects.record(self.debate_id, former["paragraph__number"], former["order"], intervention=self)

    def get_absolute_url(self):
        return f"{self.debate.get_absolute_url()}#{self.anchor}"

    def clean(self):
        errors = {}
        if self.paragraph_id and self.debate_id and self.paragraph.debate_id != self.debate_id:
            errors["paragraph"] = gettext("This paragraph belongs to another debate.")
        if self.paragraph_id and self.text and self.text.strip() not in self.paragraph.text:
            errors["text"] = gettext("The statement must be quoted word for word from its paragraph.")
        if not self.actor_kinds:
            errors["actor_kinds"] = gettext("Choose at least one actor kind.")
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        return self.paragraph.natural_key() + (self.order,)

    natural_key.dependencies = ["panels.paragraph", "debates.theme", "debates.topic", "debates.document"]

    @property
    def anchor(self):
        return anchor(self.paragraph.number, self.order)

    @property
    def permalink(self):
        """The permanent path that citations give: it keeps leading here after a renumbering."""
        return paragraph_permalink(self.debate.slug, self.paragraph.number, self.order)

    @property
    def text_origin(self):
        """Whose words the statement is: its paragraph's, since it is quoted word for word from it."""
        return self.paragraph.text_origin

    @property
    def is_official(self):
        return self.paragraph.is_official

    def get_text_origin_display(self):
        return str(TextOrigin(self.text_origin).label)  # a plain string, as Django's own get_FOO_display() gives

    @property
    def actor_kind_list(self):
        """The actor kinds as :class:`ActorKind` members, in a stable order."""
        return ActorKind.decompose(self.actor_kinds)


class TextTranslation(DebatePart, Translation):
    """A paragraph's or a statement's text in another language (:class:`ParagraphTranslation`, …)."""

    text = models.TextField(help_text=_("Markdown. The text in this language."))
    text_html = models.TextField(editable=False)

    class Meta(Translation.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        super().save(*args, **kwargs)

    @property
    def debate_id(self):
        return self.translated.debate_id

    def get_absolute_url(self):
        return self.translated.get_absolute_url()

    def clean(self):
        # The thing translated as it stands in memory: on an admin page, as submitted with this translation
        # (a new paragraph has no key yet, and a changed one has not been saved).
        translated = related_or_none(self, self._meta.get_field(self.translated_field).name)
        debate = related_or_none(translated, "debate") if translated is not None else None
        if debate is not None:
            self.clean_translation(original_language=debate.language, official=translated.is_official)


class ParagraphTranslation(TextTranslation):
    """A paragraph in another language than its debate's."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="translations")
    translated_field = "paragraph"
    search_vector = models.GeneratedField(
        expression=LanguageSearchVector("text", "C"),
        output_field=SearchVectorField(),
        db_persist=True,
        serialize=False,
        help_text=_("The site search's vector of the text, in its language's configuration (PostgreSQL)."),
    )

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta(TextTranslation.Meta):
        verbose_name = _("paragraph translation")
        verbose_name_plural = _("paragraph translations")
        ordering = ["paragraph_id", "language"]
        constraints = [
            *Translation.Meta.constraints,
            models.UniqueConstraint(fields=["paragraph", "language"], name="paragraph_translation_one_per_language"),
        ]
        indexes = [SearchVectorIndex(fields=["search_vector"], name="paragraph_tr_search_idx")]

    def __str__(self):
        return f"{self.paragraph} [{self.language}]"

    @property
    def translated(self):
        return self.paragraph

    @property
    def translated_id(self):
        return self.paragraph_id


class InterventionTranslation(TextTranslation):
    """A statement in another language than its debate's: word for word from its paragraph's text in it."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="translations")
    translated_field = "intervention"
    search_vector = models.GeneratedField(
        expression=LanguageSearchVector("text", "B"),
        output_field=SearchVectorField(),
        db_persist=True,
        serialize=False,
        help_text=_("The site search's vector of the text, in its language's configuration (PostgreSQL)."),
    )

    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta(TextTranslation.Meta):
        verbose_name = _("statement translation")
        verbose_name_plural = _("statement translations")
        ordering = ["intervention_id", "language"]
        constraints = [
            *Translation.Meta.constraints,
            models.UniqueConstraint(
                fields=["intervention", "language"], name="intervention_translation_one_per_language"
            ),
        ]
        indexes = [SearchVectorIndex(fields=["search_vector"], name="statement_tr_search_idx")]

    def __str__(self):
        return f"{self.intervention} [{self.language}]"

    @property
    def translated(self):
        return self.intervention

    def clean(self):
        super().clean()
        statement = related_or_none(self, "intervention")
        if statement is not None and statement.paragraph_id and self.language:
            paragraph = ParagraphTranslation.objects.filter(
                paragraph=statement.paragraph_id, language=self.language
            ).first()
            # Its words are its paragraph's in that language: so is whose translation they are.
            if paragraph is not None and (self.status, self.document_symbol) != (
                paragraph.status,
                paragraph.document_symbol,
            ):
                raise ValidationError(
                    {
                        "status": gettext(
                            "A statement's translation is quoted from its paragraph's: give it the same status "
                            "and document symbol as the paragraph's translation into this language."
                        )
                    }
                )
            if paragraph is not None and self.text.strip() not in paragraph.text:
                raise ValidationError(
                    {
                        "text": gettext(
                            "The statement must be quoted word for word from its paragraph's text in this language."
                        )
                    }
                )

    @property
    def translated_id(self):
        return self.intervention_id


@dataclass(frozen=True)
class ShownText:
    """The text of a paragraph, a statement or a title a reader is shown: which language, and whose translation.

    ``wanted`` is the reader's language.  When the thing has no text in it, the original is shown
    (``language`` differs from ``wanted``), and the page says so.
    """

    text: str
    html: str
    language: str
    status: str = TextStatus.ORIGINAL
    document_symbol: str = ""
    wanted: str = ""

    @property
    def is_translation(self):
        return self.status != TextStatus.ORIGINAL

    @property
    def is_official_translation(self):
        return self.status == TextStatus.UN_TRANSLATION

    @property
    def is_archive_translation(self):
        return self.status == TextStatus.ARCHIVE_TRANSLATION

    @property
    def is_fallback(self):
        """Shown in another language than the reader's, which has no text of it."""
        return bool(self.wanted) and self.language != self.wanted


def shown_text(thing, original_language, language, translations=None, *, text_field="text"):
    """The text of ``thing`` (a paragraph or a statement) to show a reader in ``language``: its translation into
    ``language`` among ``translations`` (default: ``thing.translations.all()``, best prefetched for that language),
    else its original, in ``original_language``.
    """
    if language != original_language:
        for translation in thing.translations.all() if translations is None else translations:
            if translation.language == language:
                return ShownText(
                    getattr(translation, text_field),
                    getattr(translation, f"{text_field}_html", ""),
                    translation.language,
                    translation.status,
                    translation.document_symbol,
                    language,
                )
    return ShownText(
        getattr(thing, text_field), getattr(thing, f"{text_field}_html", ""), original_language, wanted=language
    )


class TermTranslation(VersionedModel):
    """A term of one of the archive's vocabularies in a language other than English: its label and definition.

    The vocabularies are the themes and topics (rows of ``debates``, named by slug) and the attribution
    codebook's actor kinds, extents, stances and scopes (:mod:`panels.attribution`, named by value).  English is
    the terms' own language, so it has no rows here; a term without a row in a language is shown in English,
    marked as such.
    """

    class Vocabulary(models.TextChoices):
        # Translators: a vocabulary of the archive: the three freedoms.
        THEME = "theme", _("Themes")
        # Translators: a vocabulary of the archive: the subjects the debates argued about.
        TOPIC = "topic", _("Topics")
        # Translators: a vocabulary of the codebook: who made a statement, by role.
        ACTOR = "actor", _("Actor kinds")
        # Translators: a vocabulary of the codebook: how many made a statement.
        EXTENT = "extent", _("Extents")
        # Translators: a vocabulary of the codebook: what a statement does (its verb of attribution).
        STANCE = "stance", _("Stances")
        # Translators: a vocabulary of the codebook: what a statement is about, as far as the freedoms go.
        SCOPE = "scope", _("Scopes")

    vocabulary = models.CharField(max_length=10, choices=Vocabulary.choices)
    term = models.CharField(
        max_length=80, help_text=_("The term's slug (themes, topics, actor kinds) or value (the other vocabularies).")
    )
    language = models.CharField(max_length=10, choices=[(c, n) for c, n in settings.LANGUAGES if c != "en"])
    label = models.CharField(max_length=200, help_text=_("The term's name in this language."))
    description = models.TextField(blank=True, help_text=_("Its definition in this language; blank: none yet."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vocabulary translation")
        verbose_name_plural = _("vocabulary translations")
        ordering = ["vocabulary", "term", "language"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "term", "language"], name="term_translation_unique"),
            models.CheckConstraint(
                condition=Q(vocabulary__in=["theme", "topic", "actor", "extent", "stance", "scope"]),
                name="term_translation_vocabulary_valid",
            ),
            models.CheckConstraint(condition=~Q(language="en"), name="term_translation_not_english"),
        ]

    def __str__(self):
        return f"{self.vocabulary}:{self.term} [{self.language}] {self.label}"

    def clean(self):
        if self.vocabulary and self.term and self.term not in vocabulary_terms(self.vocabulary):
            raise ValidationError({"term": gettext("No such term in this vocabulary.")})


def vocabulary_terms(vocabulary):
    """The terms of ``vocabulary`` (a :class:`TermTranslation.Vocabulary` value): ``{term: English label}``."""
    if vocabulary == TermTranslation.Vocabulary.THEME:
        return dict(Theme.objects.values_list("slug", "name"))
    if vocabulary == TermTranslation.Vocabulary.TOPIC:
        return dict(Topic.objects.values_list("slug", "name"))
    if vocabulary == TermTranslation.Vocabulary.ACTOR:
        return {kind.slug: kind.label for kind in ActorKind}
    enum = {"extent": Extent, "stance": Stance, "scope": Scope}[vocabulary]
    return {member.value: member.label for member in enum}


def related_or_none(instance, name):
    """``instance.<name>`` (a foreign key's object, saved or not), or None when it is not set."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def _former_values(instance, *fields):
    """The stored values of ``fields`` for a saved row, before this save changes them; ``None`` for a new row.

    A renumbering (panels.services.positions_renumber) first parks the rows it moves at temporary
    positions; it leaves each row's real position before that on the instance, which wins here.
    """
    if instance._state.adding or instance.pk is None:
        return None
    values = type(instance)._base_manager.filter(pk=instance.pk).values(*fields).first()
    if values is not None:
        values.update(getattr(instance, "position_before_renumbering", {}))
        instance.position_before_renumbering = {}
    return values


def anchor_targets(debate, number, order=None, *, _depth=0):
    """What ``p<number>`` (or ``p<number>-s<order>``) of ``debate`` names: now, and under its former numbers.

    A list of ``(paragraph or statement, former)`` without repeats, the text that holds the
    number now first (``former`` is ``None``), then each text that held it before, most
    recent first (``former`` is its :class:`FormerAnchor`).  A former paragraph number also
    names the statements that were in that paragraph, wherever they have moved since.
    """
    if order is None:
        current = Paragraph.objects.filter(debate=debate, number=number).first()
        formers = debate.former_anchors.filter(number=number, order=None).select_related("paragraph")
        candidates = [(former.paragraph, former) for former in formers]
    else:
        current = Intervention.objects.filter(debate=debate, paragraph__number=number, order=order).first()
        formers = debate.former_anchors.filter(number=number, order=order).select_related("intervention")
        candidates = [(former.intervention, former) for former in formers]
        by_paragraph = debate.former_anchors.filter(number=number, order=None).select_related("paragraph")
        for former in by_paragraph:
            if _depth < MAX_ANCHOR_HOPS and former.paragraph.number != number:
                moved = anchor_targets(debate, former.paragraph.number, order, _depth=_depth + 1)
                candidates.extend((statement, former) for statement, _ in moved)
    candidates.sort(key=lambda pair: pair[1].recorded_at, reverse=True)
    found = []
    for target, former in [(current, None), *candidates]:
        if target is not None and all(target.pk != seen.pk for seen, _ in found):
            found.append((target, former))
    return found


class FormerAnchorQuerySet(models.QuerySet):
    def record(self, debate_id, number, order=None, *, paragraph=None, intervention=None):
        """Remember that ``p<number>`` (or ``p<number>-s<order>``) of a published debate named this text."""
        if not Debate.objects.filter(pk=debate_id, published_at__isnull=False).exists():
            return None
        return self.create(
            debate_id=debate_id, number=number, order=order, paragraph=paragraph, intervention=intervention
        )


class FormerAnchor(models.Model):
    """An old paragraph or statement number of a debate that has been public, and the text it named then.

    When an editor renumbers a paragraph, or moves or reorders a statement, of a
    debate that has ever been published, the old number is kept here so that a
    permanent link or citation made before still leads to the same text (as
    openparliament keeps ``OldSequenceMapping``).  Drafts were never cited, so
    their renumbering is not recorded.
    """

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="former_anchors")
    number = models.PositiveSmallIntegerField(help_text=_("The paragraph number as it was."))
    order = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("The statement's position in that paragraph as it was; blank for a paragraph."),
    )
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, null=True, blank=True, related_name="former_anchors"
    )
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, null=True, blank=True, related_name="former_anchors"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = FormerAnchorQuerySet.as_manager()

    class Meta:
        ordering = ["debate_id", "number", "order", "-recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(order__isnull=True) & Q(paragraph__isnull=False) & Q(intervention__isnull=True))
                | (Q(order__isnull=False) & Q(paragraph__isnull=True) & Q(intervention__isnull=False)),
                name="formeranchor_paragraph_or_statement",
            ),
        ]
        indexes = [models.Index(fields=["debate", "number", "order"], name="formeranchor_lookup_idx")]

    def __str__(self):
        return f"{self.debate_id}: former {anchor(self.number, self.order)}"

    def get_absolute_url(self):
        target = self.paragraph or self.intervention
        return target.get_absolute_url()


def public_documents():
    """Documents of published debates, and the sources of their paragraphs, statements and parts."""
    published = Debate.Status.PUBLISHED
    linked = DebateDocument.objects.filter(document=models.OuterRef("pk"), debate__status=published)
    paragraphs = Paragraph.sources.through.objects.filter(
        document=models.OuterRef("pk"), paragraph__debate__status=published
    )
    statements = Intervention.objects.filter(source=models.OuterRef("pk"), debate__status=published)
    parts = Participation.objects.filter(source=models.OuterRef("pk"), debate__status=published)
    return Document.objects.filter(
        models.Exists(linked) | models.Exists(paragraphs) | models.Exists(statements) | models.Exists(parts)
    )
