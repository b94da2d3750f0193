"""SQLite's full-text search (search/fts5.py): stemming, the websearch syntax, symbols, ranking, and indexes
that stay in step with every kind of write."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.expressions import RawSQL

from debates.models import Debate
from panels.models import Intervention, Panel, Paragraph
from search import fts5
from search.queries import WEIGHT_VALUES
from search.suggest import close_spelling
from search.syntax import Term, parse_query
from tests.factories import make_debate, make_intervention, make_panel, make_paragraph

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
MIGRATION = ("search", "0001_sqlite_fts5")
MODELS = {"debate": Debate, "panel": Panel, "paragraph": Paragraph, "statement": Intervention}


def weights(kind):
    """The column weights of ``kind``, as the site search gives them."""
    vector = MODELS[kind]._meta.get_field("search_vector").expression
    return {field: WEIGHT_VALUES[weight] for field, weight in vector.weighted_fields}


def found(kind, q):
    """The ids of the ``kind`` rows matching the query ``q``."""
    expression = fts5.match_expression(parse_query(q))
    if expression is None:
        return set()
    rows = MODELS[kind].objects.filter(pk__in=RawSQL(*fts5.matching_ids_sql(kind, expression)))
    return set(rows.values_list("pk", flat=True))


def ranked(kind, q):
    """``(id, rank)`` of every ``kind`` row, best first, the rank the negated :func:`search.fts5.distance_sql`."""
    expression = fts5.match_expression(parse_query(q))
    rows = MODELS[kind].objects.annotate(distance=RawSQL(*fts5.distance_sql(kind, expression, weights(kind))))
    order = rows.order_by(models.F("distance").asc(nulls_last=True), "pk").values_list("pk", "distance")
    return [(pk, None if distance is None else -distance) for pk, distance in order]


def check_integrity(table):
    """Raise unless the index ``table`` holds exactly what its content table holds (FTS5's integrity check)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")


def fts5_triggers():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search!_fts!_%' ESCAPE '!'"
        )
        return {name for (name,) in cursor.fetchall()}


def fts5_tables():
    return {table for table in connection.introspection.table_names() if table.startswith("search_fts_")}


# Query syntax: no database needed.


def test_every_term_is_an_fts5_string_and_exclusions_are_subtracted():
    assert fts5.match_expression(parse_query("protecting")) == '"protecting"'
    assert fts5.match_expression(parse_query('"human security" -index fear or want')) == (
        '("human security" AND ("fear" OR "want")) NOT "index"'
    )
    assert fts5.match_expression(parse_query("A/RES/64/291 people-centred")) == '("A/RES/64/291" AND "people-centred")'
    assert fts5.match_expression(parse_query("peace -fear -want")) == '"peace" NOT ("fear" OR "want")'
    assert fts5.match_expression([[Term('say "NEAR" text:')]]) == '"say ""NEAR"" text:"'
    assert fts5.match_expression([[Term("a\x00b")]]) == '"a b"'


def test_alternatives_that_exclude_are_subtracted_as_what_they_rule_out():
    # fear or -want: everything but the rows with "want" and without "fear".
    assert fts5.match_expression(parse_query("peace fear or -want")) == '"peace" NOT ("want" NOT "fear")'
    # -fear or -want: everything but the rows with both.
    assert fts5.match_expression(parse_query("peace -fear or -want")) == '"peace" NOT ("fear" AND "want")'
    assert fts5.match_expression(parse_query("peace -index fear or -want")) == (
        '"peace" NOT ("index" OR ("want" NOT "fear"))'
    )


@pytest.mark.parametrize("q", ["", "the of", "-index", "fear or -want", "-fear or -want", "/// -peace", '"..." ,'])
def test_nothing_positive_to_match_is_none(q):
    assert fts5.match_expression(parse_query(q)) is None


def test_a_term_without_a_word_is_dropped():
    # The "—" alternative has no word: its clause keeps "fear".
    assert fts5.match_expression(parse_query('peace /// -"..." — or fear')) == '("peace" AND "fear")'
    assert fts5.match_expression(parse_query("peace -/// ///")) == '"peace"'


