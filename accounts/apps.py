from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """What the archive adds to Django's users: the admin log-in's failure counts, and a command to lift a lock."""

    name = "accounts"
    verbose_name = "Accounts"
