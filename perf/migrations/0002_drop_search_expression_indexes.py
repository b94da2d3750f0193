"""Drop 0001's GIN expression indexes: debates and segments now have stored vectors (search 0002).

The site search reads the stored ``search_vector`` columns and their own GIN
indexes, so these expression indexes would only cost writes.  Reversing this
migration creates them again, as 0001 did.
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


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, title, body in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING GIN ({vector(title, body)})")


class Migration(migrations.Migration):
    dependencies = [
        ("perf", "0001_search_expression_indexes"),
        ("search", "0002_debate_panel_vectors"),
    ]

    operations = [migrations.RunPython(drop_indexes, create_indexes, elidable=False)]
