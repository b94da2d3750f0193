from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DebatesConfig(AppConfig):
    """Debates, documents, participants, themes and topics."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "debates"
    # Translators: the name of a section of the admin.
    verbose_name = _("Debates and records")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
