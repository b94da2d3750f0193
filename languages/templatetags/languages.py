"""The language switcher and the ``hreflang`` alternates of a page.

Both need the page's address.  A page rendered with its request reads it there; a page rendered
without one (a debate's page, rendered once and kept: public.rendering) is given ``page_path`` (and
``page_origin``, ``https://host``) in its context instead.
"""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext_lazy

from languages.addresses import language_links

register = template.Library()


def _page(context):
    request = context.get("request")
    if request is not None:
        return request.get_full_path(), f"{request.scheme}://{request.get_host()}"
    return context.get("page_path"), context.get("page_origin", "")


def _links(context):
    """``(links, origin)`` of the page being rendered, worked out once for both tags (a resolve and five reverses)."""
    render_context = context.render_context
    if "languages.links" not in render_context:
        path, origin = _page(context)
        render_context["languages.links"] = (language_links(path) if path else [], origin)
    return render_context["languages.links"]


@register.inclusion_tag("includes/_languages.html", takes_context=True)
def language_switcher(context):
    """The page in each language, each link through ``/language/<code>/`` so that the choice is remembered."""
    links, _ = _links(context)
    return {"links": links}


@register.inclusion_tag("includes/_hreflang.html", takes_context=True)
def hreflang_alternates(context):
    """``<link rel="alternate" hreflang>`` for the page in each language, and ``x-default`` (the English page)."""
    links, origin = _links(context)
    default = next((link for link in links if link.code == settings.LANGUAGE_CODE), None)
    return {"links": links, "origin": origin, "default": default}


# A text shown in the language it was written in, on a page of another language, as a sentence says so:
# whole phrases, so that each language words them in its own grammar (not a language's name put in a sentence).
IN_THE_ORIGINAL = {
    "ar": pgettext_lazy("a text shown as written, on a page of another language", "in the original Arabic"),
    "zh-hans": pgettext_lazy("a text shown as written, on a page of another language", "in the original Chinese"),
    "en": pgettext_lazy("a text shown as written, on a page of another language", "in the original English"),
    "fr": pgettext_lazy("a text shown as written, on a page of another language", "in the original French"),
    "ru": pgettext_lazy("a text shown as written, on a page of another language", "in the original Russian"),
    "es": pgettext_lazy("a text shown as written, on a page of another language", "in the original Spanish"),
}


@register.filter
def in_the_original(language):
    """'in the original English' for ``en``, in the page's language."""
    return IN_THE_ORIGINAL[language]


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # rendered, so already escaped
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: keep what the block renders in ``name`` instead of showing it.

    So that a sentence holding a list of links stays one message, which a translator may reorder::

        {% capture as formats %}<a …>RIS</a>, …{% endcapture %}
        {% blocktranslate %}Also as {{ formats }}.{% endblocktranslate %}
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
