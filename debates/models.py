"""Debates, their official documents, and the archive's controlled vocabularies.

A :class:`Debate` is one event (a thematic debate, a panel discussion, a
series of plenary meetings).  Its reading text lives in ordered paragraphs and
attributed statements in the ``panels`` app.  :class:`Theme` and
:class:`Topic` are the vocabularies that statements are filed under;
:class:`Participant` is a named speaker, State or organization.
"""

import operator
from functools import reduce

import pycountry
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, PostgresIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .markdown import render_markdown, safe_link
from .versioning import VersionedModel


class TextOrigin(models.TextChoices):
    """Whose words a text is: the United Nations' own, word for word, or the archive's account of what happened."""

    # i18n: also used in feeds (category labels, the JSON Feed's text_origin_label), akn/export.py (showAs) and the
    # API schema's enum descriptions; the machine value is the choice's value, never this label.
    # Translators: whose words a text is: the United Nations' own, word for word.
    OFFICIAL = "official", _("Official UN text")
    # Translators: whose words a text is: the archive's own account of what happened, not the UN's words.
    ARCHIVE = "archive", _("The archive's account")


class TitleOrigin(models.TextChoices):
    """Whether a title is the one a UN document gives, or a description the archive wrote."""

    # i18n: also used in feeds (category labels, the JSON Feed's title_origin_label), akn/export.py (showAs) and the
    # API schema's enum descriptions; the machine value is the choice's value, never this label.
    # Translators: a title as a UN document gives it.
    OFFICIAL = "official", _("Official title")
    # Translators: a title the archive wrote to describe something that has no official title.
    ARCHIVE = "archive", _("The archive's description")


class TextStatus(models.TextChoices):
    """Which text of a paragraph, a statement or a title this is: the one it was written in, or a translation.

    Orthogonal to :class:`TextOrigin`: the archive's translation of official UN text is still the archive's
    words, and only an official UN translation (with its document symbol) is the United Nations' in that language.
    """

    # i18n: also used in feeds, exports and the API schema's enum descriptions; the machine value is the value.
    # Translators: a text as it was written, not a translation of it.
    ORIGINAL = "original", _("Original")
    # Translators: a text translated by the United Nations itself, in the UN document whose symbol it gives.
    UN_TRANSLATION = "un-translation", _("Official UN translation")
    # Translators: a text translated by the archive: its words are the archive's, not the United Nations'.
    ARCHIVE_TRANSLATION = "archive-translation", _("The archive's translation")


# What a stored translation may be: the original is the translated thing itself.
TRANSLATION_STATUSES = [
    (TextStatus.UN_TRANSLATION.value, TextStatus.UN_TRANSLATION.label),
    (TextStatus.ARCHIVE_TRANSLATION.value, TextStatus.ARCHIVE_TRANSLATION.label),
]

# The PostgreSQL text search configuration of each language's texts.  Chinese has no stemmer in PostgreSQL:
# its texts are split by ``simple`` and matched by trigrams (search.queries).
SEARCH_CONFIGS = {
    "ar": "arabic",
    "zh-hans": "simple",
    "en": "english",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
}


class LanguageSearchVector(Func):
    """The full-text vector of a translation's ``text``, under the configuration of its own ``language``.

    ``to_tsvector(CASE "language" WHEN 'fr' THEN 'french'::regconfig … END, COALESCE("text", ''))`` with a
    weight: immutable, so PostgreSQL stores and indexes it as :class:`WeightedSearchVector` is.  ``NULL`` on
    SQLite, as there.
    """

    output_field = SearchVectorField()

    def __init__(self, text_field, weight):
        self.text_field, self.weight = text_field, weight
        super().__init__()

    def as_sql(self, compiler, connection, **extra_context):
        quote = compiler.quote_name_unless_alias
        branches = " ".join(f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in SEARCH_CONFIGS.items())
        config = f"CASE {quote('language')} {branches} ELSE 'simple'::regconfig END"
        text = f"COALESCE({quote(self.text_field)}, '')"
        return f"setweight(to_tsvector({config}, {text}), '{self.weight}')", []

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []

    def deconstruct(self):
        return ("debates.models.LanguageSearchVector", (self.text_field, self.weight), {})


