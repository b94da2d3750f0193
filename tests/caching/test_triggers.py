"""The change stamp moves on every kind of write to the archive's tables, and on nothing else."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from caching.models import ArchiveStamp
from caching.stamp import Stamp, current_stamp
from caching.triggers import FUNCTION, archive_tables, install_triggers
from debates.models import Debate, Theme, Topic
from panels.models import Intervention
from tests.factories import build_debate, make_debate


def installed_trigger_tables():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [FUNCTION])
            return {table.strip('"') for (table,) in cursor.fetchall()}
        cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{FUNCTION}%"])
        return {table for (table,) in cursor.fetchall()}


@pytest.mark.django_db
def test_every_table_of_the_archive_has_the_trigger_and_nothing_else_does():
    tables = set(archive_tables())
    assert {"debates_debate", "panels_intervention", "panels_intervention_themes", "debates_theme"} <= tables
    assert installed_trigger_tables() == tables


@pytest.mark.django_db
def test_installing_again_changes_nothing():
    before = installed_trigger_tables()
    install_triggers(using="default")
    install_triggers(using="default")
    assert installed_trigger_tables() == before
    counter = current_stamp().counter
    make_debate()
    assert current_stamp().counter > counter


@pytest.mark.django_db
def test_the_stamp_moves_on_every_kind_of_write():
    debate = build_debate(
        {"introduction": [{"text": "One panelist noted it.", "statements": [{"text": "One panelist noted it."}]}]}
    )
    intervention = Intervention.objects.get(debate=debate)
    writes = {
        "save": lambda: debate.save(),
        "QuerySet.update": lambda: Debate.objects.filter(pk=debate.pk).update(venue="Trusteeship Council"),
        "bulk_create": lambda: Topic.objects.bulk_create([Topic(slug="new-topic", name="New", description="d")]),
        "many-to-many add": lambda: intervention.themes.add(Theme.objects.first()),
        "many-to-many clear": lambda: intervention.themes.clear(),
        "QuerySet.delete": lambda: Topic.objects.filter(slug="new-topic").delete(),
        "raw SQL": lambda: connection.cursor().execute("UPDATE debates_theme SET description = description || '.'"),
    }
    for name, write in writes.items():
        before = current_stamp()
        write()
        after = current_stamp()
        assert after.counter > before.counter, name
        assert after.token != before.token, name


@pytest.mark.django_db
def test_writes_outside_the_archive_leave_the_stamp_alone():
    make_debate()
    before = current_stamp()
    get_user_model().objects.create_user("someone", password="a-long-test-password")
    assert current_stamp() == before


@pytest.mark.django_db
def test_the_stamp_row_is_created_again_when_it_is_gone():
    """A test flush deletes the stamp row with everything else; the next write creates it again."""
    ArchiveStamp.objects.all().delete()
    assert current_stamp() == Stamp(0, None)
    make_debate()
    stamp = current_stamp()
    assert stamp.counter >= 1 and stamp.changed_at is not None
