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

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from debates.markdown import render_markdown
from debates.models import Debate, Document, Participant, Theme, Topic
from debates.versioning import VersionedModel

from .attribution import ALL_ACTOR_KINDS_MASK, ActorKind, ActorKindsField, Extent, Stance


class PanelManager(models.Manager):
    def get_by_natural_key(self, debate_slug, order):
        return self.get(debate__slug=debate_slug, order=order)


class DebatePart(VersionedModel):
    """Something inside a debate: saving or deleting it marks the debate as updated."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Debate.objects.filter(pk=self.debate_id).touch()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        Debate.objects.filter(pk=self.debate_id).touch()
        return deleted


class Panel(DebatePart):
    """A segment of a debate: a panel discussion, a plenary segment, an opening or a keynote."""

    class Kind(models.TextChoices):
        PANEL = "panel", "Panel"
        PLENARY = "plenary", "Plenary"
        OPENING = "opening", "Opening"
        KEYNOTE = "keynote", "Keynote"

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="panels")
    order = models.PositiveSmallIntegerField(help_text="Position within the debate, from 1.")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PANEL)
    summary = models.TextField(
        blank=True, help_text="Markdown. The archive's own note on the segment, if any; the text is in paragraphs."
    )
    summary_html = models.TextField(blank=True, editable=False)

    objects = PanelManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["debate_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["debate", "order"], name="panel_unique_order_in_debate"),
            models.CheckConstraint(condition=Q(order__gte=1), name="panel_order_positive"),
        ]

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
        return f"panel-{self.order}"

    @property
    def label(self):
        """'Panel 2', 'Opening', … as a citation names the segment."""
        if self.kind == self.Kind.PANEL:
            return f"Panel {self.order}"
        return self.get_kind_display()


class ParticipationManager(models.Manager):
    def get_by_natural_key(self, debate_slug, participant_slug, role):
        return self.get(debate__slug=debate_slug, participant__slug=participant_slug, role=role)


class Participation(DebatePart):
    """A named participant's part in a debate (convener, keynote, moderator, panellist, speaker)."""

    class Role(models.TextChoices):
        CONVENER = "convener", "Convener"
        OPENING = "opening", "Opening remarks"
        KEYNOTE = "keynote", "Keynote speaker"
        MODERATOR = "moderator", "Moderator"
        PANELIST = "panelist", "Panellist"
        SPEAKER = "speaker", "Speaker"

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="participations")
    panel = models.ForeignKey(
        Panel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
        help_text="The segment, where the sources say which; blank for the debate as a whole.",
    )
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="participations", help_text="Where this is recorded."
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
            raise ValidationError({"panel": "This panel belongs to another debate."})

    def natural_key(self):
        return self.debate.natural_key() + self.participant.natural_key() + (self.role,)

    natural_key.dependencies = ["debates.debate", "debates.participant", "panels.panel"]


class ParagraphManager(models.Manager):
    def get_by_natural_key(self, debate_slug, number):
        return self.get(debate__slug=debate_slug, number=number)


class Paragraph(DebatePart):
    """One paragraph of a debate's summary, numbered through the whole debate in reading order."""

    class Section(models.TextChoices):
        INTRODUCTION = "introduction", "Introduction"
        PANEL = "panel", "Panel"
        CONCLUSION = "conclusion", "Conclusion"

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveSmallIntegerField(help_text="Position in the whole debate, from 1, as citations give it.")
    section = models.CharField(max_length=20, choices=Section.choices)
    panel = models.ForeignKey(
        Panel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="paragraphs",
        help_text="For the panel section.",
    )
    text = models.TextField(help_text="Markdown. The paragraph as written in the source.")
    text_html = models.TextField(editable=False)

    objects = ParagraphManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["debate_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["debate", "number"], name="paragraph_unique_number_in_debate"),
            models.CheckConstraint(condition=Q(number__gte=1), name="paragraph_number_positive"),
            models.CheckConstraint(
                condition=(Q(section="panel") & Q(panel__isnull=False))
                | (Q(section__in=["introduction", "conclusion"]) & Q(panel__isnull=True)),
                name="paragraph_panel_iff_panel_section",
            ),
        ]

    def __str__(self):
        return f"{self.debate.slug} ¶{self.number}"

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.debate.get_absolute_url()}#{self.anchor}"

    def clean(self):
        if self.panel_id and self.debate_id and self.panel.debate_id != self.debate_id:
            raise ValidationError({"panel": "This panel belongs to another debate."})

    def natural_key(self):
        return self.debate.natural_key() + (self.number,)

    natural_key.dependencies = ["debates.debate", "panels.panel"]

    @property
    def anchor(self):
        return f"p{self.number}"


