"""Every public page in the six languages: its address, its lang and dir, the switcher, hreflang, negotiation."""

import re
from html.parser import HTMLParser
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from caching.middleware import CACHE_STATUS_HEADER
from debates.models import Debate, Topic
from languages.addresses import language_links
from languages.templatetags import languages as tags
from tests.factories import make_debate, make_intervention, make_paragraph, make_participant

PREFIXES = {"ar": "/ar", "zh-hans": "/zh-hans", "en": "", "fr": "/fr", "ru": "/ru", "es": "/es"}
QUERY = "theme=freedom-from-fear&year_from=2010"


@pytest.fixture
def archive(db):
    Topic.objects.create(slug="mediation", name="Mediation in the tests", description="A topic.")
    speaker = make_participant(slug="speaker", name="A Speaker")
    debate = make_debate(slug="a-debate", title="A debate")
    make_intervention(make_paragraph(debate), themes=["freedom-from-fear"], topics=["mediation"], participant=speaker)
    make_debate(slug="a-draft", status=Debate.Status.DRAFT)
    return debate


# Every kind of page a reader of the public site meets, as its English address.
PAGES = [
    "/",
    "/debates/",
    "/debates/a-debate/",
    "/themes/",
    "/themes/freedom-from-fear/",
    "/topics/",
    "/topics/mediation/",
    "/participants/",
    "/participants/speaker/",
    "/interventions/",
    f"/interventions/?{QUERY}",
    "/search/?q=definition",
    "/codebook/",
    "/downloads/",
    "/alerts/subscribe/?theme=freedom-from-fear",
]


