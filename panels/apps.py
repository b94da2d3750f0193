from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    """Panels, paragraphs and attributed statements (interventions) inside a debate."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "panels"
    # Translators: the name of a section of the admin: panels, paragraphs and statements.
    verbose_name = _("Debate contents")
