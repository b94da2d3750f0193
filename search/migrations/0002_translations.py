"""The search of translations: trigrams for Chinese on PostgreSQL, the translations' FTS5 tables on SQLite.

- **PostgreSQL**: the ``pg_trgm`` extension, and a GIN trigram index on the ``text`` of the Chinese rows of
  the paragraph and statement translations, which ``text ILIKE '%人的安全%'`` reads (Chinese has no words
  for a text search configuration to split: search/queries.py looks for it as a substring).  The other
  languages' rows are found through their own ``search_vector`` (panels' models).  Partial indexes on
  panels' tables, written here as SQL for PostgreSQL alone: Django's ``GinIndex`` with ``opclasses``
  would write ``USING gin (… gin_trgm_ops)`` on SQLite too, which cannot read it.
- **SQLite**: the FTS5 tables of the translations and their triggers (:func:`search.fts5.create_translation_tables`).
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

from search import fts5

# The Chinese rows of each translation table, indexed by trigrams: (index, table).
TRIGRAM_INDEXES = [
    ("paragraph_tr_zh_trgm_idx", "panels_paragraphtranslation"),
    ("statement_tr_zh_trgm_idx", "panels_interventiontranslation"),
]


class CreateExtensionOnPostgreSQL(CreateExtension):
    """``CreateExtension``, also reversible on SQLite (where Django's asks PostgreSQL's catalogue)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for name, table in TRIGRAM_INDEXES:
            schema_editor.execute(
                f'CREATE INDEX "{name}" ON "{table}" USING gin ("text" gin_trgm_ops) WHERE "language" = \'zh-hans\''
            )
    elif vendor == "sqlite":
        fts5.create_translation_tables(schema_editor)


def drop_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for name, _ in TRIGRAM_INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    elif vendor == "sqlite":
        fts5.drop_translation_tables(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("panels", "0009_translations"),
        ("search", "0001_sqlite_fts5"),
    ]

    operations = [
        # The trigram operator classes; the migration's user must be allowed to create the extension.
        CreateExtensionOnPostgreSQL("pg_trgm"),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
