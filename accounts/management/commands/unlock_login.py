"""Lift an admin log-in lock: ``manage.py unlock_login NAME``.

The log-in throttle (config/throttle.py) locks a user name after too many failed attempts, and
logs a warning when it does.  Once the owner of the account is known to be the one locked out,
an administrator lifts the lock here rather than wait for it to lapse.
"""

from django.core.management.base import BaseCommand

from accounts.models import LoginFailure, login_name


class Command(BaseCommand):
    help = (
        "Lift the admin log-in lock on each user name given, and forget its failed attempts. Any spelling "
        "works: names are compared as the log-in reads them (NFKC-normalised and case-folded)."
    )

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+", metavar="username", help="A user name to unlock.")

    def handle(self, *args, usernames, **options):
        for username in usernames:
            name = login_name(username)
            if LoginFailure.objects.clear(username):
                message = self.style.SUCCESS(f"Log-in for {name!r} unlocked; its failures are forgotten.")
            else:
                message = f"No failed log-ins were counted for {name!r}; nothing to unlock."
            if options["verbosity"] >= 1:
                self.stdout.write(message)
