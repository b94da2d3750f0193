"""A PostgreSQL database made by the old ``search`` migrations upgrades to the models' generated columns.

Until issue 12 the ``search`` app added ``search_vector`` columns to other apps' tables with raw
DDL. Its migrations are gone; ``debates/0009`` and ``panels/0005`` drop those columns (and their
indexes) on their own tables, then add the models' generated fields. This test builds a database
as it was then, in a database of its own on the test server, and migrates it forward.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the old raw columns were PostgreSQL's")

# What the old search migrations created (search/migrations/0001 and 0002 before issue 12).
OLD_VECTORS = [
    ("panels_paragraph", [("text", "C")]),
    ("panels_intervention", [("text", "B")]),
    ("debates_debate", [("title", "A"), ("abstract", "C")]),
    ("panels_panel", [("title", "A"), ("summary", "C")]),
]
NEW_INDEXES = {
    "debate_search_rum_idx",  # RUM since issue 15: the site search ranks every match through them
    "panel_search_rum_idx",
    "paragraph_search_rum_idx",
    "intervention_search_vector_idx",  # GIN: the explorer's words filter
    "paragraph_tr_search_idx",  # GIN: the translations' vectors, each in its language's configuration
    "statement_tr_search_idx",
}
# The translations' vectors, new with them (panels/0009): generated from the start.
TRANSLATION_VECTORS = ["panels_paragraphtranslation", "panels_interventiontranslation"]


def old_vector_sql(columns):
    return " || ".join(
        f"setweight(to_tsvector('english'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in columns
    )


@pytest.fixture
def scratch_database():
    """An empty database on the test server, dropped afterwards; yields its URL and a connection factory."""
    settings = connection.settings_dict
    name = f"upgrade_{uuid.uuid4().hex[:12]}"
    server = {
        "host": settings["HOST"],
        "port": settings["PORT"],
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    url = f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT']}/{name}"
    try:
        yield url, lambda: psycopg.connect(dbname=name, autocommit=True, **server)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(url, *args):
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_REPLICA_URL": ""}
    subprocess.run([sys.executable, "manage.py", *args, "--verbosity", "0"], cwd=ROOT, env=env, check=True)


def test_a_database_with_the_old_raw_columns_migrates_to_the_generated_fields(scratch_database):
    url, connect = scratch_database
    manage(url, "migrate", "debates", "0008")
    manage(url, "migrate", "panels", "0004")
    with connect() as database:
        for table, columns in OLD_VECTORS:
            database.execute(
                f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
                f"GENERATED ALWAYS AS ({old_vector_sql(columns)}) STORED"
            )
            database.execute(f"CREATE INDEX {table}_search_vector_idx ON {table} USING GIN (search_vector)")

    manage(url, "migrate")

    with connect() as database:
        generated = database.execute(
            "SELECT c.relname, a.attgenerated FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE a.attname = 'search_vector' AND NOT a.attisdropped AND c.relkind = 'r'"
        ).fetchall()
        indexes = {
            row[0] for row in database.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%search%'")
        }
    assert dict(generated) == dict.fromkeys([*(table for table, _ in OLD_VECTORS), *TRANSLATION_VECTORS], "s")
    assert indexes == NEW_INDEXES  # the old indexes went with the old columns
