"""Which release of the code is running: part of every page-cache key and ETag.

A deploy can change what a page looks like without any change to the archive,
so cached pages and validators must not outlive the code that made them.
``ARCHIVE_RELEASE`` (e.g. the commit a deploy ships) names the release when
set; otherwise it is a digest of the code and templates that render pages and
of the static-files manifest, so every server running the same code agrees.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings

RENDERING_SUFFIXES = {".py", ".html", ".txt", ".xml", ".json"}


@cache
def release():
    """A short name for the running release (computed once per process)."""
    if settings.ARCHIVE_RELEASE:
        return settings.ARCHIVE_RELEASE
    base = Path(settings.BASE_DIR).resolve()
    roots = [Path(d).resolve() for template in settings.TEMPLATES for d in template.get("DIRS", [])]
    roots += [
        Path(app.path).resolve() for app in apps.get_app_configs() if Path(app.path).resolve().is_relative_to(base)
    ]
    roots += [base / "config", Path(settings.STATIC_ROOT) / "staticfiles.json"]
    digest = hashlib.blake2b(digest_size=8)
    for root in sorted(set(roots)):
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in RENDERING_SUFFIXES)
        for path in files:
            if "migrations" in path.parts or "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
