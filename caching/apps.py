from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """Conditional GET and a per-page cache for the public pages, invalidated by any archive change."""

    name = "caching"
    # Translators: the name of a section of the admin.
    verbose_name = _("Page caching")

    def ready(self):
        from .stamp import forget_request_stamp, leave_request
        from .triggers import install_triggers

        post_migrate.connect(install_triggers, sender=self, dispatch_uid="caching.install_triggers")
        # Each request reads the stamp afresh: one read earlier by the same thread names an older state.
        request_started.connect(forget_request_stamp, dispatch_uid="caching.forget_request_stamp")
        request_finished.connect(leave_request, dispatch_uid="caching.leave_request")
