"""SQLite only: the FTS5 tables of the site search, their triggers, and the vocabulary of the paragraphs.

:mod:`search.fts5` says what they are and writes their SQL; this migration creates them, filled
from the rows already there, and drops them backwards.  On PostgreSQL it does nothing either way:
the models' stored ``search_vector`` fields serve the search there.

The search app's earlier migrations (``0001_search_vectors``, ``0002_debate_panel_vectors``, removed
in issue 12) may still be recorded as applied in old databases: their names must not come back.
"""

from django.db import migrations

from search import fts5


def create_tables(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        fts5.create_tables(schema_editor)


def drop_tables(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        fts5.drop_tables(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("debates", "0010_vocabulary_term"),
        ("panels", "0007_unread_labels"),
    ]

    operations = [
        migrations.RunPython(create_tables, drop_tables, elidable=False),
    ]
