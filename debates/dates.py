"""Dates as the United Nations writes them in its summaries and citations, and as pages write them in each language."""

from django.utils import formats, translation


def un_date_range(start, end=None):
    """A meeting's dates in UN style, with an en dash and no spaces around it.

    ``14 April 2011`` (one day), ``20–21 May 2010`` (same month), ``30 May–2 June 2010``
    (same year), ``31 December 2010–1 January 2011`` (different years).  ``end`` may be
    None or equal to ``start`` for a one-day meeting.
    """
    if end is None or end == start:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B}–{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y}–{end.day} {end:%B %Y}"


def local_date(day):
    """A day as a page in the active language writes it: ``14 April 2011``, ``14 avril 2011``, ``14 апреля 2011 г.``."""
    if (translation.get_language() or "en") == "en":
        return f"{day.day} {day:%B %Y}"
    return formats.date_format(day, "DATE_FORMAT")


def local_date_range(start, end=None):
    """A meeting's dates for a page in the active language: UN style in English, else the language's own form.

    French ``14 avril 2011``, Spanish ``14 de abril de 2011``, Russian ``14 апреля 2011 г.``, Chinese
    ``2011年4月14日`` (Django's formats for each language); a range joins the two dates with an en dash.
    Citations and data keep :func:`un_date_range`, in English.
    """
    if (translation.get_language() or "en") == "en":
        return un_date_range(start, end)
    if end is None or end == start:
        return local_date(start)
    return f"{local_date(start)} – {local_date(end)}"
