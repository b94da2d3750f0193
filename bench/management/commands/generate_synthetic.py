"""Fill the archive with clearly-marked synthetic debates, to measure it at scale.

``python manage.py generate_synthetic --interventions N [--seed S] [--batch-size B]``
adds published debates whose slugs start with ``synthetic-`` and whose titles
start with ``[Synthetic]``, and whose abstract says they are synthetic; their
documents and speakers are marked the same way.  It is for benchmarks only:
it is never part of the fixtures or of ``make run``.

The shape follows the real summaries:

* each debate has 1–6 panels and 20–300 attributed statements (fewer only
  when ``N`` itself is below 20), skewed towards the smaller sizes;
* paragraphs hold one to five statements, word for word, with an
  unattributed sentence between some of them, in an introduction, the panels
  and a conclusion;
* who said it (actor kinds with extent), what it does (stance) and what it is
  filed under (themes, topics) follow the frequencies of the real, non-synthetic
  statements in the database when at least :data:`MIN_REAL_STATEMENTS` are
  loaded (the 2011 fixture, say), and otherwise the documented constants below,
  which were read off the 2011 summary;
* the words come from a bigram (Markov) chain trained on a short seed text
  written in the vocabulary of the 2011 summary (plus the real paragraphs, when
  loaded), so common words ("human", "security") match most statements;
  place and subject names drawn with Zipf weights (:data:`PLACES`,
  :data:`SUBJECTS`) make a long tail, and :data:`RARE_WORDS` are sprinkled in
  so seldom that each matches only a few statements even at a million.

Debate number ``i`` is built from its own random generator seeded with
``(seed, i)``, so a debate is the same whatever ``N`` is (only the last one is
cut short, and the frequencies depend on what the database held before): a
benchmark can name the same page at 10,000 and at 1,000,000.

On PostgreSQL the rows go in with ``COPY`` (psycopg 3), the many-to-many
tables and the rendered ``*_html`` columns included, batch by batch, written
on a background thread while the next batch is generated; for a big load the
statement and paragraph tables' secondary indexes (the full-text GIN indexes
among them) and foreign keys are dropped first and built again at the end, as
PostgreSQL's bulk-loading advice goes; then the tables are analysed.  Elsewhere
(SQLite) it uses ``bulk_create``.  The whole load is one transaction: it is all
there or none of it is.  Columns the command does not know (fields added later)
are read from the models and filled with their defaults; generated columns are
left to the database.  The page cache's change stamp moves by itself (the
triggers of :mod:`caching.triggers` see ``COPY`` too).

The generated texts are plain sentences (letters, commas, apostrophes, hyphens
and full stops only) whose Markdown rendering is ``<p>text</p>``;
:func:`render_plain` takes that fast path only for such texts and renders
anything else with the archive's Markdown renderer.
"""

import bisect
import collections
import concurrent.futures
import datetime
import itertools
import random
import re
from operator import itemgetter

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from debates.markdown import render_markdown
from debates.models import Debate, DebateDocument, Document, Participant, Theme, Topic
from panels.attribution import ActorKind, Extent, Scope, Stance
from panels.models import Intervention, Panel, Paragraph, Participation

SLUG_PREFIX = "synthetic-"
TITLE_PREFIX = "[Synthetic] "
SYNTHETIC_ABSTRACT = (
    "**Synthetic data.** This debate was made up by `manage.py generate_synthetic` to measure the archive at "
    "scale. Its text is machine-generated from the vocabulary of real summaries; nothing in it was said."
)

MIN_DEBATE_SIZE = 20
MAX_DEBATE_SIZE = 300
MIN_REAL_STATEMENTS = 20
SPEAKER_POOL_SIZE = 300
REBUILD_INDEXES_FROM = 50_000

