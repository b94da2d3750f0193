from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The secretariat's desk: the admin, the summary import screens and the workflow screens."""

    name = "editorial"

    def ready(self):
        # The desk is Django's default admin site; its titles are named here, once, when the desk's app is
        # ready, rather than as a side effect of importing one of its admin modules.
        from django.contrib import admin

        admin.site.site_header = _("Human Security Debates Archive — editorial desk")
        admin.site.site_title = _("Editorial desk")
        admin.site.index_title = _("Debates and their statements")
