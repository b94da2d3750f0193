"""The alerts' pages: bad input, the rate limit, the Origin check, confirm, unsubscribe and manage links."""

import html
import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alerts.models import Message, Subscriber, Subscription
from alerts.selection import read_selection
from alerts.services import subscription_request

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("alerts:subscribe")


def follow(email="reader@example.org", selection="theme=freedom-from-fear", *, confirmed=False):
    """A subscription made as the subscribe view makes it, confirmed or not."""
    subscription_request(email=email, selection=read_selection(selection))
    subscription = Subscription.objects.get(subscriber__email=email, selection=selection)
    if confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.save()
    return subscription


def nothing_saved():
    return not (Subscriber.objects.exists() or Subscription.objects.exists() or Message.objects.exists())


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not an address", "selection": "theme=freedom-from-fear"}, "email"),
        ({"email": "", "selection": "theme=freedom-from-fear"}, "email"),
        ({"email": "reader@example.org", "selection": "theme=no-such-theme"}, "theme"),
        ({"email": "reader@example.org", "selection": "colour=blue"}, "colour"),
        ({"email": "reader@example.org", "selection": "year_from=2012&year_to=2010"}, "year_to"),
        ({"email": "reader@example.org", "selection": "debate=some-debate"}, "debate"),
        ({"email": "reader@example.org", "selection": "q=a%00b"}, "q"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_saved(client, data, field):
    response = client.post(SUBSCRIBE, data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert f"<code>{'selection' if field != 'email' else 'email'}</code>" in response.content.decode()
    assert field in response.content.decode()
    assert nothing_saved()


def test_a_subscription_request_saves_the_address_the_selection_and_a_queued_confirmation(client):
    response = client.post(
        SUBSCRIBE, {"email": "  Reader@Example.ORG ", "selection": "?page=3&theme=freedom-from-fear&q="}
    )

    assert response.status_code == HTTPStatus.OK
    subscription = Subscription.objects.get()
    assert subscription.subscriber.email == "Reader@example.org"
    assert subscription.selection == "theme=freedom-from-fear"
    assert subscription.label == "Theme: Freedom from fear"
    assert subscription.confirmed_at is None
    assert list(Message.objects.values_list("kind", "subscription", "sent_at")) == [("confirm", subscription.pk, None)]
    assert "no-store" in response["Cache-Control"]


def test_the_same_selection_written_otherwise_is_one_subscription(client):
    client.post(
        SUBSCRIBE, {"email": "reader@example.org", "selection": "theme=freedom-from-want&theme=freedom-from-fear"}
    )
    client.post(
        SUBSCRIBE,
        {"email": "reader@example.org", "selection": "theme=freedom-from-fear&page=2&theme=freedom-from-want"},
    )

    assert Subscription.objects.get().selection == "theme=freedom-from-fear&theme=freedom-from-want"
    assert Message.objects.filter(kind="confirm").count() == 2


def test_the_answer_is_the_same_for_a_new_a_pending_and_a_confirmed_address(client):
    follow("known@example.org", confirmed=True)
    follow("pending@example.org")

    answers = {
        address: client.post(SUBSCRIBE, {"email": address, "selection": "theme=freedom-from-fear"})
        for address in ("known@example.org", "pending@example.org", "new@example.org")
    }

    bodies = {response.content.replace(address.encode(), b"ADDRESS") for address, response in answers.items()}
    assert len(bodies) == 1
    assert {response.status_code for response in answers.values()} == {HTTPStatus.OK}
    assert Message.objects.get(subscriber__email="known@example.org", kind="notice")
    assert Subscription.objects.get(subscriber__email="known@example.org").confirmed_at is not None


def test_requests_are_limited_per_client_address(client, settings):
    settings.ARCHIVE_ALERTS_REQUEST_LIMIT = 3
    follow("known@example.org", confirmed=True)
    Message.objects.all().delete()  # the set-up request does not count

    answers = [
        client.post(SUBSCRIBE, {"email": address, "selection": "theme=freedom-from-fear"})
        for address in ("known@example.org", "new@example.org", "known@example.org", "other@example.org")
    ]

    assert [response.status_code for response in answers] == [200, 200, 200, 429]
    assert answers[0].content.replace(b"known@", b"X@") == answers[1].content.replace(b"new@", b"X@")
    assert answers[3]["Retry-After"] == "3600"
    assert not Subscriber.objects.filter(email="other@example.org").exists()
    other_client = client.post(SUBSCRIBE, {"email": "x@example.org"}, REMOTE_ADDR="192.0.2.7")
    assert other_client.status_code == HTTPStatus.OK


def test_requests_are_limited_per_email_address_with_the_same_answer_known_or_not(client, settings):
    settings.ARCHIVE_ALERTS_REQUEST_LIMIT = 2
    follow("known@example.org", confirmed=True)
    Message.objects.all().delete()

    def ask(address, n):
        return client.post(SUBSCRIBE, {"email": address, "selection": "topic=use-of-force"}, REMOTE_ADDR=f"192.0.2.{n}")

    known = [ask("known@example.org", n).status_code for n in range(1, 4)]
    new = [ask("new@example.org", n).status_code for n in range(11, 14)]

    assert known == new == [200, 200, 429]
    assert ask("known@example.org", 20).content == ask("new@example.org", 21).content


def test_a_post_from_another_site_is_refused(client):
    refused = client.post(SUBSCRIBE, {"email": "reader@example.org"}, HTTP_ORIGIN="https://evil.example")
    null = client.post(SUBSCRIBE, {"email": "reader@example.org"}, HTTP_ORIGIN="null")

    assert refused.status_code == null.status_code == HTTPStatus.FORBIDDEN
    assert nothing_saved()
    own = client.post(SUBSCRIBE, {"email": "reader@example.org"}, HTTP_ORIGIN="http://testserver")
    assert own.status_code == HTTPStatus.OK


def test_the_subscribe_page_shows_an_accessible_form_for_the_selection(client):
    response = client.get(SUBSCRIBE, {"selection": "topic=use-of-force&page=2"})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Topic: Use of force" in html
    assert '<label for="subscribe-email">' in html and 'id="subscribe-email"' in html
    assert 'autocomplete="email"' in html and "required" in html
    assert '<input type="hidden" name="selection" value="topic=use-of-force">' in html
    assert client.get(SUBSCRIBE, {"selection": "topic=nothing"}).status_code == HTTPStatus.BAD_REQUEST


def test_the_include_renders_a_labelled_form_posting_to_subscribe():
    from django.template.loader import render_to_string

    html = render_to_string("alerts/_subscribe.html", {"alert_selection": "a=1&b=2", "alert_label": "Theme: X"})

    assert f'method="post" action="{SUBSCRIBE}"' in html
    assert (
        '<label for="alert-email">' in html and 'id="alert-email"' in html and 'autocomplete="email" required' in html
    )
    assert '<input type="hidden" name="selection" value="a=1&amp;b=2">' in html
    assert "Theme: X" in html
    assert render_to_string("alerts/_subscribe.html", {"alert_selection": None, "alert_label": "x"}).strip() == ""


def test_confirming_takes_a_post_and_a_get_changes_nothing(client):
    subscription = follow()
    url = reverse("alerts:confirm", kwargs={"token": subscription.confirm_token})

    page = client.get(url)
    subscription.refresh_from_db()
    assert page.status_code == HTTPStatus.OK and 'method="post"' in page.content.decode()
    assert subscription.confirmed_at is None

    assert client.post(url).status_code == HTTPStatus.OK
    subscription.refresh_from_db()
    confirmed_at = subscription.confirmed_at
    assert confirmed_at is not None
    client.post(url)
    subscription.refresh_from_db()
    assert subscription.confirmed_at == confirmed_at


def test_an_unknown_confirmation_link_is_a_404_page(client):
    response = client.get(reverse("alerts:confirm", kwargs={"token": "nothing-like-it"}))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "expired" in response.content.decode()


def test_an_expired_request_cannot_be_confirmed_and_the_sender_deletes_it(client, settings):
    subscription = follow()
    fresh = follow("fresh@example.org")
    Subscription.objects.filter(pk=subscription.pk).update(
        requested_at=timezone.now() - timedelta(hours=settings.ARCHIVE_ALERTS_CONFIRM_HOURS, minutes=1)
    )
    Message.objects.update(created_at=timezone.now() - timedelta(hours=2))  # no longer counted by the rate limit
    url = reverse("alerts:confirm", kwargs={"token": subscription.confirm_token})

    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert client.post(url).status_code == HTTPStatus.NOT_FOUND
    assert Subscription.objects.get(pk=subscription.pk).confirmed_at is None

    call_command("send_alerts", verbosity=0)

    assert list(Subscription.objects.all()) == [fresh]
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["fresh@example.org"]


def test_a_new_request_after_expiry_gives_a_new_link_and_the_old_one_stays_dead(client, settings):
    subscription = follow()
    Subscription.objects.update(
        requested_at=timezone.now() - timedelta(hours=settings.ARCHIVE_ALERTS_CONFIRM_HOURS + 1)
    )

    client.post(SUBSCRIBE, {"email": "reader@example.org", "selection": "theme=freedom-from-fear"})

    renewed = Subscription.objects.get()
    assert renewed.confirm_token != subscription.confirm_token
    assert client.get(reverse("alerts:confirm", kwargs={"token": subscription.confirm_token})).status_code == 404
    assert client.get(reverse("alerts:confirm", kwargs={"token": renewed.confirm_token})).status_code == 200


def test_unsubscribing_takes_a_one_click_post_and_a_get_changes_nothing(client):
    subscription = follow(confirmed=True)
    url = reverse("alerts:unsubscribe", kwargs={"token": subscription.unsubscribe_token})

    page = client.get(url)
    assert page.status_code == HTTPStatus.OK
    assert '<input type="hidden" name="List-Unsubscribe" value="One-Click">' in page.content.decode()
    assert client.post(url, {"other": "x"}).status_code == HTTPStatus.BAD_REQUEST
    assert Subscription.objects.exists()

    answer = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert answer.status_code == HTTPStatus.OK
    assert not Subscription.objects.exists()
    assert not Message.objects.exists()  # its queued message went with it
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == HTTPStatus.OK  # again: still gone
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_one_click_needs_no_csrf_token_but_confirm_and_manage_do():
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    subscription = follow(confirmed=True)
    pending = follow("pending@example.org")

    manage = subscription.subscriber.get_absolute_url()
    assert browser.post(manage, {"delete_all": "1"}).status_code == HTTPStatus.FORBIDDEN
    confirm = reverse("alerts:confirm", kwargs={"token": pending.confirm_token})
    assert browser.post(confirm).status_code == HTTPStatus.FORBIDDEN
    unsubscribe = reverse("alerts:unsubscribe", kwargs={"token": subscription.unsubscribe_token})
    assert browser.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == HTTPStatus.OK
    assert browser.post(SUBSCRIBE, {"email": "a@example.org"}).status_code == HTTPStatus.OK
    assert list(Subscription.objects.values_list("subscriber__email", flat=True).order_by("pk")) == [
        "pending@example.org",
        "a@example.org",
    ]


def test_the_manage_link_lists_removes_one_and_deletes_everything(client):
    first = follow(confirmed=True)
    second = follow(selection="topic=use-of-force")
    other = follow("someone-else@example.org", confirmed=True)
    url = first.subscriber.get_absolute_url()

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    assert "Theme: Freedom from fear" in html and "Topic: Use of force" in html
    assert "someone-else" not in html
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]

    removed = client.post(url, {"remove": second.pk})
    assert removed.status_code == HTTPStatus.FOUND
    assert list(Subscription.objects.filter(subscriber=first.subscriber)) == [first]
    assert client.post(url, {"remove": other.pk}).status_code == HTTPStatus.FOUND  # not this address's: untouched
    assert Subscription.objects.filter(pk=other.pk).exists()

    deleted = client.post(url, {"delete_all": "1"})
    assert deleted.status_code == HTTPStatus.OK
    assert not Subscriber.objects.filter(pk=first.subscriber_id).exists()
    assert not Subscription.objects.filter(subscriber_id=first.subscriber_id).exists()
    assert not Message.objects.filter(subscriber_id=first.subscriber_id).exists()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["someone-else@example.org"]
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND  # the link died with the address


@pytest.mark.parametrize(
    "tamper",
    [
        lambda signed: signed[:-2] + ("AA" if not signed.endswith("AA") else "BB"),
        lambda signed: "nonsense",
        lambda signed: signing.dumps([1, "wrong-key"], salt="alerts.manage"),
        lambda signed: signing.dumps("not a pair", salt="alerts.manage"),
        lambda signed: signing.dumps([1, "x"], salt="another.salt"),
    ],
)
def test_a_tampered_manage_link_is_a_404_page(client, tamper):
    subscription = follow(confirmed=True)

    response = client.get(reverse("alerts:manage", kwargs={"signed": tamper(subscription.subscriber.manage_token)}))
    posted = client.post(
        reverse("alerts:manage", kwargs={"signed": tamper(subscription.subscriber.manage_token)}), {"delete_all": "1"}
    )

    assert response.status_code == posted.status_code == HTTPStatus.NOT_FOUND
    assert Subscriber.objects.exists()


def test_a_tampered_message_unsubscribe_link_is_a_404_page(client):
    url = reverse("alerts:unsubscribe-message", kwargs={"signed": "WzEsIngiXQ:1xXwMd:b89Qx0ZuOHxN9F4kGrVQ"})

    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "selection",
    [
        "%",
        "%%%ff",
        "\x00=1",
        "theme=\x00",
        "q=" + "a" * 5000,
        "year_from=99999999999999999999",
        "&&=&",
        'q="open',
        "q=-",
    ],
)
def test_awkward_selections_are_read_or_refused_never_a_server_error(client, selection):
    posted = client.post(SUBSCRIBE, {"email": "a@example.org", "selection": selection})
    shown = client.get(SUBSCRIBE, {"selection": selection})

    assert posted.status_code in {HTTPStatus.OK, HTTPStatus.BAD_REQUEST}
    assert shown.status_code == posted.status_code


def test_the_form_on_a_theme_page_subscribes_to_that_theme(client, vocabulary):
    from tests.public_site import parse_page

    page = client.get(vocabulary["fear"].get_absolute_url())
    (form,) = [form for form in parse_page(page.content.decode())[1] if form["action"] == SUBSCRIBE]
    selection = re.search(r'name="selection" value="([^"]*)"', page.content.decode()).group(1)

    assert form["method"] == "post" and set(form["fields"]) == {"email", "selection"}
    response = client.post(SUBSCRIBE, {"email": "reader@example.org", "selection": html.unescape(selection)})

    assert response.status_code == HTTPStatus.OK
    assert Subscription.objects.get().label == "Theme: Freedom from fear"