# Who and how many, as (actor kinds, extent): weights read off the 2011 summary's attributions
# ("Panelists and participants discussed", "One panelist suggested", "It was stressed", ...).
P, Q, M = ActorKind.PANELIST, ActorKind.PARTICIPANT, ActorKind.MEMBER_STATE
ATTRIBUTION_WEIGHTS = {
    (P | Q, Extent.UNQUANTIFIED): 14,
    (Q, Extent.SOME): 8,
    (Q, Extent.SEVERAL): 5,
    (P | Q, Extent.SEVERAL): 4,
    (P, Extent.SEVERAL): 3,
    (P, Extent.ONE): 8,
    (P, Extent.UNQUANTIFIED): 5,
    (Q, Extent.OTHER): 2,
    (P | Q, Extent.OTHER): 2,
    (P | Q, Extent.MANY): 4,
    (Q, Extent.MANY): 3,
    (M | P, Extent.MOST): 2,
    (M, Extent.SOME): 3,
    (Q, Extent.SIGNIFICANT_NUMBER): 2,
    (P | Q, Extent.GENERAL_CONSENSUS): 4,
    (ActorKind.MEETING, Extent.UNQUANTIFIED): 8,
    (ActorKind.MEETING, Extent.GENERAL_CONSENSUS): 3,
    (ActorKind.CHAIR, Extent.ONE): 2,
    (ActorKind.KEYNOTE, Extent.ONE): 1,
    (ActorKind.SECRETARIAT, Extent.ONE): 2,
    (ActorKind.MODERATOR, Extent.ONE): 1,
}
STANCE_WEIGHTS = {
    Stance.DISCUSSED: 9,
    Stance.EMPHASIZED: 8,
    Stance.NOTED: 7,
    Stance.STRESSED: 7,
    Stance.HIGHLIGHTED: 6,
    Stance.SUGGESTED: 6,
    Stance.SUPPORTED: 5,
    Stance.EXPRESSED_CONCERN: 5,
    Stance.CONSIDERED: 4,
    Stance.AGREED: 4,
    Stance.STATED: 4,
    Stance.CALLED_FOR: 4,
    Stance.QUESTIONED: 3,
    Stance.CAUTIONED: 3,
    Stance.DREW_ATTENTION: 3,
    Stance.PRESENTED: 2,
    Stance.INTRODUCED: 2,
    Stance.REITERATED: 2,
    Stance.ASSERTED: 2,
    Stance.PROPOSED: 2,
    Stance.RECALLED: 1,
    Stance.URGED: 1,
}
# How many themes and topics one statement is filed under.
THEME_COUNT_WEIGHTS = {0: 30, 1: 50, 2: 15, 3: 5}
TOPIC_COUNT_WEIGHTS = {0: 25, 1: 45, 2: 22, 3: 8}
# Themes and topics are drawn with Zipf-like weights 1/rank**TERM_SKEW (rank in slug order, shuffled once).
TERM_SKEW = 1.2
PANEL_COUNT_WEIGHTS = {1: 10, 2: 30, 3: 25, 4: 15, 5: 12, 6: 8}
PARAGRAPH_SIZE_WEIGHTS = {1: 25, 2: 30, 3: 25, 4: 12, 5: 8}
FILLER_SENTENCE_PROBABILITY = 0.3
NAMED_SPEAKER_PROBABILITY = 0.15
RARE_WORD_PROBABILITY = 0.0005

# Seed text for the Markov chain, in the archive's own words and the 2011 summary's vocabulary.
SEED_TEXT = """
Human security is a people-centred approach that brings together the agendas of security, development and
human rights. It responds to the need for a broader notion of security that encompasses the conditions
threatening the survival, livelihoods and dignity of people, in a globalized world of current and emerging
threats. National security remains an essential condition for peace and a prerogative of States, and States bear
the primary responsibility for ensuring the human security of their people. A pragmatic approach rather than a
rigid legal definition allows Governments to refine the notion as they identify the most critical and pervasive
threats within their respective societies. A dynamic and broad framework might be more appropriate than a strict
definition in considering the notion. The notion supports the prioritization of threats and vulnerabilities in a
particular context and at a given time, and advances solutions that are targeted and contextually relevant. Local
realities and capacities should define local solutions and responses. The misuse of the notion in the absence of a
clear definition, and its use as a justification for external intervention into the internal affairs of a State,
warrant careful consideration. Human security does not propose the use or the threat of the use of force to
achieve its objectives, and the responsibility to protect is a distinct notion with a distinct agenda. Including
people in the discussions helps to identify the specific threats and vulnerabilities that individuals and
communities face, and perceived threats show what matters for people with regard to their security. Governments
can then respond in a preventive manner and avoid spirals into greater insecurity. Policy norms rather than a legal
framework may serve the notion, although its value as a policy tool across a wide and diverse range of problems
has been questioned. An index of human security could permit comparisons between countries, while
community-specific indices give a richer and more detailed picture of the vulnerabilities facing people at a given
point in time. The added value of human security is a framework for tackling the agenda items of the United
Nations in their totality and interconnectedness, examining the relationship among security, development and
human rights to promote coherent actions and strategies. Security today is less about securing borders from
external enemies and more about preventing internal violence. Financial and food crises, environmental change,
natural hazards, poverty, social exclusion and violations of human rights all carry critical security
implications. Protection and empowerment strengthen institutional capacity together with the capacity of
individuals and communities to act on their own behalf, and so enhance the coping capacity of societies. The
preventive element of human security shifts the focus to early warning, preparation in the face of threats and
the mitigation of harmful impacts, and allows policymakers, scientists and communities to develop coping
strategies together with civil society and the private sector. Responses must be in line with national priorities
and the principles of the Charter of the United Nations, at the national and, when appropriate, regional and
global levels. Building on existing frameworks can provide concrete guidance, and a case-by-case working
framework remains necessary. Continued consultation among Member States will carry the consideration of the
notion forward, towards a shared understanding of its parameters and a report of the Secretary-General to the
General Assembly. Transnational threats require collaboration at the regional and international level, and
integrated strategies strengthen the resilience of States and the responses to situations of insecurity.
"""
# The long tail of the vocabulary. A clause ends "…, in <place>" or "…, with regard to <subject>" with the
# probabilities below, the place and subject drawn with Zipf weights, so some of these words are in tens of
# thousands of statements at 1,000,000 and others in a few hundred. The rare words are drawn uniformly with
# RARE_WORD_PROBABILITY: at 1,000,000 statements each is in a dozen or so, at 10,000 most are in none.
PLACE_PROBABILITY = 0.2
SUBJECT_PROBABILITY = 0.2
PLACES = (  # noqa: SIM905 (a word list reads best as text)
    "Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain Bangladesh "
    "Barbados Belarus Belgium Belize Benin Bhutan Bolivia Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon "
    "Canada Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus Denmark Djibouti Dominica Ecuador Egypt "
    "Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada "
    "Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica "
    "Japan Jordan Kazakhstan Kenya Kiribati Kuwait Kyrgyzstan Latvia Lebanon Lesotho Liberia Libya Liechtenstein "
    "Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Micronesia "
    "Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria "
    "Norway Oman Pakistan Palau Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Rwanda Samoa Senegal "
    "Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Tajikistan "
    "Thailand Timor-Leste Togo Tonga Tunisia Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela "
    "Yemen Zambia Zimbabwe"
).split()
SUBJECTS = (  # noqa: SIM905 (a word list reads best as text)
    "adaptation agriculture aid arms asylum borders budgets children cities climate coastlines conflict corruption "
    "crime debt demobilization disarmament disasters displacement education elections employment energy erosion "
    "exclusion fisheries floods forests gender governance harvests health housing hunger infrastructure "
    "investment irrigation justice labour land literacy livelihoods malaria mediation migration minorities mining "
    "nutrition pandemics pensions policing pollution poverty reconciliation refugees remittances resilience "
    "sanitation schools settlements shelter soils tariffs taxation terrorism trade trafficking unemployment "
    "urbanization violence water women youth"
).split()
RARE_WORDS = (  # noqa: SIM905 (a word list reads best as text)
    "aquifer archipelago avalanche biodiversity cartography cholera cyclone desalination embankment epidemiology "
    "estuary glacier groundwater hurricane landmine locust mangrove microfinance monsoon nomadic permafrost "
    "quarantine reforestation salinity seismograph smallholder tsunami typhoon vaccination volcano watershed "
    "wetland wildfire"
).split()