class Translation(VersionedModel):
    """A text in another language than the one it was written in: whose translation it is, and in which document.

    A concrete translation names what it translates (a debate's title, a paragraph, a statement) and carries
    its text; each thing has at most one text per language.  Its original is the thing itself, in its debate's
    :attr:`Debate.language`.
    """

    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        max_length=20,
        choices=TRANSLATION_STATUSES,
        default=TextStatus.ARCHIVE_TRANSLATION,
        help_text=_(
            "An official UN translation is word for word from the UN document in that language, whose symbol "
            "goes below; the archive's translation is the archive's own words."
        ),
    )
    document_symbol = models.CharField(
        max_length=60,
        blank=True,
        help_text=_("For an official UN translation: the symbol of the UN document in this language."),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["un-translation", "archive-translation"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=(Q(status="un-translation") & ~Q(document_symbol=""))
                | (Q(status="archive-translation") & Q(document_symbol="")),
                name="%(app_label)s_%(class)s_symbol_iff_un",
            ),
        ]

    def clean_translation(self, *, original_language, official):
        """Refuse a translation into the original's own language, and an official translation of the archive's words.

        ``original_language`` is the language the translated thing was written in; ``official`` says whether
        it is the United Nations' text (only the UN translates its own texts officially).
        """
        errors = {}
        if self.language and self.language == original_language:
            errors["language"] = gettext("This is the language the text was written in: edit the text itself.")
        if self.status == TextStatus.UN_TRANSLATION:
            if not official:
                errors["status"] = gettext(
                    "Only official UN text has an official UN translation: a translation of the archive's "
                    "account is the archive's translation."
                )
            elif not self.document_symbol.strip():
                errors["document_symbol"] = gettext("Give the symbol of the UN document this translation is from.")
        elif self.document_symbol.strip():
            errors["document_symbol"] = gettext("Only an official UN translation has a document symbol.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_official_translation(self):
        return self.status == TextStatus.UN_TRANSLATION


class SlugNaturalKeyManager(models.Manager):
    """Look rows up by their slug, so fixtures never depend on primary keys."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class VocabularyTerm(models.Model):
    """A term of a controlled vocabulary filed on statements: a theme or a topic.

    The facet registry (public/registry.py) offers both the same way; only their order and meaning differ.
    """

    slug = models.SlugField(max_length=80, unique=True, help_text=_("Stable identifier used in URLs and filters."))
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(help_text=_("What statements filed under this term are about, in plain words."))
    search_variants = models.TextField(
        blank=True,
        default="",
        help_text=_(
            "Other names the site search finds this term by, one per line: abbreviations and spellings "
            "(R2P for the responsibility to protect). A search for any of them, or for the name, looks for all."
        ),
    )

    objects = SlugNaturalKeyManager()
    url_name = None  # the public page of a term

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def names(self):
        """The name and the search variants: what a search for any of them looks for."""
        return [self.name, *(line.strip() for line in self.search_variants.splitlines() if line.strip())]


class Theme(VocabularyTerm):
    """One of the three freedoms of human security (2005 World Summit Outcome, para. 143)."""

    order = models.PositiveSmallIntegerField(default=0, help_text=_("Position in lists of themes."))
    url_name = "public:theme-detail"

    class Meta:
        ordering = ["order", "slug"]


class Topic(VocabularyTerm):
    """A subject the debates argued about: a small, controlled vocabulary."""

    url_name = "public:topic-detail"

    class Meta:
        ordering = ["name", "slug"]


class ParticipantQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def public(self):
        """Named participants of published debates: with a part in one, a statement they speak, or one that names them.

        The statements and parts are ``panels``' models, reached through the reverse relations (this app is below it).
        """
        published = Debate.Status.PUBLISHED
        participations = self.model._meta.get_field("participations").related_model
        statements = self.model._meta.get_field("interventions").related_model
        named = statements.named_participants.through.objects.filter(
            participant=OuterRef("pk"), intervention__debate__status=published
        )
        return self.filter(
            Exists(participations.objects.filter(participant=OuterRef("pk"), debate__status=published))
            | Exists(statements.objects.filter(participant=OuterRef("pk"), debate__status=published))
            | Exists(named)
        )


class Participant(VersionedModel):
    """A named speaker: a person, a Member State, a group of States, a UN entity or another organization."""

    class Kind(models.TextChoices):
        # i18n: also used in the API schema's enum descriptions (the API itself gives the value).
        # Translators: a kind of participant in a debate.
        PERSON = "person", _("Person")
        MEMBER_STATE = "member-state", _("Member State")
        GROUP_OF_STATES = "group-of-states", _("Group of States")
        UN_ENTITY = "un-entity", _("UN entity")
        ORGANIZATION = "organization", _("Organization")

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    role = models.CharField(
        max_length=200, blank=True, help_text=_("Office held at the time, e.g. 'President of the General Assembly'.")
    )
    affiliation = models.CharField(
        max_length=200, blank=True, help_text=_("State or organization the participant spoke for, where known.")
    )
    note = models.TextField(blank=True, help_text=_("Sourced background on the participant."))
    country_code = models.CharField(
        max_length=3,
        blank=True,
        verbose_name=_("ISO 3166 code"),
        help_text=_("For a Member State: its ISO 3166-1 alpha-3 code, e.g. JPN."),
    )

    objects = ParticipantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "slug"]
        indexes = [models.Index(fields=["kind", "name"], name="participant_kind_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(country_code="") | Q(kind="member-state"), name="participant_country_code_for_states"
            ),
            models.UniqueConstraint(
                fields=["country_code"], condition=~Q(country_code=""), name="participant_country_code_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:participant-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.country_code:
            country = pycountry.countries.get(alpha_3=self.country_code.upper())
            if country is None:
                raise ValidationError({"country_code": gettext("Not an ISO 3166-1 alpha-3 country code.")})
            self.country_code = country.alpha_3
        if self.country_code and self.kind != self.Kind.MEMBER_STATE:
            raise ValidationError({"country_code": gettext("Only a Member State has a country code.")})

    def natural_key(self):
        return (self.slug,)

    @property
    def country(self):
        """The State's entry in ISO 3166 (pycountry), or ``None``."""
        return pycountry.countries.get(alpha_3=self.country_code) if self.country_code else None


# The text search configuration of the stored vectors, and of the queries that read them (search/queries.py).
SEARCH_CONFIG = "english"


class WeightedSearchVector(Func):
    """The weighted full-text vector of a model's text fields: the expression of its ``search_vector`` field.

    ``WeightedSearchVector(("title", "A"), ("abstract", "C"))`` is, on PostgreSQL,
    ``setweight(to_tsvector('english'::regconfig, COALESCE("title", '')), 'A') || …``: an explicit
    configuration and no NULL make it immutable, so PostgreSQL can store it in a generated column and
    index it (:class:`SearchVectorIndex`).  The weights are the site search's (search/queries.py reads
    them from here).

    SQLite has neither ``tsvector`` nor ``to_tsvector``: there the expression is ``NULL``, and the
    search's SQLite fallback reads the text fields themselves.  The concatenated text would have been
    the other candidate, but it would double the size of the searchable tables for nothing the
    fallback uses, and SQLite gives a column declared ``tsvector`` numeric affinity, so a title such as
    ``2011`` would be stored as the number 2011 (tried on SQLite 3.40).  Declaring the field on both
    databases keeps one model and one migration history for both.
    """

    template = "%(expressions)s"
    output_field = SearchVectorField()

    def __init__(self, *weighted_fields, config=SEARCH_CONFIG):
        self.weighted_fields = weighted_fields
        vectors = (SearchVector(name, weight=weight, config=config) for name, weight in weighted_fields)
        super().__init__(reduce(operator.add, vectors))

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


class SearchVectorIndex(GinIndex):
    """A GIN index on PostgreSQL; on SQLite, which has no GIN, an ordinary index over the NULL column.

    Django's ``GinIndex`` always writes ``USING gin``, which SQLite cannot parse.  An ordinary index
    (rather than none) keeps creating, renaming and dropping it the same on both databases.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class RankedSearchVectorIndex(PostgresIndex):
    """A RUM index (PostgreSQL's ``rum`` extension, Debian's ``postgresql-15-rum``) on a stored search vector.

    Like GIN it finds the rows matching a ``tsquery``; unlike GIN it keeps each word's positions in
    the index, so ``ORDER BY search_vector <=> query`` (the distance: smaller is more relevant) reads
    the matches in order of relevance from the index itself, and the site search ranks every match
    instead of a sample (search/queries.py).  On SQLite it is an ordinary index over the NULL column,
    as :class:`SearchVectorIndex` is.
    """

    suffix = "rum"

    def __init__(self, *, fields, name):
        super().__init__(fields=fields, name=name, opclasses=["rum_tsvector_ops"])

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs.pop("opclasses", None)
        return path, args, kwargs

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            plain = models.Index(fields=self.fields, name=self.name)
            return plain.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class DebateQuerySet(models.QuerySet):
    def published(self):
        """Debates the public may see."""
        return self.filter(status=Debate.Status.PUBLISHED)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def touch(self):
        """Mark these debates as updated now (their content changed), without a new version of the debate row."""
        return self.update(updated_at=timezone.now())

    def with_counts(self, statements=None):
        """Each debate with ``intervention_count`` and ``paragraph_count``, each from its own subquery.

        ``statements``, a queryset of statements, narrows what ``intervention_count`` counts (all of them by default).
        """

        def count_of(rows):
            rows = rows.filter(debate=OuterRef("pk")).order_by().values("debate")
            return Subquery(rows.annotate(n=Count("pk")).values("n"))

        if statements is None:
            statements = self.model._meta.get_field("interventions").related_model.objects.all()
        paragraphs = self.model._meta.get_field("paragraphs").related_model.objects.all()
        return self.annotate(intervention_count=count_of(statements), paragraph_count=count_of(paragraphs))


class Debate(VersionedModel):
    """One General Assembly event on human security, with its metadata and official documents."""

    class Kind(models.TextChoices):
        # i18n: also used in feeds (the category label of a debate's kind) and the API schema's enum descriptions;
        # the machine value is the choice's value, never this label.
        # Translators: a kind of General Assembly event.
        THEMATIC_DEBATE = "thematic-debate", _("Thematic debate")
        INFORMAL_THEMATIC_DEBATE = "informal-thematic-debate", _("Informal thematic debate")
        PANEL_DISCUSSION = "panel-discussion", _("Panel discussion")
        PLENARY_MEETING = "plenary-meeting", _("Plenary meeting")
        FORMAL_DEBATE = "formal-debate", _("Formal debate")

    class Status(models.TextChoices):
        # Translators: the publishing status of a debate ("This debate is draft", lower-cased in messages).
        DRAFT = "draft", pgettext_lazy("debate status", "Draft")
        # Translators: the publishing status of a debate: sent to a reviewer, not published yet.
        IN_REVIEW = "in-review", pgettext_lazy("debate status", "In review")
        # Translators: the publishing status of a debate: shown to the public.
        PUBLISHED = "published", pgettext_lazy("debate status", "Published")
        # Translators: the publishing status of a debate: taken off the public pages.
        WITHDRAWN = "withdrawn", pgettext_lazy("debate status", "Withdrawn")

    title = models.CharField(max_length=300)
    title_origin = models.CharField(
        max_length=20,
        choices=TitleOrigin.choices,
        default=TitleOrigin.ARCHIVE,
        help_text=_("Official when a UN document gives this title; otherwise the archive's description."),
    )
    slug = models.SlugField(max_length=120, unique=True)
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The language its texts are written in: the original of its title, paragraphs and statements. "
            "Texts in other languages are translations, each saying whose."
        ),
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    session = models.PositiveSmallIntegerField(help_text=_("General Assembly session number, e.g. 65."))
    start_date = models.DateField()
    end_date = models.DateField(help_text=_("The same as the start date for a one-day event."))
    venue = models.CharField(max_length=200, blank=True)
    convener = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who convened it, e.g. 'President of the General Assembly, Joseph Deiss'."),
    )
    abstract = models.TextField(
        blank=True,
        help_text=_("Markdown. The archive's own short account of the event, shown above the summary text."),
    )
    abstract_html = models.TextField(blank=True, editable=False)
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Changed only by the publication steps below the form."),
    )
    published_at = models.DateTimeField(null=True, blank=True, help_text=_("When the debate was first published."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(
        auto_now=True,
        help_text=_(
            "Last change to the debate or anything in it (panels, paragraphs, statements, participations, "
            "documents); public pages print it as 'last updated'."
        ),
    )
    documents = models.ManyToManyField("Document", through="DebateDocument", related_name="debates", blank=True)
    search_vector = models.GeneratedField(
        expression=WeightedSearchVector(("title", "A"), ("abstract", "C")),
        output_field=SearchVectorField(),
        db_persist=True,
        serialize=False,
        help_text=_("The site search's vector of the title and abstract (PostgreSQL; NULL on SQLite)."),
    )

    objects = DebateQuerySet.as_manager()
    # The vector is derived from the fields history keeps: a copy would only show up as a changed field.
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["-start_date", "slug"]
        get_latest_by = "start_date"
        permissions = [
            ("publish_debate", "Can publish and withdraw debates"),
            ("restore_version", "Can restore an earlier version of a record"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="debate_end_after_start"),
            models.CheckConstraint(condition=Q(session__gte=1), name="debate_session_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in-review", "published", "withdrawn"]),
                name="debate_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-start_date"], name="debate_status_start_idx"),
            models.Index(fields=["session"], name="debate_session_idx"),
            models.Index(fields=["kind"], name="debate_kind_idx"),
            RankedSearchVectorIndex(fields=["search_vector"], name="debate_search_rum_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date:%Y})"

    def save(self, *args, **kwargs):
        self.abstract_html = render_markdown(self.abstract)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("public:debate-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.pk is None:
            return
        errors = {}
        official = TextStatus.UN_TRANSLATION
        if self.title_origin != TitleOrigin.OFFICIAL and self.translations.filter(status=official).exists():
            errors["title_origin"] = gettext(
                "Its title has an official UN translation, so it is the official title: delete the translation, "
                "or make it the archive's, first."
            )
        in_language = Q(translations__language=self.language)
        if self.translations.filter(language=self.language).exists() or (
            self.paragraphs.filter(in_language).exists() or self.interventions.filter(in_language).exists()
        ):
            errors["language"] = gettext(
                "Some of its texts have a translation into this language: it cannot be the language they were "
                "written in."
            )
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def year(self):
        return self.start_date.year


class DebatePart(VersionedModel):
    """Something of a debate (a part of it, a document link, a translation): saving or deleting it marks the
    debate as updated."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Debate.objects.filter(pk=self.debate_id).touch()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        Debate.objects.filter(pk=self.debate_id).touch()
        return deleted


class DebateTranslation(DebatePart, Translation):
    """A debate's title in another language: an official UN translation, or the archive's."""

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(max_length=300)

    history = HistoricalRecords()

    class Meta(Translation.Meta):
        verbose_name = _("title translation")
        verbose_name_plural = _("title translations")
        ordering = ["debate_id", "language"]
        constraints = [
            *Translation.Meta.constraints,
            models.UniqueConstraint(fields=["debate", "language"], name="debate_translation_one_per_language"),
        ]

    def __str__(self):
        return f"{self.debate.slug} [{self.language}]: {self.title}"

    def get_absolute_url(self):
        return self.debate.get_absolute_url()

    def clean(self):
        # The debate as it stands in memory: on its admin page, as submitted with this translation.
        try:
            debate = self.debate
        except Debate.DoesNotExist:
            return
        official = debate.title_origin == TitleOrigin.OFFICIAL
        self.clean_translation(original_language=debate.language, official=official)


class Document(VersionedModel):
    """An official document: a resolution, a report, a press release, a meeting record, a statement."""

    class Kind(models.TextChoices):
        # i18n: also used in the API schema's enum descriptions (the API itself gives the value).
        # Translators: a kind of UN document.
        RESOLUTION = "resolution", _("Resolution")
        # Translators: a kind of UN document.
        DRAFT_RESOLUTION = "draft-resolution", _("Draft resolution")
        # Translators: a kind of UN document (a noun: a report).
        REPORT = "report", _("Report")
        PRESS_RELEASE = "press-release", _("Press release")
        PRESS_CONFERENCE = "press-conference", _("Press conference")
        MEETING_RECORD = "meeting-record", _("Meeting record")
        # Translators: a kind of UN document: the text of a statement someone made.
        STATEMENT = "statement", _("Statement")
        # Translators: a kind of UN document: the summary of a debate.
        SUMMARY = "summary", _("Summary")
        NEWS = "news", _("News story")
        WEB_PAGE = "web-page", _("Web page")

    slug = models.SlugField(max_length=120, unique=True, help_text=_("Stable identifier, e.g. 'a-res-64-291'."))
    symbol = models.CharField(
        max_length=60, blank=True, help_text=_("UN document symbol such as A/RES/64/291; blank when it has none.")
    )
    title = models.CharField(max_length=400)
    title_origin = models.CharField(
        max_length=20,
        choices=TitleOrigin.choices,
        default=TitleOrigin.ARCHIVE,
        help_text=_("Official when this is the document's own title or headline; otherwise the archive's description."),
    )
    date = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.URLField(max_length=500, blank=True, validators=[URLValidator(schemes=["http", "https"])])

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["symbol"], condition=~Q(symbol=""), name="document_symbol_unique"),
        ]

    def __str__(self):
        return f"{self.symbol}: {self.title}" if self.symbol else self.title

    def get_absolute_url(self):
        return self.link

    def natural_key(self):
        return (self.slug,)

    @property
    def link(self):
        """The document's address, for a page to print: checked again here, whatever was stored."""
        return safe_link(self.url)

    @property
    def reference(self):
        """How a citation names this document: its symbol, or else its link."""
        return self.symbol or self.url


