"""/downloads/ with and without a build, its files served safely from the current build only, Excel-safe CSV, and
the explorer's exports named after their selection."""

import io
import json
import os
import re
import zipfile
from http import HTTPStatus

from django.template.defaultfilters import filesizeformat
from django.test import TestCase

from debates.models import Debate
from downloads.builds import CURRENT, DATAPACKAGE
from tests.search.data import SLUG_2011, load_archive

from .support import TABLE_NAMES, BuildFolderMixin, csv_from_body, run_build
from .test_build import spreadsheet_formula_debate

BOM = b"\xef\xbb\xbf"


def streamed(response):
    return b"".join(response.streaming_content)


class NoBuildTests(BuildFolderMixin, TestCase):
    def test_the_page_says_there_is_none_and_how_staff_build_one(self):
        response = self.client.get("/downloads/")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "No downloads have been built yet.")
        self.assertContains(response, "python manage.py build_downloads --base-url http://testserver")
        self.assertContains(response, "No licence has been declared")
        self.assertNotContains(response, 'href="/downloads/statements.csv"')

    def test_no_file_is_served(self):
        for name in ["statements.csv", "statements.jsonl", DATAPACKAGE, "archive.zip"]:
            with self.subTest(name=name):
                self.assertEqual(self.client.get(f"/downloads/{name}").status_code, HTTPStatus.NOT_FOUND)

    def test_the_site_links_to_the_downloads(self):
        load_archive("human-security-2011")
        for url in ["/", "/interventions/", "/codebook/"]:
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), 'href="/downloads/"')


