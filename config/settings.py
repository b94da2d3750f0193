"""Settings for the Human Security Debates Archive, read from the environment.

The defaults are safe: DEBUG is off, and without ``DJANGO_DEBUG`` a secret key
must be given.  ``make run`` sets ``DJANGO_DEBUG=1`` for local use.

Environment variables:

``DATABASE_URL``
    A database URL. Default: the embedded SQLite file ``var/archive.sqlite3``.
    PostgreSQL: ``postgres://user:password@host:5432/name``.
``DJANGO_SECRET_KEY``
    Required when DEBUG is off.
``DJANGO_DEBUG``
    ``1``/``true`` to turn debugging on. Default off.
``DJANGO_ALLOWED_HOSTS``
    Comma-separated host names. Default ``localhost,127.0.0.1`` (and any host while debugging).
``DJANGO_CSRF_TRUSTED_ORIGINS``
    Comma-separated origins such as ``https://archive.example.org``, for a site behind a proxy.
``DJANGO_SECURE_SSL_REDIRECT``
    Redirect plain HTTP to HTTPS. Default on when DEBUG is off.
``DJANGO_SECURE_PROXY_SSL_HEADER``
    ``Header-Name: value`` a TLS-terminating proxy sets on HTTPS requests, e.g. ``X-Forwarded-Proto: https``.
``DJANGO_SECURE_HSTS_SECONDS``, ``DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS``, ``DJANGO_SECURE_HSTS_PRELOAD``
    Strict-Transport-Security. Default one year, subdomains included, preload.
``DJANGO_SECURE_COOKIES``
    Send the session and CSRF cookies over HTTPS only. Default on.
``ARCHIVE_LOGIN_FAILURE_LIMIT``, ``ARCHIVE_LOGIN_LOCKOUT_SECONDS``
    Failed admin log-ins for one user name before it is locked, and for how long. Default 5 and 900.
``DATABASE_REPLICA_URL``
    A read replica of ``DATABASE_URL``: reads go there; writes, and reads after a write, to the primary
    (``config/routers.py``). Default none.
``DATABASE_REPLICA_PIN_SECONDS``
    After a write, that browser reads from the primary for this long (replication lag). Default 10.
``DJANGO_CACHE_URL``
    The shared cache, e.g. ``redis://127.0.0.1:6379/0``, for public pages and rendered debate pages, cached once
    for all app servers. Default: each server process keeps its own in memory.
``ARCHIVE_PAGE_CACHE``
    ``0`` turns the per-page cache of public pages off (conditional GET stays on). Default on.
``ARCHIVE_FACET_INDEX_REFRESH``
    ``background`` (default): after a change, the explorer's facet index is rebuilt in a background thread while
    requests are served from the previous one less the debates no longer published; ``inline``: the request that
    first sees the change rebuilds it and waits (public/facet_index.py).
``ARCHIVE_FACET_INDEX_QUIET_SECONDS``
    In the background mode, how long the archive must have been quiet before the index is rebuilt (at the latest
    a minute after the first change). Default 5.
``ARCHIVE_RELEASE``
    Names the deployed release in page-cache keys and ETags. Default: a digest of the code and templates.
``ARCHIVE_BENCH_FLOOR``
    ``1`` adds the benchmark's framework-floor URL (``bench/``). Never set it in production.
``ARCHIVE_API_RATE``
    The API's limit per client address, as DRF writes rates: ``120/min`` (default), ``5000/hour``, ``10/s``.
``ARCHIVE_API_PROXIES``
    How many proxies in front of the app append to ``X-Forwarded-For``: the API's rate limit counts by the address
    that many places from its end. Default 0: by the connection's own address (a client cannot forge it).
``DJANGO_EMAIL_URL``
    The mail server alerts and confirmations go through, as a URL (dj-email-url): ``smtp://host:25``,
    ``submission://user:password@host:587`` (STARTTLS), ``smtp://user:password@host:465?ssl=True`` (implicit TLS),
    ``console:`` to print them. Default: the console while debugging, otherwise ``smtp://localhost:25``.
``DJANGO_DEFAULT_FROM_EMAIL``
    The sender of every message. Default ``Human Security Debates Archive <alerts@localhost>``.
``ARCHIVE_SITE_URL``
    The site's own address, e.g. ``https://archive.example.org``, for the links in messages sent outside any request.
    Default ``http://127.0.0.1:8000``.
``ARCHIVE_ALERTS_CONFIRM_HOURS``
    How long a subscription waits for its address to be confirmed before it is deleted. Default 48.
``ARCHIVE_ALERTS_REQUEST_LIMIT``
    Subscription requests allowed per client address and per email address in an hour. Default 5.
"""

