from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """What the archive adds to Django's users: the admin log-in's failure counts, and a command to lift a lock."""

    name = "accounts"
    # Translators: the name of a section of the admin: user accounts.
    verbose_name = _("Accounts")