STANCE_PHRASES = {
    Stance.AGREED: "agreed that",
    Stance.ASSERTED: "asserted that",
    Stance.CALLED_FOR: "called for a response in which",
    Stance.CAUTIONED: "cautioned that",
    Stance.CONSIDERED: "considered that",
    Stance.DISCUSSED: "discussed how",
    Stance.DREW_ATTENTION: "drew attention to the fact that",
    Stance.EMPHASIZED: "emphasized that",
    Stance.EXPRESSED_CONCERN: "expressed concern that",
    Stance.HIGHLIGHTED: "highlighted that",
    Stance.INTRODUCED: "introduced the idea that",
    Stance.NOTED: "noted that",
    Stance.PRESENTED: "presented the view that",
    Stance.PROPOSED: "proposed that",
    Stance.QUESTIONED: "questioned whether",
    Stance.RECALLED: "recalled that",
    Stance.REITERATED: "reiterated that",
    Stance.STATED: "stated that",
    Stance.STRESSED: "stressed that",
    Stance.SUGGESTED: "suggested that",
    Stance.SUPPORTED: "supported the view that",
    Stance.URGED: "urged that",
}
ACTOR_NOUNS = {  # singular, plural
    ActorKind.PANELIST: ("panelist", "panelists"),
    ActorKind.PARTICIPANT: ("participant", "participants"),
    ActorKind.MEMBER_STATE: ("Member State", "Member States"),
    ActorKind.CHAIR: ("the Chair", "the Chair"),
    ActorKind.KEYNOTE: ("the keynote speaker", "the keynote speaker"),
    ActorKind.SECRETARIAT: ("the Deputy Secretary-General", "United Nations officials"),
    ActorKind.MODERATOR: ("the moderator", "the moderator"),
    ActorKind.MEETING: ("the meeting", "the meeting"),
}
EXTENT_QUANTIFIERS = {
    Extent.ONE: "one",
    Extent.OTHER: "other",
    Extent.SOME: "some",
    Extent.SEVERAL: "several",
    Extent.MANY: "many",
    Extent.MOST: "most",
    Extent.SIGNIFICANT_NUMBER: "a significant number of",
}
DEBATE_SUBJECTS = (
    "human security and development",
    "protection and empowerment",
    "early warning and prevention",
    "the responsibility of States",
    "food and energy crises",
    "climate change and natural hazards",
    "an index of human security",
    "the added value of human security",
)
PANEL_SUBJECTS = (
    "Defining the notion",
    "Application and added value",
    "Prevention and preparedness",
    "Regional perspectives",
    "Measuring human security",
    "Partnerships with civil society",
)
PLAIN_TEXT = re.compile(r"[A-Z][A-Za-z' ,-]*[a-z]\.")
WORD = re.compile(r"^[A-Za-z][A-Za-z'-]*,?$")


def render_plain(text):
    """Rendered HTML of a generated text: ``<p>text</p>`` for a plain sentence, else the Markdown renderer's."""
    if PLAIN_TEXT.fullmatch(text.replace(". ", ", ")):
        return f"<p>{text}</p>"
    return render_markdown(text)


class WeightedChoice:
    """Draw from fixed weights with one random number and a bisection."""

    def __init__(self, weights):
        self.values = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def __call__(self, rng):
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.total)]


