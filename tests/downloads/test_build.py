"""manage.py build_downloads on the fixtures: every file, a data package Frictionless finds valid and whose files
match it, the database's published rows and nothing unpublished, whose words each text is, and one state per build."""

import hashlib
import json
import re
import zipfile
from http import HTTPStatus

import frictionless
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from caching.stamp import current_stamp
from debates.models import Debate, DebateDocument, DebateTranslation, Participant
from downloads.builds import CURRENT, DATAPACKAGE, build_downloads, current_build
from downloads.tables import CHUNK_SIZE
from panels.attribution import ActorKind, Extent, Scope, Stance
from panels.models import (
    Intervention,
    InterventionTranslation,
    Panel,
    Paragraph,
    ParagraphTranslation,
    Participation,
)
from public.exports import FIELDS
from tests.factories import build_debate, make_document
from tests.search.data import SLUG_2008, SLUG_2011, load_archive

from .support import (
    HIDDEN,
    TABLE_NAMES,
    BuildFolderMixin,
    add_translations,
    add_unpublished_debates,
    csv_from_body,
    read_csv,
    read_jsonl,
    run_build,
)

PUBLISHED = Debate.Status.PUBLISHED


def published_counts():
    """Each table's rows, counted from the database here, independently of the downloads' own queries."""
    statements = Intervention.objects.filter(debate__status=PUBLISHED)
    participants = (
        set(Participation.objects.filter(debate__status=PUBLISHED).values_list("participant__slug", flat=True))
        | set(statements.exclude(participant=None).values_list("participant__slug", flat=True))
        | set(statements.exclude(named_participants=None).values_list("named_participants__slug", flat=True))
    )
    documents = (
        set(DebateDocument.objects.filter(debate__status=PUBLISHED).values_list("document__slug", flat=True))
        | set(statements.values_list("source__slug", flat=True))
        | set(Participation.objects.filter(debate__status=PUBLISHED).values_list("source__slug", flat=True))
        | set(
            Paragraph.objects.filter(debate__status=PUBLISHED)
            .exclude(sources=None)
            .values_list("sources__slug", flat=True)
        )
    )
    return {
        "debates": Debate.objects.filter(status=PUBLISHED).count(),
        "segments": Panel.objects.filter(debate__status=PUBLISHED).count(),
        "paragraphs": Paragraph.objects.filter(debate__status=PUBLISHED).count(),
        "participants": len(participants),
        "documents": len(documents),
        "statements": statements.count(),
        "debate_documents": DebateDocument.objects.filter(debate__status=PUBLISHED).count(),
        "participations": Participation.objects.filter(debate__status=PUBLISHED).count(),
        "title_translations": DebateTranslation.objects.filter(debate__status=PUBLISHED).count(),
        "paragraph_translations": ParagraphTranslation.objects.filter(paragraph__debate__status=PUBLISHED).count(),
        "statement_translations": InterventionTranslation.objects.filter(
            intervention__debate__status=PUBLISHED
        ).count(),
    }


def as_csv_cell(value):
    """What the CSV file holds for a JSON Lines value."""
    if isinstance(value, list):
        value = "|".join(value)
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in set("=+-@\t\r") else value


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


