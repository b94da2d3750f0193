from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site-wide full-text search over the published archive."""

    name = "search"
    verbose_name = "Search"
