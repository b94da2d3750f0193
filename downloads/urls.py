"""The research downloads' URLs, under /downloads/; docs/downloads.md documents them.

Each file of a build has a fixed address, ``/downloads/<table>.csv``, ``/downloads/<table>.jsonl``,
``/downloads/datapackage.json`` and ``/downloads/archive.zip``, always the current build's: a route
per file, so no part of a path ever names a file on disk.  config/urls.py includes them under
``downloads/``, so that resolving any other address (as the page cache does on every request) tries one
prefix, not every file's route.
"""

from django.urls import path

from . import views

app_name = "downloads"

urlpatterns = [
    path("", views.DownloadsView.as_view(), name="index"),
    *(path(name, views.BuildFileView.as_view(file_name=name), name=f"file-{name}") for name in views.FILE_NAMES),
]
