"""Correcting the proposal in the import preview: the list of statements to check, and corrections saved."""

import json
import re
from html import unescape

import pytest

from debates.models import Debate, Theme, Topic
from editorial import import_views
from panels.attribution import ActorKind
from panels.models import Intervention
from tests.editorial.test_admin_import import FACTS, URL, hidden_fields, preview, snapshot

pytestmark = pytest.mark.django_db

# ¶2 has four statements: two read fully, one with no stance (2.2), one whose extent is not read (2.4 has
# none: "Delegations"); ¶3's statement names no speaker the importer knows, and ¶4's has no stance.
SUMMARY = """Introduction

The debate opened.

Panel 1: A possible approach

Delegations stressed the role of the State. Speakers mused about it. Some speakers argued for a new body.

The points of participants were many.

A number of delegations mused that the notion was vague.

Conclusion

There was general consensus that human security is people-centred.
"""


# The statements' controls are named after where each statement starts in its paragraph's text (counted by hand:
# "Delegations stressed the role of the State. " is 44 characters, "Speakers mused about it. " 25 more).
S21, S22, S23 = "s2-at0", "s2-at44", "s2-at69"


def proposal_statements(response):
    return {
        (paragraph.number, statement.order): statement
        for paragraph in response.context["proposal"].paragraphs
        for statement in paragraph.statements
    }


