from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """Conditional GET and a per-page cache for the public pages, invalidated by any archive change."""

    name = "caching"
    # Translators: the name of a section of the admin.
    verbose_name = _("Page caching")

    def ready(self):
        from .triggers import install_triggers

        post_migrate.connect(install_triggers, sender=self, dispatch_uid="caching.install_triggers")
