"""Write the whole archive to one JSON file: ``manage.py archive_backup FILE``.

What the file holds, and what it leaves out, is described in :mod:`debates.backup`.
"""

from django.core.management.base import BaseCommand, CommandError

from debates.backup import BACKUP_SUFFIXES, archive_backup


class Command(BaseCommand):
    help = (
        "Back the whole archive up to FILE: debates, panels, paragraphs, statements, participants, documents, "
        "vocabularies, workflow and history, users and groups, with natural keys for content types and "
        f"permissions. FILE ends in {', '.join(BACKUP_SUFFIXES)}; it is JSON inside, compressed by the suffix, "
        "and readable by its owner only (mode 0600). Users' password hashes are left out unless "
        "--include-password-hashes is given. Restore it with archive_restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, e.g. var/archive-2011-04-14.archive.gz.")
        parser.add_argument("--database", default="default", help="Database alias to back up (default: default).")
        parser.add_argument(
            "--include-password-hashes",
            action="store_true",
            help="Keep users' password hashes, so that they log in with their passwords after a restore. The file "
            "can then be attacked offline for passwords: keep it as safe as the database.",
        )

    def handle(self, *args, file, database, include_password_hashes, **options):
        try:
            archive_backup(path=file, using=database, include_password_hashes=include_password_hashes)
        except (ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        if include_password_hashes:
            self.stderr.write(
                self.style.WARNING(
                    f"{file} holds every user's password hash: anyone who gets a copy can try to crack them offline. "
                    "Keep it as safe as the database itself."
                )
            )
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Archive backed up to {file}."))
            if not include_password_hashes:
                self.stdout.write(
                    "Password hashes are left out: after a restore, users need new passwords "
                    "(manage.py changepassword NAME)."
                )
