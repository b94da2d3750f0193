"""The debate's search vector declared on the model: ``Debate.search_vector`` and its GIN index.

Until now the search app's migrations (``search/migrations/0002``, since removed) added a
``search_vector`` column to this table in raw SQL, on PostgreSQL only.  On a database that ran them,
this migration first drops that column (its index goes with it; there were no triggers or functions)
and then adds the field, which PostgreSQL computes again for every row: the same weights, so the
same vectors.  A fresh database, or SQLite, has no such column and only gets the field.  Nothing
into another app's tables remains: each app's migrations build its own search columns.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

import debates.models


def drop_the_raw_column(apps, schema_editor):
    """Drop the column the search app once added in raw SQL (PostgreSQL), where a database still has it."""
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("debates", "Debate")._meta.db_table)
    schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("debates", "0008_delete_debaterendering"),
    ]

    operations = [
        migrations.RunPython(drop_the_raw_column, migrations.RunPython.noop, elidable=False),
        migrations.AddField(
            model_name="debate",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=debates.models.WeightedSearchVector(("title", "A"), ("abstract", "C")),
                help_text="The site search's vector of the title and abstract (PostgreSQL; NULL on SQLite).",
                output_field=SearchVectorField(),
                serialize=False,
            ),
        ),
        migrations.AddIndex(
            model_name="debate",
            index=debates.models.SearchVectorIndex(fields=["search_vector"], name="debate_search_vector_idx"),
        ),
    ]
