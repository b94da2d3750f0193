"""The mail server comes from DJANGO_EMAIL_URL; while debugging (make run) messages go to the console."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

READ = (
    "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({name: "
    "getattr(s, name) for name in ('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', "
    "'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'DEFAULT_FROM_EMAIL', 'ARCHIVE_SITE_URL')}))"
)
SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"


def mail_settings(**variables):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "ARCHIVE_"))}
    environment.update(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_SETTINGS_MODULE="config.settings")
    environment.update(variables)
    result = subprocess.run(
        [sys.executable, "-c", READ], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://127.0.0.1:2525", {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": 2525}),
        (
            "submission://alerts:s3cret@mail.example.org:587",
            {
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "alerts",
                "EMAIL_HOST_PASSWORD": "s3cret",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtp://mail.example.org:465?ssl=True", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False}),
        ("console:", {"EMAIL_BACKEND": CONSOLE}),
    ],
)
def test_the_mail_server_is_read_from_django_email_url(url, expected):
    found = mail_settings(DJANGO_EMAIL_URL=url)
    assert {name: found[name] for name in expected} == expected


def test_without_a_url_production_uses_the_local_mail_server_and_debugging_the_console():
    production = mail_settings()
    assert (production["EMAIL_BACKEND"], production["EMAIL_HOST"], production["EMAIL_PORT"]) == (SMTP, "localhost", 25)
    assert mail_settings(DJANGO_DEBUG="1")["EMAIL_BACKEND"] == CONSOLE


def test_the_sender_and_the_sites_address_come_from_the_environment():
    found = mail_settings(
        DJANGO_DEFAULT_FROM_EMAIL="UN Archive <archive@un.example.org>", ARCHIVE_SITE_URL="https://archive.example.org/"
    )
    assert found["DEFAULT_FROM_EMAIL"] == "UN Archive <archive@un.example.org>"
    assert found["ARCHIVE_SITE_URL"] == "https://archive.example.org"  # no trailing slash: links append paths
