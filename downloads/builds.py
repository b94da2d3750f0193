"""Builds of the research downloads: written whole into a folder named by the archive's state, then made current.

A build is a folder of ``settings.ARCHIVE_DOWNLOADS_DIR``:

    archive-20110414T100000Z-42-3f2a9c1d4e5b/
        datapackage.json                 the Frictionless data package: every file, field, key and hash
        debates.csv, debates.jsonl, …    each table of :data:`downloads.tables.TABLES`, as CSV and JSON Lines
        archive-20110414T100000Z-42-3f2a9c1d4e5b.zip    all of the above in one file

Its name holds the state of the archive it was read at (the change stamp's time and counter,
:mod:`caching.stamp`) and the start of the SHA-256 of its ``datapackage.json``, which holds the
hash of every file: two builds of different contents never share a name.  Everything is read in
one transaction (on PostgreSQL a repeatable-read snapshot), so no file mixes two states, and
written to a temporary folder beside the builds; only when every file is complete is the folder
renamed to its name and ``CURRENT`` (a small JSON file) replaced to point at it, each an atomic
rename.  The previous build stays current until then, and stays on disk after it (``keep``).
"""

import csv
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections, router, transaction
from django.urls import reverse
from django.utils.translation import gettext_noop

from caching.release import release
from caching.stamp import current_stamp
from panels.models import Intervention
from public.exports import JSON_ENCODER, neutralized

from .tables import LIST_SEPARATOR, TABLES, Source

DATAPACKAGE = "datapackage.json"
CURRENT = "CURRENT"
BUILD_NAME = re.compile(r"archive-\d{8}T\d{6}Z-\d+-[0-9a-f]{12}")
TEMPORARY_PREFIX = ".building-"
STALE_TEMPORARY_SECONDS = 24 * 60 * 60  # a temporary folder this old is a build that died: removed when pruning
FORMATS = {
    # extension: (Frictionless format, media type, Content-Type served)
    "csv": ("csv", "text/csv", "text/csv; charset=utf-8"),
    "jsonl": ("jsonl", "application/jsonl", "application/jsonl; charset=utf-8"),
}
CSV_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\r\n", "header": True}

# The rights in the files. No licence has been declared for the archive (README.md and docs/ state none), so
# none is claimed: LICENSES stays empty until the secretariat chooses one (Frictionless "licenses" entries,
# e.g. {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "…"}).
LICENSES = []
# i18n: also in the data package, in English (gettext_noop); the /downloads/ page shows it translated.
RIGHTS = gettext_noop(
    "No licence has been declared for these files yet. They hold two kinds of text, and every text field says "
    "which: official UN text, quoted word for word from United Nations documents, which remains the United "
    "Nations' own, under its terms of use (https://www.un.org/en/about-us/terms-of-use); and the archive's own "
    "account, coding and descriptions, for which the archive has not yet chosen a licence."
)
TITLE = "Human Security Debates Archive: the published archive"
DESCRIPTION = (
    "The published debates of the United Nations General Assembly on human security as the archive holds them: "
    "debates, segments, paragraphs, attributed statements, participants, documents, the translations of titles, "
    "paragraphs and statements, and the codebook. Drafts, debates in review and withdrawn debates are never "
    "included, nor are their translations. Every text field says whose words it is (its textOrigin): the "
    "archive's own, or official UN text or the archive's account as a field of the row says (text_origin, "
    "debate_title_origin, …); for the archive's account the archive is the author and the UN document its "
    "source. A translation says it in its status: its words are the United Nations' only when the status is "
    "un-translation, an official UN translation word for word from the UN document its document_symbol names; "
    "the archive's translation (archive-translation) is the archive's words, never the United Nations', even "
    "when it translates official UN text. Every text says its language: a debate's language is that of its "
    "originals (its title, and its paragraphs' and statements' text, whose text_language gives it again with "
    "text_status original); title_translations, paragraph_translations and statement_translations give the "
    "texts in other languages, each with its language. Each table is given as CSV (lists joined with '|'; a "
    "cell a spreadsheet would run as a formula starts with ') and as JSON Lines (one object per line, lists as "
    "arrays, every text as it is). "
)


def downloads_dir():
    return Path(settings.ARCHIVE_DOWNLOADS_DIR)


