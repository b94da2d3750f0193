from django.apps import AppConfig


class LanguagesConfig(AppConfig):
    """The six official languages of the United Nations: addresses, negotiation, the switcher, the catalogues."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "languages"
