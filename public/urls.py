"""The public archive's pages, at an address in each language (config/urls.py); docs/urls.md documents each."""

from django.urls import path

from . import search_views, views, views_akn, views_citations

app_name = "public"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("debates/", views.DebateListView.as_view(), name="debate-list"),
    path("debates/<slug:slug>/", views.DebateDetailView.as_view(), name="debate-detail"),
    path("debates/<slug:slug>/p<int:number>/", views.PermalinkView.as_view(), name="paragraph-permalink"),
    path("debates/<slug:slug>/p<int:number>/s<int:order>/", views.PermalinkView.as_view(), name="statement-permalink"),
    path("debates/<slug:slug>/cite/", views_citations.CitationView.as_view(), name="cite"),
    path("debates/<slug:slug>/akn.xml", views_akn.DebateAknView.as_view(), name="debate-akn"),
    path("search/", search_views.SearchView.as_view(), name="search"),
    path("themes/", views.ThemeListView.as_view(), name="theme-list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme-detail"),
    path("topics/", views.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    path("participants/", views.ParticipantListView.as_view(), name="participant-list"),
    path("participants/<slug:slug>/", views.ParticipantDetailView.as_view(), name="participant-detail"),
    path("interventions/", views.InterventionListView.as_view(), name="intervention-list"),
    path(
        "interventions/export.csv",
        views.InterventionExportView.as_view(export_format="csv"),
        name="intervention-export-csv",
    ),
    path(
        "interventions/export.json",
        views.InterventionExportView.as_view(export_format="json"),
        name="intervention-export-json",
    ),
    path(
        "interventions/export.ris",
        views.InterventionExportView.as_view(export_format="ris"),
        name="intervention-export-ris",
    ),
    path(
        "interventions/export.bib",
        views.InterventionExportView.as_view(export_format="bibtex"),
        name="intervention-export-bibtex",
    ),
]