def statement_fields(html):
    """The correction controls of the preview (outside the save form, tied to it), as a browser sends them."""
    fields = {}
    for attributes in re.findall(r"<input ([^>]*)>", html):
        if 'form="summary-save-form"' not in attributes:
            continue
        name = re.search(r'name="([^"]*)"', attributes).group(1)
        value = re.search(r'value="([^"]*)"', attributes)
        kind = re.search(r'type="([^"]*)"', attributes).group(1)
        if kind in ("checkbox", "radio") and "checked" not in attributes:
            continue
        if kind == "submit":
            continue
        # A box without a value sends "on"; a text input without one sends "".
        fields.setdefault(name, []).append(value.group(1) if value else "on" if kind in ("checkbox", "radio") else "")
    for name, options in re.findall(r'<select name="([^"]*)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        fields[name] = [selected.group(1) if selected else ""]
    return fields


def save(client, fields, **changes):
    data = {"kind": "informal-thematic-debate", **FACTS, "text": SUMMARY, "_save": "1", **fields}
    data.update(changes)
    return client.post(URL, data)


def test_the_check_list_names_every_statement_not_fully_classified(editor_client):
    response = preview(editor_client, text=SUMMARY)
    statements = proposal_statements(response)
    unread = sorted(key for key, s in statements.items() if not (s.classified and s.extent and s.stance))
    assert len(unread) >= 3
    assert [(item["number"], item["order"]) for item in response.context["to_check"]] == unread
    html = response.content.decode()
    check = html[html.index('id="import-check"') :]
    check = check[: check.index("</div>")]
    for number, order in unread:
        assert f'<a href="#proposed-p{number}-s{order}">¶{number}, statement {order}</a>' in check
        assert f'id="proposed-p{number}-s{order}"' in html
    for key in set(statements) - set(unread):
        assert f"#proposed-p{key[0]}-s{key[1]}" not in check


def test_a_correction_is_saved_as_chosen_and_not_marked_needs_review(editor_client):
    html = preview(editor_client, text=SUMMARY).content.decode()
    fields = statement_fields(html)
    assert fields[f"{S22}-stance"] == [""]
    theme, topic = Theme.objects.order_by("slug").first(), Topic.objects.order_by("slug").first()
    response = save(
        editor_client,
        fields,
        **{
            f"{S22}-actor_kinds": ["panelist", "chair"],
            f"{S22}-extent": "one",
            f"{S22}-stance": "suggested",
            f"{S22}-themes": [theme.slug],
            f"{S22}-topics": [topic.slug],
        },
    )
    assert response.status_code == 302, response.context and response.context["corrections"].forms[2, 2].errors
    debate = Debate.objects.get()
    corrected = Intervention.objects.get(debate=debate, paragraph__number=2, order=2)
    assert corrected.text == "Speakers mused about it."
    assert corrected.actor_kinds == ActorKind.PANELIST | ActorKind.CHAIR
    assert (corrected.extent, corrected.stance) == ("one", "suggested")
    assert list(corrected.themes.values_list("slug", flat=True)) == [theme.slug]
    assert list(corrected.topics.values_list("slug", flat=True)) == [topic.slug]
    assert not corrected.needs_review
    # An uncorrected statement keeps the importer's reading, and one left with no stance still needs review.
    assert Intervention.objects.get(debate=debate, paragraph__number=2, order=1).stance == "stressed"
    untouched = Intervention.objects.get(debate=debate, paragraph__number=4, order=1)
    assert untouched.stance == "" and untouched.needs_review


def test_a_label_left_empty_stays_empty_and_needs_review(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    assert save(editor_client, fields, **{f"{S22}-extent": "one", f"{S22}-stance": ""}).status_code == 302
    statement = Intervention.objects.get(paragraph__number=2, order=2)
    assert (statement.extent, statement.stance, statement.needs_review) == ("one", "", True)


def test_a_dropped_statement_is_not_saved(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    assert save(editor_client, fields, **{f"{S22}-drop": "on"}).status_code == 302
    texts = list(Intervention.objects.filter(paragraph__number=2).order_by("order").values_list("text", flat=True))
    assert texts == ["Delegations stressed the role of the State.", "Some speakers argued for a new body."]


def test_an_unknown_stance_is_an_error_at_its_control_and_nothing_is_saved(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    before = snapshot()
    response = save(editor_client, fields, **{f"{S22}-stance": "shouted", f"{S23}-drop": "on"})
    assert response.status_code == 200
    assert snapshot() == before
    form = response.context["corrections"].forms[2, 2]
    assert list(form.errors) == ["stance"]
    html = response.content.decode()
    assert "Nothing was saved: correct the labels of 1 statement below." in html
    statement = html[html.index('id="proposed-p2-s2"') :]
    statement = statement[: statement.index("</li>\n")]
    assert "Select a valid choice. shouted is not one of the available choices." in statement


def test_unticking_every_actor_kind_without_dropping_is_an_error(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    fields.pop(f"{S21}-actor_kinds")
    before = snapshot()
    response = save(editor_client, fields)
    assert snapshot() == before
    assert list(response.context["corrections"].forms[2, 1].errors) == ["actor_kinds"]


def test_the_choices_survive_a_preview_shown_again(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    # The slug is taken, so the save fails at the slug; the preview comes back with the editor's choices.
    save(editor_client, fields)
    before = snapshot()
    response = save(
        editor_client,
        fields,
        slug=Debate.objects.get().slug,
        confirm_duplicate="on",
        **{f"{S22}-extent": "one", f"{S22}-stance": "suggested", f"{S22}-actor_kinds": ["chair"], f"{S23}-drop": "on"},
    )
    assert response.status_code == 200
    assert snapshot() == before
    assert "slug" in response.context["form"].errors
    again = statement_fields(response.content.decode())
    assert again[f"{S22}-extent"] == ["one"]
    assert again[f"{S22}-stance"] == ["suggested"]
    assert again[f"{S22}-actor_kinds"] == ["chair"]
    assert again[f"{S23}-drop"] == ["on"]


def test_corrections_travel_through_the_pages_of_the_preview(editor_client, monkeypatch):
    monkeypatch.setattr(import_views, "PREVIEW_PARAGRAPHS", 2)
    first = preview(editor_client, text=SUMMARY)
    # ¶3 and ¶4 are on page 2: the check list offers to show it.
    check = first.content.decode()
    assert 'form="summary-save-form" name="preview_page" value="2"' in check
    fields = {**statement_fields(first.content.decode()), f"{S22}-stance": "suggested", f"{S22}-extent": "one"}
    second = preview(editor_client, text=SUMMARY, preview_page="2", **fields)
    html = second.content.decode()
    assert [p["number"] for s in second.context["outline"] for p in s["paragraphs"]] == [3, 4]
    assert f"{S22}-stance" not in statement_fields(html)
    # The second page's controls and the first page's choices, now carried hidden in the save form, are sent on;
    # only the statement the editor changed is carried.
    carried = json.loads(unescape(hidden_fields(html)["carried"]))
    assert list(carried) == [S22]
    assert carried[S22]["stance"] == ["suggested"] and carried[S22]["extent"] == ["one"]
    assert save(editor_client, {"carried": json.dumps(carried), **statement_fields(html)}).status_code == 302
    statement = Intervention.objects.get(paragraph__number=2, order=2)
    assert (statement.extent, statement.stance, statement.needs_review) == ("one", "suggested", False)
