"""Security headers and cookie flags on real responses, and `check --deploy` under production settings."""

import os
import secrets
import subprocess
import sys
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.test import override_settings

EXPECTED_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}
# Browser features the archive never uses: each must be denied to every origin (an empty allow-list).
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "display-capture", "fullscreen"]
PAGES = ["/", "/debates/", "/no-such-page/", "/healthz", "/admin/login/"]


def parse_permissions_policy(header):
    """``camera=(), fullscreen=(self)`` → ``{"camera": set(), "fullscreen": {"self"}}``."""
    features = {}
    for item in header.split(","):
        feature, _, allow_list = item.strip().partition("=")
        assert allow_list.startswith("(") and allow_list.endswith(")"), item
        features[feature] = set(allow_list[1:-1].split())
    return features


def parse_policy(header):
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path, secure=True)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = parse_policy(response["Content-Security-Policy"])
    for directive, sources in EXPECTED_POLICY.items():
        assert policy.get(directive) == sources, directive
    assert not any("'unsafe-inline'" in sources or "'unsafe-eval'" in sources for sources in policy.values())
    permissions = parse_permissions_policy(response["Permissions-Policy"])
    for feature in DENIED_FEATURES:
        assert permissions.get(feature) == set(), feature
    assert "clipboard-write" not in permissions, "the Copy citation button writes to the clipboard"


@pytest.mark.django_db
def test_static_files_carry_the_policy_too(client):
    response = client.get(static("css/archive.css"), secure=True)

    assert response.status_code == HTTPStatus.OK
    assert "Content-Security-Policy" in response
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_and_http_only(client):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-correct-password")
    login_page = client.get("/admin/login/", secure=True)
    csrf_cookie = login_page.cookies[settings.CSRF_COOKIE_NAME]
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "a-long-correct-password", "next": "/admin/"},
        secure=True,
        HTTP_REFERER="https://testserver/admin/login/",
    )

    assert response.status_code == HTTPStatus.FOUND
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    for cookie in (csrf_cookie, session_cookie):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"


TOO_MANY_PARAMETERS = "&".join(f"p{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize("path", ["/debates/", "/interventions/", "/search/", "/admin/login/"])
def test_too_many_query_parameters_are_a_bad_request_in_both_modes(client, path, debug):
    """With DEBUG on this was a 500 after 16–19 s: Django's debug page read the query string again."""
    client.raise_request_exception = False
    with override_settings(DEBUG=debug):
        response = client.get(f"{path}?{TOO_MANY_PARAMETERS}", secure=True)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Bad request" in response.content.decode()
    assert "Content-Security-Policy" in response and "Permissions-Policy" in response


def production_environment(**overrides):
    """The environment an operator gives: no debugging, a real secret key, real host names."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "ARCHIVE_"))}
    environment.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="archive.example.org",
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https",
    )
    environment.update(overrides)
    return environment


def run_deploy_check(environment):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_deploy_check(production_environment())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_notices_a_weakened_setting():
    """The check above would notice a regression: turning off the HTTPS redirect is reported."""
    result = run_deploy_check(production_environment(DJANGO_SECURE_SSL_REDIRECT="0"))

    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_debug_is_off_by_default():
    environment = production_environment()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=settings.BASE_DIR,
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stdout.strip() == "False", result.stderr
