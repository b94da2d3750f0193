"""Database triggers that move the archive's change stamp on any write to a table of the archive.

Installed after every ``migrate`` (a ``post_migrate`` receiver), on every table
of the apps in :data:`ARCHIVE_APPS`, many-to-many and history tables included,
so a table added by a later migration is covered as soon as it exists.

A trigger rather than a ``post_save`` signal, because it also sees what signals
never do: ``QuerySet.update()`` and ``delete()`` in bulk, ``bulk_create``,
``COPY``, fixtures and raw SQL.  Cache invalidation that misses one of those
would serve a withdrawn debate from the cache.

PostgreSQL runs one statement-level trigger per statement; SQLite, which has
only row-level triggers, one per row.  Both upsert the single stamp row (it is
created again after a test flushes the database).  The stamp row is locked until
the writing transaction ends, so writes to the archive are serialized: right for
an archive edited by a few people, and the price of never serving a stale page.
"""

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

ARCHIVE_APPS = ("debates", "panels")
STAMP_TABLE = "caching_archivestamp"
FUNCTION = "caching_archive_changed"

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {STAMP_TABLE} (id, counter, changed_at) VALUES (1, 1, clock_timestamp())
    ON CONFLICT (id) DO UPDATE SET counter = {STAMP_TABLE}.counter + 1, changed_at = EXCLUDED.changed_at;
    RETURN NULL;
END
$$
"""
POSTGRESQL_TRIGGER = (
    "CREATE OR REPLACE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
)
SQLITE_TRIGGER = f"""
CREATE TRIGGER {{name}} AFTER {{operation}} ON {{table}} BEGIN
    INSERT INTO {STAMP_TABLE} (id, counter, changed_at) VALUES (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now'))
    ON CONFLICT (id) DO UPDATE SET counter = counter + 1, changed_at = excluded.changed_at;
END
"""


def archive_tables():
    """The database tables of the archive's content."""
    tables = set()
    for label in ARCHIVE_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                tables.add(model._meta.db_table)
    return sorted(tables)


def install_triggers(using="default", **kwargs):
    """Create or replace the stamp triggers on every archive table of database ``using`` (idempotent)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if STAMP_TABLE not in existing:
        return
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise ImproperlyConfigured(f"caching: no change-stamp triggers for {connection.vendor}; pages would go stale.")
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_FUNCTION)
        for table in archive_tables():
            if table not in existing:
                continue
            if connection.vendor == "postgresql":
                cursor.execute(POSTGRESQL_TRIGGER.format(name=quote(FUNCTION), table=quote(table)))
            else:
                for operation in ("INSERT", "UPDATE", "DELETE"):
                    name = quote(f"{FUNCTION}_{table}_{operation.lower()}")
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                    cursor.execute(SQLITE_TRIGGER.format(name=name, operation=operation, table=quote(table)))