@dataclass(frozen=True)
class Build:
    """A complete build: its folder and its data package."""

    name: str
    directory: Path
    package: dict

    @property
    def state(self):
        return self.package["archiveState"]

    @property
    def changed_at(self):
        """When the archive last changed before this build (None: never recorded)."""
        moment = self.state["changedAt"]
        return datetime.fromisoformat(moment) if moment else None

    @property
    def zip_name(self):
        return f"{self.name}.zip"

    @property
    def files(self):
        """``{file name: descriptor}``: every file of the build that may be served, and nothing else."""
        found = {resource["path"]: resource for resource in self.package["resources"]}
        found[DATAPACKAGE] = {"path": DATAPACKAGE, "mediatype": "application/json"}
        found[self.zip_name] = {"path": self.zip_name, "mediatype": "application/zip"}
        return found

    def path(self, file_name):
        """The file ``file_name`` of this build, or None when it is not one of its files or has gone."""
        if file_name not in self.files:
            return None
        path = (self.directory / file_name).resolve()
        if path.parent != self.directory.resolve() or not path.is_file():
            return None  # a link out of the build, or a pruned build
        return path


def current_build(directory=None):
    """The build ``CURRENT`` names, or None when there is none (or it is unreadable)."""
    directory = Path(directory or downloads_dir())
    try:
        pointer = json.loads((directory / CURRENT).read_text(encoding="utf-8"))
        name = pointer["build"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(name, str) or not BUILD_NAME.fullmatch(name):
        return None
    folder = directory / name
    key = (str(folder.resolve()), name)
    if key not in _builds_read:
        try:
            package = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if len(_builds_read) >= 8:
            _builds_read.clear()
        _builds_read[key] = Build(name, folder, package)
    return _builds_read[key]


# Builds' data packages, read once: a build's folder never changes after it is made current.
_builds_read = {}


def current_pointer(directory=None):
    """What ``CURRENT`` says, as a dict (empty when there is none)."""
    try:
        return json.loads((Path(directory or downloads_dir()) / CURRENT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@dataclass(frozen=True)
class Outcome:
    """What :func:`build_downloads` did: the current build, and whether it wrote a new one."""

    build: Build
    built: bool


class NoProgress:
    """A progress bar that shows nothing (the command's ``tqdm`` shows one)."""

    def __init__(self, **kwargs):
        pass

    def update(self, count):
        pass

    def close(self):
        pass


def build_downloads(*, base_url, keep=2, force=False, progress=NoProgress):
    """Build the downloads of the archive as it is now, for the site at ``base_url``, and make them current.

    Nothing is written when the current build is of the same state, site address and release of the code,
    unless ``force``.  ``progress(total=…, desc=…)`` makes a progress bar per table (``tqdm``'s signature).
    After the new build is current, builds beyond the ``keep`` most recent are removed.
    """
    root = downloads_dir()
    root.mkdir(parents=True, exist_ok=True)
    homepage = base_url + reverse("downloads:index")
    database = router.db_for_read(Intervention)
    with snapshot(database):
        stamp = current_stamp()
        current = current_build(root)
        pointer = current_pointer(root)
        if (
            not force
            and current is not None
            and current.state["token"] == stamp.token
            and current.package.get("homepage") == homepage
            and pointer.get("release") == release()
        ):
            return Outcome(current, built=False)
        folder = Path(tempfile.mkdtemp(prefix=TEMPORARY_PREFIX, dir=root))
        folder.chmod(0o755)  # public files, read by the web server's user, whoever builds them
        try:
            source = Source(base_url, stamp)
            resources = []
            for table in TABLES:
                resources.extend(write_table(table, source, folder, progress))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    try:
        package = datapackage(resources, stamp, homepage)
        encoded = (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode()
        (folder / DATAPACKAGE).write_bytes(encoded)
        moment = f"{stamp.changed_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" if stamp.changed_at else "00000000T000000Z"
        name = f"archive-{moment}-{stamp.counter}-{hashlib.sha256(encoded).hexdigest()[:12]}"
        write_zip(folder, name, [resource["path"] for resource in resources] + [DATAPACKAGE])
        final = root / name
        if final.exists():  # built before at this very state, to the byte: keep that one
            shutil.rmtree(folder)
        else:
            os.rename(folder, final)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    replace_file(root / CURRENT, json.dumps({"build": name, "release": release()}) + "\n")
    prune(root, keep, name)
    return Outcome(current_build(root), built=True)


@contextmanager
def snapshot(database):
    """One transaction for every read of a build, so that every file is of one state of the archive.

    On PostgreSQL the transaction is a read-only repeatable-read snapshot: edits committed meanwhile are
    not seen, and not blocked.  On SQLite the transaction's read lock keeps writers from committing until
    the build has read everything.  Inside a transaction already (a test), that transaction is the snapshot.
    """
    connection = connections[database]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=database):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


class HashedFile:
    """A new file written as UTF-8, counting its bytes and hashing them as they are written."""

    def __init__(self, path):
        self.path = path
        self.file = open(path, "xb")  # noqa: SIM115 (closed by close())
        self.sha256 = hashlib.sha256()
        self.bytes = 0

    def write(self, text):
        data = text.encode("utf-8")
        self.file.write(data)
        self.sha256.update(data)
        self.bytes += len(data)

    def close(self):
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()


class _Echo:
    def write(self, value):
        return value


def csv_cells(row):
    """A row's values as CSV writes them: lists joined with ``|``, None as nothing, formulas neutralized."""
    return neutralized(
        [LIST_SEPARATOR.join(value) if isinstance(value, list) else ("" if value is None else value) for value in row]
    )


def write_table(table, source, folder, progress):
    """Write ``table`` as CSV and JSON Lines into ``folder`` in one pass over its rows; their resources."""
    names = table.field_names
    writer = csv.writer(_Echo())
    files = {extension: HashedFile(folder / f"{table.name}.{extension}") for extension in FORMATS}
    bar = progress(total=table.count(source), desc=table.name, unit=" rows")
    rows_written = 0
    try:
        files["csv"].write(writer.writerow(names))
        for rows in table.read(source):
            files["csv"].write("".join(writer.writerow(csv_cells(row)) for row in rows))
            files["jsonl"].write(
                "".join(JSON_ENCODER.encode(dict(zip(names, row, strict=True))) + "\n" for row in rows)
            )
            rows_written += len(rows)
            bar.update(len(rows))
    finally:
        bar.close()
        for file in files.values():
            file.close()
    csv_file, jsonl_file = files["csv"], files["jsonl"]
    return [
        {
            "name": table.name,
            "type": "table",
            "path": csv_file.path.name,
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": FORMATS["csv"][1],
            "encoding": "utf-8",
            "dialect": CSV_DIALECT,
            "bytes": csv_file.bytes,
            "hash": f"sha256:{csv_file.sha256.hexdigest()}",
            "rows": rows_written,
            "schema": table.schema(),
        },
        {
            # The same rows as JSON Lines: Frictionless checks its size and hash; its fields are the CSV's.
            "name": f"{table.name}-jsonl",
            "type": "file",
            "path": jsonl_file.path.name,
            "title": f"{table.title} (JSON Lines)",
            "description": f"The rows of {csv_file.path.name}, one JSON object a line, with the same fields: "
            "lists as arrays, an absent number or date as null, every text as it is.",
            "format": "jsonl",
            "mediatype": FORMATS["jsonl"][1],
            "encoding": "utf-8",
            "bytes": jsonl_file.bytes,
            "hash": f"sha256:{jsonl_file.sha256.hexdigest()}",
            "sameRowsAs": table.name,
        },
    ]


def datapackage(resources, stamp, homepage):
    """The Frictionless data package descriptor of a build."""
    package = {
        "name": "human-security-debates-archive",
        "title": TITLE,
        "description": DESCRIPTION + RIGHTS,
        "homepage": homepage,
        "created": stamp.changed_at.isoformat() if stamp.changed_at else None,
        "keywords": ["United Nations", "General Assembly", "human security", "debates"],
        "archiveState": {
            "counter": stamp.counter,
            "changedAt": stamp.changed_at.isoformat() if stamp.changed_at else None,
            "token": stamp.token,
        },
        "rights": RIGHTS,
        "resources": resources,
    }
    if not package["created"]:
        del package["created"]
    if LICENSES:
        package["licenses"] = LICENSES
    return package


def write_zip(folder, name, file_names):
    """Every file of the build in ``<name>.zip``, under a folder ``<name>/``."""
    with zipfile.ZipFile(folder / f"{name}.zip", "x", compression=zipfile.ZIP_DEFLATED) as archive:
        for file_name in file_names:
            archive.write(folder / file_name, f"{name}/{file_name}")


def replace_file(path, text):
    """Write ``path`` whole or not at all: a temporary file beside it, then renamed over it."""
    descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # read by the web server's user
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def prune(root, keep, current):
    """Remove the builds beyond the ``keep`` most recently made (the current one always stays), and the
    temporary folders of builds that died more than a day ago."""
    builds = sorted(
        (path for path in root.iterdir() if path.is_dir() and BUILD_NAME.fullmatch(path.name)),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    others = [path for path in builds if path.name != current]
    for path in others[max(keep - 1, 0) :]:
        shutil.rmtree(path, ignore_errors=True)
    for path in root.glob(f"{TEMPORARY_PREFIX}*"):
        if path.is_dir() and time.time() - path.stat().st_mtime > STALE_TEMPORARY_SECONDS:
            shutil.rmtree(path, ignore_errors=True)
