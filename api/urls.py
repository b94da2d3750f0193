"""The API's URLs, under /api/v1/ (config/urls.py); docs/api.md documents them."""

app_name = "api"

urlpatterns = []
