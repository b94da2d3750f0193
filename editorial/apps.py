from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The secretariat's desk: the admin, the summary import screens and the workflow screens."""

    name = "editorial"

    def ready(self):
        # The desk is Django's default admin site; its titles are named here, once, when the desk's app is
        # ready, rather than as a side effect of importing one of its admin modules.
        from django.contrib import admin

        admin.site.site_header = "Human Security Debates Archive — editorial desk"
        admin.site.site_title = "Editorial desk"
        admin.site.index_title = "Debates and their statements"
