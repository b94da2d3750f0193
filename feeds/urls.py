"""Atom and JSON feeds of new debates and of statements (docs/urls.md, "Feeds")."""

from django.urls import path, register_converter

from . import views


class FeedFormat:
    """The feed's format, from the address's extension."""

    regex = "atom|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FeedFormat, "feed")

app_name = "feeds"

urlpatterns = [
    path("debates.<feed:fmt>", views.DebatesFeed.as_view(), name="debates"),
    path("statements.<feed:fmt>", views.StatementsFeed.as_view(), name="statements"),
    path("themes/<slug:slug>.<feed:fmt>", views.ThemeFeed.as_view(), name="theme"),
    path("topics/<slug:slug>.<feed:fmt>", views.TopicFeed.as_view(), name="topic"),
    path("participants/<slug:slug>.<feed:fmt>", views.ParticipantFeed.as_view(), name="participant"),
]
