"""``manage.py check_catalogues``: fail unless every catalogue is complete (languages.catalogues); make test runs it."""

import os
import shutil

from django.core.management.base import BaseCommand, CommandError

from languages.catalogues import all_problems


class Command(BaseCommand):
    help = "Check that every language's catalogue translates every message, with nothing fuzzy, and is compiled."

    def handle(self, *args, **options):
        extract = shutil.which("xgettext") is not None
        if not extract:
            if os.environ.get("CI") == "true":
                raise CommandError("GNU gettext (xgettext) is missing: apt-get install gettext.")
            self.stderr.write("GNU gettext (xgettext) is missing: no check for messages missing from the catalogues.")
        problems = all_problems(extract=extract)
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} problems in the catalogues: translate them, then run make messages.")
        self.stdout.write("Every catalogue is complete.")
