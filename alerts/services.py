"""The writes of the alerts: ask to follow a selection, confirm it, stop it, delete an address."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from .models import Message, Subscriber, Subscription, new_token


def requests_over_limit(email):
    """Whether ``email`` has had ``ARCHIVE_ALERTS_REQUEST_LIMIT`` subscription requests within the last hour.

    Every request, for a new selection or one already followed, queued one message, so the count says nothing
    about what the address follows.
    """
    hour_ago = timezone.now() - timedelta(hours=1)
    return Message.objects.requests_for(email, hour_ago).count() >= settings.ARCHIVE_ALERTS_REQUEST_LIMIT


def subscription_request(*, email, selection, language=None):
    """Ask for ``email`` to follow ``selection`` (a :class:`alerts.selection.FollowedSelection`); queue the message.

    ``language`` (the active one by default) is the language of the page the request came from: every message to
    the address is written in it from now on.

    A new or unconfirmed subscription gets a confirmation request (an expired one a new link); one already
    confirmed gets a notice saying so, with the manage link: nothing is confirmed without the address.
    Returns the queued :class:`Message`.
    """
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        language = language or translation.get_language()
        if subscriber.language != language:
            subscriber.language = language
            subscriber.save(update_fields=["language"])
        subscription, created = Subscription.objects.select_for_update().get_or_create(
            subscriber=subscriber, selection=selection.query, defaults={"label": selection.label}
        )
        if subscription.is_confirmed:
            return Message.objects.create(subscriber=subscriber, kind=Message.Kind.NOTICE, subscription=subscription)
        if not created:
            if subscription.requested_at < Subscription.objects.confirm_cutoff():
                subscription.confirm_token = new_token()  # the old link has expired: it stays dead
            subscription.requested_at = timezone.now()
            subscription.label = selection.label
            subscription.save(update_fields=["confirm_token", "requested_at", "label"])
        return Message.objects.create(subscriber=subscriber, kind=Message.Kind.CONFIRM, subscription=subscription)


def subscription_confirm(*, token):
    """Confirm the subscription of confirmation token ``token``; return it, or None if unknown or expired.

    Confirming twice is harmless: the first confirmation's time stands (alerts cover debates since then).
    """
    subscription = Subscription.objects.filter(confirm_token=token).select_related("subscriber").first()
    if subscription is None:
        return None
    if subscription.is_confirmed:
        return subscription
    confirmed = Subscription.objects.confirmable().filter(pk=subscription.pk).update(confirmed_at=timezone.now())
    if not confirmed:
        return None
    subscription.refresh_from_db()
    return subscription


def subscriptions_delete(subscriptions):
    """Delete ``subscriptions`` (a queryset), with their queued messages and alert items; return how many."""
    _, deleted = subscriptions.delete()
    return deleted.get(Subscription._meta.label, 0)


def subscriber_delete(*, subscriber):
    """Delete an address and everything the archive holds for it: subscriptions, tokens, messages."""
    subscriber.delete()