class BuildOnTheFixturesTests(BuildFolderMixin, TestCase):
    """One build of the three fixture debates, some of their texts translated, with unpublished debates beside
    them."""

    @classmethod
    def setUpTestData(cls):
        load_archive()
        add_translations(SLUG_2011)
        add_unpublished_debates()
        cls.build = run_build()

    def resource(self, name):
        return next(resource for resource in self.build.package["resources"] if resource["name"] == name)

    def test_every_table_is_written_as_csv_and_json_lines_with_the_data_package_and_a_zip(self):
        expected = {f"{name}.{extension}" for name in TABLE_NAMES for extension in ("csv", "jsonl")}
        expected |= {DATAPACKAGE, f"{self.build.name}.zip"}
        self.assertEqual({path.name for path in self.build.directory.iterdir()}, expected)
        with zipfile.ZipFile(self.build.directory / f"{self.build.name}.zip") as archive:
            self.assertEqual(
                sorted(archive.namelist()),
                sorted(f"{self.build.name}/{name}" for name in expected - {self.build.zip_name}),
            )
            for name in expected - {self.build.zip_name}:
                self.assertEqual(archive.read(f"{self.build.name}/{name}"), (self.build.directory / name).read_bytes())
        self.assertEqual(json.loads((self.downloads / CURRENT).read_text())["build"], self.build.name)

    def test_the_data_package_is_valid_and_its_files_match_it(self):
        report = frictionless.validate(str(self.build.directory / DATAPACKAGE))
        self.assertTrue(report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"]))
        tasks = {task.name: task for task in report.tasks}
        # Every file is checked: the tables' rows, fields, keys, sizes and hashes; the JSON Lines' sizes and hashes.
        self.assertEqual(set(tasks), {*TABLE_NAMES, *(f"{name}-jsonl" for name in TABLE_NAMES)})
        for name, count in published_counts().items():
            with self.subTest(table=name):
                self.assertEqual(self.resource(name)["rows"], count)
                self.assertEqual(tasks[name].stats["rows"], count)
        self.assertEqual(self.resource("vocabularies")["rows"], 6)
        for resource in self.build.package["resources"]:
            path = self.build.directory / resource["path"]
            self.assertEqual(resource["bytes"], path.stat().st_size)
            self.assertEqual(resource["hash"], f"sha256:{sha256(path)}")

    def test_a_file_that_no_longer_matches_its_data_package_fails_validation(self):
        # The validation above can fail: change one row and its hash no longer matches.
        path = self.build.directory / "debates.csv"
        original = path.read_bytes()
        try:
            path.write_bytes(original.replace(b"2008-05-22", b"2008-05-23", 1))
            report = frictionless.validate(str(self.build.directory / DATAPACKAGE))
            self.assertFalse(report.valid)
            self.assertIn("hash-count", {error.type for task in report.tasks for error in task.errors})
        finally:
            path.write_bytes(original)

    def test_the_json_lines_hold_the_same_rows_as_the_csv(self):
        for name in TABLE_NAMES:
            with self.subTest(table=name):
                rows = read_csv(self.build.directory / f"{name}.csv")
                objects = read_jsonl(self.build.directory / f"{name}.jsonl")
                fields = [field["name"] for field in self.resource(name)["schema"]["fields"]]
                self.assertEqual(list(rows[0]), fields)
                self.assertEqual([list(item) for item in objects], [fields] * len(objects))
                self.assertEqual([{k: as_csv_cell(v) for k, v in item.items()} for item in objects], rows)

    def test_nothing_of_an_unpublished_debate_is_in_any_file(self):
        markers = [marker for status, marker in HIDDEN.items()]
        markers += [marker.lower().replace(" ", "-") for marker in markers]
        for path in self.build.directory.iterdir():
            text = (
                "".join(zipfile.ZipFile(path).read(name).decode() for name in zipfile.ZipFile(path).namelist())
                if path.suffix == ".zip"
                else path.read_text(encoding="utf-8")
            )
            for marker in markers:
                self.assertNotIn(marker, text, path.name)
        # They are in the database, and the statements table would show them if it read them.
        self.assertEqual(Intervention.objects.exclude(debate__status=PUBLISHED).count(), len(HIDDEN))

    def test_the_statements_are_the_explorers_export_with_their_segment_and_source_document(self):
        rows = read_csv(self.build.directory / "statements.csv")
        response = self.client.get("/interventions/export.csv")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        exported = csv_from_body(b"".join(response.streaming_content))
        self.assertEqual([{name: row[name] for name in FIELDS} for row in rows], exported)
        self.assertEqual(list(rows[0])[: len(FIELDS)], FIELDS)
        by_anchor = {(row["debate"], row["anchor"]): row for row in rows}
        for statement in Intervention.objects.filter(debate__status=PUBLISHED).select_related(
            "paragraph__panel", "source", "debate"
        ):
            row = by_anchor[(statement.debate.slug, statement.anchor)]
            panel = statement.paragraph.panel
            self.assertEqual(row["segment"], f"{statement.debate.slug}#panel-{panel.order}" if panel else "")
            self.assertEqual(row["source_document"], statement.source.slug)

    def test_paragraphs_and_segments_say_where_they_are_and_whose_words_they_are(self):
        paragraphs = {
            (row["debate"], int(row["paragraph"])): row for row in read_csv(self.build.directory / "paragraphs.csv")
        }
        for paragraph in Paragraph.objects.filter(debate__status=PUBLISHED).select_related("debate", "panel"):
            row = paragraphs[(paragraph.debate.slug, paragraph.number)]
            self.assertEqual(row["text"], paragraph.text)
            self.assertEqual(row["text_origin"], paragraph.text_origin)
            self.assertEqual(row["permalink"], f"http://testserver{paragraph.permalink}")
            self.assertEqual(
                row["sources"].split("|") if row["sources"] else [], [d.slug for d in paragraph.sources.all()]
            )
            self.assertEqual(
                row["segment"], f"{paragraph.debate.slug}#panel-{paragraph.panel.order}" if paragraph.panel else ""
            )
        # The 2011 summary is official UN text, the 2008 debate the archive's account.
        self.assertEqual(
            {row["text_origin"] for (debate, _), row in paragraphs.items() if debate == SLUG_2011}, {"official"}
        )
        self.assertEqual(
            {row["text_origin"] for (debate, _), row in paragraphs.items() if debate == SLUG_2008}, {"archive"}
        )
        segments = read_csv(self.build.directory / "segments.csv")
        self.assertEqual(
            [
                (row["debate"], row["panel"], row["panel_title"], row["panel_title_origin"])
                for row in segments
                if row["debate"] == SLUG_2011
            ],
            [
                (SLUG_2011, str(panel.label), panel.title, panel.title_origin)
                for panel in Panel.objects.filter(debate__slug=SLUG_2011).order_by("order")
            ],
        )

    def test_every_text_field_says_whose_words_it_is(self):
        origins = {
            (resource["name"], field["name"]): field.get("textOrigin")
            for resource in self.build.package["resources"]
            if resource["type"] == "table"
            for field in resource["schema"]["fields"]
        }
        self.assertEqual(origins[("statements", "text")], "text_origin")
        self.assertEqual(origins[("paragraphs", "text")], "text_origin")
        self.assertEqual(origins[("statements", "debate_title")], "debates.debate_title_origin")
        self.assertEqual(origins[("statements", "source_title")], "documents.document_title_origin")
        self.assertEqual(origins[("debates", "debate_title")], "debate_title_origin")
        self.assertEqual(origins[("segments", "panel_title")], "panel_title_origin")
        self.assertEqual(origins[("documents", "document_title")], "document_title_origin")
        # A translation's words are whose its status says.
        self.assertEqual(origins[("title_translations", "debate_title")], "status")
        self.assertEqual(origins[("paragraph_translations", "text")], "status")
        self.assertEqual(origins[("statement_translations", "text")], "status")
        for archive_words in [
            ("debates", "abstract"),
            ("segments", "summary"),
            ("participants", "note"),
            ("codebook", "definition"),
        ]:
            self.assertEqual(origins[archive_words], "archive", archive_words)
        # Every text field that is not an identifier, a link or a code says whose words it is; the fields named exist.
        identifiers_and_links = {
            "debate", "segment", "participant", "document", "source_document", "vocabulary", "value", "anchor",
            "permalink", "url", "codebook_url", "explorer_url", "symbol", "source_symbol", "source_url", "country_code",
            "document_symbol",
        }  # fmt: skip
        for resource in self.build.package["resources"]:
            for field in resource.get("schema", {}).get("fields", []):
                is_code = "enum" in field.get("constraints", {})
                if field["type"] == "string" and not is_code and field["name"] not in identifiers_and_links:
                    self.assertIn("textOrigin", field, (resource["name"], field["name"]))
                    self.assertIn("Whose words", field["description"])
        for (table, field), origin in origins.items():
            if origin and origin != "archive":
                target = tuple(origin.split(".")) if "." in origin else (table, origin)
                self.assertIn(target, origins, (table, field))
        self.assertIn("whose words it is", self.build.package["description"])

    def test_the_codebook_is_the_sites_codebook_at_the_same_state(self):
        response = self.client.get("/codebook.csv")
        self.assertEqual(read_csv(self.build.directory / "codebook.csv"), csv_from_body(response.content))
        vocabularies = read_jsonl(self.build.directory / "vocabularies.jsonl")
        site = self.client.get("/codebook.json").json()["vocabularies"]
        self.assertEqual(
            vocabularies, [{"vocabulary": v["name"], "title": v["title"], "question": v["question"]} for v in site]
        )

    def test_the_build_is_named_by_the_archives_state_and_its_content(self):
        stamp = current_stamp()
        match = re.fullmatch(r"archive-(\d{8}T\d{6}Z)-(\d+)-([0-9a-f]{12})", self.build.name)
        self.assertIsNotNone(match, self.build.name)
        self.assertEqual(match[1], f"{stamp.changed_at:%Y%m%dT%H%M%SZ}")
        self.assertEqual(int(match[2]), stamp.counter)
        self.assertEqual(match[3], sha256(self.build.directory / DATAPACKAGE)[:12])
        self.assertEqual(self.build.state["token"], stamp.token)


class LicenceTests(BuildFolderMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive("human-security-2011")
        cls.build = run_build()

    def test_no_licence_is_claimed_and_the_rights_are_stated(self):
        # Neither the README nor docs/ declare a licence: the package claims none and says so.
        self.assertNotIn("licenses", self.build.package)
        self.assertIn("No licence has been declared", self.build.package["rights"])
        self.assertIn("official UN text", self.build.package["rights"])


def spreadsheet_formula_debate():
    """A published debate whose one statement, and its speaker's name, a spreadsheet would run as a formula."""
    formula = '=HYPERLINK("http://evil.example/","x")'
    debate = build_debate(
        {
            "debate": {"slug": "formula-debate", "title": "@SUM(A1:A9)"},
            "introduction": [{"text": formula, "statements": [{"text": formula}]}],
        }
    )
    return debate, formula


class SpreadsheetSafetyTests(BuildFolderMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.debate, cls.formula = spreadsheet_formula_debate()
        cls.build = run_build()

    def test_csv_cells_a_spreadsheet_would_run_are_neutralized_and_json_lines_keep_the_text(self):
        rows = read_csv(self.build.directory / "statements.csv")
        self.assertEqual([(row["text"], row["debate_title"]) for row in rows], [(f"'{self.formula}", "'@SUM(A1:A9)")])
        self.assertEqual(read_csv(self.build.directory / "debates.csv")[0]["debate_title"], "'@SUM(A1:A9)")
        objects = read_jsonl(self.build.directory / "statements.jsonl")
        self.assertEqual([(item["text"], item["debate_title"]) for item in objects], [(self.formula, "@SUM(A1:A9)")])
        self.assertFalse((self.build.directory / "statements.csv").read_bytes().startswith(b"\xef\xbb\xbf"))


class TwoStatesTests(BuildFolderMixin, TestCase):
    """A build never mixes two states, and building a new one leaves the current one whole until it is done."""

    folder_per_test = True

    @classmethod
    def setUpTestData(cls):
        load_archive("human-security-2011")
        cls.draft = build_debate(
            {
                "debate": {"slug": "published-later", "status": Debate.Status.DRAFT},
                "introduction": [{"text": "Published later xq.", "statements": [{"text": "Published later xq."}]}],
            }
        )

    def files_of(self, build):
        return {path.name: sha256(path) for path in build.directory.iterdir()}

    def test_a_change_gives_a_new_build_of_the_new_state_and_leaves_the_old_one_as_it_was(self):
        first = run_build()
        first_files = self.files_of(first)
        Debate.objects.filter(pk=self.draft.pk).update(status=PUBLISHED)  # a change to the archive: a new state
        seen_mid_way = []

        class Watch:
            """The progress bar of each table: when the statements are being written, look at what is served."""

            def __init__(self, total, desc, unit):
                self.table = desc

            def update(self, count):
                if self.table == "statements":
                    seen_mid_way.append((current_build().name, {p.name for p in self_downloads.iterdir()}))

            def close(self):
                pass

        self_downloads = self.downloads
        outcome = build_downloads(base_url="http://testserver", progress=Watch)
        second = outcome.build
        self.assertTrue(outcome.built)
        self.assertNotEqual(second.name, first.name)
        self.assertGreater(second.state["counter"], first.state["counter"])
        self.assertEqual(second.state["token"], current_stamp().token)
        self.assertEqual(current_build().name, second.name)
        # While the new build was being written, the first was still the one served, and nothing had its name.
        self.assertTrue(seen_mid_way)
        for served, names in seen_mid_way:
            self.assertEqual(served, first.name)
            self.assertNotIn(second.name, names)
            self.assertTrue(any(name.startswith(".building-") for name in names))
        # The first build's files are as they were; only the second holds the change.
        self.assertEqual(self.files_of(first), first_files)
        self.assertNotIn("Published later xq.", (first.directory / "statements.csv").read_text())
        self.assertIn("Published later xq.", (second.directory / "statements.csv").read_text())
        self.assertFalse(any(path.name.startswith(".building-") for path in self.downloads.iterdir()))

    def test_a_build_that_fails_midway_leaves_the_current_one_served_and_no_partial_files(self):
        first = run_build()
        Debate.objects.filter(pk=self.draft.pk).update(status=PUBLISHED)

        class Interrupted:
            def __init__(self, total, desc, unit):
                self.table = desc

            def update(self, count):
                if self.table == "statements":
                    raise KeyboardInterrupt

            def close(self):
                pass

        with self.assertRaises(KeyboardInterrupt):
            build_downloads(base_url="http://testserver", progress=Interrupted)
        self.assertEqual(current_build().name, first.name)
        self.assertEqual(sorted(path.name for path in self.downloads.iterdir()), sorted([CURRENT, first.name]))

    def test_the_same_state_is_built_once_and_rebuilt_to_the_same_name(self):
        first = run_build()
        again = build_downloads(base_url="http://testserver")
        self.assertFalse(again.built)  # nothing read or written again
        self.assertEqual(again.build.name, first.name)
        outcome = build_downloads(base_url="http://testserver", force=True)
        self.assertTrue(outcome.built)
        self.assertEqual(outcome.build.name, first.name)  # the same state gives the same bytes
        other_site = run_build(base_url="https://archive.example.org")
        self.assertNotEqual(other_site.name, first.name)  # another address: other permanent links, another build
        self.assertIn("https://archive.example.org/debates/", (other_site.directory / "statements.csv").read_text())

    def test_older_builds_are_pruned_beyond_keep(self):
        first = run_build()
        Debate.objects.filter(pk=self.draft.pk).update(status=PUBLISHED)
        second = run_build()
        self.assertTrue(first.directory.exists())  # kept by default: the current and the previous one
        Debate.objects.filter(pk=self.draft.pk).update(title="Retitled")
        third = run_build("--keep", "1")
        self.assertEqual(sorted(path.name for path in self.downloads.iterdir()), sorted([CURRENT, third.name]))
        self.assertFalse(second.directory.exists())


class CommandTests(BuildFolderMixin, TestCase):
    folder_per_test = True

    def test_a_bad_base_url_or_keep_is_refused(self):
        for base_url in ["archive.example.org", "ftp://example.org", "https://example.org/site", "https://"]:
            with self.subTest(base_url=base_url), self.assertRaises(CommandError):
                run_build(base_url=base_url)
        with self.assertRaises(CommandError):
            run_build("--keep", "0")
        self.assertFalse((self.downloads / CURRENT).exists())

    def test_the_base_url_loses_its_final_slash(self):
        build = run_build(base_url="https://archive.example.org/")
        self.assertEqual(build.package["homepage"], "https://archive.example.org/downloads/")

    def test_it_says_what_it_built(self):
        from io import StringIO

        out = StringIO()
        call_command("build_downloads", "--base-url", "http://testserver", stdout=out, stderr=StringIO())
        self.assertIn(f"Built {current_build().directory}", out.getvalue())


def add_statements(count):
    """A published debate whose one paragraph holds ``count`` statements, each filed under a theme and naming a
    participant, inserted in bulk."""
    debate = build_debate({"debate": {"slug": f"large-{count}"}, "introduction": [{"text": "Many statements."}]})
    paragraph, source = debate.paragraphs.get(), make_document()
    speaker = Participant.objects.create(slug=f"speaker-{count}", name="Speaker", kind=Participant.Kind.PERSON)
    statements = Intervention.objects.bulk_create(
        Intervention(
            debate=debate,
            paragraph=paragraph,
            order=n,
            text=f"Statement {n}.",
            text_html=f"<p>Statement {n}.</p>",
            actor_kinds=ActorKind.PANELIST,
            extent=Extent.ONE,
            stance=Stance.SUGGESTED,
            scope=Scope.WHOLE,
            participant=speaker,
            source=source,
        )
        for n in range(1, count + 1)
    )
    Intervention.named_participants.through.objects.bulk_create(
        Intervention.named_participants.through(intervention=statement, participant=speaker) for statement in statements
    )


class StreamingTests(BuildFolderMixin, TestCase):
    folder_per_test = True

    def test_the_queries_grow_with_the_chunks_not_with_the_rows(self):
        queries = {}
        for count in (CHUNK_SIZE + 1, 3 * (CHUNK_SIZE + 1)):
            add_statements(count)
            with CaptureQueriesContext(connection) as captured:
                build = build_downloads(base_url="http://testserver", force=True).build
            self.assertEqual(len(read_jsonl(build.directory / "statements.jsonl")), Intervention.objects.count())
            queries[count] = len(captured)
        # Thousands more statements (and chunks of the explorer's export, 500 each) cost a few queries per chunk.
        self.assertLess(queries[3 * (CHUNK_SIZE + 1)] - queries[CHUNK_SIZE + 1], 40, queries)
