"""The alerts' pages: subscribe, confirm, one-click unsubscribe, and manage an address's subscriptions.

None of these pages is kept by the public page cache (``alerts`` is not among
``settings.ARCHIVE_CACHED_NAMESPACES``), and each says so to other caches too (``never_cache``): several
carry a secret link, and none may be served to anyone else.
"""

import hashlib
from functools import partial
from http import HTTPStatus
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .forms import SubscribeForm
from .models import AlertItem, Message, Subscriber, Subscription
from .selection import read_selection
from .sender import deliver_quietly

RATE_WINDOW_SECONDS = 60 * 60
ONE_CLICK = "One-Click"  # RFC 8058: the body of a one-click unsubscription is List-Unsubscribe=One-Click

page_methods = require_http_methods(["GET", "HEAD", "POST"])


# The subscription form sits on public pages that are cached for every visitor, so it cannot carry a CSRF token.
# A forged request can only make the archive send one confirmation message to an address, which subscribes no
# one (double opt-in) and is rate-limited per client and per address; a POST from another site's page is refused
# all the same when the browser says so (Origin).
@csrf_exempt
@never_cache
@page_methods
def subscribe(request):
    """GET: the form for a selection (``?selection=``). POST: ask to follow it; the answer is the same whatever the
    address already follows."""
    if request.method != "POST":
        try:
            followed = read_selection(request.GET.get("selection", ""))
        except ValidationError as error:
            return _form_page(request, SubscribeForm(), None, {"selection": error.messages})
        form = SubscribeForm(initial={"selection": followed.query})
        return _form_page(request, form, followed)
    if not _same_origin(request):
        return render(request, "alerts/refused.html", status=HTTPStatus.FORBIDDEN)
    if _client_over_limit(request):
        return _too_many(request)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, getattr(form, "followed", None), form.errors)
    email = form.cleaned_data["email"]
    if services.requests_over_limit(email):
        return _too_many(request)
    with transaction.atomic():
        message = services.subscription_request(email=email, selection=form.followed)
        # Sent at once, after the commit, so the visitor gets it now; if it fails, send_alerts tries again.
        transaction.on_commit(partial(deliver_quietly, message.pk))
    context = {"email": email, "hours": settings.ARCHIVE_ALERTS_CONFIRM_HOURS}
    return render(request, "alerts/requested.html", context)


@never_cache
@page_methods
def confirm(request, token):
    """GET: a page with a Confirm button (mail scanners open links: a GET changes nothing). POST: confirm."""
    subscription = Subscription.objects.filter(confirm_token=token).select_related("subscriber").first()
    if subscription is None or not (subscription.is_confirmed or _confirmable(subscription)):
        return _link_invalid(request, "confirmation")
    if request.method == "POST" and not subscription.is_confirmed:
        subscription = services.subscription_confirm(token=token)
        if subscription is None:
            return _link_invalid(request, "confirmation")
    template = "alerts/confirmed.html" if subscription.is_confirmed else "alerts/confirm.html"
    return render(request, template, {"subscription": subscription})


# RFC 8058 one-click: the mail provider POSTs List-Unsubscribe=One-Click with no cookie and no CSRF token; the
# random token in the address is the proof, and all it allows is stopping that alert.
@csrf_exempt
@never_cache
@page_methods
def unsubscribe(request, token):
    """GET: a page with an Unsubscribe button. POST ``List-Unsubscribe=One-Click``: stop the alert (or cancel the
    request), answered 200 even when it is already gone."""
    subscriptions = Subscription.objects.filter(unsubscribe_token=token)
    return _unsubscribe(request, subscriptions, several=False)


@csrf_exempt
@never_cache
@page_methods
def unsubscribe_message(request, signed):
    """One-click for an alert listing several subscriptions of one address: stops every one it lists."""
    message = Message.from_unsubscribe_token(signed)
    if message is None:
        return _link_invalid(request, "unsubscription")
    listed = AlertItem.objects.filter(message=message).values("subscription")
    subscriptions = Subscription.objects.filter(subscriber=message.subscriber_id, pk__in=listed)
    return _unsubscribe(request, subscriptions, several=True)


class ManageForm(forms.Form):
    """A button of the manage page: remove one subscription, or delete the address and everything."""

    remove = forms.IntegerField(required=False, min_value=1)
    delete_all = forms.BooleanField(required=False)


@never_cache
@page_methods
def manage(request, signed):
    """The signed link of every message: an address's subscriptions, each removable, and the address deletable."""
    subscriber = Subscriber.objects.from_manage_token(signed)
    if subscriber is None:
        return _link_invalid(request, "manage")
    if request.method == "POST":
        form = ManageForm(request.POST)
        if not form.is_valid():
            return render(request, "400.html", {"errors": form.errors}, status=HTTPStatus.BAD_REQUEST)
        if form.cleaned_data["delete_all"]:
            services.subscriber_delete(subscriber=subscriber)
            return render(request, "alerts/deleted.html")
        if form.cleaned_data["remove"]:
            services.subscriptions_delete(subscriber.subscriptions.filter(pk=form.cleaned_data["remove"]))
        return redirect(request.path)
    return render(
        request, "alerts/manage.html", {"subscriber": subscriber, "subscriptions": subscriber.subscriptions.all()}
    )


def _unsubscribe(request, subscriptions, *, several):
    if request.method == "POST":
        if request.POST.get("List-Unsubscribe") != ONE_CLICK:
            # Translators: an error for a mail program; %(field)s is a form field and its value, kept as they are.
            needed = gettext("Send %(field)s (RFC 8058) to unsubscribe.") % {"field": f"List-Unsubscribe={ONE_CLICK}"}
            errors = {"List-Unsubscribe": [needed]}
            return render(request, "400.html", {"errors": errors}, status=HTTPStatus.BAD_REQUEST)
        services.subscriptions_delete(subscriptions)
        return render(request, "alerts/unsubscribed.html")
    found = list(subscriptions.select_related("subscriber"))
    if not found:
        return _link_invalid(request, "unsubscription")
    return render(request, "alerts/unsubscribe.html", {"subscriptions": found, "several": several})


def _form_page(request, form, followed, errors=None):
    status = HTTPStatus.BAD_REQUEST if errors else HTTPStatus.OK
    context = {"form": form, "followed": followed, "errors": errors or {}}
    return render(request, "alerts/subscribe.html", context, status=status)


def _too_many(request):
    response = render(request, "alerts/too_many.html", status=HTTPStatus.TOO_MANY_REQUESTS)
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


def _link_invalid(request, kind):
    return render(request, "alerts/link_invalid.html", {"kind": kind}, status=HTTPStatus.NOT_FOUND)


def _confirmable(subscription):
    return subscription.requested_at >= Subscription.objects.confirm_cutoff()


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _same_origin(request):
    """False when the browser says the form was sent from another site's page; True without ``Origin``."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = {f"{request.scheme}://{request.get_host()}", _origin(settings.ARCHIVE_SITE_URL)}
    return origin in own | set(settings.CSRF_TRUSTED_ORIGINS)


def _client_over_limit(request):
    """Count this request against its client's address; True once over ``ARCHIVE_ALERTS_REQUEST_LIMIT`` an hour.

    The count lives in the cache (shared by every server with Redis), under a digest of the address: no IP
    address is written to the database, nor kept longer than the hour.
    """
    cache = caches["default"]
    client = hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()
    key = f"alerts:requests:{client}"
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry lapsed between add() and incr()
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)
        count = 1
    return count > settings.ARCHIVE_ALERTS_REQUEST_LIMIT
