"""The search vectors of segments, paragraphs and statements declared on the models, with their GIN indexes.

Until now the search app's migrations (``search/migrations/0001`` and ``0002``, since removed) added
a ``search_vector`` column to these tables in raw SQL, on PostgreSQL only.  On a database that ran
them, this migration first drops those columns (their indexes go with them; there were no triggers
or functions) and then adds the fields, which PostgreSQL computes again for every row: the same
weights, so the same vectors.  A fresh database, or SQLite, has no such columns and only gets the
fields.  Nothing into another app's tables remains: each app's migrations build its own search
columns.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

import debates.models

SEARCHABLE_MODELS = ("Panel", "Paragraph", "Intervention")


def drop_the_raw_columns(apps, schema_editor):
    """Drop the columns the search app once added in raw SQL (PostgreSQL), where a database still has them."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCHABLE_MODELS:
        table = schema_editor.quote_name(apps.get_model("panels", name)._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("panels", "0004_provenance_scope_named_participants_former_anchors"),
    ]

    operations = [
        migrations.RunPython(drop_the_raw_columns, migrations.RunPython.noop, elidable=False),
        migrations.AddField(
            model_name="panel",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=debates.models.WeightedSearchVector(("title", "A"), ("summary", "C")),
                help_text="The site search's vector of the title and summary (PostgreSQL; NULL on SQLite).",
                output_field=SearchVectorField(),
                serialize=False,
            ),
        ),
        migrations.AddField(
            model_name="paragraph",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=debates.models.WeightedSearchVector(("text", "C")),
                help_text="The site search's vector of the text (PostgreSQL; NULL on SQLite).",
                output_field=SearchVectorField(),
                serialize=False,
            ),
        ),
        migrations.AddField(
            model_name="intervention",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=debates.models.WeightedSearchVector(("text", "B")),
                help_text="The site search's vector of the text (PostgreSQL; NULL on SQLite).",
                output_field=SearchVectorField(),
                serialize=False,
            ),
        ),
        migrations.AddIndex(
            model_name="panel",
            index=debates.models.SearchVectorIndex(fields=["search_vector"], name="panel_search_vector_idx"),
        ),
        migrations.AddIndex(
            model_name="paragraph",
            index=debates.models.SearchVectorIndex(fields=["search_vector"], name="paragraph_search_vector_idx"),
        ),
        migrations.AddIndex(
            model_name="intervention",
            index=debates.models.SearchVectorIndex(fields=["search_vector"], name="intervention_search_vector_idx"),
        ),
    ]
