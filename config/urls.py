"""Root URL configuration."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from config.health import healthz
from config.throttle import admin_login

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page links: send them to the icon (static/img/favicon.svg).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg")), name="favicon"),
    path("admin/login/", admin_login),  # the admin's log-in, throttled; before admin.site.urls so it wins
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("language/", include("languages.urls")),
    path("", include("public.crawl_urls")),
]
# The public site, at an address in each of the six languages: English unprefixed, as it always was, the others
# under their code (/fr/…, /zh-hans/…); languages/ chooses among them.
urlpatterns += i18n_patterns(
    path("downloads/", include("downloads.urls")),
    path("feeds/", include("feeds.urls")),
    path("alerts/", include("alerts.urls")),
    path("", include("codebook.urls")),
    path("", include("public.urls")),
    prefix_default_language=False,
)

if settings.ARCHIVE_BENCH_FLOOR:  # the benchmark's framework floor (bench/views.py); never in production
    from bench.views import floor_page

    urlpatterns.insert(0, path("bench/floor/<slug:slug>/", floor_page, name="bench-floor"))
