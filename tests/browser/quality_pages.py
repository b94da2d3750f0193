"""The page types people meet, with real URLs into the three debates, for the quality checks."""

from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse

from alerts.models import Subscriber, Subscription
from debates.models import Debate, Participant, Theme, Topic

PUBLISHED = Q(interventions__debate__status=Debate.Status.PUBLISHED)


def archive_load():
    """The vocabulary the migrations create, then the three debates as the fixtures hold them.

    The vocabulary is created again because an earlier test with a live server may have flushed it:
    once Playwright's event loop runs in this thread, Django's serialized rollback no longer finds
    the copy it took of the migrated database, so it cannot put the vocabulary back by itself.
    """
    import_module("debates.migrations.0002_vocabulary").create_vocabulary(apps, None)
    for year in (2008, 2010, 2011):
        call_command("loaddata", f"human-security-{year}", verbosity=0)


def page_types():
    """``{page type: path}`` for every kind of public page, error pages included."""
    debate = Debate.objects.published().order_by("-start_date").first()
    theme = Theme.objects.filter(PUBLISHED).distinct().first()
    topic = Topic.objects.filter(PUBLISHED).distinct().first()
    participant = Participant.objects.filter(participations__debate__status=Debate.Status.PUBLISHED).distinct().first()
    # An address following the theme, its subscription waiting for confirmation: the pages its messages link to.
    subscriber, _ = Subscriber.objects.get_or_create(email="delegate@example.org")
    subscription, _ = Subscription.objects.get_or_create(
        subscriber=subscriber, selection=f"theme={theme.slug}", defaults={"label": f"Theme: {theme.name}"}
    )
    return {
        "home": "/",
        "debate list": "/debates/",
        "debate detail": debate.get_absolute_url(),
        "theme list": "/themes/",
        "theme detail": theme.get_absolute_url(),
        "topic list": "/topics/",
        "topic detail": topic.get_absolute_url(),
        "participant list": "/participants/",
        "participant detail": participant.get_absolute_url(),
        "explorer with filters": f"/interventions/?theme={theme.slug}&actor=panelist",
        "search results": "/search/?q=human+security",
        "codebook": "/codebook/",
        "alert subscription": f"/alerts/subscribe/?selection=theme%3D{theme.slug}",
        "alert confirmation": reverse("alerts:confirm", kwargs={"token": subscription.confirm_token}),
        "alert unsubscription": reverse("alerts:unsubscribe", kwargs={"token": subscription.unsubscribe_token}),
        "alerts of an address": subscriber.get_absolute_url(),
        "400 page": "/interventions/?year_from=abc&page=0",
        "404 page": "/no-such-page/",
    }
