"""The public site as tests meet it: its URL patterns from the resolver, and real URLs for each.

``public_routes()`` walks the URL resolver and lists every route outside the admin.
``crawl(client)`` follows the links a visitor can follow, from the home page, and
``example_urls(client)`` gives, for every public route, some URLs that reach it: the route itself
when it takes no arguments, otherwise the first URLs the crawl found for it.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from http import HTTPStatus
from urllib.parse import urldefrag, urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

NON_PUBLIC_PREFIXES = ("admin/",)
# Not pages a visitor reaches by links: the JSON API, which Schemathesis walks over its whole schema instead
# (tests/api/test_contract.py), read-only (a POST is a 405 there, whatever its token: tests/api/test_http.py);
# the alerts' pages that only the links in messages reach, each with its own secret (tests/alerts/); and the language
# switcher's links, which remember a choice of language rather than lead to a page (tests/languages/): the crawl
# reads the English pages, the other languages' are checked page type by page type there.
NOT_CRAWLED_PREFIXES = ("api/", "alerts/confirm/", "alerts/unsubscribe/", "alerts/manage/", "language/")


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def public_routes():
    """Every route in the URL configuration that is not the admin's nor the API's, e.g. ``debates/<slug:slug>/``."""
    skipped = NON_PUBLIC_PREFIXES + NOT_CRAWLED_PREFIXES
    return sorted({route for route in _walk(get_resolver().url_patterns) if not route.startswith(skipped)})


def route_of(path):
    """The route a path resolves to, or None."""
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        elif tag == "link" and attributes.get("rel") == "alternate" and attributes.get("href"):
            self.hrefs.append(attributes["href"])  # the page's feeds, which feed readers follow
        elif tag == "form":
            self.forms.append({"action": attributes.get("action") or "", "method": attributes.get("method") or "get"})
            self.forms[-1]["fields"] = []
        elif tag in {"input", "select", "textarea"} and self.forms and attributes.get("name"):
            self.forms[-1]["fields"].append(attributes["name"])


def parse_page(html):
    """The links and forms of a page: ``(hrefs, [{"action", "method", "fields"}])``."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.hrefs, parser.forms


def body(response):
    """The bytes of a response, streamed (CSV exports) or not; a streamed one can be read only once."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def crawl(client, start="/", limit=400, per_route=None):
    """Follow internal links from ``start`` breadth first; return ``{url: response}`` for every page visited.

    ``per_route`` caps how many URLs of one route are visited (the explorer's filter links alone
    reach hundreds of combinations).
    """
    seen = {start}
    queued_per_route = Counter()
    queue = deque([start])
    visited = {}
    while queue and len(visited) < limit:
        url = queue.popleft()
        response = client.get(url)
        visited[url] = response
        content_type = response.headers.get("Content-Type", "")
        if response.status_code != HTTPStatus.OK or not content_type.startswith("text/html"):
            continue
        hrefs, forms = parse_page(response.content.decode())
        for href in hrefs + [form["action"] or url for form in forms if form["method"].lower() == "get"]:
            target, _ = urldefrag(urljoin(url, href))
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            route = route_of(parts.path)
            if parts.path.startswith(("/admin/", "/static/", "/language/")) or route is None or target in seen:
                continue
            if per_route is not None and queued_per_route[route] >= per_route:
                continue
            seen.add(target)
            queued_per_route[route] += 1
            queue.append(target)
    return visited


def example_urls(client, per_route=3, limit=400):
    """``{route: [url, …]}`` for every public route; a route the crawl never reached maps to ``[]``."""
    examples = {route: [] for route in public_routes()}
    for route in examples:
        if "<" not in route:
            examples[route].append("/" + route)
    # A few URLs of each route are enough, and capping them keeps the explorer's hundreds of filter links from
    # using up the crawl before the links deeper in the site (a theme's feeds) are reached.
    for url in crawl(client, limit=limit, per_route=max(per_route, 10)):
        route = route_of(url)
        if route in examples and url not in examples[route] and len(examples[route]) < per_route:
            examples[route].append(url)
    return examples