class BuildServedTests(BuildFolderMixin, TestCase):
    folder_per_test = True

    @classmethod
    def setUpTestData(cls):
        load_archive()
        cls.formula_debate, cls.formula = spreadsheet_formula_debate()

    def setUp(self):
        super().setUp()
        self.build = run_build()

    def test_the_page_lists_every_file_with_its_size_the_state_the_licence_and_how_to_cite(self):
        response = self.client.get("/downloads/")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        html = response.content.decode()
        for resource in self.build.package["resources"]:
            self.assertIn(f'href="/downloads/{resource["path"]}"', html)
            self.assertIn(f'{resource["path"]}</a> <span class="meta">({filesizeformat(resource["bytes"])})', html)
        for name in TABLE_NAMES:
            self.assertIn(f'href="/downloads/{name}.csv?excel=1"', html)
        self.assertIn('href="/downloads/datapackage.json"', html)
        zip_size = filesizeformat((self.build.directory / self.build.zip_name).stat().st_size)
        self.assertIn(f'<a href="/downloads/archive.zip" download>{self.build.zip_name}</a> ', html)
        self.assertIn(f"({zip_size})", html)
        self.assertIn(f"(change {self.build.state['counter']})", html)
        self.assertIn(f"{self.build.changed_at:%-d %B %Y, %H:%M} UTC", html)
        self.assertIn("No licence has been declared", html)
        self.assertIn(f"Build {self.build.name}. http://testserver/downloads/", html)
        self.assertNotIn("No downloads have been built yet", html)
        self.assertNotIn("has changed since these files were built", html)

    def test_the_page_says_when_the_archive_has_changed_since_the_build(self):
        Debate.objects.filter(slug=SLUG_2011).update(title="Retitled")
        self.assertContains(self.client.get("/downloads/"), "The archive has changed since these files were built")

    def test_each_file_is_served_from_the_current_build_with_its_type_and_name(self):
        expected_types = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}
        for resource in self.build.package["resources"]:
            name = resource["path"]
            with self.subTest(name=name):
                response = self.client.get(f"/downloads/{name}")
                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertEqual(response["Content-Type"], expected_types[name.rsplit(".", 1)[1]])
                self.assertEqual(response["Content-Disposition"], f'attachment; filename="{name}"')
                self.assertEqual(streamed(response), (self.build.directory / name).read_bytes())
        response = self.client.get(f"/downloads/{DATAPACKAGE}")
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response["Content-Disposition"], f'inline; filename="{DATAPACKAGE}"')
        self.assertEqual(json.loads(streamed(response)), self.build.package)
        response = self.client.get("/downloads/archive.zip")
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertEqual(response["Content-Disposition"], f'attachment; filename="{self.build.zip_name}"')
        with zipfile.ZipFile(io.BytesIO(streamed(response))) as archive:
            self.assertIn(f"{self.build.name}/statements.csv", archive.namelist())

    def test_excel_safe_csv_starts_with_the_byte_order_mark_and_keeps_formulas_neutralized(self):
        response = self.client.get("/downloads/statements.csv?excel=1")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="statements-excel.csv"')
        body = streamed(response)
        self.assertTrue(body.startswith(BOM))
        self.assertEqual(body, BOM + (self.build.directory / "statements.csv").read_bytes())
        self.assertEqual(int(response["Content-Length"]), len(body))
        rows = csv_from_body(body[len(BOM) :])
        self.assertIn(f"'{self.formula}", [row["text"] for row in rows])
        self.assertNotIn(self.formula, [row["text"] for row in rows])
        self.assertFalse(streamed(self.client.get("/downloads/statements.csv?excel=0")).startswith(BOM))

    def test_a_bad_excel_value_is_a_400_naming_it(self):
        for query in ["excel=yes", "excel=2", "excel=1&excel=1", "excel=%00"]:
            with self.subTest(query=query):
                response = self.client.get(f"/downloads/statements.csv?{query}")
                self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
                self.assertEqual(list(response.json()["errors"]), ["excel"])

    def test_only_the_current_builds_listed_files_are_served(self):
        (self.downloads / "secret.txt").write_text("not a download")
        (self.build.directory / "extra.csv").write_text("not in the data package")
        outside = self.downloads / "outside.jsonl"
        outside.write_text("outside the build")
        jsonl = self.build.directory / "debates.jsonl"
        jsonl.unlink()
        os.symlink(outside, jsonl)  # a link in the build that leads out of it
        for url in [
            "/downloads/secret.txt",
            "/downloads/extra.csv",
            "/downloads/debates.jsonl",
            f"/downloads/{CURRENT}",
            "/downloads/../CURRENT",
            "/downloads/%2e%2e/CURRENT",
            "/downloads/..%2fCURRENT",
            f"/downloads/{self.build.name}/statements.csv",
            f"/downloads/{self.build.name}.zip",
            "/downloads/statements.csv/",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, HTTPStatus.NOT_FOUND)
        self.assertEqual(self.client.get("/downloads/debates.csv").status_code, HTTPStatus.OK)

    def test_a_file_of_a_former_build_is_not_served_once_another_is_current(self):
        first = self.build
        Debate.objects.filter(slug=SLUG_2011).update(title="Retitled for a second build")
        second = run_build()
        self.assertNotEqual(second.name, first.name)
        self.assertTrue((first.directory / "debates.csv").exists())  # kept on disk, no longer served
        body = streamed(self.client.get("/downloads/debates.csv"))
        self.assertEqual(body, (second.directory / "debates.csv").read_bytes())
        self.assertNotEqual(body, (first.directory / "debates.csv").read_bytes())
        self.assertEqual(
            self.client.get("/downloads/archive.zip")["Content-Disposition"],
            f'attachment; filename="{second.zip_name}"',
        )

    def test_a_damaged_pointer_means_no_build_never_an_error(self):
        for pointer in ['{"build": "../../etc"}', '{"build": "archive-x"}', "not json", '{"build": 3}', "[]"]:
            with self.subTest(pointer=pointer):
                (self.downloads / CURRENT).write_text(pointer)
                self.assertContains(self.client.get("/downloads/"), "No downloads have been built yet.")
                self.assertEqual(self.client.get("/downloads/statements.csv").status_code, HTTPStatus.NOT_FOUND)


