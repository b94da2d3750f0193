"""Back up, empty the database, restore: every record and every public page comes back identical; the file is
private, and holds password hashes only when asked to."""

import gzip
import json
import os
import stat
from http import HTTPStatus
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection

from debates.models import Debate, StatusChange
from tests.factories import make_debate
from tests.public_site import body, crawl

# What the server rebuilds by itself, and so a backup leaves out; every other table must round-trip.
REBUILT_BY_THE_SERVER = {"contenttypes.contenttype", "auth.permission", "sessions.session", "caching.archivestamp"}


def natural(instance):
    """Content types and permissions are numbered afresh in each database: compare them by what they name."""
    if isinstance(instance, ContentType):
        return (instance.app_label, instance.model)
    if isinstance(instance, Permission):
        return (instance.codename, instance.content_type.app_label, instance.content_type.model)
    return instance


def database_snapshot():
    """``{model label: sorted rows}`` of every table but the rebuilt ones, foreign keys by value."""
    renumbered = {ContentType: ContentType.objects.in_bulk(), Permission: Permission.objects.in_bulk()}
    snapshot = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in REBUILT_BY_THE_SERVER:
            continue
        # Rows of many-to-many tables are recreated on load; compare what they link, not their own ids.
        fields = [
            field for field in model._meta.concrete_fields if not (model._meta.auto_created and field.primary_key)
        ]
        rows = []
        for values in model._default_manager.values_list(*[field.attname for field in fields]):
            row = []
            for field, value in zip(fields, values, strict=True):
                related = field.related_model if field.is_relation else None
                row.append(natural(renumbered[related][value]) if related in renumbered and value else value)
            rows.append(tuple(row))
        snapshot[label] = sorted(rows, key=repr)
    return snapshot


@pytest.fixture(autouse=True)
def _content_types_forgotten():
    """A flush numbers the content types afresh and the test's rollback numbers them back: Django's cache of
    them, filled in between, would send later tests (the admin's "view on site") to ids that do not exist."""
    yield
    ContentType.objects.clear_cache()


def empty_the_database():
    """``flush`` inside the test's transaction; PostgreSQL first runs the deferred foreign-key checks, as at commit."""
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


def public_pages(client):
    for cache in settings.CACHES:
        caches[cache].clear()
    pages = crawl(client, limit=1000, per_route=20)
    return {url: (response.status_code, body(response)) for url, response in pages.items()}


def _first_difference(before, after, urls):
    """Where two renders of a page part, to say what a restore changed."""
    at = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), min(len(before), len(after)))
    return (
        f"{len(urls)} pages differ, first {urls[0]}: {before[at - 80 : at + 80]!r} became {after[at - 80 : at + 80]!r}"
    )


@pytest.fixture
def full_archive(db):
    """The three debates, a draft, an editor with a group, and the history and logs their work leaves."""
    for year in (2008, 2010, 2011):
        call_command("loaddata", f"human-security-{year}", verbosity=0)
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "a-long-correct-password")
    editor.groups.add(Group.objects.create(name="Backup testers"))
    editor.user_permissions.add(Permission.objects.get(codename="change_debate"))
    draft = make_debate(title="A draft nobody sees", status=Debate.Status.DRAFT)
    published = Debate.objects.published().first()
    published._history_user = editor
    published.convener = published.convener + " (edited)"
    published.save()
    StatusChange.objects.create(
        debate=draft, from_status=Debate.Status.DRAFT, to_status=Debate.Status.IN_REVIEW, user=editor, note="Please"
    )
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Debate),
        object_id=str(draft.pk),
        object_repr=str(draft),
        action_flag=ADDITION,
        change_message="[]",
    )
    return editor


def test_a_round_trip_loses_nothing(client, full_archive, tmp_path):
    backup = tmp_path / "archive.archive.gz"
    before = database_snapshot()
    pages_before = public_pages(client)
    assert before["debates.debate"] and before["panels.intervention"] and before["auth.user"]
    assert any("historical" in label and rows for label, rows in before.items())
    # Every page renders; permanent paths (/p5/s4/) and /favicon.ico answer with a redirect.
    assert all(status in (HTTPStatus.OK, HTTPStatus.FOUND) for status, _ in pages_before.values())
    assert any(status == HTTPStatus.OK for status, _ in pages_before.values())

    call_command("archive_backup", str(backup), include_password_hashes=True, verbosity=0)
    empty_the_database()
    assert not Debate.objects.exists()
    call_command("archive_restore", str(backup), verbosity=0, interactive=False)

    after = database_snapshot()
    for label in before:
        assert after[label] == before[label], label
    pages_after = public_pages(client)
    assert pages_after.keys() == pages_before.keys()
    changed = [url for url in pages_before if pages_after[url] != pages_before[url]]
    assert not changed, _first_difference(pages_before[changed[0]][1], pages_after[changed[0]][1], changed)


