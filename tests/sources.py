"""Where tests find the source texts the fixtures encode: ``fixtures/sources/`` inside the repository.

The tests read nothing outside the repository, so a clone alone can run them (``fixtures/sources/README.md``
says what each file is and where it came from).
"""

from pathlib import Path

import pytest
from django.conf import settings

SOURCES_DIR = Path(settings.BASE_DIR) / "fixtures" / "sources"
SUMMARY_2011 = "2011-informal-thematic-debate-summary.txt"
FACT_SHEET = "facts-2008-2010-2011.md"


def source_path(name=SUMMARY_2011):
    """The path of a source file in ``fixtures/sources/``; the test fails (never skips) when it is missing."""
    path = SOURCES_DIR / name
    if not path.is_file():
        pytest.fail(f"The source {name} is missing from {SOURCES_DIR}.")
    return path
