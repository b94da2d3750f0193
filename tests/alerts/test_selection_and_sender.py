"""What a subscription follows, and what the sender makes of it: canonical selections, labels, matching, alerts."""

import re
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts import sender
from alerts.models import AlertItem, Message, Subscriber, Subscription
from alerts.selection import read_selection
from panels.attribution import Stance
from tests.alerts.conftest import SITE, debate_with, permalink, publish
from tests.factories import make_participant

pytestmark = pytest.mark.django_db

STATEMENT_URL = re.compile(re.escape(SITE) + r"/debates/([a-z0-9-]+)/p(\d+)/s(\d+)/")


def confirmed(selection, email="reader@example.org"):
    """A confirmed subscription to ``selection``, as read by the subscribe form."""
    followed = read_selection(selection)
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    return Subscription.objects.create(
        subscriber=subscriber, selection=followed.query, label=followed.label, confirmed_at=timezone.now()
    )


@pytest.mark.parametrize(
    ("given", "query", "label"),
    [
        ("theme=freedom-from-fear", "theme=freedom-from-fear", "Theme: Freedom from fear"),
        ("?page=2&topic=use-of-force&stance=", "topic=use-of-force", "Topic: Use of force"),
        (
            "year_to=2011&theme=freedom-from-want&year_from=2008&theme=freedom-from-fear",
            "theme=freedom-from-fear&theme=freedom-from-want&year_from=2008&year_to=2011",
            "Theme: Freedom from fear or Freedom from want; From year: 2008; To year: 2011",
        ),
        (
            "stance=called-for&actor=member-state",
            "actor=member-state&stance=called-for",
            "Actor: Member State; Stance: Called for",
        ),
        ("q=human+%0Asecurity", "q=human+%0Asecurity", "Words: human security"),
        ("", "", "Every statement"),
    ],
)
def test_a_selection_is_read_into_one_canonical_form_and_a_label(vocabulary, given, query, label):
    followed = read_selection(given)

    assert (followed.query, followed.label) == (query, label)
    assert read_selection(followed.query) == followed


def test_a_participant_selection_is_labelled_with_the_name(vocabulary):
    participant = make_participant(name="Japan", slug="japan")
    debate, _ = debate_with([("Japan spoke.", {"participant": participant})])
    publish(debate)

    assert read_selection("participant=japan").label == "Named participant: Japan"


@pytest.mark.parametrize(
    ("given", "named"),
    [("theme=nothing", "theme"), ("year_from=12", "year_from"), ("foo=1", "foo"), ("debate=x", "debate")],
)
def test_a_bad_selection_names_the_parameter(vocabulary, given, named):
    with pytest.raises(ValidationError) as refused:
        read_selection(given)

    assert any(f"“{named}”" in message for message in refused.value.messages)


def test_a_two_parameter_selection_alerts_exactly_the_explorer_s_statements(client, smtp, vocabulary):
    fear, want = {"themes": ["freedom-from-fear"]}, {"themes": ["freedom-from-want"]}
    selection = "theme=freedom-from-fear&stance=called-for"
    subscription = confirmed(selection)
    debate, statements = debate_with(
        [
            ("Some called for fear's end.", {**fear, "stance": Stance.CALLED_FOR}),
            ("Some noted fear.", {**fear, "stance": Stance.SUGGESTED}),
            ("Some called for want's end.", {**want, "stance": Stance.CALLED_FOR}),
            (
                "Some called for both.",
                {"themes": ["freedom-from-fear", "freedom-from-want"], "stance": Stance.CALLED_FOR},
            ),
        ]
    )
    publish(debate)

    call_command("send_alerts", verbosity=0)

    (alert,) = smtp.inbox.messages
    alerted = {(int(number), int(order)) for _, number, order in STATEMENT_URL.findall(alert.get_content())}
    assert alerted == {(1, 1), (4, 1)}  # by hand: the first and the last statements
    explorer = client.get(f"/interventions/?{subscription.selection}")
    assert explorer.status_code == HTTPStatus.OK
    listed = {
        (int(number), int(order))
        for number, order in re.findall(rf"/debates/{debate.slug}/#p(\d+)-s(\d+)", explorer.content.decode())
    }
    assert listed == alerted
    assert {permalink(statements[0]), permalink(statements[3])} <= set(
        re.findall(re.escape(SITE) + r"/debates/\S+/", alert.get_content())
    )


