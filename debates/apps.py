from django.apps import AppConfig


class DebatesConfig(AppConfig):
    """Debates, documents, participants, themes and topics."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "debates"
    verbose_name = "Debates and records"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
