from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public site: pages, the explorer and its facet registry, exports, citations and the search page."""

    name = "public"
