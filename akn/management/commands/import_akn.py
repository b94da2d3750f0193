"""Import an Akoma Ntoso file exported by the archive (``export_akn`` or ``/debates/<slug>/akn.xml``) as a draft.

    python manage.py import_akn debate.akn.xml
    python manage.py import_akn debate.akn.xml --slug a-copy-of-the-debate

The work is done by :func:`akn.read.akn_import`: the file is checked against the OASIS schema and the
archive's expectations, and the debate saved in one transaction, or nothing is.  This command reads
the file, reports, and turns an import error into a ``CommandError``.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from akn.read import MAX_AKN_BYTES, AknImportError, akn_import


class Command(BaseCommand):
    help = (
        "Import a debate from an Akoma Ntoso 3.0 file that this archive exported, as a DRAFT debate: its "
        "segments, paragraphs and attributed statements with every label, the translations of its title, "
        "paragraphs and statements, its participants and documents "
        "(those already in the archive, matched by slug, are used as they are; the others are created). "
        "The file is checked against the OASIS Akoma Ntoso schema and the archive's own expectations first; "
        f"at most {MAX_AKN_BYTES // (1024 * 1024)} MB. The import is one transaction: if anything is wrong, "
        "the error names it and nothing is saved. The draft stays off the public pages until it is published."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The Akoma Ntoso file (.xml).")
        parser.add_argument(
            "--slug", help="Save the debate under this slug instead of the file's (e.g. beside the original)."
        )

    def handle(self, *args, **options):
        path = options["file"]
        try:
            if path.stat().st_size > MAX_AKN_BYTES:
                raise CommandError(f"{path} is larger than {MAX_AKN_BYTES // (1024 * 1024)} MB: it is not imported.")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
        try:
            debate = akn_import(data=data, slug=options["slug"])
        except AknImportError as error:
            raise CommandError(f"{path}: {error}") from error
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Saved draft debate “{debate.slug}”: {debate.panels.count()} segments, "
                    f"{debate.paragraphs.count()} paragraphs, {debate.interventions.count()} statements."
                )
            )
