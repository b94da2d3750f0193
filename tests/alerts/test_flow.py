"""End to end against a real SMTP server on loopback: subscribe, confirm, alert, unsubscribe, and nothing twice.

These tests commit (``transaction=True``), as the site does: the confirmation is sent after the commit of
the request that asked for it, and the sender claims each message in a transaction of its own.
"""

import re
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from alerts.models import AlertItem, Message, Subscription
from tests.alerts.conftest import SITE, debate_with, permalink, publish, withdraw

# serialized_rollback: the vocabulary the migrations create is put back for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADDRESS = "reader@example.org"
STATEMENT_URL = re.compile(re.escape(SITE) + r"/debates/[a-z0-9-]+/p\d+/s\d+/")


def subscribe(client, selection, address=ADDRESS):
    return client.post(reverse("alerts:subscribe"), {"email": address, "selection": selection})


def link_in(message, name):
    """The one link to the alerts' ``name`` view (confirm, unsubscribe, manage) in a message's text."""
    found = re.findall(re.escape(SITE) + rf"/alerts/{name}/[^\s>]+/", message.get_content())
    assert len(set(found)) == 1, found
    return found[0]


def one_click(client, url):
    return client.post(
        urlsplit(url).path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )


def header_url(message, name):
    value = str(message[name]).strip()  # a long header is folded after its name: unfolded, a space stays
    assert value.startswith("<") and value.endswith(">"), value
    return value[1:-1]


def test_subscribe_confirm_alert_unsubscribe(client, smtp, vocabulary):
    fear = {"themes": ["freedom-from-fear"]}
    want = {"themes": ["freedom-from-want"]}

    response = subscribe(client, "theme=freedom-from-fear")

    assert response.status_code == HTTPStatus.OK
    assert [message["To"] for message in smtp.inbox.messages] == [ADDRESS]
    confirmation = smtp.inbox.messages[0]
    assert confirmation["Subject"] == "Confirm your alert: Theme: Freedom from fear"
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    confirm_url = link_in(confirmation, "confirm")

    # Before the address confirms, nothing but the confirmation is sent, a matching debate published or not.
    early, _ = debate_with([("Early words on fear.", fear)])
    publish(early)
    call_command("send_alerts")
    assert len(smtp.inbox.messages) == 1
    assert client.get(urlsplit(confirm_url).path).status_code == HTTPStatus.OK
    assert Subscription.objects.get().confirmed_at is None  # the GET only shows the button

    assert client.post(urlsplit(confirm_url).path).status_code == HTTPStatus.OK
    assert Subscription.objects.get().confirmed_at is not None

    debate, (matching, other, also_matching) = debate_with(
        [
            ("Fear is at issue.", fear),
            ("Want is at issue.", want),
            ("Both fear and want.", {"themes": ["freedom-from-fear", "freedom-from-want"]}),
        ]
    )
    draft, _ = debate_with([("A draft on fear.", fear)])
    publish(debate)
    call_command("send_alerts")

    assert len(smtp.inbox.messages) == 2
    alert = smtp.inbox.messages[1]
    assert alert["To"] == ADDRESS
    assert alert["Subject"] == "New in the Human Security Debates Archive: Theme: Freedom from fear"
    text = alert.get_content()
    assert sorted(set(STATEMENT_URL.findall(text))) == sorted([permalink(matching), permalink(also_matching)])
    assert debate.title in text and early.title not in text and draft.title not in text
    assert "Official UN text" in text or "The archive's account" in text
    unsubscribe_url = header_url(alert, "List-Unsubscribe")
    assert unsubscribe_url == f"{SITE}/alerts/unsubscribe/{Subscription.objects.get().unsubscribe_token}/"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert alert["Message-ID"].endswith("@archive.example.org>")

    # A second run sends nothing again.
    call_command("send_alerts")
    assert len(smtp.inbox.messages) == 2

    response = one_click(client, unsubscribe_url)
    assert response.status_code == HTTPStatus.OK
    assert not Subscription.objects.exists()

    later, _ = debate_with([("More fear.", fear)])
    publish(later)
    call_command("send_alerts")
    assert len(smtp.inbox.messages) == 2


def test_publish_then_withdraw_before_the_send_sends_nothing(client, smtp, vocabulary):
    subscribe(client, "theme=freedom-from-fear")
    client.post(urlsplit(link_in(smtp.inbox.messages[0], "confirm")).path)
    smtp.inbox.clear()
    debate, _ = debate_with([("Fear again.", {"themes": ["freedom-from-fear"]})])

    publish(debate)
    withdraw(debate)
    call_command("send_alerts")

    assert smtp.inbox.messages == []
    assert not Message.objects.filter(kind=Message.Kind.ALERT).exists()


def test_withdrawn_after_composing_but_before_sending_cancels_the_alert_and_can_alert_again(client, smtp, vocabulary):
    from alerts import sender

    subscribe(client, "theme=freedom-from-fear")
    client.post(urlsplit(link_in(smtp.inbox.messages[0], "confirm")).path)
    smtp.inbox.clear()
    debate, (statement,) = debate_with([("Fear again.", {"themes": ["freedom-from-fear"]})])
    publish(debate)
    assert sender.compose() == 1

    withdraw(debate)
    call_command("send_alerts")

    assert smtp.inbox.messages == []
    assert not Message.objects.filter(kind=Message.Kind.ALERT).exists()
    assert not AlertItem.objects.exists()

    publish(debate)  # published again: its first publication date stands, after the confirmation
    call_command("send_alerts")
    assert len(smtp.inbox.messages) == 1
    assert STATEMENT_URL.findall(smtp.inbox.messages[0].get_content()) == [permalink(statement)]