def test_a_restore_into_a_database_that_holds_only_what_migrations_create(full_archive, tmp_path):
    """A new database already has the themes, topics and groups of the migrations; the backup's replace them."""
    backup = tmp_path / "archive.archive"
    before = database_snapshot()
    call_command("archive_backup", str(backup), include_password_hashes=True, verbosity=0)
    empty_the_database()
    import_module("debates.migrations.0002_vocabulary").create_vocabulary(apps, None)
    Group.objects.create(name="Secretariat editors")

    call_command("archive_restore", str(backup), verbosity=0, interactive=False)

    assert database_snapshot() == before


def test_a_restore_refuses_a_database_that_is_not_empty(full_archive, tmp_path):
    backup = tmp_path / "archive.archive"
    call_command("archive_backup", str(backup), verbosity=0)
    before = database_snapshot()

    with pytest.raises(CommandError, match=r"not empty .*debates\.debate"):
        call_command("archive_restore", str(backup), verbosity=0)

    assert database_snapshot() == before


def test_a_broken_file_restores_nothing(db, tmp_path):
    backup = tmp_path / "archive.archive"
    backup.write_text('[{"model": "debates.document", "pk": 1, "fields": {"slug": "a", "title": "A", "kind": "report"')
    vocabulary_before = database_snapshot()

    with pytest.raises(CommandError):
        call_command("archive_restore", str(backup), verbosity=0)

    assert database_snapshot() == vocabulary_before


def test_file_names_say_what_they_hold(db, tmp_path):
    with pytest.raises(CommandError, match="must end with"):
        call_command("archive_backup", str(tmp_path / "archive.txt"), verbosity=0)


def read_backup(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return stream.read()


def users_in(text):
    return {row["fields"]["username"]: row["fields"] for row in json.loads(text) if row["model"] == "auth.user"}


@pytest.fixture
def loose_umask():
    """The usual umask, under which a plain ``open()`` makes a file anyone on the machine may read."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.parametrize("name", ["archive.archive", "archive.archive.gz", "archive.archive.xz"])
def test_the_backup_file_is_readable_by_its_owner_only(full_archive, tmp_path, loose_umask, name):
    backup = tmp_path / name
    backup.write_text("an older file, readable by all")
    backup.chmod(0o644)

    call_command("archive_backup", str(backup), verbosity=0)

    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == [name], "no temporary file is left behind"


def test_password_hashes_are_left_out_by_default(full_archive, tmp_path, capsys):
    backup = tmp_path / "archive.archive.gz"

    call_command("archive_backup", str(backup))

    text = read_backup(backup)
    assert full_archive.password not in text
    (editor,) = users_in(text).values()
    assert editor["password"].startswith("!"), "an unusable password"
    assert editor["email"] == "editor@example.org"
    assert "changepassword" in capsys.readouterr().out


def test_password_hashes_are_kept_when_asked_for_with_a_warning(full_archive, tmp_path, capsys):
    backup = tmp_path / "archive.archive"

    call_command("archive_backup", str(backup), include_password_hashes=True)

    assert users_in(read_backup(backup))["editor"]["password"] == full_archive.password
    assert "password hash" in capsys.readouterr().err


def test_a_restore_without_hashes_tells_the_operator_to_set_passwords(full_archive, tmp_path, capsys):
    backup = tmp_path / "archive.archive"
    before = database_snapshot()
    call_command("archive_backup", str(backup), verbosity=0)
    empty_the_database()

    call_command("archive_restore", str(backup), verbosity=0, interactive=False)

    output = capsys.readouterr().out
    assert "1 user was restored without a password" in output and "editor" in output
    assert "manage.py changepassword" in output
    assert "manage.py createsuperuser" in output, "no one can log in to the admin"
    editor = get_user_model().objects.get(username="editor")
    assert not editor.has_usable_password()
    assert editor.groups.get().name == "Backup testers"
    after = database_snapshot()
    assert after.keys() == before.keys()
    for label in before:
        if label != "auth.user":
            assert after[label] == before[label], label
    password = [field.attname for field in get_user_model()._meta.concrete_fields].index("password")
    without_password = [row[:password] + row[password + 1 :] for row in before["auth.user"]]
    assert [row[:password] + row[password + 1 :] for row in after["auth.user"]] == without_password


def test_a_restore_with_hashes_says_nothing_about_passwords(full_archive, tmp_path, capsys):
    get_user_model().objects.create_superuser("admin", "admin@example.org", "another-long-password")
    backup = tmp_path / "archive.archive"
    call_command("archive_backup", str(backup), include_password_hashes=True, verbosity=0)
    empty_the_database()

    call_command("archive_restore", str(backup), verbosity=0, interactive=False)

    assert "password" not in capsys.readouterr().out
    assert get_user_model().objects.get(username="admin").check_password("another-long-password")