def test_an_alert_lists_at_most_20_statements_a_debate_and_links_to_the_rest(smtp, vocabulary):
    confirmed("theme=freedom-from-fear")
    debate, statements = debate_with([(f"Fear, point {n}.", {"themes": ["freedom-from-fear"]}) for n in range(1, 24)])
    publish(debate)

    call_command("send_alerts", verbosity=0)

    (alert,) = smtp.inbox.messages
    text = alert.get_content()
    assert STATEMENT_URL.findall(text) == [(debate.slug, str(n), "1") for n in range(1, 21)]
    assert f"And 3 more: {SITE}/interventions/?theme=freedom-from-fear&debate={debate.slug}" in text


def test_composing_twice_composes_once_and_the_constraint_refuses_a_second_item(vocabulary):
    subscription = confirmed("theme=freedom-from-fear")
    debate, _ = debate_with([("Fear.", {"themes": ["freedom-from-fear"]})])
    publish(debate)

    assert sender.compose() == 1
    assert sender.compose() == 0

    message = Message.objects.get(kind="alert")
    with pytest.raises(IntegrityError), transaction.atomic():
        AlertItem.objects.create(message=message, subscription=subscription, debate=debate)


def test_a_debate_published_before_the_confirmation_is_not_alerted(smtp, vocabulary):
    debate, _ = debate_with([("Fear.", {"themes": ["freedom-from-fear"]})])
    publish(debate)
    confirmed("theme=freedom-from-fear")

    call_command("send_alerts", verbosity=0)

    assert smtp.inbox.messages == []


def test_a_selection_that_no_longer_reads_composes_nothing(vocabulary):
    participant = make_participant(slug="gone")
    old, _ = debate_with([("Spoken.", {"participant": participant})])
    publish(old)
    subscription = confirmed("participant=gone")
    old.status = "withdrawn"
    old.save()  # the participant is in no published debate any more: the explorer refuses the parameter

    debate, _ = debate_with([("Fear.", {"themes": ["freedom-from-fear"]})])
    publish(debate)

    assert sender.compose() == 0
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_each_message_has_a_stable_message_id_of_the_site(settings, vocabulary):
    settings.ARCHIVE_SITE_URL = "https://archive.example.org"
    subscription = confirmed("theme=freedom-from-fear")
    message = Message.objects.create(subscriber=subscription.subscriber, kind="notice", subscription=subscription)

    first = message.message_id
    again = Message.objects.get(pk=message.pk).message_id

    assert first == again
    assert re.fullmatch(rf"<notice-{message.pk}\.\d{{14}}@archive\.example\.org>", first)


def test_a_message_that_fails_too_often_is_given_up(smtp, settings, vocabulary):
    from tests.alerts.conftest import free_port

    settings.EMAIL_PORT = free_port()
    subscription = confirmed("theme=freedom-from-fear")
    Message.objects.create(subscriber=subscription.subscriber, kind="notice", subscription=subscription)

    for _ in range(sender.MAX_ATTEMPTS + 2):
        Message.objects.update(next_attempt_at=timezone.now())
        sender.deliver_due()

    message = Message.objects.get()
    assert message.attempts == sender.MAX_ATTEMPTS
    assert message.sent_at is None and message.claimed_at is None
    settings.EMAIL_PORT = smtp.port
    Message.objects.update(next_attempt_at=timezone.now())
    sender.deliver_due()
    assert smtp.inbox.messages == []


def test_retries_wait_longer_each_time():
    delays = [sender.retry_delay(attempts).total_seconds() for attempts in range(1, 8)]

    assert delays == [60, 240, 960, 3840, 15360, 43200, 43200]
