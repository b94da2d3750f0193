"""Renumbering siblings when an editor types a new position: panels, paragraphs and statements stay 1..n."""

import pytest

from panels.models import Panel, Paragraph
from panels.services import PositionRequest, positions_renumber
from tests.admin_helpers import make_editor
from tests.factories import make_debate, make_panel, make_paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def debate():
    debate = make_debate()
    for letter in "ABCDE":
        make_paragraph(debate, text=f"Paragraph {letter}.")
    return debate


def order(debate):
    return "".join(text[-2] for text in debate.paragraphs.order_by("number").values_list("text", flat=True))


def move(debate, letter, wanted, user=None):
    paragraph = debate.paragraphs.get(text=f"Paragraph {letter}.")
    positions_renumber(
        requests=[PositionRequest(paragraph, wanted, changed=True)],
        siblings=debate.paragraphs.all(),
        field="number",
        user=user,
    )


@pytest.mark.parametrize(
    ("letter", "wanted", "expected"),
    [("D", 2, "ADBCE"), ("B", 4, "ACDBE"), ("A", 5, "BCDEA"), ("E", 1, "EABCD"), ("C", 99, "ABDEC"), ("C", 3, "ABCDE")],
)
def test_a_row_lands_at_the_number_typed(debate, letter, wanted, expected):
    move(debate, letter, wanted)
    assert order(debate) == expected
    assert list(debate.paragraphs.order_by("number").values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_a_new_row_is_inserted_at_its_number_and_a_blank_one_goes_last(debate):
    new = Paragraph(debate=debate, section="introduction", text="Paragraph X.")
    last = Paragraph(debate=debate, section="introduction", text="Paragraph Z.")
    positions_renumber(
        requests=[PositionRequest(new, 2, changed=True), PositionRequest(last, None, changed=True)],
        siblings=debate.paragraphs.all(),
        field="number",
    )
    assert order(debate) == "AXBCDEZ"


def test_gaps_left_by_deleted_rows_are_closed(debate):
    debate.paragraphs.get(text="Paragraph B.").delete()
    move(debate, "E", 4)  # moved up to the number D holds now: before D
    assert order(debate) == "ACED"
    assert list(debate.paragraphs.order_by("number").values_list("number", flat=True)) == [1, 2, 3, 4]


def test_only_rows_that_move_are_saved_and_each_save_is_in_the_history(debate):
    editor = make_editor()
    versions = dict(debate.paragraphs.values_list("text", "version"))
    move(debate, "D", 2, user=editor)
    after = dict(debate.paragraphs.values_list("text", "version"))
    assert after["Paragraph A."] == versions["Paragraph A."]
    assert after["Paragraph E."] == versions["Paragraph E."]
    for letter in "BCD":
        assert after[f"Paragraph {letter}."] == versions[f"Paragraph {letter}."] + 1
    moved = debate.paragraphs.get(text="Paragraph D.")
    assert moved.history.first().history_user == editor
    assert moved.history.first().number == 2


def test_panels_are_renumbered_within_their_debate_only():
    debate, other = make_debate(), make_debate()
    for title in ("One", "Two", "Three"):
        make_panel(debate, title=title)
    make_panel(other, title="Elsewhere")
    three = debate.panels.get(title="Three")
    positions_renumber(requests=[PositionRequest(three, 1, changed=True)], siblings=debate.panels.all(), field="order")
    assert list(debate.panels.order_by("order").values_list("title", flat=True)) == ["Three", "One", "Two"]
    assert Panel.objects.get(title="Elsewhere").order == 1
