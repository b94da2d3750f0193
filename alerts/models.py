"""Email alerts: an address, the explorer selections it follows, and the messages queued for it.

Only what the alerts need is kept: the address, what it follows and the random tokens of its links.
No name, no IP address, and no message text: every message is rendered from current data when it is
sent (alerts/sender.py), so nothing withdrawn or out of date goes out.
"""

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from debates.models import Debate

MANAGE_SALT = "alerts.manage"
MESSAGE_UNSUBSCRIBE_SALT = "alerts.unsubscribe-message"


def new_token():
    """A random token for a link: 256 bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def normalise_email(address):
    """``address`` without surrounding spaces and with its domain in lower case (RFC 5321: the local part is the
    receiving server's to read, so its case is kept)."""
    local, at, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if at else address.strip()


def absolute(path):
    """``path`` on the site's own address (``ARCHIVE_SITE_URL``): links in messages are read outside any request."""
    return f"{settings.ARCHIVE_SITE_URL}{path}"


def site_host():
    return urlsplit(settings.ARCHIVE_SITE_URL).hostname or "localhost"


class SubscriberQuerySet(models.QuerySet):
    def from_manage_token(self, signed):
        """The subscriber a manage link names, or None when the signature is bad or the address was deleted."""
        try:
            pk, key = signing.loads(signed, salt=MANAGE_SALT)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        return self.filter(pk=pk, key=key).first()

    def orphaned(self, requests_since):
        """Addresses that follow nothing and asked for nothing since ``requests_since`` (recent requests still
        count against the rate limit). What they may have queued is moot: it went with their subscriptions."""
        recent = Message.objects.filter(subscriber=OuterRef("pk"), created_at__gte=requests_since)
        return self.exclude(Exists(Subscription.objects.filter(subscriber=OuterRef("pk")))).exclude(Exists(recent))


class Subscriber(models.Model):
    """An email address that asked for alerts. Deleting it deletes its subscriptions and messages."""

    email = models.EmailField(
        max_length=254, unique=True, help_text="As given, without surrounding spaces, the domain in lower case."
    )
    key = models.CharField(
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        help_text="Random; the signed manage link carries it, so that link stops working once the address is deleted.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    language = models.CharField(
        max_length=10,
        default="en",
        help_text="The language its messages are written in (settings.LANGUAGES): that of its last request's page.",
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email

    def get_absolute_url(self):
        return reverse("alerts:manage", kwargs={"signed": self.manage_token})

    @property
    def manage_token(self):
        return signing.dumps([self.pk, self.key], salt=MANAGE_SALT)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def confirm_cutoff(self):
        """Requests made before this moment, and still unconfirmed, have expired."""
        return timezone.now() - timedelta(hours=settings.ARCHIVE_ALERTS_CONFIRM_HOURS)

    def expired(self):
        return self.pending().filter(requested_at__lt=self.confirm_cutoff())

    def confirmable(self):
        return self.pending().filter(requested_at__gte=self.confirm_cutoff())


class Subscription(models.Model):
    """One address following one explorer selection (alerts/selection.py), once the address has confirmed it."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    selection = models.CharField(
        max_length=2000,
        blank=True,
        help_text="The explorer's query string in canonical form (sorted, no page, no empty values); "
        "empty: every statement.",
    )
    label = models.CharField(
        max_length=300, help_text="What the selection is, in words, e.g. 'Theme: Freedom from fear'."
    )
    confirm_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    requested_at = models.DateTimeField(
        default=timezone.now, help_text="The last request for it: an unconfirmed subscription expires from here."
    )
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the address confirmed it; alerts cover debates published since."
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["subscriber", "label", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "selection"], name="alerts_subscription_unique_selection"),
        ]
        indexes = [models.Index(fields=["confirmed_at", "requested_at"], name="alerts_subscription_state_idx")]

    def __str__(self):
        return f"{self.subscriber} follows {self.label}"

    def get_absolute_url(self):
        """The explorer showing what it follows."""
        path = reverse("public:intervention-list")
        return f"{path}?{self.selection}" if self.selection else path

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def confirm_url(self):
        return absolute(reverse("alerts:confirm", kwargs={"token": self.confirm_token}))

    @property
    def unsubscribe_url(self):
        return absolute(reverse("alerts:unsubscribe", kwargs={"token": self.unsubscribe_token}))


class MessageQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def due(self, max_attempts):
        """Messages to send now: unsent, unclaimed, their next attempt due, not given up on."""
        return self.unsent().filter(
            claimed_at__isnull=True, next_attempt_at__lte=timezone.now(), attempts__lt=max_attempts
        )

    def stranded(self, claimed_before):
        """Claimed before ``claimed_before`` and never marked sent: a sender died while sending them."""
        return self.unsent().filter(claimed_at__lt=claimed_before)

    def requests_for(self, email, since):
        """The subscription requests for ``email`` since ``since``: each one queued a confirmation or a notice."""
        return self.filter(
            subscriber__email=email, kind__in=[Message.Kind.CONFIRM, Message.Kind.NOTICE], created_at__gte=since
        )


class Message(models.Model):
    """A message in the outbox. Its text is rendered when it is sent, from the data of that moment.

    A sender *claims* a message (sets ``claimed_at`` with one conditional UPDATE, committed) before it
    talks to the mail server, and sets ``sent_at`` after: a claimed message is never sent by anyone else.
    """

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirmation request"
        NOTICE = "notice", "Already subscribed"
        ALERT = "alert", "Alert"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        help_text="The subscription a confirmation or notice is about; an alert lists its own (AlertItem).",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When a sender took it to send it.")
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Failed attempts to send it.")
    next_attempt_at = models.DateTimeField(default=timezone.now, help_text="Not tried again before this.")
    last_error = models.TextField(blank=True, help_text="What the mail server answered to the last failed attempt.")

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["confirm", "notice", "alert"]), name="alerts_message_kind"),
            models.CheckConstraint(
                condition=Q(kind="alert", subscription__isnull=True)
                | (~Q(kind="alert") & Q(subscription__isnull=False)),
                name="alerts_message_subscription_by_kind",
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="alerts_message_due_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.subscriber} ({'sent' if self.sent_at else 'queued'})"

    def get_absolute_url(self):
        return self.subscriber.get_absolute_url()

    @property
    def message_id(self):
        """A stable ``Message-ID``: the same message always has the same one, and no two messages share one."""
        return f"<{self.kind}-{self.pk}.{self.created_at:%Y%m%d%H%M%S}@{site_host()}>"

    @property
    def unsubscribe_token(self):
        """Signed: removes every subscription this alert lists (RFC 8058 one-click for a digest)."""
        return signing.dumps([self.pk, self.subscriber.key], salt=MESSAGE_UNSUBSCRIBE_SALT)

    @classmethod
    def from_unsubscribe_token(cls, signed):
        try:
            pk, key = signing.loads(signed, salt=MESSAGE_UNSUBSCRIBE_SALT)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        return cls.objects.filter(pk=pk, subscriber__key=key, kind=cls.Kind.ALERT).first()


class AlertItem(models.Model):
    """One debate an alert tells one subscription about. There is at most one per subscription and debate: the
    constraint is what keeps two runs of the sender from alerting about a debate twice."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="items")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="alert_items")
    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="alert_items")

    class Meta:
        ordering = ["message", "subscription", "debate__start_date", "debate_id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "debate"], name="alerts_item_once_per_debate"),
        ]

    def __str__(self):
        return f"{self.debate} for {self.subscription}"

    def get_absolute_url(self):
        return self.debate.get_absolute_url()
