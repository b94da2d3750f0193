"""The outbox: compose alerts for newly published debates, and send every queued message at most once.

Three steps, each safe to run in several processes at once and to run again after a crash
(``manage.py send_alerts`` runs them in order; docs/alerts.md):

1. :func:`expire`: unconfirmed subscriptions past the confirmation window are deleted, and
   addresses left with nothing.
2. :func:`compose`: for each confirmed subscription, each published debate it has not been told
   about, published since it was confirmed, with a statement it selects, becomes an
   :class:`~alerts.models.AlertItem` of one new alert per address. The items' unique constraint
   (subscription, debate) makes a second composition of the same pair fail, so it never happens.
3. :func:`deliver_due`: each message is *claimed* by one conditional ``UPDATE``, committed before the
   mail server is reached, rendered from the data of that moment, sent, then marked sent. A
   message whose sender died between the claim and the mark is never sent again (at most once):
   :func:`stranded` lists them.
"""

import contextlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, router, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext

from debates.models import Debate

from .models import AlertItem, Message, Subscriber, Subscription, absolute
from .selection import matching_statements, read_selection

logger = logging.getLogger(__name__)

# A failed message is tried again after 1, 4, 16, 64 minutes, … (at most 12 hours apart), 8 times in all.
MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 60
MAX_RETRY_SECONDS = 12 * 60 * 60
# An alert lists at most this many statements per debate, then links to the explorer for the rest.
STATEMENTS_PER_DEBATE = 20
# A claim older than this, never marked sent, belongs to a sender that died mid-send.
STRANDED_AFTER = timedelta(minutes=10)


@dataclass
class Outcome:
    """What one run did, for the command's one-line summary."""

    expired: int = 0
    composed: int = 0
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    stranded: list = field(default_factory=list)

    def __str__(self):
        return (
            f"composed {self.composed}, sent {self.sent}, failed {self.failed}, cancelled {self.cancelled}, "
            f"expired {self.expired}, stranded {len(self.stranded)}"
        )


def retry_delay(attempts):
    """How long to wait before attempt ``attempts + 1``, after ``attempts`` failures."""
    return timedelta(seconds=min(FIRST_RETRY_SECONDS * 4 ** (attempts - 1), MAX_RETRY_SECONDS))


def expire():
    """Delete unconfirmed subscriptions past the confirmation window, and addresses left with nothing.

    Returns how many subscriptions were deleted.
    """
    _, deleted = Subscription.objects.expired().delete()
    hour_ago = timezone.now() - timedelta(hours=1)  # recent requests still count against the rate limit
    Subscriber.objects.orphaned(requests_since=hour_ago).delete()
    return deleted.get(Subscription._meta.label, 0)


def compose():
    """Queue one alert per address for the debates published since its subscriptions were confirmed.

    Returns how many alerts were queued. Drafts and withdrawn debates are never looked at.
    """
    composed = 0
    confirmed = Subscription.objects.confirmed().order_by("subscriber_id", "pk")
    for subscriber_id, subscriptions in groupby(confirmed, key=lambda subscription: subscription.subscriber_id):
        found = [(subscription, debate) for subscription in subscriptions for debate in new_debates(subscription)]
        if not found:
            continue
        try:
            with transaction.atomic():
                message = Message.objects.create(subscriber_id=subscriber_id, kind=Message.Kind.ALERT)
                AlertItem.objects.bulk_create(
                    AlertItem(message=message, subscription=subscription, debate=debate)
                    for subscription, debate in found
                )
        except IntegrityError:
            # Another run composed one of these pairs first: they are its to send; the rest come next run.
            logger.info("Alerts for subscriber %s were composed by another run meanwhile.", subscriber_id)
            continue
        composed += 1
    return composed


