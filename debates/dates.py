"""Dates as the United Nations writes them in its summaries and citations."""


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
