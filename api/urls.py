"""The API's URLs, under /api/v1/ (config/urls.py); docs/api.md documents them."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import docs, views

app_name = "api"

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("debates/", views.DebateListView.as_view(), name="debate-list"),
    path("debates/<slug:slug>/", views.DebateDetailView.as_view(), name="debate-detail"),
    path("debates/<slug:slug>/p<int:number>/", views.ParagraphDetailView.as_view(), name="paragraph-detail"),
    path(
        "debates/<slug:slug>/p<int:number>/s<int:order>/",
        views.StatementDetailView.as_view(),
        name="statement-detail",
    ),
    path("statements/", views.StatementListView.as_view(), name="statement-list"),
    path("themes/", views.ThemeListView.as_view(), name="theme-list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme-detail"),
    path("topics/", views.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    path("participants/", views.ParticipantListView.as_view(), name="participant-list"),
    path("participants/<slug:slug>/", views.ParticipantDetailView.as_view(), name="participant-detail"),
    path("documents/", views.DocumentListView.as_view(), name="document-list"),
    path("documents/<slug:slug>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
    # Any other address ending in a slash: a JSON 404 (one without the slash is first sent to it, APPEND_SLASH).
    re_path(r"^(?:[\s\S]*/)?$", views.NotFoundView.as_view(), name="not-found"),
]
