"""Back the whole archive up to one JSON file, and restore it into an empty database.

What a backup holds: every row of the archive's own apps (debates, documents, participants, the
vocabularies, panels, paragraphs, statements, participations, the publishing workflow's status
changes and every record's history), and the people who made them (users, groups and their
permissions, the admin's log).  Rows keep their primary keys, so links and history stay exactly
as they were; references to content types and permissions, which Django numbers afresh in each
database, are written as natural keys.  Left out, because the server rebuilds them: sessions,
content types and permissions themselves, the cache change stamp, and failed log-in counts (rendered
pages are not in the database at all: they are kept in the cache framework).

Users' password hashes are left out too, unless asked for (``include_password_hashes``): a hash
can be attacked offline by whoever gets the file, and backups travel further than databases.
Each user is written with an unusable password instead, so after a restore nobody can log in
until an administrator sets passwords (``manage.py changepassword``, ``createsuperuser``).  The
file is written readable by its owner only (mode 0600, whatever the umask), under a temporary
name first, so an interrupted backup never leaves a partial file under the name asked for.

A restore goes into a migrated, empty database only: no rows but those the migrations create (the
themes, the topic vocabulary and the secretariat groups), which the backup's own rows replace.
Everything happens in one transaction: a restore either loads the whole file or nothing.
"""

import bz2
import gzip
import lzma
import os
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor

ARCHIVE_APPS = ("debates", "panels")
ACCOUNT_MODELS = ("auth.group", "auth.user", "admin.logentry")
# Rows the migrations create in a new database: a restore replaces them with the backup's own.
CREATED_BY_MIGRATIONS = ("debates.theme", "debates.topic", "auth.group")
# The "archive" format is JSON that keeps times to the microsecond (debates.backup_format).
BACKUP_FORMAT = "archive"
BACKUP_SUFFIXES = (".archive", ".archive.gz", ".archive.bz2", ".archive.xz")


class RestoreRefused(Exception):
    """The target database cannot take a restore (not migrated, or not empty); nothing was changed."""


def backup_models():
    """Every model a backup holds, as labels (``debates.debate``)."""
    labels = [model._meta.label_lower for name in ARCHIVE_APPS for model in apps.get_app_config(name).get_models()]
    return labels + list(ACCOUNT_MODELS)


def _check_file_name(path):
    if not str(path).endswith(BACKUP_SUFFIXES):
        raise ValueError(f"A backup file name must end with one of {', '.join(BACKUP_SUFFIXES)}: {path}")


def archive_backup(*, path, using=DEFAULT_DB_ALIAS, include_password_hashes=False):
    """Write the whole archive to ``path`` (JSON, compressed when the name ends in .gz, .bz2 or .xz).

    The rows are read in one transaction, repeatable-read on PostgreSQL, so the file is one
    consistent moment of the archive even while editors keep working.  Users get unusable
    passwords in the file unless ``include_password_hashes``.  The file is created with mode
    0600 under a temporary name in the same folder, and takes ``path``'s name once complete.
    """
    _check_file_name(path)
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(descriptor)  # mkstemp made it 0600; opening it again by name keeps that mode
    try:
        with _open_backup(temporary, "wt", compression=path.name) as stream:
            _dump(stream, using, include_password_hashes)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _dump(stream, using, include_password_hashes):
    """Serialize every backed-up row into ``stream``, in one consistent read (as ``dumpdata`` would)."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    user_model = get_user_model()
    models = serializers.sort_dependencies(
        [(None, [apps.get_model(label) for label in backup_models()])], allow_cycles=True
    )

    def rows():
        for model in models:
            objects = model._default_manager.using(using).order_by(model._meta.pk.name).iterator()
            if model is user_model and not include_password_hashes:
                objects = map(_without_password, objects)
            yield from objects

    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        serializers.serialize(BACKUP_FORMAT, rows(), stream=stream, use_natural_foreign_keys=True)


def _without_password(user):
    user.password = make_password(None)  # unusable: "!" and random characters, never a hash of anything
    return user


def users_without_password(using=DEFAULT_DB_ALIAS):
    """The user names of the users who cannot log in with a password (after a restore without hashes: all)."""
    users = get_user_model()._default_manager.using(using).order_by("pk")
    return [user.get_username() for user in users if not user.has_usable_password()]


def non_empty_models(using=DEFAULT_DB_ALIAS):
    """``{label: row count}`` for every backed-up model holding rows the migrations did not create."""
    counts = {}
    for label in backup_models():
        if label in CREATED_BY_MIGRATIONS:
            continue
        count = apps.get_model(label)._default_manager.using(using).count()
        if count:
            counts[label] = count
    return counts


def _open_backup(path, mode="rt", *, compression=None):
    """Open a backup as text, (de)compressing by the suffix of ``compression``, by default ``path``'s own."""
    name, suffix = str(path), str(compression or path)
    if suffix.endswith(".gz"):
        return gzip.open(name, mode, encoding="utf-8")
    if suffix.endswith(".bz2"):
        return bz2.open(name, mode, encoding="utf-8")
    if suffix.endswith(".xz"):
        return lzma.open(name, mode, encoding="utf-8")
    return open(name, mode.removesuffix("t"), encoding="utf-8")  # noqa: SIM115 - closed by the caller's with


def _load(path, using):
    """Save every object of the backup as it was written: raw, without new history; return the count.

    ``loaddata`` would do almost the same, but setting a statement's themes and topics would make
    django-simple-history record a new history row for each; ``skip_history_when_saving`` stops it.
    """
    connection = connections[using]
    models = set()
    deferred = []
    count = 0
    with _open_backup(path) as stream, connection.constraint_checks_disabled():
        for deserialized in serializers.deserialize(BACKUP_FORMAT, stream, using=using, handle_forward_references=True):
            deserialized.object.skip_history_when_saving = True
            deserialized.save(using=using)
            models.add(type(deserialized.object))
            count += 1
            if deserialized.deferred_fields:
                deferred.append(deserialized)
        for deserialized in deferred:
            deserialized.save_deferred_fields(using=using)
    connection.check_constraints(table_names=[model._meta.db_table for model in models])
    # Rows keep their primary keys, so each table's id sequence must move past them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return count


def archive_restore(*, path, using=DEFAULT_DB_ALIAS):
    """Load a backup written by :func:`archive_backup` into an empty, migrated database, all or nothing.

    Returns how many rows were restored.  Raises :class:`RestoreRefused` when the database is not
    migrated or not empty, and ``DeserializationError`` when the file is not a readable backup.
    """
    _check_file_name(path)
    connection = connections[using]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RestoreRefused("The database has unapplied migrations: run `manage.py migrate` first.")
    with transaction.atomic(using=using):
        if occupied := non_empty_models(using):
            found = ", ".join(f"{count} {label}" for label, count in sorted(occupied.items()))
            raise RestoreRefused(
                f"The database is not empty ({found}). A restore only goes into a new, migrated database."
            )
        for label in CREATED_BY_MIGRATIONS:
            apps.get_model(label)._default_manager.using(using).all().delete()
        return _load(path, using)
