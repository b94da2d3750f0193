"""A template filter keys its cache on the stamp its request read; outside a request, on the stamp now."""

import pytest
from django.core.signals import request_finished, request_started

from caching.stamp import current_stamp, stamp_of_request
from debates.models import Theme

pytestmark = pytest.mark.django_db


def test_a_request_reuses_the_stamp_it_read(django_assert_num_queries):
    request_started.send(sender=None)
    try:
        read = current_stamp()
        with django_assert_num_queries(0):
            assert stamp_of_request() == read
    finally:
        request_finished.send(sender=None)


def test_outside_a_request_the_stamp_is_read_afresh():
    request_started.send(sender=None)
    before = current_stamp()
    request_finished.send(sender=None)
    Theme.objects.filter(slug="freedom-from-fear").update(order=9)  # a write moves the stamp
    assert stamp_of_request() != before
    assert stamp_of_request() == current_stamp()