class DebateDocumentManager(models.Manager):
    def get_by_natural_key(self, debate_slug, document_slug):
        return self.get(debate__slug=debate_slug, document__slug=document_slug)


class DebateDocument(DebatePart):
    """Links a debate to an official document and says how they relate."""

    class Relation(models.TextChoices):
        # i18n: also used in the API schema's enum descriptions (the API itself gives the value).
        # Translators: how a document relates to a debate: background reading for it.
        BACKGROUND = "background", _("Background")
        BASIS = "basis", _("Basis for the debate")
        # Translators: how a document relates to a debate: it is the debate's summary.
        SUMMARY = "summary", _("Summary")
        COVERAGE = "coverage", _("Meeting coverage")
        # Translators: how a document relates to a debate: it is a statement made in it.
        STATEMENT = "statement", _("Statement")
        RECORD = "record", _("Meeting record")
        # Translators: how a document relates to a debate: it followed up on it.
        FOLLOW_UP = "follow-up", _("Follow-up")

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="document_links")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="debate_links")
    relation = models.CharField(max_length=20, choices=Relation.choices)
    order = models.PositiveSmallIntegerField(default=0)

    objects = DebateDocumentManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["debate_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["debate", "document"], name="debatedocument_unique"),
        ]

    def __str__(self):
        return f"{self.debate.slug} – {self.document} ({self.get_relation_display()})"

    def get_absolute_url(self):
        return self.debate.get_absolute_url()

    def natural_key(self):
        return self.debate.natural_key() + self.document.natural_key()

    natural_key.dependencies = ["debates.debate", "debates.document"]


class StatusChange(models.Model):
    """One step of the publishing workflow: who moved a debate from one status to another, when, and why."""

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Debate.Status.choices)
    to_status = models.CharField(max_length=20, choices=Debate.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    note = models.TextField(
        blank=True, help_text=_("For a submission, the editor's note to the reviewer; otherwise the reason given.")
    )

    class Meta:
        ordering = ["-at", "-id"]
        get_latest_by = "at"
        verbose_name = _("status change")
        constraints = [
            models.CheckConstraint(condition=~Q(from_status=F("to_status")), name="statuschange_changes_status"),
        ]

    def __str__(self):
        return f"{self.debate.slug}: {self.get_from_status_display()} → {self.get_to_status_display()}"

    def get_absolute_url(self):
        return reverse("admin:debates_debate_change", args=[self.debate_id])
