"""Stored, weighted full-text vectors with GIN indexes for debates and segments too (PostgreSQL only).

Until now debates (title A, abstract C) and segments (title A, summary C) were
vectorised as they were queried, through GIN expression indexes
(perf/migrations/0001).  Ranking a window of a few hundred debates for a common
word then parsed every abstract again, and a phrase had to be rechecked by
parsing it too: 25–50 ms at 1,000,000 statements (bench/RESULTS.md).  Stored
like the statements' and paragraphs' vectors, they are read, not recomputed.

As for 0001: a later migration that changes the type of these text columns must
drop the generated column first and recreate it after.
"""

from django.db import migrations

VECTORS = [
    ("debates_debate", [("title", "A"), ("abstract", "C")]),
    ("panels_panel", [("title", "A"), ("summary", "C")]),
]


def vector_sql(columns):
    return " || ".join(
        f"setweight(to_tsvector('english'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in columns
    )


def add_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in VECTORS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({vector_sql(columns)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {table}_search_vector_idx ON {table} USING GIN (search_vector)")


def remove_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _ in VECTORS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_vectors")]

    operations = [migrations.RunPython(add_vectors, remove_vectors, elidable=False)]
