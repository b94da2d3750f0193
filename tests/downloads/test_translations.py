"""The downloads carry each text's language and whose translation it is: the originals' language in the debates,
paragraphs and statements, and the translations of published debates in tables of their own, keyed to them."""

import json
import shutil
import zipfile

import frictionless
from django.test import TestCase

from debates.models import Debate, DebateTranslation, TextOrigin, TextStatus, TitleOrigin
from downloads.builds import DATAPACKAGE
from panels.models import InterventionTranslation, ParagraphTranslation
from tests.factories import build_debate

from .support import BuildFolderMixin, read_csv, read_jsonl, run_build, temporary_folder

ENGLISH = "Panelists and participants discussed the notion. One panelist suggested a definition."
ENGLISH_STATEMENT = "One panelist suggested a definition."
FRENCH = "Les intervenants et les participants ont débattu de la notion. Un intervenant a suggéré une définition."
FRENCH_STATEMENT = "Un intervenant a suggéré une définition."
SPANISH_TITLE = "Debate temático oficioso sobre la seguridad humana"
FRENCH_ORIGINAL = "Les participants ont débattu de la sécurité humaine."
ENGLISH_OF_FRENCH = "The participants debated human security."
DRAFT_MARKER = "Brouillon cache zqxw"  # letters no hexadecimal hash holds

WHOSE_TRANSLATION = (
    "Whose words: the United Nations' only when status is un-translation (an official UN translation, word for "
    "word from the UN document document_symbol names); when it is archive-translation, the archive's, never the "
    "United Nations', even when it translates official UN text."
)


