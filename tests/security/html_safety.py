"""Find anything a browser could execute in a piece of HTML, with the standard library's parser.

``executable_parts(html)`` lists every script-bearing element, event-handler attribute and
``javascript:``/``vbscript:``/``data:`` URL in ``html``.  A whole page may carry the site's own
scripts and stylesheets (from ``STATIC_URL``); stored Markdown HTML may carry none.
"""

import re
from html.parser import HTMLParser

from django.conf import settings

# Elements that run code, load another document or restyle the page.
FORBIDDEN_ELEMENTS = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "link",
        "meta",
        "svg",
        "math",
        "template",
        "noscript",
        "xml",
        "form",
        "input",
        "button",
        "textarea",
        "select",
    }
)
# Attributes whose value a browser follows as a URL.
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "dynsrc",
        "lowsrc",
        "cite",
        "srcset",
        "longdesc",
        "codebase",
    }
)
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript):", re.IGNORECASE)
EDGE_CONTROLS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")


def url_as_browsers_read_it(value):
    """What the WHATWG URL parser reads: C0 controls and spaces trimmed at both ends, tabs and newlines
    removed everywhere (a space inside a scheme, by contrast, makes it a relative URL)."""
    return TABS_AND_NEWLINES.sub("", EDGE_CONTROLS.sub("", value))


class _Finder(HTMLParser):
    def __init__(self, *, whole_page):
        super().__init__(convert_charrefs=True)
        self.whole_page = whole_page
        self.problems = []
        self.inside_own_script = False

    def _own_static(self, url):
        return bool(url) and url.startswith("/" + settings.STATIC_URL.lstrip("/"))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in FORBIDDEN_ELEMENTS and not self._allowed_on_page(tag, attributes):
            self.problems.append(f"<{tag}> element {attributes}")
        if tag == "script":
            self.inside_own_script = True
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name == "style" and not self.whole_page:
                self.problems.append(f"style attribute {value!r} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                for candidate in value.split(",") if name == "srcset" else [value]:
                    if DANGEROUS_SCHEME.match(url_as_browsers_read_it(candidate)):
                        self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.inside_own_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside_own_script = False

    def handle_data(self, data):
        if self.inside_own_script and data.strip():
            self.problems.append(f"inline script {data.strip()[:80]!r}")

    def _allowed_on_page(self, tag, attributes):
        """The page's own furniture: static scripts and stylesheets, the head's meta tags, its own forms."""
        if not self.whole_page:
            return False
        if tag == "script":
            return self._own_static(attributes.get("src"))
        if tag == "link":
            return attributes.get("rel") in {
                "stylesheet",
                "icon",
                "alternate",
                "canonical",
            } and not DANGEROUS_SCHEME.match(url_as_browsers_read_it(attributes.get("href") or ""))
        if tag == "meta":
            return "http-equiv" not in attributes
        return tag in {"form", "input", "button", "select", "textarea", "svg", "template", "noscript"}


def executable_parts(html, *, whole_page=False):
    """Everything in ``html`` a browser could execute; an empty list when it is safe."""
    finder = _Finder(whole_page=whole_page)
    finder.feed(html)
    finder.close()
    return finder.problems
