"""A debate's dates on a page are written as its language writes them; citations keep the UN's English."""

import datetime

import pytest
from django.utils import translation

from debates.dates import local_date, local_date_range, un_date_range

ONE_DAY = (datetime.date(2011, 4, 14), None)
TWO_DAYS = (datetime.date(2010, 5, 20), datetime.date(2010, 5, 21))


@pytest.mark.parametrize(
    ("language", "one_day", "two_days"),
    [
        ("en", "14 April 2011", "20–21 May 2010"),
        ("fr", "14 avril 2011", "20 mai 2010 – 21 mai 2010"),
        ("es", "14 de abril de 2011", "20 de mayo de 2010 – 21 de mayo de 2010"),
        ("ru", "14 апреля 2011 г.", "20 мая 2010 г. – 21 мая 2010 г."),
        ("zh-hans", "2011年4月14日", "2010年5月20日 – 2010年5月21日"),
    ],
)
def test_a_page_writes_dates_in_its_language(language, one_day, two_days):
    with translation.override(language):
        assert local_date_range(*ONE_DAY) == one_day
        assert local_date_range(*TWO_DAYS) == two_days


def test_arabic_names_the_month_in_arabic():
    with translation.override("ar"):
        assert local_date_range(*ONE_DAY).startswith("14 إبريل")


def test_the_un_style_of_citations_stays_english_in_every_language():
    with translation.override("fr"):
        assert un_date_range(*TWO_DAYS) == "20–21 May 2010"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "14 April 2011"), ("fr", "14 avril 2011"), ("ru", "14 апреля 2011 г."), ("zh-hans", "2011年4月14日")],
)
def test_a_day_on_a_page_is_written_as_its_language_writes_it(language, expected):
    with translation.override(language):
        assert local_date(ONE_DAY[0]) == expected