import os
import re
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_proxy_ssl_header(name):
    """Read ``Header-Name: value`` into Django's ``("HTTP_HEADER_NAME", "value")``, or None when unset."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    header, separator, expected = value.partition(":")
    if not separator or not header.strip() or not expected.strip():
        raise ImproperlyConfigured(f"{name} must look like 'X-Forwarded-Proto: https', not {value!r}.")
    return ("HTTP_" + header.strip().upper().replace("-", "_"), expected.strip())


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
if DEBUG:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, "*"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # The domain at the bottom, the public site and the editorial desk on top (docs/architecture.md).
    "debates",
    "panels",
    "search",
    "caching",
    "accounts",
    "languages",
    "akn",
    "public",
    "editorial",
    "codebook",
    "api",
    "downloads",
    "feeds",
    "alerts",
    "bench",
]

MIDDLEWARE = [
    "config.routers.PrimaryPinningMiddleware",
    # CORS headers on every answer under /api/, the 304s and 400s of the middleware below included.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "config.middleware.TooManyParametersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the page cache: it activates the page's language, which the cache's resolve() needs for /fr/….
    "languages.middleware.LanguageMiddleware",
    "caching.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.debug_pages.DebugNotFoundPageMiddleware",  # DEBUG only: the site's own 404 page under `make run`
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'archive.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # Search windows are a LIMIT without ORDER BY (search/queries.py): a sequential scan must start
        # at the table's first block every time, not where another scan is, or page 2 could come
        # from another window than page 1.
        _database.setdefault("OPTIONS", {})["options"] = "-c synchronize_seqscans=off"
DATABASE_ROUTERS = ["config.routers.PrimaryReplicaRouter"]
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official languages of the United Nations, in the order of their names in English, as the UN lists them.
# English, the first language of the archive, keeps its addresses unprefixed; the others are /ar/…, /zh-hans/…
# (languages/, docs/languages.md).  Each name is in English here; the switcher shows each in its own language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", gettext_noop("Arabic")),
    ("zh-hans", gettext_noop("Chinese")),
    ("en", gettext_noop("English")),
    ("fr", gettext_noop("French")),
    ("ru", gettext_noop("Russian")),
    ("es", gettext_noop("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Backups (manage.py archive_backup): JSON that keeps times to the microsecond.
SERIALIZATION_MODULES = {"archive": "debates.backup_format"}

# `manage.py loaddata human-security-2011` finds the debates' fixtures here.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

CACHES = {
    # Public pages (caching/middleware.py): Redis shared by all app servers when DJANGO_CACHE_URL is set.
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["DJANGO_CACHE_URL"]}
        if os.environ.get("DJANGO_CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # With a shared cache, each process also keeps the pages it served last (caching/middleware.py).
    "pages_local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 100}},
    # Debate pages rendered once per archive state (public/rendering.py), for every request, logged-in ones included:
    # in the same Redis when there is one, else in each process's memory, its own store (LOCATION), at most 100 pages.
    # Keys hold the change stamp, so stale pages are never read again; the timeout only bounds how long they linger.
    "renderings": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["DJANGO_CACHE_URL"],
            "KEY_PREFIX": "renderings",
            "TIMEOUT": 24 * 60 * 60,
        }
        if os.environ.get("DJANGO_CACHE_URL")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renderings",
            "TIMEOUT": 24 * 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": 100},
        }
    ),
}

# Security: production values by default (docs/operations.md, "Settings"). `make test` turns the HTTPS redirect
# off because the test client speaks plain HTTP; the other headers are checked on every response.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("DJANGO_SECURE_PROXY_SSL_HEADER")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Sent on every response by config.middleware.SecurityHeadersMiddleware: no inline scripts
# or styles anywhere, the admin included.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
# Sent on every response by config.middleware.SecurityHeadersMiddleware: the browser features the archive
# does not use, denied to it and to anything it might embed. Only features Chromium knows (an unknown one is
# a console error there); clipboard-write stays allowed for the "Copy citation" button.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Admin log-in throttle (config.throttle).
ARCHIVE_LOGIN_FAILURE_LIMIT = int(os.environ.get("ARCHIVE_LOGIN_FAILURE_LIMIT", "5"))
ARCHIVE_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("ARCHIVE_LOGIN_LOCKOUT_SECONDS", "900"))

# Warnings and errors (a failed request, the database away) go to standard error, where gunicorn
# and systemd collect them; without this Django only mails them to ADMINS when DEBUG is off.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# History (django-simple-history): the admin's own "Revert" form is off; restoring an earlier version goes
# through debates.services.version_restore, which keeps the workflow status and checks the reviewer permission.
SIMPLE_HISTORY_REVERT_DISABLED = True
# A summary pasted into the admin's import (at most 5 MB, panels.importer) travels back in the preview page's
# form: let form fields hold twice that, so that a paste over the limit reaches the import form and is refused
# there with its size; above this bound Django stops reading and the import view answers with its own message
# (editorial/import_views.py).  File uploads do not count towards this bound: the form measures them before reading.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Archive settings.
ARCHIVE_PAGE_SIZE = 25

# Public pages answer conditional GETs and are cached, keyed on the archive's change stamp (caching/).
ARCHIVE_PAGE_CACHE = env_bool("ARCHIVE_PAGE_CACHE", True)
ARCHIVE_PAGE_CACHE_ALIAS = "default"
ARCHIVE_PAGE_CACHE_LOCAL_ALIAS = "pages_local" if os.environ.get("DJANGO_CACHE_URL") else None
ARCHIVE_PAGE_CACHE_SECONDS = 24 * 60 * 60  # stale entries are never served; this only bounds their life
ARCHIVE_CACHED_NAMESPACES = ["public", "crawl", "codebook", "api", "feeds"]
ARCHIVE_RELEASE = os.environ.get("ARCHIVE_RELEASE", "")
# How the explorer's facet index follows a change (public/facet_index.py): "background" or "inline".
ARCHIVE_FACET_INDEX_REFRESH = os.environ.get("ARCHIVE_FACET_INDEX_REFRESH", "background").strip() or "background"
ARCHIVE_FACET_INDEX_QUIET_SECONDS = float(os.environ.get("ARCHIVE_FACET_INDEX_QUIET_SECONDS", "5"))
if ARCHIVE_FACET_INDEX_REFRESH not in ("background", "inline"):
    raise ImproperlyConfigured(
        f"ARCHIVE_FACET_INDEX_REFRESH must be 'background' or 'inline', not {ARCHIVE_FACET_INDEX_REFRESH!r}."
    )
ARCHIVE_BENCH_FLOOR = env_bool("ARCHIVE_BENCH_FLOOR")

# Research downloads (docs/downloads.md): where manage.py build_downloads writes its builds and /downloads/ serves them.
ARCHIVE_DOWNLOADS_DIR = Path(os.environ.get("ARCHIVE_DOWNLOADS_DIR") or BASE_DIR / "var" / "downloads")

# The read-only API, /api/v1/ (api/, docs/api.md): Django REST framework, JSON only, no log-in.
API_RATE = os.environ.get("ARCHIVE_API_RATE", "120/min").strip()
if not re.fullmatch(r"[1-9]\d*/(s|sec|m|min|h|hour|d|day)", API_RATE):
    raise ImproperlyConfigured(f"ARCHIVE_API_RATE must look like '120/min' or '5000/hour', not {API_RATE!r}.")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.policies.ArchiveNegotiation",
    "DEFAULT_THROTTLE_CLASSES": ["api.policies.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_RATE},
    "NUM_PROXIES": int(os.environ.get("ARCHIVE_API_PROXIES", "0")),
    "EXCEPTION_HANDLER": "api.policies.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Human Security Debates Archive API",
    "DESCRIPTION": (
        "The published debates of the UN General Assembly on human security, their segments, paragraphs and "
        "attributed statements, read-only, as JSON. Version 1: fields, endpoints and optional parameters may be "
        "added; nothing is removed, renamed or changes meaning (docs/api.md)."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {
        "DebateKindEnum": "debates.models.Debate.Kind",
        "DocumentKindEnum": "debates.models.Document.Kind",
        "ParticipantKindEnum": "debates.models.Participant.Kind",
        "SegmentKindEnum": "panels.models.Panel.Kind",
        "SearchResultKindEnum": "api.serializers.SearchResultKind",
        "TextOriginEnum": "debates.models.TextOrigin",
        "TitleOriginEnum": "debates.models.TitleOrigin",
        "TextStatusEnum": "debates.models.TextStatus",
        "TranslationStatusEnum": "debates.models.TRANSLATION_STATUSES",
        "LanguageEnum": "django.conf.settings.LANGUAGES",
    },
    # The documentation page (api/docs.py) loads Swagger UI from the sidecar's static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None, "defaultModelsExpandDepth": 0},
}
# CORS (django-cors-headers) on /api/ only: any origin may read, no credentials, GET and HEAD only.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD"]
CORS_ALLOW_HEADERS = ["accept", "if-modified-since", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 24 * 60 * 60

# Mail (alerts/): the server from DJANGO_EMAIL_URL; while debugging (make run), messages are printed to the console.
_email = dj_email_url.parse(os.environ.get("DJANGO_EMAIL_URL") or ("console:" if DEBUG else "smtp://localhost:25"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 30
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL") or "Human Security Debates Archive <alerts@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

ARCHIVE_SITE_URL = (os.environ.get("ARCHIVE_SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
ARCHIVE_ALERTS_CONFIRM_HOURS = int(os.environ.get("ARCHIVE_ALERTS_CONFIRM_HOURS", "48"))
ARCHIVE_ALERTS_REQUEST_LIMIT = int(os.environ.get("ARCHIVE_ALERTS_REQUEST_LIMIT", "5"))
