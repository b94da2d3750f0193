"""Splitting a proposed statement in the import preview, and the preview's form kept small."""

import json
from html import unescape

import pytest
from django.conf import settings

from debates.models import Debate
from panels.models import Intervention
from tests.editorial.test_admin_import import FACTS, URL, hidden_fields, preview, snapshot
from tests.editorial.test_import_corrections import statement_fields

pytestmark = pytest.mark.django_db

# ¶2's first statement reports two points, which the importer reads as one ("Delegations stressed … and many
# participants also called for …"); its second statement follows.
PARAGRAPH = (
    "Delegations stressed the role of the State and many participants also called for resources. "
    "One panelist suggested a review."
)
SUMMARY = f"""Introduction

The debate opened.

Panel 1: A possible approach

{PARAGRAPH}

Conclusion

There was general consensus that human security is people-centred.
"""
# The controls are named after where each statement starts in its paragraph (counted by hand).
FIRST, SECOND = "s2-at0", "s2-at92"
MANY = PARAGRAPH.index("many participants")


def post(client, fields, **changes):
    return client.post(URL, {"kind": "informal-thematic-debate", **FACTS, "text": SUMMARY, **fields, **changes})


def statements(response, number=2):
    paragraph = next(p for p in response.context["proposal"].paragraphs if p.number == number)
    return [(s.order, s.text, s.actor_kinds, s.extent, s.stance) for s in paragraph.statements]


def test_splitting_a_statement_shows_both_parts_read_on_their_own_and_saves_nothing(editor_client):
    assert PARAGRAPH.index("One panelist") == 92
    first = preview(editor_client, text=SUMMARY)
    fields = statement_fields(first.content.decode())
    assert f"{FIRST}-split_at" in fields and f"{SECOND}-split_at" in fields
    before = snapshot()
    # "Save as draft" pressed with a split pending: the split is shown, nothing is saved.
    response = post(editor_client, fields, **{f"{FIRST}-split_at": "many participants", "_save": "1"})
    assert response.status_code == 200
    assert snapshot() == before
    assert statements(response) == [
        (1, "Delegations stressed the role of the State", ["participant"], "unquantified", "stressed"),
        (2, "many participants also called for resources.", ["participant"], "many", "called-for"),
        (3, "One panelist suggested a review.", ["panelist"], "one", "suggested"),
    ]
    html = response.content.decode()
    assert "is now two statements, the second from “many participants”" in html
    assert hidden_fields(html)["splits"] == f"2:{MANY}"
    # The parts' controls show the new readings, the second part's under its own name.
    again = statement_fields(html)
    assert again[f"s2-at{MANY}-stance"] == ["called-for"]
    assert again[f"s2-at{MANY}-extent"] == ["many"]
    assert again[f"{FIRST}-split_at"] == [""]


def test_a_split_statement_is_saved_as_two_with_the_editors_labels(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    # The editor corrects the paragraph's last statement, then splits the first: the correction holds.
    fields[f"{SECOND}-stance"] = ["proposed"]
    split = post(editor_client, fields, **{f"{FIRST}-split_at": "many participants"})
    fields = {**statement_fields(split.content.decode()), "splits": hidden_fields(split.content.decode())["splits"]}
    assert fields[f"{SECOND}-stance"] == ["proposed"]
    fields[f"s2-at{MANY}-extent"] = ["some"]
    response = post(editor_client, fields, _save="1")
    assert response.status_code == 302, response.context and response.context["form"].errors
    saved = Intervention.objects.filter(paragraph__number=2).order_by("order")
    assert [(s.order, s.text, s.extent, s.stance) for s in saved] == [
        (1, "Delegations stressed the role of the State", "unquantified", "stressed"),
        (2, "many participants also called for resources.", "some", "called-for"),
        (3, "One panelist suggested a review.", "one", "proposed"),
    ]
    assert not any(s.needs_review for s in saved)


def test_words_not_in_the_statement_are_an_error_at_the_split_control(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    before = snapshot()
    response = post(editor_client, fields, **{f"{FIRST}-split_at": "several panelists", "_save": "1"})
    assert response.status_code == 200
    assert snapshot() == before
    assert response.context["corrections"].forms[2, 1].errors["split_at"] == [
        "These words are not in the statement: copy them from it exactly."
    ]
    assert len(statements(response)) == 2


def test_a_split_the_text_does_not_allow_is_refused_and_nothing_is_saved(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    before = snapshot()
    for splits in ("2:3000", "9:4", "2:x", "nonsense"):
        response = post(editor_client, fields, splits=splits, _save="1")
        assert response.status_code == 200
        assert snapshot() == before
        assert "could not be found again" in str(response.context["form"].non_field_errors())
        assert len(statements(response)) == 2  # the proposal as read, without the bad split


def test_carried_corrections_that_cannot_be_read_are_refused(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    before = snapshot()
    for carried in ("[1]", "{", json.dumps({"s9-at0": {"stance": "stated"}})):
        response = post(editor_client, fields, carried=carried, _save="1")
        assert snapshot() == before
        assert "could not be read" in str(response.context["form"].non_field_errors())


def test_a_taken_slug_is_an_error_at_the_slug_on_the_first_pass(editor_client):
    fields = statement_fields(preview(editor_client, text=SUMMARY).content.decode())
    assert post(editor_client, fields, _save="1").status_code == 302
    taken = Debate.objects.get().slug
    response = preview(editor_client, text=SUMMARY, slug=taken)
    assert response.templates[0].name == "admin/panels/summary_import.html"
    assert response.context["form"].errors["slug"] == [
        f"A debate with the slug “{taken}” already exists; choose another slug."
    ]
    assert "not a valid slug" in preview(editor_client, text=SUMMARY, slug="a b").context["form"].errors["slug"][0]


def test_a_page_of_the_preview_keeps_its_form_under_djangos_field_limit(editor_client, monkeypatch):
    # 300 paragraphs of two statements each: pages of at most PREVIEW_STATEMENTS statements, whatever the
    # paragraph limit, and the corrections of other pages carried in one field.
    paragraph = "One panelist suggested a review. Some participants stressed prevention number {n}."
    text = "Introduction\n\n" + "\n\n".join(paragraph.format(n=n) for n in range(1, 301)) + "\n"
    response = preview(editor_client, text=text)
    page = response.context["page"]
    assert (page["first"], page["last"], page["pages"]) == (1, 50, 6)
    html = response.content.decode()
    sent = {**hidden_fields(html), **statement_fields(html)}
    assert sum(len(v) if isinstance(v, list) else 1 for v in sent.values()) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    # A correction on page 1 is carried through page 4 and saved.
    fields = statement_fields(html)
    fields["s1-at0-stance"] = ["proposed"]
    fourth = post(editor_client, fields, preview_page="4", text=text)
    assert fourth.context["page"]["first"] == 151
    carried = json.loads(unescape(hidden_fields(fourth.content.decode())["carried"]))
    assert list(carried) == ["s1-at0"]
    assert carried["s1-at0"]["stance"] == ["proposed"]