class SentenceBuilder:
    """A bigram Markov chain over a seed text: statements and filler sentences in its vocabulary."""

    def __init__(self, seed_text):
        sentences = [
            [w for w in (self._clean(token) for token in sentence.split()) if w]
            for sentence in re.split(r"(?<=[.;:])\s+", " ".join(seed_text.split()))
        ]
        # A capitalized first word stays capitalized only if the text capitalizes it mid-sentence too.
        proper = {word for words in sentences for word in words[1:] if word[:1].isupper()}
        self.place = WeightedChoice(zipf_weights(PLACES, random.Random(len(PLACES))))
        self.subject = WeightedChoice(zipf_weights(SUBJECTS, random.Random(len(SUBJECTS))))
        self.following = {}
        self.starts = []
        for words in sentences:
            if len(words) < 4:
                continue
            if words[0] not in proper:
                words[0] = words[0].lower()
            self.starts.append(words[0])
            for current, following in itertools.pairwise([*words, None]):
                self.following.setdefault(current, []).append(following)

    @staticmethod
    def _clean(token):
        token = token.strip('"()[]').rstrip(".;:")
        return token if WORD.match(token) else ""

    def clause(self, rng, min_words=8, max_words=26):
        """Words from a random start until the chain ends a sentence (at least ``min_words``)."""
        random_ = rng.random  # indexing by random() is several times faster than rng.choice()
        starts, following = self.starts, self.following
        words = []
        word = starts[int(random_() * len(starts))]
        while len(words) < max_words:
            words.append(word)
            nexts = following[word]
            word = nexts[int(random_() * len(nexts))]
            if word is None:
                if len(words) >= min_words:
                    break
                word = starts[int(random_() * len(starts))]
        words[-1] = words[-1].rstrip(",")
        draw = random_()
        if draw < PLACE_PROBABILITY:
            words.extend((",", "in", self.place(rng)))
        elif draw < PLACE_PROBABILITY + SUBJECT_PROBABILITY:
            words.extend((",", "with regard to", self.subject(rng)))
        elif draw < PLACE_PROBABILITY + SUBJECT_PROBABILITY + RARE_WORD_PROBABILITY:
            words.extend((",", "with regard to", RARE_WORDS[int(random_() * len(RARE_WORDS))]))
        return " ".join(words).replace(" , ", ", ")

    def sentence(self, rng):
        text = self.clause(rng)
        return f"{text[0].upper()}{text[1:]}."

    def statement(self, rng, actor_kinds, extent, stance):
        """The sentence of an attributed statement, its subject and verb agreeing with its attribution."""
        return f"{subject(actor_kinds, extent, stance)} {self.clause(rng)}."


def subject(actor_kinds, extent, stance):
    """'Some participants expressed concern that', 'It was stressed that', 'There was general consensus among …'."""
    kinds = ActorKind.decompose(actor_kinds)
    if extent == Extent.GENERAL_CONSENSUS:
        who = nouns(kinds, plural=True)
        return (
            "There was general consensus that"
            if who == "the meeting"
            else f"There was general consensus among {who} that"
        )
    phrase = STANCE_PHRASES[stance]
    if kinds == [ActorKind.MEETING]:
        verb, _, rest = phrase.partition(" ")
        return f"It was {verb} that" if rest == "that" else f"The meeting {phrase}"
    who = nouns(kinds, plural=extent != Extent.ONE)
    quantifier = EXTENT_QUANTIFIERS.get(extent)
    if quantifier and not who.startswith("the "):
        who = f"{quantifier} {who}"
    return f"{who[0].upper()}{who[1:]} {phrase}"


def nouns(kinds, *, plural):
    names = [ACTOR_NOUNS[kind][1 if plural else 0] for kind in kinds]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def zipf_weights(items, rng):
    items = list(items)
    rng.shuffle(items)
    return {item: 1 / rank**TERM_SKEW for rank, item in enumerate(items, start=1)}


