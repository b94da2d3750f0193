"""Restore a backup into an empty database: ``manage.py archive_restore FILE``.

The database must be migrated and empty (see :mod:`debates.backup`); the restore is one
transaction, so a failure leaves the database as it was.  A backup made without password hashes
(the default) restores every user with an unusable password: the command names them, says how to
give them passwords, and, run at a terminal, offers to create a superuser who can log in.
"""

import sys

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError

from debates.backup import RestoreRefused, archive_restore, users_without_password
from debates.models import Debate


class Command(BaseCommand):
    help = (
        "Restore a backup written by archive_backup into an empty, migrated database, in one transaction. "
        "Refuses a database that already holds debates, records or users. Users restored without a password "
        "are named, with how to set one."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup written by archive_backup.")
        parser.add_argument("--database", default="default", help="Database alias to restore into (default: default).")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not offer to create a superuser when no restored user can log in.",
        )

    def handle(self, *args, file, database, interactive, **options):
        try:
            archive_restore(path=file, using=database)
        except (RestoreRefused, ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        except DeserializationError as error:
            raise CommandError(f"{file} is not a readable archive backup; nothing was restored. {error}") from error
        if options["verbosity"] >= 1:
            debates = Debate.objects.using(database).count()
            self.stdout.write(self.style.SUCCESS(f"Archive restored from {file}: {debates} debates."))
        self.ask_for_passwords(database, interactive)

    def ask_for_passwords(self, database, interactive):
        """Say which users cannot log in and how to fix it; at a terminal, offer to create a superuser."""
        if locked_out := users_without_password(database):
            users = "1 user was" if len(locked_out) == 1 else f"{len(locked_out)} users were"
            self.stdout.write(
                self.style.WARNING(
                    f"{users} restored without a password (the backup holds no password hashes) and cannot log in "
                    f"until given one: {', '.join(locked_out)}. Set each with `manage.py changepassword NAME`."
                )
            )
        superusers = get_user_model()._default_manager.using(database).filter(is_superuser=True, is_active=True)
        if any(user.has_usable_password() for user in superusers):
            return
        self.stdout.write(
            self.style.WARNING("No superuser can log in to the admin: create one with `manage.py createsuperuser`.")
        )
        if interactive and sys.stdin.isatty() and input("Create a superuser now? [y/N] ").strip().lower() == "y":
            call_command("createsuperuser", database=database)
