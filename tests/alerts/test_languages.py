"""Mail in the language of the page an address asked from, with links to the pages in that language."""

import re
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from alerts.models import Subscriber
from alerts.selection import read_selection
from tests.alerts.conftest import SITE, debate_with, publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADDRESS = "lectrice@example.org"
SELECTION = "theme=freedom-from-fear"


def words(text):
    """``text`` with its spaces made plain: Python's mail parser reads French non-breaking spaces as plain ones."""
    return " ".join(text.split())


def subject_of(message):
    """The subject as a mail client shows it (the folding before an encoded subject leaves a leading space)."""
    return words(str(message["Subject"]))


def in_french(text, **values):
    with translation.override("fr"):
        return words(translation.gettext(text) % values)


def test_an_address_that_asked_from_a_french_page_is_written_to_in_french(client, smtp, vocabulary):
    with translation.override("fr"):
        subscribe_url = reverse("alerts:subscribe")
        label = read_selection(SELECTION).label
    assert subscribe_url == "/fr/alerts/subscribe/"

    assert client.post(subscribe_url, {"email": ADDRESS, "selection": SELECTION}).status_code == HTTPStatus.OK

    assert Subscriber.objects.get().language == "fr"
    confirmation = smtp.inbox.messages[0]
    subject = in_french("Confirm your alert: %(label)s", label=label)
    assert subject != f"Confirm your alert: {label}"  # the French catalogue has it
    assert subject_of(confirmation) == subject
    confirm_urls = re.findall(re.escape(SITE) + r"/fr/alerts/confirm/[^\s>]+/", confirmation.get_content())
    assert len(set(confirm_urls)) == 1
    assert client.post(urlsplit(confirm_urls[0]).path).status_code == HTTPStatus.OK

    debate, _ = debate_with([("Fear is at issue.", {"themes": ["freedom-from-fear"]})])
    publish(debate)
    call_command("send_alerts")

    alert = smtp.inbox.messages[1]
    assert subject_of(alert) == in_french("New in the Human Security Debates Archive: %(label)s", label=label)
    text = alert.get_content()
    assert re.search(re.escape(SITE) + rf"/fr/debates/{debate.slug}/p\d+/s\d+/", text)
    assert not re.search(re.escape(SITE) + rf"/debates/{debate.slug}/", text)


def test_asking_again_from_another_language_s_page_changes_the_language_of_the_messages(client, smtp, vocabulary):
    client.post("/fr/alerts/subscribe/", {"email": ADDRESS, "selection": SELECTION})
    client.post("/alerts/subscribe/", {"email": ADDRESS, "selection": "theme=freedom-from-want"})

    assert Subscriber.objects.get().language == "en"
    assert smtp.inbox.messages[-1]["Subject"].startswith("Confirm your alert: ")
