"""``/downloads/``: the current build's files with their sizes, the state they are of, the licence and how to cite;
and each file of the current build, served from its folder.

Only the files a build's data package lists (its tables as CSV and JSON Lines), the data package
and the build's zip are served, each at a fixed address (``/downloads/statements.csv``), from the
build ``CURRENT`` names: nothing else in ``ARCHIVE_DOWNLOADS_DIR``, and no file that leads out of
its build's folder.  Query strings are not read, except ``excel`` by a CSV file.
"""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.generic import TemplateView, View

from caching.stamp import request_stamp
from public.exports import BYTE_ORDER_MARK, ExportOptionsForm
from public.views import bad_request

from .builds import DATAPACKAGE, FORMATS, LICENSES, RIGHTS, current_build
from .tables import TABLES

ZIP = "archive.zip"  # the address of the build's zip; it downloads as <build name>.zip
# Every file a build has, by the name its address ends with.
FILE_NAMES = [f"{table.name}.{extension}" for table in TABLES for extension in FORMATS] + [DATAPACKAGE, ZIP]
CONTENT_TYPES = {
    **{extension: served for extension, (_, _, served) in FORMATS.items()},
    "json": "application/json",
    "zip": "application/zip",
}
BLOCK_SIZE = 64 * 1024


def translated(text):
    """``text``, English words of a build, in the active language where the catalogue has it (never ``gettext("")``,
    which is the catalogue's header)."""
    return gettext(text) if text else text


def file_url(file_name):
    return reverse(f"downloads:file-{file_name}")


class DownloadsView(TemplateView):
    """The current build's files, or how staff make the first build."""

    template_name = "downloads/downloads.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        build = current_build()
        context.update(build=build, base_url=self.request.build_absolute_uri("/").rstrip("/"))
        if build is None:
            return context
        resources = {resource["name"]: resource for resource in build.package["resources"]}
        # The tables' titles and descriptions, and the rights, are the build's, in English: the page shows them in
        # its language where the catalogue has them (downloads/tables.py and builds.py mark them with gettext_noop;
        # a build's older wording is shown as it is).
        tables = [
            {
                "title": translated(resource["title"]),
                "description": translated(resource["description"]),
                "rows": resource["rows"],
                "files": [
                    {"name": item["path"], "url": file_url(item["path"]), "bytes": item["bytes"]}
                    for item in (resource, resources[f"{resource['name']}-jsonl"])
                ],
            }
            for resource in build.package["resources"]
            if resource["type"] == "table"
        ]
        zip_path = build.path(build.zip_name)
        context.update(
            tables=tables,
            zip_url=file_url(ZIP),
            zip_bytes=zip_path.stat().st_size if zip_path else None,
            datapackage_url=file_url(DATAPACKAGE),
            stale=request_stamp(self.request).token != build.state["token"],
            licenses=build.package.get("licenses", LICENSES),
            rights=translated(build.package.get("rights", RIGHTS)),
        )
        return context


class BuildFileView(View):
    """One file of the current build; ``file_name`` is the end of its address."""

    file_name = None

    def get(self, request):
        build = current_build()
        name = (build.zip_name if self.file_name == ZIP else self.file_name) if build else None
        path = build.path(name) if build else None
        if path is None:
            raise Http404("The downloads have no such file now.")
        extension = name.rsplit(".", 1)[1]
        excel = False
        if extension == "csv":
            options = ExportOptionsForm(request.GET)
            if not options.is_valid():
                return bad_request(request, options.errors, as_json=True)
            excel = options.cleaned_data["excel"]
        try:
            file = path.open("rb")
        except FileNotFoundError as error:  # pruned since CURRENT was read
            raise Http404("The downloads have no such file now.") from error
        if excel:
            response = StreamingHttpResponse(with_byte_order_mark(file), content_type=CONTENT_TYPES["csv"])
            response["Content-Length"] = str(len(BYTE_ORDER_MARK.encode()) + path.stat().st_size)
            response["Content-Disposition"] = content_disposition_header(True, name.replace(".csv", "-excel.csv"))
            return response
        return FileResponse(
            file, as_attachment=name != DATAPACKAGE, filename=name, content_type=CONTENT_TYPES[extension]
        )


def with_byte_order_mark(file):
    """The byte order mark, then the bytes of ``file`` (closed at the end): a CSV file as Excel reads UTF-8."""
    try:
        yield BYTE_ORDER_MARK.encode()
        while block := file.read(BLOCK_SIZE):
            yield block
    finally:
        file.close()
