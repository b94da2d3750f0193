"""Write the whole archive to one JSON file: ``manage.py archive_backup FILE``.

What the file holds, and what it leaves out, is described in :mod:`debates.backup`.
"""

from django.core.management.base import BaseCommand, CommandError

from debates.backup import BACKUP_SUFFIXES, archive_backup


class Command(BaseCommand):
    help = (
        "Back the whole archive up to FILE: debates, panels, paragraphs, statements, participants, documents, "
        "vocabularies, workflow and history, users and groups, with natural keys for content types and "
        f"permissions. FILE ends in {', '.join(BACKUP_SUFFIXES)}; it is JSON inside, compressed by the suffix. "
        "Restore it with archive_restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, e.g. var/archive-2011-04-14.archive.gz.")
        parser.add_argument("--database", default="default", help="Database alias to back up (default: default).")

    def handle(self, *args, file, database, **options):
        try:
            archive_backup(path=file, using=database)
        except (ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Archive backed up to {file}."))
