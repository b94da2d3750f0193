"""The codebook page and its downloads."""

from django.urls import path

from . import views

app_name = "codebook"

urlpatterns = [
    path("codebook/", views.CodebookView.as_view(), name="codebook"),
    path("codebook.json", views.CodebookDownloadView.as_view(download_format="json"), name="codebook-json"),
    path("codebook.csv", views.CodebookDownloadView.as_view(download_format="csv"), name="codebook-csv"),
]
