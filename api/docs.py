"""``/api/v1/docs/``: Swagger UI over the schema, from the project's own static files, with no inline script.

drf-spectacular's split view serves the page and, at ``?script``, the script that starts
Swagger UI, so the page holds only ``<script src>`` elements and passes the site's
Content-Security-Policy (``script-src 'self'``, ``style-src 'self'``: config/settings.py).
Its templates are replaced by the archive's (templates/api/): the page's few styles move
to a stylesheet (api/static/api/docs.css), and the script drops what a read-only API
without log-in has no use for (credentials, the CSRF token, OAuth).  Swagger UI itself
comes from drf-spectacular-sidecar's static files (``SWAGGER_UI_DIST = "SIDECAR"``), never
from a CDN.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class DocsView(SpectacularSwaggerSplitView):
    """The interactive documentation: the page, and its start-up script at ``?script``."""

    template_name = "api/swagger_ui.html"
    template_name_js = "api/swagger_ui.js"
    title = "Human Security Debates Archive API"
