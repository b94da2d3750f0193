from django.apps import AppConfig


class BenchConfig(AppConfig):
    """What only the benchmark uses: the synthetic data generator and the framework-floor view.

    Nothing the site needs at run time imports it (``make lint`` checks).
    """

    name = "bench"
    verbose_name = "Benchmark"
