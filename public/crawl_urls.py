"""``/robots.txt`` and the sitemap: one address each, for every language (the sitemap lists the pages in all six)."""

from django.urls import path

from . import sitemaps

app_name = "crawl"

urlpatterns = [
    path("robots.txt", sitemaps.robots, name="robots"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    # One route per section, all named sitemap-section: reverse() tells them apart by their section.
    *(
        path(f"sitemap-{section}.xml", sitemaps.sitemap_section, {"section": section}, name="sitemap-section")
        for section in sitemaps.SECTIONS
    ),
]
