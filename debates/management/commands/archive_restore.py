"""Restore a backup into an empty database: ``manage.py archive_restore FILE``.

The database must be migrated and empty (see :mod:`debates.backup`); the restore is one
transaction, so a failure leaves the database as it was.
"""

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError

from debates.backup import RestoreRefused, archive_restore
from debates.models import Debate


class Command(BaseCommand):
    help = (
        "Restore a backup written by archive_backup into an empty, migrated database, in one transaction. "
        "Refuses a database that already holds debates, records or users."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup written by archive_backup.")
        parser.add_argument("--database", default="default", help="Database alias to restore into (default: default).")

    def handle(self, *args, file, database, **options):
        try:
            archive_restore(path=file, using=database)
        except (RestoreRefused, ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        except DeserializationError as error:
            raise CommandError(f"{file} is not a readable archive backup; nothing was restored. {error}") from error
        if options["verbosity"] >= 1:
            debates = Debate.objects.using(database).count()
            self.stdout.write(self.style.SUCCESS(f"Archive restored from {file}: {debates} debates."))
