"""The research downloads' URLs, under /downloads/; docs/downloads.md documents them."""

app_name = "downloads"

urlpatterns = []
