"""The archive in Arabic (right to left) and French (left to right), in Chromium.

For the home page, a debate and the statement explorer with filters, in each language:

- axe-core finds no WCAG 2.1 AA violation;
- at 375 px nothing is wider than the screen, and each page is photographed at phone and desktop
  width under var/screenshots/ (``ar-home-375px.png``, ``fr-debate-detail-1280px.png``…) for people to look at;
- Arabic pages are ``dir="rtl"`` and their layout mirrors (a paragraph's number at its right edge, the
  language switcher's items from the right), French pages read left to right;
- the language switcher marks the current language with ``aria-current``, and visibly.

The translation catalogues come later: the words may still be English; the layout is what is judged.
Run alone: ``.venv/bin/python -m pytest tests/browser/test_languages.py``.
"""

import re

import pytest
from django.conf import settings
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from tests.browser.quality_pages import archive_load, page_types
from tests.browser.test_quality_accessibility import violations

PHONE_WIDTH = 375
DESKTOP_WIDTH = 1280
SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"
LANGUAGES = ["ar", "fr"]
PAGES = ("home", "debate detail", "explorer with filters")
# Bounding boxes are fractional: two edges closer than this are the same edge.
EDGE = 1.5


def in_language(code, path):
    """``path`` (an English, unprefixed address) as the same page in the language ``code``: ``/fr/debates/…``."""
    assert path.startswith("/") and not path.startswith(f"/{code}/"), path
    return f"/{code}{path}"


def language_pages(code):
    """``{page type: path}`` in the language ``code`` for the page types judged here."""
    pages = page_types()
    return {name: in_language(code, pages[name]) for name in PAGES}


def visit(page, url):
    """Open ``url``, which must answer 200: an error page would pass the layout checks for the wrong reason."""
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)


def screenshot_name(code, name, width):
    return f"{code}-{name.replace(' ', '-')}-{width}px.png"


@pytest.fixture
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_have_no_wcag_21_aa_violation(live_server, page, code):
    archive_load()
    found = {}
    for name, path in language_pages(code).items():
        visit(page, live_server.url + path)
        if problems := violations(page):
            found[name] = problems

    assert found == {}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_fit_a_phone_and_are_photographed(live_server, browser, screenshots, code):
    archive_load()
    pages = language_pages(code)
    widths = {}
    phone = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800}, is_mobile=True, has_touch=True)
    desktop = browser.new_context(viewport={"width": DESKTOP_WIDTH, "height": 900})
    try:
        for context, width in ((phone, PHONE_WIDTH), (desktop, DESKTOP_WIDTH)):
            page = context.new_page()
            for name, path in pages.items():
                visit(page, live_server.url + path)
                assert page.evaluate("document.documentElement.lang") == code
                if width == PHONE_WIDTH:
                    widths[name] = page.evaluate("document.scrollingElement.scrollWidth")
                page.screenshot(path=screenshots / screenshot_name(code, name, width), full_page=True)
    finally:
        phone.close()
        desktop.close()

    assert widths == dict.fromkeys(widths, PHONE_WIDTH)
    for name in pages:
        for width in (PHONE_WIDTH, DESKTOP_WIDTH):
            assert (screenshots / screenshot_name(code, name, width)).stat().st_size > 0


def box(locator):
    """The element's bounding box as ``{left, right, top, bottom}`` in CSS pixels."""
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not rendered"
    return {
        "left": found["x"],
        "right": found["x"] + found["width"],
        "top": found["y"],
        "bottom": found["y"] + found["height"],
    }


def centre(locator):
    """The horizontal centre of the element's bounding box."""
    found = box(locator)
    return (found["left"] + found["right"]) / 2


