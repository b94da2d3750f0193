"""The admin of the vocabularies' translations: the list, the checked form, and the matrix of what is missing."""

from html import unescape

import pytest
from django.urls import reverse

from panels.models import TermTranslation
from tests.admin_helpers import make_editor, make_reviewer, make_staff
from tests.panels.test_term_translations import seed

CHANGELIST = reverse("admin:panels_termtranslation_changelist")
ADD = reverse("admin:panels_termtranslation_add")
MISSING = reverse("admin:panels_termtranslation_missing")


@pytest.fixture
def seeded(db):
    seed()


def form_data(**values):
    data = {"vocabulary": "theme", "term": "freedom-from-fear", "language": "fr", "label": "x", "description": ""}
    data.update(values)
    data["loaded_version"] = ""
    return data


def test_the_list_shows_each_translation_beside_the_english_and_links_to_the_matrix(admin_client, seeded):
    html = admin_client.get(CHANGELIST, {"vocabulary": "theme", "language": "fr"}).content.decode()
    assert "Droit de vivre à l’abri de la peur" in html
    assert "Freedom from fear" in html
    assert f'href="{MISSING}"' in html
    found = admin_client.get(CHANGELIST, {"q": "Called for"}).context["cl"].result_list
    assert {row.term for row in found} == {"called-for"}


def test_the_matrix_lists_a_deleted_translation_as_missing_with_a_link_that_fills_the_form(admin_client, seeded):
    html = admin_client.get(MISSING).content.decode()
    assert 'class="missing-translation"' not in html
    TermTranslation.objects.filter(vocabulary="stance", term="urged", language="ru").delete()
    response = admin_client.get(MISSING)
    assert response.context["missing_total"] == 1
    html = response.content.decode()
    link = f"{ADD}?vocabulary=stance&amp;term=urged&amp;language=ru"
    assert f'<a class="missing-translation" href="{link}">' in html
    form = admin_client.get(unescape(link)).context["adminform"].form
    assert (form["vocabulary"].value(), form["term"].value(), form["language"].value()) == ("stance", "urged", "ru")


def test_the_form_refuses_a_term_not_in_its_vocabulary_at_the_field(admin_client, seeded):
    response = admin_client.post(ADD, form_data(vocabulary="stance", term="freedom-from-fear"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["term"] == ["No such term in this vocabulary."]
    assert not TermTranslation.objects.filter(vocabulary="stance", term="freedom-from-fear").exists()


def test_the_form_refuses_a_second_translation_of_a_term_into_a_language(admin_client, seeded):
    response = admin_client.post(ADD, form_data())
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert TermTranslation.objects.filter(vocabulary="theme", term="freedom-from-fear", language="fr").count() == 1


def test_a_translation_added_from_the_form_is_saved_with_its_history(admin_client, seeded):
    TermTranslation.objects.filter(vocabulary="topic", term="un-charter", language="es").delete()
    response = admin_client.post(ADD, form_data(vocabulary="topic", term="un-charter", language="es", label="Carta"))
    assert response.status_code == 302
    added = TermTranslation.objects.get(vocabulary="topic", term="un-charter", language="es")
    assert added.label == "Carta"
    assert added.history.count() == 1


def test_a_stale_form_is_refused(admin_client, seeded):
    row = TermTranslation.objects.get(vocabulary="extent", term="one", language="fr")
    url = reverse("admin:panels_termtranslation_change", args=[row.pk])
    data = form_data(vocabulary="extent", term="one", language="fr", label="Un seul")
    data["loaded_version"] = row.version
    row.label = "Une"
    row.save()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert TermTranslation.objects.get(pk=row.pk).label == "Une"


def test_staff_without_the_permission_are_refused_the_matrix(client, seeded):
    client.force_login(make_staff())
    assert client.get(MISSING).status_code == 403


def test_editors_see_the_matrix_and_reviewers_also_fill_it(client, seeded):
    """The vocabulary's translations show on every debate's pages at once: reviewers edit them (debates.roles)."""
    TermTranslation.objects.filter(vocabulary="stance", term="emphasized", language="fr").delete()
    add = "/admin/panels/termtranslation/add/?vocabulary=stance&amp;term=emphasized&amp;language=fr"
    client.force_login(make_editor())
    seen = client.get(MISSING)
    assert seen.status_code == 200 and add not in seen.content.decode()
    assert client.get("/admin/panels/termtranslation/add/").status_code == 403
    client.force_login(make_reviewer())
    assert add in client.get(MISSING).content.decode()
    assert client.get("/admin/panels/termtranslation/add/").status_code == 200
