"""Debate dates written as the United Nations writes them: one en dash, no spaces, nothing repeated."""

import datetime

from django.template import Context, Template
from django.test import SimpleTestCase

from debates.dates import un_date_range
from debates.models import Debate


class UnDateRangeTests(SimpleTestCase):
    def test_one_day(self):
        self.assertEqual(un_date_range(datetime.date(2011, 4, 14), datetime.date(2011, 4, 14)), "14 April 2011")
        self.assertEqual(un_date_range(datetime.date(2011, 4, 14)), "14 April 2011")

    def test_days_of_one_month(self):
        self.assertEqual(un_date_range(datetime.date(2010, 5, 20), datetime.date(2010, 5, 21)), "20–21 May 2010")

    def test_months_of_one_year(self):
        self.assertEqual(un_date_range(datetime.date(2010, 5, 30), datetime.date(2010, 6, 2)), "30 May–2 June 2010")

    def test_across_the_new_year(self):
        self.assertEqual(
            un_date_range(datetime.date(2010, 12, 31), datetime.date(2011, 1, 1)), "31 December 2010–1 January 2011"
        )

    def test_the_same_day_and_month_in_two_years_are_not_one_day(self):
        self.assertEqual(
            un_date_range(datetime.date(2010, 5, 20), datetime.date(2011, 5, 20)), "20 May 2010–20 May 2011"
        )

    def test_the_template_filter_reads_a_debates_dates(self):
        template = Template("{% load archive %}{{ debate|un_date_range }}")
        debate = Debate(start_date=datetime.date(2010, 5, 20), end_date=datetime.date(2010, 5, 21))
        self.assertEqual(template.render(Context({"debate": debate})), "20–21 May 2010")
