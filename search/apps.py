from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    """Site-wide full-text search over the published archive."""

    name = "search"
    verbose_name = "Search"

    def ready(self):
        from .fts5 import ensure_triggers

        # After any app's migration (no sender: the search app has no models, so Django never sends it one):
        # on SQLite, a migration that remakes a table drops the FTS5 triggers on it; they are put back.
        post_migrate.connect(ensure_triggers, dispatch_uid="search.fts5.ensure_triggers")
