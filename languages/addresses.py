"""Where a page is in each language.

English, the archive's first language, keeps the addresses it has always had (``/debates/…``); the
five others put their code in front (``/fr/debates/…``, ``/zh-hans/debates/…``).  Only the public site
is addressed so (config/urls.py); the admin, the editorial desk and the API keep one address each.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, override


@dataclass(frozen=True)
class LanguageLink:
    """The page as it is in one language: ``code`` (``fr``), ``name`` in that language, ``url`` (a path)."""

    code: str
    name: str
    url: str
    current: bool

    @property
    def hreflang(self):
        """The BCP 47 tag: ``zh-Hans`` (Django's codes are lower case)."""
        language, _, script = self.code.partition("-")
        return f"{language}-{script.title()}" if script else language


def page_in(path, code):
    """``path`` (with its query) as the same page in the language ``code``.

    ``path`` is read in the active language (``/fr/debates/`` while French is active).  An address that is no
    page of the public site (a 404, say) has no counterpart: it leads to the home page in ``code``.
    """
    if code == get_language():
        return path
    translated = translate_url(path, code)
    if translated != path:
        return translated
    with override(code):
        return reverse("public:home")


def language_links(path):
    """One :class:`LanguageLink` per language of ``settings.LANGUAGES``, in that order, for the page at ``path``."""
    current = get_language()
    return [
        LanguageLink(code, get_language_info(code)["name_local"], page_in(path, code), code == current)
        for code, _ in settings.LANGUAGES
    ]