def test_a_draft_never_triggers_a_message(client, smtp, vocabulary):
    subscribe(client, "theme=freedom-from-fear")
    client.post(urlsplit(link_in(smtp.inbox.messages[0], "confirm")).path)
    smtp.inbox.clear()
    debate_with([("A draft on fear.", {"themes": ["freedom-from-fear"]})])
    in_review, _ = debate_with([("Fear in review.", {"themes": ["freedom-from-fear"]})], status="in-review")

    call_command("send_alerts")

    assert smtp.inbox.messages == []


def test_an_already_subscribed_address_gets_a_notice_and_the_same_answer(client, smtp, vocabulary):
    first = subscribe(client, "theme=freedom-from-fear", address="first@example.org")
    client.post(urlsplit(link_in(smtp.inbox.messages[0], "confirm")).path)
    smtp.inbox.clear()

    again = subscribe(client, "theme=freedom-from-fear", address="first@example.org")
    fresh = subscribe(client, "theme=freedom-from-fear", address="other@example.org")

    # The visitor's answer does not say whether the address already follows the selection.
    assert again.status_code == fresh.status_code == first.status_code == HTTPStatus.OK
    assert again.content.replace(b"first@", b"X@") == fresh.content.replace(b"other@", b"X@")
    assert again.content == first.content
    notice, confirmation = sorted(smtp.inbox.messages, key=lambda message: message["To"])
    assert notice["To"] == "first@example.org" and "already follows" in notice.get_content()
    assert "/alerts/confirm/" not in notice.get_content()
    assert "/alerts/manage/" in notice.get_content()
    assert confirmation["To"] == "other@example.org" and "/alerts/confirm/" in confirmation.get_content()


def test_several_alerts_of_one_address_come_in_one_message_that_one_click_stops(client, smtp, vocabulary):
    subscribe(client, "theme=freedom-from-fear")
    subscribe(client, "topic=responsibility-to-protect")
    for message in smtp.inbox.messages:
        client.post(urlsplit(link_in(message, "confirm")).path)
    smtp.inbox.clear()
    debate, (fear, climate) = debate_with(
        [
            ("Fear is at issue.", {"themes": ["freedom-from-fear"]}),
            ("The climate.", {"topics": ["responsibility-to-protect"]}),
        ]
    )

    publish(debate)
    call_command("send_alerts")

    (alert,) = smtp.inbox.messages
    assert alert["Subject"] == "New in the Human Security Debates Archive: 2 of your alerts"
    text = alert.get_content()
    assert "== Theme: Freedom from fear ==" in text and "== Topic: Responsibility to protect ==" in text
    assert sorted(STATEMENT_URL.findall(text)) == sorted([permalink(fear), permalink(climate)])
    url = header_url(alert, "List-Unsubscribe")
    assert urlsplit(url).path.startswith("/alerts/unsubscribe/message/")

    assert client.get(urlsplit(url).path).status_code == HTTPStatus.OK
    assert Subscription.objects.count() == 2
    assert one_click(client, url).status_code == HTTPStatus.OK
    assert not Subscription.objects.exists()


def test_an_smtp_failure_leaves_the_message_queued_and_a_later_run_sends_it_once(client, smtp, settings, vocabulary):
    from tests.alerts.conftest import free_port

    settings.EMAIL_PORT = free_port()  # nothing listens there: the connection is refused

    response = subscribe(client, "theme=freedom-from-fear")

    assert response.status_code == HTTPStatus.OK  # the visitor does not see the mail server's failure
    message = Message.objects.get()
    assert message.sent_at is None and message.claimed_at is None and message.attempts == 1
    assert "refused" in message.last_error.lower() or "connect" in message.last_error.lower()
    assert message.next_attempt_at > message.created_at

    call_command("send_alerts")  # not due yet
    assert Message.objects.get().attempts == 1

    Message.objects.update(next_attempt_at=message.created_at)  # the delay has passed
    call_command("send_alerts")
    message.refresh_from_db()
    assert message.attempts == 2 and message.sent_at is None

    settings.EMAIL_PORT = smtp.port  # the server is back
    Message.objects.update(next_attempt_at=message.created_at)
    call_command("send_alerts")
    call_command("send_alerts")

    assert len(smtp.inbox.messages) == 1
    assert Message.objects.get().sent_at is not None


def test_a_message_claimed_but_never_marked_sent_is_not_sent_again(client, smtp, vocabulary, capsys):
    from datetime import timedelta

    from django.utils import timezone

    subscribe(client, "theme=freedom-from-fear")
    client.post(urlsplit(link_in(smtp.inbox.messages[0], "confirm")).path)
    smtp.inbox.clear()
    debate, _ = debate_with([("Fear.", {"themes": ["freedom-from-fear"]})])
    publish(debate)
    from alerts import sender

    sender.compose()
    # A sender claimed it, then died before marking it sent: it may have gone out.
    Message.objects.filter(kind=Message.Kind.ALERT).update(claimed_at=timezone.now() - timedelta(hours=1))

    call_command("send_alerts")
    call_command("send_alerts")

    assert smtp.inbox.messages == []
    assert Message.objects.filter(kind=Message.Kind.ALERT, sent_at=None).count() == 1
    assert "never marked sent" in capsys.readouterr().err
    assert AlertItem.objects.count() == 1  # and nothing new is composed for the same debate