class InterventionQuerySet(models.QuerySet):
    def published(self):
        """Statements in published debates only."""
        return self.filter(debate__status=Debate.Status.PUBLISHED)

    def with_actor_kind(self, kind):
        return self.filter(actor_kinds__has=kind)

    def in_reading_order(self):
        return self.order_by("debate__start_date", "debate_id", "paragraph__number", "order")

    def get_by_natural_key(self, debate_slug, paragraph_number, order):
        return self.get(debate__slug=debate_slug, paragraph__number=paragraph_number, order=order)


class Intervention(DebatePart):
    """One attributed statement, word for word from its paragraph, with who, how many, what it does and about what."""

    debate = models.ForeignKey(
        Debate, on_delete=models.CASCADE, related_name="interventions", help_text="Always the paragraph's debate."
    )
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="interventions")
    order = models.PositiveSmallIntegerField(help_text="Position within the paragraph, from 1.")
    text = models.TextField(help_text="Markdown. The statement, word for word as it stands in the paragraph.")
    text_html = models.TextField(editable=False)
    actor_kinds = ActorKindsField(help_text="Who made the statement, by role; one or several.")
    extent = models.CharField(max_length=20, choices=Extent.choices, help_text="How many, as the source says it.")
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        help_text="The named speaker, where the source names one.",
    )
    stance = models.CharField(max_length=20, choices=Stance.choices, help_text="What the statement does.")
    themes = models.ManyToManyField(Theme, related_name="interventions", blank=True)
    topics = models.ManyToManyField(Topic, related_name="interventions", blank=True)
    source = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="interventions", help_text="The document it is taken from."
    )
    needs_review = models.BooleanField(
        default=False,
        db_default=False,
        help_text="The importer could not read the whole attribution: check who, how many and what it does, "
        "then untick. A debate is not published while any of its statements needs review.",
    )

    objects = InterventionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[themes, topics])

    class Meta:
        ordering = ["debate_id", "paragraph_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "order"], name="intervention_unique_order_in_paragraph"),
            models.CheckConstraint(condition=Q(order__gte=1), name="intervention_order_positive"),
            models.CheckConstraint(
                condition=Q(actor_kinds__gt=0) & Q(actor_kinds__lte=ALL_ACTOR_KINDS_MASK),
                name="intervention_has_actor_kind",
            ),
            models.CheckConstraint(condition=Q(extent__in=Extent.values), name="intervention_extent_valid"),
            models.CheckConstraint(condition=Q(stance__in=Stance.values), name="intervention_stance_valid"),
        ]
        indexes = [
            models.Index(fields=["debate", "paragraph", "order"], name="intervention_reading_idx"),
            models.Index(fields=["extent"], name="intervention_extent_idx"),
            models.Index(fields=["stance"], name="intervention_stance_idx"),
        ]

    def __str__(self):
        return f"{self.paragraph} #{self.order}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        if self.paragraph_id and not self.debate_id:
            self.debate_id = self.paragraph.debate_id
        self.text_html = render_markdown(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.debate.get_absolute_url()}#{self.anchor}"

    def clean(self):
        errors = {}
        if self.paragraph_id and self.debate_id and self.paragraph.debate_id != self.debate_id:
            errors["paragraph"] = "This paragraph belongs to another debate."
        if self.paragraph_id and self.text and self.text.strip() not in self.paragraph.text:
            errors["text"] = "The statement must be quoted word for word from its paragraph."
        if not self.actor_kinds:
            errors["actor_kinds"] = "Choose at least one actor kind."
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        return self.paragraph.natural_key() + (self.order,)

    natural_key.dependencies = ["panels.paragraph", "debates.theme", "debates.topic", "debates.document"]

    @property
    def anchor(self):
        return f"p{self.paragraph.number}-s{self.order}"

    @property
    def actor_kind_list(self):
        """The actor kinds as :class:`ActorKind` members, in a stable order."""
        return ActorKind.decompose(self.actor_kinds)
