"""Import a UN debate summary (plain text or Markdown) as a draft debate, or preview what it would give.

    python manage.py import_summary summary.txt --title "Informal thematic debate on human security" \\
        --date 2011-04-14 --session 65
    python manage.py import_summary summary.txt --title … --date 2011-04-14 --dry-run
    python manage.py import_summary summary.txt --title … --date 2011-04-14 --dry-run --json

The work is done by ``panels.importing``; this command reads the
file, reports, and turns an import error into a ``CommandError``.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from debates.models import Debate
from panels.importer.proposal import to_json
from panels.importing import (
    DEFAULT_KIND,
    MAX_SUMMARY_BYTES,
    SummaryImportError,
    summary_check_size,
    summary_decode,
    summary_import,
    summary_preview,
)


class Command(BaseCommand):
    help = (
        "Import the text of a UN debate summary (text taken out of its PDF, or Markdown) as a DRAFT debate: "
        "sections (Introduction, Panel N: …, Conclusion), numbered paragraphs and attributed statements with "
        "proposed actor kinds, extent, stance, themes and topics. The file may be UTF-8, UTF-16 with a "
        f"byte-order mark or Windows-1252, at most {MAX_SUMMARY_BYTES // (1024 * 1024)} MB. "
        "With --dry-run nothing is saved and an outline is printed (or, with --json, the whole proposal as "
        "JSON). Without it, the draft is saved in one transaction and its slug printed; it stays off the "
        "public pages until it is published."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The summary: a .txt or .md file.")
        parser.add_argument("--title", help="The debate's title (required).")
        parser.add_argument(
            "--date", help="The day the debate was held, as 2011-04-14, 14 April 2011 or 14/04/2011 (required)."
        )
        parser.add_argument(
            "--session", type=int, help="The General Assembly session number, e.g. 65 (required unless --dry-run)."
        )
        parser.add_argument(
            "--kind",
            choices=Debate.Kind.values,
            default=DEFAULT_KIND.value,
            help=f"The kind of debate (default: {DEFAULT_KIND.value}).",
        )
        parser.add_argument("--slug", help="The debate's slug (default: made from the title and the year).")
        parser.add_argument("--source-title", help="The title of the summary document the statements cite.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be imported; save nothing.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print the proposal as JSON (sections → paragraphs → statements, counts, warnings).",
        )

    def handle(self, *args, **options):
        path = options["file"]
        try:
            summary_check_size(path.stat().st_size)
            data = path.read_bytes()
        except SummaryImportError as error:
            raise CommandError(self._message(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error

        metadata = {
            "title": options["title"],
            "date": options["date"],
            "session": options["session"],
            "kind": options["kind"],
        }
        try:
            text = summary_decode(data)
            proposed = summary_preview(text=text, **metadata)
            if options["dry_run"]:
                self._report_preview(proposed, options)
                return
            debate = summary_import(text=text, slug=options["slug"], source_title=options["source_title"], **metadata)
        except SummaryImportError as error:
            raise CommandError(self._message(error)) from error

        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"debate": {"slug": debate.slug, "status": debate.status}, **to_json(proposed)},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        if options["verbosity"] >= 1:
            self._write_warnings(proposed)
            counts = proposed.counts()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Saved draft debate “{debate.slug}”: {counts['paragraphs']} paragraphs, "
                    f"{counts['statements'] - counts['unsavable']} statements "
                    f"({counts['unclassified']} to check)."
                )
            )

    @staticmethod
    def _message(error):
        option = {"file": "FILE", "text": "FILE", "source_title": "--source-title"}.get(error.field)
        option = option or (f"--{error.field}" if error.field else None)
        return f"{option}: {error.message}" if option else error.message

    def _report_preview(self, proposed, options):
        if options["json"]:
            self.stdout.write(json.dumps({"debate": None, **to_json(proposed)}, ensure_ascii=False, indent=2))
            return
        if options["verbosity"] < 1:
            return
        for section in proposed.sections:
            label = section.title
            if section.panel_order is not None:
                label = f"{section.panel_kind.capitalize()} {section.panel_order}: {section.title}"
            statements = [s for p in section.paragraphs for s in p.statements]
            unclassified = sum(1 for s in statements if not s.classified)
            self.stdout.write(
                f"{label} [{section.paragraph_section}]: {len(section.paragraphs)} paragraphs, "
                f"{len(statements)} statements, {unclassified} unclassified"
            )
            if options["verbosity"] >= 2:
                for paragraph in section.paragraphs:
                    self.stdout.write(f"  ¶{paragraph.number}: {paragraph.text[:100]}")
                    for statement in paragraph.statements:
                        labels = (
                            f"{'+'.join(statement.actor_kinds) or '?'} / {statement.extent or '?'} / "
                            f"{statement.stance or '?'}"
                        )
                        mark = "" if statement.classified else f"  [unclassified: {statement.reason}]"
                        self.stdout.write(f"    {statement.order}. ({labels}) {statement.text[:80]}{mark}")
        counts = proposed.counts()
        self._write_warnings(proposed)
        self.stdout.write(
            f"{counts['sections']} sections, {counts['paragraphs']} paragraphs, {counts['statements']} statements "
            f"({counts['unclassified']} unclassified, {counts['unsavable']} would not be saved). "
            "Dry run: nothing was saved."
        )

    def _write_warnings(self, proposed):
        for warning in [*proposed.warnings, *proposed.statement_warnings()]:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