# The direction each language reads in, and the edge a line (a paragraph's number, the first switcher item) starts at.
DIRECTIONS = {"ar": ("rtl", "right"), "fr": ("ltr", "left")}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_debate_reads_in_the_languages_direction(live_server, page, code):
    """The paragraph number sits at the paragraph's start edge: the right in Arabic, the left in French."""
    archive_load()
    direction, start = DIRECTIONS[code]
    end = "left" if start == "right" else "right"
    visit(page, live_server.url + language_pages(code)["debate detail"])

    assert page.evaluate("document.documentElement.dir") == direction
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == direction
    paragraph = page.locator(".paragraph").first
    number = paragraph.locator(".paragraph-number")
    text = paragraph.locator(".paragraph-text")
    paragraph_box, number_box, text_box = box(paragraph), box(number), box(text)
    # The number at the start edge, the text beside it and clear of it, towards the end edge.
    assert abs(number_box[start] - paragraph_box[start]) < EDGE, (number_box, paragraph_box)
    assert abs(text_box[end] - paragraph_box[end]) < EDGE, (text_box, paragraph_box)
    if start == "right":
        assert text_box["right"] <= number_box["left"], (text_box, number_box)
    else:
        assert text_box["left"] >= number_box["right"], (text_box, number_box)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_switcher_marks_the_current_language(live_server, browser, code):
    """One link per language, each named in its own language; the current one has aria-current and looks it."""
    archive_load()
    direction, start = DIRECTIONS[code]
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        visit(page, live_server.url + language_pages(code)["home"])
        switcher = page.locator("nav.languages")
        links = switcher.get_by_role("link")

        expect(links).to_have_count(len(settings.LANGUAGES))
        current = switcher.locator("a[aria-current]")
        expect(current).to_have_count(1)
        expect(current).to_have_attribute("aria-current", "true")
        expect(current).to_have_attribute("lang", code)
        expect(current).to_have_attribute("hreflang", code)
        for language, _ in settings.LANGUAGES:
            expect(switcher.locator(f'a[lang="{language}"]')).to_have_text(get_language_info(language)["name_local"])
        # Visibly current, not only to a screen reader: heavier than the other links.
        other = switcher.locator("a:not([aria-current])").first
        weight = "el => Number(getComputedStyle(el).fontWeight)"
        assert current.evaluate(weight) > other.evaluate(weight)

        # Above the site's header, on a phone too, and the items run in the reading direction from its start.
        assert box(switcher)["bottom"] <= box(page.locator(".site-header"))["top"] + EDGE
        end = "left" if start == "right" else "right"
        items = [box(item) for item in switcher.locator("li").all()]
        first, second = items[0], items[1]
        # A compact list packed to the end edge: its last item ends where the list does.
        assert abs(items[-1][end] - box(switcher.locator("ul"))[end]) < EDGE, (items[-1], end)
        if direction == "rtl":
            assert first["left"] >= second["right"] - EDGE or first["top"] < second["top"], (first, second)
        else:
            assert first["right"] <= second["left"] + EDGE or first["top"] < second["top"], (first, second)
        assert page.evaluate("document.scrollingElement.scrollWidth") == PHONE_WIDTH

        # A keyboard user sees where the focus is.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const el = document.activeElement; const style = getComputedStyle(el);"
            " return {inSwitcher: !!el.closest('nav.languages'), outline: style.outlineStyle,"
            " width: parseFloat(style.outlineWidth)}; })()"
        )
        assert focused == {"inSwitcher": True, "outline": "solid", "width": 3}
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("code", LANGUAGES)
def test_charts_keep_time_left_to_right_and_grow_bars_in_the_reading_direction(live_server, page, code):
    """The timeline's years run left to right in Arabic as in French, each dot over its year; bars mirror.

    A time axis is a number line: it keeps one order in every language (static/css/archive.css, Charts).
    A bar grows from the start of its line, the right in Arabic.
    """
    archive_load()
    _, start = DIRECTIONS[code]
    visit(page, live_server.url + in_language(code, "/"))
    years = page.locator(".timeline-years span")
    centres = {int(year.inner_text()): centre(year) for year in years.all()}
    assert list(centres) == sorted(centres), centres
    assert list(centres.values()) == sorted(centres.values()), centres
    rows = page.locator(".timeline-row").all()
    assert rows
    for row in rows:
        year = int(re.findall(r"\d{4}", row.locator(".timeline-date").inner_text())[-1])
        dot = centre(row.locator("circle.chart-mark"))
        # The dot of a debate held in a year lies between that year's tick and the next one's.
        assert centres[year] <= dot <= centres[year + 1], (year, dot, centres)

    visit(page, live_server.url + in_language(code, page_types()["theme detail"]))
    tracks = page.locator(".bars-track").all()
    assert tracks
    for track in tracks:
        track_box, bar_box = box(track), box(track.locator("rect"))
        assert abs(bar_box[start] - track_box[start]) < EDGE, (start, bar_box, track_box)
        # Its count is written after its end, the longest bar's right beside it.
        value_box = box(track.locator("xpath=following-sibling::*[contains(@class, 'chart-value')]"))
        if start == "right":
            assert value_box["right"] <= track_box["left"], (value_box, track_box)
        else:
            assert value_box["left"] >= track_box["right"], (value_box, track_box)