class Shape:
    """The frequencies a synthetic statement is drawn from: the real statements', or the documented constants."""

    def __init__(self, *, seed):
        rng = random.Random(seed)
        self.theme_ids = list(Theme.objects.order_by("slug").values_list("pk", flat=True))
        self.topic_ids = list(Topic.objects.order_by("slug").values_list("pk", flat=True))
        real = Intervention.objects.exclude(debate__slug__startswith=SLUG_PREFIX)
        attributions = collections.Counter(real.values_list("actor_kinds", "extent"))
        self.from_real_statements = sum(attributions.values()) >= MIN_REAL_STATEMENTS
        if self.from_real_statements:
            stances = collections.Counter(real.values_list("stance", flat=True))
            themes = collections.Counter(real.filter(themes__isnull=False).values_list("themes", flat=True))
            topics = collections.Counter(real.filter(topics__isnull=False).values_list("topics", flat=True))
            self.attribution = WeightedChoice(attributions)
            self.stance = WeightedChoice(stances)
            # Unused terms keep a small weight, so every theme and topic occurs.
            self.theme = WeightedChoice({pk: themes.get(pk, 0) + 1 for pk in self.theme_ids})
            self.topic = WeightedChoice({pk: topics.get(pk, 0) + 1 for pk in self.topic_ids})
            seed_texts = real.values_list("paragraph__text", flat=True).distinct()
            self.sentences = SentenceBuilder(" ".join([SEED_TEXT, *seed_texts]))
        else:
            self.attribution = WeightedChoice(ATTRIBUTION_WEIGHTS)
            self.stance = WeightedChoice(STANCE_WEIGHTS)
            self.theme = WeightedChoice(zipf_weights(self.theme_ids, rng)) if self.theme_ids else None
            self.topic = WeightedChoice(zipf_weights(self.topic_ids, rng)) if self.topic_ids else None
            self.sentences = SentenceBuilder(SEED_TEXT)
        self.theme_count = WeightedChoice(THEME_COUNT_WEIGHTS)
        self.topic_count = WeightedChoice(TOPIC_COUNT_WEIGHTS)
        self.panel_count = WeightedChoice(PANEL_COUNT_WEIGHTS)
        self.paragraph_size = WeightedChoice(PARAGRAPH_SIZE_WEIGHTS)

    def terms(self, rng, choice, count):
        """``count`` distinct terms drawn with ``choice`` (fewer when the vocabulary is smaller)."""
        if choice is None:
            return set()
        picked = set()
        for _ in range(count * 4):
            if len(picked) == count:
                break
            picked.add(choice(rng))
        return picked


def debate_sizes(total, seed):
    """Statements per debate: 20–300, skewed towards the small end, adding up to ``total``."""
    remaining = total
    index = 0
    while remaining > 0:
        rng = random.Random(seed * 1_000_003 + index)
        size = MIN_DEBATE_SIZE + int((MAX_DEBATE_SIZE - MIN_DEBATE_SIZE + 1) * rng.betavariate(1.3, 3.5))
        if remaining - size < MIN_DEBATE_SIZE:
            size = remaining if remaining <= MAX_DEBATE_SIZE else remaining - MIN_DEBATE_SIZE
        yield index, size
        remaining -= size
        index += 1


class Batch:
    """Rows of every table, as dicts keyed by attribute name, waiting to be written."""

    def __init__(self):
        self.rows = {}
        self.interventions = 0

    def add(self, model, row):
        self.rows.setdefault(model, []).append(row)


class IdAllocator:
    """Primary keys handed out before the rows are written, so children can point at their parents.

    On PostgreSQL they come from the table's own sequence, ``chunk`` at a time,
    through a second connection of their own (sequences are not transactional),
    so that they never wait for a ``COPY`` running on the main connection;
    unused ones are simply skipped, as sequences allow.  Elsewhere they count on
    from the largest key, which assumes nobody else writes meanwhile.
    """

    def __init__(self, model, chunk, sequences=None):
        self.table = model._meta.db_table
        self.chunk = chunk
        self.sequences = sequences
        self.pool = collections.deque()
        if sequences is None:
            self.next = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def take(self, count):
        if len(self.pool) < count:
            self.pool.extend(self._allocate(max(count, self.chunk)))
        return [self.pool.popleft() for _ in range(count)]

    def _allocate(self, count):
        if self.sequences is not None:
            rows = self.sequences.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [self.table, count]
            ).fetchall()
            return [row[0] for row in rows]
        ids = range(self.next, self.next + count)
        self.next += count
        return ids


class TableWriter:
    """Writes rows of one model: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere; unknown columns get defaults."""

    def __init__(self, model, attnames):
        self.model = model
        self.attnames = list(attnames)
        by_attname = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(self.attnames) - set(by_attname)
        if unknown:
            raise CommandError(f"{model._meta.label} has no field(s) {sorted(unknown)}.")
        filled = [
            field
            for field in model._meta.concrete_fields
            if field.attname not in self.attnames and not getattr(field, "generated", False)
        ]
        self.default_fields = [f for f in filled if not (f.primary_key and isinstance(f, models.AutoField))]
        self.defaults = tuple(self._default(field) for field in self.default_fields)
        columns = [by_attname[name].column for name in self.attnames] + [f.column for f in self.default_fields]
        self.copy_sql = f"COPY {self._quote(model._meta.db_table)} ({', '.join(map(self._quote, columns))}) FROM STDIN"
        self.values = itemgetter(*self.attnames) if len(self.attnames) > 1 else (lambda row: (row[self.attnames[0]],))

    @staticmethod
    def _quote(name):
        return connection.ops.quote_name(name)

    def _default(self, field):
        if field.has_default():
            value = field.get_default()
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = timezone.now()
        elif field.null:
            value = None
        elif field.blank and isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            raise CommandError(
                f"{self.model._meta.label}.{field.name} has no default; teach generate_synthetic to fill it."
            )
        return field.get_db_prep_save(value, connection)

    def write(self, rows, raw_connection=None):
        """Write ``rows``: with ``COPY`` through ``raw_connection`` (psycopg) when given, else ``bulk_create``."""
        if not rows:
            return
        if raw_connection is not None:
            defaults = self.defaults
            values = self.values
            with raw_connection.cursor() as cursor, cursor.copy(self.copy_sql) as copy:
                for row in rows:
                    copy.write_row(values(row) + defaults)
        else:
            self.model.objects.bulk_create([self.model(**row) for row in rows], batch_size=500)


