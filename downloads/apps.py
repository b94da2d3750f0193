from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    """The research downloads: the whole published archive as files, built by ``manage.py build_downloads``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "downloads"
