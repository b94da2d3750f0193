"""Build the research downloads: ``manage.py build_downloads --base-url https://archive.example.org``.

What a build holds and how it is made current is described in :mod:`downloads.builds` and
docs/downloads.md.
"""

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from downloads.builds import build_downloads, downloads_dir


class Command(BaseCommand):
    help = (
        "Write the whole published archive (never drafts, debates in review or withdrawn debates) as CSV and "
        "JSON Lines files with a Frictionless datapackage.json, in a folder of ARCHIVE_DOWNLOADS_DIR named by "
        "the archive's state, and make it what /downloads/ serves. The files are read in one snapshot of the "
        "database and written to a temporary folder first, so the current downloads stay whole until the new "
        "ones are. Nothing is written when the current build is already of this state (see --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            required=True,
            help="The public site's address, e.g. https://archive.example.org: the files' permanent links and "
            "page addresses start with it.",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=2,
            help="How many builds to keep on disk, the current one included (default 2: the current and the "
            "previous one); older ones are removed once the new one is current.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Build even when the current build is of the same state."
        )

    def handle(self, *args, base_url, keep, force, verbosity, **options):
        base_url = checked_base_url(base_url)
        if keep < 1:
            raise CommandError("--keep must be at least 1: the current build is always kept.")
        stderr = self.stderr

        class Progress(tqdm):
            """tqdm, written through the command's error stream, shown unless --verbosity 0."""

            def __init__(self, **kwargs):
                super().__init__(file=RawStream(stderr), disable=verbosity < 1, **kwargs)

        try:
            outcome = build_downloads(base_url=base_url, keep=keep, force=force, progress=Progress)
        except OSError as error:
            raise CommandError(f"Could not write the downloads in {downloads_dir()}: {error}") from error
        if verbosity >= 1:
            build = outcome.build
            if outcome.built:
                self.stdout.write(self.style.SUCCESS(f"Built {build.directory}; /downloads/ serves it now."))
            else:
                self.stdout.write(f"The downloads are already of this state: {build.directory}. (--force rebuilds.)")


def checked_base_url(value):
    """``value`` as an http or https address with a host and nothing after the path, without a final slash."""
    parts = urlsplit(value.strip())
    unexpected = parts.query or parts.fragment or parts.username or parts.password
    if parts.scheme not in {"http", "https"} or not parts.hostname or unexpected:
        raise CommandError(f"--base-url must be the site's http or https address, e.g. https://example.org: {value!r}")
    if parts.path not in {"", "/"}:
        raise CommandError(f"--base-url is the site's address without a path: {value!r}")
    return f"{parts.scheme}://{parts.netloc}"


class RawStream:
    """A command's output stream as tqdm needs it: written as given, without an added line ending."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        self.stream.write(text, ending="")

    def flush(self):
        self.stream.flush()