class ExplorerExportNameTests(TestCase):
    """Every export's file name names the explorer's selection."""

    @classmethod
    def setUpTestData(cls):
        load_archive()
        cls.formula_debate, cls.formula = spreadsheet_formula_debate()

    def disposition(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK, url)
        return response["Content-Disposition"]

    def test_a_selection_of_a_theme_and_years_names_the_file(self):
        query = "theme=freedom-from-fear&year_from=2010&year_to=2011"
        expected = {
            "csv": 'attachment; filename="statements-freedom-from-fear-2010-2011.csv"',
            "json": 'inline; filename="statements-freedom-from-fear-2010-2011.json"',
            "ris": 'attachment; filename="statements-freedom-from-fear-2010-2011.ris"',
            "bib": 'attachment; filename="statements-freedom-from-fear-2010-2011.bib"',
        }
        for extension, disposition in expected.items():
            with self.subTest(extension=extension):
                self.assertEqual(self.disposition(f"/interventions/export.{extension}?{query}"), disposition)

    def test_no_selection_is_statements(self):
        self.assertEqual(self.disposition("/interventions/export.csv"), 'attachment; filename="statements.csv"')
        self.assertEqual(self.disposition("/interventions/export.json?page=2"), 'inline; filename="statements.json"')

    def test_each_parameter_names_itself_in_the_registrys_order(self):
        cases = {
            f"actor=panelist&debate={SLUG_2011}&extent=one": f"statements-{SLUG_2011}-actor-panelist-extent-one",
            "theme=freedom-from-want&theme=freedom-from-fear": "statements-freedom-from-fear-freedom-from-want",
            "year_from=2010": "statements-from-2010",
            "year_to=2010": "statements-to-2010",
            "year_from=2011&year_to=2011": "statements-2011",
            "topic=responsibility-to-protect&scope=freedoms&section=panel": (
                "statements-responsibility-to-protect-section-panel-scope-freedoms"
            ),
            "q=%22human+security%22+-index+%C3%A9t%C3%A9&stance=noted": (
                "statements-stance-noted-words-human-security-index-ete"
            ),
        }
        for query, stem in cases.items():
            with self.subTest(query=query):
                self.assertEqual(
                    self.disposition(f"/interventions/export.csv?{query}"), f'attachment; filename="{stem}.csv"'
                )

    def test_a_long_selection_is_cut_to_a_bounded_safe_name_that_still_tells_selections_apart(self):
        names = set()
        for word in ["alpha", "omega"]:
            query = "&".join(
                [
                    "theme=freedom-from-fear&theme=freedom-from-want&theme=freedom-to-live-in-dignity",
                    f"debate={SLUG_2011}&topic=responsibility-to-protect&actor=panelist&extent=one",
                    f"q={'protection ' * 15}{word}",
                ]
            )
            disposition = self.disposition(f"/interventions/export.csv?{query}")
            name = re.fullmatch(r'attachment; filename="([a-z0-9-]+)\.csv"', disposition)[1]
            self.assertLessEqual(len(name), 100)
            self.assertTrue(name.startswith("statements-freedom-from-fear-freedom-from-want"), name)
            self.assertRegex(name, r"-[0-9a-f]{8}$")
            names.add(name)
        self.assertEqual(len(names), 2)

    def test_excel_1_starts_the_csv_with_the_byte_order_mark_and_keeps_formulas_neutralized(self):
        response = self.client.get("/interventions/export.csv?excel=1&debate=formula-debate")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="statements-formula-debate.csv"')
        body = streamed(response)
        self.assertTrue(body.startswith(BOM))
        self.assertEqual([row["text"] for row in csv_from_body(body[len(BOM) :])], [f"'{self.formula}"])
        plain = streamed(self.client.get("/interventions/export.csv?debate=formula-debate"))
        self.assertEqual(body, BOM + plain)
        self.assertFalse(streamed(self.client.get("/interventions/export.csv?excel=0")).startswith(BOM))

    def test_a_bad_excel_value_is_a_400_naming_it_with_the_other_bad_parameters(self):
        response = self.client.get("/interventions/export.csv?excel=yes")
        self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
        self.assertEqual(list(response.json()["errors"]), ["excel"])
        response = self.client.get("/interventions/export.csv?excel=2&year_from=abc")
        self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
        self.assertEqual(set(response.json()["errors"]), {"excel", "year_from"})
        # The other formats have no such parameter, and ignore it as any unknown parameter.
        self.assertEqual(self.client.get("/interventions/export.json?excel=yes").status_code, HTTPStatus.OK)
