"""Themes, topics and the codebook's values on the public pages in the reader's language, or in English, marked.

Machine outputs (the codebook's JSON) stay English at every address; English pages read no translation.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from caching.stamp import forget_request_stamp, leave_request
from panels.models import Intervention, TermTranslation
from public import terms
from tests.panels.test_term_translations import seed
from tests.search.data import SLUG_2011, load_archive

FEAR_FR = "Droit de vivre à l’abri de la peur"
MARKED_FEAR = '<span lang="en" dir="ltr">Freedom from fear</span> <span class="untranslated"'


@pytest.fixture
def archive(db):
    load_archive()
    seed()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_theme_list_names_each_freedom_in_the_readers_language(client, archive):
    french = page(client, "/fr/themes/")
    assert f">{FEAR_FR}</a>" in french
    assert "La protection contre la violence" in french
    assert "Freedom from fear" not in french
    english = page(client, "/themes/")
    assert ">Freedom from fear</a>" in english
    assert FEAR_FR not in english
    assert f">{'Свобода от страха'}</a>" in page(client, "/ru/themes/")


def test_a_missing_translation_shows_the_english_with_lang_en_and_a_mark(client, archive):
    TermTranslation.objects.filter(vocabulary="theme", term="freedom-from-fear", language="fr").delete()
    html = page(client, "/fr/themes/")
    assert MARKED_FEAR in html
    assert terms.MARK in html
    assert "Droit de vivre à l’abri du besoin" in html  # the others are still translated
    detail = page(client, "/fr/themes/freedom-from-fear/")
    assert f"<h1><bdi>{MARKED_FEAR}" in detail
    assert "<title>Freedom from fear –" in detail  # a title holds no markup: the English, unmarked
    assert MARKED_FEAR not in page(client, "/themes/")  # English is never marked


def test_an_edited_translation_shows_at_once(client, archive):
    assert FEAR_FR in page(client, "/fr/themes/")
    translation_row = TermTranslation.objects.get(vocabulary="theme", term="freedom-from-fear", language="fr")
    translation_row.label = "Vivre à l’abri de la peur"
    translation_row.save()  # the change stamp moves
    html = page(client, "/fr/themes/")
    assert ">Vivre à l’abri de la peur</a>" in html
    assert FEAR_FR not in html


def test_the_theme_and_topic_pages_speak_the_readers_language(client, archive):
    detail = page(client, "/fr/themes/freedom-from-fear/")
    assert f"<h1><bdi>{FEAR_FR}</bdi></h1>" in detail
    assert f"<title>{FEAR_FR} –" in detail
    topics = page(client, "/es/topics/")
    assert ">Definición de la seguridad humana</a>" in topics
    home = page(client, "/zh-hans/")
    assert ">免于恐惧的自由</a>" in home  # the list of themes and the coverage chart's columns
    assert ">人的安全的定义</a>" in home


def test_the_explorers_options_and_filters_in_force_are_french(client, archive):
    html = page(client, "/fr/interventions/?theme=freedom-from-fear&stance=emphasized")
    assert f'<label for="facet-theme-1">{FEAR_FR} (' in html
    assert '<option value="emphasized" selected>Souligné (' in html
    assert '<option value="one">Un (' in html
    assert f"<strong>{FEAR_FR}</strong>" in html
    assert "<strong>Souligné</strong>" in html
    english = page(client, "/interventions/?theme=freedom-from-fear&stance=emphasized")
    assert '<option value="emphasized" selected>Emphasized (' in english
    assert "<strong>Freedom from fear</strong>" in english


def test_an_untranslated_option_is_marked_as_text_and_its_pill_with_markup(client, archive):
    TermTranslation.objects.filter(vocabulary="stance", term="emphasized", language="fr").delete()
    html = page(client, "/fr/interventions/?stance=emphasized")
    with translation.override("fr"):
        note = terms.untranslated_note()
    assert note != "not yet translated: shown in English"  # the mark's words are French too
    assert f'<option value="emphasized" selected lang="en" title="{note}">Emphasized [EN] (' in html
    assert '<strong><span lang="en" dir="ltr">Emphasized</span> <span class="untranslated"' in html


def test_a_statements_labels_name_its_stance_and_themes_in_the_readers_language(client, archive):
    statement = (
        Intervention.objects.filter(debate__slug=SLUG_2011, themes__slug="freedom-from-fear", stance="emphasized")
        .distinct()
        .first()
    ) or Intervention.objects.filter(debate__slug=SLUG_2011, themes__slug="freedom-from-fear").first()
    french_stance = TermTranslation.objects.get(vocabulary="stance", term=statement.stance, language="fr").label
    html = page(client, f"/fr/debates/{SLUG_2011}/")
    assert f'stance={statement.stance}">{french_stance.lower()}</a>' in html
    assert f'theme=freedom-from-fear">{FEAR_FR}</a>' in html
    english = page(client, f"/debates/{SLUG_2011}/")
    assert f'stance={statement.stance}">{statement.get_stance_display().lower()}</a>' in english


def test_the_codebook_page_is_french_and_its_json_stays_english(client, archive):
    html = page(client, "/fr/codebook/")
    assert f'<h3 id="label-theme-freedom-from-fear">{FEAR_FR} ' in html
    assert '<h3 id="label-stance-cautioned">Mis en garde ' in html
    assert "L’avertissement d’un risque" in html
    assert '<a href="#extent-several">Plusieurs</a>' in html  # the extent words of the coding rules
    body = json.loads(client.get("/fr/codebook.json").content)
    values = {
        (vocabulary["name"], value["value"]): value
        for vocabulary in body["vocabularies"]
        for value in vocabulary["values"]
    }
    assert values[("theme", "freedom-from-fear")]["label"] == "Freedom from fear"
    assert values[("stance", "cautioned")]["label"] == "Cautioned"
    assert values[("stance", "cautioned")]["definition"].startswith("A warning of a risk")
    assert "Droit de vivre" not in client.get("/fr/codebook.csv").content.decode()


def queries_of(client, url):
    client.get(url)  # the first request builds what a process keeps (the explorer's index, the translations)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


@pytest.mark.parametrize("url", ["/themes/", "/interventions/?stance=emphasized", "/codebook/"])
def test_english_pages_read_no_translation_and_other_languages_no_more_than_english(client, archive, url):
    english = queries_of(client, url)
    assert not [sql for sql in english if "termtranslation" in sql]
    assert len(queries_of(client, f"/fr{url}")) == len(english)  # the translations are kept under the stamp
    TermTranslation.objects.all().delete()
    assert len(queries_of(client, url)) == len(english)


def test_the_lookup_reads_nothing_in_english_and_once_per_stamp_in_french(archive, django_assert_num_queries):
    with translation.override("en"), django_assert_num_queries(0):
        found = terms.attribution_term("stance", "urged")
    assert (found.label, found.fallback) == ("Urged", False)
    forget_request_stamp()  # as a page renders: within a request, which reads the stamp once
    try:
        with translation.override("fr"):
            with django_assert_num_queries(2):  # the stamp, then the language's translations
                assert terms.attribution_term("stance", "urged").label == "Exhorté"
            with django_assert_num_queries(0):
                assert terms.attribution_term("extent", "one").label == "Un"
    finally:
        leave_request()
    # Outside a request (a command sending alerts), each lookup reads the stamp, and the translations only again
    # when it has moved.
    with translation.override("fr"), django_assert_num_queries(1):
        assert terms.attribution_term("extent", "one").label == "Un"


def test_a_feed_names_the_themes_in_its_language(client, archive):
    french = client.get("/fr/feeds/themes/freedom-from-fear.json").json()
    item = french["items"][0]
    assert FEAR_FR in item["content_html"]
    assert FEAR_FR in item["tags"] and "freedom-from-fear" in item["_archive"]["themes"]  # the slug stays
    english = client.get("/feeds/themes/freedom-from-fear.json").json()["items"][0]
    assert FEAR_FR not in english["content_html"] and "Freedom from fear" in english["tags"]
