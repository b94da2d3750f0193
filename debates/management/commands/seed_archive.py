"""Load the three debates into an empty archive.

``make run`` calls this after migrating, so that a fresh database shows the
2008, 2010 and 2011 debates, while a database that already holds debates
(someone's edits) is left alone.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from debates.models import Debate

FIXTURES = ["human-security-2008", "human-security-2010", "human-security-2011"]


class Command(BaseCommand):
    help = (
        "Load the fixtures of the 2008, 2010 and 2011 debates when the database holds no debate yet. "
        "Does nothing when any debate exists, so edits are never overwritten."
    )

    def handle(self, *args, **options):
        if Debate.objects.exists():
            if options["verbosity"] >= 1:
                self.stdout.write("The archive already holds debates; nothing loaded.")
            return
        with transaction.atomic():
            call_command("loaddata", *FIXTURES, verbosity=0)
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Loaded {Debate.objects.count()} debates."))
