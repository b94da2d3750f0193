"""Forms that read a page's query string strictly, so that bad input is answered with a 400 naming the parameter.

Every public list takes its state from the URL.  :class:`QueryForm` is the
base of those forms (the FilterSets' forms included): before the fields are
cleaned it refuses, for each parameter the form knows,

* a value holding a character no one types: a NUL or another control
  character, an unpaired surrogate, a Unicode non-character, or the
  replacement character that stands for bytes that were not valid UTF-8;
* a single-value parameter given more than once (``?year_from=2008&year_from=2010``).

Parameters a form does not know are ignored, as links often carry extras.
"""

import unicodedata

from django import forms
from django.utils.translation import gettext, ngettext

# Characters that never belong in a query: control characters except the ordinary
# whitespace a pasted text may carry, surrogates (category Cs) and non-characters.
ALLOWED_CONTROL_CHARACTERS = frozenset("\t\n\r")
REPLACEMENT_CHARACTER = "\ufffd"


def character_error(key, value):
    """Say what is wrong with the characters of ``value``, the value of parameter ``key``, or return None when they
    are fine."""
    for character in value:
        if character == "\x00":
            return gettext("The value of “%(name)s” contains a NUL character.") % {"name": key}
        if character == REPLACEMENT_CHARACTER:
            return gettext("The value of “%(name)s” is not valid UTF-8 text.") % {"name": key}
        category = unicodedata.category(character)
        if category == "Cc" and character not in ALLOWED_CONTROL_CHARACTERS:
            # Translators: %(code)s is a Unicode code point, such as U+0007.
            return gettext("The value of “%(name)s” contains the control character %(code)s.") % {
                "name": key,
                "code": f"U+{ord(character):04X}",
            }
        if category == "Cs":
            # Translators: %(code)s is a Unicode code point, such as U+D800.
            return gettext("The value of “%(name)s” contains an unpaired surrogate %(code)s.") % {
                "name": key,
                "code": f"U+{ord(character):04X}",
            }
        if (ord(character) & 0xFFFE) == 0xFFFE or 0xFDD0 <= ord(character) <= 0xFDEF:
            # Translators: %(code)s is a Unicode code point, such as U+FFFE.
            return gettext("The value of “%(name)s” contains the non-character %(code)s.") % {
                "name": key,
                "code": f"U+{ord(character):04X}",
            }
    return None


class QueryForm(forms.Form):
    """A form bound to ``request.GET`` that refuses unreadable characters and repeated single-value parameters."""

    def full_clean(self):
        query_errors = self.query_errors() if self.is_bound else {}
        if query_errors:
            # Clean the remaining parameters as if the refused ones were absent, then report the refused ones.
            self.data = self.data.copy()
            for name in query_errors:
                self.data.pop(name, None)
        super().full_clean()
        for name, message in query_errors.items():
            self.add_error(name, message)

    def query_errors(self):
        """``{parameter: message}`` for the parameters refused before their fields are cleaned."""
        errors = {}
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            values = self.data.getlist(key) if hasattr(self.data, "getlist") else [self.data.get(key)]
            values = [value for value in values if value is not None]
            if len(values) > 1 and not getattr(field.widget, "allow_multiple_selected", False):
                # Translators: %(name)s is the name of a parameter of the address, such as year_from.
                errors[name] = ngettext(
                    "Give “%(name)s” at most once; it was given %(count)s time.",
                    "Give “%(name)s” at most once; it was given %(count)s times.",
                    len(values),
                ) % {"name": key, "count": len(values)}
                continue
            for value in values:
                problem = character_error(key, str(value))
                if problem:
                    errors[name] = problem
                    break
        return errors


class PageForm(QueryForm):
    """The ``page`` parameter of a paginated list: a whole number from 1."""

    page = forms.IntegerField(min_value=1, required=False)

    def clean_page(self):
        return self.cleaned_data["page"] or 1
