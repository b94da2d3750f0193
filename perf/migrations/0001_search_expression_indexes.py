"""GIN indexes for the site search's on-the-fly vectors of debates and segments (PostgreSQL only).

``search.queries`` searches debates (title A, abstract C) and panels (title A,
summary C) with vectors computed in the query, where statements and paragraphs
have stored vectors with their own GIN indexes.  Without an index, every search,
even for a word that matches nothing, computes the vector of every debate and
every segment: 430 ms at 1,000,000 statements (10,466 debates, 32,777 segments);
with these expression indexes, 20 ms (bench/RESULTS.md).  The expressions must
stay exactly those the search builds; tests/perf/test_indexes.py checks that
PostgreSQL uses them for the search's own SQL.
"""

from django.db import migrations

INDEXES = [
    ("perf_debate_search_idx", "debates_debate", "title", "abstract"),
    ("perf_panel_search_idx", "panels_panel", "title", "summary"),
]


def vector(title, body):
    return (
        f"(setweight(to_tsvector('english'::regconfig, COALESCE({title}, '')), 'A') || "
        f"setweight(to_tsvector('english'::regconfig, COALESCE({body}, '')), 'C'))"
    )


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, title, body in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING GIN ({vector(title, body)})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("debates", "0004_roles"),
        ("panels", "0002_history_versions"),
        ("search", "0001_search_vectors"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
