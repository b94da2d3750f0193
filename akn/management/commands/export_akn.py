"""Write a debate, whatever its status, as an Akoma Ntoso 3.0 file, checked against the OASIS schema.

    python manage.py export_akn informal-thematic-debate-human-security-2011 > debate.akn.xml
    python manage.py export_akn informal-thematic-debate-human-security-2011 --output debate.akn.xml

The public site serves the same file for published debates at ``/debates/<slug>/akn.xml``; this
command also writes drafts, for the secretariat (to move a draft between archives, say).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from lxml import etree

from akn.export import AknExportError, akn_export
from akn.schema import schema_errors
from debates.models import Debate


class Command(BaseCommand):
    help = (
        "Write the debate SLUG, whatever its status, as an Akoma Ntoso 3.0 debateReport (docs/akoma-ntoso.md), "
        "to standard output or to --output. The file is checked against the OASIS schema before it is written; "
        "a debate that would give an invalid file is an error, and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The debate's slug.")
        parser.add_argument("--output", type=Path, help="Write the file here instead of to standard output.")

    def handle(self, *args, **options):
        debate = Debate.objects.filter(slug=options["slug"]).first()
        if debate is None:
            raise CommandError(f"No debate has the slug “{options['slug']}”.")
        try:
            data = akn_export(debate)
        except AknExportError as error:
            raise CommandError(str(error)) from error
        errors = schema_errors(etree.fromstring(data))
        if errors:
            raise CommandError(f"The file would not follow the Akoma Ntoso schema: {'; '.join(errors[:10])}.")
        if options["output"] is None:
            # The bytes as they are (UTF-8, as the file declares), or text where the output takes no bytes.
            buffer = getattr(self.stdout, "buffer", None)
            if buffer is None:
                self.stdout.write(data.decode("utf-8"), ending="")
            else:
                buffer.write(data)
                buffer.flush()
            return
        try:
            options["output"].write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror or error}.") from error
        if options["verbosity"] >= 1:
            self.stderr.write(self.style.SUCCESS(f"Wrote {debate.slug} to {options['output']} ({len(data):,} bytes)."))