def new_debates(subscription):
    """The published debates ``subscription`` has not been told about, published since it was confirmed, with a
    statement it selects."""
    statements = matching_statements(subscription.selection)
    if statements is None:
        logger.warning(
            "Subscription %s no longer reads (%r): nothing composed for it.", subscription.pk, subscription.selection
        )
        return []
    told = AlertItem.objects.filter(subscription=subscription, debate=OuterRef("pk"))
    return list(
        Debate.objects.published()
        .filter(published_at__gte=subscription.confirmed_at)
        .filter(Exists(statements.filter(debate=OuterRef("pk"))))
        .exclude(Exists(told))
        .order_by("start_date", "pk")
    )


def deliver_due():
    """Send every message that is due; returns an :class:`Outcome` (without expired and composed)."""
    outcome = Outcome()
    due = list(Message.objects.due(MAX_ATTEMPTS).order_by("next_attempt_at", "pk").values_list("pk", flat=True))
    connection = get_connection()
    for pk in due:
        result = deliver(pk, connection=connection)
        if result is not None:
            setattr(outcome, result, getattr(outcome, result) + 1)
    return outcome


def stranded():
    """Messages claimed a while ago and never marked sent: their sender died mid-send. They are not resent."""
    return list(Message.objects.stranded(timezone.now() - STRANDED_AFTER).order_by("claimed_at", "pk"))


def deliver(pk, *, connection=None):
    """Claim message ``pk``, render it from current data and send it.

    Returns "sent", "failed", "cancelled" (nothing left to say: deleted) or None (someone else has it).
    """
    if not claim(pk):
        return None
    message = Message.objects.select_related("subscriber", "subscription").filter(pk=pk).first()
    if message is None:  # its subscription was deleted meanwhile, and the message with it
        return "cancelled"
    try:
        with translation.override(message.subscriber.language):
            email = render(message)
        if email is None:
            message.delete()
            return "cancelled"
        sent = (connection or get_connection()).send_messages([email])
        if not sent:
            raise OSError("the mail backend sent nothing")
    except Exception as error:
        # The server refused it, could not be reached, or it could not be rendered: nothing was sent, so
        # it is given back to be tried again later.
        release(message, error)
        return "failed"
    Message.objects.filter(pk=pk).update(sent_at=timezone.now())
    return "sent"


def deliver_quietly(pk):
    """Try to send message ``pk`` now, from a request: on failure it stays queued for ``send_alerts``."""
    try:
        deliver(pk)
    except Exception:
        logger.exception("Message %s could not be sent at once; send_alerts will try again.", pk)


def claim(pk):
    """Take message ``pk`` for this process, in one conditional UPDATE committed at once: True if it is ours."""
    primary = router.db_for_write(Message)
    with transaction.atomic(using=primary):
        rows = Message.objects.using(primary).filter(pk=pk, claimed_at__isnull=True, sent_at__isnull=True)
        return rows.update(claimed_at=timezone.now()) == 1


