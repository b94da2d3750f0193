from django.apps import AppConfig


class PerfConfig(AppConfig):
    """Performance plumbing: PostgreSQL-only indexes, and the benchmark's framework-floor view."""

    name = "perf"
    verbose_name = "Performance"