class CopyPipeline:
    """Writes each batch with ``COPY`` on a background thread while the main thread generates the next one.

    The thread uses the main connection's psycopg connection, so every row is
    in the command's one transaction; at most one batch is in flight, which
    bounds memory.
    """

    def __init__(self, writers):
        connection.ensure_connection()
        self.raw_connection = connection.connection
        self.writers = writers
        self.executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="copy")
        self.pending = None

    def submit(self, batch):
        self.wait()
        self.pending = self.executor.submit(self._write, batch)

    def _write(self, batch):
        for writer in self.writers:
            writer.write(batch.rows.get(writer.model, []), self.raw_connection)

    def wait(self):
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def close(self):
        try:
            self.wait()
        finally:
            self.executor.shutdown()


class SecondaryIndexes:
    """Drops the big tables' secondary indexes and foreign keys for a large load, and builds them again after.

    PostgreSQL's advice for bulk loads: building an index (the full-text GIN
    indexes above all) once over all rows is much faster than updating it row by
    row, and re-adding a foreign key checks it in one join instead of one
    deferred trigger per row at commit.  Primary keys and unique constraints
    stay, so uniqueness is checked throughout.  All of it runs in the command's
    transaction: if the load fails, the indexes were never gone.
    """

    def __init__(self, models_):
        self.tables = [model._meta.db_table for model in models_]
        self.indexes = []
        self.foreign_keys = []

    def drop(self):
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT index_class.relname, pg_get_indexdef(pg_index.indexrelid)
                FROM pg_index
                JOIN pg_class index_class ON index_class.oid = pg_index.indexrelid
                JOIN pg_class table_class ON table_class.oid = pg_index.indrelid
                WHERE table_class.relname = ANY(%s)
                  AND table_class.relnamespace = current_schema()::regnamespace
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE pg_constraint.conindid = pg_index.indexrelid)
                ORDER BY 1
                """,
                [self.tables],
            )
            self.indexes = cursor.fetchall()
            cursor.execute(
                """
                SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid)
                FROM pg_constraint
                WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])
                ORDER BY 1
                """,
                [self.tables],
            )
            self.foreign_keys = cursor.fetchall()
            for name, table, _ in self.foreign_keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
            for name, _ in self.indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")

    def restore(self):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _, definition in self.indexes:
                cursor.execute(definition)
            for name, table, definition in self.foreign_keys:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")


BIG_TABLES = (Paragraph, Intervention, Intervention.themes.through, Intervention.topics.through)


class Generator:
    """Builds synthetic debates one by one and writes them in batches."""

    def __init__(self, *, seed, now):
        self.seed = seed
        self.now = now
        self.shape = Shape(seed=seed)
        self.abstract_html = render_markdown(SYNTHETIC_ABSTRACT)
        self.speakers = self._speaker_pool()
        self.sequences = None
        if connection.vendor == "postgresql":
            self.sequences = psycopg.connect(**connection.get_connection_params(), autocommit=True)
        self.ids = {
            Debate: IdAllocator(Debate, 1_000, self.sequences),
            Document: IdAllocator(Document, 1_000, self.sequences),
            Panel: IdAllocator(Panel, 4_000, self.sequences),
            Paragraph: IdAllocator(Paragraph, 20_000, self.sequences),
            Intervention: IdAllocator(Intervention, 50_000, self.sequences),
        }
        self.writers = [
            TableWriter(
                Debate,
                [
                    "id",
                    "title",
                    "slug",
                    "kind",
                    "session",
                    "start_date",
                    "end_date",
                    "venue",
                    "convener",
                    "abstract",
                    "abstract_html",
                    "status",
                    "published_at",
                    "created_at",
                    "updated_at",
                ],
            ),
            TableWriter(Document, ["id", "slug", "symbol", "title", "date", "kind", "url"]),
            TableWriter(DebateDocument, ["debate_id", "document_id", "relation", "order"]),
            TableWriter(Panel, ["id", "debate_id", "order", "title", "kind", "summary", "summary_html"]),
            TableWriter(
                Participation, ["debate_id", "panel_id", "participant_id", "role", "order", "note", "source_id"]
            ),
            TableWriter(Paragraph, ["id", "debate_id", "number", "section", "panel_id", "text", "text_html"]),
            TableWriter(
                Intervention,
                [
                    "id",
                    "debate_id",
                    "paragraph_id",
                    "order",
                    "text",
                    "text_html",
                    "actor_kinds",
                    "extent",
                    "participant_id",
                    "stance",
                    "scope",
                    "source_id",
                ],
            ),
            TableWriter(Intervention.themes.through, ["intervention_id", "theme_id"]),
            TableWriter(Intervention.topics.through, ["intervention_id", "topic_id"]),
        ]

    def _speaker_pool(self):
        Participant.objects.bulk_create(
            [
                Participant(
                    slug=f"{SLUG_PREFIX}speaker-{n:03d}",
                    name=f"{TITLE_PREFIX}Speaker {n}",
                    kind=Participant.Kind.PERSON,
                    note="Synthetic speaker made up by generate_synthetic; not a real person.",
                )
                for n in range(1, SPEAKER_POOL_SIZE + 1)
            ],
            ignore_conflicts=True,
        )
        return list(
            Participant.objects.filter(slug__startswith=f"{SLUG_PREFIX}speaker-")
            .order_by("slug")
            .values_list("pk", flat=True)
        )

    def add_debate(self, batch, index, size):
        """Append the rows of debate number ``index`` with ``size`` statements to ``batch``."""
        rng = random.Random(self.seed * 1_000_003 + index)
        shape = self.shape
        (debate_id,) = self.ids[Debate].take(1)
        (document_id,) = self.ids[Document].take(1)
        start = datetime.date(1995, 1, 2) + datetime.timedelta(days=rng.randrange(30 * 365))
        end = start + datetime.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        session = start.year - 1946 + (1 if start.month >= 9 else 0)
        number = f"{index + 1:07d}"
        batch.add(
            Debate,
            {
                "id": debate_id,
                "title": f"{TITLE_PREFIX}Debate {number} on {rng.choice(DEBATE_SUBJECTS)}",
                "slug": f"{SLUG_PREFIX}{number}",
                "kind": rng.choice(Debate.Kind.values),
                "session": session,
                "start_date": start,
                "end_date": end,
                "venue": "United Nations Headquarters, New York (synthetic)",
                "convener": "",
                "abstract": SYNTHETIC_ABSTRACT,
                "abstract_html": self.abstract_html,
                "status": Debate.Status.PUBLISHED,
                "published_at": datetime.datetime.combine(end, datetime.time(12), tzinfo=datetime.UTC),
                "created_at": self.now,
                "updated_at": self.now,
            },
        )
        batch.add(
            Document,
            {
                "id": document_id,
                "slug": f"{SLUG_PREFIX}summary-{number}",
                "symbol": "",
                "title": f"{TITLE_PREFIX}Summary of synthetic debate {number}",
                "date": end,
                "kind": Document.Kind.SUMMARY,
                "url": "",
            },
        )
        batch.add(
            DebateDocument,
            {
                "debate_id": debate_id,
                "document_id": document_id,
                "relation": DebateDocument.Relation.SUMMARY,
                "order": 0,
            },
        )

        paragraph_sizes = []
        remaining = size
        while remaining:
            paragraph_sizes.append(min(shape.paragraph_size(rng), remaining))
            remaining -= paragraph_sizes[-1]
        paragraph_count = len(paragraph_sizes)
        panel_count = max(1, min(shape.panel_count(rng), paragraph_count - 2))
        introduction = 1 if paragraph_count >= panel_count + 2 else 0
        conclusion = 1 if paragraph_count >= panel_count + introduction + 1 else 0
        panel_paragraphs = paragraph_count - introduction - conclusion
        cuts = sorted(rng.sample(range(1, panel_paragraphs), panel_count - 1)) if panel_count > 1 else []
        panel_of_paragraph = [None] * introduction
        for panel_index, (low, high) in enumerate(itertools.pairwise([0, *cuts, panel_paragraphs])):
            panel_of_paragraph.extend([panel_index] * (high - low))
        panel_of_paragraph.extend([None] * conclusion)

        panel_ids = self.ids[Panel].take(panel_count)
        speakers = rng.sample(self.speakers, min(len(self.speakers), panel_count * 4))
        for order, panel_id in enumerate(panel_ids, start=1):
            batch.add(
                Panel,
                {
                    "id": panel_id,
                    "debate_id": debate_id,
                    "order": order,
                    "title": f"Panel {order}: {rng.choice(PANEL_SUBJECTS)}",
                    "kind": Panel.Kind.PANEL,
                    "summary": "",
                    "summary_html": "",
                },
            )
            for position, participant_id in enumerate(speakers[(order - 1) * 4 : order * 4]):
                batch.add(
                    Participation,
                    {
                        "debate_id": debate_id,
                        "panel_id": panel_id,
                        "participant_id": participant_id,
                        "role": Participation.Role.MODERATOR if position == 0 else Participation.Role.PANELIST,
                        "order": position,
                        "note": "",
                        "source_id": document_id,
                    },
                )

        paragraph_ids = self.ids[Paragraph].take(paragraph_count)
        intervention_ids = iter(self.ids[Intervention].take(size))
        sentences = shape.sentences
        for number, (paragraph_id, statements, panel_index) in enumerate(
            zip(paragraph_ids, paragraph_sizes, panel_of_paragraph, strict=True), start=1
        ):
            parts = []
            for order in range(1, statements + 1):
                actor_kinds, extent = shape.attribution(rng)
                stance = shape.stance(rng)
                text = sentences.statement(rng, actor_kinds, extent, stance)
                if rng.random() < FILLER_SENTENCE_PROBABILITY:
                    parts.append(sentences.sentence(rng))
                parts.append(text)
                intervention_id = next(intervention_ids)
                named = extent == Extent.ONE and rng.random() < NAMED_SPEAKER_PROBABILITY and speakers
                theme_ids = list(shape.terms(rng, shape.theme, shape.theme_count(rng)))
                batch.add(
                    Intervention,
                    {
                        "id": intervention_id,
                        "debate_id": debate_id,
                        "paragraph_id": paragraph_id,
                        "order": order,
                        "text": text,
                        "text_html": render_plain(text),
                        "actor_kinds": actor_kinds,
                        "extent": extent,
                        "participant_id": rng.choice(speakers) if named else None,
                        "stance": stance,
                        "scope": Scope.FREEDOMS if theme_ids else Scope.WHOLE,
                        "source_id": document_id,
                    },
                )
                for theme_id in theme_ids:
                    batch.add(Intervention.themes.through, {"intervention_id": intervention_id, "theme_id": theme_id})
                for topic_id in shape.terms(rng, shape.topic, shape.topic_count(rng)):
                    batch.add(Intervention.topics.through, {"intervention_id": intervention_id, "topic_id": topic_id})
            paragraph_text = " ".join(parts)
            in_panel = panel_index is not None
            section = Paragraph.Section.PANEL if in_panel else Paragraph.Section.INTRODUCTION
            if not in_panel and number > 1:
                section = Paragraph.Section.CONCLUSION
            batch.add(
                Paragraph,
                {
                    "id": paragraph_id,
                    "debate_id": debate_id,
                    "number": number,
                    "section": section,
                    "panel_id": panel_ids[panel_index] if in_panel else None,
                    "text": paragraph_text,
                    "text_html": render_plain(paragraph_text),
                },
            )
        batch.interventions += size

    def run(self, sizes, *, batch_size, progress):
        """Generate and write the debates of ``sizes`` ((index, size) pairs); return how many there were."""
        pipeline = CopyPipeline(self.writers) if connection.vendor == "postgresql" else None
        batch = Batch()
        debates = 0
        try:
            for index, size in sizes:
                self.add_debate(batch, index, size)
                debates += 1
                if batch.interventions >= batch_size:
                    self.flush(batch, pipeline)
                    progress.update(batch.interventions)
                    batch = Batch()
            self.flush(batch, pipeline)
            if pipeline:
                pipeline.wait()
            progress.update(batch.interventions)
        finally:
            if pipeline:
                pipeline.close()
            if self.sequences is not None:
                self.sequences.close()
        return debates

    def flush(self, batch, pipeline):
        if pipeline:
            pipeline.submit(batch)
        else:
            for writer in self.writers:
                writer.write(batch.rows.get(writer.model, []))


class Command(BaseCommand):
    help = (
        "Add N clearly-marked synthetic statements to the archive, in published debates of 20-300 statements "
        "and 1-6 panels (slugs 'synthetic-…', titles '[Synthetic] …'), for benchmarks at scale. Attribution, "
        "theme and topic frequencies follow the real statements when the fixtures are loaded, else documented "
        "constants. Uses COPY on PostgreSQL (1,000,000 statements in a few minutes) and bulk_create elsewhere, "
        "in one transaction. Never part of the fixtures or of `make run`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interventions", type=int, required=True, help="How many statements to add (N >= 1).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same data.")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=20_000,
            help="Statements generated before each write (default 20000); bounds memory.",
        )
        parser.add_argument(
            "--rebuild-indexes",
            choices=["auto", "always", "never"],
            default="auto",
            help=(
                "PostgreSQL: drop the secondary indexes and foreign keys of the statement and paragraph tables "
                f"for the load and build them again after it. 'auto' (default) does so from {REBUILD_INDEXES_FROM} "
                "statements when the load at least doubles the table."
            ),
        )

    def handle(self, *args, interventions, seed, batch_size, **options):
        if interventions < 1:
            raise CommandError("--interventions must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if (
            Debate.objects.filter(slug__startswith=SLUG_PREFIX).exists()
            or Document.objects.filter(slug__startswith=SLUG_PREFIX).exists()
        ):
            raise CommandError(
                "The database already holds synthetic debates; generate into a fresh database "
                "(or delete the debates and documents whose slug starts with 'synthetic-')."
            )
        verbosity = options["verbosity"]
        on_postgresql = connection.vendor == "postgresql"
        rebuild = options["rebuild_indexes"] == "always" or (
            options["rebuild_indexes"] == "auto"
            and interventions >= REBUILD_INDEXES_FROM
            and interventions >= Intervention.objects.count()
        )
        started = timezone.now()
        with transaction.atomic():
            generator = Generator(seed=seed, now=started)
            indexes = SecondaryIndexes(BIG_TABLES) if on_postgresql and rebuild else None
            if indexes:
                indexes.drop()
            with tqdm(total=interventions, unit="statements", unit_scale=True, disable=verbosity < 1) as progress:
                debates = generator.run(debate_sizes(interventions, seed), batch_size=batch_size, progress=progress)
            if indexes:
                if verbosity >= 1:
                    self.stdout.write("Building the indexes and foreign keys again…")
                indexes.restore()
        if on_postgresql:
            with connection.cursor() as cursor:
                for model in (Debate, Document, Panel, Participation, *BIG_TABLES):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        seconds = (timezone.now() - started).total_seconds()
        if verbosity >= 1:
            source = "the real statements" if generator.shape.from_real_statements else "the built-in constants"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added {interventions} synthetic statements in {debates} debates in {seconds:.1f} s "
                    f"(seed {seed}; frequencies from {source})."
                )
            )
