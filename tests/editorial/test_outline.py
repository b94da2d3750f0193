"""The outline on a debate's change page: every segment, paragraph and statement, with links and marks."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from debates.models import Debate
from panels.models import Intervention, Paragraph
from tests.admin_helpers import make_reviewer
from tests.factories import make_debate, make_intervention, make_panel, make_paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def debate():
    """A draft with an introduction and a panel: three paragraphs, four statements, one needing review."""
    debate = make_debate(status=Debate.Status.DRAFT)
    panel = make_panel(debate, title="The notion")
    opening = make_paragraph(debate, text="Opening words. The President opened the debate.")
    first = make_paragraph(debate, panel, text="Panel words. One panelist suggested a definition. Others agreed.")
    make_paragraph(debate, panel, text="A paragraph without statements.")
    make_intervention(opening, text="The President opened the debate.")
    make_intervention(first, text="One panelist suggested a definition.")
    make_intervention(first, text="Others agreed.", needs_review=True, stance="")
    return debate


def outline_html(response):
    match = re.search(r'<section class="module debate-outline".*?</section>', response.content.decode(), re.S)
    assert match, "the change page has no outline"
    return match[0]


def test_the_outline_lists_every_paragraph_and_statement_with_working_links(client, debate):
    client.force_login(make_reviewer())
    response = client.get(reverse("admin:debates_debate_change", args=[debate.pk]))
    assert response.status_code == HTTPStatus.OK
    outline = outline_html(response)

    assert re.findall(r"<summary>\s*([^<(]+?)\s*<", outline) == ["Introduction", "Panel 1: The notion"]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', outline)
    expected = []
    for paragraph in Paragraph.objects.filter(debate=debate).order_by("number"):
        expected.append(reverse("admin:panels_paragraph_change", args=[paragraph.pk]))
        expected += [
            reverse("admin:panels_intervention_change", args=[statement.pk])
            for statement in paragraph.interventions.order_by("order")
        ]
    assert [url for url, _ in links] == expected
    assert [text.split()[0] for _, text in links] == ["¶1", "#1", "¶2", "#1", "#2", "¶3"]
    for url, _ in links:
        assert client.get(url).status_code == HTTPStatus.OK, url


def test_the_outline_marks_a_statement_to_check_and_shows_its_labels(client, debate):
    client.force_login(make_reviewer())
    outline = outline_html(client.get(reverse("admin:debates_debate_change", args=[debate.pk])))
    unchecked = Intervention.objects.get(needs_review=True)
    url = reverse("admin:panels_intervention_change", args=[unchecked.pk])

    marked = re.findall(r'<li class="outline-open">\s*<a href="([^"]+)">.*?</li>', outline, re.S)
    assert marked == [url]
    row = re.search(r'<li class="outline-open">.*?</li>', outline, re.S)[0]
    assert "needs review" in row
    assert "extent or stance not read" in row
    assert "Panelist · One · stance not read" in row
    assert "1 to check" in outline


def test_paragraphs_are_collapsed_on_the_debate_page_and_edited_on_their_own(client, debate):
    client.force_login(make_reviewer())
    response = client.get(reverse("admin:debates_debate_change", args=[debate.pk]))
    formsets = {inline.formset.model: inline for inline in response.context["inline_admin_formsets"]}
    assert formsets[Paragraph].is_collapsible
    paragraph = Paragraph.objects.get(debate=debate, number=2)
    page = client.get(reverse("admin:panels_paragraph_change", args=[paragraph.pk]))
    inlines = {inline.formset.model: inline.formset for inline in page.context["inline_admin_formsets"]}
    assert [form.instance.order for form in inlines[Intervention].forms] == [1, 2]
    assert "One panelist suggested a definition. Others agreed." in page.content.decode()