class Head(HTMLParser):
    """The <html> element's attributes, the hreflang alternates and the switcher's links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html, self.alternates, self.switcher, self._in_switcher = {}, {}, {}, False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html = attributes
        elif tag == "link" and attributes.get("hreflang"):
            self.alternates[attributes["hreflang"]] = attributes["href"]
        elif tag == "nav" and "languages" in (attributes.get("class") or ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher[attributes["lang"]] = attributes

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def head(response):
    parser = Head()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize("language", list(PREFIXES))
@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_answers_in_each_language_with_its_lang_and_direction(client, archive, page, language):
    response = client.get(PREFIXES[language] + page)

    assert response.status_code == HTTPStatus.OK, response.content[:500]
    html = head(response).html
    assert html["lang"] == language
    assert html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert response["Content-Language"] == language


@pytest.mark.parametrize("language", list(PREFIXES))
def test_a_missing_page_is_a_404_in_its_language(client, archive, language):
    response = client.get(f"{PREFIXES[language]}/debates/no-such-debate/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert head(response).html["lang"] == language


def test_english_keeps_its_addresses_and_has_no_prefix_of_its_own(client, archive):
    assert client.get("/debates/a-debate/").status_code == HTTPStatus.OK
    assert client.get("/en/debates/a-debate/").status_code == HTTPStatus.NOT_FOUND


def test_a_draft_has_no_page_in_any_language(client, archive):
    for prefix in PREFIXES.values():
        assert client.get(f"{prefix}/debates/a-draft/").status_code == HTTPStatus.NOT_FOUND


def follow_switch(client, link):
    """Follow a switcher link: /language/<code>/?next=… remembers the choice and redirects to the page."""
    response = client.get(link["href"])
    assert response.status_code == HTTPStatus.FOUND
    return response


@pytest.mark.parametrize("page", [f"/interventions/?{QUERY}", "/debates/a-debate/", "/themes/freedom-from-fear/"])
def test_the_switcher_leads_to_the_same_page_and_query_in_every_language(client, archive, page):
    for language, prefix in PREFIXES.items():
        switcher = head(client.get(prefix + page)).switcher
        assert set(switcher) == set(PREFIXES)
        assert switcher[language]["aria-current"] == "true"
        for other, other_prefix in PREFIXES.items():
            if other == language:
                continue
            response = follow_switch(client, switcher[other])
            assert response["Location"] == other_prefix + page
            assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == other
            client.cookies.clear()


def test_the_switcher_on_a_debate_page_kept_for_all_readers_names_that_debate_in_each_language(client, archive):
    client.get("/debates/a-debate/")  # renders and keeps the English page
    french = head(client.get("/fr/debates/a-debate/"))

    assert french.html["lang"] == "fr"
    assert parse_qs(urlsplit(french.switcher["en"]["href"]).query)["next"] == ["/debates/a-debate/"]
    assert french.alternates["en"] == "http://testserver/debates/a-debate/"


def test_every_page_names_itself_in_every_language_and_english_as_the_default(client, archive):
    alternates = head(client.get(f"/ru/interventions/?{QUERY}")).alternates

    assert alternates == {
        **{
            ("zh-Hans" if code == "zh-hans" else code): f"http://testserver{prefix}/interventions/?{QUERY}"
            for code, prefix in PREFIXES.items()
        },
        "x-default": f"http://testserver/interventions/?{QUERY}",
    }


@pytest.mark.parametrize(
    "unsafe", ["https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere.example/", "debates/"]
)
def test_choosing_a_language_never_leads_off_the_site(client, archive, unsafe):
    response = client.get("/language/fr/", {"next": unsafe})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/fr/"


def test_choosing_an_unknown_language_is_a_404_and_remembers_nothing(client, archive):
    response = client.get("/language/de/", {"next": "/"})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


class TestFirstVisit:
    """An unprefixed address hears Accept-Language until the reader chooses a language."""

    def test_a_browser_preferring_french_is_sent_to_the_french_page_with_its_query(self, client, archive):
        response = client.get(
            "/interventions/", {"theme": "freedom-from-fear"}, headers={"accept-language": "fr-CH, fr;q=0.9"}
        )

        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == "/fr/interventions/?theme=freedom-from-fear"
        assert {"accept-language", "cookie"} <= vary(response)

    def test_chinese_as_browsers_name_it_reaches_simplified_chinese(self, client, archive):
        response = client.get("/debates/", headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.5"})

        assert response["Location"] == "/zh-hans/debates/"

    def test_english_or_an_unsupported_language_stays_on_the_english_page(self, client, archive):
        for header in ("en-GB,en;q=0.9,fr;q=0.8", "de-DE,de;q=0.9", ""):
            response = client.get("/debates/", headers={"accept-language": header})
            assert response.status_code == HTTPStatus.OK, header
            assert head(response).html["lang"] == "en"
            assert {"accept-language", "cookie"} <= vary(response)

    def test_a_reader_who_chose_english_stays_on_english_whatever_their_browser(self, client, archive):
        french = head(client.get("/fr/debates/")).switcher
        follow_switch(client, french["en"])

        response = client.get("/debates/", headers={"accept-language": "fr"})

        assert response.status_code == HTTPStatus.OK
        assert head(response).html["lang"] == "en"

    def test_a_reader_who_chose_arabic_is_sent_to_arabic_pages(self, client, archive):
        follow_switch(client, head(client.get("/debates/")).switcher["ar"])

        response = client.get("/themes/freedom-from-fear/", headers={"accept-language": "en"})

        assert response["Location"] == "/ar/themes/freedom-from-fear/"

    def test_a_prefixed_address_is_its_language_whatever_the_browser_or_the_cookie(self, client, archive):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        response = client.get("/es/debates/", headers={"accept-language": "fr"})

        assert response.status_code == HTTPStatus.OK
        assert head(response).html["lang"] == "es"
        assert "accept-language" not in vary(response)

    def test_a_form_sent_to_an_english_address_is_not_redirected(self, client, archive):
        response = client.post(
            "/alerts/subscribe/",
            {"email": "not an address", "theme": "freedom-from-fear"},
            headers={"accept-language": "fr"},
        )

        assert response.status_code != HTTPStatus.FOUND

    def test_the_admin_has_one_address_and_speaks_the_reader_s_language(self, client, archive):
        response = client.get("/admin/login/", headers={"accept-language": "fr"})

        assert response.status_code == HTTPStatus.OK
        assert re.search(r'<html lang="fr"', response.content.decode())


def test_the_api_speaks_english_to_every_reader_so_that_its_cached_answers_serve_all(client, archive):
    french = client.get("/api/v1/statements/", {"year_from": "abc"}, headers={"accept-language": "fr"})
    english = client.get("/api/v1/statements/", {"year_from": "abc"})

    assert french.status_code == HTTPStatus.BAD_REQUEST
    assert french.content == english.content
    assert french["Content-Language"] == "en"


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def test_the_page_cache_keeps_each_language_s_page_apart(client, archive, settings):
    settings.ARCHIVE_PAGE_CACHE = True
    english = client.get("/themes/freedom-from-fear/")
    french = client.get("/fr/themes/freedom-from-fear/")
    english_again = client.get("/themes/freedom-from-fear/")

    assert head(french).html["lang"] == "fr"
    assert head(english_again).html["lang"] == "en"
    assert english_again.content == english.content
    assert english_again[CACHE_STATUS_HEADER] == "hit"
    assert client.get("/fr/themes/freedom-from-fear/")[CACHE_STATUS_HEADER] == "hit"
    assert {"accept-language", "cookie"} <= vary(english_again)


def test_statements_listed_in_french_link_to_french_pages(client, archive):
    client.get("/interventions/")  # renders and keeps the English list items
    french = client.get("/fr/interventions/").content.decode()

    assert 'href="/fr/debates/a-debate/' in french
    assert 'href="/debates/a-debate/' not in french


@pytest.mark.parametrize("language", list(PREFIXES))
def test_feeds_say_their_language(client, archive, language):
    atom = client.get(f"{PREFIXES[language]}/feeds/debates.atom")
    json_feed = client.get(f"{PREFIXES[language]}/feeds/themes/freedom-from-fear.json")

    assert atom.status_code == json_feed.status_code == HTTPStatus.OK
    assert re.search(rf'<feed xml:lang="{language}" xmlns="http://www.w3.org/2005/Atom"', atom.content.decode())
    assert json_feed.json()["language"] == language
    # Each entry links to the page in the feed's language.
    assert f"http://testserver{PREFIXES[language]}/debates/a-debate/" in atom.content.decode()


@pytest.mark.parametrize("page", ["/fr/interventions/?theme=freedom-from-fear", "/fr/debates/a-debate/"])
def test_a_page_works_out_its_addresses_in_the_other_languages_once(client, archive, page, monkeypatch):
    calls = []
    monkeypatch.setattr(tags, "language_links", lambda path: calls.append(path) or language_links(path))

    response = client.get(page)

    assert response.status_code == HTTPStatus.OK
    assert len(calls) == 1, calls  # the switcher and the hreflang alternates share them
    assert len(head(response).alternates) == len(PREFIXES) + 1
