"""Bad input never gives a 500: a 400 naming the parameter and the reason, or a 404 for what does not exist."""

import json
from http import HTTPStatus

import pytest
from django.test import TestCase

from debates.models import Debate
from tests.factories import build_debate, make_participant
from tests.search.data import SLUG_2011, load_archive

LONG_Q = "security " * 1112  # 10,008 characters

# (URL, the parameter the answer must name, a word of the reason)
BAD_REQUESTS = [
    ("/interventions/?year_from=abc", "year_from", "whole number"),
    ("/interventions/?year_to=12.5", "year_to", "whole number"),
    ("/interventions/?year_from=1000", "year_from", "1945"),
    ("/interventions/?year_from=2011&year_to=2008", "year_to", "2011"),
    ("/interventions/?theme=no-such-theme", "theme", "valid choice"),
    ("/interventions/?theme=freedom-from-fear&theme=no-such-theme", "theme", "valid choice"),
    ("/interventions/?topic=no-such-topic", "topic", "valid choice"),
    ("/interventions/?debate=no-such-debate", "debate", "valid choice"),
    ("/interventions/?debate=draft-debate", "debate", "valid choice"),
    ("/interventions/?participant=nobody", "participant", "valid choice"),
    ("/interventions/?actor=president", "actor", "valid choice"),
    ("/interventions/?extent=all", "extent", "valid choice"),
    ("/interventions/?stance=shouted", "stance", "valid choice"),
    ("/interventions/?page=abc", "page", "whole number"),
    ("/interventions/?page=-1", "page", "greater than or equal to 1"),
    ("/interventions/?page=0", "page", "greater than or equal to 1"),
    ("/interventions/?page=1e3", "page", "whole number"),
    (f"/interventions/?q={LONG_Q}", "q", "at most 200 characters"),
    ("/interventions/?year_from=2008&year_from=2010", "year_from", "at most once"),
    ("/interventions/?debate=a&debate=b", "debate", "at most once"),
    ("/interventions/?page=1&page=2", "page", "at most once"),
    ("/interventions/?q=a%00b", "q", "NUL"),
    ("/interventions/?theme=%00", "theme", "NUL"),
    ("/interventions/?debate=x%00", "debate", "NUL"),
    ("/interventions/?q=%07bell", "q", "control character"),
    ("/interventions/?q=%ED%A0%80", "q", "UTF-8"),  # an encoded lone surrogate is not UTF-8
    ("/interventions/?q=%FF%FE", "q", "UTF-8"),
    ("/interventions/?q=%EF%BF%BE", "q", "non-character"),
    ("/interventions/?theme=caf%C3%A9", "theme", "valid choice"),
    ("/debates/?year=abc", "year", "whole number"),
    ("/debates/?session=65.5", "session", "whole number"),
    ("/debates/?kind=summit", "kind", "valid choice"),
    ("/debates/?theme=nope", "theme", "valid choice"),
    ("/debates/?topic=nope", "topic", "valid choice"),
    ("/debates/?page=two", "page", "whole number"),
    ("/debates/?year=2008&year=2010", "year", "at most once"),
    ("/themes/freedom-from-fear/?page=x", "page", "whole number"),
    ("/topics/use-of-force/?page=-3", "page", "greater than or equal to 1"),
    ("/participants/?page=%00", "page", "NUL"),
    ("/participants/srgjan-kerim/?page=1&page=1", "page", "at most once"),
    (f"/search/?q={LONG_Q}", "q", "at most 200 characters"),
    ("/search/?q=a&q=b", "q", "at most once"),
    ("/search/?q=%00", "q", "NUL"),
    ("/search/?q=human&page=abc", "page", "whole number"),
]

BAD_EXPORTS = [
    ("/interventions/export.json?year_from=abc", "year_from", "whole number"),
    ("/interventions/export.csv?theme=nope", "theme", "valid choice"),
    ("/interventions/export.csv?q=%00", "q", "NUL"),
    ("/interventions/export.json?stance=a&stance=b", "stance", "at most once"),
    (f"/interventions/export.json?q={LONG_Q}", "q", "at most 200 characters"),
    ("/interventions/export.csv?page=abc", "page", "whole number"),
]

NOT_FOUND = [
    "/debates/no-such-debate/",
    "/debates/draft-debate/",
    "/themes/no-such-theme/",
    "/topics/no-such-topic/",
    "/participants/nobody/",
    "/participants/draft-only-speaker/",
    "/themes/caf%C3%A9/",
    "/debates/%ED%A0%80/",
    "/themes/freedom-from-fear/?page=999",
    "/interventions/?page=999",
    "/debates/?page=999",
    "/search/?q=security&page=999",
    "/participants/?page=999",
]


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_archive()
        speaker = make_participant(slug="draft-only-speaker", name="Draft-only speaker")
        build_debate(
            {
                "debate": {"slug": "draft-debate", "status": Debate.Status.DRAFT},
                "introduction": [
                    {
                        "text": "One panelist said so.",
                        "statements": [{"text": "One panelist said so.", "participant": speaker}],
                    }
                ],
            }
        )

    def test_each_bad_parameter_gets_a_400_page_naming_it(self):
        for url, name, reason in BAD_REQUESTS:
            with self.subTest(url=url[:80]):
                response = self.client.get(url)
                self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
                self.assertTemplateUsed(response, "400.html")
                self.assertIn(name, response.context["errors"])
                self.assertIn(reason, " ".join(response.context["errors"][name]))
                self.assertContains(response, f"<code>{name}</code>", status_code=HTTPStatus.BAD_REQUEST)

    def test_each_bad_export_parameter_gets_a_json_error_naming_it(self):
        for url, name, reason in BAD_EXPORTS:
            with self.subTest(url=url[:80]):
                response = self.client.get(url)
                self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
                self.assertEqual(response["Content-Type"], "application/json")
                errors = json.loads(response.content)["errors"]
                self.assertIn(name, errors)
                self.assertIn(reason, " ".join(errors[name]))

    def test_what_does_not_exist_is_not_found(self):
        for url in NOT_FOUND:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, HTTPStatus.NOT_FOUND)

    def test_odd_but_valid_text_is_searched_not_refused(self):
        for url in (
            "/interventions/?q=caf%C3%A9",
            "/interventions/?q=%E4%BA%BA%E9%97%B4%E5%AE%89%E5%85%A8",
            "/interventions/?q=%F0%9F%95%8A%EF%B8%8F",
            "/search/?q=%22%22%22",
            "/search/?q=-",
            "/search/?q=or",
            "/search/?q=%27%3B+DROP+TABLE+panels_intervention%3B--",
            "/interventions/?q=tab%09and%0Anewline",
            "/interventions/?q=100%25",
            "/interventions/?q=_%25_",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, HTTPStatus.OK)

    def test_unknown_parameters_are_ignored(self):
        response = self.client.get(f"/interventions/?debate={SLUG_2011}&utm_source=mail&utm_source=again")
        self.assertEqual(response.status_code, HTTPStatus.OK)


@pytest.mark.django_db
def test_a_400_lists_every_wrong_parameter_at_once(client):
    response = client.get("/interventions/?year_from=abc&theme=nope&page=0&q=%00")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert set(response.context["errors"]) == {"year_from", "theme", "page", "q"}