class TranslationTablesTests(BuildFolderMixin, TestCase):
    """A published English debate whose official paragraph and its statement the archive translated into French and
    whose official title the UN translated into Spanish; a published French debate with the archive's English
    translation of its paragraph; and a draft with translations of its own, which no file may hold."""

    translation_tables = ("title_translations", "paragraph_translations", "statement_translations")

    @classmethod
    def setUpTestData(cls):
        translated = build_debate(
            {
                "debate": {
                    "slug": "translated",
                    "title": "Informal thematic debate on human security",
                    "title_origin": TitleOrigin.OFFICIAL,
                },
                "introduction": [
                    {"text": ENGLISH, "statements": [{"text": ENGLISH_STATEMENT}]},
                    {"text": "A second paragraph, in English only."},
                ],
            }
        )
        translated.paragraphs.update(text_origin=TextOrigin.OFFICIAL)
        paragraph = translated.paragraphs.get(number=1)
        archive = TextStatus.ARCHIVE_TRANSLATION
        ParagraphTranslation.objects.create(paragraph=paragraph, language="fr", status=archive, text=FRENCH)
        InterventionTranslation.objects.create(
            intervention=paragraph.interventions.get(), language="fr", status=archive, text=FRENCH_STATEMENT
        )
        DebateTranslation.objects.create(
            debate=translated,
            language="es",
            status=TextStatus.UN_TRANSLATION,
            document_symbol="A/65/999",
            title=SPANISH_TITLE,
        )
        french = build_debate(
            {
                "debate": {"slug": "debat-en-francais", "title": "Débat", "language": "fr", "session": 66},
                "introduction": [{"text": FRENCH_ORIGINAL, "statements": [{"text": FRENCH_ORIGINAL}]}],
            }
        )
        Debate.objects.filter(pk=french.pk).update(start_date="2012-06-04", end_date="2012-06-04")
        ParagraphTranslation.objects.create(
            paragraph=french.paragraphs.get(), language="en", status=archive, text=ENGLISH_OF_FRENCH
        )
        draft = build_debate(
            {
                "debate": {"slug": "draft-translated", "status": Debate.Status.DRAFT, "title": "A draft"},
                "introduction": [{"text": "A draft's text.", "statements": [{"text": "A draft's text."}]}],
            }
        )
        DebateTranslation.objects.create(debate=draft, language="fr", status=archive, title=DRAFT_MARKER)
        ParagraphTranslation.objects.create(
            paragraph=draft.paragraphs.get(), language="fr", status=archive, text=DRAFT_MARKER
        )
        InterventionTranslation.objects.create(
            intervention=draft.interventions.get(), language="fr", status=archive, text=DRAFT_MARKER
        )
        cls.build = run_build()

    def rows(self, name):
        return read_csv(self.build.directory / f"{name}.csv")

    def resource(self, name):
        return next(resource for resource in self.build.package["resources"] if resource["name"] == name)

    def test_the_translations_of_the_published_debates_are_in_their_tables(self):
        self.assertEqual(
            self.rows("title_translations"),
            [
                {
                    "debate": "translated",
                    "language": "es",
                    "status": "un-translation",
                    "document_symbol": "A/65/999",
                    "debate_title": SPANISH_TITLE,
                }
            ],
        )
        self.assertEqual(
            self.rows("paragraph_translations"),
            [
                {
                    "debate": "translated",
                    "paragraph": "1",
                    "language": "fr",
                    "status": "archive-translation",
                    "document_symbol": "",
                    "text": FRENCH,
                },
                {
                    "debate": "debat-en-francais",
                    "paragraph": "1",
                    "language": "en",
                    "status": "archive-translation",
                    "document_symbol": "",
                    "text": ENGLISH_OF_FRENCH,
                },
            ],
        )
        self.assertEqual(
            self.rows("statement_translations"),
            [
                {
                    "debate": "translated",
                    "paragraph": "1",
                    "statement": "1",
                    "language": "fr",
                    "status": "archive-translation",
                    "document_symbol": "",
                    "text": FRENCH_STATEMENT,
                }
            ],
        )
        # The JSON Lines give the numbers as numbers.
        self.assertEqual(
            read_jsonl(self.build.directory / "statement_translations.jsonl"),
            [
                {
                    "debate": "translated",
                    "paragraph": 1,
                    "statement": 1,
                    "language": "fr",
                    "status": "archive-translation",
                    "document_symbol": "",
                    "text": FRENCH_STATEMENT,
                }
            ],
        )

    def test_every_original_says_its_language_and_that_it_is_the_original(self):
        self.assertEqual(
            [(row["debate"], row["debate_title"], row["language"]) for row in self.rows("debates")],
            [
                ("translated", "Informal thematic debate on human security", "en"),
                ("debat-en-francais", "Débat", "fr"),
            ],
        )
        self.assertEqual(
            [
                (row["debate"], row["paragraph"], row["text"], row["text_language"], row["text_status"])
                for row in self.rows("paragraphs")
            ],
            [
                ("translated", "1", ENGLISH, "en", "original"),
                ("translated", "2", "A second paragraph, in English only.", "en", "original"),
                ("debat-en-francais", "1", FRENCH_ORIGINAL, "fr", "original"),
            ],
        )
        self.assertEqual(
            [
                (
                    row["debate"],
                    row["paragraph"],
                    row["statement"],
                    row["text"],
                    row["text_language"],
                    row["text_status"],
                )
                for row in self.rows("statements")
            ],
            [
                ("translated", "1", "1", ENGLISH_STATEMENT, "en", "original"),
                ("debat-en-francais", "1", "1", FRENCH_ORIGINAL, "fr", "original"),
            ],
        )

    def test_the_data_package_is_valid_and_keys_the_translations_to_what_they_translate(self):
        report = frictionless.validate(str(self.build.directory / DATAPACKAGE))
        self.assertTrue(report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"]))
        tasks = {task.name: task for task in report.tasks}
        for name, count in [("title_translations", 1), ("paragraph_translations", 2), ("statement_translations", 1)]:
            with self.subTest(table=name):
                self.assertEqual(self.resource(name)["rows"], count)
                self.assertEqual(tasks[name].stats["rows"], count)
                self.assertIn(f"{name}-jsonl", tasks)
        schemas = {name: self.resource(name)["schema"] for name in self.translation_tables}
        self.assertEqual(schemas["title_translations"]["primaryKey"], ["debate", "language"])
        self.assertEqual(
            schemas["title_translations"]["foreignKeys"],
            [{"fields": ["debate"], "reference": {"resource": "debates", "fields": ["debate"]}}],
        )
        self.assertEqual(schemas["paragraph_translations"]["primaryKey"], ["debate", "paragraph", "language"])
        self.assertEqual(
            schemas["paragraph_translations"]["foreignKeys"],
            [
                {"fields": ["debate"], "reference": {"resource": "debates", "fields": ["debate"]}},
                {
                    "fields": ["debate", "paragraph"],
                    "reference": {"resource": "paragraphs", "fields": ["debate", "paragraph"]},
                },
            ],
        )
        self.assertEqual(
            schemas["statement_translations"]["primaryKey"], ["debate", "paragraph", "statement", "language"]
        )
        self.assertEqual(
            schemas["statement_translations"]["foreignKeys"],
            [
                {"fields": ["debate"], "reference": {"resource": "debates", "fields": ["debate"]}},
                {
                    "fields": ["debate", "paragraph"],
                    "reference": {"resource": "paragraphs", "fields": ["debate", "paragraph"]},
                },
                {
                    "fields": ["debate", "paragraph", "statement"],
                    "reference": {"resource": "statements", "fields": ["debate", "paragraph", "statement"]},
                },
            ],
        )
        languages = ["ar", "zh-hans", "en", "fr", "ru", "es"]
        for name in self.translation_tables:
            fields = {field["name"]: field for field in schemas[name]["fields"]}
            self.assertEqual(fields["language"]["constraints"], {"required": True, "enum": languages})
        fields = {field["name"]: field for field in self.resource("debates")["schema"]["fields"]}
        self.assertEqual(fields["language"]["constraints"], {"required": True, "enum": languages})

    def test_a_translation_of_a_paragraph_the_package_lacks_fails_validation(self):
        # The foreign keys are checked: a translation of paragraph 9, which no paragraphs row has, is refused.
        folder = temporary_folder(self.addCleanup) / "copy"
        shutil.copytree(self.build.directory, folder)
        path = folder / "paragraph_translations.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("translated,1,fr", "translated,9,fr"), "utf-8")
        package = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
        for resource in package["resources"]:
            if resource["name"] == "paragraph_translations":
                del resource["hash"], resource["bytes"]
        (folder / DATAPACKAGE).write_text(json.dumps(package), encoding="utf-8")
        report = frictionless.validate(str(folder / DATAPACKAGE))
        self.assertFalse(report.valid)
        errors = [(task.name, error.type) for task in report.tasks for error in task.errors]
        self.assertEqual(errors, [("paragraph_translations", "foreign-key")])

    def test_a_drafts_translations_are_in_no_file(self):
        self.assertEqual(
            DebateTranslation.objects.filter(title=DRAFT_MARKER).count()
            + ParagraphTranslation.objects.filter(text=DRAFT_MARKER).count()
            + InterventionTranslation.objects.filter(text=DRAFT_MARKER).count(),
            3,
        )
        for path in self.build.directory.iterdir():
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as archive:
                    text = "".join(archive.read(name).decode() for name in archive.namelist())
            else:
                text = path.read_text(encoding="utf-8")
            self.assertNotIn(DRAFT_MARKER, text, path.name)
            self.assertNotIn("draft-translated", text, path.name)

    def test_the_field_descriptions_say_whose_words_each_translation_is(self):
        texts = {
            "title_translations": "debate_title",
            "paragraph_translations": "text",
            "statement_translations": "text",
        }
        for name, text_field in texts.items():
            with self.subTest(table=name):
                fields = {field["name"]: field for field in self.resource(name)["schema"]["fields"]}
                self.assertEqual(fields[text_field]["textOrigin"], "status")
                self.assertTrue(fields[text_field]["description"].endswith(WHOSE_TRANSLATION))
                status = fields["status"]
                self.assertEqual(status["constraints"]["enum"], ["un-translation", "archive-translation"])
                self.assertIn("un-translation, the United Nations' own translation", status["description"])
                self.assertIn(
                    "archive-translation, the archive's translation, whose words are the archive's and never the "
                    "United Nations', even when it translates official UN text",
                    status["description"],
                )
                self.assertNotIn("textOrigin", fields["document_symbol"])
        # The originals say which text they are and in which language, and where their translations are.
        for name, translations in [("paragraphs", "paragraph_translations"), ("statements", "statement_translations")]:
            fields = {field["name"]: field for field in self.resource(name)["schema"]["fields"]}
            self.assertIn(translations, fields["text_language"]["description"])
            self.assertIn("original", fields["text_status"]["description"])
        description = self.build.package["description"]
        self.assertIn("its words are the United Nations' only when the status is un-translation", description)
        self.assertIn("the archive's words, never the United Nations', even when it translates", description)
