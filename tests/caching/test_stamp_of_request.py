"""A template filter keys its cache on the stamp its request read; outside a request, on the stamp now.

The receivers are called here as the request signals call them: sending ``request_finished`` itself would also
close the test's database connection (Django's ``close_old_connections``).
"""

import pytest

from caching.stamp import current_stamp, forget_request_stamp, leave_request, stamp_of_request
from debates.models import Theme

pytestmark = pytest.mark.django_db


def test_the_receivers_follow_each_request(client, django_assert_num_queries):
    client.get("/")  # a request starts (the receiver), reads the stamp (the home page's counts) and ends
    with django_assert_num_queries(1):  # after it, outside any request: the stamp is read now
        stamp_of_request()


def test_a_request_reuses_the_stamp_it_read(django_assert_num_queries):
    forget_request_stamp()
    try:
        read = current_stamp()
        with django_assert_num_queries(0):
            assert stamp_of_request() == read
    finally:
        leave_request()


def test_outside_a_request_the_stamp_is_read_afresh():
    forget_request_stamp()
    before = current_stamp()
    leave_request()
    Theme.objects.filter(slug="freedom-from-fear").update(order=9)  # a write moves the stamp
    assert stamp_of_request() != before
    assert stamp_of_request() == current_stamp()
