"""Where tests find the shared source texts (``../shared/sources`` beside the project, or ``$ARCHIVE_SHARED_DIR``)."""

import os
from pathlib import Path

import pytest
from django.conf import settings

SUMMARY_2011 = "2011-informal-thematic-debate-summary.txt"


def shared_source_path(name=SUMMARY_2011):
    """The path of a shared source file; the test fails (never skips) when it is missing."""
    candidates = [Path(settings.BASE_DIR).parent / "shared" / "sources" / name]
    if os.environ.get("ARCHIVE_SHARED_DIR"):
        shared = Path(os.environ["ARCHIVE_SHARED_DIR"])
        candidates[:0] = [shared / "sources" / name, shared / name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pytest.fail(f"The shared source {name} is missing; looked in {', '.join(map(str, candidates))}.")
