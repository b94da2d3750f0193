from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The secretariat's desk: the admin, the summary import screens and the workflow screens."""

    name = "editorial"