def test_weights_must_name_every_column_of_the_index():
    with pytest.raises(ValueError, match="title, abstract"):
        fts5.distance_sql("debate", '"peace"', {"title": 1.0})
    with pytest.raises(ValueError, match="2 weights"):
        fts5.distance_sql("panel", '"peace"', [1.0])
    with pytest.raises(ValueError, match="finite"):
        fts5.distance_sql("paragraph", '"peace"', {"text": float("nan")})
    assert fts5.distance_sql("debate", '"peace"', [1.0, 0.2]) == fts5.distance_sql(
        "debate", '"peace"', {"abstract": 0.2, "title": 1}
    )
    assert fts5.distance_sql("debate", '"peace"', [1, 0.2], "debates_debate") == fts5.distance_sql(
        "debate", '"peace"', [1, 0.2], '"debates_debate"'
    )


# The tables.


@sqlite_only
@pytest.mark.django_db
def test_each_index_has_the_columns_of_its_models_search_vector():
    expected = {
        "search_fts_debate": ["title", "abstract"],
        "search_fts_panel": ["title", "summary"],
        "search_fts_paragraph": ["text"],
        "search_fts_statement": ["text"],
        "search_fts_words": ["text"],
    }
    with connection.cursor() as cursor:
        for table, columns in expected.items():
            cursor.execute(f"PRAGMA table_info({table})")
            assert [row[1] for row in cursor.fetchall()] == columns, table
    for kind in ("debate", "panel", "paragraph", "statement"):
        assert list(weights(kind)) == list(fts5.INDEXES[kind].columns)
    assert fts5.TABLES == {
        "debate": "search_fts_debate",
        "panel": "search_fts_panel",
        "paragraph": "search_fts_paragraph",
        "statement": "search_fts_statement",
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the migration's no-op on PostgreSQL")
@pytest.mark.django_db
def test_on_postgresql_the_migration_is_applied_and_creates_nothing():
    assert MIGRATION in MigrationRecorder(connection).applied_migrations()
    assert not [table for table in connection.introspection.table_names() if table.startswith("search_")]


@sqlite_only
@pytest.mark.django_db
def test_backwards_the_migration_drops_every_table_and_trigger_and_forwards_indexes_the_rows_again():
    # The migrations' own functions, inside the test's transaction: SQLite rolls the DDL back afterwards.
    migration = importlib.import_module("search.migrations.0001_sqlite_fts5")
    translations = importlib.import_module("search.migrations.0002_translations")
    paragraph = make_paragraph(make_debate(), text="Freedom from fear.")
    translations.drop_indexes(django_apps, connection.schema_editor())
    migration.drop_tables(django_apps, connection.schema_editor())
    assert fts5_tables() == set()
    assert fts5_triggers() == set()
    migration.create_tables(django_apps, connection.schema_editor())
    translations.create_indexes(django_apps, connection.schema_editor())
    assert len(fts5_triggers()) == 3 * (len(fts5.ALL_INDEXES) + 1)  # and the words
    assert found("paragraph", "fear") == {paragraph.pk}
    assert ("fear", 1) in fts5.indexed_terms()


# Searching.


@pytest.fixture
def civilians():
    """Four paragraphs, named by what they hold."""
    debate = make_debate()
    return {
        "protection": make_paragraph(debate, text="The protection of civilians is a shared responsibility."),
        "protected": make_paragraph(debate, text="Civilians were protected by the mission."),
        "need": make_paragraph(debate, text="Civilians need protection from violence."),
        "want": make_paragraph(debate, text="Development and freedom from want."),
    }


def ids(paragraphs, *names):
    return {paragraphs[name].pk for name in names}


@sqlite_only
@pytest.mark.django_db
def test_words_are_stemmed(civilians):
    assert found("paragraph", "protecting") == ids(civilians, "protection", "protected", "need")
    assert found("paragraph", "civilian") == ids(civilians, "protection", "protected", "need")
    assert found("paragraph", "RESPONSIBILITIES") == ids(civilians, "protection")


@sqlite_only
@pytest.mark.django_db
def test_a_phrase_wants_its_words_together_and_in_order(civilians):
    assert found("paragraph", '"protection of civilians"') == ids(civilians, "protection")
    assert found("paragraph", '"protecting of civilian"') == ids(civilians, "protection")
    assert found("paragraph", '"civilians of protection"') == set()
    assert found("paragraph", "protection civilians") == ids(civilians, "protection", "protected", "need")


@sqlite_only
@pytest.mark.django_db
def test_excluded_words_and_alternatives(civilians):
    assert found("paragraph", "civilians -mission") == ids(civilians, "protection", "need")
    assert found("paragraph", 'civilians -"shared responsibility"') == ids(civilians, "protected", "need")
    assert found("paragraph", "development or mission") == ids(civilians, "protected", "want")
    # violence, or no mission.
    assert found("paragraph", "civilians violence or -mission") == ids(civilians, "protection", "need")
    # no violence, or no mission: all but the rows with both.
    assert found("paragraph", "civilians -violence or -protection") == ids(civilians, "protection", "protected")


@sqlite_only
@pytest.mark.django_db
def test_a_symbol_is_found_in_a_paragraphs_text_as_the_phrase_of_its_parts():
    debate = make_debate()
    quoting = make_paragraph(debate, text="Recalling resolution A/RES/64/291 of 16 July 2010, the panel met.")
    make_paragraph(debate, text="The report A/64/701 was introduced; resolution 64/291 followed.")

    assert found("paragraph", "A/RES/64/291") == {quoting.pk}
    assert found("paragraph", '"a res 64 291"') == {quoting.pk}
    assert found("paragraph", "a/res/64/291 -July") == set()


@sqlite_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"""',
        "'",
        "(",
        "((peace",
        "peace)",
        "NEAR(peace fear)",
        "peace NEAR fear",
        "NEAR/2",
        "*",
        "peace*",
        "*peace",
        "^",
        "^peace",
        "peace^fear",
        "text:",
        "text:peace",
        "title:peace",
        "{text title}:peace",
        "-text:peace",
        "AND",
        "OR",
        "NOT",
        "peace AND fear",
        "peace OR",
        "NOT peace",
        "peace NOT fear",
        "-",
        "--peace",
        "- -",
        "or or or",
        "+peace",
        ":",
        "peace:fear",
        "\x00",
        "peace\x00fear",
        "\\",
        "%s %%",
        "?",
        "'; DROP TABLE panels_paragraph; --",
        "🙂",
        "ÉCOLE",
        "x" * 200,
        "b " * 100,
        " or ".join("bcdefghijklmnopqrstuvwxyz"),
        '-"x" ' * 40,
        "peace -fear " * 15,
    ],
)
def test_hostile_input_is_never_fts5_syntax(q):
    make_paragraph(make_debate(title="Peace", abstract="Fear"), text="Peace, fear and (NOT) text: NEAR *")
    for expression in (fts5.match_expression(parse_query(q)), fts5.match_expression([[Term(q)]])):
        if expression is None:
            continue
        for kind in fts5.TABLES:
            found_ids = set(MODELS[kind].objects.filter(pk__in=RawSQL(*fts5.matching_ids_sql(kind, expression))))
            rows = MODELS[kind].objects.annotate(distance=RawSQL(*fts5.distance_sql(kind, expression, weights(kind))))
            assert len(list(rows)) == MODELS[kind].objects.count()
            assert rows.filter(distance__isnull=False).count() == len(found_ids)


# The indexes stay in step with every write.


@sqlite_only
@pytest.mark.django_db
def test_the_triggers_follow_saves_updates_and_deletes():
    debate = make_debate(title="Freedom from fear", abstract="On dignity.")
    panel = make_panel(debate, title="Prevention", summary="Early warning.")
    paragraph = make_paragraph(debate, panel, text="Freedom from want.")
    statement = make_intervention(paragraph, text="One panelist spoke of want.")
    assert found("debate", "fear") == {debate.pk}
    assert found("panel", "warning") == {panel.pk}
    assert found("statement", "want") == {statement.pk}

    debate.abstract = "On empowerment."
    debate.save()
    panel.title = "Protection"
    panel.save()
    assert found("debate", "dignity") == set()
    assert found("debate", "empowerment fear") == {debate.pk}
    assert found("panel", "prevention") == set()
    assert found("panel", "protection") == {panel.pk}

    Paragraph.objects.filter(pk=paragraph.pk).update(text="Freedom to live in dignity.")
    assert found("paragraph", "want") == set()
    assert found("paragraph", "dignity") == {paragraph.pk}

    Intervention.objects.filter(pk=statement.pk).delete()
    assert found("statement", "want") == set()
    panel.delete()
    assert found("panel", "protection") == set()
    for table in fts5.TABLES.values():
        check_integrity(table)


@sqlite_only
@pytest.mark.django_db
def test_bulk_writes_and_cascades_reach_the_indexes():
    debate = make_debate()
    paragraphs = Paragraph.objects.bulk_create(
        Paragraph(debate=debate, number=number, section=Paragraph.Section.INTRODUCTION, text=text)
        for number, text in enumerate(["Freedom from fear.", "Freedom from want.", "Living in dignity."], start=1)
    )
    make_intervention(paragraphs[0], text="Fear was named first.")
    assert found("paragraph", "freedom") == {paragraphs[0].pk, paragraphs[1].pk}

    Paragraph.objects.filter(debate=debate).update(text="Renumbered.")
    assert found("paragraph", "freedom") == set()

    debate.delete()  # its paragraphs and statements go with it
    assert found("paragraph", "renumbered") == set()
    assert found("statement", "fear") == set()
    for table in [*fts5.TABLES.values(), fts5.WORDS.name]:
        check_integrity(table)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_fts_words_vocab WHERE term IN ('renumbered', 'fear')")
        assert cursor.fetchone() == (0,)


@sqlite_only
@pytest.mark.django_db
def test_after_a_migration_copies_an_indexed_table_the_triggers_come_back_and_the_index_catches_up():
    paragraph = make_paragraph(make_debate(), text="Freedom from fear.")
    # A migration that alters an indexed model copies its table into a new one and drops the old one, and the
    # triggers with it (Django's SQLite schema editor, which cannot run inside the test's transaction).
    with connection.cursor() as cursor:
        for trigger in [*fts5.INDEXES["paragraph"].triggers.values(), *fts5.WORDS.triggers.values()]:
            cursor.execute(f"DROP TRIGGER {trigger}")
    Paragraph.objects.filter(pk=paragraph.pk).update(text="Freedom from want.")
    assert found("paragraph", "want") == set()  # the write missed the index
    with pytest.raises(DatabaseError), transaction.atomic():
        check_integrity("search_fts_paragraph")

    assert fts5.ensure_triggers() == ["search_fts_paragraph", "search_fts_words"]
    assert len(fts5_triggers()) == 3 * (len(fts5.ALL_INDEXES) + 1)  # and the words
    assert found("paragraph", "want") == {paragraph.pk}
    assert found("paragraph", "fear") == set()
    check_integrity("search_fts_paragraph")
    assert fts5.ensure_triggers() == []


# Ranking.


@sqlite_only
@pytest.mark.django_db
def test_a_word_three_times_outranks_the_same_word_once():
    debate = make_debate()
    once = make_paragraph(debate, text="Security matters here. Peace comes first. Justice is always needed.")
    thrice = make_paragraph(debate, text="Security matters here. Security comes first. Security is always needed.")
    elsewhere = make_paragraph(debate, text="Nothing about it matters here. Peace comes first.")

    order = ranked("paragraph", "security")
    assert [pk for pk, _ in order] == [thrice.pk, once.pk, elsewhere.pk]
    assert order[0][1] > order[1][1] > 0
    assert order[2][1] is None
    distances = Paragraph.objects.annotate(distance=RawSQL(*fts5.distance_sql("paragraph", '"security"', [0.2])))
    assert list(distances.order_by("distance").filter(distance__isnull=False).values_list("pk", "distance")) == [
        (pk, -rank) for pk, rank in order[:2]
    ]


@sqlite_only
@pytest.mark.django_db
def test_a_word_in_a_title_outranks_the_same_word_in_an_abstract():
    in_abstract = make_debate(title="An informal debate", abstract="The debate turned to human security at length.")
    in_title = make_debate(title="Human security", abstract="The debate turned to freedom from fear at length.")

    assert [pk for pk, _ in ranked("debate", "human security")] == [in_title.pk, in_abstract.pk]


# Did you mean.


@sqlite_only
@pytest.mark.django_db
def test_the_vocabulary_lists_the_paragraphs_words_unstemmed_with_their_counts():
    debate = make_debate()
    make_paragraph(debate, text="The protection of civilians.")
    make_paragraph(debate, text="Protecting civilians at the Café.")
    make_paragraph(debate, text="Protection first.")

    terms = dict(fts5.indexed_terms())
    assert terms["civilians"] == terms["protection"] == 2
    assert terms["protecting"] == terms["cafe"] == 1
    assert "protect" not in terms
    # The search page's spelling suggestion from them: of equally close words, the more frequent.
    assert close_spelling("protectoin", terms) == "protection"
    assert close_spelling("Civillians", terms) == "civilians"
    assert close_spelling("xylophone", terms) is None
