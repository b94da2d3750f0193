"""What the downloads' tests share: unpublished debates to keep out, a build into a temporary folder, its files read."""

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

from debates.models import Debate, DebateTranslation, TextStatus
from downloads.builds import current_build
from panels.models import InterventionTranslation, ParagraphTranslation
from tests.factories import build_debate, make_document, make_intervention, make_paragraph, make_participant

# Text, slugs and names that only unpublished debates hold: none may appear in any downloaded file. (Letters no
# hexadecimal hash holds, so that the files' hashes cannot hold them by chance.)
HIDDEN = {
    Debate.Status.DRAFT: "Hidden draft qzx7",
    Debate.Status.IN_REVIEW: "Hidden in review wvy8",
    Debate.Status.WITHDRAWN: "Hidden withdrawn kjq9",
}
TABLE_NAMES = [
    "debates",
    "segments",
    "paragraphs",
    "participants",
    "documents",
    "statements",
    "debate_documents",
    "participations",
    "title_translations",
    "paragraph_translations",
    "statement_translations",
    "codebook",
    "vocabularies",
]


def add_unpublished_debates():
    """A draft, a debate in review and a withdrawn debate, each with a segment, a statement by a speaker of its
    own, from a document of its own, and French translations of its title, paragraph and statement: every one of
    their texts, slugs and names holds its ``HIDDEN`` marker."""
    for status, marker in HIDDEN.items():
        slug = marker.lower().replace(" ", "-")
        debate = build_debate(
            {
                "debate": {"slug": slug, "title": marker, "status": status, "abstract": marker},
                "panels": [{"title": marker, "summary": marker, "paragraphs": []}],
            }
        )
        paragraph = make_paragraph(debate, debate.panels.get(), text=f"One panelist said {marker}.")
        statement = make_intervention(
            paragraph,
            text=f"One panelist said {marker}.",
            participant=make_participant(slug=f"speaker-{slug}", name=marker),
            source=make_document(slug=f"document-{slug}", title=marker, symbol=marker),
            themes=["freedom-from-fear"],
        )
        translation = {"language": "fr", "status": TextStatus.ARCHIVE_TRANSLATION}
        DebateTranslation.objects.create(debate=debate, title=f"Titre {marker}", **translation)
        ParagraphTranslation.objects.create(paragraph=paragraph, text=f"Un intervenant a dit {marker}.", **translation)
        InterventionTranslation.objects.create(
            intervention=statement, text=f"Un intervenant a dit {marker}.", **translation
        )


def add_translations(slug):
    """The debate ``slug``'s title in Spanish (the archive's translation), and its first statement and that
    statement's paragraph in French and Russian (the archive's translations)."""
    debate = Debate.objects.get(slug=slug)
    archive = TextStatus.ARCHIVE_TRANSLATION
    DebateTranslation.objects.create(debate=debate, language="es", status=archive, title="Debate sobre la seguridad")
    statement = debate.interventions.in_reading_order().first()
    for language, words, more in [
        ("fr", "Un intervenant a dit ceci.", "Un autre a dit cela."),
        ("ru", "Один участник сказал это.", "Другой сказал то."),
    ]:
        ParagraphTranslation.objects.create(
            paragraph=statement.paragraph, language=language, status=archive, text=f"{words} {more}"
        )
        InterventionTranslation.objects.create(intervention=statement, language=language, status=archive, text=words)


def temporary_folder(add_cleanup):
    folder = Path(tempfile.mkdtemp(prefix="downloads-test-"))
    add_cleanup(shutil.rmtree, folder, ignore_errors=True)
    return folder


class BuildFolderMixin:
    """A TestCase whose builds go to a temporary folder of its own, removed afterwards: one for the class (the
    builds of ``setUpTestData``) and, with ``folder_per_test``, a new one for each test."""

    folder_per_test = False

    @classmethod
    def setUpClass(cls):
        cls.downloads = temporary_folder(cls.addClassCleanup)
        cls.enterClassContext(override_settings(ARCHIVE_DOWNLOADS_DIR=cls.downloads))
        super().setUpClass()

    def setUp(self):
        super().setUp()
        if self.folder_per_test:
            self.downloads = temporary_folder(self.addCleanup)
            self.enterContext(override_settings(ARCHIVE_DOWNLOADS_DIR=self.downloads))


def run_build(*args, base_url="http://testserver"):
    """``manage.py build_downloads`` as an operator runs it; the current build afterwards."""
    call_command("build_downloads", "--base-url", base_url, *args, verbosity=0)
    return current_build()


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def read_jsonl(path):
    with open(path, encoding="utf-8") as file:
        return [json.loads(line) for line in file]


def csv_from_body(data):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
