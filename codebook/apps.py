from django.apps import AppConfig


class CodebookConfig(AppConfig):
    """The public codebook: every coding vocabulary with its definition, examples and counts, and the rules."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "codebook"
