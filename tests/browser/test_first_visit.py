"""What a first visit shows at phone width: the home page's charts readable, whole and inside the screen.

At 375 px, with every ``<details>`` on the home page open, nothing scrolls sideways; every chart label
is at least 12 px and names its debate or theme in full; and no page asks for an icon that is missing.

Run alone: ``.venv/bin/python -m pytest tests/browser/test_first_visit.py``.
"""

import pytest

from debates.models import Debate, Theme
from tests.browser.quality_pages import archive_load

PHONE_WIDTH = 375
DESKTOP_WIDTH = 1280
MIN_LABEL_PX = 12


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def open_every_details(page):
    page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")


def chart_labels(page):
    """Each chart word's text, rendered font size and whether it is cut (overflowing its box)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.chart-label, .chart-heading')].map(element => ({
            text: element.textContent.trim(),
            size: parseFloat(getComputedStyle(element).fontSize),
            cut: element.scrollWidth > element.clientWidth + 1 || getComputedStyle(element).textOverflow === 'ellipsis',
        }))"""
    )


@pytest.mark.django_db(transaction=True)
def test_the_home_page_fits_a_phone_with_every_details_open(live_server, phone):
    archive_load()
    phone.goto(live_server.url + "/")
    open_every_details(phone)
    assert phone.locator(".chart-data table").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


@pytest.mark.django_db(transaction=True)
def test_chart_labels_are_whole_and_at_least_12_px(live_server, browser):
    archive_load()
    expected = {f"{debate.start_date:%Y} {debate.title}" for debate in Debate.objects.published()}
    expected |= {theme.name for theme in Theme.objects.all()}
    for width in (PHONE_WIDTH, DESKTOP_WIDTH):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            page.goto(live_server.url + "/")
            labels = chart_labels(page)
        finally:
            context.close()
        assert labels, width
        assert [label for label in labels if label["size"] < MIN_LABEL_PX] == [], width
        assert [label for label in labels if label["cut"] or "…" in label["text"]] == [], width
        assert expected <= {label["text"] for label in labels}, width
        titles = " ".join(label["text"] for label in labels)
        for debate in Debate.objects.published():
            assert debate.title in titles, width


@pytest.mark.django_db(transaction=True)
def test_chart_words_do_not_overlap(live_server, phone):
    archive_load()
    phone.goto(live_server.url + "/")
    overlaps = phone.evaluate(
        """() => {
            const words = [...document.querySelectorAll('.chart-label, .chart-heading, .chart-value')];
            const found = [];
            words.forEach((a, i) => words.slice(i + 1).forEach(b => {
                if (a.contains(b) || b.contains(a)) return;
                const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
                const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
                const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
                if (x > 1 && y > 1) found.push(`${a.textContent.trim()} / ${b.textContent.trim()}`);
            }));
            return found;
        }"""
    )
    assert overlaps == []


@pytest.mark.django_db(transaction=True)
def test_no_page_asks_for_a_missing_icon(live_server, phone):
    archive_load()
    failures = []
    phone.on("response", lambda response: response.status >= 400 and failures.append((response.status, response.url)))
    for path in ("/", "/debates/", "/themes/", "/no-such-page/"):
        phone.goto(live_server.url + path)
    icon = phone.evaluate("document.querySelector('link[rel=icon]').href")
    assert phone.request.get(icon).status == 200
    favicon = phone.request.get(live_server.url + "/favicon.ico")
    assert favicon.status == 200
    assert favicon.headers["content-type"].startswith("image/svg+xml")
    assert [failure for failure in failures if not failure[1].endswith("/no-such-page/")] == []
