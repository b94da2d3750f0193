"""Are the translation catalogues complete?  ``manage.py check_catalogues``, run by ``make test``.

A catalogue (``locale/<locale>/LC_MESSAGES/django.po``) is complete when

- every message of the code and templates is in it (the messages are extracted afresh, as
  ``makemessages`` does, into a scratch directory: nothing in the tree is touched);
- every message has a translation, none marked ``fuzzy`` (a guess of gettext's, never shown);
- each translation keeps its message's placeholders (``%(name)s``, ``{name}``), or the page would
  fail, or show the wrong number, in that language;
- its compiled ``django.mo`` says the same, so that what is served is what was reviewed.

Django falls back to the English message where a translation is missing, silently: this check is
what stops a half-translated page from reaching readers.  Uses polib (a development dependency).
"""

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils.translation import to_locale

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")
DOMAIN = "django"
# Where the messages are: every package of the project but the tests and the benchmark, and the templates.
SOURCES = {"templates"}
NOT_SOURCES = {"tests", "bench"}


@dataclass(frozen=True)
class Problem:
    catalogue: str
    message: str
    what: str

    def __str__(self):
        return f"{self.catalogue}: {self.what}: {self.message!r}"


def translated_languages():
    """The codes of the languages that need a catalogue: all but the source language, English."""
    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue_path(code, locale_dir=None):
    base = Path(locale_dir or settings.LOCALE_PATHS[0])
    return base / to_locale(code) / "LC_MESSAGES" / f"{DOMAIN}.po"


def placeholders(text):
    """What a translation must keep of ``text``: each named placeholder (a translation may repeat or move it), and
    every positional one (``%s``, ``{}``), in number."""
    found = [match.group(0) for match in PLACEHOLDER.finditer(text)]
    named = {item for item in found if item.startswith("%(") or item not in {"{}", "%s", "%d", "%i", "%f"}}
    return sorted(named) + sorted(item for item in found if item not in named)


def catalogue_problems(path, expected=None):
    """What is wrong with the catalogue at ``path``; ``expected`` is the set of messages the code has, if known."""
    import polib

    name = str(path)
    if not Path(path).exists():
        return [Problem(name, "", "no catalogue")]
    catalogue = polib.pofile(str(path))
    problems = _header_problems(name, catalogue)
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(Problem(name, entry.msgid, "fuzzy"))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not translations or any(not text.strip() for text in translations):
            problems.append(Problem(name, entry.msgid, "untranslated"))
            continue
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        wanted = {tuple(placeholders(text)) for text in sources}
        for text in translations:
            found = tuple(placeholders(text))
            # A plural form may drop the number ("one panelist" for 1): it may have fewer placeholders, no others.
            if found not in wanted and not (entry.msgid_plural and set(found) <= set().union(*wanted)):
                wanted_here = placeholders(entry.msgid_plural or entry.msgid)
                problems.append(Problem(name, entry.msgid, f"placeholders {list(found)} instead of {wanted_here}"))
    if expected is not None:
        present = {_key(entry) for entry in catalogue if not entry.obsolete}
        problems.extend(Problem(name, msgid[1], "missing") for msgid in sorted(expected - present))
    problems.extend(_compiled_problems(path, catalogue))
    return problems


# How many plural forms each language has (gettext's Plural-Forms, as Django's own catalogues have them).
PLURAL_FORMS = {"ar": 6, "zh_Hans": 1, "fr": 2, "ru": 4, "es": 3}


def _header_problems(name, catalogue):
    problems = []
    if catalogue.metadata_is_fuzzy:
        problems.append(Problem(name, "", "the header is fuzzy: gettext would ignore it, plural forms and all"))
    if "charset=UTF-8" not in catalogue.metadata.get("Content-Type", ""):
        problems.append(Problem(name, "", "the header does not say charset=UTF-8"))
    locale = Path(name).parent.parent.name
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    if locale in PLURAL_FORMS and (not match or int(match.group(1)) != PLURAL_FORMS[locale]):
        problems.append(Problem(name, "", f"Plural-Forms should have nplurals={PLURAL_FORMS[locale]}"))
    return problems


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


def _compiled_problems(path, catalogue):
    import polib

    compiled_path = Path(path).with_suffix(".mo")
    if not compiled_path.exists():
        return [Problem(str(path), "", "not compiled (make messages)")]
    compiled = {(e.msgctxt or "", e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in polib.mofile(str(compiled_path))}
    stale = [
        entry.msgid
        for entry in catalogue
        if entry.translated()  # gettext compiles nothing else
        and compiled.get(_key(entry)) != (entry.msgstr, {int(k): v for k, v in entry.msgstr_plural.items()})
    ]
    return [Problem(str(compiled_path), msgid, "compiled catalogue differs (make messages)") for msgid in stale]


def extracted_messages(root=None):
    """``{(context, msgid)}`` of every message marked in the code and templates, extracted as makemessages does.

    makemessages writes beside the catalogues it finds, so it runs in a scratch tree of links to the sources,
    which has none: the project's own catalogues are never touched.
    """
    import polib

    root = Path(root or settings.BASE_DIR)
    with tempfile.TemporaryDirectory() as scratch:
        tree, out = Path(scratch) / "tree", Path(scratch) / "out"
        tree.mkdir()
        for child in sorted(root.iterdir()):
            if child.name in SOURCES or (child / "__init__.py").exists() and child.name not in NOT_SOURCES:
                (tree / child.name).symlink_to(child)
        here = os.getcwd()
        os.chdir(tree)
        try:
            with override_settings(LOCALE_PATHS=[str(out)]):
                call_command("makemessages", locale=["fr"], domain=DOMAIN, symlinks=True, keep_pot=True, verbosity=0)
        finally:
            os.chdir(here)
        return {_key(entry) for entry in polib.pofile(str(out / f"{DOMAIN}.pot"))}


def all_problems(locale_dir=None, *, extract=True):
    """Every problem of every catalogue; ``extract=False`` leaves out the check for missing messages (no gettext)."""
    expected = extracted_messages() if extract else None
    return [
        problem
        for code in translated_languages()
        for problem in catalogue_problems(catalogue_path(code, locale_dir), expected)
    ]