def release(message, error):
    """Give back a message whose sending failed, to be tried again later; give up after :data:`MAX_ATTEMPTS`."""
    attempts = message.attempts + 1
    Message.objects.filter(pk=message.pk).update(
        claimed_at=None,
        attempts=attempts,
        next_attempt_at=timezone.now() + retry_delay(attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    if attempts >= MAX_ATTEMPTS:
        logger.error("Gave up on message %s after %d attempts: %s", message.pk, attempts, error)
    else:
        logger.warning("Message %s not sent (attempt %d): %s", message.pk, attempts, error)


def render(message):
    """The email for ``message`` as things are now, or None when there is nothing left to send.

    Its subject and body are written in the active language, its links lead to the pages in it (/fr/…):
    :func:`deliver` renders it in the subscriber's.
    """
    if message.kind == Message.Kind.ALERT:
        return render_alert(message)
    subscription = relabelled(message.subscription)
    if message.kind == Message.Kind.CONFIRM:
        if subscription.is_confirmed or subscription.requested_at < Subscription.objects.confirm_cutoff():
            return None
        # Translators: the subject of the email asking to confirm an email alert; %(label)s says what it follows.
        subject = gettext("Confirm your alert: %(label)s") % {"label": subscription.label}
    else:
        if not subscription.is_confirmed:
            return None
        # Translators: the subject of the email saying the address already follows %(label)s (an email alert).
        subject = gettext("You already follow: %(label)s") % {"label": subscription.label}
    context = {"subscription": subscription, "manage_url": manage_url(message.subscriber), **_site()}
    body = render_to_string(f"alerts/email/{message.kind}.txt", context)
    return _email(message, subject, body, unsubscribe_url=subscription.unsubscribe_url)


def relabelled(subscription):
    """``subscription`` with its label in the active language, read afresh from its selection.

    The stored label is in the language the request was made in; the address may have asked in another since.
    A selection that no longer reads (a term since removed) keeps its stored label.
    """
    with contextlib.suppress(ValidationError):
        subscription.label = read_selection(subscription.selection).label
    return subscription


def render_alert(message):
    """The alert's sections, one per subscription, with what each selects in the debates still published.

    Items whose debate is no longer published, or no longer has a statement the selection keeps, are
    deleted: a later publication may then alert about the debate again.
    """
    items = list(
        message.items.select_related("debate", "subscription").order_by(
            "subscription_id", "debate__start_date", "debate_id"
        )
    )
    sections, dropped = [], []
    for subscription, its_items in groupby(items, key=lambda item: item.subscription):
        subscription = relabelled(subscription)
        statements = matching_statements(subscription.selection)
        debates = []
        for item in its_items:
            found = [] if statements is None or not item.debate.is_published else _listed(statements, item.debate)
            if not found:
                dropped.append(item.pk)
                continue
            shown = found[:STATEMENTS_PER_DEBATE]
            more = len(found) - len(shown)
            debates.append(
                {
                    "debate": item.debate,
                    "url": absolute(item.debate.get_absolute_url()),
                    "statements": [
                        {
                            "text": statement.text,
                            "origin": statement.get_text_origin_display(),
                            "url": absolute(statement.permalink),
                        }
                        for statement in shown
                    ],
                    "more": more,
                    "more_url": _explorer_url(subscription.selection, debate=item.debate.slug),
                }
            )
        if debates:
            sections.append({"subscription": subscription, "debates": debates})
    if dropped:
        AlertItem.objects.filter(pk__in=dropped).delete()
    if not sections:
        return None
    if len(sections) == 1:
        # Translators: the subject of an email alert; %(label)s says what the alert follows.
        subject = gettext("New in the Human Security Debates Archive: %(label)s") % {
            "label": sections[0]["subscription"].label
        }
        unsubscribe_url = sections[0]["subscription"].unsubscribe_url
    else:
        # Translators: the subject of an email grouping several email alerts of one address (always 2 or more).
        subject = ngettext(
            "New in the Human Security Debates Archive: %(count)s of your alerts",
            "New in the Human Security Debates Archive: %(count)s of your alerts",
            len(sections),
        ) % {"count": len(sections)}
        unsubscribe_url = absolute(reverse("alerts:unsubscribe-message", kwargs={"signed": message.unsubscribe_token}))
    context = {
        "sections": sections,
        "manage_url": manage_url(message.subscriber),
        "unsubscribe_url": unsubscribe_url,
        **_site(),
    }
    return _email(
        message, subject, render_to_string("alerts/email/alert.txt", context), unsubscribe_url=unsubscribe_url
    )


def manage_url(subscriber):
    return absolute(subscriber.get_absolute_url())


def _listed(statements, debate):
    return list(
        statements.filter(debate=debate).select_related("debate", "paragraph").order_by("paragraph__number", "order")
    )


def _explorer_url(selection, **extra):
    query = "&".join(part for part in (selection, urlencode(extra)) if part)
    return absolute(f"{reverse('public:intervention-list')}?{query}")


def _site():
    return {"site_url": settings.ARCHIVE_SITE_URL}


def _email(message, subject, body, *, unsubscribe_url):
    """The message with the headers of a list: RFC 2369 ``List-Unsubscribe`` and RFC 8058 one-click."""
    subject = " ".join(subject.split())
    return EmailMultiAlternatives(
        subject=subject if len(subject) <= 200 else subject[:199] + "…",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.subscriber.email],
        headers={
            "Message-ID": message.message_id,
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
