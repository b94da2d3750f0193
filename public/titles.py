"""Debates' titles in the reader's language, wherever a page lists a debate.

A debate's page works out its own title (public.rendering); pages that list debates (the debate list, the home
page, a participant's page, the explorer's groups, the codebook's examples) name each debate by the title it has
in the page's language, else by its original, marked with its language.  A language's title translations are
read in one query and kept in each process under the archive's change stamp, as the vocabulary's are
(public/terms.py): one query per stamp and language at most, none on a page in a debate's own language.
"""

from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from caching.stamp import KeptPerStamp
from debates.models import DebateTranslation, TextStatus


def _load_titles(language):
    rows = DebateTranslation.objects.filter(language=language).values_list(
        "debate_id", "title", "status", "document_symbol"
    )
    return {debate: (title, status, symbol) for debate, title, status, symbol in rows}


# ``{debate id: (title, status, symbol)}`` of the title translations into a language, kept under the stamp.
title_translations = KeptPerStamp(_load_titles)


def shown_title(debate):
    """``(title, language, status)`` of ``debate`` as a page in the active language names it."""
    language = get_language()
    if language == debate.language:
        return debate.title, language, TextStatus.ORIGINAL
    found = title_translations(language).get(debate.pk)
    if found is None:
        return debate.title, debate.language, TextStatus.ORIGINAL
    title, status, _ = found
    return title, language, status


def translated_title(pk, title):
    """The title of the debate ``pk`` in the active language where it has one, else ``title``, its original.

    For lists made from plain values (the explorer's debate choices), where markup cannot say the language.
    """
    found = title_translations(get_language()).get(pk)
    return found[0] if found else title


def title_html(debate):
    """The title as HTML: a translation with whose it is as its tooltip; an original in another language, lang."""
    title, language, status = shown_title(debate)
    if status == TextStatus.ORIGINAL:
        if language == get_language():
            return format_html("{}", title)
        return format_html('<span lang="{}">{}</span>', language, title)
    if status == TextStatus.UN_TRANSLATION:
        # Translators: the tooltip of a debate's title in a list, when it is the UN's own translation.
        note = gettext("Title: the official UN translation")
    else:
        # Translators: the tooltip of a debate's title in a list, when the archive translated it.
        note = gettext("Title: the archive's translation")
    return format_html('<span title="{}">{}</span>', note, title)


def forget():
    """Drop the titles kept (tests whose databases are rolled back can repeat a change stamp)."""
    title_translations.forget()
