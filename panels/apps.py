from django.apps import AppConfig


class PanelsConfig(AppConfig):
    """Panels, paragraphs and attributed statements (interventions) inside a debate."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "panels"
    verbose_name = "Debate contents"
