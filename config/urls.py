"""Root URL configuration."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.health import healthz
from config.throttle import admin_login
from perf.views import floor_page

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/login/", admin_login),  # the admin's log-in, throttled; before admin.site.urls so it wins
    path("admin/", admin.site.urls),
    path("search/", include("search.urls")),
    path("", include("debates.urls")),
]

if settings.ARCHIVE_BENCH_FLOOR:  # the benchmark's framework floor (perf/views.py); never in production
    urlpatterns.insert(0, path("bench/floor/<slug:slug>/", floor_page, name="bench-floor"))
